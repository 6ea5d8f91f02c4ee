// SPDX-License-Identifier: BSD-2-Clause
/*
 * The IPC slow path; see ipc.h. Interrupts are disabled throughout (the
 * kernel is not preemptible), so each phase is atomic up to the point where
 * the thread blocks.
 *
 * Call atomicity: a sender that also has a receive phase is moved straight
 * from WAIT_SEND to WAIT_RECV when its message is taken, so a reply can
 * never find it between the two phases.
 */
#include <kernel/clock.h>
#include <kernel/ipc.h>
#include <kernel/irq.h>
#include <kernel/xfer.h>
#include <kernel/map.h>
#include <kernel/panic.h>
#include <kernel/sched.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>

#include <l4/errors.h>
#include <l4/fpage.h>
#include <l4/msgtag.h>
#include <l4/thread.h>
#include <l4/time.h>
#include <l4/utcb.h>

#define L4_MR_REGS 8 /* MR0-MR7 travel in registers (ABI.md 1) */

uint64_t ipc_now_us(void)
{
	return clock_us();
}

/* Absolute deadline of timeout @t from now; 0: never. */
static uint64_t deadline(l4_time_t t)
{
	if (l4_time_is_never(t))
		return 0;
	return ipc_deadline(t, ipc_now_us());
}

uint64_t ipc_deadline(l4_time_t t, uint64_t now)
{
	if (l4_time_is_never(t))
		return 0;
	if (l4_time_is_point(t)) {
		/* Absolute: the low bits of the clock are given; the deadline
		 * is the next time the clock shows them (X.2 2.4). */
		unsigned e = l4_time_point_e(t);
		uint64_t m = l4_time_m(t), c = l4_time_point_c(t);
		uint64_t unit = 1ull << e, span = unit << 11;
		uint64_t want = ((c << 10) | m) << e;
		uint64_t d = (now & ~(span - 1)) | want;

		if (d <= now)
			d += span;
		return d;
	}
	return now + l4_time_to_us(t) + 1; /* at least one full microsecond */
}

static l4_word_t ipc_err(unsigned code, unsigned phase)
{
	return l4_ipc_error(code, phase, 0);
}

/* Does @r, waiting to receive, accept a message from @s? A propagated
 * message is accepted by a wait for its virtual sender too. */
static bool accepts(const struct tcb *r, const struct tcb *s)
{
	if (r->state != TCB_WAIT_RECV)
		return false;
	if (r->from_spec == L4_ANYTHREAD_RAW)
		return true;
	if (r->from_spec == L4_ANYLOCALTHREAD_RAW)
		return r->space == s->space;
	/* A named sender, by id: it may not have existed when @r began to
	 * wait (a new thread waiting for its pager's start-up message). */
	return r->from_spec == s->id ||
	       (s->ipc_vsender && r->from_spec == s->ipc_vsender) ||
	       (r->space == s->space && r->from_spec == s->utcb_addr);
}

/* The id under which @r sees @s: its local id if they share a space, else
 * its global id (as the reference kernel's HANDLE_LOCAL_IDS); the virtual
 * sender's global id for a propagated message. */
static l4_word_t sender_id(const struct tcb *r, const struct tcb *s)
{
	if (s->ipc_vsender)
		return s->ipc_vsender;
	return r->space == s->space ? s->utcb_addr : s->id;
}

/*
 * Propagation (docs/ipc.md): with the p bit in its tag, @s sends on behalf
 * of the thread named in its VirtualSender register. The global id of that
 * thread if @s may (it exists, and it is in @s's space, or @s is in the
 * receiver @r's space, or it waits for @s in a closed receive); else 0, and
 * the message goes as @s's own.
 */
static __attribute__((noinline)) l4_word_t propagation(struct tcb *s,
						       const struct tcb *r)
{
	struct tcb *v;

	v = tcb_lookup(s, s->utcb[L4_UTCB_SENDER]);
	if (!v || v == s || !v->space)
		return 0;
	if (v->space == s->space || r->space == s->space ||
	    (v->state == TCB_WAIT_RECV && v->from_spec == s->id))
		return v->id;
	return 0;
}

