// SPDX-License-Identifier: BSD-2-Clause
/*
 * The Multiboot-1 information for the root task; see mbi.h for the
 * layout. Strings are appended behind the fixed parts; every address is
 * checked against 4 GiB as it is stored.
 */
#include <kernel/arch.h>
#include <kernel/mbi.h>
#include <kernel/panic.h>
#include <kernel/string.h>

#include <l4/mbi.h>

#define KiB 1024ull
#define MBI_LOW_LIMIT (640 * KiB) /* where lower memory ends */
#define MBI_UPPER_BASE (1024 * KiB)
#define MBI_4G (1ull << 32)

/* Where the next string goes: a cursor into the buffer at @pa. */
struct mbi_cursor {
	char *base;
	uint64_t pa;
	size_t off;
	bool fits; /* every address so far below 4 GiB */
};

size_t mbi_size(const struct boot_info *bi)
{
	size_t n = sizeof(struct l4_mbi) +
		   (bi->nmodules + 1) * sizeof(struct l4_mbi_module) +
		   bi->nregions * sizeof(struct l4_mbi_mmap);

	n += strlen(bi->loader) + 1 + strlen(bi->cmdline) + 1;
	for (unsigned i = 0; i < bi->nmodules; i++)
		n += strlen(bi->modules[i].cmdline) + 1;
	return n;
}

/* @a as a 32-bit address; clears c->fits if it does not fit. */
static uint32_t addr32(struct mbi_cursor *c, uint64_t a)
{
	if (a >= MBI_4G)
		c->fits = false;
	return (uint32_t)a;
}

/* Append @s with its NUL; its physical address. */
static uint32_t put_string(struct mbi_cursor *c, const char *s)
{
	size_t n = strlen(s) + 1;
	uint64_t at = c->pa + c->off;

	memcpy(c->base + c->off, s, n);
	c->off += n;
	return addr32(c, at);
}

/* End of the available memory that runs on without a gap from @from. */
static uint64_t available_end(const struct boot_info *bi, uint64_t from)
{
	uint64_t end = from;
	bool grown = true;

	while (grown) {
		grown = false;
		for (unsigned i = 0; i < bi->nregions; i++) {
			const struct boot_region *r = &bi->regions[i];

			if (r->type == BOOT_MEM_AVAILABLE && r->start <= end &&
			    r->end > end) {
				end = r->end;
				grown = true;
			}
		}
	}
	return end;
}

/* mem_lower and mem_upper: KiB of memory from 0 and from 1 MiB on. */
static void mbi_memory(struct l4_mbi *m, const struct boot_info *bi)
{
	uint64_t low = available_end(bi, 0);
	uint64_t up = available_end(bi, MBI_UPPER_BASE) - MBI_UPPER_BASE;

	low = low < MBI_LOW_LIMIT ? low : MBI_LOW_LIMIT;
	m->mem_lower = (uint32_t)(low / KiB);
	m->mem_upper = up / KiB > 0xffffffffull ? 0xffffffffu :
						  (uint32_t)(up / KiB);
}

/* The memory map, one entry per region of @bi, at @e. */
static void mbi_mmap(struct l4_mbi_mmap *e, const struct boot_info *bi)
{
	for (unsigned i = 0; i < bi->nregions; i++) {
		const struct boot_region *r = &bi->regions[i];
		uint64_t len = r->end - r->start;

		e[i].size = L4_MBI_MMAP_SIZE;
		e[i].base_lo = (uint32_t)r->start;
		e[i].base_hi = (uint32_t)(r->start >> 32);
		e[i].length_lo = (uint32_t)len;
		e[i].length_hi = (uint32_t)(len >> 32);
		e[i].type = r->type;
	}
}

/* Module list entry @d for @bi's module @i; @exec for the programs. */
static void mbi_module(struct mbi_cursor *c, struct l4_mbi_module *d,
		       const struct boot_info *bi, unsigned i,
		       const struct elf_image *exec)
{
	uint64_t start = bi->modules[i].start, end = bi->modules[i].end;

	if (i < BOOTINFO_EXECS) {
		const struct elf_image *img = &exec[i];
		const struct elf_segment *last = &img->seg[img->nsegs - 1];

		start = img->seg[0].vaddr;
		end = last->vaddr + last->memsz;
		d->reserved = addr32(c, img->entry);
	}
	d->start = addr32(c, start);
	d->end = addr32(c, end);
	d->cmdline = put_string(c, bi->modules[i].cmdline);
}

bool mbi_write(void *buf, uint64_t pa, const struct boot_info *bi,
	       const struct elf_image exec[BOOTINFO_EXECS])
{
	struct l4_mbi *m = buf;
	struct l4_mbi_module *mods = (struct l4_mbi_module *)(m + 1);
	struct l4_mbi_mmap *map =
		(struct l4_mbi_mmap *)(mods + bi->nmodules + 1);
	struct mbi_cursor c = { buf, pa, 0, true };
	uint64_t kstart, kend;

	assert(bi->nmodules >= BOOTINFO_EXECS);
	c.off = (size_t)((char *)(map + bi->nregions) - (char *)buf);
	m->flags = L4_MBI_MEM | L4_MBI_CMDLINE | L4_MBI_MODS | L4_MBI_MMAP |
		   L4_MBI_LOADER;
	mbi_memory(m, bi);
	m->boot_loader_name = put_string(&c, bi->loader);
	arch_kernel_image(&kstart, &kend);
	mods[0].start = addr32(&c, kstart); /* the kernel */
	mods[0].end = addr32(&c, kend);
	mods[0].cmdline = put_string(&c, bi->cmdline);
	for (unsigned i = 0; i < bi->nmodules; i++)
		mbi_module(&c, &mods[i + 1], bi, i, exec);
	m->cmdline = mods[2].cmdline; /* the root task's, as the reference's */
	m->mods_count = bi->nmodules + 1;
	m->mods_addr = addr32(&c, pa + sizeof(*m));
	mbi_mmap(map, bi);
	m->mmap_length = (uint32_t)(bi->nregions * sizeof(*map));
	m->mmap_addr = addr32(&c, pa + (uint64_t)((char *)map - (char *)buf));
	assert(c.off <= mbi_size(bi));
	return c.fits;
}
