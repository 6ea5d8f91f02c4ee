/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Formatted output. Conversions: %c %s %d %i %u %x %X %o %p %%, flags
 * '-' '0' '#' ' ' '+', a field width and precision (numbers or '*'), and the
 * length modifiers h, hh, l, ll, z, t. No floating point.
 */
#ifndef KERNEL_PRINTF_H
#define KERNEL_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

int kprintf(const char *fmt, ...) PRINTF_LIKE(1, 2);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* The engine: calls @out for each character; returns the count. */
int kvformat(void (*out)(char c, void *arg), void *arg, const char *fmt,
	     va_list ap);

#endif
