// SPDX-License-Identifier: BSD-2-Clause
/* The exception and page-fault protocols (ABI.md section 9). */
#include "suite.h"

#define WAIT_US 1000000ull
#define FLAGS_IF 0x200ul
#define VECTOR_UD 6

static struct suite_space space_a;

static struct {
	volatile int done;
	l4_word_t ud2_ip, rax;
} ex;

/* Make @arg (a thread id) the exception handler, then run into ud2 with
 * RAX = 0x1111; note RAX when (and if) the thread gets past it. */
static void raise_ud(void *arg)
{
	l4_word_t rax = 0x1111;

	l4_utcb()[L4_UTCB_EXCEPTION_HANDLER] = (l4_word_t)arg;
	__asm__ volatile("lea 1f(%%rip), %%rcx\n\t"
			 "mov %%rcx, %1\n\t"
			 "1: ud2"
			 : "+a"(rax), "=m"(ex.ud2_ip)
			 :
			 : "rcx", "memory");
	ex.rax = rax;
	ex.done = 1;
}

/* Start raise_ud with the caller as handler and take its exception
 * message; false (and a failure) if none came. */
static bool take_exception(l4_threadid_t *t)
{
	l4_threadid_t from = L4_NILTHREAD;
	l4_msgtag_t tag;

	ex.done = 0;
	*t = suite_thread_start(raise_ud, (void *)l4_myself().raw);
	if (!EXPECT(!l4_is_nil_thread(*t)))
		return false;
	tag = l4_ipc(L4_NILTHREAD, *t,
		     l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return false;
	EXPECT(from.raw == suite_thread_local(*t).raw);
	EXPECT(l4_is_exception_tag(tag));
	EXPECT(l4_msgtag_untyped(tag) == L4_EXC_UNTYPED);
	EXPECT(l4_msgtag_typed(tag) == 0);
	return true;
}

SUITE_TEST(exception_of_ud2_sends_the_handler_ip_registers_and_vector)
{
	l4_threadid_t t;

	if (!take_exception(&t))
		return;
	EXPECT(l4_mr(L4_EXC_MR_RIP) == ex.ud2_ip);
	EXPECT(l4_mr(L4_EXC_MR_NUMBER) == VECTOR_UD);
	EXPECT(l4_mr(L4_EXC_MR_RAX) == 0x1111);
	EXPECT(l4_mr(L4_EXC_MR_RCX) == ex.ud2_ip);
	EXPECT(l4_mr(L4_EXC_MR_RFLAGS) & FLAGS_IF);
	EXPECT(l4_mr(L4_EXC_MR_RSP) != 0);
	/* Answer with RIP past the ud2 only: the thread goes on. */
	l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
	l4_set_mr(1, ex.ud2_ip + 2);
	EXPECT(!l4_msgtag_is_error(l4_ipc(
		t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL)));
	if (!EXPECT(suite_wait_flag(&ex.done, WAIT_US)))
		return;
	EXPECT(ex.rax == 0x1111);
}

SUITE_TEST(exception_reply_writes_the_registers_back)
{
	l4_threadid_t t;

	if (!take_exception(&t))
		return;
	/* MR1..MR8 as received, but RIP past the ud2 and RAX changed. */
	l4_set_mr(0, l4_msgtag_make(0, L4_EXC_MR_RAX, 0).raw);
	l4_set_mr(L4_EXC_MR_RIP, l4_mr(L4_EXC_MR_RIP) + 2);
	l4_set_mr(L4_EXC_MR_RAX, 0x2222);
	EXPECT(!l4_msgtag_is_error(l4_ipc(
		t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL)));
	if (!EXPECT(suite_wait_flag(&ex.done, WAIT_US)))
		return;
	EXPECT(ex.rax == 0x2222);
}

SUITE_TEST(exception_without_a_handler_halts_the_thread)
{
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };
	l4_threadid_t t;

	ex.done = 0;
	t = suite_thread_start(raise_ud, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	suite_sleep_us(20000);
	EXPECT(!ex.done);
	l4_exchange_registers(t, &r);
	EXPECT(l4_thread_was_halted(r.control));
	EXPECT(r.ip == ex.ud2_ip);
}

/* A new space with a running agent in it, or nil (and a failure). */
static l4_threadid_t agent_in_new_space(void)
{
	if (!EXPECT(suite_space_create(&space_a)))
		return L4_NILTHREAD;
	return suite_agent_start(&space_a);
}

SUITE_TEST(page_fault_of_a_new_thread_reaches_its_pager_at_the_entry_point)
{
	l4_threadid_t a = agent_in_new_space();
	const struct suite_fault *f = &space_a.fault[0];

	if (!EXPECT(!l4_is_nil_thread(a)) || !EXPECT(space_a.nfaults >= 1))
		return;
	EXPECT(f->who.raw == a.raw);
	EXPECT(f->addr == f->ip);
	EXPECT(suite_in_image(f->ip));
	suite_space_delete(&space_a);
}

SUITE_TEST(page_fault_of_an_instruction_fetch_reports_execute_access)
{
	l4_threadid_t a = agent_in_new_space();

	if (!EXPECT(!l4_is_nil_thread(a)) || !EXPECT(space_a.nfaults >= 1))
		return;
	EXPECT(space_a.fault[0].rwx == L4_FPAGE_X);
	suite_space_delete(&space_a);
}

/* The fault at the page of @addr, if the pager saw exactly one there. */
static const struct suite_fault *only_fault_at(l4_word_t addr)
{
	const struct suite_fault *f = NULL;

	for (unsigned i = 0; i < space_a.nfaults; i++)
		if ((space_a.fault[i].addr & ~(SUITE_PAGE - 1)) ==
		    (addr & ~(SUITE_PAGE - 1)))
			f = f ? NULL : &space_a.fault[i];
	return suite_space_faults_at(&space_a, addr) == 1 ? f : NULL;
}

SUITE_TEST(page_fault_message_gives_the_address_and_read_access)
{
	l4_threadid_t a = agent_in_new_space();
	const struct suite_fault *f;

	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	suite_agent(a, SUITE_AG_READ, 0x20000128, 0, 0, NULL);
	f = only_fault_at(0x20000128);
	if (!EXPECT(f != NULL))
		return;
	EXPECT(f->who.raw == a.raw);
	EXPECT(f->addr == 0x20000128);
	EXPECT(f->rwx == L4_FPAGE_R);
	EXPECT(suite_in_image(f->ip));
	suite_space_delete(&space_a);
}

SUITE_TEST(page_fault_message_gives_the_address_and_write_access)
{
	l4_threadid_t a = agent_in_new_space();
	const struct suite_fault *f;

	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	suite_agent(a, SUITE_AG_WRITE, 0x20001238, 5, 0, NULL);
	f = only_fault_at(0x20001238);
	if (!EXPECT(f != NULL))
		return;
	EXPECT(f->addr == 0x20001238);
	EXPECT(f->rwx == L4_FPAGE_W);
	suite_space_delete(&space_a);
}

SUITE_TEST(page_fault_answered_with_a_map_item_lets_the_thread_go_on)
{
	l4_threadid_t a = agent_in_new_space();
	l4_word_t *backing = NULL;

	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_WRITE, 0x20002240, 0xabc, 0, NULL) == 0);
	EXPECT(suite_space_faults_at(&space_a, 0x20002240) == 1);
	/* The word landed in the page the pager sent. */
	for (unsigned i = 0; i < space_a.npages; i++)
		if (space_a.page[i].va == 0x20002000)
			backing = (l4_word_t *)space_a.page[i].backing;
	if (!EXPECT(backing != NULL))
		return;
	EXPECT(backing[0x240 / 8] == 0xabc);
	/* Mapped now: no second fault. */
	EXPECT(suite_agent(a, SUITE_AG_READ, 0x20002240, 0, 0, NULL) == 0xabc);
	EXPECT(suite_space_faults_at(&space_a, 0x20002240) == 1);
	suite_space_delete(&space_a);
}

