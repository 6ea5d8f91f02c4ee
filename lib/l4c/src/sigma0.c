// SPDX-License-Identifier: BSD-2-Clause
/* The sigma0 client; see l4/sigma0.h. */
#include <l4/message.h>
#include <l4/protocol.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>

l4_threadid_t l4_sigma0_id(void)
{
	return l4_sigma0_thread(
		l4_thread_info_user_base(l4_kip_thread_info(l4_kip)));
}

/* The flexpage of sigma0's reply in the MRs (tag @tag), or nil. */
static l4_fpage_t sigma0_reply_page(l4_msgtag_t tag)
{
	struct l4_map_item item;

	if (l4_msgtag_is_error(tag) || !l4_msg_get_map_item(tag, 0, &item) ||
	    item.grant)
		return L4_NILPAGE;
	return item.fpage;
}

l4_fpage_t l4_sigma0_get_page(l4_threadid_t s0, l4_fpage_t page, l4_word_t attr,
			      l4_fpage_t window)
{
	l4_word_t old_acceptor = l4_msg_acceptor();
	l4_fpage_t got;

	l4_msg_accept(l4_acceptor(window, false));
	l4_set_mr(0, l4_sigma0_tag().raw);
	l4_set_mr(L4_SIGMA0_MR_FPAGE, page.raw);
	l4_set_mr(L4_SIGMA0_MR_ATTR, attr);
	got = sigma0_reply_page(l4_call(s0));
	l4_msg_accept(old_acceptor);
	return got;
}

l4_fpage_t l4_sigma0_get_any(l4_threadid_t s0, unsigned log2, unsigned rwx,
			     l4_fpage_t window)
{
	return l4_sigma0_get_page(s0, l4_sigma0_any_fpage(log2, rwx),
				  L4_SIGMA0_ATTR_DEFAULT, window);
}
