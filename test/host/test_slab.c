// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the slab caches (kernel/slab.c) over a kmem pool backed by
 * page-aligned host memory (physical addresses are host addresses). Also
 * a seeded random run of several caches sharing a small pool, against a
 * reference set of live objects, with slab_check and kmem_check after
 * every step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/slab.h>

#include "check.h"

static struct kmem_pool pool;
static uint8_t *mem;   /* backing memory of the pool */
static size_t mem_len; /* its size in bytes */

/* The host address of @p as a number. */
static uint64_t addr(const void *p)
{
	return (uint64_t)(uintptr_t)p;
}

/* Back a pool of @n pages with fresh memory full of garbage. */
static void pool_make(size_t n)
{
	mem_len = n * KMEM_PAGE;
	mem = aligned_alloc(KMEM_PAGE, mem_len);
	memset(mem, 0xa5, mem_len);
	kmem_init(&pool, addr(mem), addr(mem) + mem_len);
}

/* Release the memory of the pool made by pool_make(). */
static void pool_drop(void)
{
	free(mem);
	mem = NULL;
}

/* True if the @n bytes at @p hold only the byte @c. */
static bool bytes_are(const void *p, size_t n, uint8_t c)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		if (b[i] != c)
			return false;
	return true;
}

/* True if @p is 16-byte aligned and its @n bytes lie in the pool. */
static bool in_pool(const void *p, size_t n)
{
	return p && addr(p) % SLAB_ALIGN == 0 && addr(p) >= pool.start &&
	       addr(p) + n <= pool.end;
}

static void slab_init_makes_an_empty_cache_of_rounded_size(void)
{
	struct slab_cache c;

	pool_make(4);
	slab_init(&c, "test", 24, &pool);
	CHECK(c.size == 32);
	CHECK(c.per_page > 0 && c.per_page * c.size <= KMEM_PAGE);
	CHECK(c.inuse == 0 && c.npages == 0);
	CHECK(c.partial == NULL && c.full == NULL);
	slab_check(&c);
	CHECK(pool.nfree == 4); /* no page taken yet */
	pool_drop();
}

static void slab_init_panics_on_size_zero_or_too_large(void)
{
	static struct slab_cache c;

	pool_make(1);
	EXPECT_PANIC(slab_init(&c, "zero", 0, &pool));
	EXPECT_PANIC(slab_init(&c, "huge", SLAB_MAX_SIZE + 1, &pool));
	pool_drop();
}

static void slab_alloc_returns_a_zeroed_aligned_object_in_the_pool(void)
{
	struct slab_cache c;
	uint8_t *p, *q;

	pool_make(4);
	slab_init(&c, "test", 100, &pool);
	p = slab_alloc(&c);
	CHECK(in_pool(p, c.size));
	CHECK(bytes_are(p, c.size, 0));
	CHECK(c.inuse == 1 && c.npages == 1 && pool.nfree == 3);
	slab_check(&c);
	/* A dirty object comes back zeroed. */
	q = slab_alloc(&c);
	memset(p, 0xff, c.size);
	slab_free(&c, p);
	p = slab_alloc(&c);
	CHECK(bytes_are(p, c.size, 0));
	slab_free(&c, p);
	slab_free(&c, q);
	slab_check(&c);
	pool_drop();
}

static void slab_alloc_fills_a_page_with_distinct_objects(void)
{
	struct slab_cache c;
	uint8_t *obj[256];
	uint8_t *page;

	pool_make(4);
	slab_init(&c, "small", 16, &pool);
	CHECK(c.per_page > 200 && c.per_page <= 256);
	for (unsigned i = 0; i < c.per_page; i++) {
		obj[i] = slab_alloc(&c);
		CHECK(in_pool(obj[i], c.size));
		memset(obj[i], (int)(i + 1), c.size);
		slab_check(&c);
	}
	page = (uint8_t *)(addr(obj[0]) & ~(uint64_t)(KMEM_PAGE - 1));
	for (unsigned i = 0; i < c.per_page; i++) {
		/* One page, no overlap, no write disturbed another. */
		CHECK(obj[i] >= page && obj[i] + c.size <= page + KMEM_PAGE);
		CHECK(bytes_are(obj[i], c.size, (uint8_t)(i + 1)));
	}
	CHECK(c.npages == 1 && c.full != NULL && c.partial == NULL);
	/* The next object needs a second page. */
	CHECK(slab_alloc(&c) != NULL);
	CHECK(c.npages == 2 && pool.nfree == 2);
	slab_check(&c);
	pool_drop();
}

