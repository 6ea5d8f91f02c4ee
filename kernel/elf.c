// SPDX-License-Identifier: BSD-2-Clause
/*
 * Checking an ELF64 executable; see elf.h for the picture and the
 * invariants. elf_parse decodes into a local image and copies it out only
 * when every rule holds. Fields are read with memcpy, since the image
 * may lie at any alignment.
 */
#include <stdbool.h>

#include <kernel/elf.h>
#include <kernel/panic.h>
#include <kernel/string.h>

/* @a rounded down to a page boundary. */
static uint64_t elf_page_down(uint64_t a)
{
	return a & ~(ELF_PAGE - 1);
}

/* @a rounded up to a page boundary; @a <= ELF_USER_TOP, so no overflow. */
static uint64_t elf_page_up(uint64_t a)
{
	return (a + ELF_PAGE - 1) & ~(ELF_PAGE - 1);
}

/* Whether [off, off + len) lies inside an image of @size bytes. */
static bool elf_inside(uint64_t off, uint64_t len, size_t size)
{
	return off <= size && len <= size - off;
}

/* The reason the file header is unacceptable, or NULL. */
static const char *elf_check_ehdr(const struct elf64_ehdr *h, size_t size)
{
	const uint8_t *id = h->e_ident;

	if (id[0] != 0x7f || id[1] != 'E' || id[2] != 'L' || id[3] != 'F')
		return "not an ELF file: bad magic number";
	if (id[ELF_EI_CLASS] != ELF_CLASS64)
		return "not a 64-bit (ELFCLASS64) file";
	if (id[ELF_EI_DATA] != ELF_DATA2LSB)
		return "not a little-endian file";
	if (id[ELF_EI_VERSION] != ELF_EV_CURRENT ||
	    h->e_version != ELF_EV_CURRENT)
		return "unknown ELF version";
	if (h->e_machine != ELF_EM_X86_64)
		return "not an x86-64 (EM_X86_64) file";
	if (h->e_type != ELF_ET_EXEC)
		return "not an executable (ET_EXEC) file";
	if (h->e_phentsize != sizeof(struct elf64_phdr))
		return "program header size is not 56 bytes";
	if (!elf_inside(h->e_phoff, (uint64_t)h->e_phnum * h->e_phentsize,
			size))
		return "program headers lie outside the image";
	return NULL;
}

/* The reason the PT_LOAD header @p is unacceptable, or NULL. */
static const char *elf_check_load(const struct elf64_phdr *p, size_t size)
{
	if (p->p_memsz == 0)
		return "a loadable segment is empty";
	if (p->p_filesz > p->p_memsz)
		return "a segment's file size exceeds its memory size";
	if (!elf_inside(p->p_offset, p->p_filesz, size))
		return "a segment's file bytes lie outside the image";
	if (p->p_vaddr > ELF_USER_TOP || p->p_memsz > ELF_USER_TOP - p->p_vaddr)
		return "a segment lies outside user space";
	if (p->p_align & (p->p_align - 1))
		return "a segment's alignment is not a power of two";
	if (p->p_align >= ELF_PAGE &&
	    p->p_vaddr % ELF_PAGE != p->p_offset % ELF_PAGE)
		return "a segment's address and offset disagree within a page";
	return NULL;
}

/* Insert @s into @e's segments, keeping them sorted by vaddr. There is
 * room for it. */
static void elf_insert(struct elf_image *e, const struct elf_segment *s)
{
	unsigned i = e->nsegs++;

	for (; i > 0 && e->seg[i - 1].vaddr > s->vaddr; i--)
		e->seg[i] = e->seg[i - 1];
	e->seg[i] = *s;
}

/* Collect @n program headers at @ph into @e; the reason they are
 * unacceptable, or NULL. */
static const char *elf_collect(struct elf_image *e, const uint8_t *ph,
			       unsigned n, size_t size)
{
	for (unsigned i = 0; i < n; i++) {
		struct elf64_phdr p;
		struct elf_segment s;
		const char *why;

		memcpy(&p, ph + (size_t)i * sizeof(p), sizeof(p));
		if (p.p_type == ELF_PT_INTERP || p.p_type == ELF_PT_DYNAMIC)
			return "dynamically linked";
		if (p.p_type != ELF_PT_LOAD)
			continue;
		why = elf_check_load(&p, size);
		if (why)
			return why;
		if (e->nsegs == ELF_MAX_SEGMENTS)
			return "too many loadable segments";
		s = (struct elf_segment){ .vaddr = p.p_vaddr,
					  .memsz = p.p_memsz,
					  .offset = p.p_offset,
					  .filesz = p.p_filesz,
					  .flags = p.p_flags & ELF_PF_RWX };
		elf_insert(e, &s);
	}
	return NULL;
}

/* Whether @a lies in a segment of @e that has ELF_PF_X. */
static bool elf_executable(const struct elf_image *e, uint64_t a)
{
	for (unsigned i = 0; i < e->nsegs; i++) {
		const struct elf_segment *s = &e->seg[i];

		if ((s->flags & ELF_PF_X) && a >= s->vaddr &&
		    a - s->vaddr < s->memsz)
			return true;
	}
	return false;
}

const char *elf_parse(const void *img, size_t size, struct elf_image *out)
{
	const uint8_t *bytes = img;
	struct elf64_ehdr h;
	struct elf_image e = { 0 };
	const char *why;

	if (size < sizeof(h))
		return "image is smaller than an ELF header";
	memcpy(&h, bytes, sizeof(h));
	why = elf_check_ehdr(&h, size);
	if (!why)
		why = elf_collect(&e, bytes + h.e_phoff, h.e_phnum, size);
	if (why)
		return why;
	if (e.nsegs == 0)
		return "no loadable segment";
	for (unsigned i = 1; i < e.nsegs; i++)
		if (elf_page_up(e.seg[i - 1].vaddr + e.seg[i - 1].memsz) >
		    elf_page_down(e.seg[i].vaddr))
			return "loadable segments overlap";
	if (!elf_executable(&e, h.e_entry))
		return "entry point is not in an executable segment";
	e.entry = h.e_entry;
	*out = e;
	return NULL;
}

void elf_check(const struct elf_image *e, size_t size)
{
	const struct elf_segment *s = e->seg;

	assert(e->nsegs >= 1 && e->nsegs <= ELF_MAX_SEGMENTS); /* N */
	for (unsigned i = 0; i < e->nsegs; i++) {
		assert(s[i].memsz > 0 && s[i].filesz <= s[i].memsz); /* Z */
		assert(elf_inside(s[i].offset, s[i].filesz, size));  /* I */
		assert(s[i].vaddr <= ELF_USER_TOP &&
		       s[i].memsz <= ELF_USER_TOP - s[i].vaddr); /* U */
		assert(!(s[i].flags & ~ELF_PF_RWX));		 /* F */
		if (i > 0)
			assert(elf_page_up(s[i - 1].vaddr + s[i - 1].memsz) <=
			       elf_page_down(s[i].vaddr)); /* O */
	}
	assert(elf_executable(e, e->entry)); /* E */
}
