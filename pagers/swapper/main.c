// SPDX-License-Identifier: BSD-2-Clause
/*
 * The swapping pager (<l4/swapper.h>, docs/swapper.md): dataspaces with
 * the memory server's protocol (<l4/dataspace.h>) whose pages live in a
 * fixed budget of frames, one dataspace of the memory server mapped into
 * the pool window here. When the frames run out, the clock policy
 * (pagers/clock.h) picks a victim: it is unmapped from every client, its
 * 4 KiB go to a block of the backing store (<l4/blocks.h>), and they come
 * back from there on the page's next map.
 */
#include <l4/args.h>
#include <l4/blocks.h>
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/swapper.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>
#include <l4/errors.h>
#include <pagers/clock.h>

#define PAGE 4096ul
#define POOL_BASE 0x40000000ul /* frame f is mapped at POOL_BASE + f * PAGE */
#define FRAMES_DEFAULT 16
#define DS_MAX 32
#define CLIENTS_MAX 16
#define NONE 0xffffu /* no frame, no block */

/*
 * A page of a dataspace is in one of three states:
 *
 *   frame   block
 *   NONE    NONE    zero: never written back; the next map zero-fills
 *   f       any     resident in frame f (the block, if any, is its copy
 *                   unless the frame was mapped writable since the fill)
 *   NONE    b       swapped out to block b; the next map reads it back
 */
struct page {
	uint16_t frame, block;
};

static struct dataspace {
	bool live;
	l4_threadid_t owner;
	l4_word_t pages;
	struct page page[L4_SWAP_QUOTA];
} ds[DS_MAX];

/* What each client holds: counted against L4_SWAP_QUOTA and L4_SWAP_DS;
 * the record is dropped when both are zero again. */
static struct client {
	l4_threadid_t who;
	l4_word_t pages, dataspaces;
} clients[CLIENTS_MAX];

static unsigned sweep(l4_threadid_t current);

/* The budget: frame f holds page index of dataspace d while the clock has
 * it used; dirty once it was mapped writable since it was filled. */
static struct frame {
	struct dataspace *d;
	l4_word_t index;
	bool dirty;
} frames[L4_DS_QUOTA];
static uint8_t clock_flags[L4_DS_QUOTA];
static struct clock clock;

/* The backing store: blocks [block_first, block_first + block_count) are
 * this swapper's (the command line's "block0=" and "blocks=": two swappers
 * share one store that way). Every page of an open dataspace has a block
 * reserved, so that an eviction never finds the store full (reserved <=
 * block_count; blocks taken <= reserved). */
static bool block_taken[L4_BLOCKS];
static l4_word_t blocks_reserved, block_first, block_count = L4_BLOCKS;

static l4_threadid_t memory, store;
static struct l4_swap_stats stats;

static l4_word_t frame_addr(unsigned f)
{
	return POOL_BASE + f * PAGE;
}

/* Free block; the reservation guarantees there is one. */
static uint16_t block_take(void)
{
	for (uint16_t b = (uint16_t)block_first; b < block_first + block_count;
	     b++) {
		if (!block_taken[b]) {
			block_taken[b] = true;
			return b;
		}
	}
	return NONE;
}

/* Take @rights of frame @f from every client it was mapped to (the
 * mapping here stays: no flush bit). Rights 0 take nothing but clear the
 * accessed bits, here and below. */
static void frame_unmap(unsigned f, unsigned rights)
{
	l4_set_mr(0, l4_fpage(frame_addr(f), 12, rights).raw);
	l4_unmap(l4_unmap_control(0, false));
}

/*
 * Feed the clock the accessed bits of every used frame: one Unmap with
 * rights 0, which takes nothing but reports (and clears) the accesses of
 * the frame here and of every mapping derived from it.
 */
static void clock_refresh(void)
{
	unsigned used[L4_DS_QUOTA], n = 0;

	for (unsigned f = 0; f < clock.n; f++)
		if (clock.frame[f] & CLOCK_USED)
			used[n++] = f;
	if (!n)
		return;
	for (unsigned i = 0; i < n; i++)
		l4_set_mr(i, l4_fpage(frame_addr(used[i]), 12, 0).raw);
	l4_unmap(l4_unmap_control(n - 1, false));
	for (unsigned i = 0; i < n; i++)
		if (l4_fpage_status(l4_fpage_raw(l4_mr(i))))
			clock_touch(&clock, used[i]);
}

/*
 * Evict the page in frame @f: take it from its clients, write it to its
 * block if it may have changed, and free the frame. False (the page stays
 * resident, unmapped) if the store refused the write.
 */
static bool page_out(unsigned f)
{
	struct frame *fr = &frames[f];
	struct page *p = &fr->d->page[fr->index];

	frame_unmap(f, L4_FPAGE_RWX);
	if (fr->dirty) {
		if (p->block == NONE)
			p->block = block_take();
		if (p->block == NONE ||
		    l4_block_write(store, p->block, (void *)frame_addr(f)) !=
			    L4_NAMES_OK)
			return false;
		stats.writes++;
	}
	p->frame = NONE;
	fr->d = NULL;
	clock_release(&clock, f);
	stats.evictions++;
	return true;
}

