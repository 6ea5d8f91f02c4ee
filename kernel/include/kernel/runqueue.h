/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler's ready queues: one FIFO per priority (0 lowest, 255
 * highest), round robin within a priority, and a bitmap of the non-empty
 * ones so that the highest is found in constant time. Links are embedded
 * in the queued object (the thread control block); nothing is allocated.
 *
 *   bitmap[3] bit 63 = prio 255    ...    bitmap[0] bit 0 = prio 0
 *
 *   head[p] (sentinel) <-> l1 <-> l2 <-> ... <-> ln <-> back to head[p]
 *                          ^ first out (rq_highest)     ^ rq_enqueue adds
 *
 * A link is in one of two states:
 *
 *   queued  prio  next, prev
 *   false   any   unused (NULL after rq_remove)
 *   true    p     in the ring of head[p]
 *
 * Invariants (rq_check asserts one rule per line):
 *
 *   rule  holds for        statement
 *   B     every priority p bit p of bitmap set iff head[p] ring non-empty
 *   L     every ring link  l->next->prev == l and l->prev->next == l
 *   Q     every link l in the ring of head[p]: l->queued, l->prio == p
 *   H     every sentinel   head[p].queued == false, head[p].prio == p
 *   C     the queue        links in all rings == count
 */
#ifndef KERNEL_RUNQUEUE_H
#define KERNEL_RUNQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define RQ_PRIOS 256

/* Embedded in each schedulable object. Start it zeroed (not queued). */
struct rq_link {
	struct rq_link *next, *prev;
	uint8_t prio;
	bool queued;
};

struct runqueue {
	uint64_t bitmap[RQ_PRIOS / 64]; /* rule B */
	struct rq_link head[RQ_PRIOS];	/* ring sentinels, rule H */
	unsigned count;			/* rule C */
};

/* Make @rq empty. Cannot fail. */
void rq_init(struct runqueue *rq);

/* Queue @l, which is not queued, at the tail of priority @prio (< 256):
 * it runs after the others there. */
void rq_enqueue(struct runqueue *rq, struct rq_link *l, unsigned prio);

/* Queue @l, which is not queued, at the head of priority @prio (< 256):
 * it runs next among them (a preempted thread keeps its turn). */
void rq_enqueue_head(struct runqueue *rq, struct rq_link *l, unsigned prio);

/* Take @l, which is queued on @rq, off its queue. */
void rq_remove(struct runqueue *rq, struct rq_link *l);

/* The first link of the highest non-empty priority, or NULL if @rq is
 * empty. Changes nothing. */
struct rq_link *rq_highest(const struct runqueue *rq);

/* Move the first link of priority @prio (< 256) to its tail: the end of a
 * time slice. Nothing happens to an empty priority. */
void rq_rotate(struct runqueue *rq, unsigned prio);

/* Assert the invariants above. Linear in the links queued. */
void rq_check(const struct runqueue *rq);

#endif
