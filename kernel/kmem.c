// SPDX-License-Identifier: BSD-2-Clause
/* The kernel page pool; see kmem.h for the picture and the invariants. */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>
#include <kernel/string.h>

struct kmem_pool kernel_pool;

void kmem_init(struct kmem_pool *p, uint64_t start, uint64_t end)
{
	assert(!(start % KMEM_PAGE) && !(end % KMEM_PAGE) && start <= end);
	*p = (struct kmem_pool){ .start = start, .end = end };
	/* Push from the top so that allocation starts at the bottom. */
	for (uint64_t pa = end; pa > start; pa -= KMEM_PAGE) {
		void **page = arch_phys_to_virt(pa - KMEM_PAGE);

		*page = p->free;
		p->free = page;
		p->nfree++;
	}
	p->npages = p->nfree;
}

void *kmem_alloc(struct kmem_pool *p)
{
	void **page = p->free;

	if (!page)
		return NULL;
	p->free = *page;
	p->nfree--;
	memset(page, 0, KMEM_PAGE);
	return page;
}

void kmem_free(struct kmem_pool *p, void *page)
{
	uint64_t pa = arch_virt_to_phys(page);

	assert(pa >= p->start && pa < p->end && !(pa % KMEM_PAGE));
	assert(p->nfree < p->npages);
	*(void **)page = p->free;
	p->free = page;
	p->nfree++;
}

void kmem_check(const struct kmem_pool *p)
{
	size_t n = 0;

	assert(p->nfree <= p->npages);
	assert(p->npages == (p->end - p->start) / KMEM_PAGE);
	for (void *const *page = p->free; page; page = *page) {
		uint64_t pa = arch_virt_to_phys(page);

		assert(pa >= p->start && pa < p->end && !(pa % KMEM_PAGE));
		assert(++n <= p->nfree); /* also ends a cycle */
	}
	assert(n == p->nfree);
}