static void slab_alloc_of_the_largest_size_gets_one_object_a_page(void)
{
	struct slab_cache c;
	void *p, *q;

	pool_make(2);
	slab_init(&c, "large", SLAB_MAX_SIZE, &pool);
	CHECK(c.per_page == 1);
	p = slab_alloc(&c);
	q = slab_alloc(&c);
	CHECK(in_pool(p, SLAB_MAX_SIZE) && in_pool(q, SLAB_MAX_SIZE));
	CHECK(c.npages == 2 && c.full != NULL && c.partial == NULL);
	memset(p, 1, SLAB_MAX_SIZE);
	memset(q, 2, SLAB_MAX_SIZE);
	CHECK(bytes_are(p, SLAB_MAX_SIZE, 1));
	slab_check(&c);
	CHECK(slab_alloc(&c) == NULL);
	pool_drop();
}

static void slab_alloc_returns_null_when_the_pool_is_exhausted(void)
{
	struct slab_cache c;
	void *last = NULL;
	unsigned n = 0;

	pool_make(2);
	slab_init(&c, "test", 512, &pool);
	for (void *p; (p = slab_alloc(&c)) != NULL; n++)
		last = p;
	CHECK(n == 2 * c.per_page);
	CHECK(pool.nfree == 0);
	/* A refused allocation changed nothing. */
	CHECK(slab_alloc(&c) == NULL);
	CHECK(c.inuse == n && c.npages == 2);
	slab_check(&c);
	kmem_check(&pool);
	/* Freeing one object makes room again. */
	slab_free(&c, last);
	CHECK(slab_alloc(&c) == last);
	CHECK(slab_alloc(&c) == NULL);
	slab_check(&c);
	pool_drop();
}

static void slab_free_returns_an_empty_page_to_the_pool(void)
{
	struct slab_cache c;
	void *p, *q;

	pool_make(4);
	slab_init(&c, "test", 64, &pool);
	p = slab_alloc(&c);
	q = slab_alloc(&c);
	CHECK(pool.nfree == 3);
	slab_free(&c, p);
	CHECK(pool.nfree == 3 && c.npages == 1);
	slab_free(&c, q);
	CHECK(pool.nfree == 4 && c.npages == 0 && c.inuse == 0);
	CHECK(c.partial == NULL && c.full == NULL);
	slab_check(&c);
	kmem_check(&pool);
	pool_drop();
}

static void slab_free_makes_a_full_page_partial_again(void)
{
	struct slab_cache c;
	void *obj[8];

	pool_make(4);
	slab_init(&c, "test", 1024, &pool);
	CHECK(c.per_page == 3);
	for (int i = 0; i < 3; i++)
		obj[i] = slab_alloc(&c);
	CHECK(c.full != NULL && c.partial == NULL);
	slab_free(&c, obj[1]);
	CHECK(c.full == NULL && c.partial != NULL);
	slab_check(&c);
	/* The free slot is used before a new page is taken. */
	CHECK(slab_alloc(&c) == obj[1]);
	CHECK(c.npages == 1);
	slab_check(&c);
	pool_drop();
}

static void caches_of_different_sizes_share_one_pool(void)
{
	struct slab_cache a, b;
	void *p, *q;

	pool_make(2);
	slab_init(&a, "a", 32, &pool);
	slab_init(&b, "b", 2000, &pool);
	p = slab_alloc(&a);
	q = slab_alloc(&b);
	CHECK(p && q && pool.nfree == 0);
	/* b's page is full after 2 objects; a third cannot be had. */
	CHECK(slab_alloc(&b) != NULL);
	CHECK(slab_alloc(&b) == NULL);
	/* Freeing a's only object gives its page to b. */
	slab_free(&a, p);
	CHECK(pool.nfree == 1);
	CHECK(slab_alloc(&b) != NULL);
	slab_check(&a);
	slab_check(&b);
	kmem_check(&pool);
	pool_drop();
}

static void slab_free_of_an_object_twice_panics(void)
{
	static struct slab_cache c;
	static void *p, *q, *r;

	pool_make(2);
	slab_init(&c, "test", 48, &pool);
	p = slab_alloc(&c);
	q = slab_alloc(&c);
	r = slab_alloc(&c);
	slab_free(&c, q);
	EXPECT_PANIC(slab_free(&c, q));
	/* The refused free changed nothing. */
	CHECK(c.inuse == 2);
	slab_check(&c);
	/* The last object of a page: the page went back to the pool. */
	slab_free(&c, p);
	slab_free(&c, r);
	EXPECT_PANIC(slab_free(&c, r));
	CHECK(c.inuse == 0 && pool.nfree == 2);
	slab_check(&c);
	kmem_check(&pool);
	pool_drop();
}