/* After a propagated message from @s reached @r: @r learns the actual
 * sender, and a virtual sender waiting for @s now waits for @r (its reply
 * comes from whoever the request went on to). */
static __attribute__((noinline)) void propagated(const struct tcb *s,
						 struct tcb *r)
{
	struct tcb *v = tcb_by_global(s->ipc_vsender);

	r->utcb[0] |= L4_MSGTAG_PROPAGATED;
	r->utcb[L4_UTCB_SENDER] = s->id;
	if (v && v->state == TCB_WAIT_RECV && v->from_spec == s->id) {
		v->from_spec = r->id;
		v->partner = r;
	}
}

/*
 * The untyped words of a message of @u from @s's UTCB to @r's. MR1-MR7
 * travel whatever u is, as they do in registers on the fastpath
 * (docs/abi.md): the receiver's MRs beyond the message are undefined, and
 * this way they are the same on both paths.
 */
static void copy_words(const struct tcb *s, struct tcb *r, unsigned u)
{
	unsigned n = u < L4_MR_REGS - 1 ? L4_MR_REGS - 1 : u;

	memcpy(&r->utcb[1], &s->utcb[1], n * sizeof(l4_word_t));
}

/*
 * Copy the message from @s to @r (both in their UTCBs): untyped words, then
 * the typed items in their order, map and grant items applied, strings
 * copied (as the reference kernel's extended_transfer()). Returns 0 or the
 * error code, seen from the sender (5, 6: docs/ipc.md section 7); *@bytes
 * counts string bytes copied. On error the receiver's MRs are written up
 * to the item where the transfer stopped.
 */
static unsigned transfer(struct tcb *s, struct tcb *r, uint64_t *bytes)
{
	l4_msgtag_t tag = l4_msgtag(s->utcb[0]);
	unsigned u = l4_msgtag_untyped(tag), t = l4_msgtag_typed(tag);
	unsigned err = 0;
	struct xfer x;

	*bytes = 0;
	if (u + t > L4_MSGTAG_WORDS_MAX)
		return L4_IPC_EMSGOVERFLOW;
	copy_words(s, r, u);
	xfer_begin(&x, s, r, u + 1, t);
	for (unsigned i = u + 1; i <= u + t && !err;) {
		unsigned used = 0;

		if (l4_item_is_string(s->utcb[i])) {
			err = xfer_string(&x, i - (u + 1), &used);
		} else {
			err = map_transfer_item(s, r, &s->utcb[i],
						u + t + 1 - i, &used);
			if (!err)
				memcpy(&r->utcb[i], &s->utcb[i],
				       used * sizeof(l4_word_t));
		}
		i += used; /* (C bits are not looked at: t counts the words) */
	}
	*bytes = x.bytes;
	if (err)
		return err;
	r->utcb[0] = l4_msgtag_clear_flags(tag).raw;
	return 0;
}

/* An error code seen from the sender, as the receiver sees it. */
static unsigned receiver_view(unsigned err)
{
	if (err == L4_IPC_EXFERTIMEOUT_SELF)
		return L4_IPC_EXFERTIMEOUT_PEER;
	if (err == L4_IPC_EXFERTIMEOUT_PEER)
		return L4_IPC_EXFERTIMEOUT_SELF;
	return err;
}

/* Block the current thread @self; while blocked it may be woken to fault
 * in a page for a string transfer (xfer_serve), then it blocks again. */
static void ipc_block(struct tcb *self)
{
	do
		sched_block();
	while (xfer_serve(self));
}

static unsigned deliver_results(struct tcb *s, struct tcb *r, unsigned err,
				uint64_t bytes);

/* Deliver @s's message to @r, which is waiting for it: transfer, results
 * for both, and wake @r. The caller decides what @s does next. */
