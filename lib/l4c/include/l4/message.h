/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Building and reading messages in the current thread's message registers:
 * map and grant items in a reply, the typed items of a received message,
 * the acceptor in BR0, and the start-up message a pager sends to a new
 * thread. The layouts are those of <l4/msgtag.h> and <l4/fpage.h>.
 */
#ifndef L4_MESSAGE_H
#define L4_MESSAGE_H

#include <l4/fpage.h>
#include <l4/msgtag.h>
#include <l4/syscalls.h>
#include <l4/types.h>
#include <l4/utcb.h>

/* A map or grant item as received: where it lands, and what was sent. */
struct l4_map_item {
	l4_word_t send_base; /* offset into the receive window */
	l4_fpage_t fpage;    /* the sender's flexpage, with its rights */
	bool grant;
};

/* Put BR0: accept map and grant items into the window of @acceptor. */
static inline void l4_msg_accept(l4_word_t acceptor)
{
	l4_utcb()[L4_UTCB_BR(0)] = acceptor;
}

/* The current acceptor (BR0). */
static inline l4_word_t l4_msg_acceptor(void)
{
	return l4_utcb()[L4_UTCB_BR(0)];
}

/*
 * Write a map item into MR@mr and MR@mr+1: @f (with the rights to give)
 * goes to @send_base of the receiver's window; @more says another typed
 * item follows. 1 <= mr <= 62.
 */
static inline void l4_msg_put_map_item(unsigned mr, l4_word_t send_base,
				       l4_fpage_t f, bool more)
{
	l4_set_mr(mr, l4_mapitem_word0(send_base, more));
	l4_set_mr(mr + 1, f.raw);
}

/*
 * Load MR0 to MR2 with a message of label 0 that holds one map item: @f
 * to @send_base. This is the reply that resolves a page fault at
 * @send_base (the kernel's receive window for it is the whole space).
 * Returns the tag put in MR0.
 */
static inline l4_msgtag_t l4_msg_map_reply(l4_word_t send_base, l4_fpage_t f)
{
	l4_msgtag_t tag = l4_msgtag_make(0, 0, 2);

	l4_set_mr(0, tag.raw);
	l4_msg_put_map_item(1, send_base, f, false);
	return tag;
}

/* Words that the typed item starting with @w0 occupies. */
static inline unsigned l4_msg_item_words(l4_word_t w0)
{
	if (l4_item_is_string(w0))
		return 1 + l4_stringitem_substrings(w0);
	return 2;
}

/*
 * Item @n (from 0) of the typed items of the message in the MRs, whose tag
 * is @tag, if it is a map or grant item. False if the message has fewer
 * items, if an item does not fit in the typed words, or if item @n is a
 * string item.
 */
static inline bool l4_msg_get_map_item(l4_msgtag_t tag, unsigned n,
				       struct l4_map_item *item)
{
	unsigned mr = 1 + l4_msgtag_untyped(tag);
	unsigned end = mr + l4_msgtag_typed(tag);

	for (;;) {
		l4_word_t w0;

		if (mr >= end)
			return false;
		w0 = l4_mr(mr);
		if (mr + l4_msg_item_words(w0) > end)
			return false;
		if (n == 0)
			break;
		mr += l4_msg_item_words(w0);
		n--;
	}
	if (!l4_item_is_map(l4_mr(mr)) && !l4_item_is_grant(l4_mr(mr)))
		return false;
	item->send_base = l4_item_send_base(l4_mr(mr));
	item->fpage = l4_fpage_raw(l4_mr(mr + 1));
	item->grant = l4_item_is_grant(l4_mr(mr));
	return true;
}

/*
 * The start-up message: a thread that ThreadControl made active waits for
 * one message from its pager before it runs, and starts at MR1 (IP) with
 * MR2 (SP). Load MR0 to MR2 with it; send it with l4_send().
 */
#define L4_STARTUP_UNTYPED 2
#define L4_STARTUP_MR_IP 1
#define L4_STARTUP_MR_SP 2

static inline l4_msgtag_t l4_msg_startup(l4_word_t ip, l4_word_t sp)
{
	l4_msgtag_t tag = l4_msgtag_make(0, L4_STARTUP_UNTYPED, 0);

	l4_set_mr(0, tag.raw);
	l4_set_mr(L4_STARTUP_MR_IP, ip);
	l4_set_mr(L4_STARTUP_MR_SP, sp);
	return tag;
}

#endif /* L4_MESSAGE_H */
