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

/* Windows for blocks larger than a page, far from everything else. */
#define DEVICE_WINDOW 0x640000000ul
#define BIG_WINDOW 0x800000000ul /* 2^35 */

/* Physical addresses that no memory descriptor describes (the machines
 * have 256 MiB), below the smallest MAXPHYADDR (2^36). */
#define UNDESCRIBED_PA 0x140000000ul
#define BIG_PA 0x200000000ul

/* The CPU's physical address width, by the rule the kernel and sigma0
 * use: CPUID 0x80000008 EAX 7:0 if sane, else 36. */
static unsigned phys_bits(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(0x80000000u), "c"(0));
	if (a < 0x80000008u)
		return 36;
	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(0x80000008u), "c"(0));
	a &= 0xff;
	return a >= 32 && a <= 52 ? a : 36;
}

SUITE_TEST(sigma0_gives_the_vga_text_buffer_by_address)
{
	volatile uint16_t *cell = (uint16_t *)(DEVICE_WINDOW + 0x7000);
	l4_fpage_t got;

	/* The first MiB is architecture-specific memory in the KIP. */
	EXPECT(suite_mem_type(0xb8000) == L4_MEMDESC_ARCH);
	got = l4_fpage_raw(suite_sigma0_request(
		l4_fpage(0xb8000, 15, L4_FPAGE_RWX), DEVICE_WINDOW));
	if (!EXPECT(!l4_fpage_is_nil(got)))
		return;
	EXPECT(l4_fpage_base(got) == 0xb8000);
	EXPECT(l4_fpage_log2(got) == 15);
	/* Text page 7, which the screen does not show: device memory that
	 * reads back what was written. */
	*cell = 0x0753;
	EXPECT(*cell == 0x0753);
}

static struct {
	volatile int done;
	l4_word_t pa, fpage;
} rival;

/* Another requester asks for page rival.pa. */
static void request_as_rival(void *unused)
{
	l4_word_t va;

	(void)unused;
	rival.fpage = request_page(rival.pa, &va);
	rival.done = 1;
}

/* Does another thread get the page at @pa? */
static bool rival_gets(l4_word_t pa)
{
	rival.done = 0;
	rival.pa = pa;
	if (!EXPECT(!l4_is_nil_thread(
		    suite_thread_start(request_as_rival, NULL))) ||
	    !EXPECT(suite_wait_flag(&rival.done, WAIT_US)))
		return false;
	return rival.fpage != 0;
}

SUITE_TEST(sigma0_gives_memory_no_descriptor_describes_to_its_first_requester)
{
	l4_word_t va1, va2;

	EXPECT(suite_mem_type(UNDESCRIBED_PA) == L4_MEMDESC_UNDEFINED);
	if (!EXPECT(request_page(UNDESCRIBED_PA, &va1) != 0))
		return;
	(void)*(volatile l4_word_t *)va1;		 /* mapped: no fault */
	EXPECT(request_page(UNDESCRIBED_PA, &va2) != 0); /* asked again */
	EXPECT(!rival_gets(UNDESCRIBED_PA));
	/* Its neighbour is nobody's yet. */
	EXPECT(rival_gets(UNDESCRIBED_PA + SUITE_PAGE));
}

/* The largest page size the KIP announces (log2). */
static unsigned largest_page(void)
{
	l4_word_t sizes = l4_page_info_size_mask(l4_kip_page_info(l4_kip));

	return 63 - (unsigned)__builtin_clzl(sizes);
}

SUITE_TEST(sigma0_gives_blocks_of_the_largest_page_size_and_no_larger)
{
	unsigned s = largest_page();
	l4_fpage_t got = l4_fpage_raw(suite_sigma0_request(
		l4_fpage(BIG_PA, s, L4_FPAGE_RWX), BIG_WINDOW));

	if (!EXPECT(!l4_fpage_is_nil(got)))
		return;
	EXPECT(l4_fpage_base(got) == BIG_PA);
	EXPECT(l4_fpage_log2(got) == s);
	/* Mapped from end to end; nothing there to read but no fault. */
	(void)*(volatile l4_word_t *)BIG_WINDOW;
	(void)*(volatile l4_word_t *)(BIG_WINDOW + (1ul << s) - 8);
	EXPECT(!rival_gets(BIG_PA + (1ul << (s - 1))));
	suite_unmap_fpage(l4_fpage(BIG_WINDOW, s, L4_FPAGE_RWX), true);
	/* Twice that is more than one page of any size: refused, by address
	 * and as "any". */
	EXPECT(suite_sigma0_request(l4_fpage(2 * BIG_PA, s + 1, L4_FPAGE_RWX),
				    BIG_WINDOW) == 0);
	EXPECT(suite_sigma0_request(l4_sigma0_any_fpage(s + 1, L4_FPAGE_RWX),
				    BIG_WINDOW) == 0);
}

