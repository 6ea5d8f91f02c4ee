/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Flexpages on top of the mapping database and the page tables: map and
 * grant items in IPC, Unmap, page faults, and sigma0's hold on physical
 * memory. Each mapped page of a space has an mdb node; the space's shadow
 * tree (a radix tree on the virtual address, like a page table) finds it.
 */
#ifndef KERNEL_MAP_H
#define KERNEL_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include <l4/types.h>

struct tcb;
struct space;

void map_init(void);

/* The space whose faults the kernel answers with identity mappings. */
void map_set_sigma0(struct space *s);

/*
 * Apply the typed item at @item (@avail words left in the message) sent by
 * @s to @r: map or grant through @r's receive window. Sets *@used to the
 * item's length in words. Returns 0 or an IPC error code.
 */
unsigned map_transfer_item(struct tcb *s, struct tcb *r, const l4_word_t *item,
			   unsigned avail, unsigned *used);

/* The Unmap system call of the current thread (fpages in its UTCB). */
void sys_unmap(l4_word_t control);

/*
 * A page fault of the current thread at @addr (@access: 4 read, 2 write,
 * 1 execute) at @ip. Resolves it (sigma0: identity mapping; others: IPC to
 * the pager). False if it could not be resolved: no pager, the pager is
 * gone, or sigma0 touched memory that is not its.
 */
bool map_page_fault(uint64_t addr, unsigned access, uint64_t ip);

/* Is @s sigma0's space? */
bool map_is_sigma0(const struct space *s);

/*
 * The same within the absolute time @deadline (0: none), for faults during
 * a string transfer (XferTimeouts). Returns 0 if resolved, else why not, as
 * an IPC error code: that of the page-fault IPC (1 timeout, 3 cancelled,
 * 7 aborted, ...), 1 if @deadline had passed, 2 if there is no pager (or
 * sigma0 touched memory that is not its).
 */
unsigned map_page_fault_until(uint64_t addr, unsigned access, uint64_t ip,
			      uint64_t deadline);

/* Remove every mapping of @s (before the space is deleted). */
void map_space_destroy(struct space *s);

/* Assert the shadow tree of @s agrees with the mapping database. */
void map_check(const struct space *s);

#endif
