/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address spaces. A space is a page-table tree (arch_vspace_*), the threads
 * that live in it, and two areas fixed by SpaceControl before its first
 * thread runs: where the KIP appears, and where the UTCBs of its threads
 * may lie. UTCB pages are kernel-pool pages mapped into the UTCB area.
 *
 * A space exists while it has threads: it is created with its first thread
 * (ThreadControl) and deleted with its last.
 */
#ifndef KERNEL_SPACE_H
#define KERNEL_SPACE_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/list.h>

#include <l4/types.h>

struct tcb;

/*
 * pt_root and cr3 are set by arch_vspace_create() and fixed for the life
 * of the space. cr3 must stay at offset 8: the IPC fastpath (entry.asm)
 * loads it from there.
 */
struct space {
	uint64_t pt_root; /* arch_vspace handle: the PML4's physical address */
	uint64_t cr3;	  /* what arch_switch() loads to enter the space: the
			     PML4's address, with its PCID and the no-flush
			     bit where PCIDs are used (docs/pcid.md) */
	struct list_head threads; /* struct tcb.space_link */
	unsigned nthreads;
	l4_word_t kip_area;  /* fpage; nil until SpaceControl */
	l4_word_t utcb_area; /* fpage; nil until SpaceControl */
	bool privileged;     /* sigma0's and the root task's spaces */
	uintptr_t *shadow;   /* mdb nodes by address (map.c) */
	uint8_t *io[2];	     /* I/O ports held, a bit clear for each; a
				NULL half holds none (io.c) */
	uint64_t io_gen;     /* changes with every change of io[] */
};

/* A new, unconfigured space. NULL if out of memory. */
struct space *space_create(void);

/* True once SpaceControl gave it a KIP area and a UTCB area. */
bool space_configured(const struct space *s);

/*
 * Set the areas (fpages) and map the KIP. Returns 0 or the SpaceControl
 * error code (6 UTCB area, 7 KIP area, 8 out of memory); nothing changes on
 * error. The space must have no active thread.
 */
int space_configure(struct space *s, l4_word_t kip_area, l4_word_t utcb_area);

/* True if a UTCB block at @location (a ThreadControl UtcbLocation: 1 KiB
 * aligned, the UTCB address is 0x200 into it) fits the UTCB area. */
bool space_utcb_valid(const struct space *s, uint64_t location);

/* Make the UTCB at @addr exist (allocating and mapping its page if no other
 * thread's UTCB is in it) and return its kernel alias, or NULL if out of
 * memory. */
l4_word_t *space_utcb_get(struct space *s, uint64_t addr);

/* Drop the UTCB at @addr: free its page if no other thread of @s uses it.
 * @except is the thread giving it up. */
void space_utcb_put(struct space *s, uint64_t addr, const struct tcb *except);

/* Add @t to / remove @t from @s; removing the last thread deletes @s. */
/* True if a thread of @s has its UTCB at @addr (an MR0 address). */
bool space_utcb_taken(const struct space *s, uint64_t addr);

void space_add_thread(struct space *s, struct tcb *t);
void space_remove_thread(struct space *s, struct tcb *t);

#endif
