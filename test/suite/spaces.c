// SPDX-License-Identifier: BSD-2-Clause
/* Other address spaces, their pager and the agents; see spaces.h. */
#include "suite.h"

#define SERVE_US 2000000ull /* how long to wait for an agent */

bool suite_space_create(struct suite_space *s)
{
	l4_threadid_t t = suite_id_alloc();
	struct suite_thread *e;

	*s = (struct suite_space){ .first = t };
	if (!l4_thread_control(t, t, l4_myself(), L4_NILTHREAD,
			       L4_UTCB_LOCATION_UNCHANGED))
		return false;
	e = suite_thread_add(t);
	if (e)
		e->space = s;
	s->thread[0] = t;
	if (!l4_space_control(t, L4_SPACE_CONTROL_NONE,
			      l4_fpage(SUITE_SPACE_KIP_AREA, 12, 0),
			      l4_fpage(SUITE_SPACE_UTCB_AREA,
				       SUITE_SPACE_UTCB_LOG2, 0),
			      L4_NILTHREAD, NULL)) {
		suite_thread_delete(t);
		return false;
	}
	return true;
}

l4_threadid_t suite_space_start(struct suite_space *s, void (*entry)(void))
{
	unsigned k = s->nthreads;
	l4_word_t location = SUITE_SPACE_UTCB_AREA + k * L4_UTCB_SIZE;
	l4_word_t sp =
		SUITE_SPACE_STACKS + (k + 1) * SUITE_SPACE_STACK_SIZE - 8;
	l4_threadid_t t = k ? suite_id_alloc() : s->first;
	l4_threadid_t me = l4_myself();
	struct suite_thread *e;
	l4_msgtag_t tag;

	if (k == SUITE_SPACE_THREADS)
		return L4_NILTHREAD;
	if (!l4_thread_control(t, s->first, me, me, location))
		return L4_NILTHREAD;
	e = suite_thread_add(t);
	if (e)
		e->space = s;
	s->thread[k] = t;
	s->nthreads++;
	/* The start-up message: MR1 IP, MR2 SP. */
	l4_set_mr(0, l4_msgtag_make(0, 2, 0).raw);
	l4_set_mr(1, (l4_word_t)entry);
	l4_set_mr(2, sp);
	tag = l4_ipc(t, L4_NILTHREAD,
		     l4_timeouts(l4_time_from_us(SERVE_US), L4_NEVER), NULL);
	return l4_msgtag_is_error(tag) ? L4_NILTHREAD : t;
}

/* The suite's address of the private page of @s at @va, made on first
 * use; 0 if there is no memory for it. */
static l4_word_t space_page(struct suite_space *s, l4_word_t va)
{
	void *p;

	for (unsigned i = 0; i < s->npages; i++)
		if (s->page[i].va == va)
			return s->page[i].backing;
	if (s->npages == SUITE_SPACE_PAGES || !(p = suite_page_alloc()))
		return 0;
	s->page[s->npages].va = va;
	s->page[s->npages].backing = (l4_word_t)p;
	s->npages++;
	return (l4_word_t)p;
}

/* True if @va lies in the KIP area or the UTCB area of the spaces. */
static bool in_areas(l4_word_t va)
{
	l4_word_t utcb_end =
		SUITE_SPACE_UTCB_AREA + (1ul << SUITE_SPACE_UTCB_LOG2);

	return (va >= SUITE_SPACE_KIP_AREA &&
		va < SUITE_SPACE_KIP_AREA + SUITE_PAGE) ||
	       (va >= SUITE_SPACE_UTCB_AREA && va < utcb_end);
}

/*
 * Answer the page fault @tag of @who: the suite's image read-only and
 * executable, anything else from the space's private pages, except the
 * KIP and UTCB areas (logged, left unanswered: the case decides). A fault
 * that is not ours to answer is recorded as a failure and left unanswered.
 */
