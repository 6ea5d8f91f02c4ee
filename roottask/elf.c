// SPDX-License-Identifier: BSD-2-Clause
/*
 * Reading ELF64 executables; see elf.h. The file is untrusted: headers are
 * copied out before use (the file need not be aligned) and every offset and
 * size is checked without overflowing.
 */
#include <l4/elf64.h>
#include <l4/fpage.h>

#include "elf.h"

#define EI_CLASS 4
#define EI_DATA 5
#define EI_VERSION 6
#define ELFCLASS64 2
#define ELFDATA2LSB 1
#define EV_CURRENT 1
#define ET_EXEC 2
#define EM_X86_64 62

#define PT_LOAD 1
#define PT_DYNAMIC 2
#define PT_INTERP 3

#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

static const uint8_t elf_magic[4] = { 0x7f, 'E', 'L', 'F' };

/* True if [off, off + len) lies in a file of @size bytes. */
static bool in_file(l4_word_t off, l4_word_t len, l4_word_t size)
{
	return off <= size && len <= size - off;
}

/* Check the file header @h of a file of @size bytes. */
static const char *check_header(const struct elf64_ehdr *h, l4_word_t size)
{
	for (unsigned i = 0; i < sizeof(elf_magic); i++)
		if (h->ident[i] != elf_magic[i])
			return "no ELF magic";
	if (h->ident[EI_CLASS] != ELFCLASS64)
		return "not ELF64";
	if (h->ident[EI_DATA] != ELFDATA2LSB)
		return "not little-endian";
	if (h->ident[EI_VERSION] != EV_CURRENT || h->version != EV_CURRENT)
		return "unknown ELF version";
	if (h->type != ET_EXEC)
		return "not an executable (ET_EXEC)";
	if (h->machine != EM_X86_64)
		return "not for x86_64";
	if (h->ehsize < sizeof(*h))
		return "file header too small";
	if (h->phentsize != sizeof(struct elf64_phdr))
		return "bad program header size";
	if (h->phnum == 0 || h->phnum == 0xffff)
		return "no program headers";
	if (!in_file(h->phoff, (l4_word_t)h->phnum * h->phentsize, size))
		return "program headers beyond the end of the file";
	return NULL;
}

/* Check PT_LOAD header @p against the file's @size and [low, high). */
static const char *check_load(const struct elf64_phdr *p, l4_word_t size,
			      l4_word_t low, l4_word_t high)
{
	if (p->filesz > p->memsz)
		return "segment's file size exceeds its memory size";
	if (!in_file(p->offset, p->filesz, size))
		return "segment beyond the end of the file";
	if (p->vaddr < low || p->vaddr >= high || p->memsz > high - p->vaddr)
		return "segment outside the program's address range";
	if (p->align > 1 && ((p->align & (p->align - 1)) != 0 ||
			     p->vaddr % p->align != p->offset % p->align))
		return "segment misaligned";
	if ((p->flags & (PF_R | PF_W | PF_X)) == 0)
		return "segment without access rights";
	return NULL;
}

/* Append PT_LOAD header @p to @img, after the segments it has. */
static const char *add_segment(struct elf_image *img,
			       const struct elf64_phdr *p)
{
	struct elf_segment *s;

	if (img->nsegs == ELF_SEGMENTS_MAX)
		return "too many segments";
	if (img->nsegs > 0) {
		const struct elf_segment *prev = &img->seg[img->nsegs - 1];

		if (p->vaddr < prev->vaddr + prev->memsz)
			return "segments overlap or are out of order";
	}
	s = &img->seg[img->nsegs++];
	s->vaddr = p->vaddr;
	s->memsz = p->memsz;
	s->offset = p->offset;
	s->filesz = p->filesz;
	s->rights = ((p->flags & PF_R) ? L4_FPAGE_R : 0) |
		    ((p->flags & PF_W) ? L4_FPAGE_W : 0) |
		    ((p->flags & PF_X) ? L4_FPAGE_X : 0);
	return NULL;
}

/* True if @a lies in an executable segment of @img. */
static bool executable(const struct elf_image *img, l4_word_t a)
{
	for (unsigned i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];

		if (a >= s->vaddr && a - s->vaddr < s->memsz &&
		    (s->rights & L4_FPAGE_X))
			return true;
	}
	return false;
}

const char *elf_read(const void *file, l4_word_t size, l4_word_t low,
		     l4_word_t high, struct elf_image *img)
{
	const uint8_t *f = file;
	struct elf64_ehdr h;
	const char *err;

	if (size < sizeof(h))
		return "too small for an ELF header";
	__builtin_memcpy(&h, f, sizeof(h));
	if ((err = check_header(&h, size)) != NULL)
		return err;
	img->entry = h.entry;
	img->nsegs = 0;
	for (unsigned i = 0; i < h.phnum; i++) {
		struct elf64_phdr p;

		__builtin_memcpy(&p, f + h.phoff + (l4_word_t)i * sizeof(p),
				 sizeof(p));
		if (p.type == PT_INTERP || p.type == PT_DYNAMIC)
			return "dynamically linked";
		if (p.type != PT_LOAD || p.memsz == 0)
			continue;
		if ((err = check_load(&p, size, low, high)) != NULL ||
		    (err = add_segment(img, &p)) != NULL)
			return err;
	}
	if (img->nsegs == 0)
		return "no loadable segments";
	if (!executable(img, img->entry))
		return "entry point outside every executable segment";
	return NULL;
}
