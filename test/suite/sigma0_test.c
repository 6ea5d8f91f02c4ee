// SPDX-License-Identifier: BSD-2-Clause
/*
 * The sigma0 protocol (ABI.md section 9): each case thread is a requester
 * of its own, and each case asks for other physical pages, so that what one
 * case took does not decide another.
 */
#include "suite.h"

#define WAIT_US 1000000ull

/* Ask sigma0 for 4 KiB page @pa at a fresh address; the fpage sent or 0. */
static l4_word_t request_page(l4_word_t pa, l4_word_t *va)
{
	*va = suite_scratch_va();
	return suite_sigma0_request(l4_fpage(pa, 12, L4_FPAGE_RWX), *va);
}

SUITE_TEST(sigma0_answers_a_request_for_any_page_with_a_map_item)
{
	l4_word_t va = suite_scratch_va(), *u = l4_utcb();
	volatile l4_word_t *p = (volatile l4_word_t *)va;
	l4_msgtag_t tag;
	l4_fpage_t f;

	u[L4_UTCB_BR(0)] = l4_acceptor(l4_fpage(va, 12, L4_FPAGE_RWX), false);
	l4_set_mr(0, l4_sigma0_tag().raw);
	l4_set_mr(1, l4_sigma0_any_fpage(12, L4_FPAGE_RWX).raw);
	l4_set_mr(2, L4_SIGMA0_ATTR_DEFAULT);
	tag = l4_call(suite_sigma0);
	u[L4_UTCB_BR(0)] = 0;
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return;
	EXPECT(l4_msgtag_untyped(tag) == 0);
	EXPECT(l4_msgtag_typed(tag) == 2);
	EXPECT(l4_item_is_map(l4_mr(1)));
	f = l4_fpage_raw(l4_mr(2));
	if (!EXPECT(!l4_fpage_is_nil(f)))
		return;
	EXPECT(l4_fpage_log2(f) == 12);
	EXPECT(suite_mem_type(l4_fpage_base(f)) == L4_MEMDESC_CONVENTIONAL);
	p[0] = 0x5151;
	p[511] = 0x1515;
	EXPECT(p[0] == 0x5151 && p[511] == 0x1515);
}

SUITE_TEST(sigma0_gives_different_pages_to_two_requests_for_any_page)
{
	l4_word_t va1 = suite_scratch_va(), va2 = suite_scratch_va();
	l4_fpage_t any = l4_sigma0_any_fpage(12, L4_FPAGE_RWX);
	l4_word_t f1 = suite_sigma0_request(any, va1);
	l4_word_t f2 = suite_sigma0_request(any, va2);

	if (!EXPECT(f1 != 0 && f2 != 0))
		return;
	EXPECT(l4_fpage_base(l4_fpage_raw(f1)) !=
	       l4_fpage_base(l4_fpage_raw(f2)));
	*(volatile l4_word_t *)va1 = 1;
	*(volatile l4_word_t *)va2 = 2;
	EXPECT(*(volatile l4_word_t *)va1 == 1);
}

/* Pages for "any" requests of another thread, to compare. */
#define ANY_PAGES 48
static struct {
	volatile int done;
	l4_word_t base[ANY_PAGES];
} others_any;

static void take_any_pages(void *unused)
{
	l4_fpage_t any = l4_sigma0_any_fpage(12, L4_FPAGE_RWX);

	(void)unused;
	for (unsigned i = 0; i < ANY_PAGES; i++) {
		l4_word_t f = suite_sigma0_request(any, suite_scratch_va());

		others_any.base[i] = f ? l4_fpage_base(l4_fpage_raw(f)) : 0;
	}
	others_any.done = 1;
}

SUITE_TEST(sigma0_any_pages_are_never_handed_out_twice)
{
	l4_fpage_t any = l4_sigma0_any_fpage(12, L4_FPAGE_RWX);
	l4_word_t mine[ANY_PAGES], va;
	bool distinct = true, apart = true;

	for (unsigned i = 0; i < ANY_PAGES; i++) {
		l4_word_t f = suite_sigma0_request(any, suite_scratch_va());

		mine[i] = f ? l4_fpage_base(l4_fpage_raw(f)) : 0;
		distinct = distinct && mine[i] != 0;
		for (unsigned j = 0; j < i; j++)
			distinct = distinct && mine[j] != mine[i];
	}
	EXPECT(distinct);
	others_any.done = 0;
	if (!EXPECT(!l4_is_nil_thread(
		    suite_thread_start(take_any_pages, NULL))) ||
	    !EXPECT(suite_wait_flag(&others_any.done, WAIT_US)))
		return;
	for (unsigned i = 0; i < ANY_PAGES; i++)
		for (unsigned j = 0; j < ANY_PAGES; j++)
			apart = apart && others_any.base[i] != 0 &&
				others_any.base[i] != mine[j];
	EXPECT(apart);
	/* And the other's pages are the other's: a specific request for one
	 * is refused here. */
	EXPECT(request_page(others_any.base[0], &va) == 0);
}

