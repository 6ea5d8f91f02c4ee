/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Reading ELF64 executables: the loadable segments of a statically linked
 * x86_64 program and its entry point, every header field checked against
 * the file's size and the address range the program may use.
 */
#ifndef ROOTTASK_ELF_H
#define ROOTTASK_ELF_H

#include <l4/types.h>

#define ELF_SEGMENTS_MAX 8

/* One PT_LOAD segment: [vaddr, vaddr + memsz), the first filesz bytes
 * from the file at offset, the rest zero. */
struct elf_segment {
	l4_word_t vaddr, memsz;
	l4_word_t offset, filesz;
	unsigned rights; /* L4_FPAGE_R | L4_FPAGE_W | L4_FPAGE_X */
};

/* The segments, in ascending order of address and disjoint. */
struct elf_image {
	l4_word_t entry;
	unsigned nsegs;
	struct elf_segment seg[ELF_SEGMENTS_MAX];
};

/*
 * Read the ELF64 executable of @size bytes at @file into @img. Every
 * segment must lie in [low, high) and the entry in an executable segment.
 * Returns NULL if @file is such a program, or else why not (a phrase that
 * follows "not loadable: ").
 */
const char *elf_read(const void *file, l4_word_t size, l4_word_t low,
		     l4_word_t high, struct elf_image *img);

#endif /* ROOTTASK_ELF_H */
