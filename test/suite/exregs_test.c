// SPDX-License-Identifier: BSD-2-Clause
/* ExchangeRegisters: reading and setting registers, halting, id forms. */
#include "suite.h"
#include <l4/message.h>

#define WAIT_US 1000000ull
#define FLAGS_CF_ZF_SF 0xc1ul
#define FLAGS_IF 0x200ul

static struct suite_space space_a;
static struct suite_rx rx;
static struct suite_tx tx;

/* ExchangeRegisters with @control only; returns the old control. */
static l4_word_t exregs_control(l4_threadid_t t, l4_word_t control)
{
	struct l4_exregs r = { .control = control };

	l4_exchange_registers(t, &r);
	return r.control;
}

SUITE_TEST(exregs_reads_back_the_sp_ip_and_flags_it_set)
{
	l4_threadid_t t = suite_thread_create(), id;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_SP | L4_EXREGS_SET_IP |
			   L4_EXREGS_SET_FLAGS | L4_EXREGS_HALTFLAG |
			   L4_EXREGS_HALT,
		.sp = 0x12345670,
		.ip = 0x23456780,
		.flags = FLAGS_IF | FLAGS_CF_ZF_SF,
	};

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	id = l4_exchange_registers(t, &r);
	EXPECT(!l4_is_nil_thread(id));
	r = (struct l4_exregs){ .control = L4_EXREGS_DELIVER };
	id = l4_exchange_registers(t, &r);
	EXPECT(!l4_is_nil_thread(id));
	EXPECT(r.sp == 0x12345670);
	EXPECT(r.ip == 0x23456780);
	EXPECT((r.flags & FLAGS_CF_ZF_SF) == FLAGS_CF_ZF_SF);
	EXPECT(r.flags & FLAGS_IF);
	EXPECT(l4_thread_was_halted(r.control));
}

static struct {
	volatile int done;
	l4_word_t handle, pager;
} seen;

/* Wait for a message, then note the UTCB's handle and pager. */
static void note_handle_and_pager(void *arg)
{
	l4_wait(NULL);
	seen.handle = l4_utcb()[L4_UTCB_USER_DEFINED_HANDLE];
	seen.pager = l4_utcb()[L4_UTCB_PAGER];
	seen.done = 1;
}

SUITE_TEST(exregs_sets_the_user_defined_handle_and_the_pager)
{
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_HANDLE | L4_EXREGS_SET_PAGER |
			   L4_EXREGS_DELIVER,
		.handle = 0xfeedface,
		.pager = suite_sigma0,
	};
	l4_threadid_t t;

	seen.done = 0;
	t = suite_thread_start(note_handle_and_pager, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	l4_exchange_registers(t, &r);
	EXPECT(r.pager.raw == suite_runner.raw); /* the old pager */
	r = (struct l4_exregs){ .control = L4_EXREGS_DELIVER };
	l4_exchange_registers(t, &r);
	EXPECT(r.handle == 0xfeedface);
	EXPECT(r.pager.raw == suite_sigma0.raw);
	/* The thread sees them in its UTCB. */
	l4_set_mr(0, 0);
	l4_send(t);
	if (!EXPECT(suite_wait_flag(&seen.done, WAIT_US)))
		return;
	EXPECT(seen.handle == 0xfeedface);
	EXPECT(seen.pager == suite_sigma0.raw);
}

SUITE_TEST(exregs_halt_stops_a_running_thread_and_resume_restarts_it)
{
	static volatile l4_word_t counter;
	l4_threadid_t t;
	l4_word_t c1;

	counter = 0;
	t = suite_thread_start(suite_spinner, (void *)&counter);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	suite_sleep_us(20000);
	EXPECT(counter > 0);
	EXPECT(!l4_thread_was_halted(exregs_control(
		t, L4_EXREGS_HALTFLAG | L4_EXREGS_HALT | L4_EXREGS_DELIVER)));
	c1 = counter;
	suite_sleep_us(30000);
	EXPECT(counter == c1);
	EXPECT(l4_thread_was_halted(exregs_control(t, L4_EXREGS_DELIVER)));
	exregs_control(t, L4_EXREGS_HALTFLAG);
	suite_sleep_us(30000);
	EXPECT(counter > c1);
	EXPECT(!l4_thread_was_halted(exregs_control(t, L4_EXREGS_DELIVER)));
}

