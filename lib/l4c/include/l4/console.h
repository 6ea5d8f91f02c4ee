/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The console server's protocol (servers/console, docs/names.md): it owns
 * COM1 (ports 0x3f8-0x3ff, an I/O fpage from sigma0) and registers itself
 * with the name server as "console".
 *
 *   write  label L4_CONSOLE_WRITE, u = 1 + ceil(n / 8): MR1 the length n
 *          (1 to L4_CONSOLE_MAX bytes), MR2 onwards the bytes, eight to a
 *          word, little-endian
 *          -> label L4_NAMES_OK, or L4_NAMES_EINVAL (a bad length, words
 *          missing, typed items, an unknown label; nothing is printed)
 */
#ifndef L4_CONSOLE_H
#define L4_CONSOLE_H

#include <stddef.h>

#include <l4/names.h>

#define L4_CONSOLE_WRITE 0x7201
#define L4_CONSOLE_MAX (8 * 62) /* bytes per request: MR2-MR63 */

/* Print @n bytes at @s through the console server @server, in as many
 * requests as it takes. Returns a status (<l4/names.h>). */
int l4_console_write(l4_threadid_t server, const char *s, size_t n);

/*
 * From now on, print this program's l4_printf() lines through the console
 * server (found at the name server, waiting up to a second for it to
 * register) instead of the kernel debugger; if a write fails, that line
 * goes to the kernel debugger after all. Returns a status; the output is
 * unchanged unless it is OK.
 */
int l4_console_use(void);

/* The console server l4_printf() uses, or nil. */
extern l4_threadid_t l4_console_server;

#endif
