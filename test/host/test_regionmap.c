// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the region map (pagers/lib/src/regionmap.c): its cases,
 * then a seeded random run against a naive model (which region owns each
 * page), checking rm_check() and comparing every region after each step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagers/regionmap.h>

#include "check.h"

#define LO 0x10000000ull
#define PAGES 1024u
#define HI (LO + PAGES * RM_PAGE)
#define CAP 48u

static struct rm_region store[CAP];
static struct rm_map map;

static struct rm_region region(uint64_t start, uint64_t pages, uint64_t ds)
{
	return (struct rm_region){ .start = start,
				   .size = pages * RM_PAGE,
				   .ds = ds,
				   .rights = RM_R | RM_W };
}

static void setup(void)
{
	memset(store, 0, sizeof(store));
	rm_init(&map, store, CAP, LO, HI);
}

static void attach_at_a_free_address_and_look_it_up(void)
{
	struct rm_region r = region(LO + 4 * RM_PAGE, 2, 7);
	const struct rm_region *f;

	setup();
	CHECK(rm_attach(&map, &r, 0, 0) == 0);
	f = rm_lookup(&map, LO + 5 * RM_PAGE + 123);
	CHECK(f && f->ds == 7 && f->start == LO + 4 * RM_PAGE);
	CHECK(!rm_lookup(&map, LO + 6 * RM_PAGE));
	CHECK(!rm_lookup(&map, LO + 4 * RM_PAGE - 1));
	CHECK(rm_check(&map));
}

static void attach_overlapping_is_busy_and_changes_nothing(void)
{
	struct rm_region a = region(LO + 4 * RM_PAGE, 4, 1);
	struct rm_region b = region(LO + 7 * RM_PAGE, 4, 2);
	struct rm_region c = region(LO + 2 * RM_PAGE, 3, 3);

	setup();
	CHECK(rm_attach(&map, &a, 0, 0) == 0);
	CHECK(rm_attach(&map, &b, 0, 0) == RM_EBUSY);
	CHECK(rm_attach(&map, &c, 0, 0) == RM_EBUSY);
	CHECK(map.n == 1 && rm_check(&map));
}

static void attach_rejects_bad_arguments(void)
{
	struct rm_region r;

	setup();
	r = region(LO, 0, 1); /* empty */
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r = region(LO + 1, 1, 1); /* unaligned */
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r = region(LO - RM_PAGE, 1, 1); /* below the map */
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r = region(HI - RM_PAGE, 2, 1); /* past its end */
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r = region(LO, 1, 1);
	r.rights = 0;
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r.rights = 8;
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	r = region(LO, 1, 1);
	r.offset = 12;
	CHECK(rm_attach(&map, &r, 0, 0) == RM_EINVAL);
	CHECK(map.n == 0);
}

static void search_finds_the_first_fitting_aligned_gap(void)
{
	struct rm_region a = region(LO, 3, 1),
			 b = region(LO + 8 * RM_PAGE, 1, 2);
	struct rm_region s = region(LO, 4, 3), t = region(LO, 4, 4);

	setup();
	CHECK(rm_attach(&map, &a, 0, 0) == 0);
	CHECK(rm_attach(&map, &b, 0, 0) == 0);
	CHECK(rm_attach(&map, &s, RM_SEARCH, 0) == 0);
	CHECK(s.start == LO + 3 * RM_PAGE); /* pages 3..6 */
	CHECK(rm_attach(&map, &t, RM_SEARCH, 14) == 0);
	CHECK(t.start == LO + 12 * RM_PAGE); /* 16 KiB aligned, past 8 */
	CHECK(rm_check(&map) && map.n == 4);
}

static void search_without_room_is_no_space(void)
{
	struct rm_region a = region(LO, PAGES, 1), s = region(LO, 1, 2);

	setup();
	CHECK(rm_attach(&map, &a, 0, 0) == 0);
	CHECK(rm_attach(&map, &s, RM_SEARCH, 0) == RM_ENOSPC);
	CHECK(map.n == 1);
}

static void a_full_table_is_no_space(void)
{
	setup();
	for (unsigned i = 0; i < CAP; i++) {
		struct rm_region r = region(LO + 2 * i * RM_PAGE, 1, i);

		CHECK(rm_attach(&map, &r, 0, 0) == 0);
	}
	struct rm_region r = region(HI - RM_PAGE, 1, 99);

	CHECK(rm_attach(&map, &r, 0, 0) == RM_ENOSPC);
	CHECK(rm_attach(&map, &r, RM_SEARCH, 0) == RM_ENOSPC);
	CHECK(map.n == CAP && rm_check(&map));
}

static void detach_by_any_address_inside(void)
{
	struct rm_region a = region(LO + RM_PAGE, 4, 5), out;

	setup();
	CHECK(rm_attach(&map, &a, 0, 0) == 0);
	CHECK(rm_detach(&map, LO, &out) == RM_ENOENT);
	CHECK(rm_detach(&map, LO + 3 * RM_PAGE + 9, &out) == 0);
	CHECK(out.ds == 5 && out.start == LO + RM_PAGE);
	CHECK(map.n == 0 && !rm_lookup(&map, LO + RM_PAGE));
	CHECK(rm_detach(&map, LO + RM_PAGE, NULL) == RM_ENOENT);
}

