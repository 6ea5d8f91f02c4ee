// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's clock: timer ticks counted since the timer started. Each
 * tick also drives the scheduler (time slices, IPC timeouts).
 */
#include <kernel/clock.h>
#include <kernel/fastpath.h>
#include <kernel/sched.h>

static volatile uint64_t ticks;
static uint64_t us_per_tick = 1000;

void clock_set_hz(unsigned hz)
{
	us_per_tick = 1000000 / hz;
}

void clock_tick(void)
{
	ticks++;
	fastpath_veto.tick |= sched_tick(ticks * us_per_tick, us_per_tick);
}

bool clock_take_resched(void)
{
	bool r = fastpath_veto.tick;

	fastpath_veto.tick = false;
	return r;
}

uint64_t clock_ticks(void)
{
	return ticks;
}

uint64_t clock_us(void)
{
	return ticks * us_per_tick;
}
