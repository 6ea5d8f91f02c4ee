// SPDX-License-Identifier: BSD-2-Clause
/*
 * The example pager of docs/howto-pager.md: the smallest complete
 * dataspace manager worth stacking. It speaks the dataspace protocol
 * (<l4/dataspace.h>) for "counting" dataspaces: every word of one holds its
 * own offset in the dataspace until somebody writes it. It has no memory of
 * its own: it takes FRAMES frames from the pager below it (the memory
 * server) as one dataspace, maps them into its window, and hands one to
 * each page of its clients on the first fault. When they are all given
 * out, the answer is EFULL (a real pager would evict: pagers/swapper).
 *
 *   sigma0 --> memory server --> example pager --> application
 *              (its frames)      (FRAMES of them)  (through its region mapper)
 */
#include <l4/dataspace.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/syscalls.h>

#define PAGE 4096ul
#define FRAMES 8
#define WINDOW 0x10000000ul /* where our frames appear in our space */
#define DS_MAX 4
#define DS_PAGES_MAX FRAMES

/* Step 1: the frames, from the pager below (the memory server). */
static l4_word_t frames_used;

static bool take_frames(void)
{
	l4_threadid_t memory;
	l4_word_t ds;

	while (l4_root_lookup("memory", &memory) != L4_NAMES_OK)
		l4_thread_switch(L4_NILTHREAD); /* not started yet */
	if (l4_ds_open(memory, FRAMES * PAGE, &ds) != L4_NAMES_OK)
		return false;
	for (l4_word_t i = 0; i < FRAMES; i++)
		if (l4_ds_map(memory, ds, i * PAGE, L4_FPAGE_RW,
			      WINDOW + i * PAGE) != L4_NAMES_OK)
			return false;
	return true;
}

/* Step 2: the dataspaces, each owned by one task. */
static struct {
	l4_threadid_t owner; /* nil: the slot is free */
	l4_word_t pages;
	l4_word_t frame[DS_PAGES_MAX]; /* our address of each page, or 0 */
} ds[DS_MAX];

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

static void open_ds(l4_threadid_t task, l4_word_t size)
{
	unsigned n;

	if (!size || size % PAGE || size / PAGE > DS_PAGES_MAX) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	for (n = 0; n < DS_MAX && !l4_is_nil_thread(ds[n].owner); n++)
		;
	if (n == DS_MAX) {
		reply(L4_NAMES_EFULL);
		return;
	}
	ds[n].owner = task;
	ds[n].pages = size / PAGE;
	for (unsigned i = 0; i < DS_PAGES_MAX; i++)
		ds[n].frame[i] = 0;
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, n);
}

/* Step 3: a map request, the fault of the application as its region
 * mapper passes it on. */
static void map(unsigned n, l4_word_t off, l4_word_t rights)
{
	l4_word_t *f = &ds[n].frame[off / PAGE];

	if (off % PAGE || off / PAGE >= ds[n].pages || !rights ||
	    rights & ~(l4_word_t)L4_FPAGE_RWX) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (!*f) { /* first touch: a frame, filled */
		if (frames_used == FRAMES) {
			reply(L4_NAMES_EFULL);
			return;
		}
		*f = WINDOW + frames_used++ * PAGE;
		for (l4_word_t w = 0; w < PAGE; w += 8)
			*(l4_word_t *)(*f + w) = off + w;
	}
	/* The client's BR0 says where it lands; the base does not matter
	 * for a window of one page. */
	l4_msg_map_reply(0, l4_fpage(*f, 12, (unsigned)rights));
}

static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t label = l4_msgtag_label(tag), n = l4_mr(1);
	l4_threadid_t task = l4_task_of(from); /* all its threads are one */

	if (l4_msgtag_typed(tag) != 0 || l4_is_nil_thread(task)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_DS_OPEN && l4_msgtag_untyped(tag) == 1) {
		open_ds(task, n);
		return;
	}
	if (n >= DS_MAX || !l4_same_thread(ds[n].owner, task)) {
		reply(L4_NAMES_ENOENT); /* not a dataspace of the sender's */
		return;
	}
	if (label == L4_DS_MAP && l4_msgtag_untyped(tag) == 3) {
		map((unsigned)n, l4_mr(2), l4_mr(3));
	} else if (label == L4_DS_SIZE && l4_msgtag_untyped(tag) == 1) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, ds[n].pages * PAGE);
	} else {
		reply(L4_NAMES_EINVAL); /* close is left as an exercise */
	}
}

int main(void)
{
	if (!take_frames()) {
		l4_printf("example: the memory server gave no frames\n");
		return 1;
	}
	l4_printf("example: %u frames from the memory server\n", FRAMES);
	l4_server_loop(serve); /* step 4: serve for ever */
}
