// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the ABI headers (lib/l4c/include/l4): every encoder and
 * decoder against raw words worked out by hand from ABI.md, the byte
 * offsets of the KIP, UTCB and boot information, and round trips. The
 * expected words are written out in hex on purpose: they are the ABI.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <l4/abi.h>

#include "check.h"

/* Offsets fixed by ABI.md, checked when this file compiles. */
_Static_assert(L4_KIP_OFF_MEMORY_INFO == 0xa8, "MemoryInfo");
_Static_assert(L4_KIP_OFF_UTCB_INFO == 0x150, "UtcbAreaInfo");
_Static_assert(L4_KIP_OFF_SYSTEM_CLOCK == 0x1e0, "SystemClock");
_Static_assert(L4_UTCB_OFF(L4_UTCB_MY_GLOBAL_ID) == -120, "MyGlobalId");
_Static_assert(L4_UTCB_BR(0) == -16, "BR0");
_Static_assert(sizeof(struct l4_bootinfo) == 64, "boot-info header");
_Static_assert(offsetof(struct l4_bootrec_module, cmdline_offset) == 0x28,
	       "module record");
_Static_assert(sizeof(struct l4_bootrec_exec) == 0x80, "SimpleExec record");
_Static_assert(sizeof(struct l4_mbi) == 88 &&
		       sizeof(struct l4_mbi_module) == 16 &&
		       sizeof(struct l4_mbi_mmap) == 24,
	       "Multiboot-1 information");
_Static_assert(sizeof(l4_threadid_t) == 8 && sizeof(l4_msgtag_t) == 8 &&
		       sizeof(l4_fpage_t) == 8 && sizeof(l4_time_t) == 2,
	       "wrapped words are words");

/* ------------------------------------------------------------ types */

static void bits_extract_and_insert_fields(void)
{
	CHECK(l4_bits(0xabcd, 7, 4) == 0xc);
	CHECK(l4_bits(~0ull, 63, 0) == ~0ull);
	CHECK(l4_bits(0x8000000000000000ull, 63, 63) == 1);
	CHECK(l4_bits_set(0, 63, 60, 0xf) == 0xf000000000000000ull);
	CHECK(l4_bits_set(0xffff, 11, 4, 0x1ab) == 0xfabf);
	CHECK(l4_mask(0) == 0 && l4_mask(10) == 0x3ff && l4_mask(64) == ~0ull);
}

static void log2_roundup_gives_smallest_covering_power(void)
{
	CHECK(l4_log2_roundup(1) == 0);
	CHECK(l4_log2_roundup(4096) == 12);
	CHECK(l4_log2_roundup(4097) == 13);
	CHECK(l4_log2_roundup(1ull << 63) == 63);
	CHECK(l4_msb(0x10) == 4);
}

/* ----------------------------------------------------------- thread */

static void global_id_is_number_high_version_low(void)
{
	l4_threadid_t t = l4_global_id(0x12345, 0x41);

	CHECK(t.raw == 0x0001234500000041ull);
	CHECK(l4_thread_number(t) == 0x12345);
	CHECK(l4_thread_version(t) == 0x41);
	CHECK(l4_is_global_id(t) && !l4_is_local_id(t));
}

static void special_thread_ids_are_0_minus1_minus64(void)
{
	CHECK(L4_NILTHREAD.raw == 0);
	CHECK(L4_ANYTHREAD.raw == 0xffffffffffffffffull);
	CHECK(L4_ANYLOCALTHREAD.raw == 0xffffffffffffffc0ull);
	CHECK(L4_ANYLOCALTHREAD.raw == (l4_word_t)-64);
	CHECK(l4_is_nil_thread(L4_NILTHREAD));
	CHECK(l4_is_any_thread(L4_ANYTHREAD));
	CHECK(l4_is_any_local_thread(L4_ANYLOCALTHREAD));
	CHECK(l4_is_global_id(L4_ANYTHREAD));
}

static void local_id_is_utcb_address_with_low_six_bits_zero(void)
{
	l4_threadid_t t = l4_local_id(0x7f0000200ull);

	CHECK(t.raw == 0x7f0000200ull);
	CHECK(l4_local_id_utcb(t) == 0x7f0000200ull);
	CHECK(l4_is_local_id(t) && !l4_is_global_id(t));
	CHECK(l4_is_specific_local_id(t));
	/* Nil and any-local have the form of local ids but name no UTCB. */
	CHECK(l4_is_local_id(L4_NILTHREAD));
	CHECK(!l4_is_specific_local_id(L4_NILTHREAD));
	CHECK(!l4_is_specific_local_id(L4_ANYLOCALTHREAD));
	CHECK(!l4_is_specific_local_id(l4_global_id(3, 1)));
}

static void version_needs_nonzero_low_six_bits(void)
{
	CHECK(l4_is_valid_version(1));
	CHECK(l4_is_valid_version(0xffffffff));
	CHECK(!l4_is_valid_version(0));
	CHECK(!l4_is_valid_version(0x40));
	CHECK(!l4_is_valid_version(0x100000001ull));
}

static void same_thread_compares_words(void)
{
	CHECK(l4_same_thread(l4_global_id(7, 1), l4_threadid(0x700000001ull)));
	CHECK(!l4_same_thread(l4_global_id(7, 1), l4_global_id(7, 2)));
}

/* ----------------------------------------------------------- msgtag */

static void msgtag_packs_label_flags_t_u(void)
{
	l4_msgtag_t tag = l4_msgtag_make(0x1234, 3, 2);

	CHECK(tag.raw == 0x12340083ull);
	CHECK(l4_msgtag_label(tag) == 0x1234);
	CHECK(l4_msgtag_untyped(tag) == 3);
	CHECK(l4_msgtag_typed(tag) == 2);
	CHECK(l4_msgtag_words(tag) == 5);
	CHECK(!l4_msgtag_is_error(tag));
}

static void msgtag_flags_are_bits_12_to_15(void)
{
	CHECK(l4_msgtag_is_propagated(l4_msgtag(0x1000)));
	CHECK(l4_msgtag_is_redirected(l4_msgtag(0x2000)));
	CHECK(l4_msgtag_is_xcpu(l4_msgtag(0x4000)));
	CHECK(l4_msgtag_is_error(l4_msgtag(0x8000)));
	CHECK(!l4_msgtag_is_error(l4_msgtag(0x7fff)));
	CHECK(l4_msgtag_with_flags(L4_NILTAG, L4_MSGTAG_ERROR).raw == 0x8000);
	CHECK(l4_msgtag_clear_flags(l4_msgtag(0xfffff)).raw == 0xf0fff);
}

