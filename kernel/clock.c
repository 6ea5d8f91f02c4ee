// SPDX-License-Identifier: BSD-2-Clause
/* The tick counter; the scheduler and IPC timeouts will hang off it. */
#include <kernel/clock.h>

static volatile uint64_t ticks;

void clock_tick(void)
{
	ticks++;
}

uint64_t clock_ticks(void)
{
	return ticks;
}
