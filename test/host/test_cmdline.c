// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the kernel command line (kernel/cmdline.c): finding keys
 * and values among space-separated words, and reading numbers with an
 * optional 0x prefix and K, M or G suffix.
 */
#include <string.h>

#include <kernel/cmdline.h>

#include "check.h"

static void cmdline_get_finds_a_bare_key_with_an_empty_value(void)
{
	char val[16] = "junk";

	CHECK(cmdline_get("quiet ktest", "ktest", val, sizeof(val)));
	CHECK(strcmp(val, "") == 0);
	CHECK(cmdline_get("quiet ktest", "quiet", val, sizeof(val)));
	CHECK(strcmp(val, "") == 0);
}

static void cmdline_get_finds_the_value_of_a_key(void)
{
	char val[16];

	CHECK(cmdline_get("a=1 kmem=4M b", "kmem", val, sizeof(val)));
	CHECK(strcmp(val, "4M") == 0);
	CHECK(cmdline_get("a=1 kmem=4M b", "a", val, sizeof(val)));
	CHECK(strcmp(val, "1") == 0);
}

static void cmdline_get_keeps_everything_after_the_first_equals_sign(void)
{
	char val[16];

	CHECK(cmdline_get("init=/bin/x=y", "init", val, sizeof(val)));
	CHECK(strcmp(val, "/bin/x=y") == 0);
	CHECK(cmdline_get("empty=", "empty", val, sizeof(val)));
	CHECK(strcmp(val, "") == 0);
}

static void cmdline_get_does_not_match_a_key_that_is_a_prefix_of_a_word(void)
{
	char val[16] = "untouched";

	CHECK(!cmdline_get("ktest.inject=x", "ktest", val, sizeof(val)));
	CHECK(!cmdline_get("ktests", "ktest", val, sizeof(val)));
	CHECK(!cmdline_get("ktestx=1 ktest.a", "ktest", val, sizeof(val)));
	CHECK(strcmp(val, "untouched") == 0);
	/* The whole word still matches after those. */
	CHECK(cmdline_get("ktest.inject=x ktest=2", "ktest", val, sizeof(val)));
	CHECK(strcmp(val, "2") == 0);
}

static void cmdline_get_does_not_match_a_word_that_is_a_prefix_of_the_key(void)
{
	CHECK(!cmdline_get("kte kte=1", "ktest", NULL, 0));
}

static void cmdline_get_does_not_match_inside_a_value(void)
{
	CHECK(!cmdline_get("a=ktest", "ktest", NULL, 0));
	CHECK(!cmdline_get("a=b=ktest", "b", NULL, 0));
}

static void cmdline_get_takes_the_first_of_repeated_keys(void)
{
	char val[16];

	CHECK(cmdline_get("n=1 n=2", "n", val, sizeof(val)));
	CHECK(strcmp(val, "1") == 0);
}

static void cmdline_get_truncates_the_value_to_the_buffer(void)
{
	char val[8];

	memset(val, 'X', sizeof(val));
	CHECK(cmdline_get("k=abcdefghij", "k", val, 4));
	CHECK(strcmp(val, "abc") == 0);
	CHECK(val[4] == 'X');
	CHECK(cmdline_get("k=abcdefghij", "k", val, 1));
	CHECK(val[0] == 0 && val[1] == 'b');
	/* A value that exactly fits. */
	CHECK(cmdline_get("k=abcdefg", "k", val, sizeof(val)));
	CHECK(strcmp(val, "abcdefg") == 0);
}

static void cmdline_get_with_no_buffer_only_says_whether_the_key_is_there(void)
{
	char val[4] = "abc";

	CHECK(cmdline_get("x=1 y", "x", NULL, 0));
	CHECK(cmdline_get("x=1 y", "y", NULL, 16));
	CHECK(!cmdline_get("x=1 y", "z", NULL, 0));
	/* A zero-length buffer is not written. */
	CHECK(cmdline_get("x=1 y", "x", val, 0));
	CHECK(strcmp(val, "abc") == 0);
}

static void cmdline_get_finds_nothing_in_an_empty_command_line(void)
{
	CHECK(!cmdline_get("", "ktest", NULL, 0));
	CHECK(!cmdline_get("   ", "ktest", NULL, 0));
}

static void cmdline_get_skips_leading_trailing_and_repeated_spaces(void)
{
	char val[16];

	CHECK(cmdline_get("   a=1    b=22   ", "b", val, sizeof(val)));
	CHECK(strcmp(val, "22") == 0);
	CHECK(cmdline_get("   a=1    b=22   ", "a", val, sizeof(val)));
	CHECK(strcmp(val, "1") == 0);
	CHECK(!cmdline_get("   a=1    b=22   ", "c", val, sizeof(val)));
}

static void parse_u64_reads_decimal(void)
{
	uint64_t v = 1;

	CHECK(parse_u64("0", &v) && v == 0);
	CHECK(parse_u64("42", &v) && v == 42);
	CHECK(parse_u64("0042", &v) && v == 42);
	CHECK(parse_u64("18446744073709551615", &v) && v == UINT64_MAX);
}

static void parse_u64_reads_hex_with_0x(void)
{
	uint64_t v = 1;

	CHECK(parse_u64("0x0", &v) && v == 0);
	CHECK(parse_u64("0x1f", &v) && v == 0x1f);
	CHECK(parse_u64("0XaBcDeF", &v) && v == 0xabcdef);
	CHECK(parse_u64("0xffffffffffffffff", &v) && v == UINT64_MAX);
}

