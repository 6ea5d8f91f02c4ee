// SPDX-License-Identifier: BSD-2-Clause
/*
 * The dataspaces; see ds.h. A page's states, and what a map with W does
 * to each (a map without W changes no state, it fills the view):
 *
 *   state          view holds        W map
 *   NONE           the zero frame    a new zeroed frame (PRIVATE)
 *   MODULE         the module page   refused in a module image; in a
 *                                    copy a new frame with its bytes
 *   FRAME, 1 hold  the frame         mapped as it is
 *   FRAME, n hold  the frame         a new frame with its bytes; the
 *                                    shared one loses a holder
 *
 * Invariants: a shared frame (n holders) is mapped to clients without W
 * (the copy that made it shared took W away from the source's view); a
 * view is mapped only while `viewed` is set, and holds the page's
 * current contents; d->charged is what d adds to its owner's charge.
 */
#include <l4/dataspace.h>
#include <l4/syscalls.h>

#include "ds.h"
#include "pool.h"
#include "root.h"

#define PAGE 4096ul
#define VIEW_BASE 0x80000000ul /* views: DS_MAX * L4_DS_PAGES_MAX pages */
#define MODULES_MAX 8

enum { PAGE_NONE, PAGE_MODULE, PAGE_FRAME };

struct ds_page {
	uint16_t frame; /* with PAGE_FRAME */
	uint8_t kind;
	uint8_t viewed;
};

struct dataspace {
	bool live;
	bool prepaid;  /* anonymous: its size was charged at open */
	bool readonly; /* a module's image: no W */
	int module;    /* the modules[] its PAGE_MODULE pages come from */
	struct client *owner;
	l4_word_t pages, charged;
	struct ds_page page[L4_DS_PAGES_MAX];
};

static struct dataspace ds[DS_MAX];

/* The modules asked for so far: names and sizes, never forgotten. */
static struct {
	l4_word_t name[L4_NAME_WORDS];
	l4_word_t size;
} modules[MODULES_MAX];
static unsigned nmodules;

static l4_word_t view_addr(const struct dataspace *d, l4_word_t i)
{
	return VIEW_BASE + ((l4_word_t)(d - ds) * L4_DS_PAGES_MAX + i) * PAGE;
}

/* Unmap the view of page @i of @d, @rights of it: with @flush from the
 * server too, and so from everyone; else from the spaces below only. */
static void view_unmap(struct dataspace *d, l4_word_t i, unsigned rights,
		       bool flush)
{
	l4_set_mr(0, l4_fpage(view_addr(d, i), 12, rights).raw);
	l4_unmap(l4_unmap_control(0, flush));
}

/* Take page @i of @d away from everyone who has it. */
static void view_drop(struct dataspace *d, l4_word_t i)
{
	if (d->page[i].viewed)
		view_unmap(d, i, L4_FPAGE_RWX, true);
	d->page[i].viewed = false;
}

/* Map page @i of @d at its view, if it is not there; false if the frame
 * or the module page cannot be had. */
static bool view_fill(struct dataspace *d, l4_word_t i)
{
	struct ds_page *pg = &d->page[i];
	l4_word_t va = view_addr(d, i);

	if (pg->viewed)
		return true;
	if (pg->kind == PAGE_FRAME)
		pg->viewed = pool_alias(pg->frame, va);
	else if (pg->kind == PAGE_MODULE)
		pg->viewed =
			root_module_page(modules[d->module].name, i * PAGE, va);
	else
		pg->viewed = pool_alias(POOL_ZERO, va);
	return pg->viewed;
}

/* A free slot of the table (sweeping for the dead if there is none, but
 * not probing @current), or -1. */
static int slot(l4_threadid_t current)
{
	for (int pass = 0; pass < 2; pass++) {
		for (int n = 0; n < DS_MAX; n++)
			if (!ds[n].live)
				return n;
		if (pass == 0)
			clients_sweep(current);
	}
	return -1;
}

/* Make slot @n a dataspace of @c of @pages pages, all of @kind. */
static struct dataspace *make(int n, struct client *c, l4_word_t pages,
			      int kind)
{
	struct dataspace *d = &ds[n];

	*d = (struct dataspace){
		.live = true, .module = -1, .owner = c, .pages = pages
	};
	for (l4_word_t i = 0; i < pages; i++)
		d->page[i] = (struct ds_page){ 0, (uint8_t)kind, false };
	return d;
}

struct dataspace *ds_lookup(l4_word_t n, l4_threadid_t who)
{
	return n < DS_MAX && ds[n].live &&
			       l4_same_thread(ds[n].owner->who, who) ?
		       &ds[n] :
		       NULL;
}

int ds_open(struct client *c, l4_word_t size, l4_word_t *n)
{
	l4_word_t pages = size / PAGE;
	struct dataspace *d;
	int s;

	if (!size || size % PAGE)
		return L4_NAMES_EINVAL;
	if (pages > L4_DS_PAGES_MAX || (s = slot(c->who)) < 0 ||
	    !clients_charge(c, pages))
		return L4_NAMES_EFULL;
	d = make(s, c, pages, PAGE_NONE);
	d->prepaid = true;
	d->charged = pages;
	*n = (l4_word_t)s;
	return L4_NAMES_OK;
}

