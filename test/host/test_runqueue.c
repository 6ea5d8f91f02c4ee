// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the scheduler's ready queues (kernel/runqueue.c). Also a
 * seeded random run against a reference model, one plain array FIFO per
 * priority, with rq_check and a full comparison after every step.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <kernel/runqueue.h>

#include "check.h"

#define NLINKS 64

static struct runqueue rq;
static struct rq_link link[NLINKS];

/* A fresh empty queue and unqueued links. */
static void setup(void)
{
	memset(link, 0, sizeof(link));
	rq_init(&rq);
}

/* Whether priority @p holds exactly the links numbered in @want (@n of
 * them), in that order. */
static bool ring_is(unsigned p, const int *want, unsigned n)
{
	const struct rq_link *h = &rq.head[p], *l = h->next;

	for (unsigned i = 0; i < n; i++, l = l->next)
		if (l == h || l != &link[want[i]])
			return false;
	return l == h;
}

static void rq_init_makes_an_empty_queue(void)
{
	setup();
	CHECK(rq_highest(&rq) == NULL);
	CHECK(rq.count == 0);
	for (unsigned w = 0; w < 4; w++)
		CHECK(rq.bitmap[w] == 0);
	rq_check(&rq);
}

static void rq_highest_returns_the_first_of_the_highest_priority(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 10);
	rq_enqueue(&rq, &link[1], 200);
	rq_enqueue(&rq, &link[2], 200);
	rq_enqueue(&rq, &link[3], 100);
	rq_check(&rq);
	CHECK(rq.count == 4);
	CHECK(rq_highest(&rq) == &link[1]);
	CHECK(link[1].queued && link[1].prio == 200);
	/* Asking changes nothing. */
	CHECK(rq_highest(&rq) == &link[1]);
	CHECK(rq.count == 4);
}

static void rq_enqueue_is_first_in_first_out_within_a_priority(void)
{
	static const int order[] = { 3, 1, 4, 0, 2 };

	setup();
	for (int i = 0; i < 5; i++)
		rq_enqueue(&rq, &link[order[i]], 7);
	CHECK(ring_is(7, order, 5));
	for (int i = 0; i < 5; i++) {
		struct rq_link *l = rq_highest(&rq);

		CHECK(l == &link[order[i]]);
		rq_remove(&rq, l);
		rq_check(&rq);
	}
	CHECK(rq_highest(&rq) == NULL);
}

static void rq_enqueue_head_puts_a_link_first(void)
{
	static const int want[] = { 2, 0, 1 };

	setup();
	rq_enqueue(&rq, &link[0], 50);
	rq_enqueue(&rq, &link[1], 50);
	rq_enqueue_head(&rq, &link[2], 50);
	rq_check(&rq);
	CHECK(ring_is(50, want, 3));
	CHECK(rq_highest(&rq) == &link[2]);
	/* Into an empty priority it sets the bit like rq_enqueue. */
	rq_enqueue_head(&rq, &link[3], 51);
	CHECK(rq_highest(&rq) == &link[3]);
	rq_check(&rq);
}

static void rq_remove_takes_a_link_from_any_place(void)
{
	static const int after_mid[] = { 0, 2, 3 }, after_ends[] = { 2 };

	setup();
	for (int i = 0; i < 4; i++)
		rq_enqueue(&rq, &link[i], 9);
	rq_remove(&rq, &link[1]);
	CHECK(ring_is(9, after_mid, 3));
	CHECK(!link[1].queued && !link[1].next && !link[1].prev);
	rq_remove(&rq, &link[0]);
	rq_remove(&rq, &link[3]);
	CHECK(ring_is(9, after_ends, 1));
	CHECK(rq.count == 1);
	rq_check(&rq);
}

static void rq_remove_of_the_last_link_clears_the_priority_bit(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 130);
	rq_enqueue(&rq, &link[1], 3);
	CHECK(rq.bitmap[2] == 1ull << 2);
	rq_remove(&rq, &link[0]);
	CHECK(rq.bitmap[2] == 0);
	CHECK(rq_highest(&rq) == &link[1]);
	rq_remove(&rq, &link[1]);
	CHECK(rq_highest(&rq) == NULL && rq.count == 0);
	rq_check(&rq);
}

static void rq_highest_finds_every_priority_at_word_edges(void)
{
	static const unsigned prio[] = { 0,   1,   63,	64,  65, 127,
					 128, 191, 192, 254, 255 };
	const unsigned n = sizeof(prio) / sizeof(prio[0]);

	setup();
	for (unsigned i = 0; i < n; i++) {
		rq_enqueue(&rq, &link[i], prio[i]);
		CHECK(rq_highest(&rq) == &link[i]);
	}
	rq_check(&rq);
	for (unsigned i = n; i-- > 0;) {
		CHECK(rq_highest(&rq) == &link[i]);
		CHECK(rq_highest(&rq)->prio == prio[i]);
		rq_remove(&rq, &link[i]);
		rq_check(&rq);
	}
	CHECK(rq_highest(&rq) == NULL);
}

