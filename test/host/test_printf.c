// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the kernel's printf (kernel/printf.c): ksnprintf() against
 * the C library's snprintf() over a table of conversions, flags, widths,
 * precisions and length modifiers, and over random conversions; then
 * truncation, the return value, and the cases where the kernel and glibc
 * legitimately differ, checked directly.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/printf.h>

#include "check.h"

static char kbuf[512], cbuf[512];

/* Check that the kernel's and the C library's results agree. */
static void same(int line, const char *call, int kn, int cn)
{
	bool ok = kn == cn && kn >= 0 && kn < (int)sizeof(kbuf) &&
		  memcmp(kbuf, cbuf, (size_t)kn + 1) == 0;

	if (!check_at(ok, call, __FILE__, line))
		printf("    %s: kernel \"%s\" (%d), libc \"%s\" (%d)\n", call,
		       kbuf, kn, cbuf, cn);
}

/* Format the arguments with both printfs and compare. */
#define SAME(...)                                        \
	same(__LINE__, #__VA_ARGS__,                     \
	     ksnprintf(kbuf, sizeof(kbuf), __VA_ARGS__), \
	     snprintf(cbuf, sizeof(cbuf), __VA_ARGS__))

static void printf_copies_plain_text_and_percent_signs(void)
{
	SAME("hello, world");
	SAME("%%");
	SAME("a%%b%%%%c");
	SAME("%s%%%d", "x", 1);
}

static void printf_d_and_i_match_libc(void)
{
	SAME("%d", 0);
	SAME("%d", 1);
	SAME("%d", -1);
	SAME("%d", 42);
	SAME("%d", -42);
	SAME("%d", INT_MAX);
	SAME("%d", INT_MIN);
	SAME("%i", 123456789);
	SAME("%i", -987654321);
	SAME("[%d|%i|%d]", 1, -2, 3);
}

static void printf_u_x_o_match_libc(void)
{
	SAME("%u", 0u);
	SAME("%u", 3000000000u);
	SAME("%u", UINT_MAX);
	SAME("%x", 0u);
	SAME("%x", 0xdeadbeefu);
	SAME("%X", 0xdeadbeefu);
	SAME("%x", UINT_MAX);
	SAME("%o", 0u);
	SAME("%o", 8u);
	SAME("%o", 0777u);
	SAME("%o", UINT_MAX);
	SAME("%u", (unsigned)-1);
}

static void printf_p_matches_libc_for_pointers_other_than_null(void)
{
	SAME("%p", (void *)0x1);
	SAME("%p", (void *)0x1234);
	SAME("%p", (void *)kbuf);
	SAME("%p", (void *)UINTPTR_MAX);
	SAME("%20p|%-20p|", (void *)0xabcdef, (void *)0xabcdef);
}

static void printf_s_and_c_match_libc(void)
{
	SAME("%s", "");
	SAME("%s", "text");
	SAME("%s and %s", "this", "that");
	SAME("%c", 'a');
	SAME("%c%c%c", 'x', 'y', 'z');
	SAME("%c", 0xe9);
	SAME("%5c|%-5c|", 'q', 'r');
	SAME("%8s|%-8s|%2s|", "abc", "abc", "abcdef");
	SAME("%.2s|%.0s|%.10s|", "abc", "abc", "abc");
	SAME("%6.2s|%-6.2s|", "abcdef", "abcdef");
}

static void printf_flags_match_libc(void)
{
	SAME("%-5d|", 42);
	SAME("%05d", 42);
	SAME("%05d", -42);
	SAME("%+d %+d %+d", 5, -5, 0);
	SAME("% d % d % d", 5, -5, 0);
	SAME("%+05d", 42);
	SAME("% 05d", 42);
	SAME("%-+6d|", 42);
	SAME("%#x %#X %#o", 255u, 255u, 8u);
	SAME("%#x %#X %#o", 0u, 0u, 0u);
	SAME("%#010x", 255u);
	SAME("%#10x|%-#10x|", 255u, 255u);
	SAME("%#08o", 8u);
	SAME("%#.5x", 255u);
	SAME("%#.3o %#.2o %#.5o %#5.3o", 8u, 8u, 8u, 8u);
}

