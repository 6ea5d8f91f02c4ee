// SPDX-License-Identifier: BSD-2-Clause
/*
 * The string functions of the kernel. memcpy and memset move whole words
 * with rep movsq / rep stosq when both pointers allow it (message
 * registers, page clearing); the rest go a byte at a time. (The direction
 * flag is clear in the kernel: syscall's FMASK and every interrupt clear
 * it.)
 */
#include <stdint.h>

#include <kernel/string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (!(((uintptr_t)d | (uintptr_t)s) & 7)) {
		size_t words = n / 8;

		__asm__ volatile("rep movsq"
				 : "+D"(d), "+S"(s), "+c"(words)
				 :
				 : "memory");
		n %= 8;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	if (d <= s || d >= s + n)
		return memcpy(dst, src, n);
	while (n--)
		d[n] = s[n];
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	uint8_t *d = dst;
	uint64_t w = 0x0101010101010101ull * (uint8_t)c;

	if (!((uintptr_t)d & 7)) {
		size_t words = n / 8;

		__asm__ volatile("rep stosq"
				 : "+D"(d), "+c"(words)
				 : "a"(w)
				 : "memory");
		n %= 8;
	}
	while (n--)
		*d++ = (uint8_t)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const uint8_t *x = a, *y = b;

	for (; n; n--, x++, y++)
		if (*x != *y)
			return *x - *y;
	return 0;
}

size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return (uint8_t)*a - (uint8_t)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return (uint8_t)*a - (uint8_t)*b;
		if (!*a)
			break;
	}
	return 0;
}
