// SPDX-License-Identifier: BSD-2-Clause
/*
 * String items; see xfer.h for the protocol between the initiator and its
 * partner. A message's typed words and the receiver's buffer registers are
 * read in place: a string is a run of string items joined by the compound
 * bit c, each item giving a length and one address per substring (all
 * substrings of an item have its length).
 */
#include <kernel/arch.h>
#include <kernel/map.h>
#include <kernel/sched.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/ipc.h>
#include <kernel/xfer.h>

#include <l4/errors.h>
#include <l4/fpage.h>
#include <l4/time.h>
#include <l4/utcb.h>

#define PAGE 4096ul
#define USER_END 0x0000800000000000ul
#define MAX_ITEM_WORDS 64

/* A list of items read in place: the sender's typed MRs or the receiver's
 * BR1 onwards. */
struct items {
	const l4_word_t *utcb;
	unsigned first, n; /* MRs: words first .. first + n - 1 */
	bool buffers;	   /* BRs instead of MRs */
};

static l4_word_t item_word(const struct items *it, unsigned i)
{
	if (it->buffers)
		return it->utcb[L4_UTCB_BR(1 + i)];
	return it->utcb[it->first + i];
}

/* Words of the item at @i (0 if it does not fit). */
static unsigned item_len(const struct items *it, unsigned i)
{
	l4_word_t w0 = item_word(it, i);
	unsigned len =
		l4_item_is_string(w0) ? 1 + l4_stringitem_substrings(w0) : 2;

	return i + len <= it->n ? len : 0;
}

/*
 * Substring @k of string @j: its address and length. False if there is
 * none. Strings are numbered in the order of their first items; an item
 * whose predecessor had the compound bit c belongs to the same string.
 * The message's typed items are all t of them, whatever their C bits say
 * (the reference library leaves C clear). The receive buffers end with
 * the string whose first item has C clear, as the reference library
 * writes them: C on a string's first item says another string follows.
 */
static bool substring(const struct items *it, unsigned j, unsigned k,
		      uint64_t *addr, uint64_t *len)
{
	unsigned next = 0, cur = 0, len_i;
	bool cont = false, more = false;

	for (unsigned i = 0; i < it->n && (len_i = item_len(it, i));
	     i += len_i) {
		l4_word_t w0 = item_word(it, i);
		unsigned subs;

		if (!l4_item_is_string(w0)) {
			if (it->buffers)
				break; /* buffers are strings only */
			continue;
		}
		subs = l4_stringitem_substrings(w0);
		if (!cont) {
			cur = next++;
			more = l4_item_continues(w0);
		}
		if (cur > j)
			return false;
		if (cur == j) {
			if (k < subs) {
				*addr = item_word(it, i + 1 + k);
				*len = l4_stringitem_length(w0);
				return true;
			}
			k -= subs;
		}
		cont = l4_stringitem_is_compound(w0);
		if (it->buffers && !cont && !more)
			break;
	}
	return false;
}

static uint64_t string_length(const struct items *it, unsigned j)
{
	uint64_t total = 0, a, l;

	for (unsigned k = 0; substring(it, j, k, &a, &l); k++)
		total += l;
	return total;
}

static unsigned count_strings(const struct items *it)
{
	unsigned n = 0;
	uint64_t a, l;

	while (substring(it, n, 0, &a, &l))
		n++;
	return n;
}

bool xfer_has_strings(const uint64_t *utcb, unsigned first, unsigned n)
{
	struct items it = { utcb, first, n, false };

	return count_strings(&it) > 0;
}

/* The physical address of @va in @t's space if mapped with @access. */
static bool translate(const struct tcb *t, uint64_t va, unsigned access,
		      uint64_t *pa)
{
	unsigned size, rights;

	if (va >= USER_END)
		return false;
	return arch_vspace_lookup(t->space, va, pa, &size, &rights) &&
	       (rights & access) == access;
}

/* Is the transfer of the current thread still on (partner alive, not
 * cancelled)? */
static bool xfer_on(void)
{
	struct tcb *self = sched_current();

	return !self->xfer_abort && self->xfer_peer &&
	       !self->xfer_peer->xfer_abort;
}

