// SPDX-License-Identifier: BSD-2-Clause
/*
 * In-kernel cases for the foundations: the memory the kernel took over, its
 * page tables, the CPU set-up, the timer and the boot modules.
 */
#include <kernel/arch.h>
#include <kernel/clock.h>
#include <kernel/cmdline.h>
#include <kernel/kmem.h>
#include <kernel/memory.h>
#include <kernel/string.h>

#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/paging.h>
#include <arch/pcid.h>

#include "ktest.h"

extern const char _text_start[], _rodata_start[];

KTEST(kmem_alloc_returns_zeroed_pages_inside_the_pool)
{
	uint8_t *p = kmem_alloc(&kernel_pool);
	uint64_t pa;
	bool zero = true;

	KEXPECT(p != NULL);
	if (!p)
		return;
	pa = arch_virt_to_phys(p);
	KEXPECT(pa >= kernel_pool.start && pa < kernel_pool.end);
	KEXPECT(pa % KMEM_PAGE == 0);
	for (unsigned i = 0; i < KMEM_PAGE; i++)
		zero &= p[i] == 0;
	KEXPECT(zero);
	memset(p, 0xa5, KMEM_PAGE);
	kmem_free(&kernel_pool, p);
	KEXPECT(kmem_alloc(&kernel_pool) == p); /* LIFO, and zeroed again */
	KEXPECT(p[100] == 0);
	kmem_free(&kernel_pool, p);
	kmem_check(&kernel_pool);
}

KTEST(kmem_empty_pool_returns_null_and_recovers)
{
	void *backing = kmem_alloc(&kernel_pool);
	struct kmem_pool one;
	void *a;

	KEXPECT(backing != NULL);
	if (!backing)
		return;
	kmem_init(&one, arch_virt_to_phys(backing),
		  arch_virt_to_phys(backing) + KMEM_PAGE);
	a = kmem_alloc(&one);
	KEXPECT(a == backing);
	KEXPECT(kmem_alloc(&one) == NULL);
	KEXPECT(one.nfree == 0);
	kmem_free(&one, a);
	KEXPECT(kmem_alloc(&one) == a);
	kmem_check(&one);
	kmem_free(&kernel_pool, backing);
}

KTEST(memory_kernel_and_boot_data_are_not_free)
{
	uint64_t kstart, kend;
	const struct boot_info *bi = ktest_boot_info();

	memmap_check(&phys_map);
	arch_kernel_image(&kstart, &kend);
	KEXPECT(memmap_type_at(&phys_map, kstart) == MEMMAP_KERNEL);
	KEXPECT(memmap_type_at(&phys_map, kend - 1) == MEMMAP_KERNEL);
	KEXPECT(memmap_type_at(&phys_map, kernel_pool.start) == MEMMAP_KERNEL);
	KEXPECT(memmap_type_at(&phys_map, kernel_pool.end - 1) ==
		MEMMAP_KERNEL);
	/* The MBI may share its first page with the last module. */
	KEXPECT(memmap_type_at(&phys_map, bi->info_start) == MEMMAP_BOOT_INFO ||
		memmap_type_at(&phys_map, bi->info_start) == MEMMAP_BOOT);
	KEXPECT(memmap_type_at(&phys_map, bi->info_end - 1) ==
			MEMMAP_BOOT_INFO ||
		memmap_type_at(&phys_map, bi->info_end - 1) == MEMMAP_BOOT);
	for (unsigned i = 0; i < bi->nmodules; i++)
		KEXPECT(memmap_type_at(&phys_map, bi->modules[i].start) ==
			MEMMAP_BOOT);
	KEXPECT(memmap_total(&phys_map, MEMMAP_FREE) > 0);
}

KTEST(paging_kernel_text_and_rodata_are_read_only)
{
	uint8_t v;

	KEXPECT(arch_probe_read(_text_start, &v));
	KEXPECT(!arch_probe_write((void *)_text_start, v));
	KEXPECT(arch_probe_read(_rodata_start, &v));
	KEXPECT(!arch_probe_write((void *)_rodata_start, v));
}

KTEST(paging_kernel_data_is_writable)
{
	static volatile uint8_t cell = 7;
	uint8_t v = 0;

	KEXPECT(arch_probe_write(&cell, 9));
	KEXPECT(arch_probe_read(&cell, &v) && v == 9);
}

KTEST(paging_user_half_and_null_are_unmapped)
{
	uint8_t v;

	KEXPECT(!arch_probe_read((void *)0, &v));
	KEXPECT(!arch_probe_read((void *)0x400000, &v));
	KEXPECT(!arch_probe_read((void *)0x7ffffffff000, &v));
}

