// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPC fastpath against the slow path: the same exchanges run once with
 * the fastpath on and once with it off (the kernel-debugger switch,
 * l4_kdb_fastpath), and everything a program can see afterwards must be
 * the same: tags, senders, every message register of both sides, the
 * partner's state, SP, IP and FLAGS. The fastpath's counter shows that it
 * really ran in the first round and not in the second. The exchanges mix
 * calls and sends the fastpath takes with calls it leaves to the slow path
 * (a receive timeout), so that each path wakes threads the other one
 * blocked.
 */
#include <l4/kdebug.h>

#include "spaces.h"
#include "suite.h"

#define ROUNDS 14

/* What one exchange leaves behind. */
struct seen {
	l4_word_t tag, from, error;
	l4_word_t mr[L4_NUM_MRS]; /* the caller's, after the reply */
	/* The partner's UTCB and state (same space only): */
	l4_word_t partner_mr[L4_NUM_MRS];
	l4_word_t control, sp, ip, flags;
};

static struct seen seen[2][2][ROUNDS]; /* [fast?][other space?][round] */
static struct suite_space space_a;

/* Untyped words of round @r: 0 to 63, some in registers only. */
static unsigned words(unsigned r)
{
	static const unsigned u[ROUNDS] = { 0, 1, 7, 8, 9,  33, 63,
					    0, 5, 7, 8, 40, 62, 2 };

	return u[r];
}

/*
 * Three kinds of rounds: a Call (round % 3 == 0), a Call that waits for
 * the reply with a timeout, which the fastpath leaves to the slow path
 * (1), and a send followed by a closed receive (2). The partner replies
 * the same way to all.
 */
enum { CALL, CALL_TIMEOUT, SEND_RECEIVE };

/*
 * The local partner: suite_echo_server(), but its replies never time out,
 * as the agent's do: after a send round, a timer tick may run it before
 * the caller has reached its receive, and a reply with a zero send timeout
 * would then be lost.
 */
static void patient_echo(void *unused)
{
	l4_threadid_t from;
	l4_msgtag_t tag = l4_wait(&from);

	for (;;) {
		unsigned u = l4_msgtag_untyped(tag);

		for (unsigned i = 1; i <= u; i++)
			l4_set_mr(i, l4_mr(i) + 1);
		l4_set_mr(0,
			  l4_msgtag_make(l4_msgtag_label(tag) + 1, u, 0).raw);
		/* By global id: a local one would take the slow path. */
		tag = l4_ipc(l4_global_id_of(from), L4_ANYTHREAD, 0, &from);
	}
}

static unsigned kind(unsigned r)
{
	return r % 3;
}

static l4_msgtag_t call(l4_threadid_t partner, unsigned r, l4_threadid_t *from)
{
	l4_msgtag_t tag;

	switch (kind(r)) {
	case CALL_TIMEOUT:
		return l4_ipc(partner, partner,
			      l4_timeouts(L4_NEVER, l4_time_from_us(2000000)),
			      from);
	case SEND_RECEIVE:
		tag = l4_ipc(partner, L4_NILTHREAD, 0, NULL);
		if (l4_msgtag_is_error(tag))
			return tag;
		return l4_ipc(L4_NILTHREAD, partner, 0, from);
	default:
		return l4_ipc(partner, partner, 0, from);
	}
}