static unsigned deliver(struct tcb *s, struct tcb *r)
{
	struct tcb *self = sched_current(), *partner = self == s ? r : s;
	enum tcb_state was = partner->state;
	l4_msgtag_t tag = l4_msgtag(s->utcb[0]);
	uint64_t bytes;
	unsigned err;

	if (l4_msgtag_typed(tag) == 0) { /* the common case: words only */
		copy_words(s, r, l4_msgtag_untyped(tag));
		r->utcb[0] = l4_msgtag_clear_flags(tag).raw;
		return deliver_results(s, r, 0, 0);
	}
	if (!xfer_has_strings(s->utcb, 1 + l4_msgtag_untyped(tag),
			      l4_msgtag_typed(tag))) {
		/* Nothing can block: no lock, no link. (Kernel-protocol
		 * messages nested in a transfer come this way and so leave
		 * the transfer's link alone.) */
		err = transfer(s, r, &bytes);
		return deliver_results(s, r, err, bytes);
	}
	/* Lock the partner while strings may make the copy block. */
	partner->state = TCB_XFER_LOCKED;
	partner->xfer_abort = false;
	partner->xfer_phase = partner == r ? L4_IPC_PHASE_RECEIVE :
					     L4_IPC_PHASE_SEND;
	self->xfer_abort = false;
	self->xfer_peer = partner;
	partner->xfer_peer = self;
	sched_set_timeout(partner, 0);
	err = transfer(s, r, &bytes);
	if (!self->xfer_peer) { /* the partner was deleted */
		self->ipc_bytes = bytes;
		return XFER_PARTNER_GONE;
	}
	self->xfer_peer = NULL;
	partner->xfer_peer = NULL;
	partner->state = was;
	return deliver_results(s, r, err, bytes);
}

/* After the transfer: both sides' results, and @r woken. */
static unsigned deliver_results(struct tcb *s, struct tcb *r, unsigned err,
				uint64_t bytes)
{
	s->ipc_bytes = bytes;
	r->ipc_from = sender_id(r, s);
	if (!err && s->ipc_vsender)
		propagated(s, r);
	r->ipc_error = err ? l4_ipc_error(receiver_view(err),
					  L4_IPC_PHASE_RECEIVE, bytes) :
			     0;
	r->partner = NULL;
	sched_set_timeout(r, 0);
	sched_ready(r);
	return err;
}

/* Block the current thread in WAIT_RECV for @from_spec until @dl. */
static void wait_receive(struct tcb *self, struct tcb *partner,
			 l4_word_t from_spec, uint64_t dl)
{
	self->state = TCB_WAIT_RECV;
	self->partner = partner;
	self->from_spec = from_spec;
	self->ipc_error = 0;
	sched_unqueue(self);
	sched_set_timeout(self, dl);
}

/* A waiting sender @s in @r's queue has been served: finish its send
 * phase with @err and send it on to its receive phase, if it has one. */
static struct tcb *find_sender(struct tcb *self, l4_word_t from_spec,
			       struct tcb *partner);

/* Does @from_spec name one thread (not any, any local or an interrupt)? */
static bool named(l4_word_t from_spec)
{
	return from_spec != L4_ANYTHREAD_RAW &&
	       from_spec != L4_ANYLOCALTHREAD_RAW && !irq_is_id(from_spec);
}

static void sender_done(struct tcb *s, unsigned err)
{
	sched_set_timeout(s, 0);
	s->partner = NULL;
	if (err) {
		s->ipc_error =
			l4_ipc_error(err, L4_IPC_PHASE_SEND, s->ipc_bytes);
		sched_ready(s);
		return;
	}
	s->ipc_error = 0;
	if (s->ipc_recv_after) {
		struct tcb *p = tcb_lookup(s, s->from_spec);
		l4_time_t rcv = l4_time(s->ipc_recv_timeout);

		/* A sender already queued for @s: let @s take it in its own
		 * receive phase. */
		if (find_sender(s, s->from_spec, p)) {
			sched_ready(s);
			return;
		}
		s->ipc_recv_started = true;
		/* Its receive phase starts now; it may end at once. */
		if (!p && named(s->from_spec)) {
			s->ipc_error = ipc_err(L4_IPC_ENOPARTNER,
					       L4_IPC_PHASE_RECEIVE);
			sched_ready(s);
			return;
		}
		if (l4_time_is_zero(rcv)) {
			s->ipc_error =
				ipc_err(L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE);
			sched_ready(s);
			return;
		}
		wait_receive(s, p, s->from_spec, deadline(rcv));
		return;
	}
	sched_ready(s);
}

