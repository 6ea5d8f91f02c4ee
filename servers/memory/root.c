// SPDX-License-Identifier: BSD-2-Clause
/* The requests to the root task; see root.h. */
#include <l4/message.h>
#include <l4/syscalls.h>

#include "root.h"

static l4_threadid_t root(void)
{
	return l4_threadid(l4_utcb()[L4_UTCB_PAGER]);
}

l4_word_t root_quota(l4_threadid_t who)
{
	l4_word_t pages = 0;

	if (l4_request(root(), L4_ROOT_QUOTA, 1, &who.raw, &pages) !=
	    L4_NAMES_OK)
		return 0;
	return pages;
}

l4_word_t root_module_size(const l4_word_t name[L4_NAME_WORDS])
{
	l4_word_t size = 0;

	if (l4_request(root(), L4_ROOT_MODULE_SIZE, L4_NAME_WORDS, name,
		       &size) != L4_NAMES_OK)
		return 0;
	return size;
}

bool root_module_page(const l4_word_t name[L4_NAME_WORDS], l4_word_t off,
		      l4_word_t va)
{
	l4_word_t w[L4_NAME_WORDS + 1], old = l4_msg_acceptor();
	struct l4_map_item item;
	l4_msgtag_t tag;
	int st;

	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		w[i] = name[i];
	w[L4_NAME_WORDS] = off;
	l4_msg_accept(l4_acceptor(l4_fpage(va, 12, 0), false));
	st = l4_request(root(), L4_ROOT_MODULE_PAGE, L4_NAME_WORDS + 1, w,
			NULL);
	tag = l4_msgtag(l4_mr(0));
	l4_msg_accept(old);
	return st == L4_NAMES_OK && l4_msg_get_map_item(tag, 0, &item);
}