/* A frame for a new page: a free one, or the clock's victim evicted; -1
 * if none can be had. */
static int frame_get(void)
{
	int f = clock_take(&clock);

	if (f >= 0)
		return f;
	clock_refresh();
	f = clock_victim(&clock);
	if (f < 0 || !page_out((unsigned)f))
		return -1;
	return clock_take(&clock);
}

/*
 * Page @i of @d in a frame: where it is, or zero-filled or read back from
 * its block into a frame got for it. -1 if no frame can be had or the
 * store failed.
 */
static int page_in(struct dataspace *d, l4_word_t i)
{
	struct page *p = &d->page[i];
	int f;

	if (p->frame != NONE)
		return p->frame;
	f = frame_get();
	if (f < 0)
		return -1;
	if (p->block == NONE) {
		for (l4_word_t w = 0; w < PAGE / 8; w++)
			((volatile l4_word_t *)frame_addr((unsigned)f))[w] = 0;
	} else if (l4_block_read(store, p->block,
				 (void *)frame_addr((unsigned)f)) ==
		   L4_NAMES_OK) {
		stats.reloads++;
	} else {
		clock_release(&clock, (unsigned)f);
		return -1;
	}
	frame_unmap((unsigned)f, 0); /* the fill is no reference */
	frames[f] = (struct frame){ d, i, false };
	p->frame = (uint16_t)f;
	return f;
}

/* The record of client @who, or NULL; with @spare, a free record if it has
 * none (still free until the caller fills it). */
static struct client *client_of(l4_threadid_t who, bool spare)
{
	struct client *free = NULL;

	for (unsigned i = 0; i < CLIENTS_MAX; i++) {
		if (l4_same_thread(clients[i].who, who))
			return &clients[i];
		if (!free && l4_is_nil_thread(clients[i].who))
			free = &clients[i];
	}
	return spare ? free : NULL;
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

/* L4_DS_OPEN: a dataspace of @size bytes for @who, within its quotas and
 * with a block reserved for each page. */
static void open_ds(l4_word_t size, l4_threadid_t who)
{
	l4_word_t pages = size / PAGE;
	struct client *c;
	unsigned n;

	if (!size || size % PAGE) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	c = client_of(who, true);
	if (!c && sweep(who)) /* the table is full: of the dead? */
		c = client_of(who, true);
	for (n = 0; n < DS_MAX && ds[n].live; n++)
		;
	if (!c || n == DS_MAX || c->dataspaces == L4_SWAP_DS ||
	    pages > L4_SWAP_QUOTA - c->pages ||
	    pages > block_count - blocks_reserved) {
		reply(L4_NAMES_EFULL);
		return;
	}
	ds[n].live = true;
	ds[n].owner = who;
	ds[n].pages = pages;
	for (l4_word_t i = 0; i < pages; i++)
		ds[n].page[i] = (struct page){ NONE, NONE };
	c->who = who;
	c->pages += pages;
	c->dataspaces++;
	blocks_reserved += pages;
	reply_word(n);
}

/* L4_DS_MAP: the page at @off of @d, brought into a frame if it is not in
 * one, mapped with @rights; W makes it one to write back on eviction. */
static void map_ds(struct dataspace *d, l4_word_t off, l4_word_t rights)
{
	l4_word_t i = off / PAGE;
	int f;

	if (off % PAGE || i >= d->pages || !rights || (rights & ~7ul)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	f = page_in(d, i);
	if (f < 0) {
		reply(L4_NAMES_EFULL);
		return;
	}
	clock_touch(&clock, (unsigned)f);
	if (rights & L4_FPAGE_W)
		frames[f].dirty = true;
	l4_msg_map_reply(0, l4_fpage(frame_addr((unsigned)f), 12,
				     (unsigned)rights));
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 0, 2).raw);
}

/* Close @d of client @who: its frames, unmapped from every client, and
 * its blocks are free again, and so is its part of the quota. */
static void close_ds(struct dataspace *d, l4_threadid_t who)
{
	struct client *c = client_of(who, false);

	for (l4_word_t i = 0; i < d->pages; i++) {
		struct page *p = &d->page[i];

		if (p->frame != NONE) {
			frame_unmap(p->frame, L4_FPAGE_RWX);
			frames[p->frame].d = NULL;
			clock_release(&clock, p->frame);
		}
		if (p->block != NONE)
			block_taken[p->block] = false;
	}
	blocks_reserved -= d->pages;
	c->pages -= d->pages;
	if (--c->dataspaces == 0)
		c->who = L4_NILTHREAD;
	d->live = false;
	reply(L4_NAMES_OK);
}

/*
 * Close every dataspace of clients that no longer exist (the root task
 * asks after a kill; a full table asks too). The number of them. Not
 * probed: the task @current, whose thread waits for this server's reply
 * and would take the probe for it.
 */
