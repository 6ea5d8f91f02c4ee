// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the kernel page pool (kernel/kmem.c). The pool is backed
 * by page-aligned host memory; on the host, physical addresses are host
 * addresses (fake_arch.c). Also a random run of allocations and frees,
 * with kmem_check() after every step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/kmem.h>

#include "check.h"

#define NPAGES 16

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
	mem_len = (n ? n : 1) * KMEM_PAGE;
	mem = aligned_alloc(KMEM_PAGE, mem_len);
	memset(mem, 0xa5, mem_len);
	kmem_init(&pool, addr(mem), addr(mem) + n * KMEM_PAGE);
}

/* Release the memory of the pool made by pool_make(). */
static void pool_drop(void)
{
	free(mem);
	mem = NULL;
}

/* True if @p is a page of the pool. */
static bool in_pool(const void *p)
{
	return p && addr(p) >= pool.start && addr(p) < pool.end &&
	       addr(p) % KMEM_PAGE == 0;
}

/* True if the page at @p holds only the byte @c. */
static bool page_is(const void *p, uint8_t c)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < KMEM_PAGE; i++)
		if (b[i] != c)
			return false;
	return true;
}

static void kmem_init_puts_every_page_on_the_free_list(void)
{
	pool_make(NPAGES);
	CHECK(pool.npages == NPAGES);
	CHECK(pool.nfree == NPAGES);
	CHECK(pool.start == addr(mem));
	CHECK(pool.end == addr(mem) + NPAGES * KMEM_PAGE);
	kmem_check(&pool);
	pool_drop();
}

static void kmem_alloc_returns_distinct_zeroed_aligned_pages_in_the_pool(void)
{
	void *pages[NPAGES];

	pool_make(NPAGES);
	for (int i = 0; i < NPAGES; i++) {
		pages[i] = kmem_alloc(&pool);
		CHECK(in_pool(pages[i]));
		CHECK(page_is(pages[i], 0));
		memset(pages[i], i + 1, KMEM_PAGE);
		for (int j = 0; j < i; j++)
			CHECK(pages[j] != pages[i]);
		CHECK(pool.nfree == (size_t)(NPAGES - i - 1));
		kmem_check(&pool);
	}
	/* Writing one page disturbed no other. */
	for (int i = 0; i < NPAGES; i++)
		CHECK(page_is(pages[i], (uint8_t)(i + 1)));
	pool_drop();
}

static void kmem_alloc_starts_at_the_bottom_of_the_pool(void)
{
	pool_make(NPAGES);
	CHECK(kmem_alloc(&pool) == mem);
	CHECK(kmem_alloc(&pool) == mem + KMEM_PAGE);
	pool_drop();
}

static void kmem_alloc_returns_null_when_the_pool_is_exhausted(void)
{
	pool_make(NPAGES);
	for (int i = 0; i < NPAGES; i++)
		CHECK(kmem_alloc(&pool) != NULL);
	CHECK(kmem_alloc(&pool) == NULL);
	CHECK(kmem_alloc(&pool) == NULL);
	CHECK(pool.nfree == 0);
	kmem_check(&pool);
	pool_drop();
}

static void kmem_alloc_after_free_returns_the_page_zeroed(void)
{
	void *p = NULL, *q;

	pool_make(NPAGES);
	for (int i = 0; i < NPAGES; i++)
		p = kmem_alloc(&pool);
	memset(p, 0x5a, KMEM_PAGE);
	kmem_free(&pool, p);
	CHECK(pool.nfree == 1);
	kmem_check(&pool);
	q = kmem_alloc(&pool);
	CHECK(q == p);
	CHECK(page_is(q, 0));
	CHECK(kmem_alloc(&pool) == NULL);
	kmem_check(&pool);
	pool_drop();
}

static void kmem_pool_of_no_pages_is_empty(void)
{
	pool_make(0);
	CHECK(pool.npages == 0 && pool.nfree == 0);
	kmem_check(&pool);
	CHECK(kmem_alloc(&pool) == NULL);
	pool_drop();
}

static void kmem_init_panics_on_an_unaligned_or_inverted_range(void)
{
	static struct kmem_pool p;

	EXPECT_PANIC(kmem_init(&p, 0x1000, 0x2800));
	EXPECT_PANIC(kmem_init(&p, 0x1800, 0x3000));
	EXPECT_PANIC(kmem_init(&p, 0x3000, 0x1000));
}