/* --- The random run ------------------------------------------------------ */

struct model_region {
	bool live;
	uint64_t start, size, ds;
};

static int owner[PAGES]; /* model: region index, or -1 */
static struct model_region mr[4096];
static unsigned nmr, nlive;

static unsigned rnd(unsigned n)
{
	return (unsigned)(rand() % (int)n);
}

static int model_attach(uint64_t start, uint64_t pages, uint64_t ds)
{
	for (uint64_t p = 0; p < pages; p++)
		if (owner[(start - LO) / RM_PAGE + p] >= 0)
			return RM_EBUSY;
	if (nlive == CAP)
		return RM_ENOSPC;
	mr[nmr] = (struct model_region){ true, start, pages * RM_PAGE, ds };
	for (uint64_t p = 0; p < pages; p++)
		owner[(start - LO) / RM_PAGE + p] = (int)nmr;
	nmr++;
	nlive++;
	return 0;
}

/* First fit at or above page @from, aligned to @align pages. */
static int64_t model_search(unsigned from, unsigned pages, unsigned align)
{
	for (unsigned p = from; p + pages <= PAGES; p++) {
		unsigned q;

		if (((LO / RM_PAGE) + p) % align)
			continue;
		for (q = 0; q < pages && owner[p + q] < 0; q++)
			;
		if (q == pages)
			return p;
	}
	return -1;
}

/* The map and the model agree region for region, in address order. */
static bool same(void)
{
	unsigned k = 0;
	int last = -1;

	for (unsigned p = 0; p < PAGES; p++) {
		int o = owner[p];

		if (o < 0 || o == last)
			continue;
		last = o;
		if (k >= map.n || map.r[k].start != mr[o].start ||
		    map.r[k].size != mr[o].size || map.r[k].ds != mr[o].ds)
			return false;
		k++;
	}
	return k == map.n && map.n == nlive;
}

static void random_operations_agree_with_the_model(void)
{
	unsigned seed = 0x5eed1u, steps = 120000; /* seeded: repeatable */
	bool ok = true;

	setup();
	srand(seed);
	for (unsigned p = 0; p < PAGES; p++)
		owner[p] = -1;
	nmr = nlive = 0;
	for (unsigned i = 0; i < steps && ok; i++) {
		unsigned op = rnd(10), page = rnd(PAGES + 8);
		uint64_t addr = LO + (uint64_t)page * RM_PAGE + rnd(RM_PAGE);
		int got, want;

		if (nmr >= 4000) { /* start over, keeping the seed's run */
			setup();
			for (unsigned p = 0; p < PAGES; p++)
				owner[p] = -1;
			nmr = nlive = 0;
		}
		if (op < 4) { /* attach at an address */
			unsigned pages = 1 + rnd(24);
			struct rm_region r =
				region(LO + (uint64_t)page * RM_PAGE, pages, i);

			got = rm_attach(&map, &r, 0, 0);
			want = page + pages > PAGES ?
				       RM_EINVAL :
				       model_attach(r.start, pages, i);
			ok = got == want;
		} else if (op < 6) { /* attach wherever it fits */
			unsigned pages = 1 + rnd(24), al = rnd(3) * 2;
			unsigned from = page < PAGES ? page : PAGES - 1;
			struct rm_region r =
				region(LO + (uint64_t)from * RM_PAGE, pages, i);
			int64_t p = model_search(from, pages, 1u << al);

			got = rm_attach(&map, &r, RM_SEARCH, 12 + al);
			if (nlive == CAP || p < 0) {
				ok = got == RM_ENOSPC;
			} else {
				ok = got == 0 &&
				     r.start == LO + (uint64_t)p * RM_PAGE &&
				     model_attach(r.start, pages, i) == 0;
			}
		} else if (op < 8) { /* detach */
			int o = page < PAGES ? owner[page] : -1;

			got = rm_detach(&map, addr, NULL);
			if (o < 0) {
				ok = got == RM_ENOENT;
			} else {
				ok = got == 0;
				for (unsigned p = 0; p < PAGES; p++)
					if (owner[p] == o)
						owner[p] = -1;
				mr[o].live = false;
				nlive--;
			}
		} else { /* look up */
			int o = page < PAGES ? owner[page] : -1;
			const struct rm_region *f = rm_lookup(&map, addr);

			ok = o < 0 ? !f : f && f->ds == mr[o].ds;
		}
		ok = ok && rm_check(&map) && same();
		if (!ok)
			fprintf(stderr, "seed %u: step %u (op %u) disagrees\n",
				seed, i, op);
	}
	CHECK(ok);
}

int main(void)
{
	RUN(attach_at_a_free_address_and_look_it_up);
	RUN(attach_overlapping_is_busy_and_changes_nothing);
	RUN(attach_rejects_bad_arguments);
	RUN(search_finds_the_first_fitting_aligned_gap);
	RUN(search_without_room_is_no_space);
	RUN(a_full_table_is_no_space);
	RUN(detach_by_any_address_inside);
	RUN(random_operations_agree_with_the_model);
	return check_done();
}
