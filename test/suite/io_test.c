// SPDX-License-Identifier: BSD-2-Clause
/*
 * I/O ports (ABI.md section 11): sigma0 holds them all and hands them out
 * as I/O flexpages; a space may use the ports it holds, and any other port
 * raises a general protection exception. Each case uses ports of its own
 * (only reading them), since sigma0 gives each range to one thread only.
 */
#include "suite.h"

#define WAIT_US 1000000ull
#define VECTOR_GP 13

static struct {
	l4_word_t port;
	l4_threadid_t handler;
	volatile int done;
} io;

/* Read port io.port (inb %dx, %al: one byte) with io.handler as the
 * exception handler. */
static void read_port(void *unused)
{
	uint8_t v;

	l4_utcb()[L4_UTCB_EXCEPTION_HANDLER] = io.handler.raw;
	__asm__ volatile("inb %%dx, %%al" : "=a"(v) : "d"(io.port));
	(void)v;
	io.done = 1;
}

/* Read io.port in a helper; true if that raised #GP (the exception went to
 * the caller, which let the helper skip the instruction). */
static bool read_faults(l4_word_t port)
{
	l4_threadid_t t;
	l4_msgtag_t tag;
	bool gp;

	io.port = port;
	io.handler = l4_myself();
	io.done = 0;
	t = suite_thread_start(read_port, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return false;
	tag = l4_ipc(L4_NILTHREAD, t,
		     l4_timeouts(L4_NEVER, l4_time_from_us(100000)), NULL);
	if (l4_msgtag_is_error(tag)) {
		EXPECT(io.done);
		return false;
	}
	gp = l4_is_exception_tag(tag) && l4_mr(L4_EXC_MR_NUMBER) == VECTOR_GP;
	l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
	l4_set_mr(1, l4_mr(L4_EXC_MR_RIP) + 1);
	l4_ipc(t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	EXPECT(suite_wait_flag(&io.done, WAIT_US));
	return gp;
}

SUITE_TEST(io_port_access_without_the_port_raises_general_protection)
{
	EXPECT(read_faults(0x84));
}

SUITE_TEST(sigma0_maps_io_ports_that_the_space_may_then_use)
{
	l4_fpage_t f = l4_fpage_raw(suite_sigma0_ports(0x80, 0));

	if (!EXPECT(!l4_fpage_is_nil(f)))
		return;
	EXPECT(l4_fpage_is_io(f));
	EXPECT(l4_iofpage_port(f) == 0x80 && l4_iofpage_log2(f) == 0);
	EXPECT(!read_faults(0x80));
	EXPECT(read_faults(0x81)); /* only the one port */
}

static struct {
	volatile int done;
	l4_word_t fpage;
} other;

/* Another requester asks for the ports the case holds. */
static void request_as_other(void *unused)
{
	other.fpage = suite_sigma0_ports(0x88, 1);
	other.done = 1;
}

SUITE_TEST(sigma0_refuses_io_ports_another_thread_holds)
{
	other.done = 0;
	if (!EXPECT(suite_sigma0_ports(0x88, 1) != 0) ||
	    !EXPECT(!l4_is_nil_thread(
		    suite_thread_start(request_as_other, NULL))) ||
	    !EXPECT(suite_wait_flag(&other.done, WAIT_US)))
		return;
	EXPECT(other.fpage == 0);
}

SUITE_TEST(unmap_with_flush_of_an_io_fpage_takes_the_ports_away)
{
	if (!EXPECT(suite_sigma0_ports(0x86, 0) != 0))
		return;
	EXPECT(!read_faults(0x86));
	suite_unmap_fpage(l4_iofpage(0x86, 0, 0), true);
	EXPECT(read_faults(0x86));
}