SUITE_TEST(exregs_reports_a_receiving_and_a_sending_thread)
{
	l4_threadid_t r, s, b = suite_thread_start(NULL, NULL);
	l4_word_t old;

	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	tx = (struct suite_tx){ .to = b, .tag = l4_msgtag_make(1, 0, 0) };
	r = suite_thread_start(suite_receiver, &rx);
	s = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(r) && !l4_is_nil_thread(s)) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)) ||
	    !EXPECT(suite_wait_state(s, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	old = exregs_control(r, L4_EXREGS_DELIVER);
	EXPECT(l4_thread_was_receiving(old) && !l4_thread_was_sending(old));
	EXPECT(!l4_thread_was_halted(old));
	old = exregs_control(s, L4_EXREGS_DELIVER);
	EXPECT(l4_thread_was_sending(old) && !l4_thread_was_receiving(old));
}

SUITE_TEST(exregs_given_a_global_id_returns_the_local_id)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(l4_exchange_registers(t, &r).raw == suite_thread_local(t).raw);
}

SUITE_TEST(exregs_given_a_local_id_returns_the_global_id)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(l4_exchange_registers(suite_thread_local(t), &r).raw == t.raw);
	r = (struct l4_exregs){ .control = L4_EXREGS_DELIVER };
	EXPECT(l4_exchange_registers(l4_local_id((l4_word_t)l4_utcb()), &r)
		       .raw == l4_myself().raw);
}

SUITE_TEST(exregs_rejects_a_nonexistent_thread)
{
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };

	EXPECT(l4_is_nil_thread(l4_exchange_registers(suite_id_alloc(), &r)));
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
}

SUITE_TEST(exregs_rejects_a_thread_of_another_space_it_does_not_page)
{
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };
	l4_threadid_t a;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	/* Its pager is the case; make it the runner. */
	if (!EXPECT(l4_thread_control(a, a, L4_NILTHREAD, suite_runner,
				      L4_UTCB_LOCATION_UNCHANGED)))
		return;
	EXPECT(l4_is_nil_thread(l4_exchange_registers(a, &r)));
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	suite_space_delete(&space_a);
}

SUITE_TEST(exregs_by_the_pager_reaches_a_thread_of_another_space)
{
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };
	l4_threadid_t a, id;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	/* The agent waits for commands; its pager is the case. As the
	 * reference's X_PAGER_EXREGS: the pager may read and control it,
	 * and gets its global id back (a local one means nothing here). */
	id = l4_exchange_registers(a, &r);
	EXPECT(id.raw == a.raw);
	EXPECT(r.control & L4_THREAD_WAS_RECEIVING);
	EXPECT(r.pager.raw == l4_myself().raw);
	r = (struct l4_exregs){ .control = L4_EXREGS_ABORT_IPC };
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(a, &r)));
	suite_space_delete(&space_a);
}

static volatile int redirected;
static uint8_t redirect_stack[4096] __attribute__((aligned(16)));

/* Where the thread goes after the ExchangeRegisters below. */
static void redirect_target(void)
{
	redirected = 1;
	l4_sleep_forever();
}

SUITE_TEST(exregs_moves_a_thread_blocked_in_ipc_to_a_new_ip_and_sp)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_SET_SP |
			   L4_EXREGS_ABORT_IPC,
		.ip = (l4_word_t)redirect_target,
		.sp = (l4_word_t)&redirect_stack[sizeof(redirect_stack)] - 8,
	};

	redirected = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	l4_exchange_registers(t, &r);
	EXPECT(suite_wait_flag(&redirected, WAIT_US));
}

