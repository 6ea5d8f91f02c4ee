// SPDX-License-Identifier: BSD-2-Clause
/*
 * The memory server (<l4/dataspace.h>, docs/memory.md): anonymous,
 * boot-module and copy-on-write dataspaces, their pages mapped on request.
 * This file decodes the requests; ds.c keeps the dataspaces, pool.c the
 * frames it takes from sigma0, clients.c the quotas and deaths, root.c
 * the requests to the root task.
 */
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/syscalls.h>

#include "clients.h"
#include "ds.h"
#include "pool.h"

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

static void reply_word(int status, l4_word_t w)
{
	if (status != L4_NAMES_OK) {
		reply((l4_word_t)status);
		return;
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, w);
}

/* The number of untyped words request @label has, or -1 if it is none. */
static int words(l4_word_t label)
{
	switch (label) {
	case L4_DS_OPEN:
	case L4_DS_SIZE:
	case L4_DS_CLOSE:
	case L4_DS_COPY:
		return 1;
	case L4_DS_MAP:
		return 3;
	case L4_DS_OPEN_MODULE:
		return L4_NAME_WORDS;
	case L4_DS_STATS:
	case L4_DS_SWEEP:
		return 0;
	default:
		return -1;
	}
}

/* The requests that make something for the sender (@c its record), with
 * the words @w. */
static void serve_new(l4_word_t label, const l4_word_t *w, struct client *c)
{
	char text[L4_NAME_MAX + 1];
	l4_word_t n = 0;
	int st;
	struct dataspace *src;

	switch (label) {
	case L4_DS_OPEN:
		st = ds_open(c, w[0], &n);
		reply_word(st, n);
		break;
	case L4_DS_OPEN_MODULE:
		st = l4_name_unpack(w, text) ? ds_open_module(c, w, &n) :
					       L4_NAMES_EINVAL;
		reply_word(st, n);
		break;
	case L4_DS_COPY:
		src = ds_lookup(w[0], c->who);
		st = src ? ds_copy(c, src, &n) : L4_NAMES_ENOENT;
		reply_word(st, n);
		break;
	case L4_DS_STATS:
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 5, 0).raw);
		l4_set_mr(1, pool_used());
		l4_set_mr(2, pool_taken());
		l4_set_mr(3, ds_count());
		l4_set_mr(4, c->quota);
		l4_set_mr(5, c->charged);
		break;
	}
}

/* The requests on one of the sender's dataspaces, @d (NULL: none), with
 * the words @w. */
static void serve_ds(l4_word_t label, const l4_word_t *w, struct dataspace *d)
{
	l4_fpage_t f;
	int st;

	if (!d) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	switch (label) {
	case L4_DS_SIZE:
		reply_word(L4_NAMES_OK, ds_size(d));
		break;
	case L4_DS_MAP:
		st = ds_map(d, w[1], w[2], &f);
		if (st != L4_NAMES_OK)
			reply((l4_word_t)st);
		else
			l4_msg_map_reply(0, f);
		break;
	case L4_DS_CLOSE:
		ds_close(d);
		reply(L4_NAMES_OK);
		break;
	}
}

static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t label = l4_msgtag_label(tag);
	l4_word_t w[L4_NAME_WORDS];
	int u = words(label);
	struct client *c;

	if (u < 0 || l4_msgtag_typed(tag) != 0 ||
	    l4_msgtag_untyped(tag) != (unsigned)u) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	for (int i = 0; i < u; i++) /* before anything overwrites the MRs */
		w[i] = l4_mr(1 + (unsigned)i);
	/* A client is a task: its region mapper maps what its main thread
	 * opened (<l4/rm.h>, L4_ROOT_TASK). The sweep comes from the root
	 * task, which is no program. */
	if (label != L4_DS_SWEEP && l4_is_nil_thread(from = l4_task_of(from))) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_DS_SWEEP) {
		reply_word(L4_NAMES_OK, clients_sweep(from));
		return;
	}
	if (label == L4_DS_SIZE || label == L4_DS_MAP || label == L4_DS_CLOSE) {
		serve_ds(label, w, ds_lookup(w[0], from));
		return;
	}
	c = clients_get(from); /* may ask the root task, and sweep */
	if (!c) {
		reply(L4_NAMES_EFULL);
		return;
	}
	serve_new(label, w, c);
}

int main(void)
{
	l4_printf("memory: dataspaces of up to %u pages, %u pages a client "
		  "unless its command line says otherwise\n",
		  L4_DS_PAGES_MAX, L4_DS_QUOTA);
	l4_server_loop(serve);
}
