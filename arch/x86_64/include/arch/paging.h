/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * x86_64 four-level page tables. Every level is a 4 KiB table of 512
 * entries; an entry, drawn:
 *
 *   63  62:52  51:12          11:9  8  7   6  5  4   3   2  1  0
 *  +--+------+---------------+----+--+---+--+--+---+---+--+--+--+
 *  |NX| avl  | frame address | avl| G| PS| D| A|PCD|PWT| U| W| P|
 *  +--+------+---------------+----+--+---+--+--+---+---+--+--+--+
 *
 * PS in a PDPT entry maps 1 GiB, in a PD entry 2 MiB. Virtual address bits
 * 47:39 index the PML4, 38:30 the PDPT, 29:21 the PD, 20:12 the PT.
 */
#ifndef ARCH_PAGING_H
#define ARCH_PAGING_H

#include <stdint.h>

#define PTE_P (1ul << 0)
#define PTE_W (1ul << 1)
#define PTE_U (1ul << 2)
#define PTE_PWT (1ul << 3)
#define PTE_PCD (1ul << 4)
#define PTE_A (1ul << 5)
#define PTE_D (1ul << 6)
#define PTE_PS (1ul << 7)
#define PTE_G (1ul << 8)
#define PTE_NX (1ul << 63)
#define PTE_ADDR 0x000ffffffffff000ul

#define USER_TOP 0x0000800000000000ul /* user half: [0, USER_TOP) */
#define KERNEL_VMA 0xffffffff80000000ul
#define DIRECT_MAP_BASE 0xffff800000000000ul
#define DIRECT_MAP_MAX (512ul << 30) /* one PML4 slot */

static inline unsigned pt_index(uint64_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

/* The kernel's own top-level table (physical), valid after paging_init. */
extern uint64_t kernel_pml4_phys;

/*
 * Entry for @va at @level (1 = PT, 2 = PD, 3 = PDPT) in the tree under
 * @pml4, allocating missing tables from the kernel pool (panics if it is
 * empty). Intermediate entries allow everything, with U set in the user
 * half; the leaf decides the rights.
 */
uint64_t *pt_walk(uint64_t *pml4, uint64_t va, int level);

/* Drop the TLB entry for @va in the current PCID, and global ones for it. */
static inline void invlpg(uint64_t va)
{
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/*
 * INVPCID types, what each drops (none touches the page tables):
 *   ADDRESS     @va in @pcid (not global), and @pcid's paging-structure
 *               caches for every address
 *   CONTEXT     all of @pcid but global entries
 *   ALL_GLOBAL  every PCID, global entries too
 *   ALL         every PCID but global entries
 */
#define INVPCID_ADDRESS 0
#define INVPCID_CONTEXT 1
#define INVPCID_ALL_GLOBAL 2
#define INVPCID_ALL 3

/*
 * Invalidate TLB entries of any PCID, loaded or not (types above; @va
 * matters for INVPCID_ADDRESS only). Only where CPUID says INVPCID.
 */
static inline void invpcid(unsigned type, unsigned pcid, uint64_t va)
{
	const struct {
		uint64_t pcid, va;
	} desc = { pcid, va };

	__asm__ volatile("invpcid %0, %1"
			 :
			 : "m"(desc), "r"((uint64_t)type)
			 : "memory");
}

#endif
