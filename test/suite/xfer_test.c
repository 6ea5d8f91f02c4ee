// SPDX-License-Identifier: BSD-2-Clause
/* String items (kernel/xfer.c): IPC that copies memory into buffers. */
#include "suite.h"

#define WAIT_US 1000000ull
#define STRING_LABEL 0x57

static char src[256], src2[64], dst[256];
static struct suite_space space_a;
static struct suite_tx tx;

static struct {
	l4_word_t buf, len; /* the buffer (BR1, BR2) */
	bool accept;	    /* the s bit of the acceptor */
	volatile int done;
	l4_msgtag_t tag;
	l4_word_t error;
	l4_word_t mr[4];
} srx;

/* Receive one message with the string buffer srx says. */
static void string_receiver(void *unused)
{
	l4_word_t *u = l4_utcb();

	u[L4_UTCB_BR(0)] = l4_acceptor(L4_NILPAGE, srx.accept);
	u[L4_UTCB_BR(1)] = l4_stringitem_word0(srx.len, 1, false, false);
	u[L4_UTCB_BR(2)] = srx.buf;
	srx.tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 0, NULL);
	srx.error = suite_error();
	for (unsigned i = 0; i < 4; i++)
		srx.mr[i] = l4_mr(i);
	srx.done = 1;
}

/* Fill the source buffers with a pattern and clear the destination. */
static void fill(void)
{
	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (char)(i * 7 + 1);
	for (unsigned i = 0; i < sizeof(src2); i++)
		src2[i] = (char)(0x80 + i);
	for (unsigned i = 0; i < sizeof(dst); i++)
		dst[i] = 0;
}

/* memcmp(a, b, n) == 0. */
static bool same(const char *a, const char *b, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* Start a receiver of a buffer of @len bytes at dst; wait till it waits. */
static l4_threadid_t start_string_receiver(l4_word_t len, bool accept)
{
	l4_threadid_t r;

	srx.buf = (l4_word_t)dst;
	srx.len = len;
	srx.accept = accept;
	srx.done = 0;
	r = suite_thread_start(string_receiver, NULL);
	if (!EXPECT(!l4_is_nil_thread(r)) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return L4_NILTHREAD;
	return r;
}

/* Send @len bytes of src as one string to @r. */
static l4_msgtag_t send_string(l4_threadid_t r, l4_word_t len)
{
	l4_set_mr(0, l4_msgtag_make(STRING_LABEL, 0, 2).raw);
	l4_set_mr(1, l4_stringitem_word0(len, 1, false, false));
	l4_set_mr(2, (l4_word_t)src);
	return l4_send(r);
}

SUITE_TEST(ipc_string_item_copies_a_string_into_the_receivers_buffer)
{
	l4_threadid_t r;

	fill();
	r = start_string_receiver(sizeof(dst), true);
	if (l4_is_nil_thread(r))
		return;
	EXPECT(!l4_msgtag_is_error(send_string(r, 100)));
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(srx.tag));
	EXPECT(l4_msgtag_label(srx.tag) == STRING_LABEL);
	EXPECT(l4_msgtag_untyped(srx.tag) == 0);
	EXPECT(l4_msgtag_typed(srx.tag) == 2);
	EXPECT(same(dst, src, 100));
	EXPECT(dst[100] == 0);
	/* The receiver's item says what it got and where. */
	EXPECT(l4_item_is_string(srx.mr[1]));
	EXPECT(l4_stringitem_length(srx.mr[1]) == 100);
	EXPECT(srx.mr[2] == (l4_word_t)dst);
}

SUITE_TEST(ipc_string_of_two_substrings_is_gathered_into_one_buffer)
{
	l4_threadid_t r;

	fill();
	r = start_string_receiver(sizeof(dst), true);
	if (l4_is_nil_thread(r))
		return;
	l4_set_mr(0, l4_msgtag_make(STRING_LABEL, 0, 3).raw);
	l4_set_mr(1, l4_stringitem_word0(16, 2, false, false));
	l4_set_mr(2, (l4_word_t)src);
	l4_set_mr(3, (l4_word_t)src2);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(srx.tag));
	EXPECT(same(dst, src, 16));
	EXPECT(same(dst + 16, src2, 16));
	EXPECT(dst[32] == 0);
	EXPECT(l4_stringitem_length(srx.mr[1]) == 32);
}

/* A string longer than its buffer overflows on both sides, after the part
 * that fits. */
