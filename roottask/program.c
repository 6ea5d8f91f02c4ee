// SPDX-License-Identifier: BSD-2-Clause
/* The loaded programs; see program.h. */
#include <l4/fpage.h>

#include "program.h"

static struct program programs[PROGRAM_MAX];
static unsigned nprograms;

/* Copy @name into @p, cut to fit. */
static void program_set_name(struct program *p, const char *name)
{
	size_t i = 0;

	for (; name[i] != '\0' && i + 1 < sizeof(p->name); i++)
		p->name[i] = name[i];
	p->name[i] = '\0';
}

struct program *program_new(const char *name, const struct elf_image *img,
			    l4_word_t file, l4_word_t stack_base,
			    l4_word_t stack_top)
{
	struct program *p;
	unsigned i;

	if (nprograms == PROGRAM_MAX)
		return NULL;
	p = &programs[nprograms];
	program_set_name(p, name);
	p->thread = L4_NILTHREAD;
	p->entry = img->entry;
	for (i = 0; i < img->nsegs; i++) {
		const struct elf_segment *s = &img->seg[i];

		p->region[i] = (struct region){ s->vaddr, s->vaddr + s->memsz,
						file + s->offset, s->filesz,
						s->rights };
	}
	p->region[i++] =
		(struct region){ stack_base, stack_top, 0, 0, L4_FPAGE_RW };
	p->nsegs = img->nsegs;
	p->nregions = i;
	p->npages = 0;
	return p;
}

void program_register(struct program *p)
{
	if (p == &programs[nprograms])
		nprograms++;
}

struct program *program_by_thread(l4_threadid_t t)
{
	for (unsigned i = 0; i < nprograms; i++)
		if (!programs[i].dead && l4_same_thread(programs[i].thread, t))
			return &programs[i];
	return NULL;
}

struct program *program_by_name(const char *name)
{
	for (unsigned i = 0; i < nprograms; i++) {
		const char *a = programs[i].name, *b = name;

		while (*a && *a == *b)
			a++, b++;
		if (!*a && !*b && !programs[i].dead)
			return &programs[i];
	}
	return NULL;
}

const struct region *program_region_at(const struct program *p, l4_word_t addr)
{
	for (unsigned i = 0; i < p->nregions; i++)
		if (addr >= p->region[i].start && addr < p->region[i].end)
			return &p->region[i];
	return NULL;
}

l4_word_t program_frame(const struct program *p, l4_word_t vaddr)
{
	for (unsigned i = 0; i < p->npages; i++)
		if (p->page[i].vaddr == vaddr)
			return p->page[i].frame;
	return 0;
}

bool program_has_room(const struct program *p)
{
	return p->npages < PROGRAM_PAGES_MAX;
}

void program_add_page(struct program *p, l4_word_t vaddr, l4_word_t frame)
{
	p->page[p->npages++] = (struct page){ vaddr, frame };
}
