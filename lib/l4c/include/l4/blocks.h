/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The backing-store protocol (servers/blocks, docs/names.md): a RAM-backed
 * store of L4_BLOCKS blocks of L4_BLOCK_SIZE bytes, the swapping pager's
 * place to put evicted pages. Data travels as string items.
 *
 *   write  label L4_BLOCK_WRITE, u = 1: MR1 the block number; t = 2: a
 *          string item of exactly L4_BLOCK_SIZE bytes
 *          -> label L4_NAMES_OK, or L4_NAMES_EINVAL (a bad number, another
 *          length, no string)
 *   read   label L4_BLOCK_READ, u = 1: MR1 the block number; the caller's
 *          BR0 accepts strings and BR1-BR2 give a buffer of
 *          L4_BLOCK_SIZE bytes
 *          -> label L4_NAMES_OK with t = 2: the block as a string item
 *          (never-written blocks read as zeros), or L4_NAMES_EINVAL
 */
#ifndef L4_BLOCKS_H
#define L4_BLOCKS_H

#include <l4/names.h>

#define L4_BLOCK_WRITE 0x7301
#define L4_BLOCK_READ 0x7302
#define L4_BLOCK_SIZE 4096ul
#define L4_BLOCKS 256ul

/* Write @buf (L4_BLOCK_SIZE bytes) to block @n of @server; a status. */
int l4_block_write(l4_threadid_t server, l4_word_t n, const void *buf);

/* Read block @n of @server into @buf (L4_BLOCK_SIZE bytes); a status.
 * BR0-BR2 are as they were afterwards. */
int l4_block_read(l4_threadid_t server, l4_word_t n, void *buf);

#endif