static void serve_fault(l4_threadid_t who, l4_msgtag_t tag)
{
	struct suite_thread *e = suite_thread_find(who);
	struct suite_space *s = e ? e->space : NULL;
	l4_word_t addr = l4_mr(L4_PF_MR_ADDR), ip = l4_mr(L4_PF_MR_IP);
	l4_word_t page = addr & ~(SUITE_PAGE - 1), backing;
	unsigned rwx = l4_pagefault_rwx(tag), rights = L4_FPAGE_RWX;

	if (!s) {
		suite_fail("page fault of 0x%lx at 0x%lx (ip 0x%lx)", who.raw,
			   addr, ip);
		return;
	}
	if (s->nfaults < SUITE_SPACE_FAULTS)
		s->fault[s->nfaults++] =
			(struct suite_fault){ who, addr, ip, rwx };
	if (in_areas(page))
		return; /* nothing can be mapped there: the case looks */
	if (suite_in_image(page)) {
		if (rwx & L4_FPAGE_W) {
			suite_fail("thread 0x%lx writes the suite's image at "
				   "0x%lx (ip 0x%lx)",
				   who.raw, addr, ip);
			return;
		}
		backing = page;
		rights = L4_FPAGE_RX;
	} else if (!(backing = space_page(s, page))) {
		suite_fail("no page for the fault of 0x%lx at 0x%lx", who.raw,
			   addr);
		return;
	}
	l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
	l4_set_mr(1, l4_mapitem_word0(page, false));
	l4_set_mr(2, l4_fpage(backing, 12, rights).raw);
	tag = l4_ipc(who, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER),
		     NULL);
	if (l4_msgtag_is_error(tag))
		suite_fail("reply to the page fault of 0x%lx failed: 0x%lx",
			   who.raw, suite_error());
}

/* Keep the message in the MRs for a later suite_serve(@who). */
static void stash(l4_threadid_t who, l4_msgtag_t tag)
{
	struct suite_thread *e = suite_thread_find(who);

	if (!e || e->pending) {
		suite_fail("unexpected message 0x%lx from 0x%lx", tag.raw,
			   who.raw);
		return;
	}
	for (unsigned i = 0; i < SUITE_MSG_WORDS; i++)
		e->msg[i] = l4_mr(i);
	e->pending_from = who;
	e->pending = true;
}

l4_msgtag_t suite_serve(l4_threadid_t from, uint64_t us)
{
	struct suite_thread *e = suite_thread_find(from);
	uint64_t end = l4_system_clock() + us;

	if (e && e->pending) {
		for (unsigned i = 0; i < SUITE_MSG_WORDS; i++)
			l4_set_mr(i, e->msg[i]);
		e->pending = false;
		return l4_msgtag(e->msg[0]);
	}
	for (;;) {
		uint64_t now = l4_system_clock();
		l4_time_t left = l4_time_from_us(end > now ? end - now : 0);
		l4_threadid_t who;
		l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
					 l4_timeouts(L4_NEVER, left), &who);

		if (l4_msgtag_is_error(tag))
			return tag;
		who = l4_global_id_of(who);
		if (l4_is_pagefault_tag(tag))
			serve_fault(who, tag);
		else if (who.raw == from.raw)
			return tag;
		else
			stash(who, tag);
	}
}

