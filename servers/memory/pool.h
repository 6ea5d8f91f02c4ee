/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory server's frames: taken from sigma0 one at a time into the
 * pool window (frame k at POOL_BASE + k pages, there for good), shared by
 * the dataspace pages that hold them (a count of holders), and put on a
 * free list when the last holder lets go. One more frame, always zero and
 * never written, stands for the untouched pages of copies.
 *
 *   frame k:  holders 0  on the free list (or never taken)
 *             holders 1  private to one dataspace page
 *             holders n  shared read-only by n pages (copy-on-write)
 */
#ifndef MEMORY_POOL_H
#define MEMORY_POOL_H

#include <l4/types.h>

#define POOL_PAGES 512
#define POOL_ZERO POOL_PAGES /* the number of the zero frame */

/* A zeroed frame with one holder, its number in *@k; false if sigma0 has
 * none left or the pool is full. */
bool pool_get(unsigned *k);

/* One more holder of frame @k. */
void pool_share(unsigned k);

/* One holder fewer; the frame is free when none is left. */
void pool_unshare(unsigned k);

/* Holders of frame @k. */
unsigned pool_holders(unsigned k);

/* The server's address of frame @k (or of the zero frame). */
l4_word_t pool_addr(unsigned k);

/* Map frame @k (or the zero frame) once more, at @va of the server's own
 * space, by asking sigma0 for it again; false if that fails. */
bool pool_alias(unsigned k, l4_word_t va);

/* Frames with holders, and frames taken from sigma0 so far. */
unsigned pool_used(void);
unsigned pool_taken(void);

#endif /* MEMORY_POOL_H */
