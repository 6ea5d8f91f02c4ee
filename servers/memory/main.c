// SPDX-License-Identifier: BSD-2-Clause
/*
 * The memory server (<l4/dataspace.h>, docs/names.md): anonymous,
 * zero-filled dataspaces, their pages mapped on request. Frames come from
 * sigma0 the first time they are needed, into the server's pool window,
 * and are reused after a close: closing a dataspace unmaps each of its
 * pages from every space it was mapped to (Unmap of the server's own page
 * without the flush bit takes the mappings below it) and puts the frame on
 * the free list. Each client's open dataspaces count against its quota.
 */
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>

#define PAGE 4096ul
#define POOL_BASE 0x40000000ul /* where sigma0's frames appear here */
#define POOL_PAGES 512
#define DS_MAX 32
#define CLIENTS_MAX 16

static struct dataspace {
	bool live;
	l4_threadid_t owner;
	l4_word_t pages;
	l4_word_t page[L4_DS_QUOTA]; /* the server's address of each, or 0 */
} ds[DS_MAX];

static struct {
	l4_threadid_t who;
	l4_word_t pages; /* of its open dataspaces */
} clients[CLIENTS_MAX];

static l4_word_t free_list[POOL_PAGES];
static unsigned nfree, pool_used;

/* The client record of @who, made if @make; NULL if none (or full). */
static l4_word_t *usage(l4_threadid_t who, bool make)
{
	int spare = -1;

	for (int i = 0; i < CLIENTS_MAX; i++) {
		if (l4_same_thread(clients[i].who, who))
			return &clients[i].pages;
		if (spare < 0 && l4_is_nil_thread(clients[i].who))
			spare = i;
	}
	if (!make || spare < 0)
		return NULL;
	clients[spare].who = who;
	clients[spare].pages = 0;
	return &clients[spare].pages;
}

/* A zeroed frame: from the free list, or a new one from sigma0; 0 if
 * there is none. */
static l4_word_t frame_get(void)
{
	l4_word_t f;

	if (nfree) {
		f = free_list[--nfree];
	} else {
		l4_fpage_t got;

		if (pool_used == POOL_PAGES)
			return 0;
		f = POOL_BASE + pool_used * PAGE;
		got = l4_sigma0_get_any(l4_sigma0_id(), 12, L4_FPAGE_RWX,
					l4_fpage(f, 12, 0));
		if (l4_fpage_is_nil(got))
			return 0;
		pool_used++;
	}
	for (l4_word_t i = 0; i < PAGE / 8; i++)
		((volatile l4_word_t *)f)[i] = 0;
	return f;
}

/* Dataspace @n if it is @who's, else NULL. */
static struct dataspace *lookup(l4_word_t n, l4_threadid_t who)
{
	return n < DS_MAX && ds[n].live && l4_same_thread(ds[n].owner, who) ?
		       &ds[n] :
		       NULL;
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

static void reply_word(l4_word_t w)
{
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, w);
}

static void open_ds(l4_word_t size, l4_threadid_t who)
{
	l4_word_t pages = size / PAGE, *used;
	int n;

	if (!size || size % PAGE) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	used = usage(who, true);
	for (n = 0; n < DS_MAX && ds[n].live; n++)
		;
	if (!used || n == DS_MAX || pages > L4_DS_QUOTA - *used) {
		reply(L4_NAMES_EFULL);
		return;
	}
	ds[n] = (struct dataspace){ true, who, pages, { 0 } };
	*used += pages;
	reply_word((l4_word_t)n);
}

static void map_ds(struct dataspace *d, l4_word_t off, l4_word_t rights)
{
	l4_word_t i = off / PAGE;

	if (off % PAGE || i >= d->pages || !rights || (rights & ~7ul)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (!d->page[i] && !(d->page[i] = frame_get())) {
		reply(L4_NAMES_EFULL);
		return;
	}
	l4_msg_map_reply(0, l4_fpage(d->page[i], 12, (unsigned)rights));
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 0, 2).raw);
}

static void close_ds(struct dataspace *d, l4_threadid_t who)
{
	for (l4_word_t i = 0; i < d->pages; i++) {
		if (!d->page[i])
			continue;
		/* From everyone it was mapped to; the frame stays here. */
		l4_set_mr(0, l4_fpage(d->page[i], 12, L4_FPAGE_RWX).raw);
		l4_unmap(0);
		free_list[nfree++] = d->page[i];
	}
	*usage(who, false) -= d->pages;
	d->live = false;
	reply(L4_NAMES_OK);
}

static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t label = l4_msgtag_label(tag), u = l4_msgtag_untyped(tag);
	struct dataspace *d;

	if (l4_msgtag_typed(tag) != 0 || u != (label == L4_DS_MAP ? 3u : 1u)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_DS_OPEN) {
		open_ds(l4_mr(1), from);
		return;
	}
	d = lookup(l4_mr(1), from);
	switch (label) {
	case L4_DS_SIZE:
		if (d)
			reply_word(d->pages * PAGE);
		break;
	case L4_DS_MAP:
		if (d)
			map_ds(d, l4_mr(2), l4_mr(3));
		break;
	case L4_DS_CLOSE:
		if (d)
			close_ds(d, from);
		break;
	default:
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (!d)
		reply(L4_NAMES_ENOENT);
}

int main(void)
{
	l4_printf("memory: dataspaces of up to %u pages a client\n",
		  L4_DS_QUOTA);
	l4_server_loop(serve);
}
