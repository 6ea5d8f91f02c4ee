// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel's page tables. They replace the boot tables of boot.asm with:
 *
 *   0xffff800000000000  direct map of physical memory   RW-, global
 *   0xffffffff80000000  kernel image                    text R-X, rodata R--,
 *                                                       data and bss RW-
 *   0xffffffffffe00000  local APIC registers            RW-, uncached
 *
 * The lower half (user space) is empty. Tables come from the kernel pool.
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>

#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/ushared.h>

extern const char _boot_start[], _text_start[], _text_end[];
extern const char _rodata_start[], _rodata_end[], _data_start[];
extern const char _data_end[], _kernel_end[], kernel_stack_guard[];

uint64_t kernel_pml4_phys;

void *arch_phys_to_virt(uint64_t pa)
{
	return (void *)(pa + DIRECT_MAP_BASE);
}

uint64_t arch_virt_to_phys(const void *va)
{
	return (uint64_t)va - DIRECT_MAP_BASE;
}

void arch_kernel_image(uint64_t *start, uint64_t *end)
{
	*start = (uint64_t)_boot_start;
	*end = (uint64_t)_kernel_end - KERNEL_VMA;
}

static void *table_alloc(void)
{
	uint64_t *t = kmem_alloc(&kernel_pool);

	if (!t)
		panic("paging: kernel pool exhausted while building page tables");
	return t;
}

uint64_t *pt_walk(uint64_t *pml4, uint64_t va, int level)
{
	uint64_t *table = pml4;

	for (int l = 4; l > level; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P))
			*e = arch_virt_to_phys(table_alloc()) | PTE_P | PTE_W |
			     (va < USER_TOP ? PTE_U : 0);
		table = arch_phys_to_virt(*e & PTE_ADDR);
	}
	return &table[pt_index(va, level)];
}

/* Map [va, va + size) to pa with @flags, in the largest pages that the
 * alignment and the CPU allow. */
static void map_range(uint64_t *pml4, uint64_t va, uint64_t pa, uint64_t size,
		      uint64_t flags)
{
	while (size) {
		int level = 1;
		uint64_t step = 4096;

		if (cpu_features.page1g && !((va | pa) & ((1ul << 30) - 1)) &&
		    size >= (1ul << 30)) {
			level = 3;
			step = 1ul << 30;
		} else if (!((va | pa) & ((1ul << 21) - 1)) &&
			   size >= (1ul << 21)) {
			level = 2;
			step = 1ul << 21;
		}
		*pt_walk(pml4, va, level) = pa | flags |
					    (level > 1 ? PTE_PS : 0);
		va += step;
		pa += step;
		size -= step;
	}
}

static void map_section(uint64_t *pml4, const char *start, const char *end,
			uint64_t flags)
{
	map_range(pml4, (uint64_t)start, (uint64_t)start - KERNEL_VMA,
		  (uint64_t)(end - start), flags);
}

/*
 * Kernel stacks live in PML4 slot 509, 16 KiB a thread: a guard page, two
 * stack pages, a guard page. The slot's PDPT is made at boot, so that every
 * address space (which copies the kernel half of the PML4) sees the stacks
 * mapped later.
 */
#define KSTACK_REGION 0xfffffe8000000000ul
#define KSTACK_SLOT (16 * 1024ul)

static uint64_t kstack_base(unsigned n)
{
	return KSTACK_REGION + (uint64_t)n * KSTACK_SLOT + 4096;
}

/* The PT entry for kernel address @va, allocating tables without panic. */
static uint64_t *kstack_pte(uint64_t va, bool alloc)
{
	uint64_t *t = arch_phys_to_virt(kernel_pml4_phys);

	for (int l = 4; l > 1; l--) {
		uint64_t *e = &t[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			void *n = alloc ? kmem_alloc(&kernel_pool) : NULL;

			if (!n)
				return NULL;
			*e = arch_virt_to_phys(n) | PTE_P | PTE_W;
		}
		t = arch_phys_to_virt(*e & PTE_ADDR);
	}
	return &t[pt_index(va, 1)];
}

uint64_t arch_kstack_map(unsigned n, const uint64_t pa[KSTACK_PAGES])
{
	uint64_t nx = cpu_features.nx ? PTE_NX : 0;
	uint64_t g = cpu_features.pge ? PTE_G : 0;
	uint64_t base = kstack_base(n);

	for (unsigned i = 0; i < KSTACK_PAGES; i++) {
		uint64_t *e = kstack_pte(base + 4096 * i, true);

		if (!e)
			return 0; /* tables made so far stay; nothing mapped */
	}
	for (unsigned i = 0; i < KSTACK_PAGES; i++) {
		*kstack_pte(base + 4096 * i, false) = pa[i] | PTE_P | PTE_W |
						      g | nx;
		invlpg(base + 4096 * i);
	}
	return base + 4096 * KSTACK_PAGES;
}

void arch_kstack_unmap(unsigned n, uint64_t pa[KSTACK_PAGES])
{
	uint64_t base = kstack_base(n);

	for (unsigned i = 0; i < KSTACK_PAGES; i++) {
		uint64_t *e = kstack_pte(base + 4096 * i, false);

		pa[i] = *e & PTE_ADDR;
		*e = 0;
		invlpg(base + 4096 * i);
	}
}

void arch_init_memory(uint64_t phys_top)
{
	uint64_t nx = cpu_features.nx ? PTE_NX : 0;
	uint64_t g = cpu_features.pge ? PTE_G : 0;
	uint64_t *pml4 = table_alloc();

	phys_top = (phys_top + (1ul << 21) - 1) & ~((1ul << 21) - 1);
	if (phys_top > DIRECT_MAP_MAX)
		phys_top = DIRECT_MAP_MAX;

	map_section(pml4, _text_start, _text_end, PTE_P | g);
	map_section(pml4, _rodata_start, _rodata_end, PTE_P | g | nx);
	map_section(pml4, _data_start, _data_end, PTE_P | PTE_W | g | nx);
	*pt_walk(pml4, (uint64_t)kernel_stack_guard, 1) = 0; /* guard page */
	map_range(pml4, DIRECT_MAP_BASE, 0, phys_top, PTE_P | PTE_W | g | nx);
	map_range(pml4, APIC_VIRT, apic_phys_base(), 4096,
		  PTE_P | PTE_W | PTE_PCD | PTE_PWT | g | nx);

	pt_walk(pml4, KSTACK_REGION, 3); /* the stacks' PDPT, shared */
	kernel_pml4_phys = arch_virt_to_phys(pml4);
	write_cr3(kernel_pml4_phys);
	ushared_init();
}
