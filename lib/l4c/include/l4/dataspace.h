/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The dataspace protocol of the memory server (servers/memory,
 * docs/names.md): anonymous, zero-filled dataspaces that a client opens,
 * maps page by page into its own space, and closes. Each client (sender
 * thread) may hold at most L4_DS_QUOTA pages of dataspace at a time; a
 * dataspace's pages come from sigma0 on first map and go back to the
 * server's free list, flushed from every space they were mapped to, when
 * it is closed.
 *
 *   open   L4_DS_OPEN, u = 1: MR1 the size in bytes (a multiple of 4 KiB)
 *          -> OK with MR1 the dataspace; EINVAL (size 0 or unaligned);
 *          EFULL (the client's quota or the server's table)
 *   size   L4_DS_SIZE, u = 1: MR1 the dataspace -> OK with MR1 its size;
 *          ENOENT (not one of the client's)
 *   map    L4_DS_MAP, u = 3: MR1 the dataspace, MR2 the offset (page
 *          aligned, below the size), MR3 the rights (L4_FPAGE_R, _W, _X);
 *          the client's BR0 the receive window
 *          -> OK with one map item (t = 2) of that page; ENOENT; EINVAL
 *          (offset or rights); EFULL (no memory left)
 *   close  L4_DS_CLOSE, u = 1: MR1 the dataspace -> OK; ENOENT
 */
#ifndef L4_DATASPACE_H
#define L4_DATASPACE_H

#include <l4/fpage.h>
#include <l4/names.h>

#define L4_DS_OPEN 0x7401
#define L4_DS_SIZE 0x7402
#define L4_DS_MAP 0x7403
#define L4_DS_CLOSE 0x7404
#define L4_DS_QUOTA 64 /* pages per client */

/* Open a dataspace of @size bytes at @server; its number in *@ds. */
int l4_ds_open(l4_threadid_t server, l4_word_t size, l4_word_t *ds);

/* The size of dataspace @ds in *@size. */
int l4_ds_size(l4_threadid_t server, l4_word_t ds, l4_word_t *size);

/* Map the page at @offset of @ds with @rights to @addr (page-aligned) of
 * the caller's space. BR0 is as it was afterwards. */
int l4_ds_map(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
	      unsigned rights, l4_word_t addr);

int l4_ds_close(l4_threadid_t server, l4_word_t ds);

#endif
