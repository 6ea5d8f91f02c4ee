/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Formatted output for user programs, through the kernel debugger's
 * console: %c %s %d %i %u %x %p %%, the l and ll length modifiers, a
 * width and the 0 and - flags.
 */
#ifndef L4_PRINTF_H
#define L4_PRINTF_H

#include <stdarg.h>
#include <stddef.h>

int l4_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int l4_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int l4_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