static unsigned sweep(l4_threadid_t current)
{
	unsigned dead = 0;

	for (unsigned i = 0; i < CLIENTS_MAX; i++) {
		l4_threadid_t who = clients[i].who;

		if (l4_is_nil_thread(who) || l4_same_thread(who, current) ||
		    !l4_thread_gone(who))
			continue;
		for (unsigned n = 0; n < DS_MAX; n++)
			if (ds[n].live && l4_same_thread(ds[n].owner, who))
				close_ds(&ds[n], who); /* drops the record */
		dead++;
	}
	return dead;
}

/* L4_SWAP_STATS: the figures of <l4/swapper.h>. */
static void reply_stats(void)
{
	stats.resident = clock.used;
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 5, 0).raw);
	l4_set_mr(1, stats.frames);
	l4_set_mr(2, stats.resident);
	l4_set_mr(3, stats.evictions);
	l4_set_mr(4, stats.reloads);
	l4_set_mr(5, stats.writes);
}

/* The untyped words request @label has; -1 for an unknown label. */
static int words_of(l4_word_t label)
{
	switch (label) {
	case L4_SWAP_STATS:
	case L4_DS_SWEEP:
		return 0;
	case L4_DS_OPEN:
	case L4_DS_SIZE:
	case L4_DS_CLOSE:
		return 1;
	case L4_DS_MAP:
		return 3;
	default:
		return -1;
	}
}

/* The request @tag from @from: decode it, carry it out, and put the reply
 * in the MRs (after any IPC of its own to the memory server or store). */
static void serve(l4_msgtag_t tag, l4_threadid_t sender)
{
	l4_word_t label = l4_msgtag_label(tag);
	/* The client is the sender's task: its region mapper maps what its
	 * main thread opened. */
	l4_threadid_t from = label == L4_DS_SWEEP ? sender : l4_task_of(sender);
	struct dataspace *d;

	if (l4_is_nil_thread(from) || l4_msgtag_typed(tag) != 0 ||
	    (int)l4_msgtag_untyped(tag) != words_of(label)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_SWAP_STATS) {
		reply_stats();
		return;
	}
	if (label == L4_DS_SWEEP) {
		reply_word(sweep(from));
		return;
	}
	if (label == L4_DS_OPEN) {
		open_ds(l4_mr(1), from);
		return;
	}
	d = lookup(l4_mr(1), from);
	if (!d)
		reply(L4_NAMES_ENOENT);
	else if (label == L4_DS_SIZE)
		reply_word(d->pages * PAGE);
	else if (label == L4_DS_MAP)
		map_ds(d, l4_mr(2), l4_mr(3));
	else
		close_ds(d, from);
}

/* The thread running program @name, asked of the root task until it
 * knows it. */
static l4_threadid_t find(const char *name)
{
	l4_threadid_t id = L4_NILTHREAD;

	while (l4_root_lookup(name, &id) != L4_NAMES_OK)
		l4_thread_switch(L4_NILTHREAD);
	return id;
}

/*
 * The budget @cmdline asks for ("swapper frames=N"), else FRAMES_DEFAULT;
 * at least one frame and at most what the memory server gives one client
 * (L4_DS_QUOTA pages).
 */
static unsigned budget(const char *cmdline)
{
	l4_word_t n = l4_arg_number(cmdline, "frames", FRAMES_DEFAULT);

	return n < 1 ? 1 : n > L4_DS_QUOTA ? L4_DS_QUOTA : (unsigned)n;
}

/* Open the budget of @n frames at the memory server and map it into the
 * pool window; false (having said why) if it cannot be had. */
static bool pool_open(unsigned n)
{
	l4_word_t d;

	if (l4_ds_open(memory, n * PAGE, &d) != L4_NAMES_OK) {
		l4_printf("swapper: the memory server refuses %u frames\n", n);
		return false;
	}
	for (unsigned f = 0; f < n; f++) {
		if (l4_ds_map(memory, d, f * PAGE, L4_FPAGE_RWX,
			      frame_addr(f)) != L4_NAMES_OK) {
			l4_printf("swapper: frame %u not mapped\n", f);
			return false;
		}
	}
	clock_init(&clock, clock_flags, n);
	stats.frames = n;
	return true;
}

int main(void)
{
	char cmdline[8 * L4_ARGS_WORDS], on[L4_NAME_MAX + 1];
	const char *below = "memory";
	unsigned n;

	/* "frames=N": the budget; "on=NAME": the dataspace manager to take
	 * it from (another swapper stacks on this one that way). */
	l4_root_args(cmdline, sizeof(cmdline));
	n = budget(cmdline);
	block_first = l4_arg_number(cmdline, "block0", 0);
	block_count = l4_arg_number(cmdline, "blocks", L4_BLOCKS);
	if (block_first >= L4_BLOCKS)
		block_first = 0;
	if (block_count > L4_BLOCKS - block_first)
		block_count = L4_BLOCKS - block_first;
	if (l4_arg(cmdline, "on", on, sizeof(on)) && on[0])
		below = on;
	memory = find(below);
	store = find("blocks");
	if (!pool_open(n))
		l4_sleep_forever();
	l4_printf("swapper: %u frames from %s, blocks %lu-%lu, %u pages a "
		  "client\n",
		  n, below, block_first, block_first + block_count - 1,
		  L4_SWAP_QUOTA);
	l4_server_loop(serve);
}
