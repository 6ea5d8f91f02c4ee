// SPDX-License-Identifier: BSD-2-Clause
/*
 * User address spaces: the lower half of a four-level tree whose upper half
 * (PML4 slots 256-511) is the kernel's, copied at creation. Kernel PML4
 * entries never change after boot, so the copies stay right.
 *
 * L4 rights on x86_64: any right makes the page present and readable;
 * write sets W; no execute sets NX (where the CPU has it).
 *
 * The TLB (docs/pcid.md). Every change to a present entry of a space is
 * followed by vspace_flush(), for that space whether it is loaded or not:
 *
 *   without PCIDs  invlpg: right for the loaded space; a space that is not
 *                  loaded has nothing in the TLB, as loading CR3 flushes
 *   with PCIDs     INVPCID (one address) with the space's own PCID, which
 *                  drops that PCID's entry for the address and its
 *                  paging-structure caches, loaded or not
 *
 * Invariant: while a space lives, its TLB entries carry its PCID
 * (s->cr3 & CR3_PCID) and no other space's carry that PCID, except PCID 0,
 * whose spaces are loaded with a flush. A page table is freed only after
 * the flush, so no cached walk can reach it once it is reused.
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/string.h>

#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/pcid.h>

#include <kernel/space.h>

#define L4_R 4u
#define L4_W 2u
#define L4_X 1u

static uint64_t *table(uint64_t entry)
{
	return arch_phys_to_virt(entry & PTE_ADDR);
}

/* Forget what the TLB holds for @va in @s (see the top of this file). */
static void vspace_flush(const struct space *s, uint64_t va)
{
	if (pcid_enabled)
		invpcid(INVPCID_ADDRESS, cr3_pcid(s->cr3), va);
	else
		invlpg(va);
}

/* A space with no PCID left for it is loaded untagged (PCID 0, flushed on
 * every load), as every space is without PCIDs. */
bool arch_vspace_create(struct space *s)
{
	uint64_t *pml4 = kmem_alloc(&kernel_pool);
	const uint64_t *kernel = arch_phys_to_virt(kernel_pml4_phys);
	unsigned pcid;

	if (!pml4)
		return false;
	memcpy(&pml4[256], &kernel[256], 256 * sizeof(uint64_t));
	s->pt_root = arch_virt_to_phys(pml4);
	s->cr3 = s->pt_root;
	pcid = pcid_alloc();
	if (pcid)
		s->cr3 |= CR3_NOFLUSH | pcid;
	return true;
}

static void free_level(uint64_t *t, int level)
{
	for (unsigned i = 0; i < 512; i++) {
		if (!(t[i] & PTE_P) || (t[i] & PTE_PS) || level == 1)
			continue;
		free_level(table(t[i]), level - 1);
	}
	kmem_free(&kernel_pool, t);
}

/*
 * The CPU may still be on the tree: the idle thread keeps the CR3 of the
 * last space that ran, and a thread may delete its own space. It moves to
 * the kernel's tables first, and the PCID is invalidated before any table
 * is freed.
 */
void arch_vspace_destroy(struct space *s)
{
	uint64_t *pml4 = arch_phys_to_virt(s->pt_root);

	if ((read_cr3() & PTE_ADDR) == s->pt_root)
		write_cr3(kernel_pml4_phys);
	pcid_free(cr3_pcid(s->cr3));
	for (unsigned i = 0; i < 256; i++)
		if (pml4[i] & PTE_P)
			free_level(table(pml4[i]), 3);
	kmem_free(&kernel_pool, pml4);
}

uint64_t arch_vspace_sizes(void)
{
	return (1ul << 12) | (1ul << 21) |
	       (cpu_features.page1g ? (1ul << 30) : 0);
}

uint64_t arch_phys_limit(void)
{
	return 1ul << cpu_features.phys_bits;
}

static int size_level(unsigned size)
{
	return size == 12 ? 1 : size == 21 ? 2 : 3;
}

/*
 * The entry for @va at @level, or NULL if a table on the way is missing
 * (and @alloc is false or the pool is empty) or a larger page is in the way.
 */
