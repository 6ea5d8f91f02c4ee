/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Process-context identifiers (PCIDs): a 12-bit tag that CR3 carries and
 * the TLB keeps with every non-global entry, so that loading another
 * address space need not flush the TLB. Used only where the CPU has PCID,
 * INVPCID and global pages, decided once by pcid_init(); docs/pcid.md.
 *
 *   PCID 0        the kernel's own tables (boot, user trials, a destroyed
 *                 space's successor) and any space that found no free PCID.
 *                 Untagged: such a CR3 is loaded with a flush of PCID 0.
 *   PCID 1..4095  one live address space each, loaded without a flush.
 *
 * The value a space loads into CR3 (struct space.cr3):
 *
 *   63       62:52  51:12                  11:0
 *  +--------+------+----------------------+------+
 *  |NOFLUSH |  0   | PML4 physical address | PCID |
 *  +--------+------+----------------------+------+
 *
 * NOFLUSH and the PCID are set only for a tagged space; without PCIDs the
 * value is the bare address and every load flushes as it always did.
 */
#ifndef ARCH_PCID_H
#define ARCH_PCID_H

#include <stdbool.h>
#include <stdint.h>

#define PCID_COUNT 4096
#define CR3_PCID 0xffful	/* bits 11:0 */
#define CR3_NOFLUSH (1ul << 63) /* keep this PCID's TLB entries */

/* True once pcid_init() found PCID, INVPCID and PGE. */
extern bool pcid_enabled;

/* Decide whether address spaces get PCIDs; true if they do (the caller
 * then sets CR4.PCIDE). After cpu_detect(), once. */
bool pcid_init(void);

/* A free PCID (1..4095), or 0 if all are taken or PCIDs are off. */
unsigned pcid_alloc(void);

/* Forget every TLB and paging-structure-cache entry tagged @pcid (INVPCID
 * single context) and make it free. No-op for 0. The caller guarantees
 * that CR3 no longer holds @pcid. */
void pcid_free(unsigned pcid);

static inline unsigned cr3_pcid(uint64_t cr3)
{
	return (unsigned)(cr3 & CR3_PCID);
}

#endif