static void msgtag_setters_change_one_field(void)
{
	l4_msgtag_t tag = l4_msgtag(0xffffffffffffffffull);

	CHECK(l4_msgtag_with_untyped(tag, 0).raw == 0xffffffffffffffc0ull);
	CHECK(l4_msgtag_with_typed(tag, 0).raw == 0xfffffffffffff03full);
	CHECK(l4_msgtag_with_label(tag, 0).raw == 0xffffull);
	CHECK(l4_msgtag_with_label(L4_NILTAG, 0x42).raw == 0x420000ull);
}

static void msgtag_label_keeps_low_48_bits(void)
{
	l4_msgtag_t tag = l4_msgtag_make((l4_word_t)-2 << 4 | 4, 2, 0);

	CHECK(tag.raw == 0xffffffffffe40002ull);
	CHECK(l4_msgtag_label(tag) == 0xffffffffffe4ull);
	CHECK(l4_msgtag_has_label(tag, 0xffffffffffe4ull));
	CHECK(l4_msgtag_has_label(tag, (l4_word_t)-2 << 4 | 4));
	CHECK(!l4_msgtag_has_label(tag, (l4_word_t)-2 << 4));
}

/* ------------------------------------------------------------ fpage */

static void fpage_packs_base_size_rights(void)
{
	l4_fpage_t f = l4_fpage(0x12345000, 12, L4_FPAGE_RWX);

	CHECK(f.raw == (0x12345000ull | (12 << 4) | 7));
	CHECK(f.raw == 0x123450c7ull);
	CHECK(l4_fpage_base(f) == 0x12345000);
	CHECK(l4_fpage_log2(f) == 12);
	CHECK(l4_fpage_size(f) == 4096);
	CHECK(l4_fpage_rights(f) == 7);
}

static void fpage_rights_bits_are_r4_w2_x1(void)
{
	CHECK(L4_FPAGE_R == 4 && L4_FPAGE_W == 2 && L4_FPAGE_X == 1);
	CHECK(L4_FPAGE_RW == 6 && L4_FPAGE_RX == 5 && L4_FPAGE_RWX == 7);
	l4_fpage_t f = l4_fpage(0x200000, 21, L4_FPAGE_R);

	CHECK(f.raw == 0x200154ull);
	CHECK(l4_fpage_add_rights(f, L4_FPAGE_W).raw == 0x200156ull);
	CHECK(l4_fpage_remove_rights(f, L4_FPAGE_R).raw == 0x200150ull);
	CHECK(l4_fpage_with_rights(f, L4_FPAGE_X).raw == 0x200151ull);
	CHECK(l4_fpage_status(l4_fpage_raw(0x123450c5)) == 5);
}

static void fpage_base_is_rounded_to_size(void)
{
	CHECK(l4_fpage(0x12345678, 12, 0).raw == 0x123450c0ull);
	CHECK(l4_fpage(0x12345000, 16, 0).raw == 0x12340100ull);
	CHECK(l4_fpage_base(l4_fpage_raw(0x12345100ull)) == 0x12340000);
	CHECK(l4_fpage(0xffffffffffffffffull, 63, 0).raw ==
	      0x80000000000003f0ull);
	CHECK(l4_fpage_size(l4_fpage(0, 63, 0)) == 1ull << 63);
}

static void nilpage_is_0_and_complete_space_is_s1_base0(void)
{
	CHECK(L4_NILPAGE.raw == 0);
	CHECK(L4_COMPLETE_SPACE.raw == 0x10);
	CHECK(l4_fpage_is_nil(L4_NILPAGE));
	CHECK(l4_fpage_size(L4_NILPAGE) == 0);
	CHECK(l4_fpage_is_complete(L4_COMPLETE_SPACE));
	CHECK(l4_fpage_is_complete(l4_fpage_raw(0x17)));
	CHECK(!l4_fpage_is_complete(l4_fpage(0x1000, 12, 0)));
	CHECK(!l4_fpage_is_io(L4_COMPLETE_SPACE));
}

static void iofpage_has_port_size_and_id_2(void)
{
	l4_fpage_t f = l4_iofpage(0x3f8, 3, 0);

	CHECK(f.raw == ((0x3f8ull << 16) | (3 << 10) | (2 << 4)));
	CHECK(f.raw == 0x03f80c20ull);
	CHECK(l4_fpage_is_io(f));
	CHECK(l4_iofpage_port(f) == 0x3f8);
	CHECK(l4_iofpage_log2(f) == 3);
	CHECK(l4_iofpage(0x3f9, 3, 0).raw == f.raw); /* rounded down */
	CHECK(L4_COMPLETE_IO_SPACE_RAW == 0x4020);
	CHECK(l4_iofpage(0, 16, 0).raw == L4_COMPLETE_IO_SPACE_RAW);
	CHECK(!l4_fpage_is_io(l4_fpage(0x1000, 12, 7)));
}

static void map_and_grant_items_have_type_100_and_101(void)
{
	CHECK(l4_mapitem_word0(0x40000000, false) == 0x40000008ull);
	CHECK(l4_grantitem_word0(0x40000000, false) == 0x4000000aull);
	CHECK(l4_mapitem_word0(0x40000123, true) == 0x40000009ull);
	CHECK(l4_item_is_map(0x40000008) && !l4_item_is_grant(0x40000008));
	CHECK(l4_item_is_grant(0x4000000b));
	CHECK(!l4_item_is_string(0x40000008));
	CHECK(l4_item_continues(0x40000009) && !l4_item_continues(0x8));
	CHECK(l4_item_send_base(0x40000009) == 0x40000000);
	CHECK(l4_item_type(0x4000000a) == L4_ITEM_TYPE_GRANT);
}

static void string_item_packs_length_c_substrings(void)
{
	CHECK(l4_stringitem_word0(100, 1, false, false) == 0x19000ull);
	l4_word_t w = l4_stringitem_word0(100, 3, true, true);

	CHECK(w == 0x19221ull);
	CHECK(l4_item_is_string(w));
	CHECK(l4_stringitem_length(w) == 100);
	CHECK(l4_stringitem_substrings(w) == 3);
	CHECK(l4_stringitem_is_compound(w));
	CHECK(l4_item_continues(w));
	CHECK(l4_stringitem_hints(w) == 0);
	CHECK(l4_stringitem_substrings(l4_stringitem_word0(1, 32, 0, 0)) == 32);
}