SUITE_TEST(exregs_resumed_receiver_gets_a_message_sent_while_it_was_halted)
{
	l4_threadid_t r, s;

	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	r = suite_thread_start(suite_receiver, &rx);
	if (!EXPECT(!l4_is_nil_thread(r)) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	exregs_control(r, L4_EXREGS_HALTFLAG | L4_EXREGS_HALT);
	tx = (struct suite_tx){
		.to = r,
		.tag = l4_msgtag_make(0x31, 1, 0),
		.mr = { 0, 31 },
		.timeouts = l4_timeouts(l4_time_from_us(500000), L4_NEVER),
	};
	s = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	suite_sleep_us(20000);
	EXPECT(!rx.done); /* halted: it does not run */
	exregs_control(r, L4_EXREGS_HALTFLAG);
	if (!EXPECT(suite_wait_flag(&rx.done, 300000)) ||
	    !EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(tx.result));
	EXPECT(l4_msgtag_label(rx.tag) == 0x31 && rx.mr[1] == 31);
}

SUITE_TEST(exregs_to_a_non_canonical_ip_makes_the_thread_fault_there)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL), from;
	l4_word_t ip = 0x0000800000000000ul;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_SET_PAGER |
			   L4_EXREGS_ABORT_IPC,
		.ip = ip,
		.pager = l4_myself(),
	};
	l4_msgtag_t tag;

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	l4_exchange_registers(t, &r);
	tag = l4_ipc(L4_NILTHREAD, t,
		     l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return;
	EXPECT(l4_is_pagefault_tag(tag));
	EXPECT(l4_pagefault_rwx(tag) == L4_FPAGE_X);
	EXPECT(l4_mr(L4_PF_MR_ADDR) == ip && l4_mr(L4_PF_MR_IP) == ip);
}

/* The page fault a thread of the suite takes at its first instruction
 * @ip, which is not canonical: the thread must fault there in user mode
 * (a return to it would fault in the kernel). */
static void expect_fault_at_start(l4_threadid_t t, l4_word_t ip)
{
	l4_threadid_t from;
	l4_msgtag_t tag =
		l4_ipc(L4_NILTHREAD, t,
		       l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);

	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return;
	EXPECT(l4_is_pagefault_tag(tag));
	EXPECT(l4_pagefault_rwx(tag) == L4_FPAGE_X);
	EXPECT(l4_mr(L4_PF_MR_ADDR) == ip && l4_mr(L4_PF_MR_IP) == ip);
}

SUITE_TEST(a_thread_started_by_exregs_at_a_non_canonical_ip_faults_there)
{
	l4_threadid_t t = suite_thread_create_paged(l4_myself());
	l4_word_t ip = 0xffff7ffffffff000ul;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_START,
		.ip = ip,
	};

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(t, &r)));
	expect_fault_at_start(t, ip);
}

SUITE_TEST(a_thread_started_by_message_at_a_non_canonical_ip_faults_there)
{
	l4_threadid_t t = suite_thread_create_paged(l4_myself());
	l4_word_t ip = 0x0000800000000000ul;

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	l4_msg_startup(ip, 0x10000);
	EXPECT(!l4_msgtag_is_error(l4_send(t)));
	expect_fault_at_start(t, ip);
}

/* push %rax, then ud2: what a thread with a bad stack pointer runs. */
void suite_push_then_ud2(void);
__asm__(".text\n"
	".globl suite_push_then_ud2\n"
	"suite_push_then_ud2:\n\t"
	"push %rax\n\t"
	"ud2\n");

SUITE_TEST(a_thread_given_a_non_canonical_sp_faults_in_user_mode)
{
	l4_threadid_t t = suite_thread_create_paged(l4_myself()), from;
	struct suite_thread *e = suite_thread_find(t);
	l4_word_t sp = 0x0000800000000100ul;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_SET_SP |
			   L4_EXREGS_START,
		.ip = (l4_word_t)suite_push_then_ud2,
		.sp = sp,
	};
	l4_msgtag_t tag;

	if (!EXPECT(e != NULL))
		return;
	/* Its UTCB is in this space: make the case its exception handler. */
	((l4_word_t *)(e->utcb_location +
		       L4_UTCB_MR0_OFFSET))[L4_UTCB_EXCEPTION_HANDLER] =
		l4_myself().raw;
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(t, &r)));
	tag = l4_ipc(L4_NILTHREAD, t,
		     l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);
	if (!EXPECT(!l4_msgtag_is_error(tag)) ||
	    !EXPECT(l4_is_exception_tag(tag)))
		return;
	/* The push faults: #SS, or #GP on an emulator that says so. */
	EXPECT(l4_mr(L4_EXC_MR_NUMBER) == 12 || l4_mr(L4_EXC_MR_NUMBER) == 13);
	EXPECT(l4_mr(L4_EXC_MR_RIP) == (l4_word_t)suite_push_then_ud2);
	EXPECT(l4_mr(L4_EXC_MR_RSP) == sp);
}
