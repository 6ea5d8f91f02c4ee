// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the physical memory map (kernel/memmap.c): setting,
 * splitting and coalescing ranges, the capacity limit, allocation, the
 * invariant checker, and a long random run against a naive model that
 * keeps one type per page.
 */
#include <stdio.h>
#include <string.h>

#include <kernel/memmap.h>

#include "check.h"

#define F MEMMAP_FREE
#define R MEMMAP_RESERVED
#define K MEMMAP_KERNEL

static struct memmap map;

/* Empty the map under test. */
static void map_reset(void)
{
	memset(&map, 0, sizeof(map));
}

/* True if the map holds exactly the @n ranges @want, and is valid. */
static bool map_is(const struct memmap_range *want, unsigned n)
{
	memmap_check(&map);
	if (map.n != n)
		return false;
	for (unsigned i = 0; i < n; i++)
		if (map.r[i].start != want[i].start ||
		    map.r[i].end != want[i].end ||
		    map.r[i].type != want[i].type)
			return false;
	return true;
}

#define RANGES(...) ((const struct memmap_range[]){ __VA_ARGS__ })
#define MAP_IS(...)                 \
	map_is(RANGES(__VA_ARGS__), \
	       sizeof(RANGES(__VA_ARGS__)) / sizeof(struct memmap_range))

/* Fill the map to capacity with one-page FREE ranges, a page apart. */
static void map_fill(void)
{
	map_reset();
	for (uint64_t i = 0; i < MEMMAP_MAX; i++)
		CHECK(memmap_set(&map, i * 0x2000, i * 0x2000 + 0x1000, F));
	CHECK(map.n == MEMMAP_MAX);
}

static void memmap_set_into_an_empty_map_adds_one_range(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x5000, F));
	CHECK(MAP_IS({ 0x1000, 0x5000, F }));
}

static void memmap_set_keeps_disjoint_ranges_sorted(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x8000, 0x9000, F));
	CHECK(memmap_set(&map, 0x1000, 0x2000, R));
	CHECK(memmap_set(&map, 0x4000, 0x5000, K));
	CHECK(MAP_IS({ 0x1000, 0x2000, R }, { 0x4000, 0x5000, K },
		     { 0x8000, 0x9000, F }));
}

static void memmap_set_overrides_an_overlapping_range(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x4000, F));
	CHECK(memmap_set(&map, 0x2000, 0x6000, R));
	CHECK(MAP_IS({ 0x0000, 0x2000, F }, { 0x2000, 0x6000, R }));
	CHECK(memmap_set(&map, 0x1000, 0x3000, K));
	CHECK(MAP_IS({ 0x0000, 0x1000, F }, { 0x1000, 0x3000, K },
		     { 0x3000, 0x6000, R }));
}

static void memmap_set_splits_a_range_in_the_middle(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x9000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, K));
	CHECK(MAP_IS({ 0x0000, 0x3000, F }, { 0x3000, 0x4000, K },
		     { 0x4000, 0x9000, F }));
}

static void memmap_set_replaces_every_range_it_covers(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, R));
	CHECK(memmap_set(&map, 0x5000, 0x6000, F));
	CHECK(memmap_set(&map, 0x0000, 0x8000, K));
	CHECK(MAP_IS({ 0x0000, 0x8000, K }));
}

static void memmap_set_coalesces_adjacent_ranges_of_equal_type(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x1000, F));
	CHECK(memmap_set(&map, 0x2000, 0x3000, F));
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(MAP_IS({ 0x0000, 0x3000, F }));
	/* Giving the middle of a range back its own type changes nothing. */
	CHECK(memmap_set(&map, 0x1000, 0x2000, K));
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(MAP_IS({ 0x0000, 0x3000, F }));
}

static void memmap_set_does_not_coalesce_adjacent_ranges_of_other_types(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x1000, F));
	CHECK(memmap_set(&map, 0x1000, 0x2000, R));
	CHECK(MAP_IS({ 0x0000, 0x1000, F }, { 0x1000, 0x2000, R }));
}

