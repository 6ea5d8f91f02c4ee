// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the dataspace protocol; see <l4/dataspace.h>. */
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/syscalls.h>

/* Send @label with MR1-MR@u from @w; the status, MR1 of the reply in
 * *@out if it is OK. */
static int request(l4_threadid_t to, l4_word_t label, unsigned u,
		   const l4_word_t *w, l4_word_t *out)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
	for (unsigned i = 0; i < u; i++)
		l4_set_mr(1 + i, w[i]);
	tag = l4_call(to);
	if (l4_msgtag_is_error(tag))
		return L4_NAMES_EIPC;
	if (out && l4_msgtag_label(tag) == L4_NAMES_OK &&
	    l4_msgtag_untyped(tag) >= 1)
		*out = l4_mr(1);
	return (int)l4_msgtag_label(tag);
}

int l4_ds_open(l4_threadid_t server, l4_word_t size, l4_word_t *ds)
{
	return request(server, L4_DS_OPEN, 1, &size, ds);
}

int l4_ds_size(l4_threadid_t server, l4_word_t ds, l4_word_t *size)
{
	return request(server, L4_DS_SIZE, 1, &ds, size);
}

int l4_ds_map(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
	      unsigned rights, l4_word_t addr)
{
	l4_word_t w[3] = { ds, offset, rights }, old = l4_msg_acceptor();
	int st;

	l4_msg_accept(l4_acceptor(l4_fpage(addr, 12, 0), false));
	st = request(server, L4_DS_MAP, 3, w, NULL);
	l4_msg_accept(old);
	return st;
}

int l4_ds_close(l4_threadid_t server, l4_word_t ds)
{
	return request(server, L4_DS_CLOSE, 1, &ds, NULL);
}
