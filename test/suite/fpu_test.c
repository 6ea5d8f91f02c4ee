// SPDX-License-Identifier: BSD-2-Clause
/*
 * FPU and SSE state (arch/x86_64/fpu.c): each thread has its own, saved
 * and restored lazily when another thread uses the FPU. The suite is built
 * without FPU code (-mgeneral-regs-only), so the registers are reached
 * with explicit instructions only.
 */
#include "suite.h"

#define WAIT_US 1000000ull

static struct {
	uint64_t value; /* what the other thread puts in xmm0 */
	uint64_t seen;	/* what it finds there afterwards */
	volatile int set, done;
	l4_threadid_t partner;
} other;

/* Put other.value in xmm0, hand the CPU back, then check it is still
 * there. */
static void other_thread(void *unused)
{
	suite_set_xmm0(other.value);
	other.set = 1;
	l4_thread_switch(other.partner);
	other.seen = suite_get_xmm0();
	other.done = 1;
}

SUITE_TEST(fpu_registers_are_private_to_each_thread)
{
	const uint64_t mine = 0x1122334455667788ull;
	l4_threadid_t t;

	suite_set_xmm0(mine);
	other.value = 0xa5a5a5a5deadbeefull;
	other.set = other.done = 0;
	other.partner = l4_myself();
	t = suite_thread_start(other_thread, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_flag(&other.set, WAIT_US)))
		return;
	EXPECT(suite_get_xmm0() ==
	       mine); /* the other thread's value stayed there */
	l4_thread_switch(t);
	EXPECT(suite_wait_flag(&other.done, WAIT_US));
	EXPECT(other.seen == other.value);
	EXPECT(suite_get_xmm0() == mine);
}

SUITE_TEST(fpu_state_of_a_new_thread_starts_clean)
{
	uint32_t mxcsr = 0;

	/* The first use of the FPU gives the default MXCSR: all exceptions
	 * masked, round to nearest. */
	__asm__ volatile("stmxcsr %0" : "=m"(mxcsr));
	EXPECT((mxcsr & 0xffc0) == 0x1f80);
}