static void kmem_check_panics_on_a_cycle_in_the_free_list(void)
{
	pool_make(4);
	/* The last free page points back to the first. */
	*(void **)(mem + 3 * KMEM_PAGE) = mem;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_check_panics_on_a_page_outside_the_pool(void)
{
	uint8_t *other = aligned_alloc(KMEM_PAGE, KMEM_PAGE);

	pool_make(4);
	*(void **)(mem + 2 * KMEM_PAGE) = other;
	EXPECT_PANIC(kmem_check(&pool));
	/* Just past the end is outside too. */
	*(void **)(mem + 2 * KMEM_PAGE) = mem + 4 * KMEM_PAGE;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
	free(other);
}

static void kmem_check_panics_on_a_misaligned_page(void)
{
	pool_make(4);
	*(void **)(mem + KMEM_PAGE) = mem + 2 * KMEM_PAGE + 8;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_check_panics_when_the_list_is_longer_than_nfree(void)
{
	pool_make(4);
	pool.nfree = 3;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_check_panics_when_the_list_is_shorter_than_nfree(void)
{
	pool_make(4);
	CHECK(kmem_alloc(&pool) != NULL);
	pool.nfree = 4;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_check_panics_when_nfree_exceeds_npages(void)
{
	pool_make(4);
	pool.nfree = 5;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_check_panics_when_npages_disagrees_with_the_range(void)
{
	pool_make(4);
	pool.npages = 5;
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

static void kmem_free_of_a_foreign_pointer_panics(void)
{
	static uint8_t *other;

	other = aligned_alloc(KMEM_PAGE, KMEM_PAGE);
	pool_make(4);
	CHECK(kmem_alloc(&pool) != NULL);
	EXPECT_PANIC(kmem_free(&pool, other));
	EXPECT_PANIC(kmem_free(&pool, mem + 4 * KMEM_PAGE));
	EXPECT_PANIC(kmem_free(&pool, mem - KMEM_PAGE));
	EXPECT_PANIC(kmem_free(&pool, mem + 16));
	/* Nothing was freed. */
	CHECK(pool.nfree == 3);
	kmem_check(&pool);
	pool_drop();
	free(other);
}

static void kmem_free_into_a_full_pool_panics(void)
{
	pool_make(4);
	EXPECT_PANIC(kmem_free(&pool, mem));
	CHECK(pool.nfree == 4);
	kmem_check(&pool);
	pool_drop();
}

static void kmem_check_panics_after_a_page_is_freed_twice(void)
{
	void *p;

	pool_make(4);
	p = kmem_alloc(&pool);
	CHECK(kmem_alloc(&pool) != NULL);
	kmem_free(&pool, p);
	kmem_free(&pool, p); /* the page now points to itself */
	EXPECT_PANIC(kmem_check(&pool));
	pool_drop();
}

/* The random run: a fixed-seed xorshift64 generator. */
static uint64_t rng = 0x9e3779b97f4a7c15ull;

/* A random number in [0, n). */
static unsigned rnd_below(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define RND_PAGES 64
#define RND_STEPS 20000

static void kmem_stays_consistent_over_random_allocs_and_frees(void)
{
	uint8_t *held[RND_PAGES];
	bool taken[RND_PAGES] = { false };
	unsigned nheld = 0, empty = 0;

	pool_make(RND_PAGES);
	for (unsigned step = 0; step < RND_STEPS; step++) {
		/* Alternate phases that fill and drain the pool. */
		bool fill = (step / 500) % 2 == 0;
		unsigned i;

		if (nheld && rnd_below(4) < (fill ? 1u : 3u)) {
			unsigned k = rnd_below(nheld);
			uint8_t *p = held[k];

			i = (unsigned)((p - mem) / KMEM_PAGE);
			CHECK(page_is(p, (uint8_t)(i + 1)));
			taken[i] = false;
			held[k] = held[--nheld];
			kmem_free(&pool, p);
		} else {
			uint8_t *p = kmem_alloc(&pool);

			if (!p) {
				CHECK(nheld == RND_PAGES);
				empty++;
				continue;
			}
			i = (unsigned)((p - mem) / KMEM_PAGE);
			CHECK(in_pool(p) && !taken[i] && page_is(p, 0));
			taken[i] = true;
			memset(p, (int)i + 1, KMEM_PAGE);
			held[nheld++] = p;
		}
		kmem_check(&pool);
		if (!CHECK(pool.nfree == RND_PAGES - nheld)) {
			printf("  diverged at step %u\n", step);
			break;
		}
	}
	CHECK(empty > 0);
	pool_drop();
}

int main(void)
{
	RUN(kmem_init_puts_every_page_on_the_free_list);
	RUN(kmem_alloc_returns_distinct_zeroed_aligned_pages_in_the_pool);
	RUN(kmem_alloc_starts_at_the_bottom_of_the_pool);
	RUN(kmem_alloc_returns_null_when_the_pool_is_exhausted);
	RUN(kmem_alloc_after_free_returns_the_page_zeroed);
	RUN(kmem_pool_of_no_pages_is_empty);
	RUN(kmem_init_panics_on_an_unaligned_or_inverted_range);
	RUN(kmem_check_panics_on_a_cycle_in_the_free_list);
	RUN(kmem_check_panics_on_a_page_outside_the_pool);
	RUN(kmem_check_panics_on_a_misaligned_page);
	RUN(kmem_check_panics_when_the_list_is_longer_than_nfree);
	RUN(kmem_check_panics_when_the_list_is_shorter_than_nfree);
	RUN(kmem_check_panics_when_nfree_exceeds_npages);
	RUN(kmem_check_panics_when_npages_disagrees_with_the_range);
	RUN(kmem_free_of_a_foreign_pointer_panics);
	RUN(kmem_free_into_a_full_pool_panics);
	RUN(kmem_check_panics_after_a_page_is_freed_twice);
	RUN(kmem_stays_consistent_over_random_allocs_and_frees);
	return check_done();
}