KTEST(paging_boot_stack_has_a_guard_page)
{
	extern const char kernel_stack_guard[];
	uint8_t v;

	KEXPECT(!arch_probe_read(kernel_stack_guard, &v));
	KEXPECT(!arch_probe_read(kernel_stack_guard + 4095, &v));
	KEXPECT(arch_probe_read(kernel_stack_guard + 4096, &v));
}

KTEST(paging_noncanonical_address_faults)
{
	uint8_t v;

	KEXPECT(!arch_probe_read((void *)0x8000000000000000ul, &v));
}

KTEST(paging_direct_map_reaches_all_memory)
{
	uint8_t v;
	uint64_t top = memory_top();

	KEXPECT(top > (1ul << 20));
	KEXPECT(arch_probe_read(arch_phys_to_virt(0), &v));
	KEXPECT(arch_probe_read(arch_phys_to_virt(top - 1), &v));
	for (unsigned i = 0; i < phys_map.n; i++)
		if (phys_map.r[i].type == MEMMAP_FREE)
			KEXPECT(arch_probe_read(
				arch_phys_to_virt(phys_map.r[i].end - 1), &v));
}

KTEST(cpu_features_found_are_switched_on)
{
	const struct cpu_features *f = &cpu_features;
	uint64_t cr4 = read_cr4();

	KEXPECT(!!(rdmsr(MSR_EFER) & EFER_NXE) == f->nx);
	KEXPECT(!!(cr4 & CR4_SMEP) == f->smep);
	KEXPECT(!!(cr4 & CR4_SMAP) == f->smap);
	KEXPECT(!!(cr4 & CR4_PCIDE) == pcid_enabled);
	KEXPECT(pcid_enabled == (f->pcid && f->invpcid && f->pge));
	KEXPECT(!(cr4 & CR4_FSGSBASE)); /* never: see cpu_enable_features */
	KEXPECT(!!(cr4 & CR4_PGE) == f->pge);
	KEXPECT(read_cr0() & CR0_WP);
}

KTEST(gdt_and_tss_are_loaded)
{
	uint16_t cs, ss, tr;

	__asm__ volatile("mov %%cs, %0; mov %%ss, %1; str %2"
			 : "=r"(cs), "=r"(ss), "=r"(tr));
	KEXPECT(cs == SEL_KERNEL_CODE);
	KEXPECT(ss == SEL_KERNEL_DATA);
	KEXPECT(tr == SEL_TSS);
}

KTEST(syscall_msrs_point_at_the_kernel)
{
	uint64_t star = rdmsr(MSR_STAR);

	KEXPECT(rdmsr(MSR_EFER) & EFER_SCE);
	KEXPECT(((star >> 32) & 0xffff) == SEL_KERNEL_CODE);
	KEXPECT(((star >> 48) & 0xffff) == (SEL_USER_CODE32 | RPL_USER));
	KEXPECT(rdmsr(MSR_LSTAR) >= KERNEL_VMA);
	KEXPECT(rdmsr(MSR_FMASK) & RFLAGS_IF);
}

KTEST(timer_ticks_advance)
{
	uint64_t start = clock_ticks();

	while (clock_ticks() < start + 3)
		arch_wait_for_interrupt();
	KEXPECT(clock_ticks() >= start + 3);
}

KTEST(boot_loader_is_grub_and_passed_the_command_line)
{
	const struct boot_info *bi = ktest_boot_info();

	KEXPECT(strncmp(bi->loader, "GRUB", 4) == 0);
	KEXPECT(cmdline_get(bi->cmdline, "ktest", NULL, 0));
}

/* The test image carries test/boot/hello.txt as a module with the command
 * line "hello.txt greeting=yes". */
KTEST(boot_module_arrives_with_content_and_command_line)
{
	const struct boot_info *bi = ktest_boot_info();
	static const char expect[] = "hello from a boot module";
	bool found = false;

	for (unsigned i = 0; i < bi->nmodules; i++) {
		const struct boot_module *m = &bi->modules[i];

		if (strcmp(m->cmdline, "hello.txt greeting=yes"))
			continue;
		found = true;
		KEXPECT(m->end - m->start >= sizeof(expect) - 1);
		KEXPECT(m->start % 4096 == 0); /* module alignment tag */
		KEXPECT(!memcmp(arch_phys_to_virt(m->start), expect,
				sizeof(expect) - 1));
	}
	KEXPECT(found);
}
