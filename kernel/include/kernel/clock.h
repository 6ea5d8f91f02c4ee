/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's time: a count of timer ticks since the timer started. */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

/* Called by the architecture on every timer interrupt. */
void clock_tick(void);

/* Ticks so far. */
uint64_t clock_ticks(void);

/* Set the tick length (arch_init_timer's @hz). */
void clock_set_hz(unsigned hz);

/* True (once) if a tick asked for a reschedule since the last call. */
bool clock_take_resched(void);

/* Microseconds since the timer started, at tick precision. */
uint64_t clock_us(void);

#endif