static void slab_free_of_a_foreign_pointer_panics(void)
{
	static struct slab_cache c, other;
	static uint8_t *p, *heap, *page;

	heap = aligned_alloc(KMEM_PAGE, KMEM_PAGE);
	memset(heap, 0, KMEM_PAGE);
	pool_make(4);
	slab_init(&c, "test", 64, &pool);
	slab_init(&other, "other", 64, &pool);
	p = slab_alloc(&c);
	CHECK(slab_alloc(&other) != NULL);
	page = kmem_alloc(&pool); /* a pool page that is no slab */
	/* Outside the pool; a pool page that is no slab; a free page. */
	EXPECT_PANIC(slab_free(&c, heap + 128));
	EXPECT_PANIC(slab_free(&c, page + 128));
	EXPECT_PANIC(slab_free(&c, mem + 3 * KMEM_PAGE));
	/* Inside an object; in the page header; past the last object (p
	 * is object 0 of a fresh page). */
	EXPECT_PANIC(slab_free(&c, p + 8));
	EXPECT_PANIC(slab_free(&c, p - addr(p) % KMEM_PAGE));
	EXPECT_PANIC(slab_free(&c, p + c.per_page * c.size));
	/* Another cache's object. */
	EXPECT_PANIC(slab_free(&other, p));
	CHECK(c.inuse == 1 && other.inuse == 1);
	slab_check(&c);
	slab_check(&other);
	slab_free(&c, p);
	slab_check(&c);
	pool_drop();
	free(heap);
}

static void slab_check_panics_on_a_corrupted_free_list(void)
{
	static struct slab_cache c;
	static void **p, *q, *link;
	static uint8_t *heap;

	heap = malloc(64);
	pool_make(2);
	slab_init(&c, "test", 64, &pool);
	p = slab_alloc(&c);
	q = slab_alloc(&c);
	slab_free(&c, p); /* p heads the free list; *p is its link */
	link = *p;
	slab_check(&c);
	*p = heap; /* outside the page */
	EXPECT_PANIC(slab_check(&c));
	*p = (uint8_t *)link + 8; /* not at an object */
	EXPECT_PANIC(slab_check(&c));
	*p = p; /* a cycle */
	EXPECT_PANIC(slab_check(&c));
	*p = q; /* an allocated object */
	EXPECT_PANIC(slab_check(&c));
	*p = NULL; /* a list too short */
	EXPECT_PANIC(slab_check(&c));
	*p = link;
	slab_check(&c);
	pool_drop();
	free(heap);
}

static void slab_alloc_panics_on_a_corrupted_free_list(void)
{
	static struct slab_cache c;
	static void **p, *q;

	pool_make(2);
	slab_init(&c, "test", 64, &pool);
	p = slab_alloc(&c);
	q = slab_alloc(&c);
	slab_free(&c, p);
	*p = q; /* a use after free: the link now names q */
	CHECK(slab_alloc(&c) == p);
	EXPECT_PANIC(slab_alloc(&c));
	pool_drop();
}

static void slab_check_panics_on_wrong_totals(void)
{
	static struct slab_cache c;

	pool_make(2);
	slab_init(&c, "test", 64, &pool);
	CHECK(slab_alloc(&c) != NULL);
	c.inuse++;
	EXPECT_PANIC(slab_check(&c));
	c.inuse--;
	c.npages++;
	EXPECT_PANIC(slab_check(&c));
	c.npages--;
	slab_check(&c);
	pool_drop();
}

/* The random run: a fixed-seed xorshift64 generator. */
static uint64_t rng = 0x853c49e6748fea9bull;