static void acceptor_is_window_above_bit_4_and_s_bit(void)
{
	CHECK(l4_acceptor(L4_COMPLETE_SPACE, true) == 0x11);
	CHECK(l4_acceptor(L4_NILPAGE, false) == L4_ACCEPT_UNTYPED);
	l4_word_t a = l4_acceptor(l4_fpage(0x12345000, 12, 7), false);

	CHECK(a == 0x123450c0ull);
	CHECK(l4_acceptor_window(a).raw == 0x123450c0ull);
	CHECK(!l4_acceptor_strings(a));
	CHECK(l4_acceptor_strings(0x11));
	CHECK(l4_fpage_is_complete(l4_acceptor_window(0x11)));
}

static void unmap_control_is_k_and_flush_bit_6(void)
{
	CHECK(l4_unmap_control(3, true) == 0x43);
	CHECK(l4_unmap_control(63, false) == 0x3f);
	CHECK(l4_unmap_k(0x43) == 3 && l4_unmap_flush(0x43));
	CHECK(!l4_unmap_flush(0x3f));
}

/* ------------------------------------------------------------- time */

static void never_is_0_and_zero_is_0x400(void)
{
	CHECK(L4_NEVER.raw == 0x0000 && L4_ZEROTIME.raw == 0x0400);
	CHECK(l4_time_is_never(L4_NEVER) && !l4_time_is_zero(L4_NEVER));
	CHECK(l4_time_is_zero(L4_ZEROTIME) && !l4_time_is_never(L4_ZEROTIME));
	CHECK(l4_time_is_zero(l4_time(0x7c00))); /* e = 31, m = 0 */
	CHECK(l4_time_to_us(L4_NEVER) == UINT64_MAX);
	CHECK(l4_time_to_us(L4_ZEROTIME) == 0);
}

static void period_lasts_m_times_2_to_the_e_us(void)
{
	l4_time_t t = l4_time_period(3, 5);

	CHECK(t.raw == 0x0c05);
	CHECK(l4_time_is_period(t) && !l4_time_is_point(t));
	CHECK(l4_time_period_e(t) == 3 && l4_time_m(t) == 5);
	CHECK(l4_time_to_us(t) == 40);
	CHECK(l4_time_to_us(l4_time(0x7fff)) == 1023ull << 31);
}

static void time_from_us_rounds_up_to_nearest_period(void)
{
	CHECK(l4_time_from_us(0).raw == 0x0400);
	CHECK(l4_time_from_us(1).raw == 0x0001);
	CHECK(l4_time_from_us(1023).raw == 0x03ff);
	CHECK(l4_time_from_us(1024).raw == 0x0600);    /* 512 * 2 */
	CHECK(l4_time_from_us(1025).raw == 0x0601);    /* 513 * 2 */
	CHECK(l4_time_from_us(1000000).raw == 0x2bd1); /* 977 * 2^10 */
	CHECK(l4_time_to_us(l4_time_from_us(1000000)) == 1000448);
	CHECK(l4_time_from_us(L4_TIME_US_MAX).raw == 0x7fff);
	CHECK(l4_time_from_us(L4_TIME_US_MAX + 1).raw == 0x0000);
	CHECK(l4_time_from_us(UINT64_MAX).raw == 0x0000);
}

/* Random lengths: never shorter, and as short as a period can be. */
static void time_from_us_is_tight_for_random_lengths(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;

	for (int i = 0; i < 100000; i++) {
		x = x * 6364136223846793005ull + 1442695040888963407ull;
		uint64_t us = x >> (x & 31) >> 20;
		l4_time_t t = l4_time_from_us(us);
		unsigned e = l4_time_period_e(t);

		if (!CHECK(l4_time_to_us(t) >= us))
			return;
		if (l4_time_is_never(t))
			continue;
		/* The mantissa is the smallest for this exponent... */
		if (!CHECK(l4_time_to_us(t) - us < (1ull << e)))
			return;
		/* ...and no smaller exponent has a mantissa that fits. */
		if (us != 0 && e > 0) {
			uint64_t finer = (us + (1ull << (e - 1)) - 1) >>
					 (e - 1);

			if (!CHECK(finer > L4_TIME_M_MAX))
				return;
		}
	}
}

static void point_packs_e_c_m_under_bit_15(void)
{
	l4_time_t t = l4_time_point(5, true, 100);

	CHECK(t.raw == 0xac64);
	CHECK(l4_time_is_point(t));
	CHECK(l4_time_point_e(t) == 5 && l4_time_point_c(t));
	CHECK(l4_time_m(t) == 100);
	CHECK(!l4_time_point_c(l4_time_point(15, false, 0)));
	CHECK(l4_time_point(15, false, 0).raw == 0xf800);
	CHECK(l4_time_to_us(t) == UINT64_MAX);
}

static void timeouts_word_is_send_high_receive_low(void)
{
	CHECK(l4_timeouts(L4_NEVER, L4_ZEROTIME) == 0x00000400ull);
	CHECK(l4_timeouts(L4_ZEROTIME, L4_NEVER) == 0x04000000ull);
	CHECK(l4_timeouts_send(0x0c050601).raw == 0x0c05);
	CHECK(l4_timeouts_receive(0x0c050601).raw == 0x0601);
}

/* ------------------------------------------------------------- utcb */

static void utcb_offsets_match_abi_table(void)
{
	CHECK(L4_UTCB_OFF(L4_UTCB_MY_GLOBAL_ID) == -120);
	CHECK(L4_UTCB_OFF_MY_GLOBAL_ID == -120);
	CHECK(L4_UTCB_BR(0) == -16 && L4_UTCB_BR(32) == -48);
	CHECK(L4_UTCB_OFF_BR0 == L4_UTCB_OFF(L4_UTCB_BR(0)));
	CHECK(L4_UTCB_OFF_WORD_SIZE_MASK == L4_UTCB_OFF(-1));
	CHECK(L4_UTCB_OFF_THREAD_WORD0 == L4_UTCB_OFF(L4_UTCB_THREAD_WORD0));
	CHECK(L4_UTCB_OFF_THREAD_WORD1 == L4_UTCB_OFF(L4_UTCB_THREAD_WORD1));
	CHECK(L4_UTCB_OFF_SENDER == L4_UTCB_OFF(-6));
	CHECK(L4_UTCB_OFF_INTENDED_RECEIVER == L4_UTCB_OFF(-7));
	CHECK(L4_UTCB_OFF_XFER_TIMEOUTS == L4_UTCB_OFF(-8));
	CHECK(L4_UTCB_OFF_ERROR_CODE == L4_UTCB_OFF(-9));
	CHECK(L4_UTCB_OFF_PREEMPT_FLAGS == L4_UTCB_OFF(-10));
	CHECK(L4_UTCB_OFF_COP_FLAGS == L4_UTCB_OFF(-10) + 1);
	CHECK(L4_UTCB_OFF_EXCEPTION_HANDLER == L4_UTCB_OFF(-11));
	CHECK(L4_UTCB_OFF_PAGER == L4_UTCB_OFF(-12));
	CHECK(L4_UTCB_OFF_USER_DEFINED_HANDLE == L4_UTCB_OFF(-13));
	CHECK(L4_UTCB_OFF_PROCESSOR_NO == L4_UTCB_OFF(-14));
	CHECK(L4_UTCB_MR(63) == 63 && L4_NUM_MRS == 64 && L4_NUM_BRS == 33);
}

