/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPC fastpath (arch/x86_64/entry.asm, docs/fastpath.md) handles Call
 * and ReplyWait with untyped words only, to a receiver that waits and
 * runs next. Everything else, and every case where one of the vetoes
 * below is up, goes to the slow path, which stays the specification.
 *
 * The vetoes are one byte each in one 32-bit word, so that the entry code
 * tests all of them with one compare.
 */
#ifndef KERNEL_FASTPATH_H
#define KERNEL_FASTPATH_H

#include <stdbool.h>
#include <stdint.h>

struct fastpath_veto {
	bool wakeup; /* a woken thread may be more urgent (sched.c) */
	bool tick;   /* a timer tick asked for a reschedule (clock.c) */
	bool kcheck; /* "kcheck": walk the kernel's structures on every
			return to user mode, which the fastpath does not */
	bool off;    /* turned off: "nofastpath", or at run time through
			the kernel debugger (tests, benchmarks) */
};

extern struct fastpath_veto fastpath_veto;

/* Is the fastpath compiled in (CMake option L4_FASTPATH)? */
static inline bool fastpath_built(void)
{
#if L4_FASTPATH
	return true;
#else
	return false;
#endif
}

/* Turn the fastpath on or off (no effect if it is not built in). */
static inline void fastpath_enable(bool on)
{
	fastpath_veto.off = !on;
}

static inline bool fastpath_enabled(void)
{
	return fastpath_built() && !fastpath_veto.off;
}

/* Does it run? Not with "kcheck", whose walks it would skip. */
static inline bool fastpath_active(void)
{
	return fastpath_enabled() && !fastpath_veto.kcheck;
}

/* How often the fastpath ran, for tests and benchmarks. */
extern uint64_t fastpath_hits;

#endif
