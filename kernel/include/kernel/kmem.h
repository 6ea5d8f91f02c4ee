/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel memory pool: 4 KiB pages for page tables, thread control
 * blocks and mapping nodes, reserved at boot and never given to sigma0.
 * Free pages form a list threaded through their first word:
 *
 *   free --> [page] --> [page] --> ... --> NULL     (nfree pages)
 *
 * Invariants (kmem_check): every listed page lies in [start, end), is
 * page-aligned and is listed once; the list has exactly nfree pages.
 */
#ifndef KERNEL_KMEM_H
#define KERNEL_KMEM_H

#include <stddef.h>
#include <stdint.h>

#define KMEM_PAGE 4096

struct kmem_pool {
	void *free;	     /* first free page (kernel virtual) */
	size_t nfree;	     /* pages on the free list */
	size_t npages;	     /* pages in the pool */
	uint64_t start, end; /* physical range [start, end) */
};

extern struct kmem_pool kernel_pool;

/* Make the page-aligned physical range [start, end) a pool of free pages. */
void kmem_init(struct kmem_pool *p, uint64_t start, uint64_t end);

/* A zeroed page, or NULL if the pool is empty. */
void *kmem_alloc(struct kmem_pool *p);

/* Return @page (from kmem_alloc on @p) to the pool. */
void kmem_free(struct kmem_pool *p, void *page);

/* Assert the invariants above. Linear in the pool size. */
void kmem_check(const struct kmem_pool *p);

#endif
