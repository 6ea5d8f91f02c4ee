/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Slab caches: objects of one fixed size (mapping-database nodes, thread
 * control blocks, ...) carved out of kmem pages. Each page starts with a
 * header; the objects follow, 16-byte aligned. A free object holds the
 * link of its page's free list in its first word.
 *
 *   one kmem page, n = per_page objects of size bytes:
 *
 *   +------------------+-------+-------+-------+-----+---------+------+
 *   | struct slab_page | obj 0 | obj 1 | obj 2 | ... | obj n-1 | tail |
 *   +------------------+-------+-------+-------+-----+---------+------+
 *     prev, next   the cache's partial or full list
 *     cache        the owner
 *     used[]       1 0 1 ... 0  (bit i set: object i allocated)
 *     inuse        the number of bits set
 *     free         obj 1 -> obj n-1 -> NULL  (through first words)
 *
 *   cache: partial -> page <-> page <-> ... (some objects free)
 *          full    -> page <-> page <-> ... (no object free)
 *
 * A page whose last object is freed goes back to the pool at once: the
 * cache keeps no empty page, so one cache never sits on memory another
 * needs. Legal states of a page, by its count of allocated objects:
 *
 *   inuse            list      free list length
 *   0                (none: back in the pool)
 *   1 .. per_page-1  partial   per_page - inuse
 *   per_page         full      0 (free == NULL)
 *
 * Invariants (slab_check asserts one rule per line):
 *
 *   rule  holds for        statement
 *   H     every page       page->cache == the cache; the page is in the pool
 *   L     every page p     p->next == NULL or p->next->prev == p;
 *                          the first page has prev == NULL
 *   S     every page       on partial iff 0 < inuse < per_page,
 *                          on full iff inuse == per_page
 *   B     every page       bits set in used[] == inuse, none at or past
 *                          per_page
 *   F     every free link  at an object of its own page, whose used bit is
 *                          clear, listed once; the list has per_page - inuse
 *   T     the cache        sum of inuse == c->inuse; pages == c->npages
 */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include <stddef.h>

#include <kernel/kmem.h>

#define SLAB_ALIGN 16	   /* every object is aligned to this */
#define SLAB_MAX_SIZE 2048 /* largest object: at least one per page */

struct slab_page; /* the per-page header, private to slab.c */

struct slab_cache {
	/* Set by slab_init, then fixed. */
	const char *name;
	struct kmem_pool *pool; /* where pages come from and go back to */
	size_t size;		/* object size, rounded up to SLAB_ALIGN */
	unsigned per_page;	/* objects in one page */

	/* Changed by slab_alloc and slab_free only; rules S and T. */
	struct slab_page *partial; /* pages with free and used objects */
	struct slab_page *full;	   /* pages with no free object */
	size_t inuse;		   /* objects allocated */
	size_t npages;		   /* pages held */
};

/*
 * Make @c an empty cache of objects of @size bytes (1 .. SLAB_MAX_SIZE)
 * taking pages from @pool. @name is kept, for messages. Cannot fail.
 */
void slab_init(struct slab_cache *c, const char *name, size_t size,
	       struct kmem_pool *pool);

/*
 * A zeroed object of @c, aligned to SLAB_ALIGN, or NULL when it needs a
 * new page and the pool has none; @c is then unchanged.
 */
void *slab_alloc(struct slab_cache *c);

/*
 * Give back @obj, which slab_alloc(@c) returned and which has not been
 * freed since. Panics on anything else it can detect: a pointer outside
 * @c's pages, not at an object, or an object already free.
 */
void slab_free(struct slab_cache *c, void *obj);

/* Assert the invariants above. Linear in the pages and objects held. */
void slab_check(const struct slab_cache *c);

#endif
