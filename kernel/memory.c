// SPDX-License-Identifier: BSD-2-Clause
/* Boot-time ownership of physical memory; see memory.h. */
#include <kernel/arch.h>
#include <kernel/cmdline.h>
#include <kernel/kmem.h>
#include <kernel/memory.h>
#include <kernel/panic.h>
#include <kernel/printf.h>

#define MiB (1ul << 20)
#define KMEM_DEFAULT (16 * MiB)
#define KMEM_MIN (1 * MiB)
/* The pool must lie in the boot page tables' first GiB: it supplies the
 * page tables that replace them. */
#define KMEM_LIMIT (1ul << 30)

struct memmap phys_map;

static const char *const type_names[] = {
	[MEMMAP_FREE] = "free",		  [MEMMAP_RESERVED] = "reserved",
	[MEMMAP_ACPI] = "acpi",		  [MEMMAP_NVS] = "acpi-nvs",
	[MEMMAP_KERNEL] = "kernel",	  [MEMMAP_BOOT] = "boot data",
	[MEMMAP_LOWMEM] = "low 1 MiB",	  [MEMMAP_BOOT_INFO] = "boot info",
	[MEMMAP_BOOT_EXEC] = "boot exec",
};

static const char *boot_type_name(uint32_t t)
{
	static const char *const n[] = { "?",	 "available", "reserved",
					 "acpi", "acpi-nvs",  "bad" };

	return t < sizeof(n) / sizeof(n[0]) ? n[t] : "other";
}

static void set_or_panic(uint64_t start, uint64_t end, uint32_t type)
{
	if (!memmap_set(&phys_map, start, end, type))
		panic("memory: the memory map has too many ranges");
}

static uint32_t firmware_type(uint32_t t)
{
	switch (t) {
	case BOOT_MEM_AVAILABLE:
		return MEMMAP_FREE;
	case BOOT_MEM_ACPI:
		return MEMMAP_ACPI;
	case BOOT_MEM_NVS:
		return MEMMAP_NVS;
	}
	return MEMMAP_RESERVED;
}

static uint64_t page_down(uint64_t a)
{
	return a & ~0xffful;
}

static uint64_t page_up(uint64_t a)
{
	return (a + 0xfff) & ~0xffful;
}

/* Firmware map into phys_map: available first, then everything else on
 * top, so that a range the firmware lists twice counts as reserved. Only
 * whole pages of available memory are kept. */
static void memory_from_firmware(const struct boot_info *bi)
{
	kprintf("memory map (from the boot loader, %u entries):\n",
		bi->nregions);
	for (unsigned i = 0; i < bi->nregions; i++) {
		const struct boot_region *r = &bi->regions[i];

		kprintf("  [0x%012lx, 0x%012lx) %-9s %8lu KiB\n", r->start,
			r->end, boot_type_name(r->type),
			(r->end - r->start) >> 10);
		if (r->type == BOOT_MEM_AVAILABLE)
			set_or_panic(page_up(r->start), page_down(r->end),
				     MEMMAP_FREE);
	}
	for (unsigned i = 0; i < bi->nregions; i++) {
		const struct boot_region *r = &bi->regions[i];

		if (r->type != BOOT_MEM_AVAILABLE)
			set_or_panic(page_down(r->start), page_up(r->end),
				     firmware_type(r->type));
	}
}

void memory_init(const struct boot_info *bi)
{
	uint64_t kstart, kend, pool, size;

	memory_from_firmware(bi);
	set_or_panic(0, MiB, MEMMAP_LOWMEM);
	arch_kernel_image(&kstart, &kend);
	set_or_panic(page_down(kstart), page_up(kend), MEMMAP_KERNEL);
	set_or_panic(page_down(bi->info_start), page_up(bi->info_end),
		     MEMMAP_BOOT_INFO);
	for (unsigned i = 0; i < bi->nmodules; i++)
		set_or_panic(page_down(bi->modules[i].start),
			     page_up(bi->modules[i].end), MEMMAP_BOOT);

	size = page_up(cmdline_u64(bi->cmdline, "kmem", KMEM_DEFAULT));
	if (size < KMEM_MIN)
		size = KMEM_MIN;
	if (!memmap_alloc(&phys_map, size, 2 * MiB, KMEM_LIMIT, MEMMAP_FREE,
			  MEMMAP_KERNEL, &pool) &&
	    !memmap_alloc(&phys_map, size, 4096, KMEM_LIMIT, MEMMAP_FREE,
			  MEMMAP_KERNEL, &pool))
		panic("memory: no room for a %lu KiB kernel pool below 1 GiB "
		      "(%lu KiB free); give the machine more memory or a "
		      "smaller kmem=",
		      size >> 10, memmap_total(&phys_map, MEMMAP_FREE) >> 10);
	memmap_check(&phys_map);
	kmem_init(&kernel_pool, pool, pool + size);

	kprintf("physical memory:\n");
	for (unsigned i = 0; i < phys_map.n; i++) {
		const struct memmap_range *r = &phys_map.r[i];

		kprintf("  [0x%012lx, 0x%012lx) %-9s %8lu KiB\n", r->start,
			r->end, type_names[r->type], (r->end - r->start) >> 10);
	}
	kprintf("memory: kernel image %lu KiB, kernel pool %lu KiB at %#lx, "
		"%lu KiB free for sigma0\n",
		(page_up(kend) - page_down(kstart)) >> 10, size >> 10, pool,
		memmap_total(&phys_map, MEMMAP_FREE) >> 10);
}

uint64_t memory_top(void)
{
	for (unsigned i = phys_map.n; i-- > 0;)
		if (phys_map.r[i].type != MEMMAP_RESERVED)
			return phys_map.r[i].end;
	return 0;
}
