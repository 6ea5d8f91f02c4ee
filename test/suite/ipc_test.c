// SPDX-License-Identifier: BSD-2-Clause
/* IPC that succeeds: message transfer, senders, receivers, ids. */
#include "suite.h"

#define WAIT_US 1000000ull

static struct suite_rx rx;
static struct suite_tx txa, txb;

/* Word @i of a message of @u words. */
static l4_word_t pattern(unsigned i, unsigned u)
{
	return 0x1000ul * i + u;
}

/* Start a receiver for @spec; nil (and a failure) if it would not start. */
static l4_threadid_t start_receiver(l4_threadid_t spec)
{
	l4_threadid_t r;

	rx = (struct suite_rx){ .spec = spec };
	r = suite_thread_start(suite_receiver, &rx);
	EXPECT(!l4_is_nil_thread(r));
	return r;
}

/* Put a message of @u words with label @label in the MRs. */
static void load_words(l4_word_t label, unsigned u)
{
	l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
	for (unsigned i = 1; i <= u; i++)
		l4_set_mr(i, pattern(i, u));
}

/*
 * Send @u words to a receiver and check what arrived (and that nothing
 * beyond them was written), then call an echo server with them and check
 * the reply.
 */
static void transfer_words(unsigned u)
{
	l4_threadid_t r = start_receiver(L4_ANYTHREAD), echo;
	l4_msgtag_t tag;

	if (l4_is_nil_thread(r))
		return;
	load_words(0x77, u);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(rx.tag));
	EXPECT(l4_msgtag_untyped(rx.tag) == u);
	EXPECT(l4_msgtag_typed(rx.tag) == 0);
	EXPECT(l4_msgtag_label(rx.tag) == 0x77);
	for (unsigned i = 1; i <= u; i++)
		EXPECT(rx.mr[i] == pattern(i, u));
	/* MR1-MR7 travel whatever u is (docs/abi.md): the sender's own. */
	for (unsigned i = u + 1; i <= 7; i++)
		EXPECT(rx.mr[i] == l4_mr(i));
	for (unsigned i = u > 7 ? u + 1 : 8; i < L4_NUM_MRS; i++)
		EXPECT(rx.mr[i] == SUITE_SENTINEL);

	echo = suite_thread_start(suite_echo_server, NULL);
	if (!EXPECT(!l4_is_nil_thread(echo)))
		return;
	load_words(0x77, u);
	tag = l4_call(echo);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_untyped(tag) == u);
	EXPECT(l4_msgtag_label(tag) == 0x78);
	for (unsigned i = 1; i <= u; i++)
		EXPECT(l4_mr(i) == pattern(i, u) + 1);
}

SUITE_TEST(ipc_transfers_a_message_of_no_untyped_words)
{
	transfer_words(0);
}

SUITE_TEST(ipc_transfers_one_untyped_word)
{
	transfer_words(1);
}

SUITE_TEST(ipc_transfers_seven_untyped_words_in_registers)
{
	transfer_words(7);
}

SUITE_TEST(ipc_transfers_eight_untyped_words_through_the_utcb)
{
	transfer_words(8);
}

SUITE_TEST(ipc_transfers_sixty_three_untyped_words)
{
	transfer_words(63);
}

SUITE_TEST(ipc_preserves_a_48_bit_label_and_reports_no_flags)
{
	l4_threadid_t r = start_receiver(L4_ANYTHREAD);
	l4_word_t label = 0xfedcba987654ul;

	if (l4_is_nil_thread(r))
		return;
	load_words(label, 2);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_label(rx.tag) == label);
	EXPECT((rx.tag.raw & L4_MSGTAG_FLAGS) == 0);
	EXPECT(l4_msgtag_untyped(rx.tag) == 2);
}

