/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The programs the root task has loaded and pages: for each, its thread,
 * the regions of its address space (its ELF segments and its stack) with
 * what fills them, and the pages it has been given so far.
 */
#ifndef ROOTTASK_PROGRAM_H
#define ROOTTASK_PROGRAM_H

#include <l4/thread.h>
#include <l4/types.h>

#include "elf.h"

#define PROGRAM_MAX 16
#define PROGRAM_NAME_MAX 32
#define PROGRAM_REGIONS_MAX (ELF_SEGMENTS_MAX + 1)
#define PROGRAM_PAGES_MAX 1024

/*
 * [start, end) of a program's space: its first filesz bytes are the bytes
 * at the root task's address file (the module, read through sigma0's
 * identity mappings), the rest are zero.
 */
struct region {
	l4_word_t start, end;
	l4_word_t file, filesz;
	unsigned rights; /* L4_FPAGE_R | L4_FPAGE_W | L4_FPAGE_X */
};

/* A page given to the program: its address there, and the frame's
 * address in the root task (frames.h). */
struct page {
	l4_word_t vaddr, frame;
};

/*
 * Fixed once the program is registered: everything but the pages.
 * Regions are disjoint and ascending; region[0..nsegs) are the ELF
 * segments, region[nsegs] the stack. Pages only grow, each vaddr once.
 */
struct program {
	char name[PROGRAM_NAME_MAX];
	l4_threadid_t thread;
	l4_word_t entry;
	unsigned nsegs, nregions;
	struct region region[PROGRAM_REGIONS_MAX];

	unsigned npages;
	struct page page[PROGRAM_PAGES_MAX];

	/* From the command line (control.h), fixed once registered; dead
	 * once killed, when the lookups no longer find the program. */
	unsigned long quota; /* dataspace pages; 0: the memory server's own */
	bool admin;
	bool dead;
};

/*
 * A free program slot, made out of @img (read from the file at @file in
 * the root task's space) with a stack of [stack_base, stack_top), named
 * @name. Not registered yet. NULL if all slots are taken.
 */
struct program *program_new(const char *name, const struct elf_image *img,
			    l4_word_t file, l4_word_t stack_base,
			    l4_word_t stack_top);

/* Register @p, the slot program_new() gave last, now that its thread
 * exists: program_by_thread() finds it from now on. */
void program_register(struct program *p);

/* The registered program whose thread is @t, or NULL. */
/* The registered program named @name (its boot module's name), or NULL.
 * Neither finds a program that was killed. */
struct program *program_by_name(const char *name);

struct program *program_by_thread(l4_threadid_t t);

/* The region of @p that holds @addr, or NULL. */
const struct region *program_region_at(const struct program *p, l4_word_t addr);

/* The frame of @p's page at @vaddr (page-aligned), or 0 if it has none. */
l4_word_t program_frame(const struct program *p, l4_word_t vaddr);

/* True if @p can record one more page. */
bool program_has_room(const struct program *p);

/* Record that @p's page at @vaddr is @frame. program_has_room(p), and the
 * page has no frame yet. */
void program_add_page(struct program *p, l4_word_t vaddr, l4_word_t frame);

#endif /* ROOTTASK_PROGRAM_H */
