/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A program's command line: the GRUB2 configuration's line of its boot
 * module ("swapper frames=8 on=memory"). Only the root task can read the
 * boot information, so a program asks it:
 *
 *   args  L4_ROOT_ARGS, u = 0 -> OK with u = n words: the sender's
 *         program's command line, NUL-terminated and NUL-padded, cut to
 *         8 * L4_ARGS_WORDS - 1 bytes; ENOENT (no program of the root
 *         task's)
 *
 * and picks the words of the form key=value it wants out of it.
 */
#ifndef L4_ARGS_H
#define L4_ARGS_H

#include <l4/types.h>

#define L4_ROOT_ARGS 0x7014
#define L4_ARGS_WORDS 32

/* This program's command line into @buf (@size bytes, at least 1); a
 * status of <l4/names.h>. An empty string on failure. */
int l4_root_args(char *buf, size_t size);

/* The value of the first word "@key=value" of @cmdline (after the name),
 * copied into @buf (@size bytes, at least 1); false (and @buf empty) if
 * there is none. */
bool l4_arg(const char *cmdline, const char *key, char *buf, size_t size);

/* The decimal value of "@key=N", or @dflt if there is none or it is not a
 * number below 2^32. */
l4_word_t l4_arg_number(const char *cmdline, const char *key, l4_word_t dflt);

#endif
