// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC that fails: missing partners, timeouts, cancellation by
 * ExchangeRegisters and deletion of the partner. The error word (ABI.md
 * section 8) has the phase in bit 0 and the code in bits 3:1.
 */
#include "suite.h"

#define WAIT_US 1000000ull

static struct suite_rx rx;
static struct suite_tx tx;

/* The calling thread's last IPC failed with @code in @phase. */
static bool failed_with(l4_msgtag_t tag, unsigned code, unsigned phase)
{
	return l4_msgtag_is_error(tag) &&
	       suite_error() == l4_ipc_error(code, phase, 0);
}

/* A thread that only ever waits for itself: never receives anything. */
static l4_threadid_t start_blocked(void)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return t;
	EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US));
	return t;
}

SUITE_TEST(ipc_send_to_a_nonexistent_thread_fails_in_the_send_phase)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	tag = l4_send(suite_id_alloc());
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(failed_with(tag, L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND));
	EXPECT((suite_error() & 1) == 0);
	EXPECT(l4_bits(suite_error(), 3, 1) == 2);
}

SUITE_TEST(ipc_receive_from_a_nonexistent_thread_fails_in_the_receive_phase)
{
	l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, suite_id_alloc(),
				 l4_timeouts(L4_NEVER, L4_NEVER), NULL);

	EXPECT(failed_with(tag, L4_IPC_ENOPARTNER, L4_IPC_PHASE_RECEIVE));
}

SUITE_TEST(ipc_zero_send_timeout_to_a_thread_not_waiting_times_out)
{
	l4_threadid_t b = start_blocked();
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	tag = l4_ipc(b, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_SEND));
	EXPECT(suite_error() == 2);
}

SUITE_TEST(ipc_zero_receive_timeout_without_a_sender_times_out)
{
	l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
				 l4_timeouts(L4_NEVER, L4_ZEROTIME), NULL);

	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(suite_error() == 3);
}

SUITE_TEST(ipc_relative_receive_timeout_expires_after_the_given_time)
{
	l4_threadid_t b = start_blocked();
	uint64_t t0 = l4_system_clock(), t1;
	l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, b,
				 l4_timeouts(L4_NEVER, l4_time_from_us(20000)),
				 NULL);

	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(t1 - t0 >= 20000);
	EXPECT(t1 - t0 < 1000000);
}

/*
 * An absolute timeout names the clock's low bits: with exponent e the unit
 * is 2^e microseconds and c:m give bits (10 + e)..e of the time it ends.
 */
SUITE_TEST(ipc_absolute_receive_timeout_expires_at_the_given_time)
{
	l4_threadid_t b = start_blocked();
	uint64_t t0 = l4_system_clock(), t1, at = t0 + 10000;
	unsigned e = 4; /* 16 us units; the point repeats every 32768 us */
	l4_time_t point = l4_time_point(e, (at >> (e + 10)) & 1,
					(unsigned)(at >> e) & 0x3ff);
	l4_msgtag_t tag =
		l4_ipc(L4_NILTHREAD, b, l4_timeouts(L4_NEVER, point), NULL);

	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(t1 + 16 >= at);	 /* not before the point (to the unit) */
	EXPECT(t1 < at + 20000); /* and not a whole clock span later */
}

SUITE_TEST(ipc_relative_send_timeout_expires_after_the_given_time)
{
	l4_threadid_t b = start_blocked();
	uint64_t t0, t1;
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	t0 = l4_system_clock();
	tag = l4_ipc(b, L4_NILTHREAD,
		     l4_timeouts(l4_time_from_us(20000), L4_NEVER), NULL);
	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_SEND));
	EXPECT(t1 - t0 >= 20000);
	EXPECT(t1 - t0 < 1000000);
}

SUITE_TEST(ipc_receive_timeout_of_a_call_counts_after_the_send)
{
	l4_threadid_t r;
	uint64_t t0, t1;
	l4_msgtag_t tag;

	/* A receiver that takes the message and never answers. */
	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	r = suite_thread_start(suite_receiver, &rx);
	if (!EXPECT(!l4_is_nil_thread(r)))
		return;
	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	t0 = l4_system_clock();
	tag = l4_ipc(r, r, l4_timeouts(L4_NEVER, l4_time_from_us(20000)), NULL);
	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(t1 - t0 >= 20000);
	EXPECT(rx.done);
}

SUITE_TEST(exregs_abort_of_a_blocked_receive_reports_cancelled_receive)
{
	struct l4_exregs r = { .control = L4_EXREGS_ABORT_RECEIVE };
	l4_threadid_t t;

	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	t = suite_thread_start(suite_receiver, &rx);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(t, &r)));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(rx.tag));
	EXPECT((rx.error & 1) == L4_IPC_PHASE_RECEIVE);
	EXPECT(l4_bits(rx.error, 3, 1) == L4_IPC_ECANCELED);
	EXPECT(rx.error == 7);
}

