// SPDX-License-Identifier: BSD-2-Clause
/*
 * hello: the smallest program the root task loads. It checks what its
 * pager gave it: initialised data from the file, zeroed bss over several
 * pages, and a stack, each written and read back.
 */
#include <l4/printf.h>
#include <l4/syscalls.h>

#define BSS_PAGES 5
#define PAGE 4096

static const char greeting[] = "hello from a loaded program";
static l4_word_t data_words[4] = { 0x0123456789abcdef, 0xfedcba9876543210,
				   0x5555aaaa5555aaaa, 42 };
static uint8_t bss_buf[BSS_PAGES * PAGE + 123];

/* Fill @buf of @n bytes with a pattern made from @seed. */
static __attribute__((noinline)) void fill(volatile uint8_t *buf, size_t n,
					   unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)(i * 7 + seed);
}

/* The number of bytes of @buf that do not hold fill()'s pattern. */
static __attribute__((noinline)) size_t check(const volatile uint8_t *buf,
					      size_t n, unsigned seed)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += buf[i] != (uint8_t)(i * 7 + seed);
	return bad;
}

/* The number of bytes of @buf that are not zero. */
static size_t nonzero(const volatile uint8_t *buf, size_t n)
{
	size_t bad = 0;

	for (size_t i = 0; i < n; i++)
		bad += buf[i] != 0;
	return bad;
}

/* True if the initialised data arrived as linked. */
static bool data_intact(void)
{
	const volatile l4_word_t *d = data_words;

	return d[0] == 0x0123456789abcdef && d[1] == 0xfedcba9876543210 &&
	       d[2] == 0x5555aaaa5555aaaa && d[3] == 42;
}

int main(void)
{
	volatile uint8_t stack_buf[3000];
	size_t bss_zero, bss_bad, stack_bad;
	bool data_ok = data_intact();

	l4_printf("hello: %s, thread %lx, UTCB %p\n", greeting, l4_myself().raw,
		  (void *)l4_utcb());
	bss_zero = nonzero(bss_buf, sizeof(bss_buf));
	fill(bss_buf, sizeof(bss_buf), 3);
	fill(stack_buf, sizeof(stack_buf), 11);
	bss_bad = check(bss_buf, sizeof(bss_buf), 3);
	stack_bad = check(stack_buf, sizeof(stack_buf), 11);
	l4_printf("hello: data %s, bss of %lu bytes %s and %s, stack array "
		  "of %lu bytes %s\n",
		  data_ok ? "intact" : "CORRUPT",
		  (unsigned long)sizeof(bss_buf),
		  bss_zero ? "NOT ZEROED" : "zeroed",
		  bss_bad ? "BROKEN" : "writable",
		  (unsigned long)sizeof(stack_buf),
		  stack_bad ? "BROKEN" : "writable");
	if (!data_ok || bss_zero || bss_bad || stack_bad) {
		l4_printf("hello: FAILED\n");
		return 1;
	}
	l4_printf("hello: done\n");
	return 0;
}