SUITE_TEST(sigma0_refuses_memory_beyond_the_physical_address_width)
{
	l4_word_t limit = 1ul << (phys_bits() < 46 ? phys_bits() : 46), va;

	/* The last page below the limit is given, the first above is not. */
	EXPECT(request_page(limit - SUITE_PAGE, &va) != 0);
	EXPECT(request_page(limit, &va) == 0);
	EXPECT(request_page(1ul << 46, &va) == 0);
	EXPECT(suite_sigma0_request(l4_fpage(0, 47, L4_FPAGE_RWX),
				    BIG_WINDOW) == 0);
	EXPECT(suite_sigma0_request(l4_sigma0_any_fpage(47, L4_FPAGE_RWX),
				    BIG_WINDOW) == 0);
}

SUITE_TEST(sigma0_refuses_its_own_image)
{
	l4_word_t low =
		l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_MEM_LOW);
	l4_word_t va;

	/* Boot-loader memory, which is given by address otherwise. */
	EXPECT(suite_mem_type(low) == L4_MEMDESC_BOOTLOADER);
	EXPECT(request_page(low, &va) == 0);
}

/* Send MR0..MR2 to sigma0 and wait @us for the answer; BR0 accepts one
 * page at a fresh address. The tag, or the error tag. */
static l4_msgtag_t ask_sigma0(l4_word_t us)
{
	l4_word_t *u = l4_utcb();
	l4_msgtag_t tag;

	u[L4_UTCB_BR(0)] = l4_acceptor(
		l4_fpage(suite_scratch_va(), 12, L4_FPAGE_RWX), false);
	tag = l4_ipc(suite_sigma0, suite_sigma0,
		     l4_timeouts(L4_NEVER, l4_time_from_us(us)), NULL);
	u[L4_UTCB_BR(0)] = 0;
	return tag;
}

/* Did the last IPC time out in its receive phase (no answer)? */
static bool unanswered(l4_msgtag_t tag)
{
	return l4_msgtag_is_error(tag) &&
	       l4_ipc_error_is_receive(suite_error()) &&
	       l4_ipc_error_code(suite_error()) == L4_IPC_ETIMEOUT;
}

#define NO_ANSWER_US 100000ull

SUITE_TEST(sigma0_answers_a_page_fault_it_refuses_with_a_nil_map_item)
{
	l4_word_t pa;
	l4_msgtag_t tag;

	/* A page fault as the kernel sends it, at kernel memory; twice, as a
	 * thread that retries the access sends it again. */
	if (!EXPECT(suite_phys_page(L4_MEMDESC_RESERVED, 1, &pa)))
		return;
	for (int i = 0; i < 2; i++) {
		l4_set_mr(0, l4_pagefault_tag(L4_FPAGE_R).raw);
		l4_set_mr(L4_PF_MR_ADDR, pa + 8);
		l4_set_mr(L4_PF_MR_IP, 0x1234);
		tag = ask_sigma0(WAIT_US);
		if (!EXPECT(!l4_msgtag_is_error(tag)))
			return;
		EXPECT(l4_msgtag_untyped(tag) == 0);
		EXPECT(l4_msgtag_typed(tag) == 2);
		EXPECT(l4_item_is_map(l4_mr(1)));
		EXPECT(l4_mr(1) ==
		       l4_mapitem_word0(0, false)); /* send base 0 */
		EXPECT(l4_fpage_is_nil(l4_fpage_raw(l4_mr(2))));
	}
}

SUITE_TEST(sigma0_answers_a_page_fault_on_its_own_image_with_a_nil_map_item)
{
	l4_word_t low =
		l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_MEM_LOW);
	l4_msgtag_t tag;

	l4_set_mr(0, l4_pagefault_tag(L4_FPAGE_W).raw);
	l4_set_mr(L4_PF_MR_ADDR, low);
	l4_set_mr(L4_PF_MR_IP, 0x1234);
	tag = ask_sigma0(WAIT_US);
	if (!EXPECT(!l4_msgtag_is_error(tag)))
		return;
	EXPECT(l4_msgtag_typed(tag) == 2);
	EXPECT(l4_fpage_is_nil(l4_fpage_raw(l4_mr(2))));
}

