// SPDX-License-Identifier: BSD-2-Clause
/* Starting sigma0 and the root task; see root.h. */
#include <kernel/arch.h>
#include <kernel/bootinfo.h>
#include <kernel/elf.h>
#include <kernel/io.h>
#include <kernel/kip.h>
#include <kernel/map.h>
#include <kernel/mbi.h>
#include <kernel/memory.h>
#include <kernel/panic.h>
#include <kernel/root.h>
#include <kernel/printf.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/thread.h>
#include <kernel/thread_ids.h>

#include <l4/fpage.h>
#include <l4/thread.h>

#define PAGE 4096ul
#define BOOTINFO_MIN (4 * PAGE)

/* Where the kernel puts the areas of sigma0's and the root task's spaces. */
#define ROOT_KIP_AREA 0x7fffffff0000ul
#define ROOT_UTCB_AREA 0x7fffffe00000ul
#define ROOT_UTCB_AREA_LOG2 20

static uint64_t page_up(uint64_t a)
{
	return (a + PAGE - 1) & ~(PAGE - 1);
}

static bool range_free(uint64_t start, uint64_t end)
{
	for (uint64_t p = start & ~(PAGE - 1); p < end; p += PAGE)
		if (memmap_type_at(&phys_map, p) != MEMMAP_FREE)
			return false;
	return true;
}

/* Copy the segments of @img (module @m) to physical = virtual. */
static void root_load(const struct boot_module *m, const struct elf_image *img,
		      uint64_t *lo, uint64_t *hi)
{
	const uint8_t *file = arch_phys_to_virt(m->start);

	*lo = ~0ul;
	*hi = 0;
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];
		uint64_t start = s->vaddr & ~(PAGE - 1);
		uint64_t end = page_up(s->vaddr + s->memsz);

		if (end > memory_top() || !range_free(start, end))
			panic("root: \"%s\" wants [%#lx, %#lx), which is not "
			      "free memory; link it elsewhere or give the "
			      "machine more memory",
			      m->cmdline, start, end);
		memset(arch_phys_to_virt(start), 0, end - start);
		memcpy(arch_phys_to_virt(s->vaddr), file + s->offset,
		       s->filesz);
		if (!memmap_set(&phys_map, start, end, MEMMAP_BOOT_EXEC))
			panic("root: memory map full");
		*lo = start < *lo ? start : *lo;
		*hi = end > *hi ? end : *hi;
	}
}

/*
 * The boot information, and behind it, from the next page on, the
 * Multiboot-1 information its last record points at: at least
 * BOOTINFO_MIN bytes taken below 1 GiB and marked boot info. @exec: the
 * images of modules 0 and 1. Returns the boot information's address.
 */
static uint64_t root_boot_info(const struct boot_info *bi,
			       const struct elf_image exec[BOOTINFO_EXECS])
{
	size_t mbi_off = page_up(bootinfo_size(bi));
	uint64_t size = page_up(mbi_off + mbi_size(bi)), pa, mbi;
	uint8_t *base;

	size = size > BOOTINFO_MIN ? size : BOOTINFO_MIN;
	if (!memmap_alloc(&phys_map, size, PAGE, 1ul << 30, MEMMAP_FREE,
			  MEMMAP_BOOT_INFO, &pa))
		panic("root: no memory for the boot information");
	base = arch_phys_to_virt(pa);
	memset(base, 0, size);
	mbi = pa + mbi_off;
	if (!mbi_write(base + mbi_off, mbi, bi, exec)) {
		kprintf("root: a module lies above 4 GiB: no multiboot "
			"information in the boot information\n");
		memset(base + mbi_off, 0, size - mbi_off);
		mbi = 0;
	}
	bootinfo_write(base, bi, exec, mbi);
	return pa;
}

static struct tcb *root_thread(unsigned number, const struct elf_image *img,
			       l4_word_t pager)
{
	struct space *s = space_create();
	l4_word_t id = l4_global_id(number, BOOT_VERSION).raw;

	if (!s || space_configure(
			  s, l4_fpage(ROOT_KIP_AREA, 12, 0).raw,
			  l4_fpage(ROOT_UTCB_AREA, ROOT_UTCB_AREA_LOG2, 0).raw))
		panic("root: out of memory for the root spaces");
	s->privileged = true;
	return thread_create_root(id, s, ROOT_UTCB_AREA, img->entry, 0, pager);
}

bool root_start(const struct boot_info *bi)
{
	struct elf_image img[BOOTINFO_EXECS]; /* sigma0, the root task */
	uint64_t lo[BOOTINFO_EXECS], hi[BOOTINFO_EXECS];
	struct tcb *s0;

	if (bi->nmodules < BOOTINFO_EXECS)
		return false;
	for (unsigned i = 0; i < BOOTINFO_EXECS; i++)
		if (elf_parse(arch_phys_to_virt(bi->modules[i].start),
			      bi->modules[i].end - bi->modules[i].start,
			      &img[i]))
			return false;
	for (unsigned i = 0; i < BOOTINFO_EXECS; i++)
		root_load(&bi->modules[i], &img[i], &lo[i], &hi[i]);
	kip_init();
	kip_set_boot_info(root_boot_info(bi, img));
	kip_sync_memory(); /* the boot information took memory */
	kip_set_server(0, img[0].entry, 0, lo[0], hi[0] - 1);
	kip_set_server(2, img[1].entry, 0, lo[1], hi[1] - 1);

	s0 = root_thread(SIGMA0_NUMBER, &img[0], L4_NILTHREAD_RAW);
	map_set_sigma0(s0->space);
	if (!io_hold_all(s0->space)) /* sigma0 holds every I/O port */
		panic("root: out of memory for sigma0's I/O bitmap");
	root_thread(ROOTTASK_NUMBER, &img[1], s0->id);
	kprintf("root: sigma0 \"%s\" at %#lx, root task \"%s\" at %#lx\n",
		bi->modules[0].cmdline, img[0].entry, bi->modules[1].cmdline,
		img[1].entry);
	return true;
}
