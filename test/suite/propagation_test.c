// SPDX-License-Identifier: BSD-2-Clause
/*
 * IPC propagation (docs/ipc.md, "Propagation"): a thread sends on behalf
 * of another, its VirtualSender; the receiver sees the virtual sender, the
 * p bit and ActualSender, and a virtual sender waiting for the propagator
 * waits for the receiver from then on.
 */
#include "suite.h"

#define WAIT_US 1000000ull
#define REQUEST 0x51
#define ANSWER 0x52

/* The worker: receives one message from anyone, records it, and answers
 * whoever it came from (as it appears: the virtual sender). */
static struct {
	volatile int done;
	l4_msgtag_t tag;
	l4_threadid_t from;
	l4_word_t actual, word;
} worker_saw;

static void worker(void *unused)
{
	l4_threadid_t from;

	(void)unused;
	worker_saw.tag = l4_wait(&from);
	worker_saw.from = from;
	worker_saw.actual = l4_utcb()[L4_UTCB_SENDER];
	worker_saw.word = l4_mr(1);
	worker_saw.done = 1;
	l4_set_mr(0, l4_msgtag_make(ANSWER, 1, 0).raw);
	l4_set_mr(1, worker_saw.word + 1);
	l4_send(from);
}

/* The forwarder: takes one request and passes it on to the worker, with
 * propagation, on behalf of its client. */
static l4_threadid_t forward_to;

static void forwarder(void *unused)
{
	l4_threadid_t client;
	l4_msgtag_t tag;

	(void)unused;
	tag = l4_wait(&client);
	if (l4_msgtag_is_error(tag))
		return;
	l4_set_mr(0,
		  (l4_msgtag_make(REQUEST, 1, 0).raw | L4_MSGTAG_PROPAGATED));
	l4_utcb()[L4_UTCB_SENDER] = client.raw;
	l4_send(forward_to);
}

SUITE_TEST(ipc_propagation_lets_the_worker_answer_the_client)
{
	l4_threadid_t w, f, from;
	l4_msgtag_t tag;

	worker_saw.done = 0;
	w = suite_thread_start(worker, NULL);
	forward_to = w;
	f = suite_thread_start(forwarder, NULL);
	if (!EXPECT(!l4_is_nil_thread(w) && !l4_is_nil_thread(f)))
		return;
	/* Call the forwarder; the answer comes from the worker. */
	l4_set_mr(0, l4_msgtag_make(REQUEST, 1, 0).raw);
	l4_set_mr(1, 41);
	tag = l4_ipc(f, f, l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)),
		     &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_label(tag) == ANSWER && l4_mr(1) == 42);
	EXPECT(l4_same_thread(from, suite_thread_local(w)));
	EXPECT(!l4_msgtag_is_propagated(tag));
	/* The worker saw the client, the p bit and the forwarder. */
	EXPECT(suite_wait_flag(&worker_saw.done, WAIT_US));
	EXPECT(l4_same_thread(worker_saw.from, l4_myself()));
	EXPECT(l4_msgtag_is_propagated(worker_saw.tag));
	EXPECT(worker_saw.actual == f.raw);
}

/* An agent in another space sends, with propagation, on behalf of @v to
 * this thread; the message as it arrives from @expected (this thread is
 * the agent's pager too: suite_serve() answers its faults meanwhile). */
static l4_msgtag_t propagated_from_agent(l4_threadid_t a, l4_threadid_t v,
					 l4_threadid_t expected)
{
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_PROPAGATE, 3, 0).raw);
	l4_set_mr(1, l4_myself().raw);
	l4_set_mr(2, 7);
	l4_set_mr(3, v.raw);
	if (l4_msgtag_is_error(l4_send(a)))
		return l4_msgtag(L4_MSGTAG_ERROR);
	return suite_serve(expected, WAIT_US);
}

static struct suite_space space;

static void idle(void *unused)
{
	(void)unused;
	l4_sleep_forever();
}

SUITE_TEST(ipc_propagation_from_another_space_for_a_stranger_is_refused)
{
	l4_threadid_t a, v;
	l4_msgtag_t tag;

	if (!EXPECT(suite_space_create(&space)))
		return;
	a = suite_agent_start(&space);
	v = suite_thread_start(idle, NULL);
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(v)))
		return;
	/* v is in neither the agent's space nor waiting for it, and this
	 * thread is not in the agent's space: the message is the agent's. */
	l4_utcb()[L4_UTCB_SENDER] = 0;
	tag = propagated_from_agent(a, v, a); /* from the agent itself */
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_label(tag) == SUITE_AG_HELLO && l4_mr(1) == 7);
	EXPECT(!l4_msgtag_is_propagated(tag));
	EXPECT(l4_utcb()[L4_UTCB_SENDER] == 0);
	suite_serve(a, 100000); /* its reply to the command, dropped */
	suite_space_delete(&space);
}

/* A thread that waits for a message from suite_waiter_on in a closed
 * receive, and records the sender of what it gets. */
static l4_threadid_t suite_waiter_on;
static struct {
	volatile int done;
	l4_msgtag_t tag;
	l4_threadid_t from;
} waiter_saw;

static void waiter(void *unused)
{
	(void)unused;
	waiter_saw.tag =
		l4_ipc(L4_NILTHREAD, suite_waiter_on,
		       l4_timeouts(L4_NEVER, l4_time_from_us(2 * WAIT_US)),
		       &waiter_saw.from);
	waiter_saw.done = 1;
}

SUITE_TEST(ipc_propagation_for_a_thread_waiting_on_the_sender_redirects_it)
{
	l4_threadid_t a, v;
	l4_msgtag_t tag;

	if (!EXPECT(suite_space_create(&space)))
		return;
	a = suite_agent_start(&space);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	waiter_saw.done = 0;
	suite_waiter_on = a;
	v = suite_thread_start(waiter, NULL);
	if (!EXPECT(!l4_is_nil_thread(v)) ||
	    !EXPECT(suite_wait_state(v, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	/* v waits for the agent: the agent may speak for it. */
	tag = propagated_from_agent(a, v, v); /* from v, as it seems */
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_label(tag) == SUITE_AG_HELLO && l4_mr(1) == 7);
	EXPECT(l4_msgtag_is_propagated(tag));
	EXPECT(l4_utcb()[L4_UTCB_SENDER] == a.raw);
	suite_serve(a, 100000);
	/* v waits for this thread now: its answer reaches v. */
	l4_set_mr(0, l4_msgtag_make(ANSWER, 0, 0).raw);
	EXPECT(!l4_msgtag_is_error(l4_send(v)));
	EXPECT(suite_wait_flag(&waiter_saw.done, WAIT_US));
	EXPECT(!l4_msgtag_is_error(waiter_saw.tag) &&
	       l4_msgtag_label(waiter_saw.tag) == ANSWER);
	EXPECT(waiter_saw.from.raw == (l4_word_t)l4_utcb()); /* local */
	suite_space_delete(&space);
}
