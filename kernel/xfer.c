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
 * Substring @k of string @j: its address and length, and in *@pos (unless
 * NULL) the index of its address word in the list. False if there is
 * none. Strings are numbered in the order of their first items; an item
 * whose predecessor had the compound bit c belongs to the same string (a
 * map or grant item in between ends it). The message's typed items are all
 * t of them, whatever their C bits say (the reference library leaves C
 * clear). The receive buffers end with the string whose first item has C
 * clear, as the reference library writes them: C on a string's first item
 * says another string follows.
 */
static bool substring(const struct items *it, unsigned j, unsigned k,
		      uint64_t *addr, uint64_t *len, unsigned *pos)
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
			cont = false;
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
				if (pos)
					*pos = i + 1 + k;
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

/* Words of the string whose first item is at @i: its items up to the
 * first without the compound bit (0 if the first does not fit). */
static unsigned string_words(const struct items *it, unsigned i)
{
	unsigned start = i, len_i;

	while ((len_i = item_len(it, i))) {
		bool compound = l4_stringitem_is_compound(item_word(it, i));

		i += len_i;
		if (!compound || i >= it->n ||
		    !l4_item_is_string(item_word(it, i)))
			break;
	}
	return i - start;
}

static unsigned count_strings(const struct items *it)
{
	unsigned n = 0;
	uint64_t a, l;

	while (substring(it, n, 0, &a, &l, NULL))
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

/* Does a page-fault IPC that ended with @code abort the transfer? It
 * does if ExchangeRegisters cancelled or aborted it, as the reference
 * kernel's unwinding of a nested page-fault IPC does. */
static bool aborts(unsigned code)
{
	return code == L4_IPC_ECANCELED || code == L4_IPC_EABORTED;
}

/* Fault in @va of @t's space: directly if @t is running, else through it.
 * Returns 0 or why not (map_page_fault_until()). */
static unsigned fault(struct tcb *t, uint64_t va, unsigned access)
{
	struct tcb *self = sched_current();
	unsigned code;

	if (t == self) {
		code = map_page_fault_until(va, access,
					    arch_thread_get(t, ARCH_IP),
					    self->xfer_deadline);
		if (aborts(code))
			self->xfer_abort = true;
		return code;
	}
	t->xfer_deadline = self->xfer_deadline;
	t->xfer_fault_addr = va;
	t->xfer_fault_access = access;
	t->xfer_initiator = self;
	sched_ready(t);
	self->state = TCB_XFER_WAIT;
	sched_block();
	return self->xfer_peer ? self->xfer_fault_code : L4_IPC_ENOPARTNER;
}

/*
 * Why the copy of @x stopped, seen from the sender: the partner is gone,
 * the transfer was aborted, or a fault in @side's space that fault()
 * could not resolve (@code). A transfer timeout is charged as the
 * reference kernel's calculate_errorcodes() does: 5 for the side whose
 * transfer timeout is the sooner (the sender's if both are the same) and
 * 6 for the other, wherever the page was missing. Any other fault, or one
 * in a transfer without a timeout, is charged to the space it was in.
 */
static unsigned stopped(const struct xfer *x, const struct tcb *side,
			unsigned code)
{
	uint64_t ds = x->snd_deadline, dr = x->rcv_deadline;

	if (!sched_current()->xfer_peer)
		return XFER_PARTNER_GONE;
	if (!xfer_on())
		return L4_IPC_EABORTED;
	if (code == L4_IPC_ETIMEOUT && (ds || dr))
		return dr && (!ds || dr < ds) ? L4_IPC_EXFERTIMEOUT_PEER :
						L4_IPC_EXFERTIMEOUT_SELF;
	return side == x->s ? L4_IPC_EXFERTIMEOUT_SELF :
			      L4_IPC_EXFERTIMEOUT_PEER;
}

/* Copy @len bytes from @sa in the sender's space to @ra in the
 * receiver's, counting them in x->bytes. Returns 0 or the error. */
static unsigned copy(struct xfer *x, uint64_t sa, uint64_t ra, uint64_t len)
{
	struct tcb *s = x->s, *r = x->r;
	unsigned code;

	while (len) {
		uint64_t sp, rp, chunk;

		/* Checked before every use of the partner: it may have been
		 * deleted while this thread blocked. */
		if (!xfer_on())
			return stopped(x, NULL, 0);
		/* The reference kernel clips a copy at the end of the user
		 * half, which makes it a message overflow. */
		if (sa >= USER_END || ra >= USER_END)
			return L4_IPC_EMSGOVERFLOW;
		if (!translate(s, sa, L4_FPAGE_R, &sp)) {
			code = fault(s, sa, L4_FPAGE_R);
			if (code)
				return stopped(x, s, code);
			continue;
		}
		if (!translate(r, ra, L4_FPAGE_W, &rp)) {
			code = fault(r, ra, L4_FPAGE_W);
			if (code)
				return stopped(x, r, code);
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
		x->bytes += chunk;
	}
	return 0;
}

/*
 * Copy string @j of @snd into buffer @j of @rcv, substring by substring,
 * as far as the buffer goes; a string longer than its buffer is a message
 * overflow after the part that fits. *@reached: the index of the address
 * word of the last substring begun.
 */
static unsigned copy_string(struct xfer *x, const struct items *snd,
			    const struct items *rcv, unsigned j,
			    unsigned *reached)
{
	uint64_t sa = 0, sl = 0, ra = 0, rl = 0;
	unsigned sk = 0, rk = 0, err;

	for (;;) {
		uint64_t n;

		while (sl == 0 && substring(snd, j, sk, &sa, &sl, reached))
			sk++;
		if (sl == 0)
			return 0; /* all of it copied */
		while (rl == 0 && substring(rcv, j, rk, &ra, &rl, NULL))
			rk++;
		if (rl == 0)
			return L4_IPC_EMSGOVERFLOW; /* the buffer is full */
		n = sl < rl ? sl : rl;
		err = copy(x, sa, ra, n);
		if (err)
			return err;
		sa += n;
		sl -= n;
		ra += n;
		rl -= n;
	}
}

/* Rewrite the receiver's copy of the first item of string @j (at @i of
 * the message's typed words): the length it got and the addresses of the
 * buffer it landed in. */
static void describe(struct xfer *x, const struct items *rcv, unsigned i,
		     unsigned j, uint64_t got)
{
	l4_word_t *w = &x->r->utcb[x->first + i];
	unsigned subs = l4_stringitem_substrings(*w);
	uint64_t a, l;

	*w = (*w & 0x3ff) | (got << 10);
	for (unsigned k = 0; k < subs && substring(rcv, j, k, &a, &l, NULL);
	     k++)
		w[1 + k] = a;
}

/* When timeout @t of a transfer that starts at @now ends: 0 never, 1 (long
 * past) for zero, which allows no fault at all. */
static uint64_t xfer_deadline(l4_time_t t, uint64_t now)
{
	if (l4_time_is_never(t))
		return 0;
	return l4_time_is_zero(t) ? 1 : ipc_deadline(t, now);
}

/*
 * The transfer timeouts, at the first string: the sender's send and the
 * receiver's receive transfer timeout (XferTimeouts, UTCB word -8, laid out
 * as Ipc's Timeouts), periods from now, points as the clock will show
 * them. The copy's faults must be over by the sooner.
 */
static void xfer_start(struct xfer *x)
{
	l4_word_t ts = x->s->utcb[L4_UTCB_XFER_TIMEOUTS];
	l4_word_t tr = x->r->utcb[L4_UTCB_XFER_TIMEOUTS];
	uint64_t now = ipc_now_us(), ds, dr;

	ds = xfer_deadline(l4_timeouts_send(ts), now);
	dr = xfer_deadline(l4_timeouts_receive(tr), now);
	x->snd_deadline = ds;
	x->rcv_deadline = dr;
	x->started = true;
	sched_current()->xfer_deadline = !ds || (dr && dr < ds) ? dr : ds;
}

void xfer_begin(struct xfer *x, struct tcb *s, struct tcb *r, unsigned first,
		unsigned n)
{
	*x = (struct xfer){ .s = s, .r = r, .first = first, .n = n };
}

unsigned xfer_string(struct xfer *x, unsigned i, unsigned *used)
{
	struct tcb *s = x->s, *r = x->r;
	struct items snd = { s->utcb, x->first, x->n, false };
	struct items rcv = { r->utcb, 0, 32, true };
	unsigned j = x->next++, reached = i, err;
	uint64_t before = x->bytes, a, l;

	*used = string_words(&snd, i);
	if (!x->started)
		xfer_start(x);
	if (!*used)
		err = L4_IPC_EMSGOVERFLOW; /* longer than the t words */
	else if (!l4_acceptor_strings(r->utcb[L4_UTCB_BR(0)]) ||
		 !substring(&rcv, j, 0, &a, &l, NULL))
		err = L4_IPC_EMSGOVERFLOW; /* no buffer for it */
	else
		err = copy_string(x, &snd, &rcv, j, &reached);
	/* The receiver gets the string's words as far as the copy reached,
	 * as in the reference kernel's extended_transfer(): the first item
	 * word at least, then each substring's address once its copy began;
	 * all of them, described, if it arrived whole. */
	if (!err)
		reached = i + *used - 1;
	if (err != XFER_PARTNER_GONE)
		memcpy(&r->utcb[x->first + i], &s->utcb[x->first + i],
		       (reached - i + 1) * sizeof(l4_word_t));
	if (!err)
		describe(x, &rcv, i, j, x->bytes - before);
	return err;
}

bool xfer_serve(struct tcb *self)
{
	struct tcb *init = self->xfer_initiator;
	unsigned code;

	if (!init)
		return false;
	/* Take the request first: the page-fault IPC below blocks in
	 * ipc_block() too, which must not serve it again. */
	self->xfer_initiator = NULL;
	code = map_page_fault_until(self->xfer_fault_addr,
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
	if (aborts(code))
		self->xfer_abort = true; /* the initiator stops */
	init->xfer_fault_code = code;
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
		p->xfer_fault_code = L4_IPC_ENOPARTNER;
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