static void memmap_set_does_not_coalesce_across_a_gap(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x1000, F));
	CHECK(memmap_set(&map, 0x1001, 0x2000, F));
	CHECK(MAP_IS({ 0x0000, 0x1000, F }, { 0x1001, 0x2000, F }));
}

static void memmap_set_of_an_empty_range_is_a_no_op(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x5000, 0x5000, F));
	CHECK(map.n == 0);
	CHECK(memmap_set(&map, 0x0000, 0x4000, F));
	CHECK(memmap_set(&map, 0x2000, 0x2000, K));
	CHECK(memmap_set(&map, 0x3000, 0x1000, K));
	CHECK(MAP_IS({ 0x0000, 0x4000, F }));
}

static void memmap_set_reaches_the_top_of_the_address_space(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0, UINT64_MAX, F));
	CHECK(memmap_set(&map, UINT64_MAX - 0xfff, UINT64_MAX, R));
	CHECK(MAP_IS({ 0, UINT64_MAX - 0xfff, F },
		     { UINT64_MAX - 0xfff, UINT64_MAX, R }));
	CHECK(memmap_type_at(&map, UINT64_MAX - 1) == R);
}

static void memmap_set_beyond_capacity_fails_leaving_the_map_unchanged(void)
{
	static struct memmap before;

	map_fill();
	before = map;
	/* One more range after the last, before the first, in a gap. */
	CHECK(!memmap_set(&map, 0x1000000, 0x1001000, R));
	CHECK(!memmap_set(&map, 0x1000, 0x1800, R));
	CHECK(!memmap_set(&map, 0x1000, 0x2000, R));
	/* Splitting a range needs two more. */
	CHECK(!memmap_set(&map, 0x2400, 0x2800, R));
	CHECK(memcmp(&map, &before, sizeof(map)) == 0);
	memmap_check(&map);
}

static void memmap_set_at_capacity_succeeds_when_the_result_fits(void)
{
	map_fill();
	/* Retyping a whole range keeps the count. */
	CHECK(memmap_set(&map, 0x4000, 0x5000, R));
	CHECK(map.n == MEMMAP_MAX);
	CHECK(memmap_type_at(&map, 0x4000) == R);
	/* Filling a gap with the neighbours' type joins three into one. */
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(map.n == MEMMAP_MAX - 1);
	CHECK(map.r[0].start == 0 && map.r[0].end == 0x3000);
	/* Now there is room for one more. */
	CHECK(memmap_set(&map, 0x1000000, 0x1001000, R));
	CHECK(map.n == MEMMAP_MAX);
	memmap_check(&map);
}

static void memmap_type_at_says_zero_outside_every_range(void)
{
	map_reset();
	CHECK(memmap_type_at(&map, 0) == 0);
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, R));
	CHECK(memmap_type_at(&map, 0x0fff) == 0);
	CHECK(memmap_type_at(&map, 0x1000) == F);
	CHECK(memmap_type_at(&map, 0x1fff) == F);
	CHECK(memmap_type_at(&map, 0x2000) == 0);
	CHECK(memmap_type_at(&map, 0x3800) == R);
	CHECK(memmap_type_at(&map, 0x4000) == 0);
}

static void memmap_total_counts_the_bytes_of_one_type(void)
{
	map_reset();
	CHECK(memmap_total(&map, F) == 0);
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x6000, R));
	CHECK(memmap_set(&map, 0x8000, 0x9800, F));
	CHECK(memmap_total(&map, F) == 0x2800);
	CHECK(memmap_total(&map, R) == 0x3000);
	CHECK(memmap_total(&map, K) == 0);
}