static void parse_u64_applies_k_m_g_suffixes_as_powers_of_1024(void)
{
	uint64_t v = 1;

	CHECK(parse_u64("4K", &v) && v == 4096);
	CHECK(parse_u64("4k", &v) && v == 4096);
	CHECK(parse_u64("16M", &v) && v == 16ull << 20);
	CHECK(parse_u64("16m", &v) && v == 16ull << 20);
	CHECK(parse_u64("2G", &v) && v == 2ull << 30);
	CHECK(parse_u64("2g", &v) && v == 2ull << 30);
	CHECK(parse_u64("0x10M", &v) && v == 16ull << 20);
	CHECK(parse_u64("0x12g", &v) && v == 0x12ull << 30);
	CHECK(parse_u64("0K", &v) && v == 0);
}

static void parse_u64_rejects_overflow(void)
{
	uint64_t v = 7;

	CHECK(!parse_u64("18446744073709551616", &v));
	CHECK(!parse_u64("99999999999999999999999", &v));
	CHECK(!parse_u64("0x10000000000000000", &v));
	CHECK(!parse_u64("17179869184G", &v)); /* 2^34 G = 2^64 */
	CHECK(parse_u64("17179869183G", &v) && v == 17179869183ull << 30);
	CHECK(!parse_u64("0x40000000000000K", &v)); /* 2^54 K = 2^64 */
	CHECK(parse_u64("0x3fffffffffffffK", &v));
	CHECK(v == 0x3fffffffffffffull << 10);
}

static void parse_u64_rejects_garbage(void)
{
	uint64_t v = 7;

	CHECK(!parse_u64("abc", &v));
	CHECK(!parse_u64("12abc", &v));
	CHECK(!parse_u64("0x12z", &v));
	CHECK(!parse_u64("-1", &v));
	CHECK(!parse_u64("+1", &v));
	CHECK(!parse_u64(" 1", &v));
	CHECK(!parse_u64("1 ", &v));
	CHECK(!parse_u64("4KB", &v));
	CHECK(!parse_u64("4KK", &v));
	CHECK(!parse_u64("4T", &v));
	CHECK(!parse_u64("ff", &v));
	CHECK(v == 7);
}

static void parse_u64_rejects_a_suffix_or_prefix_without_digits(void)
{
	uint64_t v = 7;

	CHECK(!parse_u64("K", &v));
	CHECK(!parse_u64("M", &v));
	CHECK(!parse_u64("0x", &v));
	CHECK(!parse_u64("0xK", &v));
	CHECK(!parse_u64("0xg", &v));
	CHECK(v == 7);
}

static void parse_u64_rejects_an_empty_string(void)
{
	uint64_t v = 7;

	CHECK(!parse_u64("", &v));
	CHECK(v == 7);
}

static void cmdline_u64_reads_the_value_of_a_key(void)
{
	CHECK(cmdline_u64("kmem=8M hz=100", "kmem", 1) == 8ull << 20);
	CHECK(cmdline_u64("kmem=8M hz=100", "hz", 1) == 100);
	CHECK(cmdline_u64("base=0x1000", "base", 1) == 0x1000);
}

static void cmdline_u64_gives_the_default_for_a_missing_key(void)
{
	CHECK(cmdline_u64("", "hz", 250) == 250);
	CHECK(cmdline_u64("hzz=100 xhz=100", "hz", 250) == 250);
}

static void cmdline_u64_gives_the_default_for_a_malformed_value(void)
{
	CHECK(cmdline_u64("hz", "hz", 250) == 250);
	CHECK(cmdline_u64("hz=", "hz", 250) == 250);
	CHECK(cmdline_u64("hz=fast", "hz", 250) == 250);
	CHECK(cmdline_u64("hz=99999999999999999999", "hz", 250) == 250);
}

static void cmdline_u64_gives_the_default_for_a_value_too_long_to_read(void)
{
	/* 31 characters or more: a truncated copy must not be read as 1. */
	CHECK(cmdline_u64("n=000000000000000000000000000000000000001G", "n",
			  5) == 5);
	CHECK(cmdline_u64("n=0000000000000000000000000000001", "n", 5) == 5);
	/* 30 characters still fit. */
	CHECK(cmdline_u64("n=000000000000000000000000000001", "n", 5) == 1);
}

int main(void)
{
	RUN(cmdline_get_finds_a_bare_key_with_an_empty_value);
	RUN(cmdline_get_finds_the_value_of_a_key);
	RUN(cmdline_get_keeps_everything_after_the_first_equals_sign);
	RUN(cmdline_get_does_not_match_a_key_that_is_a_prefix_of_a_word);
	RUN(cmdline_get_does_not_match_a_word_that_is_a_prefix_of_the_key);
	RUN(cmdline_get_does_not_match_inside_a_value);
	RUN(cmdline_get_takes_the_first_of_repeated_keys);
	RUN(cmdline_get_truncates_the_value_to_the_buffer);
	RUN(cmdline_get_with_no_buffer_only_says_whether_the_key_is_there);
	RUN(cmdline_get_finds_nothing_in_an_empty_command_line);
	RUN(cmdline_get_skips_leading_trailing_and_repeated_spaces);
	RUN(parse_u64_reads_decimal);
	RUN(parse_u64_reads_hex_with_0x);
	RUN(parse_u64_applies_k_m_g_suffixes_as_powers_of_1024);
	RUN(parse_u64_rejects_overflow);
	RUN(parse_u64_rejects_garbage);
	RUN(parse_u64_rejects_a_suffix_or_prefix_without_digits);
	RUN(parse_u64_rejects_an_empty_string);
	RUN(cmdline_u64_reads_the_value_of_a_key);
	RUN(cmdline_u64_gives_the_default_for_a_missing_key);
	RUN(cmdline_u64_gives_the_default_for_a_malformed_value);
	RUN(cmdline_u64_gives_the_default_for_a_value_too_long_to_read);
	return check_done();
}