/* The send phase. Returns 0 (sent, or sent and received if the thread
 * blocked and was carried into its receive phase) or an error word. */
static l4_word_t send_phase(struct tcb *self, l4_word_t to, l4_time_t timeout)
{
	struct tcb *dest;
	unsigned err;

	if (irq_is_id(to))
		return irq_acknowledge(self, to) ?
			       0 :
			       ipc_err(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND);
	dest = tcb_lookup(self, to);

	if (!dest || dest == self)
		return ipc_err(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND);
	self->ipc_vsender = (self->utcb[0] & L4_MSGTAG_PROPAGATED) ?
				    propagation(self, dest) :
				    0;
	if (accepts(dest, self)) {
		err = deliver(self, dest);
		if (err == XFER_PARTNER_GONE)
			err = L4_IPC_ENOPARTNER;
		return err ? l4_ipc_error(err, L4_IPC_PHASE_SEND,
					  self->ipc_bytes) :
			     0;
	}
	if (l4_time_is_zero(timeout))
		return ipc_err(L4_IPC_ETIMEOUT, L4_IPC_PHASE_SEND);
	self->state = TCB_WAIT_SEND;
	self->partner = dest;
	self->ipc_error = 0;
	sched_unqueue(self);
	list_append(&dest->senders, &self->send_link);
	sched_set_timeout(self, deadline(timeout));
	ipc_block(self);
	return self->ipc_error;
}

/* The first sender in @self's queue that @from_spec accepts, or NULL. */
static struct tcb *find_sender(struct tcb *self, l4_word_t from_spec,
			       struct tcb *partner)
{
	list_for_each(&self->senders, n)
	{
		struct tcb *s = list_entry(n, struct tcb, send_link);

		if (from_spec == L4_ANYTHREAD_RAW || s == partner ||
		    from_spec == s->id ||
		    (s->ipc_vsender && from_spec == s->ipc_vsender) ||
		    (s->space == self->space &&
		     (from_spec == L4_ANYLOCALTHREAD_RAW ||
		      from_spec == s->utcb_addr)))
			return s;
	}
	return NULL;
}

/* The receive phase. With @must_exist, a named partner that does not
 * exist is an error; without (the start-up wait) it is waited for. */
static l4_word_t receive_phase(struct tcb *self, l4_word_t from_spec,
			       l4_time_t timeout, bool must_exist)
{
	struct tcb *partner = NULL, *s;
	unsigned err;

	if (irq_receive(self, from_spec)) {
		self->ipc_error = 0;
		return 0;
	}
	if (from_spec != L4_ANYTHREAD_RAW &&
	    from_spec != L4_ANYLOCALTHREAD_RAW && !irq_is_id(from_spec)) {
		partner = tcb_lookup(self, from_spec);
		if (!partner && must_exist)
			return ipc_err(L4_IPC_ENOPARTNER, L4_IPC_PHASE_RECEIVE);
	}
	self->from_spec = from_spec;
	s = find_sender(self, from_spec, partner);
	if (s) {
		self->state = TCB_WAIT_RECV; /* for accepts() and sender_id() */
		self->partner = partner;
		list_remove(&s->send_link);
		err = deliver(s, self);
		if (err == XFER_PARTNER_GONE)
			return l4_ipc_error(L4_IPC_ENOPARTNER,
					    L4_IPC_PHASE_RECEIVE,
					    self->ipc_bytes);
		sender_done(s, err);
		err = self->ipc_error;
		/* A send-only sender at least as urgent runs first, as in the
		 * reference kernel, where the receiver switches to a waiting
		 * sender for the copy and a sender with no receive phase goes
		 * on unless the receiver is more urgent: this thread waits in
		 * the ready queue, its message received. */
		if (s->state == TCB_READY && s->prio >= self->prio) {
			self->state = TCB_READY;
			sched_donate(s);
		}
		return err;
	}
	if (l4_time_is_zero(timeout))
		return ipc_err(L4_IPC_ETIMEOUT, L4_IPC_PHASE_RECEIVE);
	wait_receive(self, partner, from_spec, deadline(timeout));
	ipc_block(self);
	return self->ipc_error;
}

