// SPDX-License-Identifier: BSD-2-Clause
/*
 * Slab caches; see slab.h for the picture and the invariants. The page
 * holding an object is found by rounding its address down, so kmem pages
 * must be page-aligned in the kernel's view, as the direct map keeps them.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/arch.h>
#include <kernel/panic.h>
#include <kernel/slab.h>
#include <kernel/string.h>

#define SLAB_MAP_WORDS 4 /* allocation bitmap: up to 256 objects a page */

/* The header at the start of every page of a cache. */
struct slab_page {
	/* The cache's partial or full list, by rule S. */
	struct slab_page *prev, *next;

	/* The owner; NULL once the page is back in the pool. */
	struct slab_cache *cache;

	/* Rules B and F: the free objects and the allocated ones. */
	void *free;		       /* first free object, or NULL */
	unsigned inuse;		       /* objects allocated */
	uint64_t used[SLAB_MAP_WORDS]; /* bit i set: object i allocated */
};

/* Offset of the first object: just past the header, aligned. */
#define SLAB_FIRST                                     \
	((sizeof(struct slab_page) + SLAB_ALIGN - 1) & \
	 ~(size_t)(SLAB_ALIGN - 1))

_Static_assert((KMEM_PAGE - SLAB_FIRST) / SLAB_ALIGN <= SLAB_MAP_WORDS * 64,
	       "the bitmap covers the smallest objects");
_Static_assert(SLAB_FIRST + SLAB_MAX_SIZE <= KMEM_PAGE,
	       "the largest object fits a page");

/* Object @i of @pg. */
static void *slab_obj(const struct slab_cache *c, const struct slab_page *pg,
		      unsigned i)
{
	return (char *)pg + SLAB_FIRST + (size_t)i * c->size;
}

/* The index of the object at @p in @pg, or -1 if no object starts there. */
static long slab_index(const struct slab_cache *c, const struct slab_page *pg,
		       const void *p)
{
	uintptr_t off = (uintptr_t)p - (uintptr_t)pg;

	if (off < SLAB_FIRST || off >= KMEM_PAGE ||
	    (off - SLAB_FIRST) % c->size)
		return -1;
	off = (off - SLAB_FIRST) / c->size;
	return off < c->per_page ? (long)off : -1;
}

/* Whether bit @i of @map is set. */
static bool slab_bit(const uint64_t *map, unsigned i)
{
	return map[i / 64] >> (i % 64) & 1;
}

/* Flip bit @i of @map. */
static void slab_bit_flip(uint64_t *map, unsigned i)
{
	map[i / 64] ^= 1ull << (i % 64);
}

/* Whether @pg is a page-aligned page of @c's pool. */
static bool slab_in_pool(const struct slab_cache *c, const void *pg)
{
	uint64_t pa = arch_virt_to_phys(pg);

	return pa >= c->pool->start && pa < c->pool->end && !(pa % KMEM_PAGE);
}

/* Put @pg at the front of the list at @head. */
static void slab_push(struct slab_page **head, struct slab_page *pg)
{
	pg->prev = NULL;
	pg->next = *head;
	if (pg->next)
		pg->next->prev = pg;
	*head = pg;
}

/* Take @pg off the list at @head, which holds it. */
static void slab_unlink(struct slab_page **head, struct slab_page *pg)
{
	if (pg->prev)
		pg->prev->next = pg->next;
	else
		*head = pg->next;
	if (pg->next)
		pg->next->prev = pg->prev;
	pg->prev = pg->next = NULL;
}

void slab_init(struct slab_cache *c, const char *name, size_t size,
	       struct kmem_pool *pool)
{
	assert(size >= 1 && size <= SLAB_MAX_SIZE);
	size = (size + SLAB_ALIGN - 1) & ~(size_t)(SLAB_ALIGN - 1);
	*c = (struct slab_cache){ .name = name,
				  .pool = pool,
				  .size = size,
				  .per_page = (KMEM_PAGE - SLAB_FIRST) / size };
}

/* A new page of @c on its partial list, all objects free; NULL if the
 * pool is empty (nothing changed then). */
static struct slab_page *slab_grow(struct slab_cache *c)
{
	struct slab_page *pg = kmem_alloc(c->pool); /* zeroed */

	if (!pg)
		return NULL;
	pg->cache = c;
	for (unsigned i = c->per_page; i-- > 0;) {
		void **obj = slab_obj(c, pg, i);

		*obj = pg->free;
		pg->free = obj;
	}
	slab_push(&c->partial, pg);
	c->npages++;
	return pg;
}