static void memmap_alloc_picks_the_highest_aligned_fit_below_the_limit(void)
{
	uint64_t pa = 0;

	map_reset();
	CHECK(memmap_set(&map, 0x100000, 0x800000, F));
	CHECK(memmap_alloc(&map, 0x3000, 0x1000, 0x400000, F, K, &pa));
	CHECK(pa == 0x3fd000);
	CHECK(MAP_IS({ 0x100000, 0x3fd000, F }, { 0x3fd000, 0x400000, K },
		     { 0x400000, 0x800000, F }));
	/* The next one goes right below it. */
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, 0x400000, F, K, &pa));
	CHECK(pa == 0x3fc000);
	CHECK(MAP_IS({ 0x100000, 0x3fc000, F }, { 0x3fc000, 0x400000, K },
		     { 0x400000, 0x800000, F }));
}

static void memmap_alloc_prefers_the_highest_range(void)
{
	uint64_t pa = 0;

	map_reset();
	CHECK(memmap_set(&map, 0x10000, 0x20000, F));
	CHECK(memmap_set(&map, 0x40000, 0x50000, F));
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(pa == 0x4f000);
	/* A limit in the gap takes from the lower range. */
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, 0x30000, F, K, &pa));
	CHECK(pa == 0x1f000);
	/* A limit inside the higher range cuts it. */
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, 0x42800, F, K, &pa));
	CHECK(pa == 0x41000);
	memmap_check(&map);
}

static void memmap_alloc_skips_a_high_range_that_is_too_small(void)
{
	uint64_t pa = 0;

	map_reset();
	CHECK(memmap_set(&map, 0x10000, 0x20000, F));
	CHECK(memmap_set(&map, 0x40000, 0x41000, F));
	CHECK(memmap_alloc(&map, 0x2000, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(pa == 0x1e000);
}

static void memmap_alloc_respects_alignment(void)
{
	uint64_t pa = 0;

	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x7000, F));
	CHECK(memmap_alloc(&map, 0x1000, 0x4000, UINT64_MAX, F, K, &pa));
	CHECK(pa == 0x4000);
	CHECK(MAP_IS({ 0x1000, 0x4000, F }, { 0x4000, 0x5000, K },
		     { 0x5000, 0x7000, F }));
	/* No 16 KiB-aligned free page is left. */
	CHECK(!memmap_alloc(&map, 0x1000, 0x4000, UINT64_MAX, F, K, &pa));
	/* Byte alignment: the block ends exactly at the range's end. */
	CHECK(memmap_alloc(&map, 0x123, 1, UINT64_MAX, F, K, &pa));
	CHECK(pa == 0x7000 - 0x123);
}

static void memmap_alloc_only_takes_the_given_type(void)
{
	uint64_t pa = 0;

	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x3000, F));
	CHECK(memmap_set(&map, 0x3000, 0x9000, R));
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(pa == 0x2000);
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, R, F, &pa));
	CHECK(pa == 0x8000);
	CHECK(MAP_IS({ 0x1000, 0x2000, F }, { 0x2000, 0x3000, K },
		     { 0x3000, 0x8000, R }, { 0x8000, 0x9000, F }));
}

static void memmap_alloc_fails_cleanly_when_nothing_fits(void)
{
	static struct memmap before;
	uint64_t pa = 0xdead;

	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x3000, F));
	CHECK(memmap_set(&map, 0x3000, 0x5000, R));
	CHECK(memmap_set(&map, 0x8000, 0x9000, F));
	before = map;
	/* Too large for any range of the type. */
	CHECK(!memmap_alloc(&map, 0x3000, 0x1000, UINT64_MAX, F, K, &pa));
	/* A type that is not there. */
	CHECK(!memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, K, F, &pa));
	/* A limit below all memory, and a limit below the size. */
	CHECK(!memmap_alloc(&map, 0x1000, 0x1000, 0x1000, F, K, &pa));
	CHECK(!memmap_alloc(&map, 0x1000, 0x1000, 0x800, F, K, &pa));
	/* Fits only where alignment forbids. */
	CHECK(!memmap_alloc(&map, 0x1000, 0x10000, UINT64_MAX, F, K, &pa));
	CHECK(memcmp(&map, &before, sizeof(map)) == 0);
	CHECK(pa == 0xdead);
}

