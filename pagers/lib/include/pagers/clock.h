/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The eviction policy of a pager with a fixed budget of frames (issue 5's
 * swapping pager): the clock, or second chance. Frames are numbered
 * 0 .. n-1; each is free or holds a page, and a page that was used since
 * the hand last passed it has its reference bit set (the pager sets it
 * from the accessed bits Unmap reports, or whenever it maps the page).
 *
 *            hand
 *             v
 *   [ F | u R | u . | u R | F | u . ]      F free, u used, R referenced
 *
 * clock_victim() moves the hand: a used frame with R set loses R and is
 * passed over (its second chance); the first used frame without R is the
 * victim, and the hand stops just past it. Free frames are skipped.
 *
 * Invariants (clock_check): hand < n; a free frame has R clear; used
 * counts the used frames.
 */
#ifndef PAGERS_CLOCK_H
#define PAGERS_CLOCK_H

#include <stdbool.h>
#include <stdint.h>

#define CLOCK_USED 1u
#define CLOCK_REF 2u

struct clock {
	uint8_t *frame; /* n entries: CLOCK_USED, CLOCK_REF */
	unsigned n, hand, used;
};

/* @n free frames, their flags at @store. */
void clock_init(struct clock *c, uint8_t *store, unsigned n);

/* A free frame, now used (and referenced), or -1 if every frame is used:
 * then the caller evicts clock_victim() first. */
int clock_take(struct clock *c);

/* Frame @f is free again (its page was evicted or released). */
void clock_release(struct clock *c, unsigned f);

/* Frame @f was used: it gets a second chance. */
void clock_touch(struct clock *c, unsigned f);

/* The frame to evict, or -1 if none is used. It stays used until the
 * caller releases it. */
int clock_victim(struct clock *c);

bool clock_check(const struct clock *c);

#endif