static void rq_rotate_moves_the_first_link_to_the_tail(void)
{
	static const int once[] = { 1, 2, 0 }, twice[] = { 2, 0, 1 };

	setup();
	for (int i = 0; i < 3; i++)
		rq_enqueue(&rq, &link[i], 20);
	rq_enqueue(&rq, &link[3], 19);
	rq_rotate(&rq, 20);
	CHECK(ring_is(20, once, 3));
	CHECK(rq_highest(&rq) == &link[1]);
	rq_rotate(&rq, 20);
	CHECK(ring_is(20, twice, 3));
	rq_check(&rq);
	rq_rotate(&rq, 20);
	rq_rotate(&rq, 20);
	CHECK(ring_is(20, once, 3));
	CHECK(rq.count == 4);
}

static void rq_rotate_of_fewer_than_two_links_changes_nothing(void)
{
	static const int one[] = { 5 };

	setup();
	rq_rotate(&rq, 0);
	rq_rotate(&rq, 255);
	rq_check(&rq);
	CHECK(rq_highest(&rq) == NULL);
	rq_enqueue(&rq, &link[5], 255);
	rq_rotate(&rq, 255);
	CHECK(ring_is(255, one, 1));
	rq_check(&rq);
}

static void rq_link_can_move_to_another_priority(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 40);
	rq_enqueue(&rq, &link[1], 40);
	rq_remove(&rq, &link[0]);
	rq_enqueue(&rq, &link[0], 41);
	CHECK(link[0].prio == 41 && rq_highest(&rq) == &link[0]);
	rq_check(&rq);
}

static void rq_misuse_panics_and_changes_nothing(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 1);
	EXPECT_PANIC(rq_enqueue(&rq, &link[0], 2)); /* already queued */
	EXPECT_PANIC(rq_enqueue_head(&rq, &link[0], 1));
	EXPECT_PANIC(rq_remove(&rq, &link[1])); /* not queued */
	EXPECT_PANIC(rq_enqueue(&rq, &link[1], RQ_PRIOS));
	EXPECT_PANIC(rq_enqueue_head(&rq, &link[1], 1000));
	EXPECT_PANIC(rq_rotate(&rq, RQ_PRIOS));
	CHECK(rq.count == 1 && link[0].prio == 1 && !link[1].queued);
	CHECK(rq_highest(&rq) == &link[0]);
	rq_check(&rq);
}

static void rq_check_panics_on_a_stray_or_missing_bitmap_bit(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 70);
	rq.bitmap[0] |= 1ull << 5; /* prio 5 is empty */
	EXPECT_PANIC(rq_check(&rq));
	rq.bitmap[0] = 0;
	rq.bitmap[1] = 0; /* prio 70 is not */
	EXPECT_PANIC(rq_check(&rq));
	rq.bitmap[1] = 1ull << 6;
	rq_check(&rq);
}

static void rq_check_panics_on_a_wrong_count(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 70);
	rq.count = 2;
	EXPECT_PANIC(rq_check(&rq));
	rq.count = 0;
	EXPECT_PANIC(rq_check(&rq));
	rq.count = 1;
	rq_check(&rq);
}

static void rq_check_panics_on_a_broken_link(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 70);
	rq_enqueue(&rq, &link[1], 70);
	rq_enqueue(&rq, &link[2], 70);
	link[1].prev = &link[2];
	EXPECT_PANIC(rq_check(&rq));
	link[1].prev = &link[0];
	link[2].next = &link[0]; /* a cycle that skips the sentinel */
	EXPECT_PANIC(rq_check(&rq));
	link[2].next = &rq.head[70];
	rq_check(&rq);
}

static void rq_check_panics_on_a_wrong_prio_or_queued_flag(void)
{
	setup();
	rq_enqueue(&rq, &link[0], 70);
	link[0].prio = 71;
	EXPECT_PANIC(rq_check(&rq));
	link[0].prio = 70;
	link[0].queued = false;
	EXPECT_PANIC(rq_check(&rq));
	link[0].queued = true;
	rq.head[3].queued = true;
	EXPECT_PANIC(rq_check(&rq));
	rq.head[3].queued = false;
	rq_check(&rq);
}

/* The random run: a fixed-seed xorshift64 generator. */
static uint64_t rng = 0xda942042e4dd58b5ull;

