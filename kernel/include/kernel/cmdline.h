/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel command line: words separated by spaces, each "key" or
 * "key=value". GRUB passes the multiboot2 command line without the kernel's
 * path.
 */
#ifndef KERNEL_CMDLINE_H
#define KERNEL_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Find @key in @cmdline. If present, copy its value ("" for a bare key) to
 * @val (up to @len bytes, NUL-terminated; @val may be NULL) and return true.
 */
bool cmdline_get(const char *cmdline, const char *key, char *val, size_t len);

/*
 * The value of @key as a size or count: decimal or 0x-hex, with an optional
 * K, M or G suffix (powers of 1024). @def if absent or malformed.
 */
uint64_t cmdline_u64(const char *cmdline, const char *key, uint64_t def);

/* Parse a number as cmdline_u64() does. False if @s is not one. */
bool parse_u64(const char *s, uint64_t *out);

#endif
