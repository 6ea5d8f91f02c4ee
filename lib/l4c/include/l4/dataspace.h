/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The dataspace protocol of the memory server (servers/memory,
 * docs/memory.md): dataspaces that a client opens, maps page by page into
 * its own space, and closes. Three kinds: anonymous (zero-filled), the
 * read-only image of a boot module, and copy-on-write copies of either.
 * A dataspace belongs to the thread that opened it (the sender's id, as
 * the kernel gives it); every other thread gets ENOENT for it.
 *
 *   open    L4_DS_OPEN, u = 1: MR1 the size in bytes (a multiple of 4 KiB,
 *           at most L4_DS_PAGES_MAX pages) -> OK with MR1 the dataspace;
 *           EINVAL (size 0 or unaligned); EFULL (the client's quota, the
 *           size limit or the server's tables)
 *   size    L4_DS_SIZE, u = 1: MR1 the dataspace -> OK with MR1 its size;
 *           ENOENT (not one of the client's)
 *   map     L4_DS_MAP, u = 3: MR1 the dataspace, MR2 the offset (page
 *           aligned, below the size), MR3 the rights (L4_FPAGE_R, _W, _X);
 *           the client's BR0 the receive window
 *           -> OK with one map item (t = 2) of that page, with those
 *           rights; ENOENT; EINVAL (offset, rights, W on a module image);
 *           EFULL (no memory left, or the quota when the page must become
 *           private)
 *   close   L4_DS_CLOSE, u = 1: MR1 the dataspace -> OK; ENOENT
 *   module  L4_DS_OPEN_MODULE, u = 4: MR1-MR4 the boot module's name, as
 *           <l4/names.h> packs it -> OK with MR1 the dataspace: the
 *           module's bytes, its size rounded up to pages (zeros after the
 *           end), mappable with R and X only; ENOENT (no such module, or
 *           one the root task does not hand out); EINVAL (bad name); EFULL
 *           (larger than L4_DS_PAGES_MAX pages, or the tables)
 *   copy    L4_DS_COPY, u = 1: MR1 one of the client's dataspaces
 *           -> OK with MR1 a new dataspace of the same size whose contents
 *           are the source's at this moment; ENOENT; EFULL (tables)
 *   stats   L4_DS_STATS, u = 0 -> OK, u = 5: MR1 frames holding pages of
 *           dataspaces, MR2 frames taken from sigma0 so far, MR3 open
 *           dataspaces (of all clients), MR4 the sender's quota, MR5 the
 *           pages charged to the sender; EFULL (no client record left)
 *   sweep   L4_DS_SWEEP, u = 0 -> OK with MR1 the number of clients found
 *           dead (their dataspaces are closed). Anyone may ask; the root
 *           task sends it with a zero timeout after killing a program.
 *
 * A reply's label is the status (<l4/names.h>); a wrong u, typed items or
 * an unknown label get EINVAL. A request that fails changes nothing.
 *
 * Copy-on-write: a copy and its source share their frames read-only. The
 * copy takes W away from every mapping of the source's shared pages, so
 * a client must map a page again with W before it writes to it, source
 * and copy alike (a region mapper does so on the write fault); that map
 * gives the dataspace a frame of its own, a copy of the shared one.
 *
 * Quota: each client may have L4_DS_QUOTA pages charged, or what its
 * program's command line says (quota=N, which the server asks the root
 * task for). An anonymous dataspace is charged its size at open; a copy
 * one page for each page it makes its own by a write; module images
 * nothing. Closing gives the charge back.
 *
 * Death: the server probes its clients with zero-timeout sends
 * (L4_DS_PROBE, u = 0: a client in an open wait may receive it; ignore
 * it) when asked to sweep, and when its tables are full; a client that no
 * longer exists has its dataspaces closed.
 */
#ifndef L4_DATASPACE_H
#define L4_DATASPACE_H

#include <l4/fpage.h>
#include <l4/names.h>

#define L4_DS_OPEN 0x7401
#define L4_DS_SIZE 0x7402
#define L4_DS_MAP 0x7403
#define L4_DS_CLOSE 0x7404
#define L4_DS_OPEN_MODULE 0x7405
#define L4_DS_COPY 0x7406
#define L4_DS_STATS 0x7407
#define L4_DS_SWEEP 0x7408
#define L4_DS_PROBE 0x74ff

#define L4_DS_QUOTA \
	64		    /* pages per client, unless its command line
			       says otherwise */
#define L4_DS_PAGES_MAX 256 /* pages of one dataspace */

struct l4_ds_stats {
	l4_word_t frames_used, frames_taken, dataspaces, quota, charged;
};

/* Open a dataspace of @size bytes at @server; its number in *@ds. */
int l4_ds_open(l4_threadid_t server, l4_word_t size, l4_word_t *ds);

/* Open the image of boot module @name at @server; its number in *@ds. */
int l4_ds_open_module(l4_threadid_t server, const char *name, l4_word_t *ds);

/* A copy-on-write copy of dataspace @src; its number in *@ds. */
int l4_ds_copy(l4_threadid_t server, l4_word_t src, l4_word_t *ds);

/* The size of dataspace @ds in *@size. */
int l4_ds_size(l4_threadid_t server, l4_word_t ds, l4_word_t *size);

/* Map the page at @offset of @ds with @rights to @addr (page-aligned) of
 * the caller's space. BR0 is as it was afterwards. */
int l4_ds_map(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
	      unsigned rights, l4_word_t addr);

/* The same with the Ipc @timeouts (see l4_request_timed()). */
int l4_ds_map_timed(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
		    unsigned rights, l4_word_t addr, l4_word_t timeouts);

int l4_ds_close(l4_threadid_t server, l4_word_t ds);

/* The server's figures, and the caller's quota and charge, in *@s. */
int l4_ds_stats(l4_threadid_t server, struct l4_ds_stats *s);

/* Ask @server to look for dead clients now; how many it found in *@dead
 * (if not NULL). */
int l4_ds_sweep(l4_threadid_t server, l4_word_t *dead);

#endif