static void exchange(l4_threadid_t partner, unsigned r, struct seen *s,
		     bool same_space)
{
	unsigned u = words(r);
	l4_threadid_t from = L4_NILTHREAD;
	l4_msgtag_t tag;
	struct l4_exregs x = { 0 };

	for (unsigned i = 1; i < L4_NUM_MRS; i++)
		l4_set_mr(i, i <= u ? 0x100ul * r + i : SUITE_SENTINEL);
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_ECHO, u, 0).raw);
	tag = call(partner, r, &from);
	s->tag = tag.raw;
	s->from = from.raw;
	s->error = l4_msgtag_is_error(tag) ? suite_error() : 0;
	for (unsigned i = 0; i < L4_NUM_MRS; i++)
		s->mr[i] = l4_mr(i);
	if (!same_space) /* ExchangeRegisters is for the own space only */
		return;
	for (unsigned i = 0; i < L4_NUM_MRS; i++) /* the UTCB at its local id */
		s->partner_mr[i] =
			((const l4_word_t *)suite_thread_local(partner).raw)[i];
	l4_exchange_registers(partner, &x);
	s->control = x.control;
	s->sp = x.sp;
	s->ip = x.ip;
	s->flags = x.flags;
}

/*
 * An agent in another space that echoes. Its first echo goes the agent
 * protocol's way (send, then serve its page faults until the answer), so
 * that the code and stack of the echo are in its space before calls wait
 * for it with nobody to serve a fault.
 */
static l4_threadid_t start_remote_echo(void)
{
	l4_threadid_t a = suite_agent_start(&space_a);
	l4_msgtag_t tag;

	if (l4_is_nil_thread(a))
		return a;
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_ECHO, 63, 0).raw);
	tag = l4_ipc(a, L4_NILTHREAD,
		     l4_timeouts(l4_time_from_us(1000000), L4_NEVER), NULL);
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return L4_NILTHREAD;
	tag = suite_serve(a, 1000000);
	EXPECT(l4_msgtag_has_label(tag, SUITE_AG_ECHO + 1));
	return a;
}

/* The exchanges of one round with the fastpath on (@fast) or off. */
static void run(bool fast, l4_threadid_t local, l4_threadid_t remote,
		struct seen (*out)[ROUNDS])
{
	static struct seen scratch;

	l4_kdb_fastpath(fast ? 1 : 0);
	/* First fill every word of both UTCBs the same way (round 6 has 63
	 * words): what lies beyond a shorter message is left from before. */
	exchange(local, 6, &scratch, true);
	exchange(remote, 6, &scratch, false);
	for (unsigned r = 0; r < ROUNDS; r++) {
		exchange(local, r, &out[0][r], true);
		exchange(remote, r, &out[1][r], false);
	}
	l4_kdb_fastpath(1);
}

SUITE_TEST(fastpath_and_slow_path_leave_the_same_results)
{
	unsigned long was = l4_kdb_fastpath(2), before, after;
	bool built = l4_kdb_fastpath(1) & L4_KDB_FASTPATH_ON;
	l4_threadid_t local = suite_thread_start(patient_echo, NULL);
	l4_threadid_t local_id = suite_thread_local(local); /* as seen */
	l4_threadid_t remote;

	if (!EXPECT(!l4_is_nil_thread(local)) ||
	    !EXPECT(suite_space_create(&space_a)))
		return;
	remote = start_remote_echo();
	if (!EXPECT(!l4_is_nil_thread(remote)))
		return;

	before = l4_kdb_fastpath(2) & ~L4_KDB_FASTPATH_ON;
	run(true, local, remote, seen[1]);
	after = l4_kdb_fastpath(2) & ~L4_KDB_FASTPATH_ON;
	/* The first exchange with each partner and every round but those
	 * with a timeout: a call or send and a reply each, with both
	 * partners. */
	if (built) {
		unsigned fast = 1;

		for (unsigned r = 0; r < ROUNDS; r++)
			fast += kind(r) != CALL_TIMEOUT;
		if (!EXPECT(after - before >= 2 * 2 * fast))
			l4_printf("fastpath: ran %lu times\n", after - before);
	} else
		EXPECT(after == before);

	before = after;
	run(false, local, remote, seen[0]);
	after = l4_kdb_fastpath(2) & ~L4_KDB_FASTPATH_ON;
	EXPECT(after == before);
	l4_kdb_fastpath((was & L4_KDB_FASTPATH_ON) ? 1 : 0);
	suite_thread_delete(local);
	suite_space_delete(&space_a);

	for (unsigned o = 0; o < 2; o++)
		for (unsigned r = 0; r < ROUNDS; r++) {
			const struct seen *f = &seen[1][o][r],
					  *s = &seen[0][o][r];

			if (!EXPECT(!l4_msgtag_is_error(l4_msgtag(f->tag))))
				suite_fail("round %u, space %u: error %#lx", r,
					   o, f->error);
			EXPECT(l4_msgtag_untyped(l4_msgtag(f->tag)) ==
			       words(r));
			EXPECT(f->from == (o ? remote : local_id).raw);
			if (!EXPECT(f->tag == s->tag && f->from == s->from &&
				    f->error == s->error))
				l4_printf("fastpath: round %u, space %u: tag "
					  "%lx/%lx from %lx/%lx error "
					  "%lx/%lx (fast/slow)\n",
					  r, o, f->tag, s->tag, f->from,
					  s->from, f->error, s->error);
			for (unsigned i = 0; i < L4_NUM_MRS; i++) {
				EXPECT(f->mr[i] == s->mr[i]);
				if (!EXPECT(f->partner_mr[i] ==
					    s->partner_mr[i]))
					l4_printf("fastpath: round %u: the "
						  "partner's MR%u: %lx/%lx\n",
						  r, i, f->partner_mr[i],
						  s->partner_mr[i]);
			}
			EXPECT(f->control == s->control && f->sp == s->sp &&
			       f->ip == s->ip && f->flags == s->flags);
			if (!EXPECT(o ||
				    (f->control & L4_THREAD_WAS_RECEIVING)))
				l4_printf("fastpath: round %u, space %u: "
					  "control %lx\n",
					  r, o, f->control);
		}
}