/* Carry out command @op with the arguments in MR1..MR3 of @u. */
static void agent_do(l4_word_t *u, l4_word_t op, l4_word_t *res,
		     l4_word_t *extra)
{
	l4_word_t a1 = u[1], a2 = u[2], a3 = u[3];
	l4_threadid_t to = l4_threadid(a1);
	l4_msgtag_t tag;

	*res = 0;
	*extra = 0;
	switch (op) {
	case SUITE_AG_READ:
		*res = *(volatile l4_word_t *)a1;
		break;
	case SUITE_AG_WRITE:
		*(volatile l4_word_t *)a1 = a2;
		break;
	case SUITE_AG_FORWARD:
		u[0] = l4_msgtag_make(SUITE_AG_NOP, 0, 2).raw;
		u[1] = (a3 & 1) ? l4_grantitem_word0(a3 & ~1ul, false) :
				  l4_mapitem_word0(a3, false);
		u[2] = a2;
		tag = l4_ipc(to, to, 0, NULL);
		*res = tag.raw;
		*extra = l4_msgtag_is_error(tag) ? u[L4_UTCB_ERROR_CODE] : 0;
		break;
	case SUITE_AG_INB: {
		uint8_t v;

		__asm__ volatile("inb %%dx, %%al"
				 : "=a"(v)
				 : "d"((uint16_t)a1));
		*res = v;
		break;
	}
	case SUITE_AG_UNMAP:
		u[0] = a1;
		suite_unmap(a2);
		*res = u[0];
		break;
	case SUITE_AG_THREAD_CONTROL:
		*res = l4_thread_control(to, l4_threadid(a2), L4_NILTHREAD,
					 l4_threadid(a3),
					 L4_UTCB_LOCATION_UNCHANGED);
		*extra = u[L4_UTCB_ERROR_CODE];
		break;
	case SUITE_AG_SPACE_CONTROL:
		*res = l4_space_control(to, L4_SPACE_CONTROL_NONE,
					l4_fpage(SUITE_SPACE_KIP_AREA, 12, 0),
					l4_fpage(SUITE_SPACE_UTCB_AREA,
						 SUITE_SPACE_UTCB_LOG2, 0),
					L4_NILTHREAD, NULL);
		*extra = u[L4_UTCB_ERROR_CODE];
		break;
	case SUITE_AG_SCHEDULE:
		*res = l4_schedule(to, L4_SCHEDULE_UNCHANGED,
				   L4_SCHEDULE_UNCHANGED, l4_prio_control(a2),
				   L4_SCHEDULE_UNCHANGED, NULL);
		*extra = u[L4_UTCB_ERROR_CODE];
		break;
	case SUITE_AG_STRING_BUFFER:
		u[L4_UTCB_BR(0)] = l4_acceptor(L4_COMPLETE_SPACE, true);
		u[L4_UTCB_BR(1)] = l4_stringitem_word0(a2, 1, false, false);
		u[L4_UTCB_BR(2)] = a1;
		break;
	case SUITE_AG_KERNEL_INTERFACE:
		*res = (l4_word_t)l4_kernel_interface(extra, &a2, &a3);
		break;
	case SUITE_AG_WHOAMI:
		*res = (l4_word_t)l4_utcb_reload();
		*extra = u[L4_UTCB_MY_GLOBAL_ID];
		break;
	case SUITE_AG_SEND:
	case SUITE_AG_PROPAGATE:
		u[0] = l4_msgtag_make(SUITE_AG_HELLO, 1, 0).raw;
		u[1] = a2;
		if (op == SUITE_AG_PROPAGATE) {
			u[0] |= L4_MSGTAG_PROPAGATED;
			u[L4_UTCB_SENDER] = a3;
		}
		tag = l4_ipc(to, L4_NILTHREAD, 0, NULL);
		*res = tag.raw;
		*extra = l4_msgtag_is_error(tag) ? u[L4_UTCB_ERROR_CODE] : 0;
		break;
	}
}

/*
 * An agent, running in another space: it writes only its stack and its
 * UTCB (the suite's image is read-only there). It reports to its pager,
 * then answers each command to whoever sent it.
 */