SUITE_TEST(exregs_abort_of_a_blocked_send_reports_cancelled_send)
{
	struct l4_exregs r = { .control = L4_EXREGS_ABORT_SEND };
	l4_threadid_t t, b = start_blocked();

	tx = (struct suite_tx){ .to = b, .tag = l4_msgtag_make(1, 0, 0) };
	t = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	EXPECT(!l4_is_nil_thread(l4_exchange_registers(t, &r)));
	if (!EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(tx.result));
	EXPECT((tx.error & 1) == L4_IPC_PHASE_SEND);
	EXPECT(l4_bits(tx.error, 3, 1) == L4_IPC_ECANCELED);
	EXPECT(tx.error == 6);
}

SUITE_TEST(exregs_abort_of_the_receive_phase_leaves_a_blocked_send_alone)
{
	struct l4_exregs r = { .control = L4_EXREGS_ABORT_RECEIVE };
	l4_threadid_t t, b = start_blocked();

	tx = (struct suite_tx){ .to = b, .tag = l4_msgtag_make(1, 0, 0) };
	t = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	l4_exchange_registers(t, &r);
	suite_sleep_us(10000);
	EXPECT(!tx.done);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_PENDING_SEND);
}

SUITE_TEST(deleting_the_partner_of_a_closed_receive_fails_it_with_error_2)
{
	l4_threadid_t a = start_blocked(), t;

	rx = (struct suite_rx){ .spec = a };
	t = suite_thread_start(suite_receiver, &rx);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	EXPECT(suite_thread_delete(a));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(rx.tag));
	EXPECT(rx.error ==
	       l4_ipc_error(L4_IPC_ENOPARTNER, L4_IPC_PHASE_RECEIVE, 0));
}

SUITE_TEST(deleting_the_destination_of_a_blocked_send_fails_it_with_error_2)
{
	l4_threadid_t a = start_blocked(), t;

	tx = (struct suite_tx){ .to = a, .tag = l4_msgtag_make(1, 0, 0) };
	t = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	EXPECT(suite_thread_delete(a));
	if (!EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(tx.result));
	EXPECT(tx.error ==
	       l4_ipc_error(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND, 0));
}

SUITE_TEST(deleting_the_callee_of_a_call_fails_the_caller_with_error_2)
{
	static struct suite_rx callee;
	l4_threadid_t a, t;

	/* The callee takes the message and never answers. */
	callee = (struct suite_rx){ .spec = L4_ANYTHREAD };
	a = suite_thread_start(suite_receiver, &callee);
	tx = (struct suite_tx){ .to = a,
				.spec = a,
				.tag = l4_msgtag_make(1, 0, 0) };
	t = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_flag(&callee.done, WAIT_US)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	EXPECT(suite_thread_delete(a));
	if (!EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(tx.result));
	EXPECT(tx.error ==
	       l4_ipc_error(L4_IPC_ENOPARTNER, L4_IPC_PHASE_RECEIVE, 0));
}

/* Sleep 30 ms, then receive one message (and never answer it). */
static void receive_late(void *arg)
{
	suite_sleep_us(30000);
	suite_receiver(arg);
}

SUITE_TEST(ipc_zero_receive_timeout_of_a_call_ends_it_right_after_the_send)
{
	l4_threadid_t s;
	uint64_t t0, t1;
	l4_msgtag_t tag;

	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	s = suite_thread_start(receive_late, &rx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	t0 = l4_system_clock();
	tag = l4_ipc(s, s, l4_timeouts(L4_NEVER, L4_ZEROTIME), NULL);
	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(t1 - t0 < 500000);
	EXPECT(suite_wait_flag(&rx.done, WAIT_US));
}

SUITE_TEST(ipc_receive_timeout_of_a_call_counts_from_the_end_of_the_send)
{
	l4_threadid_t s;
	uint64_t t0, t1;
	l4_msgtag_t tag;

	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	s = suite_thread_start(receive_late, &rx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	t0 = l4_system_clock();
	/* The send takes about 30 ms, then the receive waits 30 ms more. */
	tag = l4_ipc(s, s, l4_timeouts(L4_NEVER, l4_time_from_us(30000)), NULL);
	t1 = l4_system_clock();
	EXPECT(failed_with(tag, L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE));
	EXPECT(t1 - t0 >= 50000);
	EXPECT(rx.done);
}

SUITE_TEST(ipc_receive_phase_after_a_blocked_send_takes_a_queued_sender)
{
	l4_threadid_t q, s, from = L4_NILTHREAD;
	l4_msgtag_t tag;

	tx = (struct suite_tx){ .to = l4_myself(),
				.tag = l4_msgtag_make(0x99, 1, 0),
				.mr = { 0, 9 } };
	q = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(q)) ||
	    !EXPECT(suite_wait_state(q, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	rx = (struct suite_rx){ .spec = L4_ANYTHREAD };
	s = suite_thread_start(receive_late, &rx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	/* Send to s (it takes the message late), then receive from anyone:
	 * q has been waiting all along. */
	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	tag = l4_ipc(s, L4_ANYTHREAD,
		     l4_timeouts(L4_NEVER, l4_time_from_us(500000)), &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(from.raw == suite_thread_local(q).raw);
	EXPECT(l4_msgtag_label(tag) == 0x99 && l4_mr(1) == 9);
}