static struct {
	volatile int done;
} gs;

/* With @arg as exception handler, read the GS base (F3 48 0F AE C8). */
static void read_gs_base(void *arg)
{
	l4_word_t base = 0;

	l4_utcb()[L4_UTCB_EXCEPTION_HANDLER] = (l4_word_t)arg;
	__asm__ volatile("rdgsbase %%rax" : "=a"(base));
	(void)base;
	gs.done = 1;
}

SUITE_TEST(rdgsbase_raises_invalid_opcode_so_gs_stays_the_kernels)
{
	l4_threadid_t t, from = L4_NILTHREAD;
	l4_msgtag_t tag;

	gs.done = 0;
	t = suite_thread_start(read_gs_base, (void *)l4_myself().raw);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	tag = l4_ipc(L4_NILTHREAD, t,
		     l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return;
	EXPECT(l4_is_exception_tag(tag));
	EXPECT(l4_mr(L4_EXC_MR_NUMBER) == VECTOR_UD);
	l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
	l4_set_mr(1, l4_mr(L4_EXC_MR_RIP) + 5);
	l4_ipc(t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	EXPECT(suite_wait_flag(&gs.done, WAIT_US));
}

#define NEVER_MAPPED 0x6f0000000ul /* nothing of the suite's lies there */

/* Read NEVER_MAPPED: a page fault to the thread's pager. */
static void read_never_mapped(void *unused)
{
	(void)*(volatile l4_word_t *)NEVER_MAPPED;
}

/* Receive a page fault of @t at NEVER_MAPPED; false if none came. */
static bool fault_at_never_mapped(l4_threadid_t t)
{
	l4_threadid_t from;
	l4_msgtag_t tag =
		l4_ipc(L4_NILTHREAD, t,
		       l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);

	return !l4_msgtag_is_error(tag) && l4_is_pagefault_tag(tag) &&
	       l4_mr(L4_PF_MR_ADDR) == NEVER_MAPPED;
}

SUITE_TEST(page_fault_ipc_aborted_by_exregs_makes_the_thread_fault_again)
{
	l4_threadid_t t = suite_thread_create_paged(l4_myself());
	struct l4_exregs r = { .control = L4_EXREGS_ABORT_IPC };

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_thread_run(t, read_never_mapped, NULL)) ||
	    !EXPECT(fault_at_never_mapped(t)))
		return;
	/* Abort the fault's IPC (as the reference's l4test does): no
	 * exception, no halt; the access runs again and faults again. */
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(t, &r)));
	EXPECT(fault_at_never_mapped(t));
	r = (struct l4_exregs){ .control = L4_EXREGS_DELIVER };
	l4_exchange_registers(t, &r);
	EXPECT(!l4_thread_was_halted(r.control));
}