/* A random number in [0, n). */
static unsigned rnd_below(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define RND_STEPS 100000

/* The model: the links of each priority in order, and where each is. */
static int fifo[RQ_PRIOS][NLINKS];
static unsigned flen[RQ_PRIOS];
static int where[NLINKS]; /* its priority, or -1 if not queued */

/* Insert link @i at position @at of priority @p's FIFO. */
static void model_insert(unsigned p, unsigned at, int i)
{
	memmove(&fifo[p][at + 1], &fifo[p][at], (flen[p] - at) * sizeof(int));
	fifo[p][at] = i;
	flen[p]++;
	where[i] = (int)p;
}

/* Remove link @i from the model. */
static void model_remove(int i)
{
	unsigned p = (unsigned)where[i], at = 0;

	while (fifo[p][at] != i)
		at++;
	memmove(&fifo[p][at], &fifo[p][at + 1],
		(flen[p] - at - 1) * sizeof(int));
	flen[p]--;
	where[i] = -1;
}

/* The first link of the highest non-empty priority in the model. */
static struct rq_link *model_highest(void)
{
	for (unsigned p = RQ_PRIOS; p-- > 0;)
		if (flen[p])
			return &link[fifo[p][0]];
	return NULL;
}

/* Whether the queue holds exactly what the model holds. */
static bool model_matches(void)
{
	unsigned total = 0;

	for (unsigned p = 0; p < RQ_PRIOS; p++) {
		if (!ring_is(p, fifo[p], flen[p]))
			return false;
		total += flen[p];
	}
	for (int i = 0; i < NLINKS; i++)
		if (link[i].queued != (where[i] >= 0) ||
		    (where[i] >= 0 && link[i].prio != where[i]))
			return false;
	return rq.count == total && rq_highest(&rq) == model_highest();
}

/* A priority for the random run: mostly one of a few, so that FIFOs get
 * long, sometimes any. */
static unsigned rnd_prio(void)
{
	static const unsigned few[] = { 0, 5, 63, 64, 100, 128, 200, 255 };

	if (rnd_below(4) == 0)
		return rnd_below(RQ_PRIOS);
	return few[rnd_below(8)];
}

static void rq_matches_a_model_over_random_operations(void)
{
	unsigned done[5] = { 0 };
	clock_t t0 = clock();

	setup();
	memset(flen, 0, sizeof(flen));
	for (int i = 0; i < NLINKS; i++)
		where[i] = -1;
	for (unsigned step = 0; step < RND_STEPS; step++) {
		unsigned op = rnd_below(5), p = rnd_prio();
		int i = (int)rnd_below(NLINKS);

		if (op <= 1 && where[i] < 0) { /* enqueue at tail or head */
			if (op == 0)
				rq_enqueue(&rq, &link[i], p);
			else
				rq_enqueue_head(&rq, &link[i], p);
			model_insert(p, op == 0 ? flen[p] : 0, i);
		} else if (op == 2 && where[i] >= 0) { /* remove */
			rq_remove(&rq, &link[i]);
			model_remove(i);
		} else if (op == 3) { /* rotate */
			if (rnd_below(2) && where[i] >= 0)
				p = (unsigned)where[i];
			rq_rotate(&rq, p);
			if (flen[p]) {
				int first = fifo[p][0];

				model_remove(first);
				model_insert(p, flen[p], first);
			}
		} else if (op == 4) { /* run the highest for its slice */
			struct rq_link *l = rq_highest(&rq);

			CHECK(l == model_highest());
			if (l)
				rq_rotate(&rq, l->prio);
			if (l && flen[l->prio] > 1) {
				int first = fifo[l->prio][0];

				model_remove(first);
				model_insert(l->prio, flen[l->prio], first);
			}
		} else {
			continue;
		}
		done[op]++;
		rq_check(&rq);
		if (!CHECK(model_matches())) {
			printf("  diverged at step %u (op %u)\n", step, op);
			break;
		}
	}
	printf("  %u steps: %u enqueue, %u enqueue_head, %u remove, "
	       "%u rotate, %u highest; %.2f s\n",
	       RND_STEPS, done[0], done[1], done[2], done[3], done[4],
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
	CHECK(done[0] + done[1] + done[2] + done[3] + done[4] >= 50000);
}

int main(void)
{
	RUN(rq_init_makes_an_empty_queue);
	RUN(rq_highest_returns_the_first_of_the_highest_priority);
	RUN(rq_enqueue_is_first_in_first_out_within_a_priority);
	RUN(rq_enqueue_head_puts_a_link_first);
	RUN(rq_remove_takes_a_link_from_any_place);
	RUN(rq_remove_of_the_last_link_clears_the_priority_bit);
	RUN(rq_highest_finds_every_priority_at_word_edges);
	RUN(rq_rotate_moves_the_first_link_to_the_tail);
	RUN(rq_rotate_of_fewer_than_two_links_changes_nothing);
	RUN(rq_link_can_move_to_another_priority);
	RUN(rq_misuse_panics_and_changes_nothing);
	RUN(rq_check_panics_on_a_stray_or_missing_bitmap_bit);
	RUN(rq_check_panics_on_a_wrong_count);
	RUN(rq_check_panics_on_a_broken_link);
	RUN(rq_check_panics_on_a_wrong_prio_or_queued_flag);
	RUN(rq_matches_a_model_over_random_operations);
	return check_done();
}
