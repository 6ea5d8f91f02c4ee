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
	return l4_ds_map_timed(server, ds, offset, rights, addr, 0);
}

int l4_ds_map_timed(l4_threadid_t server, l4_word_t ds, l4_word_t offset,
		    unsigned rights, l4_word_t addr, l4_word_t timeouts)
{
	l4_word_t w[3] = { ds, offset, rights }, old = l4_msg_acceptor();
	int st;

	l4_msg_accept(l4_acceptor(l4_fpage(addr, 12, 0), false));
	st = l4_request_timed(server, L4_DS_MAP, 3, w, NULL, timeouts);
	l4_msg_accept(old);
	return st;
}

int l4_ds_close(l4_threadid_t server, l4_word_t ds)
{
	return l4_request(server, L4_DS_CLOSE, 1, &ds, NULL);
}

int l4_ds_open_module(l4_threadid_t server, const char *name, l4_word_t *ds)
{
	l4_word_t w[L4_NAME_WORDS];

	if (!l4_name_pack(name, w))
		return L4_NAMES_EINVAL;
	return l4_request(server, L4_DS_OPEN_MODULE, L4_NAME_WORDS, w, ds);
}

int l4_ds_copy(l4_threadid_t server, l4_word_t src, l4_word_t *ds)
{
	return l4_request(server, L4_DS_COPY, 1, &src, ds);
}

int l4_ds_stats(l4_threadid_t server, struct l4_ds_stats *s)
{
	int st = l4_request(server, L4_DS_STATS, 0, NULL, NULL);

	if (st == L4_NAMES_OK) {
		s->frames_used = l4_mr(1);
		s->frames_taken = l4_mr(2);
		s->dataspaces = l4_mr(3);
		s->quota = l4_mr(4);
		s->charged = l4_mr(5);
	}
	return st;
}

int l4_ds_sweep(l4_threadid_t server, l4_word_t *dead)
{
	return l4_request(server, L4_DS_SWEEP, 0, NULL, dead);
}