/* The number of module @name in modules[], asking the root task for its
 * size the first time; -1 if there is none, -2 if the table is full. */
static int module_find(const l4_word_t name[L4_NAME_WORDS])
{
	unsigned m;

	for (m = 0; m < nmodules; m++) {
		unsigned i = 0;

		while (i < L4_NAME_WORDS && modules[m].name[i] == name[i])
			i++;
		if (i == L4_NAME_WORDS)
			return (int)m;
	}
	if (m == MODULES_MAX)
		return -2;
	modules[m].size = root_module_size(name);
	if (!modules[m].size)
		return -1;
	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		modules[m].name[i] = name[i];
	nmodules++;
	return (int)m;
}

int ds_open_module(struct client *c, const l4_word_t name[L4_NAME_WORDS],
		   l4_word_t *n)
{
	int m = module_find(name), s;
	l4_word_t pages;
	struct dataspace *d;

	if (m == -1)
		return L4_NAMES_ENOENT;
	if (m < 0)
		return L4_NAMES_EFULL;
	pages = (modules[m].size + PAGE - 1) / PAGE;
	if (pages > L4_DS_PAGES_MAX || (s = slot(c->who)) < 0)
		return L4_NAMES_EFULL;
	d = make(s, c, pages, PAGE_MODULE);
	d->readonly = true;
	d->module = m;
	*n = (l4_word_t)s;
	return L4_NAMES_OK;
}

int ds_copy(struct client *c, struct dataspace *src, l4_word_t *n)
{
	struct dataspace *d;
	int s = slot(c->who);

	if (s < 0)
		return L4_NAMES_EFULL;
	d = make(s, c, src->pages, PAGE_NONE);
	d->module = src->module;
	for (l4_word_t i = 0; i < src->pages; i++) {
		struct ds_page *sp = &src->page[i];

		d->page[i] = (struct ds_page){ sp->frame, sp->kind, false };
		if (sp->kind != PAGE_FRAME)
			continue;
		pool_share(sp->frame);
		if (sp->viewed) /* the source's clients may no longer write */
			view_unmap(src, i, L4_FPAGE_W, false);
	}
	*n = (l4_word_t)s;
	return L4_NAMES_OK;
}

l4_word_t ds_size(const struct dataspace *d)
{
	return d->pages * PAGE;
}

/* Give page @i of @d a frame of its own with the page's contents, charged
 * to the owner unless @d is prepaid; a status. */
static int make_private(struct dataspace *d, l4_word_t i)
{
	struct ds_page *pg = &d->page[i];
	bool charge = !d->prepaid;
	unsigned k;

	if (charge && !clients_charge(d->owner, 1))
		return L4_NAMES_EFULL;
	if ((pg->kind == PAGE_MODULE && !view_fill(d, i)) || !pool_get(&k)) {
		if (charge)
			clients_refund(d->owner, 1);
		return L4_NAMES_EFULL;
	}
	if (pg->kind == PAGE_FRAME)
		__builtin_memcpy((void *)pool_addr(k),
				 (const void *)pool_addr(pg->frame), PAGE);
	else if (pg->kind == PAGE_MODULE)
		__builtin_memcpy((void *)pool_addr(k),
				 (const void *)view_addr(d, i), PAGE);
	view_drop(d, i);
	if (pg->kind == PAGE_FRAME)
		pool_unshare(pg->frame);
	*pg = (struct ds_page){ (uint16_t)k, PAGE_FRAME, false };
	if (charge)
		d->charged++;
	return L4_NAMES_OK;
}

int ds_map(struct dataspace *d, l4_word_t off, l4_word_t rights, l4_fpage_t *f)
{
	l4_word_t i = off / PAGE;
	struct ds_page *pg;
	int st;

	if (off % PAGE || i >= d->pages || !rights ||
	    (rights & ~(l4_word_t)L4_FPAGE_RWX) ||
	    (d->readonly && (rights & L4_FPAGE_W)))
		return L4_NAMES_EINVAL;
	pg = &d->page[i];
	if ((rights & L4_FPAGE_W) &&
	    (pg->kind != PAGE_FRAME || pool_holders(pg->frame) > 1) &&
	    (st = make_private(d, i)) != L4_NAMES_OK)
		return st;
	if (!view_fill(d, i))
		return L4_NAMES_EFULL;
	*f = l4_fpage(view_addr(d, i), 12, (unsigned)rights);
	return L4_NAMES_OK;
}

void ds_close(struct dataspace *d)
{
	for (l4_word_t i = 0; i < d->pages; i++) {
		view_drop(d, i);
		if (d->page[i].kind == PAGE_FRAME)
			pool_unshare(d->page[i].frame);
	}
	clients_refund(d->owner, d->charged);
	d->live = false;
}

void ds_close_all(struct client *c)
{
	for (int n = 0; n < DS_MAX; n++)
		if (ds[n].live && ds[n].owner == c)
			ds_close(&ds[n]);
}

unsigned ds_count(void)
{
	unsigned n = 0;

	for (int i = 0; i < DS_MAX; i++)
		n += ds[i].live;
	return n;
}