static void memmap_alloc_from_an_empty_map_fails(void)
{
	uint64_t pa = 0xdead;

	map_reset();
	CHECK(!memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(map.n == 0 && pa == 0xdead);
}

static void memmap_alloc_rejects_zero_size_and_invalid_alignment(void)
{
	static struct memmap before;
	uint64_t pa = 0xdead;

	map_reset();
	CHECK(memmap_set(&map, 0x0000, 0x100000, F));
	before = map;
	CHECK(!memmap_alloc(&map, 0, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(!memmap_alloc(&map, 0x1000, 0, UINT64_MAX, F, K, &pa));
	CHECK(!memmap_alloc(&map, 0x1000, 3, UINT64_MAX, F, K, &pa));
	CHECK(!memmap_alloc(&map, 0x1000, 0x1800, UINT64_MAX, F, K, &pa));
	CHECK(!memmap_alloc(&map, 0x1000, UINT64_MAX, UINT64_MAX, F, K, &pa));
	CHECK(memcmp(&map, &before, sizeof(map)) == 0);
	CHECK(pa == 0xdead);
}

static void memmap_alloc_fails_cleanly_when_the_map_is_full(void)
{
	static struct memmap before;
	uint64_t pa = 0xdead;

	map_fill();
	before = map;
	/* Half a range would split it. */
	CHECK(!memmap_alloc(&map, 0x800, 0x800, UINT64_MAX, F, K, &pa));
	CHECK(memcmp(&map, &before, sizeof(map)) == 0);
	CHECK(pa == 0xdead);
	/* A whole range only changes type. */
	CHECK(memmap_alloc(&map, 0x1000, 0x1000, UINT64_MAX, F, K, &pa));
	CHECK(pa == (MEMMAP_MAX - 1) * 0x2000);
	CHECK(map.n == MEMMAP_MAX);
	memmap_check(&map);
}

static void memmap_check_accepts_empty_and_full_maps(void)
{
	map_reset();
	memmap_check(&map);
	map_fill();
	memmap_check(&map);
}

static void memmap_check_panics_on_too_many_ranges(void)
{
	map_fill();
	map.n = MEMMAP_MAX + 1;
	EXPECT_PANIC(memmap_check(&map));
}

static void memmap_check_panics_on_an_empty_range(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, R));
	map.r[1].end = map.r[1].start;
	EXPECT_PANIC(memmap_check(&map));
	map.r[1].end = map.r[1].start - 1;
	EXPECT_PANIC(memmap_check(&map));
}

static void memmap_check_panics_on_overlapping_ranges(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, R));
	map.r[0].end = 0x3001;
	EXPECT_PANIC(memmap_check(&map));
}

static void memmap_check_panics_on_unsorted_ranges(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x3000, 0x4000, R));
	map.r[0] = (struct memmap_range){ 0x5000, 0x6000, F };
	EXPECT_PANIC(memmap_check(&map));
}

static void memmap_check_panics_on_uncoalesced_neighbours(void)
{
	map_reset();
	CHECK(memmap_set(&map, 0x1000, 0x2000, F));
	CHECK(memmap_set(&map, 0x2000, 0x3000, R));
	memmap_check(&map);
	map.r[1].type = F;
	EXPECT_PANIC(memmap_check(&map));
}

/*
 * The random run. The model is an array of types, one per unit of
 * RND_UNIT bytes from RND_BASE (0: not memory); the expected map is its
 * run-length encoding.
 */
#define RND_UNITS 512
#define RND_UNIT 0x1000ull
#define RND_BASE 0x100000000ull
#define RND_STEPS 60000
#define RND_TYPES 4