/*
 * Flags that C says another flag or the conversion overrides, and values
 * wider than their length modifier. The compiler rightly warns about them;
 * here they are on purpose.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
static void printf_ignores_overridden_flags_like_libc(void)
{
	SAME("%+ d|% +d|%+ d", 5, 5, -5);
	SAME("%+u % u %+x % x %+o", 5u, 5u, 5u, 5u, 5u);
	SAME("%--5d|%00d|%##x|%++d", 1, 2, 3u, 4);
	SAME("%-05d|%-#08x|", 42, 42u);
	SAME("%010.3d|%08.0d|%08.3x|", 7, 0, 7u);
	SAME("%0*.*x|%0*.*x|", 10, -1, 0xabcu, 10, 2, 0xabcu);
}

/* Values too wide for hh and h: the int argument is narrowed. */
static void printf_hh_and_h_narrow_wider_values_like_libc(void)
{
	SAME("%hhd %hhd %hhd", 127, 128, -129);
	SAME("%hhu %hhx %hho", 255, 256, 511);
	SAME("%hd %hd %hd", 32767, 32768, -32769);
	SAME("%hu %hx %ho", 65535, 65536, 70000);
}
#pragma GCC diagnostic pop

static void printf_width_and_precision_match_libc(void)
{
	SAME("%1d|%2d|%10d|", 123, 123, 123);
	SAME("%-10d|", -123);
	SAME("%.1d|%.3d|%.10d|", 7, 7, 7);
	SAME("%.5d", -42);
	SAME("%8.5d|%-8.5d|", -42, -42);
	SAME("%+.3d", 7);
	SAME("%.3u|%.8x|%.4o|", 5u, 0xabu, 7u);
	SAME("%20u|%-20x|", 12345u, 0x1234u);
}

static void printf_star_width_and_precision_match_libc(void)
{
	SAME("%*d|", 6, 42);
	SAME("%*d|", -6, 42);
	SAME("%-*d|", 6, 42);
	SAME("%-*d|", -6, 42);
	SAME("%0*d|", 6, -42);
	SAME("%.*d|", 4, 42);
	SAME("%.*d|", -4, 42);
	SAME("%.*d|", 0, 0);
	SAME("%*.*d|", 8, 4, 42);
	SAME("%*.*d|", -8, 4, 42);
	SAME("%*.*s|", 6, 2, "abcdef");
	SAME("%.*s|", -1, "abcdef");
	SAME("%*s|%*c|", 4, "a", 3, 'b');
}

static void printf_length_modifiers_match_libc(void)
{
	SAME("%hhd %hhd", (signed char)127, (signed char)-128);
	SAME("%hhu %hhx %hho", (unsigned char)255, (unsigned char)171,
	     (unsigned char)8);
	SAME("%hd %hd", (short)32767, (short)-32768);
	SAME("%hu %hx %ho", (unsigned short)65535, (unsigned short)0xabcd,
	     (unsigned short)8);
	SAME("%ld %ld %ld", 0L, LONG_MAX, LONG_MIN);
	SAME("%lu %lx %lo", ULONG_MAX, ULONG_MAX, ULONG_MAX);
	SAME("%lld %lld", LLONG_MAX, LLONG_MIN);
	SAME("%llu %llx %llX %llo", ULLONG_MAX, ULLONG_MAX, ULLONG_MAX,
	     ULLONG_MAX);
	SAME("%zu %zx %zd", SIZE_MAX, SIZE_MAX, (ptrdiff_t)-5);
	SAME("%td %td %tx", PTRDIFF_MAX, PTRDIFF_MIN, (ptrdiff_t)-1);
	SAME("%li|%lli|%hi|%hhi", -1L, -2LL, (short)-3, (signed char)-4);
	SAME("%#lx %#llo", 0x123456789abcdefUL, 01234567012345670123ULL);
}

static void printf_int64_extremes_match_libc(void)
{
	SAME("%lld", (long long)INT64_MIN);
	SAME("%lld", (long long)INT64_MAX);
	SAME("%llu", (unsigned long long)UINT64_MAX);
	SAME("%llx", (unsigned long long)UINT64_MAX);
	SAME("%llo", (unsigned long long)UINT64_MAX);
	SAME("%30lld|%-30lld|", (long long)INT64_MIN, (long long)INT64_MIN);
	SAME("%030lld|%.25lld|", (long long)INT64_MIN, (long long)INT64_MIN);
	SAME("%+lld|% lld|", (long long)INT64_MAX, (long long)INT64_MAX);
	SAME("%ld", (long)INT64_MIN);
	SAME("%zd", (ptrdiff_t)INT64_MIN);
}