/* Fault in @va of @t's space: directly if @t is running, else through it. */
static bool fault(struct tcb *t, uint64_t va, unsigned access)
{
	struct tcb *self = sched_current();

	if (va >= USER_END)
		return false;
	if (t == self)
		return map_page_fault_until(va, access,
					    arch_thread_get(t, ARCH_IP),
					    self->xfer_deadline);
	t->xfer_deadline = self->xfer_deadline;
	t->xfer_fault_addr = va;
	t->xfer_fault_access = access;
	t->xfer_initiator = self;
	sched_ready(t);
	self->state = TCB_XFER_WAIT;
	sched_block();
	return self->xfer_peer && self->xfer_fault_ok;
}

/* Copy @len bytes from @sa in @s's space to @ra in @r's. On a fault that
 * cannot be resolved, *@side is the thread whose space it was in. */
static bool copy(struct tcb *s, uint64_t sa, struct tcb *r, uint64_t ra,
		 uint64_t len, uint64_t *bytes, struct tcb **side)
{
	while (len) {
		uint64_t sp, rp, chunk;

		/* Checked before every use of the partner: it may have been
		 * deleted while this thread blocked. */
		if (!xfer_on())
			return false;
		if (!translate(s, sa, L4_FPAGE_R, &sp)) {
			if (!fault(s, sa, L4_FPAGE_R)) {
				*side = s;
				return false;
			}
			continue;
		}
		if (!translate(r, ra, L4_FPAGE_W, &rp)) {
			if (!fault(r, ra, L4_FPAGE_W)) {
				*side = r;
				return false;
			}
			continue;
		}
		chunk = len;
		if (chunk > PAGE - sa % PAGE)
			chunk = PAGE - sa % PAGE;
		if (chunk > PAGE - ra % PAGE)
			chunk = PAGE - ra % PAGE;
		memcpy(arch_phys_to_virt(rp), arch_phys_to_virt(sp), chunk);
		sa += chunk;
		ra += chunk;
		len -= chunk;
		*bytes += chunk;
	}
	return true;
}

/* Copy string @j of @snd into buffer @j of @rcv. */
static unsigned copy_string(struct tcb *s, struct tcb *r,
			    const struct items *snd, const struct items *rcv,
			    unsigned j, uint64_t *bytes)
{
	uint64_t sa = 0, sl = 0, ra = 0, rl = 0;
	unsigned sk = 0, rk = 0;
	struct tcb *side = NULL;

	for (;;) {
		uint64_t n;

		while (sl == 0 && substring(snd, j, sk, &sa, &sl))
			sk++;
		if (sl == 0)
			return 0; /* all of it copied */
		while (rl == 0 && substring(rcv, j, rk, &ra, &rl))
			rk++;
		if (rl == 0)
			return L4_IPC_EMSGOVERFLOW;
		n = sl < rl ? sl : rl;
		if (!copy(s, sa, r, ra, n, bytes, &side)) {
			if (!sched_current()->xfer_peer)
				return XFER_PARTNER_GONE;
			if (!xfer_on())
				return L4_IPC_EABORTED;
			return side == s ? L4_IPC_EXFERTIMEOUT_SELF :
					   L4_IPC_EXFERTIMEOUT_PEER;
		}
		sa += n;
		sl -= n;
		ra += n;
		rl -= n;
	}
}

/* Rewrite the receiver's copy of string @j's first item: the length it
 * got and the addresses of the buffer it landed in. */
static void describe(struct tcb *r, const struct items *rcv, unsigned first,
		     unsigned n, unsigned j, uint64_t got)
{
	struct items mine = { r->utcb, first, n, false };
	unsigned next = 0, len_i;
	bool cont = false;

	for (unsigned i = 0; i < n && (len_i = item_len(&mine, i));
	     i += len_i) {
		l4_word_t *w = &r->utcb[first + i];

		if (l4_item_is_string(*w)) {
			if (!cont && next++ == j) {
				uint64_t a, l;

				*w = (*w & 0x3ff) | (got << 10);
				for (unsigned k = 0;
				     k + 1 < len_i &&
				     substring(rcv, j, k, &a, &l);
				     k++)
					w[1 + k] = a;
				return;
			}
			cont = l4_stringitem_is_compound(*w);
		}
		if (!l4_item_continues(*w))
			break;
	}
}