static void utcb_fits_its_1k_block_around_mr0(void)
{
	CHECK(L4_UTCB_SIZE == 1024 && (1 << L4_UTCB_ALIGN_LOG2) == 1024);
	CHECK(L4_UTCB_OFF(L4_UTCB_BR(32)) >= -L4_UTCB_MR0_OFFSET);
	CHECK(L4_UTCB_OFF(L4_UTCB_MR(63)) + 8 <=
	      L4_UTCB_SIZE - L4_UTCB_MR0_OFFSET);
	CHECK(l4_utcb_from_location(0x7f0000000ull) == 0x7f0000200ull);
	CHECK(l4_utcb_location(0x7f0000200ull) == 0x7f0000000ull);
	CHECK(l4_is_local_id(l4_local_id(l4_utcb_from_location(0x400))));
}

static void utcb_accessors_reach_the_right_words(void)
{
	static l4_word_t block[128];
	l4_word_t *utcb = block + 64; /* MR0 at 512 bytes into the block */

	l4_utcb_set_mr(utcb, 5, 0x55);
	l4_utcb_set_br(utcb, 0, 0xb0);
	l4_utcb_set_br(utcb, 32, 0xb32);
	l4_utcb_set(utcb, L4_UTCB_MY_GLOBAL_ID, 0x1100000001ull);
	l4_utcb_set(utcb, L4_UTCB_FLAGS, 0x0340 | L4_PREEMPT_DELAY);
	CHECK(block[64 + 5] == 0x55 && l4_utcb_mr(utcb, 5) == 0x55);
	CHECK(block[64 - 16] == 0xb0 && l4_utcb_br(utcb, 0) == 0xb0);
	CHECK(block[64 - 48] == 0xb32 && l4_utcb_br(utcb, 32) == 0xb32);
	l4_word_t gid;

	memcpy(&gid, (char *)utcb + L4_UTCB_OFF_MY_GLOBAL_ID, sizeof(gid));
	CHECK(gid == 0x1100000001ull);
	CHECK(l4_utcb_get(utcb, L4_UTCB_MY_GLOBAL_ID) == gid);
	CHECK(l4_utcb_preempt_flags(utcb) == 0x40);
	CHECK(l4_utcb_cop_flags(utcb) == 0x03);
	CHECK(L4_PREEMPT_SIGNAL == 0x20 && L4_PREEMPT_DELAY == 0x40 &&
	      L4_PREEMPT_PENDING == 0x80);
}

/* -------------------------------------------------------------- kip */

static void kip_offsets_match_abi_table(void)
{
	CHECK(L4_KIP_OFF_MAGIC == 0x000 && L4_KIP_OFF_API_VERSION == 0x008);
	CHECK(L4_KIP_OFF_API_FLAGS == 0x010);
	CHECK(L4_KIP_OFF_KERNEL_DESC_PTR == 0x018);
	CHECK(L4_KIP_OFF_SIGMA0 == 0x040 && L4_KIP_OFF_SIGMA1 == 0x060);
	CHECK(L4_KIP_OFF_ROOT_SERVER == 0x080);
	CHECK(L4_KIP_OFF_ROOT_SERVER + L4_KIP_SERVER_MEM_HIGH + 8 <=
	      L4_KIP_OFF_MEMORY_INFO);
	CHECK(L4_KIP_OFF_MEMORY_INFO == 0x0a8);
	CHECK(L4_KIP_OFF_UTCB_INFO == 0x150 &&
	      L4_KIP_OFF_KIP_AREA_INFO == 0x158);
	CHECK(L4_KIP_OFF_BOOT_INFO == 0x170 &&
	      L4_KIP_OFF_PROC_DESC_PTR == 0x178);
	CHECK(L4_KIP_OFF_CLOCK_INFO == 0x180 &&
	      L4_KIP_OFF_THREAD_INFO == 0x188);
	CHECK(L4_KIP_OFF_PAGE_INFO == 0x190);
	CHECK(L4_KIP_OFF_PROCESSOR_INFO == 0x198);
	CHECK(L4_KIP_OFF_SPACE_CONTROL == 0x1a0);
	CHECK(L4_KIP_OFF_THREAD_CONTROL == 0x1a8);
	CHECK(L4_KIP_OFF_PROCESSOR_CONTROL == 0x1b0);
	CHECK(L4_KIP_OFF_MEMORY_CONTROL == 0x1b8);
	CHECK(L4_KIP_OFF_IPC == 0x1c0 && L4_KIP_OFF_LIPC == 0x1c8);
	CHECK(L4_KIP_OFF_UNMAP == 0x1d0);
	CHECK(L4_KIP_OFF_EXCHANGE_REGISTERS == 0x1d8);
	CHECK(L4_KIP_OFF_SYSTEM_CLOCK == 0x1e0);
	CHECK(L4_KIP_OFF_THREAD_SWITCH == 0x1e8);
	CHECK(L4_KIP_OFF_SCHEDULE == 0x1f0);
	CHECK(L4_KIP_OFF_ARCH_SYSCALL0 == 0x220);
	CHECK(L4_KIP_OFF_ARCH_SYSCALL3 == 0x238);
}