void ipc_wait_startup(l4_word_t pager)
{
	struct tcb *self = sched_current();

	self->ipc_recv_after = false;
	self->ipc_recv_started = false;
	self->ipc_error = receive_phase(self, pager, L4_NEVER, false);
	self->state = TCB_READY;
	if (self->ipc_error) {
		self->utcb[0] = L4_MSGTAG_ERROR;
		self->utcb[L4_UTCB_ERROR_CODE] = self->ipc_error;
	}
}

void sys_ipc(l4_word_t to, l4_word_t from_spec, l4_word_t timeouts,
	     l4_word_t *from)
{
	struct tcb *self = sched_current();
	l4_word_t err = 0;

	self->ipc_recv_after = from_spec != L4_NILTHREAD_RAW;
	self->ipc_recv_started = false;
	self->from_spec = from_spec;
	self->ipc_recv_timeout = l4_timeouts_receive(timeouts).raw;
	*from = L4_NILTHREAD_RAW;

	if (to != L4_NILTHREAD_RAW)
		err = send_phase(self, to, l4_timeouts_send(timeouts));
	if (!err && self->ipc_recv_after && !self->ipc_recv_started)
		err = receive_phase(self, from_spec,
				    l4_timeouts_receive(timeouts), true);
	else if (!err && self->ipc_recv_started)
		err = self->ipc_error;
	if (!err && from_spec == L4_NILTHREAD_RAW)
		self->utcb[0] = 0; /* sent, nothing received */
	*from = ipc_finish(self, err);
}

l4_word_t ipc_finish(struct tcb *self, l4_word_t err)
{
	bool received = self->ipc_recv_after || self->ipc_recv_started;

	self->ipc_recv_after = false;
	self->ipc_recv_started = false;
	self->state = TCB_READY;
	/* A thread this IPC woke that is more urgent runs at the return to
	 * user mode (sched_ready() asked for it). */

	if (err) {
		self->utcb[0] = L4_MSGTAG_ERROR;
		self->utcb[L4_UTCB_ERROR_CODE] = err;
		return L4_NILTHREAD_RAW;
	}
	return received ? self->ipc_from : L4_NILTHREAD_RAW;
}

void ipc_timeout(struct tcb *t)
{
	unsigned phase = t->state == TCB_WAIT_SEND ? L4_IPC_PHASE_SEND :
						     L4_IPC_PHASE_RECEIVE;

	if (t->state != TCB_WAIT_SEND && t->state != TCB_WAIT_RECV)
		return;
	if (t->state == TCB_WAIT_SEND)
		list_remove(&t->send_link);
	t->partner = NULL;
	t->ipc_error = ipc_err(L4_IPC_ETIMEOUT, phase);
	sched_ready(t);
}

bool ipc_cancel(struct tcb *t, bool send, bool receive, bool abort)
{
	unsigned code = abort ? L4_IPC_EABORTED : L4_IPC_ECANCELED;

	/* In a string transfer: the initiator stops copying at its next
	 * page (one that waits for its partner's fault, once the partner's
	 * page-fault IPC is over). Both sides get error 7. */
	if ((t->state == TCB_XFER_LOCKED || t->state == TCB_XFER_WAIT) &&
	    (send || receive)) {
		t->xfer_abort = true;
		return true;
	}

	if ((t->state == TCB_WAIT_SEND && send) ||
	    (t->state == TCB_WAIT_RECV && receive)) {
		unsigned phase = t->state == TCB_WAIT_SEND ?
					 L4_IPC_PHASE_SEND :
					 L4_IPC_PHASE_RECEIVE;

		if (t->state == TCB_WAIT_SEND)
			list_remove(&t->send_link);
		sched_set_timeout(t, 0);
		t->partner = NULL;
		t->ipc_error = ipc_err(code, phase);
		sched_ready(t);
		return true;
	}
	return false;
}

