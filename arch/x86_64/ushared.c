// SPDX-License-Identifier: BSD-2-Clause
/* The user-shared pages; see include/arch/ushared.h. */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>

#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/percpu.h>
#include <arch/ushared.h>

extern const char _user_stubs_start[];

/* The page user %gs:0 reads; word 0 is the current thread's UTCB. Global
 * for the IPC fastpath (entry.asm). */
uint64_t ushared_gs_page[512] __attribute__((aligned(4096)));

/* Map @va to the kernel-image page at @kva, user-accessible, in the
 * kernel's tables, with U set on the path (slot 510 holds nothing else). */
static void map_shared(uint64_t va, const void *kva, uint64_t flags)
{
	uint64_t *pml4 = arch_phys_to_virt(kernel_pml4_phys);
	uint64_t *table = pml4;
	uint64_t pa = (uint64_t)kva - KERNEL_VMA;

	for (int l = 4; l > 1; l--) {
		uint64_t *e = &table[pt_index(va, l)];

		if (!(*e & PTE_P)) {
			void *t = kmem_alloc(&kernel_pool);

			if (!t)
				panic("ushared: kernel pool exhausted");
			*e = arch_virt_to_phys(t) | PTE_P | PTE_W | PTE_U;
		}
		table = arch_phys_to_virt(*e & PTE_ADDR);
	}
	table[pt_index(va, 1)] = pa | flags | PTE_P | PTE_U;
}

void ushared_init(void)
{
	uint64_t nx = cpu_features.nx ? PTE_NX : 0;
	uint64_t g = cpu_features.pge ? PTE_G : 0;

	map_shared(USER_STUBS_VA, _user_stubs_start, g);
	map_shared(USER_GS_VA, ushared_gs_page, g | nx);
	this_cpu()->utcb_word = &ushared_gs_page[0];
}