SUITE_TEST(ipc_send_with_zero_timeout_reaches_a_waiting_receiver)
{
	l4_threadid_t r = start_receiver(L4_ANYTHREAD);
	l4_msgtag_t tag;

	if (l4_is_nil_thread(r) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	load_words(0x10, 3);
	tag = l4_ipc(r, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	EXPECT(!l4_msgtag_is_error(tag));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_untyped(rx.tag) == 3 && rx.mr[3] == pattern(3, 3));
}

SUITE_TEST(ipc_receive_takes_the_message_of_a_blocked_sender)
{
	l4_threadid_t s, from;
	l4_msgtag_t tag;

	txa = (struct suite_tx){ .to = l4_myself(),
				 .tag = l4_msgtag_make(0x5a, 2, 0),
				 .mr = { 0, 11, 22 } };
	s = suite_thread_start(suite_sender, &txa);
	if (!EXPECT(!l4_is_nil_thread(s)) ||
	    !EXPECT(suite_wait_state(s, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
		     l4_timeouts(L4_NEVER, L4_ZEROTIME), &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(from.raw == suite_thread_local(s).raw);
	EXPECT(l4_msgtag_label(tag) == 0x5a && l4_msgtag_untyped(tag) == 2);
	EXPECT(l4_mr(1) == 11 && l4_mr(2) == 22);
	EXPECT(suite_wait_flag(&txa.done, WAIT_US));
	EXPECT(!l4_msgtag_is_error(txa.result));
}

/* Sleep 10 ms, then send to whoever the record says. */
static void send_late(void *arg)
{
	suite_sleep_us(10000);
	suite_sender(arg);
}

/* A receiver that takes the message of a blocked send-only sender of its
 * own priority lets the sender run first (the reference kernel switches to
 * the sender, which goes on): the sender is done before the receiver's Ipc
 * returns. (l4test's ReplyWait case relies on it.) */
SUITE_TEST(ipc_receive_from_a_blocked_send_only_sender_runs_the_sender_first)
{
	l4_threadid_t s, from;
	l4_msgtag_t tag;

	txa = (struct suite_tx){ .to = l4_myself(),
				 .tag = l4_msgtag_make(0x5b, 0, 0) };
	s = suite_thread_start(suite_sender, &txa);
	if (!EXPECT(!l4_is_nil_thread(s)) ||
	    !EXPECT(suite_wait_state(s, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	tag = l4_ipc(L4_NILTHREAD, s, l4_timeouts(L4_NEVER, L4_ZEROTIME),
		     &from);
	EXPECT(!l4_msgtag_is_error(tag) && l4_msgtag_label(tag) == 0x5b);
	EXPECT(txa.done == 1);
}

SUITE_TEST(ipc_receive_with_a_timeout_takes_a_message_that_comes_in_time)
{
	l4_threadid_t s, from = L4_NILTHREAD;
	l4_msgtag_t tag;

	txa = (struct suite_tx){ .to = l4_myself(),
				 .tag = l4_msgtag_make(0x6, 1, 0),
				 .mr = { 0, 66 } };
	s = suite_thread_start(send_late, &txa);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	tag = l4_ipc(L4_NILTHREAD, s,
		     l4_timeouts(L4_NEVER, l4_time_from_us(500000)), &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(from.raw == suite_thread_local(s).raw && l4_mr(1) == 66);
}

SUITE_TEST(ipc_call_returns_the_reply_words)
{
	l4_threadid_t echo = suite_thread_start(suite_echo_server, NULL);

	if (!EXPECT(!l4_is_nil_thread(echo)))
		return;
	for (l4_word_t i = 0; i < 3; i++) {
		l4_msgtag_t tag;

		l4_set_mr(0, l4_msgtag_make(0x30 + i, 2, 0).raw);
		l4_set_mr(1, 10 * i);
		l4_set_mr(2, 100 * i);
		tag = l4_call(echo);
		EXPECT(!l4_msgtag_is_error(tag));
		EXPECT(l4_msgtag_label(tag) == 0x31 + i);
		EXPECT(l4_msgtag_untyped(tag) == 2);
		EXPECT(l4_mr(1) == 10 * i + 1 && l4_mr(2) == 100 * i + 1);
	}
}

SUITE_TEST(ipc_call_reports_the_callee_as_sender_of_the_reply)
{
	l4_threadid_t echo = suite_thread_start(suite_echo_server, NULL);
	l4_threadid_t from = L4_NILTHREAD;
	l4_msgtag_t tag;

	if (!EXPECT(!l4_is_nil_thread(echo)))
		return;
	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	tag = l4_ipc(echo, echo, 0, &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(from.raw == suite_thread_local(echo).raw);
}

/* A sender of the receiver's own space is seen by its local id, however
 * the receiver named it (as the reference kernel does); one of another
 * space by its global id (the agents' cases, spaces.c). */
SUITE_TEST(ipc_receive_from_any_reports_a_sender_of_the_same_space_by_local_id)
{
	l4_threadid_t r = start_receiver(L4_ANYTHREAD);

	if (l4_is_nil_thread(r))
		return;
	load_words(1, 1);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(rx.from.raw == (l4_word_t)l4_utcb());
	EXPECT(l4_global_id_of(rx.from).raw == l4_myself().raw);
}

SUITE_TEST(ipc_receive_from_any_local_reports_the_local_id_of_the_sender)
{
	l4_threadid_t r = start_receiver(L4_ANYLOCALTHREAD);

	if (l4_is_nil_thread(r))
		return;
	load_words(1, 1);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(rx.tag));
	EXPECT(rx.from.raw == (l4_word_t)l4_utcb());
}

SUITE_TEST(ipc_send_to_a_local_id_reaches_the_thread)
{
	l4_threadid_t r = start_receiver(L4_ANYTHREAD);

	if (l4_is_nil_thread(r))
		return;
	load_words(0x44, 1);
	EXPECT(!l4_msgtag_is_error(l4_send(suite_thread_local(r))));
	if (!EXPECT(suite_wait_flag(&rx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_label(rx.tag) == 0x44);
	EXPECT(rx.from.raw == (l4_word_t)l4_utcb());
}

SUITE_TEST(ipc_closed_receive_ignores_other_senders)
{
	l4_threadid_t me = l4_myself(), a, b, from;
	l4_msgtag_t tag;

	txa = (struct suite_tx){ .to = me, .tag = l4_msgtag_make(0xa, 0, 0) };
	txb = (struct suite_tx){ .to = me, .tag = l4_msgtag_make(0xb, 0, 0) };
	a = suite_thread_start(suite_sender, &txa);
	b = suite_thread_create();
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(b)) ||
	    !EXPECT(suite_wait_state(a, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	/* Only a has sent: a closed receive from b finds nothing. */
	tag = l4_ipc(L4_NILTHREAD, b, l4_timeouts(L4_NEVER, L4_ZEROTIME),
		     &from);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(suite_error() ==
	       l4_ipc_error(L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE, 0));
	/* Now both have: the closed receive takes b's, though a came first. */
	if (!EXPECT(suite_thread_run(b, suite_sender, &txb)) ||
	    !EXPECT(suite_wait_state(b, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	tag = l4_ipc(L4_NILTHREAD, b, l4_timeouts(L4_NEVER, L4_ZEROTIME),
		     &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_label(tag) == 0xb &&
	       from.raw == suite_thread_local(b).raw);
	tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
		     l4_timeouts(L4_NEVER, L4_ZEROTIME), &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_label(tag) == 0xa &&
	       from.raw == suite_thread_local(a).raw);
}

/* Have agent @a send SUITE_AG_HELLO with @word to the caller. */
static void agent_sends_hello(l4_threadid_t a, l4_word_t word)
{
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_SEND, 3, 0).raw);
	l4_set_mr(1, l4_myself().raw);
	l4_set_mr(2, word);
	l4_set_mr(3, 0);
	EXPECT(!l4_msgtag_is_error(l4_send(a)));
}

/* An agent in a new space that has sent the caller one hello already
 * (so that its code and stack are mapped). */
static l4_threadid_t warm_agent(struct suite_space *s)
{
	l4_threadid_t a;
	l4_msgtag_t tag;

	if (!EXPECT(suite_space_create(s)))
		return L4_NILTHREAD;
	a = suite_agent_start(s);
	if (l4_is_nil_thread(a))
		return a;
	agent_sends_hello(a, 1);
	tag = suite_serve(a, WAIT_US);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_HELLO));
	tag = suite_serve(a, WAIT_US);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
	return a;
}

static struct suite_space space_a;

SUITE_TEST(ipc_from_another_space_reports_the_global_id_of_the_sender)
{
	l4_threadid_t a = warm_agent(&space_a), from = L4_NILTHREAD;
	l4_msgtag_t tag;

	if (l4_is_nil_thread(a))
		return;
	agent_sends_hello(a, 0x4242);
	tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
		     l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_HELLO));
	EXPECT(l4_mr(1) == 0x4242);
	EXPECT(from.raw == a.raw);
	tag = suite_serve(a, WAIT_US);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
	suite_space_delete(&space_a);
}

SUITE_TEST(ipc_any_local_receive_ignores_senders_of_other_spaces)
{
	l4_threadid_t a = warm_agent(&space_a), from = L4_NILTHREAD;
	l4_msgtag_t tag;

	if (l4_is_nil_thread(a))
		return;
	agent_sends_hello(a, 0x55);
	if (!EXPECT(suite_wait_state(a, L4_SCHEDRESULT_PENDING_SEND, WAIT_US)))
		return;
	tag = l4_ipc(L4_NILTHREAD, L4_ANYLOCALTHREAD,
		     l4_timeouts(L4_NEVER, L4_ZEROTIME), &from);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(suite_error() ==
	       l4_ipc_error(L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE, 0));
	tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
		     l4_timeouts(L4_NEVER, L4_ZEROTIME), &from);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_HELLO) && from.raw == a.raw);
	tag = suite_serve(a, WAIT_US);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_REPLY));
	suite_space_delete(&space_a);
}
