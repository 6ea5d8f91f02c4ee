/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel's time: a count of timer ticks since the timer started. */
#ifndef KERNEL_CLOCK_H
#define KERNEL_CLOCK_H

#include <stdint.h>

/* Called by the architecture on every timer interrupt. */
void clock_tick(void);

/* Ticks so far. */
uint64_t clock_ticks(void);

#endif