static void printf_zero_with_precision_zero_prints_no_digits(void)
{
	SAME("[%.0d]", 0);
	SAME("[%.d]", 0);
	SAME("[%5.0d]", 0);
	SAME("[%-5.0d]", 0);
	SAME("[%.0u|%.0x|%.0X|%.0o]", 0u, 0u, 0u, 0u);
	SAME("[%#.0x|%#.0o]", 0u, 0u);
	SAME("[%+.0d|% .0d]", 0, 0);
	SAME("[%.0d|%.0x]", 1, 1u);
}

static void printf_prints_null_strings_as_null_in_parentheses(void)
{
	const char *volatile none = NULL;

	CHECK(ksnprintf(kbuf, sizeof(kbuf), "%s", none) == 6);
	CHECK(strcmp(kbuf, "(null)") == 0);
	CHECK(ksnprintf(kbuf, sizeof(kbuf), "[%8s|%-8s]", none, none) == 19);
	CHECK(strcmp(kbuf, "[  (null)|(null)  ]") == 0);
}

static void printf_prints_null_pointers_as_zero(void)
{
	void *volatile none = NULL;

	CHECK(ksnprintf(kbuf, sizeof(kbuf), "%p", none) == 1);
	CHECK(strcmp(kbuf, "0") == 0);
}

static void printf_reads_an_unterminated_string_only_up_to_the_precision(void)
{
	char *s = malloc(3);

	memcpy(s, "abc", 3); /* no NUL: ASan catches a read past it */
	SAME("%.3s|%.2s|%5.3s|", s, s, s);
	free(s);
}

static void printf_c_of_nul_writes_one_character(void)
{
	SAME("%c", 0);
	SAME("[%c]", 0);
	SAME("[%3c|%-3c]", 0, 0);
}

/* A format that the compiler must not check: odd on purpose. */
static int unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void printf_ignores_a_lone_percent_at_the_end(void)
{
	CHECK(unchecked(kbuf, sizeof(kbuf), "abc%") == 3);
	CHECK(strcmp(kbuf, "abc") == 0);
	CHECK(unchecked(kbuf, sizeof(kbuf), "abc%-08") == 3);
	CHECK(strcmp(kbuf, "abc") == 0);
}

static void printf_prints_an_unknown_conversion_as_it_is(void)
{
	CHECK(unchecked(kbuf, sizeof(kbuf), "%y%d", 7) == 3);
	CHECK(strcmp(kbuf, "%y7") == 0);
}

static void ksnprintf_returns_the_full_length_when_it_truncates(void)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 5, "hello %s", "world") == 11);
	CHECK(strcmp(buf, "hell") == 0);
	CHECK(buf[5] == 'X');
}

static void ksnprintf_fills_the_buffer_exactly_when_the_text_fits(void)
{
	char buf[8];

	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 6, "%d", 12345) == 5);
	CHECK(strcmp(buf, "12345") == 0);
	CHECK(buf[6] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 5, "%d", 12345) == 5);
	CHECK(strcmp(buf, "1234") == 0);
	CHECK(buf[5] == 'X');
}

static void ksnprintf_always_nul_terminates_when_size_is_positive(void)
{
	char buf[4];

	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 1, "%s", "abc") == 3);
	CHECK(buf[0] == 0 && buf[1] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 2, "%x", 0xabcu) == 3);
	CHECK(buf[0] == 'a' && buf[1] == 0 && buf[2] == 'X');
	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, sizeof(buf), "%s", "") == 0);
	CHECK(buf[0] == 0 && buf[1] == 'X');
}

static void ksnprintf_with_size_zero_writes_nothing(void)
{
	char buf[4];

	memset(buf, 'X', sizeof(buf));
	CHECK(ksnprintf(buf, 0, "%s", "abc") == 3);
	CHECK(buf[0] == 'X');
	CHECK(ksnprintf(NULL, 0, "%d-%d", 10, 20) == 5);
}

static void ksnprintf_truncates_to_any_size(void)
{
	const char *full = "the quick brown fox=   42";
	size_t len = strlen(full);

	for (size_t size = 0; size < len + 4; size++) {
		char buf[32], want[32];
		size_t keep = size ? (size - 1 < len ? size - 1 : len) : 0;

		memset(buf, 'X', sizeof(buf));
		memset(want, 'X', sizeof(want));
		memcpy(want, full, keep);
		if (size)
			want[keep] = 0;
		CHECK(ksnprintf(buf, size, "%s=%5d", "the quick brown fox",
				42) == (int)len);
		CHECK(memcmp(buf, want, sizeof(buf)) == 0);
	}
}