static struct {
	volatile int done;
	l4_word_t pa;
	l4_msgtag_t tag;
} malformed;

/* Ask for page malformed.pa with three words instead of two. */
static void request_malformed(void *unused)
{
	(void)unused;
	l4_set_mr(0, l4_msgtag_make(L4_LABEL_SIGMA0, 3, 0).raw);
	l4_set_mr(1, l4_fpage(malformed.pa, 12, L4_FPAGE_RWX).raw);
	l4_set_mr(2, L4_SIGMA0_ATTR_DEFAULT);
	l4_set_mr(3, 0);
	malformed.tag = ask_sigma0(NO_ANSWER_US);
	malformed.done = 1;
}

SUITE_TEST(sigma0_does_not_answer_a_malformed_request_and_gives_nothing)
{
	l4_word_t va;

	malformed.done = 0;
	if (!EXPECT(suite_phys_page(L4_MEMDESC_CONVENTIONAL, 4,
				    &malformed.pa)) ||
	    !EXPECT(!l4_is_nil_thread(
		    suite_thread_start(request_malformed, NULL))) ||
	    !EXPECT(suite_wait_flag(&malformed.done, WAIT_US)))
		return;
	EXPECT(unanswered(malformed.tag));
	/* The page went to nobody: here it is given. */
	EXPECT(request_page(malformed.pa, &va) != 0);
}

/* Send sigma0 an extended request (op, arg) and wait @us for the answer:
 * its tag, or the error tag. */
static l4_msgtag_t extended(l4_word_t op, l4_word_t arg, l4_word_t us)
{
	l4_set_mr(0, l4_sigma0_ext_tag().raw);
	l4_set_mr(L4_SIGMA0_EXT_MR_OP, op);
	l4_set_mr(L4_SIGMA0_EXT_MR_ARG, arg);
	return ask_sigma0(us);
}

/* On the runner (the root task): a dump that asks for an answer. 1 if it
 * came as an empty message, 0 otherwise. */
static l4_word_t dump_answered(l4_word_t unused)
{
	/* The dump prints every record through the kernel debugger: under
	 * kcheck and a loaded host that can take longer than WAIT_US. */
	l4_msgtag_t tag = extended(L4_SIGMA0_EXT_DUMP, 1, 10 * WAIT_US);

	return !l4_msgtag_is_error(tag) && tag.raw == 0;
}

/* On the runner: an extended request (op, 0) that is not answered. */
static l4_word_t dump_quiet(l4_word_t unused)
{
	return unanswered(extended(L4_SIGMA0_EXT_DUMP, 0, NO_ANSWER_US));
}

static l4_word_t set_verbosity(l4_word_t level)
{
	return unanswered(
		extended(L4_SIGMA0_EXT_VERBOSITY, level, NO_ANSWER_US));
}

static l4_word_t unknown_op(l4_word_t unused)
{
	return unanswered(extended(3, 1, NO_ANSWER_US));
}

SUITE_TEST(sigma0_answers_the_root_tasks_dump_request_with_an_empty_message)
{
	/* Pistachio's encoding: -1001 << 4 in the label field. */
	EXPECT(l4_sigma0_ext_tag().raw == 0xffffffffc1700002ull);
	EXPECT(suite_as_runner(dump_answered, 0) == 1);
	/* MR2 = 0: dumped, not answered. */
	EXPECT(suite_as_runner(dump_quiet, 0) == 1);
}

SUITE_TEST(sigma0_does_not_answer_verbosity_or_unknown_extended_requests)
{
	EXPECT(suite_as_runner(set_verbosity, 3) == 1);
	EXPECT(suite_as_runner(set_verbosity, 1) == 1); /* the default */
	EXPECT(suite_as_runner(unknown_op, 0) == 1);
	/* sigma0 still serves. */
	EXPECT(suite_as_runner(dump_answered, 0) == 1);
}

SUITE_TEST(sigma0_ignores_extended_requests_of_other_threads)
{
	EXPECT(unanswered(extended(L4_SIGMA0_EXT_DUMP, 1, NO_ANSWER_US)));
	EXPECT(unanswered(extended(L4_SIGMA0_EXT_VERBOSITY, 0, NO_ANSWER_US)));
}