static uint8_t model[RND_UNITS], next_model[RND_UNITS];
static struct memmap_range expect[RND_UNITS];
static uint64_t rng = 0x2545f4914f6cdd1dull;

/* A fixed-seed xorshift64 generator. */
static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random number in [0, n). */
static unsigned rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* Address of unit @u. */
static uint64_t unit_addr(unsigned u)
{
	return RND_BASE + u * RND_UNIT;
}

/* Run-length encode @mdl into expect[]; return the number of ranges. */
static unsigned model_encode(const uint8_t *mdl)
{
	unsigned n = 0;

	for (unsigned u = 0; u < RND_UNITS; u++) {
		if (!mdl[u])
			continue;
		if (n && u && mdl[u - 1] == mdl[u]) {
			expect[n - 1].end = unit_addr(u + 1);
			continue;
		}
		expect[n++] = (struct memmap_range){ unit_addr(u),
						     unit_addr(u + 1), mdl[u] };
	}
	return n;
}

/*
 * Set units [s, e) of next_model to @type, starting from model. Returns
 * whether the result fits in a memmap (else next_model is model again).
 */
static bool model_set(unsigned s, unsigned e, uint8_t type)
{
	memcpy(next_model, model, sizeof(model));
	for (unsigned u = s; u < e; u++)
		next_model[u] = type;
	if (model_encode(next_model) <= MEMMAP_MAX)
		return true;
	memcpy(next_model, model, sizeof(model));
	return false;
}

/* True if @m has the contents the model says, in every query. */
static bool map_matches_model(const struct memmap *m)
{
	unsigned n = model_encode(model);
	uint64_t total[RND_TYPES + 1] = { 0 };
	unsigned pu = rnd_below(RND_UNITS);
	uint64_t probe = unit_addr(pu) + rnd_below(RND_UNIT);

	if (m->n != n)
		return false;
	for (unsigned i = 0; i < n; i++)
		if (m->r[i].start != expect[i].start ||
		    m->r[i].end != expect[i].end ||
		    m->r[i].type != expect[i].type)
			return false;
	for (unsigned u = 0; u < RND_UNITS; u++)
		total[model[u]] += RND_UNIT;
	for (uint32_t t = 1; t <= RND_TYPES; t++)
		if (memmap_total(m, t) != total[t])
			return false;
	return memmap_type_at(m, probe) == model[pu] &&
	       memmap_type_at(m, RND_BASE - 1) == 0 &&
	       memmap_type_at(m, unit_addr(RND_UNITS)) == 0;
}

struct rnd_stats {
	unsigned full, allocs, misses;
};

/* One random memmap_set() on @m and the model; false on disagreement. */
static bool random_set(struct memmap *m, struct rnd_stats *st)
{
	unsigned s = rnd_below(RND_UNITS + 1), e;
	uint8_t type = (uint8_t)(1 + rnd_below(RND_TYPES));
	bool want = true, got;

	if (rnd_below(8))
		e = s + rnd_below(8); /* mostly small: many ranges */
	else
		e = rnd_below(RND_UNITS + 1); /* may be below s: empty */
	if (e > RND_UNITS)
		e = RND_UNITS;
	memcpy(next_model, model, sizeof(model));
	if (s < e)
		want = model_set(s, e, type);
	got = memmap_set(m, unit_addr(s), unit_addr(e), type);
	st->full += !got;
	memcpy(model, next_model, sizeof(model));
	return got == want;
}