static uint64_t *vspace_walk(const struct space *s, uint64_t va, int level,
			     bool alloc)
{
	uint64_t *t = arch_phys_to_virt(s->pt_root);

	for (int l = 4; l > level; l--) {
		uint64_t *e = &t[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			void *n = alloc ? kmem_alloc(&kernel_pool) : NULL;

			if (!n)
				return NULL;
			*e = arch_virt_to_phys(n) | PTE_P | PTE_W | PTE_U;
		} else if (*e & PTE_PS) {
			return NULL;
		}
		t = table(*e);
	}
	return &t[pt_index(va, level)];
}

static uint64_t pte_bits(unsigned rights, int level)
{
	uint64_t e = PTE_P | PTE_U;

	if (rights & L4_W)
		e |= PTE_W;
	if (!(rights & L4_X) && cpu_features.nx)
		e |= PTE_NX;
	if (level > 1)
		e |= PTE_PS;
	return e;
}

static bool is_leaf(uint64_t e, int level)
{
	return (e & PTE_P) && (level == 1 || (e & PTE_PS));
}

/* Is the table @t (512 entries) empty? */
static bool table_empty(const uint64_t *t)
{
	for (unsigned i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

bool arch_vspace_map(const struct space *s, uint64_t va, uint64_t pa,
		     unsigned size, unsigned rights)
{
	int level = size_level(size);
	uint64_t *e = vspace_walk(s, va, level, true);
	uint64_t *empty = NULL;

	/* A table of smaller pages that is empty by now (its mappings are
	 * gone) gives way to the large page. Only a level-1 table: the one a
	 * 2 MiB page replaces. It is freed after the flush below. */
	if (e && level == 2 && (*e & PTE_P) && !(*e & PTE_PS) &&
	    table_empty(table(*e))) {
		empty = table(*e);
		*e = 0;
	}

	if (!e || ((*e & PTE_P) && !is_leaf(*e, level)))
		return false; /* a table of smaller pages is in the way */
	*e = pa | pte_bits(rights, level);
	vspace_flush(s, va);
	if (empty)
		kmem_free(&kernel_pool, empty);
	return true;
}

void arch_vspace_unmap(const struct space *s, uint64_t va, unsigned size)
{
	int level = size_level(size);
	uint64_t *e = vspace_walk(s, va, level, false);

	if (e && is_leaf(*e, level)) {
		*e = 0;
		vspace_flush(s, va);
	}
}

void arch_vspace_protect(const struct space *s, uint64_t va, unsigned size,
			 unsigned rights)
{
	int level = size_level(size);
	uint64_t *e = vspace_walk(s, va, level, false);

	if (e && is_leaf(*e, level)) {
		*e = (*e & (PTE_ADDR | PTE_A | PTE_D)) |
		     pte_bits(rights, level);
		vspace_flush(s, va);
	}
}

unsigned arch_vspace_accessed(const struct space *s, uint64_t va, unsigned size)
{
	int level = size_level(size);
	uint64_t *e = vspace_walk(s, va, level, false);
	unsigned used = 0;

	if (!e || !is_leaf(*e, level))
		return 0;
	if (*e & PTE_A)
		used |= L4_R;
	if (*e & PTE_D)
		used |= L4_W;
	if (used) {
		*e &= ~(PTE_A | PTE_D);
		vspace_flush(s, va);
	}
	return used;
}

bool arch_vspace_lookup(const struct space *s, uint64_t va, uint64_t *pa,
			unsigned *size, unsigned *rights)
{
	uint64_t *t = arch_phys_to_virt(s->pt_root);

	for (int l = 4; l >= 1; l--) {
		uint64_t e = t[pt_index(va, l)];
		unsigned log2 = 12 + 9 * (unsigned)(l - 1);

		if (!(e & PTE_P))
			return false;
		if (l == 1 || (e & PTE_PS)) {
			uint64_t mask = (1ul << log2) - 1;

			*pa = (e & PTE_ADDR & ~mask) | (va & mask);
			*size = log2;
			*rights = L4_R | ((e & PTE_W) ? L4_W : 0) |
				  ((e & PTE_NX) ? 0 : L4_X);
			return true;
		}
		t = table(e);
	}
	return false;
}