static void kip_values_are_x2_amd64(void)
{
	l4_word_t magic = L4_KIP_MAGIC;

	CHECK(memcmp(&magic, "L4\xe6K", 4) == 0);
	CHECK(L4_API_VERSION == 0x84050000u);
	CHECK(l4_api_version_version(L4_API_VERSION) == 0x84);
	CHECK(l4_api_version_subversion(L4_API_VERSION) == 0x05);
	CHECK(L4_API_FLAGS == 0x4);
	CHECK(l4_api_flags_endian(L4_API_FLAGS) == 0);
	CHECK(l4_api_flags_word_size(L4_API_FLAGS) == 1);
}

static void kip_info_words_pack_their_fields(void)
{
	l4_word_t u = l4_utcb_info(1, 10, 12);

	CHECK(u == 0xc2801ull);
	CHECK(l4_utcb_info_multiplier(u) == 1);
	CHECK(l4_utcb_info_align_log2(u) == 10);
	CHECK(l4_utcb_info_min_log2(u) == 12);
	CHECK(l4_utcb_info_utcb_size(u) == 1024);
	CHECK(l4_kip_area_info(12) == 0xc && l4_kip_area_info_log2(0xc) == 12);
	CHECK(l4_memory_info(0x800, 3) == 0x0000080000000003ull);
	CHECK(l4_memory_info_offset(0x0000080000000003ull) == 0x800);
	CHECK(l4_memory_info_count(0x0000080000000003ull) == 3);
	CHECK(l4_thread_info(18, 64, 128) == 0x08004012ull);
	CHECK(l4_thread_info_bits(0x08004012) == 18);
	CHECK(l4_thread_info_system_base(0x08004012) == 64);
	CHECK(l4_thread_info_user_base(0x08004012) == 128);
	CHECK(l4_page_info(7, (1ull << 12) | (1ull << 21)) == 0x201007ull);
	CHECK(l4_page_info_rights(0x201007) == 7);
	CHECK(l4_page_info_size_mask(0x201007) == 0x201000);
	CHECK(l4_processor_info(1, 5) == 0x5000000000000000ull);
	CHECK(l4_processor_info_count(0x5000000000000000ull) == 1);
	CHECK(l4_processor_info_desc_log2(0x5000000000000000ull) == 5);
	CHECK(l4_clock_info(1, 1000) == 0x03e80001ull);
	CHECK(l4_clock_info_read_precision(0x03e80001) == 1);
	CHECK(l4_clock_info_schedule_precision(0x03e80001) == 1000);
}

static void memdesc_packs_type_subtype_v_and_range(void)
{
	l4_word_t w0 =
		l4_memdesc_word0(L4_MEMDESC_CONVENTIONAL, 0, false, 0x100000);
	l4_word_t w1 = l4_memdesc_word1(0x1fffffff);

	CHECK(w0 == 0x100001ull && w1 == 0x1ffffc00ull);
	CHECK(l4_memdesc_type(w0) == 1 && l4_memdesc_subtype(w0) == 0);
	CHECK(!l4_memdesc_is_virtual(w0));
	CHECK(l4_memdesc_low(w0) == 0x100000);
	CHECK(l4_memdesc_high(w1) == 0x1fffffff);
	w0 = l4_memdesc_word0(L4_MEMDESC_BOOTLOADER, 2, true, 0x7000);
	CHECK(w0 == 0x722eull);
	CHECK(l4_memdesc_type(w0) == 0xe && l4_memdesc_subtype(w0) == 2);
	CHECK(l4_memdesc_is_virtual(w0));
	CHECK(L4_MEMDESC_RESERVED == 2 && L4_MEMDESC_DEDICATED == 3);
	CHECK(L4_MEMDESC_SHARED == 4 && L4_MEMDESC_ARCH == 0xf);
}

static void kip_accessors_read_a_kip(void)
{
	static l4_word_t page[L4_KIP_SIZE / 8];
	void *kip = page;

	l4_kip_set_word(kip, L4_KIP_OFF_MAGIC, L4_KIP_MAGIC);
	l4_kip_set_word(kip, L4_KIP_OFF_API_VERSION, L4_API_VERSION);
	l4_kip_set_word(kip, L4_KIP_OFF_MEMORY_INFO, l4_memory_info(0x800, 2));
	l4_kip_set_word(kip, 0x810, 0x100001);
	l4_kip_set_word(kip, 0x818, 0x1ffffc00);
	l4_kip_set_word(kip, L4_KIP_OFF_PROC_DESC_PTR, 0x900);
	l4_kip_set_word(kip, L4_KIP_OFF_PROCESSOR_INFO,
			l4_processor_info(2, 5));
	l4_kip_set_word(kip, 0x920 + L4_PROCDESC_INTERNAL_FREQ, 3000000);
	l4_kip_set_word(kip, L4_KIP_OFF_ROOT_SERVER + L4_KIP_SERVER_IP, 0x1234);
	l4_kip_set_word(kip, L4_KIP_OFF_IPC, 0xffffffff80001000ull);
	CHECK(page[0xa8 / 8] == 0x0000080000000002ull);
	CHECK(l4_kip_is_valid(kip));
	CHECK(l4_kip_api_version(kip) == 0x84050000u);
	CHECK(l4_kip_num_memdesc(kip) == 2);
	CHECK(l4_kip_memdesc(kip, 1)[0] == 0x100001);
	CHECK(l4_kip_memdesc(kip, 1)[1] == 0x1ffffc00);
	CHECK(l4_kip_procdesc(kip, 1) == &page[0x920 / 8]);
	CHECK(l4_kip_procdesc(kip, 1)[1] == 3000000);
	CHECK(l4_kip_procdesc(kip, 2) == NULL);
	CHECK(l4_kip_server(kip, L4_KIP_OFF_ROOT_SERVER, L4_KIP_SERVER_IP) ==
	      0x1234);
	CHECK(l4_kip_syscall(kip, L4_KIP_OFF_IPC) == 0xffffffff80001000ull);
	l4_kip_set_word(kip, L4_KIP_OFF_MAGIC,
			0xffffffff00000000ull | L4_KIP_MAGIC);
	CHECK(l4_kip_is_valid(kip)); /* only the low 32 bits count */
	l4_kip_set_word(kip, L4_KIP_OFF_MAGIC, 0x4be6344d);
	CHECK(!l4_kip_is_valid(kip));
}

