// SPDX-License-Identifier: BSD-2-Clause
/* Address spaces; see space.h. */
#include <kernel/arch.h>
#include <kernel/io.h>
#include <kernel/kip.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>
#include <kernel/slab.h>
#include <kernel/space.h>
#include <kernel/tcb.h>

#include <l4/fpage.h>
#include <l4/utcb.h>

#define PAGE 4096ul

static struct slab_cache space_cache;
static bool space_cache_ready;

struct space *space_create(void)
{
	struct space *s;

	if (!space_cache_ready) {
		slab_init(&space_cache, "space", sizeof(struct space),
			  &kernel_pool);
		space_cache_ready = true;
	}
	s = slab_alloc(&space_cache);
	if (!s)
		return NULL;
	if (!arch_vspace_create(s)) {
		slab_free(&space_cache, s);
		return NULL;
	}
	list_init(&s->threads);
	return s;
}

bool space_configured(const struct space *s)
{
	return s->kip_area != 0 && s->utcb_area != 0;
}

static uint64_t fp_base(l4_word_t fp)
{
	return l4_fpage_base(l4_fpage_raw(fp));
}

static unsigned fp_size(l4_word_t fp)
{
	return l4_fpage_log2(l4_fpage_raw(fp));
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

int space_configure(struct space *s, l4_word_t kip_area, l4_word_t utcb_area)
{
	uint64_t kb = fp_base(kip_area), ub = fp_base(utcb_area);
	unsigned ks = fp_size(kip_area), us = fp_size(utcb_area);

	if (us < KIP_UTCB_AREA_MIN_LOG2 || us > 47 ||
	    ub + (1ul << us) > USER_LIMIT)
		return 6;
	if (ks != KIP_SIZE_LOG2 || kb + PAGE > USER_LIMIT ||
	    overlaps(kb, PAGE, ub, 1ul << us))
		return 7;
	if (!arch_vspace_map(s, kb, kip_phys(), 12, 4))
		return 8;
	s->kip_area = kip_area;
	s->utcb_area = utcb_area;
	return 0;
}

bool space_utcb_valid(const struct space *s, uint64_t location)
{
	uint64_t base = fp_base(s->utcb_area);

	return space_configured(s) && location % L4_UTCB_SIZE == 0 &&
	       location >= base &&
	       location + L4_UTCB_SIZE <= base + (1ul << fp_size(s->utcb_area));
}

bool space_utcb_taken(const struct space *s, uint64_t addr)
{
	list_for_each(&s->threads, n)
	{
		const struct tcb *t = list_entry(n, struct tcb, space_link);

		if (t->utcb && t->utcb_addr == addr)
			return true;
	}
	return false;
}

l4_word_t *space_utcb_get(struct space *s, uint64_t addr)
{
	uint64_t page = addr & ~(PAGE - 1), pa;
	unsigned size, rights;
	void *mem;

	if (arch_vspace_lookup(s, page, &pa, &size, &rights))
		return (l4_word_t *)((char *)arch_phys_to_virt(pa) +
				     (addr - page));
	mem = kmem_alloc(&kernel_pool);
	if (!mem)
		return NULL;
	if (!arch_vspace_map(s, page, arch_virt_to_phys(mem), 12, 4 | 2)) {
		kmem_free(&kernel_pool, mem);
		return NULL;
	}
	return (l4_word_t *)((char *)mem + (addr - page));
}

void space_utcb_put(struct space *s, uint64_t addr, const struct tcb *except)
{
	uint64_t page = addr & ~(PAGE - 1), pa;
	unsigned size, rights;

	list_for_each(&s->threads, n)
	{
		const struct tcb *t = list_entry(n, struct tcb, space_link);

		if (t != except && t->utcb &&
		    (t->utcb_addr & ~(PAGE - 1)) == page)
			return;
	}
	if (!arch_vspace_lookup(s, page, &pa, &size, &rights))
		return;
	arch_vspace_unmap(s, page, 12);
	kmem_free(&kernel_pool, arch_phys_to_virt(pa & ~(PAGE - 1)));
}

void space_add_thread(struct space *s, struct tcb *t)
{
	list_append(&s->threads, &t->space_link);
	s->nthreads++;
	t->space = s;
}

void space_remove_thread(struct space *s, struct tcb *t)
{
	list_remove(&t->space_link);
	t->space = NULL;
	if (--s->nthreads)
		return;
	/* The last thread is gone: so is the space. Its user mappings go with
	 * its page tables (the mapping database unhooks them first, see
	 * map.c). */
	arch_vspace_destroy(s);
	io_release(s);
	slab_free(&space_cache, s);
}
