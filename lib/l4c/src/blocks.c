// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the backing-store protocol; see <l4/blocks.h>. */
#include <l4/blocks.h>
#include <l4/fpage.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>

int l4_block_write(l4_threadid_t server, l4_word_t n, const void *buf)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(L4_BLOCK_WRITE, 1, 2).raw);
	l4_set_mr(1, n);
	l4_set_mr(2, l4_stringitem_word0(L4_BLOCK_SIZE, 1, false, false));
	l4_set_mr(3, (l4_word_t)buf);
	tag = l4_call(server);
	if (l4_msgtag_is_error(tag))
		return L4_NAMES_EIPC;
	return (int)l4_msgtag_label(tag);
}

int l4_block_read(l4_threadid_t server, l4_word_t n, void *buf)
{
	l4_word_t *u = l4_utcb(), br[3];
	l4_msgtag_t tag;

	for (unsigned i = 0; i < 3; i++)
		br[i] = u[L4_UTCB_BR(i)];
	u[L4_UTCB_BR(0)] = l4_acceptor(L4_NILPAGE, true);
	u[L4_UTCB_BR(1)] = l4_stringitem_word0(L4_BLOCK_SIZE, 1, false, false);
	u[L4_UTCB_BR(2)] = (l4_word_t)buf;
	l4_set_mr(0, l4_msgtag_make(L4_BLOCK_READ, 1, 0).raw);
	l4_set_mr(1, n);
	tag = l4_call(server);
	for (unsigned i = 0; i < 3; i++)
		u[L4_UTCB_BR(i)] = br[i];
	if (l4_msgtag_is_error(tag))
		return L4_NAMES_EIPC;
	return (int)l4_msgtag_label(tag);
}