/*
 * When the page faults of a transfer must be over: the sooner of the
 * sender's send and the receiver's receive transfer timeout (XferTimeouts,
 * UTCB word -8, laid out as Ipc's Timeouts), periods from now, points as
 * the clock will show them. 0: never; a zero timeout allows no fault at
 * all.
 */
static uint64_t xfer_deadline(const struct tcb *s, const struct tcb *r)
{
	l4_time_t ts = l4_timeouts_send(s->utcb[L4_UTCB_XFER_TIMEOUTS]);
	l4_time_t tr = l4_timeouts_receive(r->utcb[L4_UTCB_XFER_TIMEOUTS]);
	uint64_t now = ipc_now_us(), d = 0;
	l4_time_t both[2] = { ts, tr };

	for (int i = 0; i < 2; i++) {
		uint64_t di;

		if (l4_time_is_never(both[i]))
			continue;
		di = l4_time_is_zero(both[i]) ? 1 : ipc_deadline(both[i], now);
		if (!d || di < d)
			d = di;
	}
	return d;
}

unsigned xfer_strings(struct tcb *s, struct tcb *r, unsigned first, unsigned n,
		      uint64_t *bytes)
{
	struct items snd = { s->utcb, first, n, false };
	struct items rcv = { r->utcb, 0, 32, true };
	unsigned nstr = count_strings(&snd);

	*bytes = 0;
	if (nstr == 0)
		return 0;
	sched_current()->xfer_deadline = xfer_deadline(s, r);
	if (!l4_acceptor_strings(r->utcb[L4_UTCB_BR(0)]) ||
	    count_strings(&rcv) < nstr)
		return L4_IPC_EMSGOVERFLOW;
	for (unsigned j = 0; j < nstr; j++) {
		uint64_t before = *bytes;
		unsigned err;

		if (string_length(&snd, j) > string_length(&rcv, j))
			return L4_IPC_EMSGOVERFLOW;
		err = copy_string(s, r, &snd, &rcv, j, bytes);
		if (err)
			return err;
		describe(r, &rcv, first, n, j, *bytes - before);
	}
	return 0;
}

bool xfer_serve(struct tcb *self)
{
	struct tcb *init = self->xfer_initiator;
	bool ok;

	if (!init)
		return false;
	/* Take the request first: the page-fault IPC below blocks in
	 * ipc_block() too, which must not serve it again. */
	self->xfer_initiator = NULL;
	ok = map_page_fault_until(self->xfer_fault_addr,
				  self->xfer_fault_access,
				  arch_thread_get(self, ARCH_IP),
				  self->xfer_deadline);
	init = self->xfer_peer; /* NULL if the initiator was deleted */
	if (!init) {
		self->ipc_error =
			l4_ipc_error(L4_IPC_ENOPARTNER, self->xfer_phase, 0);
		self->state = TCB_READY;
		return false;
	}
	init->xfer_fault_ok = ok;
	self->state = TCB_XFER_LOCKED;
	sched_ready(init);
	return true;
}

void xfer_forget(struct tcb *t)
{
	struct tcb *p = t->xfer_peer;

	if (!p)
		return;
	t->xfer_peer = NULL;
	p->xfer_peer = NULL;
	p->xfer_abort = true;
	if (p->state == TCB_XFER_WAIT) { /* p copies and waits for t */
		p->xfer_fault_ok = false;
		sched_ready(p);
		return;
	}
	/* p is the locked side and t copied: p's IPC ends with an error. If
	 * p is in the middle of a page-fault IPC for t, xfer_serve() ends
	 * it when that returns. */
	p->xfer_initiator = NULL;
	p->ipc_error = l4_ipc_error(L4_IPC_ENOPARTNER, p->xfer_phase, 0);
	if (p->state == TCB_XFER_LOCKED)
		sched_ready(p);
}