/* A random number in [0, n). */
static unsigned rnd_below(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define RND_PAGES 12
#define RND_STEPS 60000
#define RND_CACHES 5
#define RND_LIVE (RND_PAGES * KMEM_PAGE / SLAB_ALIGN)

/* A live object of the reference model and the pattern it holds. */
struct live {
	uint8_t *p;
	unsigned cache;
	uint8_t seed;
};

static struct live live[RND_LIVE];
static unsigned nlive;
static uint8_t owned[RND_PAGES * KMEM_PAGE]; /* byte of the pool in use */

/* Fill or verify the pattern of @l in its @size bytes. */
static bool pattern(const struct live *l, size_t size, bool fill)
{
	for (size_t i = 0; i < size; i++) {
		uint8_t v = (uint8_t)(l->seed + i * 7);

		if (fill)
			l->p[i] = v;
		else if (l->p[i] != v)
			return false;
	}
	return true;
}

/* Mark the @size bytes at @p owned (@own) or free; whether each was in the
 * opposite state before. */
static bool own(const uint8_t *p, size_t size, bool own)
{
	size_t at = (size_t)(p - mem);
	bool ok = true;

	for (size_t i = 0; i < size; i++) {
		ok &= owned[at + i] == !own;
		owned[at + i] = own;
	}
	return ok;
}

/* Check every cache and the pool, and the model's totals against them. */
static bool all_consistent(struct slab_cache *c)
{
	size_t inuse[RND_CACHES] = { 0 }, pages = 0;
	bool ok = true;

	for (unsigned i = 0; i < nlive; i++)
		inuse[live[i].cache]++;
	for (unsigned k = 0; k < RND_CACHES; k++) {
		slab_check(&c[k]);
		ok &= CHECK(c[k].inuse == inuse[k]);
		pages += c[k].npages;
	}
	kmem_check(&pool);
	return ok && CHECK(pages == pool.npages - pool.nfree);
}

static void slab_stays_consistent_over_random_allocs_and_frees(void)
{
	static const size_t sizes[RND_CACHES] = { 16, 40, 200, 1000, 2048 };
	struct slab_cache c[RND_CACHES];
	unsigned refused = 0, returned = 0;
	clock_t t0 = clock();

	pool_make(RND_PAGES);
	memset(owned, 0, sizeof(owned));
	nlive = 0;
	for (unsigned k = 0; k < RND_CACHES; k++)
		slab_init(&c[k], "random", sizes[k], &pool);
	for (unsigned step = 0; step < RND_STEPS; step++) {
		/* Alternate phases that fill and drain the pool. */
		bool fill = (step / 2000) % 2 == 0;

		if (nlive && rnd_below(4) < (fill ? 1u : 3u)) {
			unsigned i = rnd_below(nlive);
			struct live *l = &live[i];
			size_t size = c[l->cache].size, before = pool.nfree;

			CHECK(pattern(l, size, false));
			CHECK(own(l->p, size, false));
			slab_free(&c[l->cache], l->p);
			returned += pool.nfree != before;
			*l = live[--nlive];
		} else {
			unsigned k = rnd_below(RND_CACHES);
			struct live *l = &live[nlive];

			l->p = slab_alloc(&c[k]);
			if (!l->p) {
				CHECK(pool.nfree == 0 && !c[k].partial);
				refused++;
				continue;
			}
			l->cache = k;
			l->seed = (uint8_t)rnd_below(256);
			CHECK(in_pool(l->p, c[k].size));
			CHECK(bytes_are(l->p, c[k].size, 0));
			CHECK(own(l->p, c[k].size, true)); /* no overlap */
			pattern(l, c[k].size, true);
			nlive++;
		}
		if (!all_consistent(c)) {
			printf("  diverged at step %u\n", step);
			break;
		}
	}
	while (nlive > 0) {
		struct live *l = &live[--nlive];

		CHECK(pattern(l, c[l->cache].size, false));
		slab_free(&c[l->cache], l->p);
	}
	CHECK(all_consistent(c));
	CHECK(pool.nfree == RND_PAGES);
	printf("  %u steps, %u refused for want of a page, %u pages returned, "
	       "%.2f s\n",
	       RND_STEPS, refused, returned,
	       (double)(clock() - t0) / CLOCKS_PER_SEC);
	CHECK(refused > 100 && returned > 100);
	pool_drop();
}

int main(void)
{
	RUN(slab_init_makes_an_empty_cache_of_rounded_size);
	RUN(slab_init_panics_on_size_zero_or_too_large);
	RUN(slab_alloc_returns_a_zeroed_aligned_object_in_the_pool);
	RUN(slab_alloc_fills_a_page_with_distinct_objects);
	RUN(slab_alloc_of_the_largest_size_gets_one_object_a_page);
	RUN(slab_alloc_returns_null_when_the_pool_is_exhausted);
	RUN(slab_free_returns_an_empty_page_to_the_pool);
	RUN(slab_free_makes_a_full_page_partial_again);
	RUN(caches_of_different_sizes_share_one_pool);
	RUN(slab_free_of_an_object_twice_panics);
	RUN(slab_free_of_a_foreign_pointer_panics);
	RUN(slab_check_panics_on_a_corrupted_free_list);
	RUN(slab_alloc_panics_on_a_corrupted_free_list);
	RUN(slab_check_panics_on_wrong_totals);
	RUN(slab_stays_consistent_over_random_allocs_and_frees);
	return check_done();
}