void *slab_alloc(struct slab_cache *c)
{
	struct slab_page *pg = c->partial ? c->partial : slab_grow(c);
	void **obj;
	long i;

	if (!pg)
		return NULL;
	obj = pg->free;
	i = slab_index(c, pg, obj);
	/* A free list overwritten by a stray store ends here, not later. */
	assert(i >= 0 && !slab_bit(pg->used, (unsigned)i));
	pg->free = *obj;
	slab_bit_flip(pg->used, (unsigned)i);
	pg->inuse++;
	c->inuse++;
	if (pg->inuse == c->per_page) {
		slab_unlink(&c->partial, pg);
		slab_push(&c->full, pg);
	}
	memset(obj, 0, c->size);
	return obj;
}

/* The page of @c that holds @obj; panics if there is none. */
static struct slab_page *slab_page_of(struct slab_cache *c, const void *obj)
{
	uintptr_t va = (uintptr_t)obj & ~(uintptr_t)(KMEM_PAGE - 1);
	struct slab_page *pg = (struct slab_page *)va;

	if (!slab_in_pool(c, pg) || pg->cache != c)
		panic("slab %s: freeing %p, not in this cache", c->name, obj);
	return pg;
}

void slab_free(struct slab_cache *c, void *obj)
{
	struct slab_page *pg = slab_page_of(c, obj);
	long i = slab_index(c, pg, obj);

	if (i < 0)
		panic("slab %s: freeing %p, not an object", c->name, obj);
	if (!slab_bit(pg->used, (unsigned)i))
		panic("slab %s: freeing %p, already free", c->name, obj);
	if (pg->inuse == c->per_page) {
		slab_unlink(&c->full, pg);
		slab_push(&c->partial, pg);
	}
	slab_bit_flip(pg->used, (unsigned)i);
	*(void **)obj = pg->free;
	pg->free = obj;
	pg->inuse--;
	c->inuse--;
	if (pg->inuse == 0) {
		slab_unlink(&c->partial, pg);
		pg->cache = NULL; /* a stale pointer into it is now foreign */
		c->npages--;
		kmem_free(c->pool, pg);
	}
}

/* The number of bits set in @x. */
static unsigned slab_popcount(uint64_t x)
{
	unsigned n = 0;

	for (; x; x &= x - 1)
		n++;
	return n;
}

/* Assert rules H, S, B and F for @pg, on the full list if @full. */
static void slab_check_page(const struct slab_cache *c,
			    const struct slab_page *pg, bool full)
{
	uint64_t seen[SLAB_MAP_WORDS] = { 0 };
	unsigned bits = 0, nfree = 0;

	assert(slab_in_pool(c, pg) && pg->cache == c); /* H */
	if (full)
		assert(pg->inuse == c->per_page); /* S */
	else
		assert(pg->inuse > 0 && pg->inuse < c->per_page); /* S */
	for (unsigned w = 0; w < SLAB_MAP_WORDS; w++)
		bits += slab_popcount(pg->used[w]);
	assert(bits == pg->inuse); /* B */
	for (unsigned i = c->per_page; i < SLAB_MAP_WORDS * 64; i++)
		assert(!slab_bit(pg->used, i)); /* B */
	for (void *const *obj = pg->free; obj; obj = *obj) {
		long i = slab_index(c, pg, obj);

		assert(i >= 0);				  /* F: own page */
		assert(!slab_bit(pg->used, (unsigned)i)); /* F: free */
		assert(!slab_bit(seen, (unsigned)i));	  /* F: once */
		slab_bit_flip(seen, (unsigned)i);
		nfree++;
	}
	assert(nfree == c->per_page - pg->inuse); /* F */
}

/* Assert rule L for the list at @head and check its pages; add their
 * objects in use to *@inuse and return their number. */
static size_t slab_check_list(const struct slab_cache *c,
			      const struct slab_page *head, bool full,
			      size_t *inuse)
{
	const struct slab_page *prev = NULL;
	size_t n = 0;

	for (const struct slab_page *pg = head; pg; pg = pg->next) {
		assert(++n <= c->npages); /* T; also ends a cycle */
		slab_check_page(c, pg, full);
		assert(pg->prev == prev); /* L */
		*inuse += pg->inuse;
		prev = pg;
	}
	return n;
}

void slab_check(const struct slab_cache *c)
{
	size_t inuse = 0, pages;

	assert(c->size >= SLAB_ALIGN && c->size <= SLAB_MAX_SIZE &&
	       !(c->size % SLAB_ALIGN));
	assert(c->per_page == (KMEM_PAGE - SLAB_FIRST) / c->size);
	pages = slab_check_list(c, c->partial, false, &inuse);
	pages += slab_check_list(c, c->full, true, &inuse);
	assert(pages == c->npages); /* T */
	assert(inuse == c->inuse);  /* T */
}