static void kip_features_follow_the_version_string(void)
{
	static l4_word_t page[L4_KIP_SIZE / 8];
	void *kip = page;
	static const char strings[] = "v1.0\0modcall\0bb\0";

	l4_kip_set_word(kip, L4_KIP_OFF_KERNEL_DESC_PTR, 0x300);
	l4_kip_set_word(kip, 0x300 + L4_KDESC_KERNEL_ID, 0x04020000);
	memcpy((char *)page + 0x300 + L4_KDESC_VERSION_STRING, strings,
	       sizeof(strings));
	CHECK(l4_kip_kernel_desc(kip) == &page[0x300 / 8]);
	CHECK(strcmp(l4_kip_feature(kip, 0), "modcall") == 0);
	CHECK(strcmp(l4_kip_feature(kip, 1), "bb") == 0);
	CHECK(l4_kip_feature(kip, 2) == NULL);
	CHECK(l4_kip_has_feature(kip, "bb"));
	CHECK(l4_kip_has_feature(kip, "modcall"));
	CHECK(!l4_kip_has_feature(kip, "b"));
	CHECK(!l4_kip_has_feature(kip, "bbb"));
	CHECK(!l4_kip_has_feature(kip, "v1.0"));
}

/* --------------------------------------------------------- bootinfo */

static void bootinfo_layout_is_words_in_abi_order(void)
{
	CHECK(offsetof(struct l4_bootinfo, magic) == 0x00);
	CHECK(offsetof(struct l4_bootinfo, version) == 0x08);
	CHECK(offsetof(struct l4_bootinfo, size) == 0x10);
	CHECK(offsetof(struct l4_bootinfo, first_entry) == 0x18);
	CHECK(offsetof(struct l4_bootinfo, num_entries) == 0x20);
	CHECK(offsetof(struct l4_bootrec, offset_next) == 0x10);
	CHECK(offsetof(struct l4_bootrec_module, start) == 0x18);
	CHECK(offsetof(struct l4_bootrec_module, size) == 0x20);
	CHECK(offsetof(struct l4_bootrec_module, cmdline_offset) == 0x28);
	CHECK(offsetof(struct l4_bootrec_multiboot, address) == 0x18);
	CHECK(L4_BOOTINFO_MAGIC == 0x14b0021d && L4_BOOTINFO_VERSION == 1);
	CHECK(L4_BOOTREC_MODULE == 1 && L4_BOOTREC_MULTIBOOT == 0x102);
	CHECK(L4_BOOTREC_SIMPLE_EXEC == 2);
}

/* Pistachio's L4_Boot_SimpleExec_t: thirteen words after the common three. */
static void bootinfo_simple_exec_layout_is_the_reference_one(void)
{
	CHECK(offsetof(struct l4_bootrec_exec, text_pstart) == 0x18);
	CHECK(offsetof(struct l4_bootrec_exec, text_vstart) == 0x20);
	CHECK(offsetof(struct l4_bootrec_exec, text_size) == 0x28);
	CHECK(offsetof(struct l4_bootrec_exec, data_pstart) == 0x30);
	CHECK(offsetof(struct l4_bootrec_exec, data_vstart) == 0x38);
	CHECK(offsetof(struct l4_bootrec_exec, data_size) == 0x40);
	CHECK(offsetof(struct l4_bootrec_exec, bss_pstart) == 0x48);
	CHECK(offsetof(struct l4_bootrec_exec, bss_vstart) == 0x50);
	CHECK(offsetof(struct l4_bootrec_exec, bss_size) == 0x58);
	CHECK(offsetof(struct l4_bootrec_exec, initial_ip) == 0x60);
	CHECK(offsetof(struct l4_bootrec_exec, flags) == 0x68);
	CHECK(offsetof(struct l4_bootrec_exec, label) == 0x70);
	CHECK(offsetof(struct l4_bootrec_exec, cmdline_offset) == 0x78);
}

/* The Multiboot Specification's offsets. */
static void mbi_layout_is_the_multiboot1_one(void)
{
	CHECK(offsetof(struct l4_mbi, mem_lower) == 4);
	CHECK(offsetof(struct l4_mbi, mem_upper) == 8);
	CHECK(offsetof(struct l4_mbi, cmdline) == 16);
	CHECK(offsetof(struct l4_mbi, mods_count) == 20);
	CHECK(offsetof(struct l4_mbi, mods_addr) == 24);
	CHECK(offsetof(struct l4_mbi, mmap_length) == 44);
	CHECK(offsetof(struct l4_mbi, mmap_addr) == 48);
	CHECK(offsetof(struct l4_mbi, boot_loader_name) == 64);
	CHECK(offsetof(struct l4_mbi_mmap, base_lo) == 4);
	CHECK(offsetof(struct l4_mbi_mmap, length_lo) == 12);
	CHECK(offsetof(struct l4_mbi_mmap, type) == 20);
	CHECK(L4_MBI_MEM == 0x1 && L4_MBI_CMDLINE == 0x4);
	CHECK(L4_MBI_MODS == 0x8 && L4_MBI_MMAP == 0x40);
	CHECK(L4_MBI_LOADER == 0x200);
}

static void bootinfo_records_chain_by_offset(void)
{
	static l4_word_t buf[64];
	struct l4_bootinfo *bi = (struct l4_bootinfo *)buf;
	struct l4_bootrec_module *m = (struct l4_bootrec_module *)&buf[8];
	struct l4_bootrec_multiboot *mb =
		(struct l4_bootrec_multiboot *)&buf[16];

	*bi = (struct l4_bootinfo){ .magic = L4_BOOTINFO_MAGIC,
				    .version = 1,
				    .size = sizeof(buf),
				    .first_entry = 64,
				    .num_entries = 2 };
	*m = (struct l4_bootrec_module){
		.rec = { .type = L4_BOOTREC_MODULE,
			 .version = 1,
			 .offset_next = 64 },
		.start = 0x400000,
		.size = 0x2000,
		.cmdline_offset = 48, /* buf[14], 6 words after the record */
	};
	strcpy((char *)&buf[14], "sigma0 -v");
	*mb = (struct l4_bootrec_multiboot){
		.rec = { .type = L4_BOOTREC_MULTIBOOT,
			 .version = 1,
			 .offset_next = 32 }, /* its size, as the last record */
		.address = 0x9000,
	};
	CHECK(l4_bootinfo_is_valid(bi));
	const struct l4_bootrec *r = l4_bootinfo_first(bi);

	CHECK(r == &m->rec && r->type == L4_BOOTREC_MODULE);
	CHECK(strcmp(l4_bootrec_module_cmdline(m), "sigma0 -v") == 0);
	r = l4_bootrec_next(r);
	CHECK(r == &mb->rec && r->type == L4_BOOTREC_MULTIBOOT);
	CHECK(((const struct l4_bootrec_multiboot *)r)->address == 0x9000);
	m->cmdline_offset = 0;
	CHECK(l4_bootrec_module_cmdline(m) == NULL);
	bi->version = 2;
	CHECK(!l4_bootinfo_is_valid(bi));
}

