// SPDX-License-Identifier: BSD-2-Clause
/*
 * The module requests; see modules.h. A module is found by its name (the
 * first word of its command line) among the boot information's module
 * records (sigma0 and the root task have SimpleExec records instead, so
 * they are never handed out); it must start on a page, since its pages
 * are mapped as they lie in memory.
 */
#include <l4/bootmodules.h>
#include <l4/fpage.h>
#include <l4/message.h>
#include <l4/names.h>
#include <l4/syscalls.h>

#include "frames.h"
#include "layout.h"
#include "modules.h"

#define MODULES_MAX 32

/* The copy of module n's last page (its slot in frames.h), or 0. */
static l4_word_t tail[MODULES_MAX];

bool modules_readable(l4_word_t start, l4_word_t size)
{
	l4_word_t end = start + size;

	return end >= start && end <= FRAMES_BASE &&
	       (end <= DEMO_PAGE || start >= DEMO_PAGE + PAGE_SIZE);
}

/* The module named @name that may be handed out, its number in *@n; NULL
 * if there is none. */
static const struct l4_bootrec_module *find(const char *name, unsigned *n)
{
	const struct l4_bootinfo *bi = l4_bootinfo_get(l4_kip);
	unsigned count = bi ? l4_bootinfo_num_modules(bi) : 0;
	char have[L4_NAME_MAX + 1];

	for (unsigned i = 0; i < count && i < MODULES_MAX; i++) {
		const struct l4_bootrec_module *m = l4_bootinfo_module(bi, i);
		unsigned k = 0;

		if (!m)
			break;
		l4_bootrec_module_name(m, have, sizeof(have));
		while (have[k] && have[k] == name[k])
			k++;
		if (have[k] || name[k])
			continue;
		if (m->start % PAGE_SIZE || !m->size ||
		    !modules_readable(m->start, m->size))
			return NULL;
		*n = i;
		return m;
	}
	return NULL;
}

/* The root task's address of page @off of module @m (number @n), or 0
 * if there is no frame for the copy of its last page. */
static l4_word_t page_at(const struct l4_bootrec_module *m, unsigned n,
			 l4_word_t off)
{
	l4_word_t rest = m->size - off;

	if (rest >= PAGE_SIZE)
		return m->start + off;
	if (!tail[n] && (tail[n] = frame_alloc()) != 0) {
		__builtin_memset((void *)tail[n], 0, PAGE_SIZE);
		__builtin_memcpy((void *)tail[n],
				 (const void *)(m->start + off), rest);
	}
	return tail[n];
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

/* L4_ROOT_MODULE_SIZE and L4_ROOT_MODULE_PAGE, @u words. */
static void module_request(bool page, unsigned u, unsigned typed)
{
	l4_word_t w[L4_NAME_WORDS], off = l4_mr(5), at;
	const struct l4_bootrec_module *m;
	char name[L4_NAME_MAX + 1];
	unsigned n = 0;

	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		w[i] = l4_mr(1 + i);
	if (u != L4_NAME_WORDS + (page ? 1u : 0u) || typed ||
	    !l4_name_unpack(w, name)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	m = find(name, &n);
	if (!m) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	if (!page) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, m->size);
		return;
	}
	if (off % PAGE_SIZE || off >= m->size) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	at = page_at(m, n, off);
	if (!at) {
		reply(L4_NAMES_EFULL);
		return;
	}
	(void)*(volatile const char *)at; /* mapped here before it goes on */
	l4_msg_map_reply(0, l4_fpage(at, PAGE_LOG2, L4_FPAGE_RX));
}

bool modules_request(l4_msgtag_t tag)
{
	unsigned u = l4_msgtag_untyped(tag), t = l4_msgtag_typed(tag);

	if (l4_msgtag_has_label(tag, L4_ROOT_MODULE_SIZE))
		module_request(false, u, t);
	else if (l4_msgtag_has_label(tag, L4_ROOT_MODULE_PAGE))
		module_request(true, u, t);
	else
		return false;
	return true;
}
