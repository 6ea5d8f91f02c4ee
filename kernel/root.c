// SPDX-License-Identifier: BSD-2-Clause
/* Starting sigma0 and the root task; see root.h. */
#include <kernel/arch.h>
#include <kernel/elf.h>
#include <kernel/io.h>
#include <kernel/kip.h>
#include <kernel/map.h>
#include <kernel/memory.h>
#include <kernel/panic.h>
#include <kernel/root.h>
#include <kernel/printf.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/thread.h>
#include <kernel/thread_ids.h>

#include <l4/bootinfo.h>
#include <l4/fpage.h>
#include <l4/thread.h>

#define PAGE 4096ul
#define BOOTINFO_SIZE (4 * PAGE)

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
		if (!memmap_set(&phys_map, start, end, MEMMAP_BOOT))
			panic("root: memory map full");
		*lo = start < *lo ? start : *lo;
		*hi = end > *hi ? end : *hi;
	}
}

/* The X.2 generic boot information: every module, and the MBI. */
static uint64_t root_boot_info(const struct boot_info *bi)
{
	uint64_t pa;
	uint8_t *base;
	struct l4_bootinfo *h;
	size_t off = sizeof(*h);
	struct l4_bootrec *last = NULL;

	if (!memmap_alloc(&phys_map, BOOTINFO_SIZE, PAGE, 1ul << 30,
			  MEMMAP_FREE, MEMMAP_BOOT, &pa))
		panic("root: no memory for the boot information");
	base = arch_phys_to_virt(pa);
	memset(base, 0, BOOTINFO_SIZE);
	h = (struct l4_bootinfo *)base;
	h->magic = L4_BOOTINFO_MAGIC;
	h->version = L4_BOOTINFO_VERSION;
	h->first_entry = off;
	for (unsigned i = 0; i <= bi->nmodules; i++) {
		struct l4_bootrec *r = (struct l4_bootrec *)(base + off);
		size_t len;

		if (i < bi->nmodules) {
			struct l4_bootrec_module *m = (void *)r;
			const char *cmd = bi->modules[i].cmdline;

			len = (sizeof(*m) + strlen(cmd) + 1 + 7) & ~7ul;
			if (off + len > BOOTINFO_SIZE)
				panic("root: boot information too large");
			r->type = L4_BOOTREC_MODULE;
			m->start = bi->modules[i].start;
			m->size = bi->modules[i].end - bi->modules[i].start;
			m->cmdline_offset = sizeof(*m);
			memcpy((char *)m + sizeof(*m), cmd, strlen(cmd) + 1);
		} else {
			struct l4_bootrec_multiboot *mb = (void *)r;

			len = sizeof(*mb);
			r->type = L4_BOOTREC_MULTIBOOT;
			mb->address = bi->info_start;
		}
		r->version = L4_BOOTREC_VERSION;
		if (last)
			last->offset_next =
				(l4_word_t)((uint8_t *)r - (uint8_t *)last);
		last = r;
		off += len;
		h->num_entries++;
	}
	h->size = off;
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
	struct elf_image sigma0, root;
	uint64_t lo0, hi0, lo1, hi1;
	struct tcb *s0;

	if (bi->nmodules < 2 ||
	    elf_parse(arch_phys_to_virt(bi->modules[0].start),
		      bi->modules[0].end - bi->modules[0].start, &sigma0) ||
	    elf_parse(arch_phys_to_virt(bi->modules[1].start),
		      bi->modules[1].end - bi->modules[1].start, &root))
		return false;
	root_load(&bi->modules[0], &sigma0, &lo0, &hi0);
	root_load(&bi->modules[1], &root, &lo1, &hi1);
	kip_init();
	kip_set_boot_info(root_boot_info(bi));
	kip_sync_memory(); /* the boot information took memory */
	kip_set_server(0, sigma0.entry, 0, lo0, hi0 - 1);
	kip_set_server(2, root.entry, 0, lo1, hi1 - 1);

	s0 = root_thread(SIGMA0_NUMBER, &sigma0, L4_NILTHREAD_RAW);
	map_set_sigma0(s0->space);
	if (!io_hold_all(s0->space)) /* sigma0 holds every I/O port */
		panic("root: out of memory for sigma0's I/O bitmap");
	root_thread(ROOTTASK_NUMBER, &root, s0->id);
	kprintf("root: sigma0 \"%s\" at %#lx, root task \"%s\" at %#lx\n",
		bi->modules[0].cmdline, sigma0.entry, bi->modules[1].cmdline,
		root.entry);
	return true;
}
