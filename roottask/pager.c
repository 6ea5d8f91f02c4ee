// SPDX-License-Identifier: BSD-2-Clause
/*
 * The pager; see pager.h. The protocol (<l4/protocol.h>): a faulting
 * thread's kernel sends label -2 << 4 | rwx, MR1 the address, MR2 the IP;
 * the reply maps one 4 KiB page, with send base = the page's address in
 * the program (the kernel's receive window is the program's whole space).
 */
#include <l4/fpage.h>
#include <l4/message.h>
#include <l4/names.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/syscalls.h>

#include "control.h"
#include "frames.h"
#include "layout.h"
#include "modules.h"
#include "pager.h"
#include "program.h"

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
 * Resolve @p's fault of access @rwx at @addr (instruction at @ip): put the
 * reply in the MRs and return true, or report and return false.
 */
static bool pager_fault(struct program *p, l4_word_t addr, l4_word_t ip,
			unsigned rwx)
{
	l4_word_t page = addr & ~(PAGE_SIZE - 1), frame;
	unsigned rights = page_rights(p, page);

	if (!program_region_at(p, addr)) {
		l4_printf("root: %s: %s fault at %lx (ip %lx) outside every "
			  "segment; thread %lx stays blocked\n",
			  p->name, access_name(rwx), addr, ip, p->thread.raw);
		return false;
	}
	if ((rwx & rights) != rwx) {
		l4_printf("root: %s: %s fault at %lx (ip %lx) in a page with "
			  "rights %c%c%c; thread %lx stays blocked\n",
			  p->name, access_name(rwx), addr, ip,
			  (rights & L4_FPAGE_R) ? 'r' : '-',
			  (rights & L4_FPAGE_W) ? 'w' : '-',
			  (rights & L4_FPAGE_X) ? 'x' : '-', p->thread.raw);
		return false;
	}
	frame = page_frame(p, page);
	if (!frame)
		return false;
	l4_msg_map_reply(page, l4_fpage(frame, PAGE_LOG2, rights));
	return true;
}

/*
 * The program lookup (<l4/names.h>): which thread runs the program named
 * in MR1-MR4? The reply goes into the MRs.
 */
static void lookup(l4_msgtag_t tag)
{
	l4_word_t w[L4_NAME_WORDS];
	char name[L4_NAME_MAX + 1];
	const struct program *p;

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

/* Handle the message @tag from @from; true if the reply is in the MRs. */
static bool pager_handle(l4_msgtag_t tag, l4_threadid_t from)
{
	struct program *p = program_by_thread(from);

	if (!p) {
		l4_printf("root: message %lx from unknown thread %lx ignored\n",
			  tag.raw, from.raw);
		return false;
	}
	if (l4_msgtag_has_label(tag, L4_ROOT_LOOKUP)) {
		lookup(tag);
		return true;
	}
	if (control_notice_answer(tag, p))
		return false;
	if (modules_request(tag) || control_request(tag, p))
		return true;
	if (!l4_is_pagefault_tag(tag) ||
	    l4_msgtag_untyped(tag) != L4_PF_UNTYPED ||
	    l4_msgtag_typed(tag) != 0) {
		l4_printf("root: %s: message %lx is no page fault; ignored\n",
			  p->name, tag.raw);
		return false;
	}
	return pager_fault(p, l4_mr(L4_PF_MR_ADDR), l4_mr(L4_PF_MR_IP),
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
