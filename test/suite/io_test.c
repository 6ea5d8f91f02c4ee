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

/*
 * Can agent @a read @port? The agent runs inb with this thread as its
 * exception handler: a #GP comes here, and the agent is let go on after
 * the one-byte instruction.
 */
static bool agent_reads(l4_threadid_t a, l4_word_t port)
{
	l4_word_t utcb = suite_agent(a, SUITE_AG_WHOAMI, 0, 0, 0, NULL);
	l4_msgtag_t tag;
	bool gp;

	suite_agent(a, SUITE_AG_WRITE, utcb + 8 * L4_UTCB_EXCEPTION_HANDLER,
		    l4_myself().raw, 0, NULL);
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_INB, 3, 0).raw);
	l4_set_mr(1, port);
	l4_set_mr(2, 0);
	l4_set_mr(3, 0);
	if (!EXPECT(!l4_msgtag_is_error(l4_send(a))))
		return false;
	tag = suite_serve(a, WAIT_US);
	gp = l4_is_exception_tag(tag) && l4_mr(L4_EXC_MR_NUMBER) == VECTOR_GP;
	if (gp) {
		l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
		l4_set_mr(1, l4_mr(L4_EXC_MR_RIP) + 1);
		l4_ipc(a, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER),
		       NULL);
		tag = suite_serve(a, WAIT_US);
	}
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
	return !gp;
}

static struct suite_space space_x, space_y;

/* Ports @port (one) from sigma0 here, then to agent *@a in a new space,
 * and from there to agent *@b in another (granted if @grant). */
static bool port_chain(l4_word_t port, l4_threadid_t *a, l4_threadid_t *b,
		       bool grant)
{
	l4_fpage_t f = l4_iofpage(port, 0, 0);
	l4_word_t tag;

	if (!EXPECT(suite_sigma0_ports(port, 0) != 0) ||
	    !EXPECT(suite_space_create(&space_x)) ||
	    !EXPECT(suite_space_create(&space_y)))
		return false;
	*a = suite_agent_start(&space_x);
	*b = suite_agent_start(&space_y);
	if (!EXPECT(!l4_is_nil_thread(*a) && !l4_is_nil_thread(*b)) ||
	    !EXPECT(suite_agent_map(*a, f, 0, false)))
		return false;
	tag = suite_agent(*a, SUITE_AG_FORWARD, b->raw, f.raw, grant ? 1 : 0,
			  NULL);
	return EXPECT(!l4_msgtag_is_error(l4_msgtag(tag)));
}

SUITE_TEST(unmap_of_an_io_fpage_takes_the_ports_from_every_space_below)
{
	l4_threadid_t a, b;

	if (!port_chain(0x8a, &a, &b, false))
		return;
	EXPECT(agent_reads(a, 0x8a) && agent_reads(b, 0x8a));
	EXPECT(!agent_reads(a, 0x8b)); /* only the port mapped */
	/* Without the flush bit: from a and b, not from here. */
	suite_unmap_fpage(l4_iofpage(0x8a, 0, 0), false);
	EXPECT(!agent_reads(a, 0x8a));
	EXPECT(!agent_reads(b, 0x8a));
	EXPECT(!read_faults(0x8a));
	suite_space_delete(&space_x);
	suite_space_delete(&space_y);
}

SUITE_TEST(unmap_in_the_middle_of_an_io_chain_spares_the_top)
{
	l4_threadid_t a, b;

	if (!port_chain(0x8c, &a, &b, false))
		return;
	/* a flushes its own: a and b lose the port, this space keeps it. */
	suite_agent(a, SUITE_AG_UNMAP, l4_iofpage(0x8c, 0, 0).raw,
		    L4_UNMAP_FLUSH, 0, NULL);
	EXPECT(!agent_reads(a, 0x8c));
	EXPECT(!agent_reads(b, 0x8c));
	EXPECT(!read_faults(0x8c));
	suite_space_delete(&space_x);
	suite_space_delete(&space_y);
}

SUITE_TEST(a_deleted_space_takes_the_ports_it_mapped_on_with_it)
{
	l4_threadid_t a, b;

	if (!port_chain(0x8d, &a, &b, false))
		return;
	EXPECT(agent_reads(b, 0x8d));
	suite_space_delete(&space_x); /* a's space, b's parent */
	EXPECT(!agent_reads(b, 0x8d));
	EXPECT(!read_faults(0x8d));
	suite_space_delete(&space_y);
}

SUITE_TEST(granted_io_ports_move_and_stay_in_the_chain)
{
	l4_threadid_t a, b;

	if (!port_chain(0x8e, &a, &b, true))
		return;
	EXPECT(!agent_reads(a, 0x8e)); /* granted away */
	EXPECT(agent_reads(b, 0x8e));
	suite_unmap_fpage(l4_iofpage(0x8e, 0, 0), false);
	EXPECT(!agent_reads(b, 0x8e));
	EXPECT(!read_faults(0x8e));
	suite_space_delete(&space_x);
	suite_space_delete(&space_y);
}