/*
 * FPU state across fastpath switches: both partners keep their own xmm0
 * while the lazy FPU owner moves between them (the fastpath sets CR0.TS
 * when the sender owns the FPU and clears it when the receiver does).
 */
static volatile unsigned fpu_partner_bad;

/* Echo with label + 1, looking at xmm0 only for odd labels (so that the
 * caller is sometimes still the FPU's owner when the reply comes). */
static void fpu_echo(void *unused)
{
	const uint64_t mine = 0x0123456789abcdefull;
	l4_threadid_t from;
	l4_msgtag_t tag;

	suite_set_xmm0(mine);
	tag = l4_wait(&from);
	for (;;) {
		if ((l4_msgtag_label(tag) & 1) && suite_get_xmm0() != mine)
			fpu_partner_bad++;
		l4_set_mr(0,
			  l4_msgtag_make(l4_msgtag_label(tag) + 1, 0, 0).raw);
		tag = l4_reply_wait(l4_global_id_of(from), &from);
	}
}

SUITE_TEST(fastpath_switches_keep_each_threads_fpu_registers)
{
	const uint64_t mine = 0xfedcba9876543210ull;
	unsigned long before, after;
	l4_threadid_t t = suite_thread_start(fpu_echo, NULL);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	fpu_partner_bad = 0;
	before = l4_kdb_fastpath(2);
	for (unsigned i = 0; i < 16; i++) {
		l4_msgtag_t tag;

		suite_set_xmm0(mine + i);
		l4_set_mr(0, l4_msgtag_make(i, 0, 0).raw);
		tag = l4_call(t);
		EXPECT(!l4_msgtag_is_error(tag) &&
		       l4_msgtag_label(tag) == i + 1);
		EXPECT(suite_get_xmm0() == mine + i);
	}
	after = l4_kdb_fastpath(2);
	EXPECT(fpu_partner_bad == 0);
	/* Both ways, but for the first call, which may find the partner
	 * not yet waiting. */
	if (before & L4_KDB_FASTPATH_ON)
		EXPECT((after & ~L4_KDB_FASTPATH_ON) -
			       (before & ~L4_KDB_FASTPATH_ON) >=
		       2 * 15);
	suite_thread_delete(t);
}
