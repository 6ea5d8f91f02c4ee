/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The region map of a task (issue 5's region mapper keeps one): which
 * ranges of the task's address space are backed by which dataspace, at
 * which offset, with which rights. A fault address is resolved by looking
 * up its region; attach and detach change the map. Plain data: no system
 * calls, so that the same code runs in the region mapper and in the host
 * tests (test/host/test_regionmap.c).
 *
 *   lo                                                                hi
 *   |---free---|==== region 0 ====|--free--|== region 1 ==|----free----|
 *              start              start+size
 *
 * Invariants (rm_check):
 *   R1  0 <= n <= cap
 *   R2  every region: size > 0, start and size multiples of the page size,
 *       lo <= start, start + size <= hi (no wrap)
 *   R3  regions sorted by start, and none overlaps the next
 *   R4  rights within RM_RWX and not empty
 *
 * Costs: lookup O(log n) (binary search); attach and detach O(n) (the
 * array shifts), first-fit search O(n).
 */
#ifndef PAGERS_REGIONMAP_H
#define PAGERS_REGIONMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RM_PAGE 4096ul
#define RM_R 4u /* the L4 fpage rights bits */
#define RM_W 2u
#define RM_X 1u
#define RM_RWX 7u

/* Errors (negative returns). */
#define RM_EINVAL (-1) /* size 0, unaligned, outside the map, bad rights */
#define RM_EBUSY (-2)  /* overlaps a region that is attached */
#define RM_ENOSPC (-3) /* no free range that fits, or the table is full */
#define RM_ENOENT (-4) /* no region there */

/* rm_attach flags. */
#define RM_SEARCH 1u /* find a free range; *addr is where to start looking */

struct rm_region {
	uint64_t start, size; /* bytes, page-aligned */
	uint64_t ds;	      /* dataspace, as its manager names it */
	uint64_t offset;      /* into the dataspace, page-aligned */
	uint64_t manager;     /* thread id of the dataspace's manager */
	unsigned rights;      /* RM_R, RM_W, RM_X */
};

struct rm_map {
	struct rm_region *r; /* @cap slots, the first @n in use */
	unsigned n, cap;
	uint64_t lo, hi; /* the range the map manages: [lo, hi) */
};

/* An empty map of [@lo, @hi) in @cap slots at @store. @lo and @hi must be
 * page-aligned and lo < hi. */
void rm_init(struct rm_map *m, struct rm_region *store, unsigned cap,
	     uint64_t lo, uint64_t hi);

/*
 * Attach @r (its start, if RM_SEARCH is not given, and size, dataspace,
 * offset, manager and rights). With RM_SEARCH the first free range of
 * r->size bytes at or above r->start, aligned to 2^@align_log2 (at least
 * a page), is taken and r->start set to it. Returns 0 or an error; on
 * error nothing changes.
 */
int rm_attach(struct rm_map *m, struct rm_region *r, unsigned flags,
	      unsigned align_log2);

/* Detach the region that contains @addr, copying it to *@out if @out is
 * not NULL. Returns 0 or RM_ENOENT. */
int rm_detach(struct rm_map *m, uint64_t addr, struct rm_region *out);

/* The region that contains @addr, or NULL. */
const struct rm_region *rm_lookup(const struct rm_map *m, uint64_t addr);

/* Do R1-R4 hold? */
bool rm_check(const struct rm_map *m);

#endif
