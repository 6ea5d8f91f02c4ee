// SPDX-License-Identifier: BSD-2-Clause
/*
 * The ready queues; see runqueue.h for the picture and the invariants.
 * Each priority is a circular list through its sentinel, so insertion and
 * removal need no special case for the ends.
 */
#include <kernel/panic.h>
#include <kernel/runqueue.h>

/* Set the bitmap bit of priority @p. */
static void rq_bit_set(struct runqueue *rq, unsigned p)
{
	rq->bitmap[p / 64] |= 1ull << (p % 64);
}

/* Clear the bitmap bit of priority @p. */
static void rq_bit_clear(struct runqueue *rq, unsigned p)
{
	rq->bitmap[p / 64] &= ~(1ull << (p % 64));
}

/* Whether the bitmap bit of priority @p is set. */
static bool rq_bit(const struct runqueue *rq, unsigned p)
{
	return rq->bitmap[p / 64] >> (p % 64) & 1;
}

void rq_init(struct runqueue *rq)
{
	for (unsigned p = 0; p < RQ_PRIOS; p++) {
		struct rq_link *h = &rq->head[p];

		*h = (struct rq_link){ .next = h,
				       .prev = h,
				       .prio = (uint8_t)p };
	}
	for (unsigned w = 0; w < RQ_PRIOS / 64; w++)
		rq->bitmap[w] = 0;
	rq->count = 0;
}

/* Link @l into a ring between @prev and @next, which are neighbours. */
static void rq_link_between(struct rq_link *l, struct rq_link *prev,
			    struct rq_link *next)
{
	l->prev = prev;
	l->next = next;
	prev->next = l;
	next->prev = l;
}

/* Queue @l at priority @prio, after the ring link @prev. */
static void rq_insert(struct runqueue *rq, struct rq_link *l, unsigned prio,
		      struct rq_link *prev)
{
	rq_link_between(l, prev, prev->next);
	l->prio = (uint8_t)prio;
	l->queued = true;
	rq_bit_set(rq, prio);
	rq->count++;
}

void rq_enqueue(struct runqueue *rq, struct rq_link *l, unsigned prio)
{
	assert(prio < RQ_PRIOS && !l->queued);
	rq_insert(rq, l, prio, rq->head[prio].prev);
}

void rq_enqueue_head(struct runqueue *rq, struct rq_link *l, unsigned prio)
{
	assert(prio < RQ_PRIOS && !l->queued);
	rq_insert(rq, l, prio, &rq->head[prio]);
}

void rq_remove(struct runqueue *rq, struct rq_link *l)
{
	struct rq_link *h = &rq->head[l->prio];

	assert(l->queued && rq->count > 0);
	l->prev->next = l->next;
	l->next->prev = l->prev;
	l->next = l->prev = NULL;
	l->queued = false;
	if (h->next == h)
		rq_bit_clear(rq, l->prio);
	rq->count--;
}

struct rq_link *rq_highest(const struct runqueue *rq)
{
	for (unsigned w = RQ_PRIOS / 64; w-- > 0;) {
		uint64_t bits = rq->bitmap[w];

		if (bits)
			return rq->head[w * 64 + 63 - __builtin_clzll(bits)]
				.next;
	}
	return NULL;
}

void rq_rotate(struct runqueue *rq, unsigned prio)
{
	struct rq_link *h, *first;

	assert(prio < RQ_PRIOS);
	h = &rq->head[prio];
	first = h->next;
	if (first == h || first->next == h)
		return; /* fewer than two: the order cannot change */
	h->next = first->next;
	first->next->prev = h;
	rq_link_between(first, h->prev, h);
}

/* Assert rules H, L and Q for the ring of priority @p, which may hold at
 * most @limit links; its length. */
static unsigned rq_check_ring(const struct runqueue *rq, unsigned p,
			      unsigned limit)
{
	const struct rq_link *h = &rq->head[p];
	unsigned n = 0;

	assert(!h->queued && h->prio == p);		  /* H */
	assert(h->next->prev == h && h->prev->next == h); /* L */
	for (const struct rq_link *l = h->next; l != h; l = l->next) {
		assert(++n <= limit); /* C; ends a cycle */
		assert(l->next->prev == l && l->prev->next == l); /* L */
		assert(l->queued && l->prio == p);		  /* Q */
	}
	return n;
}

void rq_check(const struct runqueue *rq)
{
	unsigned total = 0;

	for (unsigned p = 0; p < RQ_PRIOS; p++) {
		unsigned n = rq_check_ring(rq, p, rq->count - total);

		assert(rq_bit(rq, p) == (n > 0)); /* B */
		total += n;
	}
	assert(total == rq->count); /* C */
}