/* ----------------------------------------------------------- errors */

static void ipc_error_word_is_offset_code_phase(void)
{
	l4_word_t e =
		l4_ipc_error(L4_IPC_EMSGOVERFLOW, L4_IPC_PHASE_RECEIVE, 100);

	CHECK(e == 0x649ull);
	CHECK(l4_ipc_error_code(e) == 4);
	CHECK(l4_ipc_error_is_receive(e));
	CHECK(l4_ipc_error_offset(e) == 100);
	CHECK(l4_ipc_error(L4_IPC_ETIMEOUT, L4_IPC_PHASE_SEND, 0) == 0x2);
	CHECK(l4_ipc_error(L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE, 0) == 0x3);
	CHECK(l4_ipc_error(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND, 0) == 0x4);
	CHECK(!l4_ipc_error_is_receive(0x4));
	/* Pistachio builds it as ((code + (offset << 3)) << 1) | phase. */
	CHECK(l4_ipc_error(7, 1, 0x1234) ==
	      (((7 + (0x1234ull << 3)) << 1) | 1));
}

static void ipc_error_codes_are_1_to_7(void)
{
	CHECK(L4_IPC_ETIMEOUT == 1 && L4_IPC_ENOPARTNER == 2);
	CHECK(L4_IPC_ECANCELED == 3 && L4_IPC_EMSGOVERFLOW == 4);
	CHECK(L4_IPC_EXFERTIMEOUT_SELF == 5 && L4_IPC_EXFERTIMEOUT_PEER == 6);
	CHECK(L4_IPC_EABORTED == 7);
	CHECK(strcmp(l4_ipc_error_name(L4_IPC_EABORTED), "aborted") == 0);
}

static void syscall_error_codes_are_1_to_8(void)
{
	CHECK(L4_ERR_NO_PRIVILEGE == 1 && L4_ERR_INVALID_THREAD == 2);
	CHECK(L4_ERR_INVALID_SPACE == 3 && L4_ERR_INVALID_SCHEDULER == 4);
	CHECK(L4_ERR_INVALID_PARAM == 5 && L4_ERR_UTCB_AREA == 6);
	CHECK(L4_ERR_KIP_AREA == 7 && L4_ERR_NO_MEM == 8);
	CHECK(strcmp(l4_error_name(L4_ERR_NO_MEM), "out of memory") == 0);
	CHECK(strcmp(l4_error_name(99), "unknown error") == 0);
}

/* --------------------------------------------------------- protocol */

static void kernel_message_tags_have_negative_labels(void)
{
	CHECK(L4_LABEL_PAGEFAULT == 0xffffffffffffffe0ull);
	CHECK(l4_pagefault_tag(L4_FPAGE_RW).raw == 0xffffffffffe60002ull);
	CHECK(l4_pagefault_tag(L4_FPAGE_X).raw == 0xffffffffffe10002ull);
	CHECK(l4_exception_tag().raw == 0xffffffffffb00013ull);
	CHECK(l4_preemption_tag().raw == 0xffffffffffd00002ull);
	CHECK(l4_interrupt_tag().raw == 0xfffffffffff00000ull);
	CHECK(l4_sigma0_tag().raw == 0xffffffffffa00002ull);
}

static void kernel_message_tags_are_told_apart(void)
{
	l4_msgtag_t pf = l4_pagefault_tag(L4_FPAGE_W);

	CHECK(l4_is_pagefault_tag(pf) && l4_pagefault_rwx(pf) == 2);
	CHECK(l4_is_pagefault_tag(l4_pagefault_tag(0)));
	CHECK(!l4_is_exception_tag(pf) && !l4_is_sigma0_tag(pf));
	CHECK(l4_is_exception_tag(l4_exception_tag()));
	CHECK(!l4_is_pagefault_tag(l4_exception_tag()));
	CHECK(l4_is_preemption_tag(l4_preemption_tag()));
	CHECK(l4_is_interrupt_tag(l4_interrupt_tag()));
	CHECK(l4_is_sigma0_tag(l4_sigma0_tag()));
	CHECK(!l4_is_pagefault_tag(l4_msgtag_make(0x1234, 2, 0)));
	/* An error reply to a page fault is still recognised by label. */
	CHECK(l4_is_pagefault_tag(l4_msgtag_with_flags(pf, L4_MSGTAG_ERROR)));
}

static void exception_message_has_19_registers_in_abi_order(void)
{
	static const int mr[] = {
		L4_EXC_MR_RIP,	  L4_EXC_MR_RBX, L4_EXC_MR_R10,
		L4_EXC_MR_R12,	  L4_EXC_MR_R13, L4_EXC_MR_R14,
		L4_EXC_MR_R15,	  L4_EXC_MR_RAX, L4_EXC_MR_RCX,
		L4_EXC_MR_RDX,	  L4_EXC_MR_RSI, L4_EXC_MR_RDI,
		L4_EXC_MR_RBP,	  L4_EXC_MR_R8,	 L4_EXC_MR_R9,
		L4_EXC_MR_R11,	  L4_EXC_MR_RSP, L4_EXC_MR_RFLAGS,
		L4_EXC_MR_NUMBER,
	};

	CHECK(sizeof(mr) / sizeof(mr[0]) == L4_EXC_UNTYPED);
	for (int i = 0; i < L4_EXC_UNTYPED; i++)
		CHECK(mr[i] == i + 1);
	CHECK(L4_PF_MR_ADDR == 1 && L4_PF_MR_IP == 2 && L4_PF_UNTYPED == 2);
}

static void interrupt_and_initial_thread_ids(void)
{
	CHECK(l4_irq_thread(5).raw == 0x0000000500000001ull);
	CHECK(l4_sigma0_thread(0x10).raw == 0x0000001000000001ull);
	CHECK(l4_sigma1_thread(0x10).raw == 0x0000001100000001ull);
	CHECK(l4_roottask_thread(0x10).raw == 0x0000001200000001ull);
}