SUITE_TEST(sigma0_gives_a_requested_conventional_page)
{
	l4_word_t pa, va, f;

	if (!EXPECT(suite_phys_page(L4_MEMDESC_CONVENTIONAL, 1, &pa)))
		return;
	f = request_page(pa, &va);
	if (!EXPECT(f != 0))
		return;
	EXPECT(l4_fpage_base(l4_fpage_raw(f)) == pa);
	EXPECT(l4_fpage_log2(l4_fpage_raw(f)) == 12);
	*(volatile l4_word_t *)va = 0x77;
	EXPECT(*(volatile l4_word_t *)va == 0x77);
}

SUITE_TEST(sigma0_gives_the_same_page_again_to_the_same_requester)
{
	l4_word_t pa, va1, va2;

	if (!EXPECT(suite_phys_page(L4_MEMDESC_CONVENTIONAL, 2, &pa)) ||
	    !EXPECT(request_page(pa, &va1) != 0) ||
	    !EXPECT(request_page(pa, &va2) != 0))
		return;
	/* Two mappings of one frame. */
	*(volatile l4_word_t *)va1 = 0x1234;
	EXPECT(*(volatile l4_word_t *)va2 == 0x1234);
}

static struct {
	volatile int done;
	l4_word_t pa, fpage;
} other;

/* Another requester asks for other.pa. */
static void request_as_other(void *unused)
{
	l4_word_t va;

	other.fpage = request_page(other.pa, &va);
	other.done = 1;
}

SUITE_TEST(sigma0_refuses_a_page_another_thread_owns)
{
	l4_word_t va;

	other.done = 0;
	if (!EXPECT(suite_phys_page(L4_MEMDESC_CONVENTIONAL, 3, &other.pa)) ||
	    !EXPECT(request_page(other.pa, &va) != 0))
		return;
	if (!EXPECT(!l4_is_nil_thread(
		    suite_thread_start(request_as_other, NULL))) ||
	    !EXPECT(suite_wait_flag(&other.done, WAIT_US)))
		return;
	EXPECT(other.fpage == 0);
}

SUITE_TEST(sigma0_refuses_kernel_memory)
{
	l4_word_t pa, va;

	if (!EXPECT(suite_phys_page(L4_MEMDESC_RESERVED, 0, &pa)))
		return;
	EXPECT(request_page(pa, &va) == 0);
}

SUITE_TEST(sigma0_refuses_the_local_apic_page)
{
	l4_word_t va;

	EXPECT(request_page(0xfee00000ul, &va) == 0);
}

/* A 2 MiB-aligned window far from everything else the suite uses. */
#define SUPER_WINDOW 0x600000000ul

SUITE_TEST(sigma0_gives_a_2mib_page_mapped_as_one_superpage)
{
	l4_fpage_t want = l4_sigma0_any_fpage(21, L4_FPAGE_RWX), got;
	volatile l4_word_t *lo = (l4_word_t *)SUPER_WINDOW;
	volatile l4_word_t *hi = (l4_word_t *)(SUPER_WINDOW + (1ul << 21) - 8);
	l4_word_t status;

	got = l4_fpage_raw(suite_sigma0_request(want, SUPER_WINDOW));
	if (!EXPECT(!l4_fpage_is_nil(got)))
		return;
	EXPECT(l4_fpage_log2(got) == 21);
	EXPECT(l4_fpage_base(got) % (1ul << 21) == 0);
	*lo = 0x1234;
	*hi = 0x5678;
	EXPECT(*lo == 0x1234 && *hi == 0x5678);
	/* One mapping: flushing the whole window reports it read and written
	 * and takes all of it. */
	status = suite_unmap_fpage(l4_fpage(SUPER_WINDOW, 21, L4_FPAGE_RWX),
				   true);
	EXPECT((status & (L4_FPAGE_R | L4_FPAGE_W)) ==
	       (L4_FPAGE_R | L4_FPAGE_W));
}