SUITE_TEST(ipc_string_longer_than_its_buffer_delivers_the_part_that_fits)
{
	l4_threadid_t r;
	l4_msgtag_t tag;

	fill();
	r = start_string_receiver(50, true);
	if (l4_is_nil_thread(r))
		return;
	tag = send_string(r, 100);
	EXPECT(l4_msgtag_is_error(tag));
	/* Both sides learn how far the copy got: the buffer's 50 bytes. */
	EXPECT(suite_error() ==
	       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_SEND, 50));
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(srx.error ==
	       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_RECEIVE, 50));
	EXPECT(same(dst, src, 50));
	EXPECT(dst[50] == 0);
}

SUITE_TEST(ipc_string_without_a_buffer_overflows_after_the_strings_before_it)
{
	l4_threadid_t r;
	l4_msgtag_t tag;

	fill();
	r = start_string_receiver(sizeof(dst), true); /* one buffer */
	if (l4_is_nil_thread(r))
		return;
	l4_set_mr(0, l4_msgtag_make(STRING_LABEL, 0, 4).raw);
	l4_set_mr(1, l4_stringitem_word0(40, 1, false, false));
	l4_set_mr(2, (l4_word_t)src);
	l4_set_mr(3, l4_stringitem_word0(30, 1, false, false));
	l4_set_mr(4, (l4_word_t)src2);
	tag = l4_send(r);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(suite_error() ==
	       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_SEND, 40));
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(srx.error ==
	       l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_RECEIVE, 40));
	/* The first string arrived whole, and its item says so. */
	EXPECT(same(dst, src, 40));
	EXPECT(dst[40] == 0);
	EXPECT(l4_stringitem_length(srx.mr[1]) == 40);
	EXPECT(srx.mr[2] == (l4_word_t)dst);
}

SUITE_TEST(ipc_string_to_a_receiver_not_accepting_strings_overflows)
{
	l4_threadid_t r;
	l4_msgtag_t tag;

	fill();
	r = start_string_receiver(sizeof(dst), false);
	if (l4_is_nil_thread(r))
		return;
	tag = send_string(r, 10);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(l4_ipc_error_code(suite_error()) == L4_IPC_EMSGOVERFLOW);
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(srx.tag));
	EXPECT(l4_ipc_error_code(srx.error) == L4_IPC_EMSGOVERFLOW);
	EXPECT(dst[0] == 0);
}

SUITE_TEST(ipc_compound_string_of_two_items_lands_in_one_buffer)
{
	l4_threadid_t r;

	fill();
	r = start_string_receiver(sizeof(dst), true);
	if (l4_is_nil_thread(r))
		return;
	/* One string, two items joined by the compound bit. */
	l4_set_mr(0, l4_msgtag_make(STRING_LABEL, 0, 4).raw);
	l4_set_mr(1, l4_stringitem_word0(10, 1, true, true));
	l4_set_mr(2, (l4_word_t)src);
	l4_set_mr(3, l4_stringitem_word0(20, 1, false, false));
	l4_set_mr(4, (l4_word_t)src2);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&srx.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(srx.tag));
	EXPECT(same(dst, src, 10));
	EXPECT(same(dst + 10, src2, 20));
	EXPECT(dst[30] == 0);
	EXPECT(l4_stringitem_length(srx.mr[1]) == 30); /* what arrived */
}

static struct {
	volatile int done;
	l4_msgtag_t tag;
} scatter;

/* Receive one string into two substrings of 16 bytes: dst and dst + 100. */
static void scatter_receiver(void *unused)
{
	l4_word_t *u = l4_utcb();

	u[L4_UTCB_BR(0)] = l4_acceptor(L4_NILPAGE, true);
	u[L4_UTCB_BR(1)] = l4_stringitem_word0(16, 2, false, false);
	u[L4_UTCB_BR(2)] = (l4_word_t)dst;
	u[L4_UTCB_BR(3)] = (l4_word_t)dst + 100;
	scatter.tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 0, NULL);
	scatter.done = 1;
}