static void agent_main(void)
{
	l4_word_t *u = l4_utcb();
	l4_threadid_t to = l4_threadid(u[L4_UTCB_PAGER]), from;
	l4_word_t res, extra;

	u[L4_UTCB_BR(0)] = l4_acceptor(L4_COMPLETE_SPACE, false);
	u[0] = l4_msgtag_make(SUITE_AG_READY, 0, 0).raw;
	for (;;) {
		l4_msgtag_t tag = l4_ipc(to, L4_ANYTHREAD, 0, &from);

		u = l4_utcb_reload(); /* ThreadControl may have moved it */
		if (l4_msgtag_is_error(tag)) {
			to = L4_NILTHREAD;
			continue;
		}
		to = from;
		if (l4_msgtag_label(tag) == SUITE_AG_ECHO) {
			unsigned n = l4_msgtag_untyped(tag);

			for (unsigned i = 1; i <= n; i++)
				u[i]++;
			u[0] = l4_msgtag_make(l4_msgtag_label(tag) + 1, n, 0)
				       .raw;
			continue;
		}
		agent_do(u, l4_msgtag_label(tag), &res, &extra);
		u[0] = l4_msgtag_make(SUITE_AG_REPLY, 2, 0).raw;
		u[1] = res;
		u[2] = extra;
	}
}

l4_threadid_t suite_agent_start(struct suite_space *s)
{
	l4_threadid_t t = suite_space_start(s, agent_main);
	l4_msgtag_t tag;

	if (l4_is_nil_thread(t))
		return t;
	tag = suite_serve(t, SERVE_US);
	if (l4_msgtag_is_error(tag) ||
	    !l4_msgtag_has_label(tag, SUITE_AG_READY)) {
		suite_fail("agent 0x%lx did not start: tag 0x%lx", t.raw,
			   tag.raw);
		return L4_NILTHREAD;
	}
	return t;
}

/* Send the command in the MRs to @agent and wait for its reply. */
static bool agent_call(l4_threadid_t agent)
{
	l4_msgtag_t tag =
		l4_ipc(agent, L4_NILTHREAD,
		       l4_timeouts(l4_time_from_us(SERVE_US), L4_NEVER), NULL);

	if (l4_msgtag_is_error(tag)) {
		suite_fail("agent 0x%lx takes no command: error 0x%lx",
			   agent.raw, suite_error());
		return false;
	}
	tag = suite_serve(agent, SERVE_US);
	if (l4_msgtag_is_error(tag) ||
	    !l4_msgtag_has_label(tag, SUITE_AG_REPLY)) {
		suite_fail("agent 0x%lx did not answer: tag 0x%lx", agent.raw,
			   tag.raw);
		return false;
	}
	return true;
}

l4_word_t suite_agent(l4_threadid_t agent, l4_word_t op, l4_word_t a1,
		      l4_word_t a2, l4_word_t a3, l4_word_t *extra)
{
	l4_set_mr(0, l4_msgtag_make(op, 3, 0).raw);
	l4_set_mr(1, a1);
	l4_set_mr(2, a2);
	l4_set_mr(3, a3);
	if (!agent_call(agent))
		return ~0ul;
	if (extra)
		*extra = l4_mr(2);
	return l4_mr(1);
}

bool suite_agent_map(l4_threadid_t agent, l4_fpage_t f, l4_word_t dest_va,
		     bool grant)
{
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_NOP, 0, 2).raw);
	l4_set_mr(1, grant ? l4_grantitem_word0(dest_va, false) :
			     l4_mapitem_word0(dest_va, false));
	l4_set_mr(2, f.raw);
	return agent_call(agent);
}

unsigned suite_space_faults_at(const struct suite_space *s, l4_word_t addr)
{
	unsigned n = 0;

	for (unsigned i = 0; i < s->nfaults; i++)
		if ((s->fault[i].addr & ~(SUITE_PAGE - 1)) ==
		    (addr & ~(SUITE_PAGE - 1)))
			n++;
	return n;
}

void suite_space_delete(struct suite_space *s)
{
	unsigned n = s->nthreads ? s->nthreads : 1;

	while (n-- > 0)
		suite_thread_delete(s->thread[n]);
	s->nthreads = 0;
}
