// SPDX-License-Identifier: BSD-2-Clause
/*
 * The multiboot2 boot information: a size, then 8-byte-aligned tags
 * {u32 type, u32 size, payload}, ending with a tag of type 0. The kernel
 * reads the command line (1), the loader's name (2), modules (3) and the
 * memory map (6); a missing or malformed memory map is an error.
 */
#include <stdbool.h>

#include <kernel/string.h>

#include <arch/multiboot2.h>

#define TAG_END 0
#define TAG_CMDLINE 1
#define TAG_LOADER 2
#define TAG_MODULE 3
#define TAG_MMAP 6

struct mb2_tag {
	uint32_t type, size;
};

struct mb2_mmap_entry {
	uint64_t base, len;
	uint32_t type, reserved;
};

static uint32_t rd32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static uint64_t rd64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Copy the string at p[0..len) into dst[0..cap); it must end in a NUL. */
static const char *copy_string(char *dst, size_t cap, const uint8_t *p,
			       size_t len)
{
	size_t n = strnlen((const char *)p, len);

	if (n == len)
		return "multiboot2: a string is not NUL-terminated";
	if (n >= cap)
		n = cap - 1; /* truncated, as documented in docs/boot.md */
	memcpy(dst, p, n);
	dst[n] = 0;
	return NULL;
}

static const char *parse_module(const uint8_t *t, uint32_t size,
				struct boot_info *bi)
{
	struct boot_module *m;

	if (size < 17)
		return "multiboot2: module tag too short";
	if (bi->nmodules == BOOT_MAX_MODULES)
		return "multiboot2: too many boot modules";
	m = &bi->modules[bi->nmodules++];
	m->start = rd32(t + 8);
	m->end = rd32(t + 12);
	if (m->end < m->start)
		return "multiboot2: module ends before it starts";
	return copy_string(m->cmdline, sizeof(m->cmdline), t + 16, size - 16);
}

static const char *parse_mmap(const uint8_t *t, uint32_t size,
			      struct boot_info *bi)
{
	uint32_t esize;

	if (size < 16)
		return "multiboot2: memory map tag too short";
	esize = rd32(t + 8);
	if (esize < sizeof(struct mb2_mmap_entry) || esize % 8)
		return "multiboot2: memory map entry size is invalid";
	if ((size - 16) % esize)
		return "multiboot2: memory map size is not a whole number of entries";
	for (uint32_t off = 16; off < size; off += esize) {
		uint64_t base = rd64(t + off), len = rd64(t + off + 8);
		struct boot_region *r;

		if (len == 0)
			continue;
		if (base + len < base)
			return "multiboot2: memory map entry wraps around";
		if (bi->nregions == BOOT_MAX_REGIONS)
			return "multiboot2: memory map has too many entries";
		r = &bi->regions[bi->nregions++];
		r->start = base;
		r->end = base + len;
		r->type = rd32(t + off + 16);
	}
	return NULL;
}

const char *mb2_parse(const void *mbi, size_t avail, uint64_t mbi_phys,
		      struct boot_info *bi)
{
	const uint8_t *p = mbi;
	const char *err = NULL;
	uint32_t total;
	bool have_mmap = false, have_end = false;

	memset(bi, 0, sizeof(*bi));
	if (avail < 8)
		return "multiboot2: no boot information";
	total = rd32(p);
	if (total < 16 || total > avail)
		return "multiboot2: boot information size is invalid";
	bi->info_start = mbi_phys;
	bi->info_end = mbi_phys + total;

	for (uint32_t off = 8; !err && off + 8 <= total;
	     off = (off + rd32(p + off + 4) + 7) & ~7u) {
		const uint8_t *t = p + off;
		uint32_t type = rd32(t), size = rd32(t + 4);

		if (size < 8 || size > total - off)
			return "multiboot2: a tag runs past the end";
		if (type == TAG_END) {
			have_end = true;
			break;
		}
		switch (type) {
		case TAG_CMDLINE:
			err = copy_string(bi->cmdline, sizeof(bi->cmdline),
					  t + 8, size - 8);
			break;
		case TAG_LOADER:
			err = copy_string(bi->loader, sizeof(bi->loader), t + 8,
					  size - 8);
			break;
		case TAG_MODULE:
			err = parse_module(t, size, bi);
			break;
		case TAG_MMAP:
			if (have_mmap)
				return "multiboot2: two memory maps";
			have_mmap = true;
			err = parse_mmap(t, size, bi);
			break;
		}
	}
	if (err)
		return err;
	if (!have_end)
		return "multiboot2: no end tag";
	if (!have_mmap)
		return "multiboot2: the boot loader gave no memory map";
	for (unsigned i = 0; i < bi->nregions; i++)
		if (bi->regions[i].type == BOOT_MEM_AVAILABLE)
			return NULL;
	return "multiboot2: the memory map has no available memory";
}