SUITE_TEST(ipc_string_is_scattered_over_the_receivers_substrings)
{
	l4_threadid_t r;

	fill();
	scatter.done = 0;
	r = suite_thread_start(scatter_receiver, NULL);
	if (!EXPECT(!l4_is_nil_thread(r)) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(send_string(r, 32)));
	if (!EXPECT(suite_wait_flag(&scatter.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(scatter.tag));
	EXPECT(same(dst, src, 16));
	EXPECT(dst[16] == 0);
	EXPECT(same(dst + 100, src + 16, 16));
	EXPECT(dst[116] == 0);
}

SUITE_TEST(ipc_string_into_another_space_faults_in_the_receivers_buffer)
{
	l4_word_t buf = 0x23000100, got[4];
	uint64_t end;
	l4_threadid_t a, s;

	fill();
	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	suite_agent(a, SUITE_AG_STRING_BUFFER, buf, 64, 0, NULL);
	/* A helper sends, so that the case stays free to be the pager. */
	tx = (struct suite_tx){
		.to = a,
		.spec = a,
		.tag = l4_msgtag_make(SUITE_AG_NOP, 0, 2),
		.mr = { 0, l4_stringitem_word0(32, 1, false, false),
			(l4_word_t)src }
	};
	s = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	end = l4_system_clock() + WAIT_US;
	while (!tx.done && l4_system_clock() < end)
		suite_serve(s, 2000);
	if (!EXPECT(tx.done))
		return;
	EXPECT(!l4_msgtag_is_error(tx.result));
	EXPECT(l4_msgtag_has_label(tx.result, SUITE_AG_REPLY));
	EXPECT(suite_space_faults_at(&space_a, buf) == 1);
	for (unsigned i = 0; i < 4; i++)
		got[i] = suite_agent(a, SUITE_AG_READ, buf + 8 * i, 0, 0, NULL);
	EXPECT(same((const char *)got, src, 32));
	suite_space_delete(&space_a);
}

/* Start a helper sending 32 bytes of src as a string to agent @a (a call),
 * and let the transfer begin: @a faults in its buffer, which the pager
 * leaves unanswered (the UTCB area). */
static l4_threadid_t stuck_transfer(l4_threadid_t a)
{
	l4_word_t buf = SUITE_SPACE_UTCB_AREA + 0x8000;
	l4_threadid_t s;

	suite_agent(a, SUITE_AG_STRING_BUFFER, buf, 64, 0, NULL);
	tx = (struct suite_tx){
		.to = a,
		.spec = a,
		.tag = l4_msgtag_make(SUITE_AG_NOP, 0, 2),
		.mr = { 0, l4_stringitem_word0(32, 1, false, false),
			(l4_word_t)src },
	};
	s = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return s;
	suite_serve(s, 20000); /* takes the fault, leaves it */
	EXPECT(suite_space_faults_at(&space_a, buf) == 1);
	EXPECT(!tx.done);
	return s;
}

SUITE_TEST(ipc_string_transfer_ends_with_an_error_when_the_receiver_dies)
{
	l4_threadid_t a, s;

	fill();
	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	s = stuck_transfer(a);
	if (l4_is_nil_thread(s))
		return;
	EXPECT(suite_thread_delete(a));
	if (!EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(l4_msgtag_is_error(tx.result));
}

SUITE_TEST(ipc_string_receiver_lives_on_when_the_sender_dies_mid_transfer)
{
	l4_threadid_t a, s;

	fill();
	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	s = stuck_transfer(a);
	if (l4_is_nil_thread(s))
		return;
	EXPECT(suite_thread_delete(s));
	/* Now answer the agent's fault (nothing is mapped in its UTCB area,
	 * but any answer ends the fault): the transfer it served is gone, and
	 * the agent must go on taking commands. */
	l4_set_mr(0, 0);
	EXPECT(!l4_msgtag_is_error(l4_ipc(
		a, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL)));
	EXPECT(suite_agent(a, SUITE_AG_NOP, 0, 0, 0, NULL) == 0);
	suite_space_delete(&space_a);
}

/* suite_sender with a send transfer timeout of 20 ms (XferTimeouts). */
static void timed_sender(void *arg)
{
	l4_utcb()[L4_UTCB_XFER_TIMEOUTS] =
		l4_timeouts(l4_time_from_us(20000), L4_NEVER);
	suite_sender(arg);
}

/* suite_sender with an absolute send transfer timeout 20 ms from now: the
 * clock's low bits at that point (16 us units, see ipc_error_test.c). */
static uint64_t xfer_point_at;

static void point_sender(void *arg)
{
	unsigned e = 4;
	uint64_t at = l4_system_clock() + 20000;

	xfer_point_at = at;
	l4_utcb()[L4_UTCB_XFER_TIMEOUTS] =
		l4_timeouts(l4_time_point(e, (at >> (e + 10)) & 1,
					  (unsigned)(at >> e) & 0x3ff),
			    L4_NEVER);
	suite_sender(arg);
}

/* Set agent @a's XferTimeouts (UTCB word -8) to @timeouts. */
static void agent_xfer_timeouts(l4_threadid_t a, l4_word_t timeouts)
{
	l4_word_t utcb = suite_agent(a, SUITE_AG_WHOAMI, 0, 0, 0, NULL);

	suite_agent(a, SUITE_AG_WRITE,
		    utcb + sizeof(l4_word_t) * L4_UTCB_XFER_TIMEOUTS, timeouts,
		    0, NULL);
}

/*
 * A string to an agent whose buffer faults, with XferTimeouts @agent_xfer,
 * sent by a thread running @sender: the receiver's pager (this case) takes
 * the fault and never answers, so only a transfer timeout ends the copy.
 * True once the sender is done (tx holds its result); the caller then
 * deletes space_a (on failure the runner's clean-up does).
 */
static bool stuck_until_timeout(void (*sender)(void *), l4_word_t agent_xfer)
{
	l4_word_t buf = SUITE_SPACE_UTCB_AREA + 0x8000;
	l4_threadid_t a, s;

	fill();
	if (!EXPECT(suite_space_create(&space_a)))
		return false;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return false;
	agent_xfer_timeouts(a, agent_xfer);
	suite_agent(a, SUITE_AG_STRING_BUFFER, buf, 64, 0, NULL);
	tx = (struct suite_tx){
		.to = a,
		.spec = a,
		.tag = l4_msgtag_make(SUITE_AG_NOP, 0, 2),
		.mr = { 0, l4_stringitem_word0(32, 1, false, false),
			(l4_word_t)src },
	};
	s = suite_thread_start(sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return false;
	suite_serve(s, 20000); /* takes the fault, never answers */
	return EXPECT(suite_wait_flag(&tx.done, WAIT_US));
}

SUITE_TEST(ipc_absolute_transfer_timeout_ends_a_stuck_copy_at_its_point)
{
	if (stuck_until_timeout(point_sender, 0)) {
		/* Not before the point, nor a whole clock span later. */
		EXPECT(l4_system_clock() + 16 >= xfer_point_at);
		EXPECT(l4_system_clock() < xfer_point_at + 30000);
		EXPECT(l4_msgtag_is_error(tx.result));
		EXPECT(l4_ipc_error_code(tx.error) == L4_IPC_EXFERTIMEOUT_SELF);
		suite_space_delete(&space_a);
	}
}

SUITE_TEST(ipc_string_transfer_timeout_ends_a_copy_stuck_in_a_fault)
{
	uint64_t start = l4_system_clock();

	if (stuck_until_timeout(timed_sender, 0)) {
		EXPECT(l4_system_clock() - start >= 20000);
		EXPECT(l4_msgtag_is_error(tx.result));
		/* Error 5: the sender's own transfer timeout ran out (the
		 * receiver has none), though the page was the receiver's. */
		EXPECT(tx.error == l4_ipc_error(L4_IPC_EXFERTIMEOUT_SELF,
						L4_IPC_PHASE_SEND, 0));
		suite_space_delete(&space_a);
	}
}

/* suite_sender with a zero send transfer timeout. */
static void zero_sender(void *arg)
{
	l4_utcb()[L4_UTCB_XFER_TIMEOUTS] = l4_timeouts(L4_ZEROTIME, L4_NEVER);
	suite_sender(arg);
}

SUITE_TEST(ipc_zero_transfer_timeouts_on_both_sides_are_the_senders)
{
	if (stuck_until_timeout(zero_sender,
				l4_timeouts(L4_NEVER, L4_ZEROTIME))) {
		/* No fault is even tried; of two equal timeouts the sender's
		 * counts, as in the reference kernel. */
		EXPECT(suite_space_faults_at(&space_a, SUITE_SPACE_UTCB_AREA +
							       0x8000) == 0);
		EXPECT(tx.error == l4_ipc_error(L4_IPC_EXFERTIMEOUT_SELF,
						L4_IPC_PHASE_SEND, 0));
		suite_space_delete(&space_a);
	}
}

SUITE_TEST(ipc_receivers_sooner_transfer_timeout_is_the_partners_to_the_sender)
{
	if (stuck_until_timeout(suite_sender,
				l4_timeouts(L4_NEVER,
					    l4_time_from_us(20000)))) {
		EXPECT(tx.error == l4_ipc_error(L4_IPC_EXFERTIMEOUT_PEER,
						L4_IPC_PHASE_SEND, 0));
		suite_space_delete(&space_a);
	}
}

SUITE_TEST(ipc_aborting_a_partner_in_its_transfer_fault_aborts_both_sides)
{
	struct l4_exregs ex = { .control = L4_EXREGS_ABORT_IPC };
	l4_threadid_t a, s;

	fill();
	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	s = stuck_transfer(a);
	if (l4_is_nil_thread(s))
		return;
	/* As the reference kernel unwinds a page-fault IPC nested in a
	 * string transfer: the whole transfer is aborted, not retried. */
	EXPECT(l4_exchange_registers(a, &ex).raw == a.raw);
	if (!EXPECT(suite_wait_flag(&tx.done, WAIT_US)))
		return;
	EXPECT(tx.error == l4_ipc_error(L4_IPC_EABORTED, L4_IPC_PHASE_SEND, 0));
	/* The agent's receive ended too: it takes commands again. */
	EXPECT(suite_agent(a, SUITE_AG_NOP, 0, 0, 0, NULL) == 0);
	suite_space_delete(&space_a);
}

/*
 * The reference library's way with the C bits: none in the message's
 * typed items (t counts them), and in the receive buffers C only on the
 * first item of a string that another string follows; the items of a
 * compound buffer are joined by c alone.
 */
static struct {
	volatile int done;
	l4_msgtag_t tag;
	l4_word_t mr[8];
} ref;

/* Two receive strings: a compound one of two items (dst, 8 + 8 bytes at
 * dst and dst + 40) and then a simple one (dst + 100, 32 bytes). */
static void reference_style_receiver(void *unused)
{
	l4_word_t *u = l4_utcb();

	u[L4_UTCB_BR(0)] = l4_acceptor(L4_NILPAGE, true);
	/* first string, first item: c (compound) and C (more strings) */
	u[L4_UTCB_BR(1)] = l4_stringitem_word0(8, 1, true, true);
	u[L4_UTCB_BR(2)] = (l4_word_t)dst;
	/* first string, last item: neither */
	u[L4_UTCB_BR(3)] = l4_stringitem_word0(8, 1, false, false);
	u[L4_UTCB_BR(4)] = (l4_word_t)dst + 40;
	/* second string, the last: neither */
	u[L4_UTCB_BR(5)] = l4_stringitem_word0(32, 1, false, false);
	u[L4_UTCB_BR(6)] = (l4_word_t)dst + 100;
	ref.tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 0, NULL);
	for (unsigned i = 0; i < 8; i++)
		ref.mr[i] = l4_mr(i);
	ref.done = 1;
}

SUITE_TEST(ipc_strings_and_buffers_with_the_reference_librarys_c_bits)
{
	l4_threadid_t r;

	fill();
	ref.done = 0;
	r = suite_thread_start(reference_style_receiver, NULL);
	if (!EXPECT(!l4_is_nil_thread(r)) ||
	    !EXPECT(suite_wait_state(r, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	/* Two strings of 16 and 20 bytes, no C bit anywhere. */
	l4_set_mr(0, l4_msgtag_make(STRING_LABEL, 1, 4).raw);
	l4_set_mr(1, 0x1234);
	l4_set_mr(2, l4_stringitem_word0(16, 1, false, false));
	l4_set_mr(3, (l4_word_t)src);
	l4_set_mr(4, l4_stringitem_word0(20, 1, false, false));
	l4_set_mr(5, (l4_word_t)src2);
	EXPECT(!l4_msgtag_is_error(l4_send(r)));
	if (!EXPECT(suite_wait_flag(&ref.done, WAIT_US)))
		return;
	EXPECT(!l4_msgtag_is_error(ref.tag));
	EXPECT(ref.mr[1] == 0x1234);
	/* The first string over both items of the compound buffer. */
	EXPECT(same(dst, src, 8));
	EXPECT(same(dst + 40, src + 8, 8));
	EXPECT(dst[8] == 0 && dst[48] == 0);
	/* The second string in the second buffer. */
	EXPECT(same(dst + 100, src2, 20));
	EXPECT(dst[120] == 0);
}