/* kvformat()'s sink for the test below: counts and keeps the text. */
static void collect(char c, void *arg)
{
	char **p = arg;

	*(*p)++ = c;
}

/* Run kvformat() into @buf with the collect() sink. */
static int PRINTF_LIKE(2, 3) format_into(char *buf, const char *fmt, ...)
{
	va_list ap;
	char *p = buf;
	int n;

	va_start(ap, fmt);
	n = kvformat(collect, &p, fmt, ap);
	va_end(ap);
	*p = 0;
	return n == p - buf ? n : -1;
}

static void kvformat_calls_the_sink_once_per_character(void)
{
	char buf[64];

	CHECK(format_into(buf, "<%d:%s:%c>", -7, "ab", 'z') == 9);
	CHECK(strcmp(buf, "<-7:ab:z>") == 0);
	CHECK(format_into(buf, "%c", 0) == 1);
	CHECK(buf[0] == 0);
}

static void kprintf_returns_the_number_of_characters_printed(void)
{
	host_console_quiet = true;
	CHECK(kprintf("%s %d\n", "kprintf", 12) == 11);
	host_console_quiet = false;
}

/*
 * Random conversions. Only combinations whose meaning C defines are made,
 * and none where glibc's choice differs from the kernel's (a null %p).
 */
static uint64_t rng = 0x853c49e6748fea9bull;

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

/* A random 64-bit value, often small or at a boundary. */
static uint64_t rnd_value(void)
{
	static const uint64_t special[] = {
		0,	   1,	       7,	   8,	       9,
		10,	   15,	       16,	   127,	       128,
		255,	   256,	       32767,	   32768,      65535,
		65536,	   INT32_MAX,  0x80000000, UINT32_MAX, INT64_MAX,
		INT64_MIN, UINT64_MAX, -1ull,	   -2ull,      -128ull,
	};
	unsigned bits = 1 + rnd_below(64);

	if (rnd_below(3) == 0)
		return special[rnd_below(sizeof(special) / sizeof(*special))];
	return rnd() >> (64 - bits);
}

struct rnd_spec {
	char fmt[64];
	char conv;
	const char *len; /* length modifier */
	int nstars, star[2];
};

/* Append @s to the format being built. */
static void put(struct rnd_spec *sp, const char *s)
{
	strncat(sp->fmt, s, sizeof(sp->fmt) - strlen(sp->fmt) - 1);
}

/* Append a width or precision: none, a number or '*'. */
static void put_number(struct rnd_spec *sp, bool prec, int lo)
{
	char num[16];

	if (rnd_below(4) == 0) {
		put(sp, "*");
		sp->star[sp->nstars++] = lo + (int)rnd_below(26 - lo + 1);
		return;
	}
	snprintf(num, sizeof(num), "%u", rnd_below(26));
	if (!prec && num[0] == '0')
		return; /* a leading 0 would be the flag */
	put(sp, num);
}

/* The length modifiers. */
static const char *const lens[] = { "", "hh", "h", "l", "ll", "z", "t" };

/* Make a random, well-defined conversion between two brackets. */
static void rnd_spec(struct rnd_spec *sp)
{
	const char *conv = "diuxXocsp";
	bool num, sign;

	*sp = (struct rnd_spec){ .conv = conv[rnd_below(9)], .len = "" };
	num = strchr("diuxXo", sp->conv) != NULL;
	sign = sp->conv == 'd' || sp->conv == 'i';
	put(sp, "[%");
	if (rnd_below(4) == 0)
		put(sp, "-");
	if (num && rnd_below(4) == 0)
		put(sp, "0");
	if (strchr("xXo", sp->conv) && rnd_below(3) == 0)
		put(sp, "#");
	if (sign && rnd_below(4) == 0)
		put(sp, " ");
	if (sign && rnd_below(4) == 0)
		put(sp, "+");
	if (rnd_below(3))
		put_number(sp, false, -26);
	if (sp->conv != 'c' && sp->conv != 'p' && rnd_below(2)) {
		put(sp, ".");
		put_number(sp, true, -3);
	}
	if (num)
		sp->len = lens[rnd_below(7)];
	put(sp, sp->len);
	put(sp, (char[]){ sp->conv, 0 });
	put(sp, "]");
}

