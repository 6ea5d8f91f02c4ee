// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the dataspace protocol; see <l4/dataspace.h>. */
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/syscalls.h>

int l4_ds_open(l4_threadid_t server, l4_word_t size, l4_word_t *ds)
{
	return l4_request(server, L4_DS_OPEN, 1, &size, ds);
}

int l4_ds_size(l4_threadid_t server, l4_word_t ds, l4_word_t *size)
{
	return l4_request(server, L4_DS_SIZE, 1, &ds, size);
}

int l4_ds_map(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
	      unsigned rights, l4_word_t addr)
{
	l4_word_t w[3] = { ds, offset, rights }, old = l4_msg_acceptor();
	int st;

	l4_msg_accept(l4_acceptor(l4_fpage(addr, 12, 0), false));
	st = l4_request(server, L4_DS_MAP, 3, w, NULL);
	l4_msg_accept(old);
	return st;
}

int l4_ds_close(l4_threadid_t server, l4_word_t ds)
{
	return l4_request(server, L4_DS_CLOSE, 1, &ds, NULL);
}
