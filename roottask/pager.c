// SPDX-License-Identifier: BSD-2-Clause
/*
 * The pager; see pager.h. The protocol (<l4/protocol.h>): a faulting
 * thread's kernel sends label -2 << 4 | rwx, MR1 the address, MR2 the IP;
 * the reply maps one 4 KiB page, with send base = the page's address in
 * the program (the kernel's receive window is the program's whole space).
 */
#include <l4/args.h>
#include <l4/fpage.h>
#include <l4/message.h>
#include <l4/names.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/rm.h>
#include <l4/syscalls.h>

#include "control.h"
#include "args.h"
#include "frames.h"
#include "layout.h"
#include "modules.h"
#include "pager.h"
#include "program.h"
#include "threads.h"

static const char *access_name(unsigned rwx)
{
	return (rwx & L4_FPAGE_W) ? "write" :
	       (rwx & L4_FPAGE_X) ? "execute" :
				    "read";
}

/* The rights of @p's page at @page: those of every region in it. */
static unsigned page_rights(const struct program *p, l4_word_t page)
{
	unsigned rights = 0;

	for (unsigned i = 0; i < p->nregions; i++) {
		const struct region *r = &p->region[i];

		if (r->start < page + PAGE_SIZE && page < r->end)
			rights |= r->rights;
	}
	return rights;
}

/* Fill the frame at @frame with the contents of @p's page at @page. */
static void page_fill(const struct program *p, l4_word_t page, l4_word_t frame)
{
	__builtin_memset((void *)frame, 0, PAGE_SIZE);
	for (unsigned i = 0; i < p->nregions; i++) {
		const struct region *r = &p->region[i];
		l4_word_t lo = r->start > page ? r->start : page;
		l4_word_t hi = r->start + r->filesz;

		if (hi > page + PAGE_SIZE)
			hi = page + PAGE_SIZE;
		if (lo < hi)
			__builtin_memcpy(
				(void *)(frame + (lo - page)),
				(const void *)(r->file + (lo - r->start)),
				hi - lo);
	}
}

/*
 * The frame for @p's page at @page: the one it was given before, or a new
 * one, filled. 0 (having said why) if there is none.
 */
static l4_word_t page_frame(struct program *p, l4_word_t page)
{
	l4_word_t frame = program_frame(p, page);

	if (frame)
		return frame;
	if (!program_has_room(p)) {
		l4_printf("root: %s: more than %u pages\n", p->name,
			  PROGRAM_PAGES_MAX);
		return 0;
	}
	frame = frame_alloc();
	if (!frame) {
		l4_printf("root: %s: sigma0 has no page left\n", p->name);
		return 0;
	}
	page_fill(p, page, frame);
	program_add_page(p, page, frame);
	return frame;
}

/*
 * The page of @p at @addr with rights @rwx, or nil with why in *@why: the
 * one answer to a page fault and to a map request of the program's image.
 */
static l4_fpage_t image_page(struct program *p, l4_word_t addr, unsigned rwx,
			     const char **why)
{
	l4_word_t page = addr & ~(PAGE_SIZE - 1), frame;
	unsigned rights = page_rights(p, page);

	if (!program_region_at(p, addr)) {
		*why = "outside every segment";
		return L4_NILPAGE;
	}
	if ((rwx & rights) != rwx) {
		*why = rights & L4_FPAGE_W ? "in a page without those rights" :
					     "in a read-only page";
		return L4_NILPAGE;
	}
	frame = page_frame(p, page);
	if (!frame) {
		*why = "with no page left";
		return L4_NILPAGE;
	}
	return l4_fpage(frame, PAGE_LOG2, rights);
}

/*
 * Resolve @p's fault of access @rwx at @addr (instruction at @ip) by
 * @from: put the reply in the MRs and return true, or report and return
 * false.
 */