/* One random memmap_alloc() on @m and the model; false on disagreement. */
static bool random_alloc(struct memmap *m, struct rnd_stats *st)
{
	unsigned size = 1 + rnd_below(16), align = 1u << rnd_below(6);
	unsigned limit = rnd_below(RND_UNITS + 9);
	uint8_t from = (uint8_t)(1 + rnd_below(RND_TYPES));
	uint8_t to = (uint8_t)(1 + rnd_below(RND_TYPES));
	unsigned top = limit < RND_UNITS ? limit : RND_UNITS;
	int found = -1;
	bool want = false, got;
	uint64_t pa = 0;

	for (int s = (int)top - (int)size; s >= 0 && found < 0; s--) {
		bool fits = s % align == 0;

		for (unsigned u = s; fits && u < s + size; u++)
			fits = model[u] == from;
		if (fits)
			found = s;
	}
	memcpy(next_model, model, sizeof(model));
	if (found >= 0)
		want = model_set(found, found + size, to);
	got = memmap_alloc(m, size * RND_UNIT, align * RND_UNIT,
			   unit_addr(limit), from, to, &pa);
	if (got) {
		st->allocs++;
		if (pa != unit_addr(found))
			return false;
	} else {
		st->misses++;
	}
	memcpy(model, next_model, sizeof(model));
	return got == want;
}

static void memmap_agrees_with_a_page_model_over_random_operations(void)
{
	static struct memmap m;
	struct rnd_stats st = { 0 };

	for (unsigned step = 0; step < RND_STEPS; step++) {
		bool ok;

		if (rnd_below(2000) == 0) {
			memset(&m, 0, sizeof(m));
			memset(model, 0, sizeof(model));
		}
		if (rnd_below(3))
			ok = random_set(&m, &st);
		else
			ok = random_alloc(&m, &st);
		memmap_check(&m);
		if (!CHECK(ok && map_matches_model(&m))) {
			printf("  diverged at step %u\n", step);
			return;
		}
	}
	/* The run reached every outcome. */
	CHECK(st.full > 0);
	CHECK(st.allocs > 0);
	CHECK(st.misses > 0);
}

int main(void)
{
	RUN(memmap_set_into_an_empty_map_adds_one_range);
	RUN(memmap_set_keeps_disjoint_ranges_sorted);
	RUN(memmap_set_overrides_an_overlapping_range);
	RUN(memmap_set_splits_a_range_in_the_middle);
	RUN(memmap_set_replaces_every_range_it_covers);
	RUN(memmap_set_coalesces_adjacent_ranges_of_equal_type);
	RUN(memmap_set_does_not_coalesce_adjacent_ranges_of_other_types);
	RUN(memmap_set_does_not_coalesce_across_a_gap);
	RUN(memmap_set_of_an_empty_range_is_a_no_op);
	RUN(memmap_set_reaches_the_top_of_the_address_space);
	RUN(memmap_set_beyond_capacity_fails_leaving_the_map_unchanged);
	RUN(memmap_set_at_capacity_succeeds_when_the_result_fits);
	RUN(memmap_type_at_says_zero_outside_every_range);
	RUN(memmap_total_counts_the_bytes_of_one_type);
	RUN(memmap_alloc_picks_the_highest_aligned_fit_below_the_limit);
	RUN(memmap_alloc_prefers_the_highest_range);
	RUN(memmap_alloc_skips_a_high_range_that_is_too_small);
	RUN(memmap_alloc_respects_alignment);
	RUN(memmap_alloc_only_takes_the_given_type);
	RUN(memmap_alloc_fails_cleanly_when_nothing_fits);
	RUN(memmap_alloc_from_an_empty_map_fails);
	RUN(memmap_alloc_rejects_zero_size_and_invalid_alignment);
	RUN(memmap_alloc_fails_cleanly_when_the_map_is_full);
	RUN(memmap_check_accepts_empty_and_full_maps);
	RUN(memmap_check_panics_on_too_many_ranges);
	RUN(memmap_check_panics_on_an_empty_range);
	RUN(memmap_check_panics_on_overlapping_ranges);
	RUN(memmap_check_panics_on_unsorted_ranges);
	RUN(memmap_check_panics_on_uncoalesced_neighbours);
	RUN(memmap_agrees_with_a_page_model_over_random_operations);
	return check_done();
}