void ipc_unlink(struct tcb *t)
{
	struct list_node *n;

	while ((n = list_first(&t->senders))) {
		struct tcb *s = list_entry(n, struct tcb, send_link);

		list_remove(&s->send_link);
		sched_set_timeout(s, 0);
		s->partner = NULL;
		s->ipc_error = ipc_err(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND);
		sched_ready(s);
	}
	/* Receivers waiting for @t by name. */
	tcb_for_each_waiting_on(t, ipc_partner_gone);
	if (t->state == TCB_WAIT_SEND)
		list_remove(&t->send_link);
	sched_set_timeout(t, 0);
	t->partner = NULL;
}

void ipc_partner_gone(struct tcb *r)
{
	sched_set_timeout(r, 0);
	r->partner = NULL;
	r->ipc_error = ipc_err(L4_IPC_ENOPARTNER, L4_IPC_PHASE_RECEIVE);
	sched_ready(r);
}

/* The IPC bookkeeping of a thread, kept across a nested kernel call. */
struct ipc_state {
	bool recv_after, recv_started;
	uint16_t recv_timeout;
	uint64_t bytes;
	l4_word_t from_spec, error, from, vsender;
	struct tcb *partner;
};

static struct ipc_state ipc_state_save(const struct tcb *t)
{
	return (struct ipc_state){ t->ipc_recv_after,	t->ipc_recv_started,
				   t->ipc_recv_timeout, t->ipc_bytes,
				   t->from_spec,	t->ipc_error,
				   t->ipc_from,		t->ipc_vsender,
				   t->partner };
}

static void ipc_state_restore(struct tcb *t, const struct ipc_state *s)
{
	t->ipc_recv_after = s->recv_after;
	t->ipc_recv_started = s->recv_started;
	t->ipc_recv_timeout = s->recv_timeout;
	t->ipc_bytes = s->bytes;
	t->from_spec = s->from_spec;
	t->ipc_error = s->error;
	t->ipc_from = s->from;
	t->ipc_vsender = s->vsender;
	t->partner = s->partner;
}

l4_word_t ipc_kernel_call(l4_word_t dest, const l4_word_t *msg, unsigned n,
			  l4_word_t acceptor, l4_word_t *reply, unsigned nreply,
			  l4_word_t timeouts)
{
	struct tcb *self = sched_current();
	l4_word_t saved_mr[L4_NUM_MRS], saved_br0, from, err;
	/* Whatever the call overwrites: its message, the reply, MR1-MR7. */
	unsigned nsave = n > nreply ? n : nreply;
	/* The call may nest in an IPC of this thread (string transfers):
	 * keep that IPC's bookkeeping. */
	struct ipc_state saved_ipc = ipc_state_save(self);
	/* Nested: the fastpath must not end this receive in user mode. */
	bool fast_resume = self->fast_resume;

	if (nsave < L4_MR_REGS)
		nsave = L4_MR_REGS;
	memcpy(saved_mr, self->utcb, nsave * sizeof(l4_word_t));
	saved_br0 = self->utcb[L4_UTCB_BR(0)];
	memcpy(self->utcb, msg, n * sizeof(l4_word_t));
	/* The rest of MR1-MR7 travels too (transfer()): the thread's own
	 * words are not the pager's business. */
	if (n < L4_MR_REGS)
		memset(&self->utcb[n], 0, (L4_MR_REGS - n) * sizeof(l4_word_t));
	self->utcb[L4_UTCB_BR(0)] = acceptor;
	self->fast_resume = false;
	self->kernel_calls++;
	sys_ipc(dest, dest, timeouts, &from);
	self->kernel_calls--;
	self->fast_resume = fast_resume;
	err = l4_msgtag_is_error(l4_msgtag(self->utcb[0])) ?
		      self->utcb[L4_UTCB_ERROR_CODE] :
		      0;
	memcpy(reply, self->utcb, nreply * sizeof(l4_word_t));
	memcpy(self->utcb, saved_mr, nsave * sizeof(l4_word_t));
	self->utcb[L4_UTCB_BR(0)] = saved_br0;
	ipc_state_restore(self, &saved_ipc);
	return err;
}