/* Format @v (as the spec's type says) with both printfs. */
#define BOTH(v)                                                          \
	do {                                                             \
		if (sp->nstars == 0) {                                   \
			*kn = ksnprintf(kbuf, sizeof(kbuf), sp->fmt, v); \
			*cn = snprintf(cbuf, sizeof(cbuf), sp->fmt, v);  \
		} else if (sp->nstars == 1) {                            \
			*kn = ksnprintf(kbuf, sizeof(kbuf), sp->fmt,     \
					sp->star[0], v);                 \
			*cn = snprintf(cbuf, sizeof(cbuf), sp->fmt,      \
				       sp->star[0], v);                  \
		} else {                                                 \
			*kn = ksnprintf(kbuf, sizeof(kbuf), sp->fmt,     \
					sp->star[0], sp->star[1], v);    \
			*cn = snprintf(cbuf, sizeof(cbuf), sp->fmt,      \
				       sp->star[0], sp->star[1], v);     \
		}                                                        \
	} while (0)

/* Format a random value for @sp with both printfs. */
static void rnd_format(const struct rnd_spec *sp, int *kn, int *cn)
{
	static const char *const strings[] = { "", "a", "hello", "(null)",
					       "a longer string of text" };
	uint64_t v = rnd_value();
	bool sign = sp->conv == 'd' || sp->conv == 'i';

	if (sp->conv == 'c')
		BOTH((int)(unsigned char)v);
	else if (sp->conv == 's')
		BOTH(strings[v % 5]);
	else if (sp->conv == 'p')
		BOTH((void *)(uintptr_t)(v ? v : 1));
	else if (!strcmp(sp->len, "l") && sign)
		BOTH((long)v);
	else if (!strcmp(sp->len, "l"))
		BOTH((unsigned long)v);
	else if (!strcmp(sp->len, "ll") && sign)
		BOTH((long long)v);
	else if (!strcmp(sp->len, "ll"))
		BOTH((unsigned long long)v);
	else if (!strcmp(sp->len, "z") && sign)
		BOTH((ptrdiff_t)v);
	else if (!strcmp(sp->len, "z"))
		BOTH((size_t)v);
	else if (!strcmp(sp->len, "t"))
		BOTH((ptrdiff_t)v);
	else if (sign)
		BOTH((int)v);
	else
		BOTH((unsigned)v);
}

#define RND_STEPS 100000

static void ksnprintf_matches_snprintf_on_random_conversions(void)
{
	for (unsigned step = 0; step < RND_STEPS; step++) {
		struct rnd_spec sp;
		int kn, cn;

		rnd_spec(&sp);
		rnd_format(&sp, &kn, &cn);
		same(__LINE__, sp.fmt, kn, cn);
		if (kn != cn || memcmp(kbuf, cbuf, (size_t)kn + 1))
			return;
	}
}

int main(void)
{
	RUN(printf_copies_plain_text_and_percent_signs);
	RUN(printf_d_and_i_match_libc);
	RUN(printf_u_x_o_match_libc);
	RUN(printf_p_matches_libc_for_pointers_other_than_null);
	RUN(printf_s_and_c_match_libc);
	RUN(printf_flags_match_libc);
	RUN(printf_ignores_overridden_flags_like_libc);
	RUN(printf_hh_and_h_narrow_wider_values_like_libc);
	RUN(printf_width_and_precision_match_libc);
	RUN(printf_star_width_and_precision_match_libc);
	RUN(printf_length_modifiers_match_libc);
	RUN(printf_int64_extremes_match_libc);
	RUN(printf_zero_with_precision_zero_prints_no_digits);
	RUN(printf_prints_null_strings_as_null_in_parentheses);
	RUN(printf_prints_null_pointers_as_zero);
	RUN(printf_reads_an_unterminated_string_only_up_to_the_precision);
	RUN(printf_c_of_nul_writes_one_character);
	RUN(printf_ignores_a_lone_percent_at_the_end);
	RUN(printf_prints_an_unknown_conversion_as_it_is);
	RUN(ksnprintf_returns_the_full_length_when_it_truncates);
	RUN(ksnprintf_fills_the_buffer_exactly_when_the_text_fits);
	RUN(ksnprintf_always_nul_terminates_when_size_is_positive);
	RUN(ksnprintf_with_size_zero_writes_nothing);
	RUN(ksnprintf_truncates_to_any_size);
	RUN(kvformat_calls_the_sink_once_per_character);
	RUN(kprintf_returns_the_number_of_characters_printed);
	RUN(ksnprintf_matches_snprintf_on_random_conversions);
	return check_done();
}