static bool pager_fault(struct program *p, l4_threadid_t from, l4_word_t addr,
			l4_word_t ip, unsigned rwx)
{
	const char *why = "";
	l4_fpage_t f = image_page(p, addr, rwx, &why);

	if (l4_fpage_is_nil(f)) {
		l4_printf("root: %s: %s fault at %lx (ip %lx) %s; thread %lx "
			  "stays blocked\n",
			  p->name, access_name(rwx), addr, ip, why, from.raw);
		return false;
	}
	l4_msg_map_reply(addr & ~(PAGE_SIZE - 1), f);
	return true;
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

/*
 * L4_DS_MAP of the program's image (<l4/rm.h>), from its region mapper:
 * MR1 the dataspace (L4_ROOT_IMAGE_DS), MR2 the offset (the address), MR3
 * the rights. The reply goes into the MRs.
 */
static void image_map(struct program *p, l4_msgtag_t tag)
{
	l4_word_t off = l4_mr(2), rights = l4_mr(3);
	const char *why;
	l4_fpage_t f;

	if (l4_msgtag_untyped(tag) != 3 || l4_msgtag_typed(tag) != 0) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (l4_mr(1) != L4_ROOT_IMAGE_DS) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	if (off % PAGE_SIZE || !rights || rights & ~(l4_word_t)L4_FPAGE_RWX) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	f = image_page(p, off, (unsigned)rights, &why);
	if (l4_fpage_is_nil(f)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	/* Only the rights asked for: a read fault must not make a page of a
	 * copy-on-write dataspace writable further down. */
	l4_msg_map_reply(0, l4_fpage(l4_fpage_base(f), PAGE_LOG2,
				     (unsigned)rights));
}

/*
 * L4_ROOT_REGIONS: @p's regions, rounded out to pages and merged where
 * they share one, as triples start, size, rights in MR2 onwards.
 */
static void image_regions(struct program *p, l4_msgtag_t tag)
{
	l4_word_t start[L4_ROOT_REGIONS_MAX], end[L4_ROOT_REGIONS_MAX];
	unsigned rights[L4_ROOT_REGIONS_MAX], n = 0;

	if (l4_msgtag_untyped(tag) != 0 || l4_msgtag_typed(tag) != 0) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	for (unsigned i = 0; i < p->nregions; i++) { /* ascending */
		const struct region *r = &p->region[i];
		l4_word_t s = r->start & ~(PAGE_SIZE - 1);
		l4_word_t e = (r->end + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);

		if (s == e)
			continue;
		if (n && s < end[n - 1]) {
			end[n - 1] = e > end[n - 1] ? e : end[n - 1];
			rights[n - 1] |= r->rights;
			continue;
		}
		start[n] = s, end[n] = e, rights[n] = r->rights;
		n++;
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1 + 3 * n, 0).raw);
	l4_set_mr(1, n);
	for (unsigned i = 0; i < n; i++) {
		l4_set_mr(2 + 3 * i, start[i]);
		l4_set_mr(3 + 3 * i, end[i] - start[i]);
		l4_set_mr(4 + 3 * i, rights[i]);
	}
}

/*
 * The program lookup (<l4/names.h>): which thread runs the program named
 * in MR1-MR4? The reply goes into the MRs.
 */
static void lookup(struct program *asker, l4_msgtag_t tag)
{
	l4_word_t w[L4_NAME_WORDS];
	char name[L4_NAME_MAX + 1];
	const struct program *p;

	(void)asker; /* any program may ask */
	if (!l4_name_of_request(tag, w, name)) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_EINVAL, 0, 0).raw);
		return;
	}
	p = program_by_name(name);
	if (!p) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_ENOENT, 0, 0).raw);
		return;
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, p->thread.raw);
}

/* The requests this file and threads.c and args.c answer: each puts its
 * reply into the MRs. */
static const struct {
	l4_word_t label;
	void (*answer)(struct program *p, l4_msgtag_t tag);
} requests[] = {
	{ L4_ROOT_LOOKUP, lookup },	    { L4_ROOT_THREAD, threads_create },
	{ L4_ROOT_ARGS, args_reply },	    { L4_ROOT_TASK, threads_task },
	{ L4_ROOT_REGIONS, image_regions }, { L4_DS_MAP, image_map },
	{ L4_ROOT_WATCH, threads_watch },
};

/* Handle the message @tag from @from; true if the reply is in the MRs. */
static bool pager_handle(l4_msgtag_t tag, l4_threadid_t from)
{
	struct program *p = program_by_thread(from);

	if (!p)
		p = threads_program(from);
	if (!p) {
		l4_printf("root: message %lx from unknown thread %lx ignored\n",
			  tag.raw, from.raw);
		return false;
	}
	if (control_notice_answer(tag, p))
		return false;
	if (modules_request(tag) || control_request(tag, p))
		return true;
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++) {
		if (l4_msgtag_has_label(tag, requests[i].label)) {
			requests[i].answer(p, tag);
			return true;
		}
	}
	if (!l4_is_pagefault_tag(tag) ||
	    l4_msgtag_untyped(tag) != L4_PF_UNTYPED ||
	    l4_msgtag_typed(tag) != 0) {
		l4_printf("root: %s: message %lx is no page fault; ignored\n",
			  p->name, tag.raw);
		return false;
	}
	return pager_fault(p, from, l4_mr(L4_PF_MR_ADDR), l4_mr(L4_PF_MR_IP),
			   l4_pagefault_rwx(tag));
}

void pager_serve(void)
{
	l4_threadid_t from;
	l4_msgtag_t tag;

	l4_msg_accept(l4_acceptor(L4_NILPAGE, false)); /* no map items */
	tag = l4_wait(&from);
	for (;;) {
		if (!l4_msgtag_is_error(tag) && pager_handle(tag, from))
			tag = l4_reply_wait(from, &from);
		else
			tag = l4_wait(&from);
	}
}
