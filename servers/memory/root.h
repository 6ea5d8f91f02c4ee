/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory server's requests to the root task (<l4/names.h>), which is
 * its pager and never calls it: the quota of a client's program and the
 * pages of boot-module images. Each is a call that the root task answers
 * at once.
 */
#ifndef MEMORY_ROOT_H
#define MEMORY_ROOT_H

#include <l4/names.h>
#include <l4/thread.h>
#include <l4/types.h>

/* The quota in pages the command line of @who's program sets, or 0 if it
 * sets none (or @who runs no program). */
l4_word_t root_quota(l4_threadid_t who);

/* The size of module @name (packed), or 0 if the root task hands out no
 * such module. */
l4_word_t root_module_size(const l4_word_t name[L4_NAME_WORDS]);

/* Map page @off of module @name read-only at @va of this space; false if
 * the root task refuses. */
bool root_module_page(const l4_word_t name[L4_NAME_WORDS], l4_word_t off,
		      l4_word_t va);

#endif /* MEMORY_ROOT_H */