static void sigma0_any_page_request_has_all_base_bits_set(void)
{
	l4_fpage_t f = l4_sigma0_any_fpage(12, L4_FPAGE_RW);

	CHECK(f.raw == 0xfffffffffffffcc6ull);
	CHECK(l4_sigma0_is_any(f));
	CHECK(l4_sigma0_is_any(l4_fpage(~0ull, 21, L4_FPAGE_RW)));
	CHECK(!l4_sigma0_is_any(l4_fpage(0x1000, 12, L4_FPAGE_RW)));
	CHECK(!l4_sigma0_is_any(L4_NILPAGE));
	CHECK(L4_SIGMA0_MR_FPAGE == 1 && L4_SIGMA0_MR_ATTR == 2);
}

static void kdebug_ops_and_kernel_interface_bytes(void)
{
	CHECK(L4_KDB_PUTC == 0x00 && L4_KDB_PUTS == 0x01);
	CHECK(L4_KDB_CLEAR_PAGE == 0x02 && L4_KDB_GETC == 0x08);
	CHECK(L4_KDB_GETC_BLOCKING == 0x0d);
	CHECK(L4_KDB_INT3 == 0xcc && L4_KDB_CMPB_AL == 0x3c);
	CHECK(L4_KERNEL_INTERFACE_BYTE0 == 0xf0);
	CHECK(L4_KERNEL_INTERFACE_BYTE1 == 0x90);
}

/* --------------------------------------------------------- schedule */

static void exregs_control_bits_are_pistachios(void)
{
	CHECK(L4_EXREGS_HALT == 0x001 && L4_EXREGS_ABORT_RECEIVE == 0x002);
	CHECK(L4_EXREGS_ABORT_SEND == 0x004 && L4_EXREGS_SET_SP == 0x008);
	CHECK(L4_EXREGS_SET_IP == 0x010 && L4_EXREGS_SET_FLAGS == 0x020);
	CHECK(L4_EXREGS_SET_HANDLE == 0x040 && L4_EXREGS_SET_PAGER == 0x080);
	CHECK(L4_EXREGS_HALTFLAG == 0x100 && L4_EXREGS_DELIVER == 0x200);
	CHECK(L4_EXREGS_START == (1 << 8) + 6);		  /* L4_Start */
	CHECK(L4_EXREGS_STOP == 1 + (1 << 8) + (1 << 9)); /* L4_Stop */
	CHECK(l4_thread_was_halted(0x1) && !l4_thread_was_halted(0x6));
	CHECK(l4_thread_was_receiving(0x2) && l4_thread_was_sending(0x4));
	CHECK(L4_UTCB_LOCATION_UNCHANGED == ~0ull);
}

static void schedule_control_words_pack_their_fields(void)
{
	l4_word_t tc = l4_time_control(l4_time_period(10, 10), L4_NEVER);

	CHECK(tc == 0x280a0000ull);
	CHECK(l4_time_control_timeslice(tc).raw == 0x280a);
	CHECK(l4_time_control_total_quantum(tc).raw == 0);
	CHECK(l4_prio_control(300) == 44 && l4_prio_control_prio(0x1ff) == 255);
	CHECK(l4_processor_control(3) == 3);
	CHECK(l4_processor_control_cpu(0x10002) == 2);
	CHECK(l4_preemption_control(200, 1000) == 0xc803e8ull);
	CHECK(l4_preemption_control_sensitive_prio(0xc803e8) == 200);
	CHECK(l4_preemption_control_max_delay(0xc803e8) == 1000);
	CHECK(L4_SCHEDULE_UNCHANGED == ~0ull && L4_PRIO_MAX == 255);
	CHECK(L4_SCHEDRESULT_ERROR == 0 && L4_SCHEDRESULT_RUNNING == 3);
	CHECK(L4_SCHEDRESULT_RECEIVING == 7);
}

int main(void)
{
	RUN(bits_extract_and_insert_fields);
	RUN(log2_roundup_gives_smallest_covering_power);
	RUN(global_id_is_number_high_version_low);
	RUN(special_thread_ids_are_0_minus1_minus64);
	RUN(local_id_is_utcb_address_with_low_six_bits_zero);
	RUN(version_needs_nonzero_low_six_bits);
	RUN(same_thread_compares_words);
	RUN(msgtag_packs_label_flags_t_u);
	RUN(msgtag_flags_are_bits_12_to_15);
	RUN(msgtag_setters_change_one_field);
	RUN(msgtag_label_keeps_low_48_bits);
	RUN(fpage_packs_base_size_rights);
	RUN(fpage_rights_bits_are_r4_w2_x1);
	RUN(fpage_base_is_rounded_to_size);
	RUN(nilpage_is_0_and_complete_space_is_s1_base0);
	RUN(iofpage_has_port_size_and_id_2);
	RUN(map_and_grant_items_have_type_100_and_101);
	RUN(string_item_packs_length_c_substrings);
	RUN(acceptor_is_window_above_bit_4_and_s_bit);
	RUN(unmap_control_is_k_and_flush_bit_6);
	RUN(never_is_0_and_zero_is_0x400);
	RUN(period_lasts_m_times_2_to_the_e_us);
	RUN(time_from_us_rounds_up_to_nearest_period);
	RUN(time_from_us_is_tight_for_random_lengths);
	RUN(point_packs_e_c_m_under_bit_15);
	RUN(timeouts_word_is_send_high_receive_low);
	RUN(utcb_offsets_match_abi_table);
	RUN(utcb_fits_its_1k_block_around_mr0);
	RUN(utcb_accessors_reach_the_right_words);
	RUN(kip_offsets_match_abi_table);
	RUN(kip_values_are_x2_amd64);
	RUN(kip_info_words_pack_their_fields);
	RUN(memdesc_packs_type_subtype_v_and_range);
	RUN(kip_accessors_read_a_kip);
	RUN(kip_features_follow_the_version_string);
	RUN(bootinfo_layout_is_words_in_abi_order);
	RUN(bootinfo_records_chain_by_offset);
	RUN(bootinfo_simple_exec_layout_is_the_reference_one);
	RUN(mbi_layout_is_the_multiboot1_one);
	RUN(ipc_error_word_is_offset_code_phase);
	RUN(ipc_error_codes_are_1_to_7);
	RUN(syscall_error_codes_are_1_to_8);
	RUN(kernel_message_tags_have_negative_labels);
	RUN(kernel_message_tags_are_told_apart);
	RUN(exception_message_has_19_registers_in_abi_order);
	RUN(interrupt_and_initial_thread_ids);
	RUN(sigma0_any_page_request_has_all_base_bits_set);
	RUN(kdebug_ops_and_kernel_interface_bytes);
	RUN(exregs_control_bits_are_pistachios);
	RUN(schedule_control_words_pack_their_fields);
	return check_done();
}
