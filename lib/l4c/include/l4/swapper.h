/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The swapping pager (pagers/swapper, docs/swapper.md): a dataspace manager
 * that speaks the dataspace protocol of <l4/dataspace.h> word for word, so
 * that a client cannot tell it from the memory server, but keeps its
 * clients' pages in a fixed budget of frames (one dataspace of the memory
 * server) and evicts them to the backing store (<l4/blocks.h>) under the
 * clock policy. A page comes back, bit for bit, on its next map.
 *
 *   open   L4_DS_OPEN, u = 1: MR1 the size in bytes (a multiple of 4 KiB)
 *          -> OK with MR1 the dataspace; EINVAL (size 0 or unaligned);
 *          EFULL (the client's L4_SWAP_QUOTA pages or L4_SWAP_DS
 *          dataspaces, the server's table, or the backing store's blocks)
 *   size   L4_DS_SIZE, u = 1: MR1 the dataspace -> OK with MR1 its size;
 *          ENOENT (not one of the client's)
 *   map    L4_DS_MAP, u = 3: MR1 the dataspace, MR2 the offset (page
 *          aligned, below the size), MR3 the rights (L4_FPAGE_R, _W, _X);
 *          the client's BR0 the receive window
 *          -> OK with one map item (t = 2) of that page; ENOENT; EINVAL
 *          (offset or rights); EFULL (no frame could be freed: the
 *          backing store failed)
 *   close  L4_DS_CLOSE, u = 1: MR1 the dataspace -> OK; ENOENT
 *   stats  L4_SWAP_STATS, u = 0
 *          -> OK with u = 5: MR1 the budget of frames, MR2 the frames in
 *          use, MR3 the evictions, MR4 the reloads (pages read back from
 *          the backing store), MR5 the blocks written; all since start,
 *          for all clients together
 *
 * A mapping is valid until the page is evicted or the dataspace closed;
 * then it is gone from the client's space, and the client maps the page
 * again (a region mapper does so on the next fault).
 */
#ifndef L4_SWAPPER_H
#define L4_SWAPPER_H

#include <l4/dataspace.h>
#include <l4/names.h>

#define L4_SWAP_STATS 0x7501
#define L4_SWAP_QUOTA 128 /* pages per client */
#define L4_SWAP_DS 8	  /* dataspaces per client */

struct l4_swap_stats {
	l4_word_t frames, resident, evictions, reloads, writes;
};

/* The swapper @server's figures in *@s; a status. */
int l4_swap_stats(l4_threadid_t server, struct l4_swap_stats *s);

#endif
