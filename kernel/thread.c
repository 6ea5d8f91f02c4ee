// SPDX-License-Identifier: BSD-2-Clause
/*
 * The thread and space system calls; see thread.h. A thread is active once
 * it has a space, a UTCB and a pager; an active thread that has not run yet
 * first waits for its start-up message from its pager (MR1 IP, MR2 SP), or
 * for ExchangeRegisters to start it.
 */
#include <kernel/arch.h>
#include <kernel/clock.h>
#include <kernel/ipc.h>
#include <kernel/irq.h>
#include <kernel/map.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/sched.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/thread.h>
#include <kernel/thread_ids.h>
#include <kernel/xfer.h>

#include <l4/errors.h>
#include <l4/msgtag.h>
#include <l4/protocol.h>
#include <l4/schedule.h>
#include <l4/thread.h>
#include <l4/time.h>
#include <l4/utcb.h>

static void set_error(l4_word_t code)
{
	struct tcb *self = sched_current();

	if (self->utcb)
		self->utcb[L4_UTCB_ERROR_CODE] = code;
}

static bool privileged(const struct tcb *t)
{
	return t->space && t->space->privileged;
}

static bool valid_global(l4_word_t id)
{
	l4_word_t n = id >> L4_THREAD_NUMBER_SHIFT;

	return (id & L4_THREAD_LOCAL_MASK) && id != L4_ANYTHREAD_RAW &&
	       n < THREAD_MAX;
}

/* Give @t a UTCB at @location (a ThreadControl UtcbLocation). */
static bool thread_set_utcb(struct tcb *t, uint64_t location)
{
	uint64_t addr = l4_utcb_from_location(location);
	l4_word_t *u = space_utcb_get(t->space, addr);

	if (!u)
		return false;
	t->utcb = u;
	t->utcb_addr = addr;
	u[L4_UTCB_MY_GLOBAL_ID] = t->id;
	return true;
}

/* Make @t wait for its start-up message: its first run (entry_thread_start
 * -> thread_first_run) receives from the pager. */
static void thread_activate(struct tcb *t)
{
	arch_thread_init(t, 0, 0);
	t->prio = t->prio ? t->prio : PRIO_DEFAULT;
	t->timeslice_us = TIMESLICE_DEFAULT_US;
	t->slice_left_us = t->timeslice_us;
	t->startup = true;
	sched_ready(t);
}

void thread_first_run(void)
{
	struct tcb *self = sched_current();

	if (!self->startup)
		return;
	self->startup = false;
	ipc_wait_startup(self->utcb[L4_UTCB_PAGER]);
	if (!l4_msgtag_is_error(l4_msgtag(self->utcb[0]))) {
		arch_thread_set(self, ARCH_IP, self->utcb[1]);
		arch_thread_set(self, ARCH_SP, self->utcb[2]);
	}
	/* Otherwise ExchangeRegisters cancelled the wait and set IP and SP. */
}

struct tcb *thread_create_root(l4_word_t id, struct space *space,
			       uint64_t utcb_location, uint64_t ip, uint64_t sp,
			       l4_word_t pager)
{
	struct tcb *t = tcb_create(id);

	if (!t)
		panic("thread: out of memory creating %#lx", id);
	space_add_thread(space, t);
	t->scheduler = id;
	if (!thread_set_utcb(t, utcb_location))
		panic("thread: out of memory for the UTCB of %#lx", id);
	t->utcb[L4_UTCB_PAGER] = pager;
	arch_thread_init(t, ip, sp);
	t->prio = PRIO_DEFAULT;
	t->timeslice_us = TIMESLICE_DEFAULT_US;
	t->slice_left_us = t->timeslice_us;
	sched_ready(t);
	return t;
}

static void thread_delete(struct tcb *t)
{
	struct space *s = t->space;

	xfer_forget(t);
	ipc_unlink(t);
	irq_forget(t);
	sched_unqueue(t);
	arch_thread_release(t);
	t->state = TCB_DEAD;
	if (s) {
		if (t->utcb)
			space_utcb_put(s, t->utcb_addr, t);
		if (s->nthreads == 1)
			map_space_destroy(s);
		space_remove_thread(s, t);
	}
	tcb_free(t);
}

/*
 * ThreadControl of existing thread @t with a SpaceSpecifier in another
 * space @to: move it there (docs/abi.md, "ThreadControl rules"). It needs
 * a UTCB in @to at @utcb_location, which must be given; its UTCB's
 * contents go with it, its IPC in progress is aborted (as ExchangeRegisters
 * with both abort bits does), and a space it leaves empty is deleted.
 * Refused, with nothing changed: the caller itself, a thread of sigma0's
 * space or into it, one in a string transfer or in the kernel's page-fault
 * or exception IPC (try again later), @to without its areas or @utcb_location
 * not free in @to.
 */
static l4_word_t thread_migrate(struct tcb *t, struct space *to,
				l4_word_t scheduler, l4_word_t pager,
				l4_word_t utcb_location)
{
	struct tcb *self = sched_current();
	struct space *from = t->space;
	uint64_t addr = l4_utcb_from_location(utcb_location);
	l4_word_t *u, saved[L4_UTCB_SIZE / sizeof(l4_word_t)];
	l4_word_t *block;

	if (t == self || !from || map_is_sigma0(from) || map_is_sigma0(to))
		return set_error(L4_ERR_INVALID_SPACE), 0;
	if (t->xfer_peer || t->state == TCB_XFER_LOCKED ||
	    t->state == TCB_XFER_WAIT || t->kernel_calls || !t->utcb)
		return set_error(L4_ERR_INVALID_THREAD), 0;
	if (scheduler != L4_NILTHREAD_RAW && scheduler != t->id &&
	    !tcb_lookup(self, scheduler))
		return set_error(L4_ERR_INVALID_SCHEDULER), 0;
	if (utcb_location == L4_UTCB_LOCATION_UNCHANGED ||
	    !space_utcb_valid(to, utcb_location) || space_utcb_taken(to, addr))
		return set_error(L4_ERR_UTCB_AREA), 0;
	/* Memory first: the new UTCB's page. */
	u = space_utcb_get(to, addr);
	if (!u)
		return set_error(L4_ERR_NO_MEM), 0;

	ipc_cancel(t, true, true, true);
	block = t->utcb - L4_UTCB_MR0_OFFSET / sizeof(l4_word_t);
	memcpy(saved, block, sizeof(saved));
	space_utcb_put(from, t->utcb_addr, t);
	if (from->nthreads == 1)
		map_space_destroy(from);
	space_remove_thread(from, t); /* and the space, if t was its last */
	space_add_thread(to, t);
	memcpy(u - L4_UTCB_MR0_OFFSET / sizeof(l4_word_t), saved,
	       sizeof(saved));
	t->utcb = u;
	t->utcb_addr = addr;
	u[L4_UTCB_MY_GLOBAL_ID] = t->id;
	if (scheduler != L4_NILTHREAD_RAW)
		t->scheduler = scheduler;
	if (pager != L4_NILTHREAD_RAW)
		u[L4_UTCB_PAGER] = pager;
	/* Its saved registers hold nothing of the old space but its IP and
	 * SP, which mean the same addresses in the new one. */
	return 1;
}

l4_word_t sys_thread_control(l4_word_t dest, l4_word_t space_spec,
			     l4_word_t scheduler, l4_word_t pager,
			     l4_word_t utcb_location)
{
	struct tcb *self = sched_current(), *t, *in_space = NULL;
	struct space *space = NULL;
	bool create;

	/* Decode. */
	if (!privileged(self))
		return set_error(L4_ERR_NO_PRIVILEGE), 0;
	if (irq_is_id(dest)) { /* interrupt attach and detach */
		l4_word_t err = space_spec == dest ?
					irq_control(dest, pager, self) :
					L4_ERR_INVALID_SPACE;

		return err ? (set_error(err), 0) : 1;
	}
	if (!valid_global(dest) || (dest >> L4_THREAD_NUMBER_SHIFT) < USER_BASE)
		return set_error(L4_ERR_INVALID_THREAD), 0;
	t = tcb_by_global(dest);
	create = !t;
	if (create && !tcb_number_free(dest >> L4_THREAD_NUMBER_SHIFT))
		return set_error(L4_ERR_INVALID_THREAD), 0;
	if (space_spec == L4_NILTHREAD_RAW) { /* delete */
		if (!t || t == self || map_is_sigma0(t->space))
			return set_error(L4_ERR_INVALID_THREAD), 0;
		thread_delete(t);
		return 1;
	}
	if (space_spec != dest) {
		in_space = tcb_lookup(self, space_spec);
		if (!in_space || !in_space->space)
			return set_error(L4_ERR_INVALID_SPACE), 0;
		space = in_space->space;
		if (t && t->space != space)
			return thread_migrate(t, space, scheduler, pager,
					      utcb_location);
	} else if (t) {
		space = t->space;
	}
	if (scheduler != L4_NILTHREAD_RAW && scheduler != dest &&
	    !tcb_lookup(self, scheduler))
		return set_error(L4_ERR_INVALID_SCHEDULER), 0;
	if (utcb_location != L4_UTCB_LOCATION_UNCHANGED) {
		if (t && t->utcb)
			return set_error(L4_ERR_UTCB_AREA), 0;
		if (space && space_configured(space) &&
		    (!space_utcb_valid(space, utcb_location) ||
		     space_utcb_taken(space,
				      l4_utcb_from_location(utcb_location))))
			return set_error(L4_ERR_UTCB_AREA), 0;
	}

	/* Perform; only memory can still run out, and it is taken first. */
	if (create) {
		bool new_space = !space;

		t = tcb_create(dest);
		if (!t)
			return set_error(L4_ERR_NO_MEM), 0;
		if (new_space && !(space = space_create())) {
			tcb_free(t);
			return set_error(L4_ERR_NO_MEM), 0;
		}
		space_add_thread(space, t);
		t->scheduler = scheduler != L4_NILTHREAD_RAW ? scheduler : dest;
		t->prio = PRIO_DEFAULT;
	}
	if (utcb_location != L4_UTCB_LOCATION_UNCHANGED &&
	    space_configured(space) && !thread_set_utcb(t, utcb_location)) {
		if (create)
			thread_delete(t);
		return set_error(L4_ERR_NO_MEM), 0;
	}
	if (utcb_location != L4_UTCB_LOCATION_UNCHANGED && !t->utcb)
		t->utcb_pending = utcb_location; /* until SpaceControl */
	if (scheduler != L4_NILTHREAD_RAW)
		t->scheduler = scheduler;
	if (pager != L4_NILTHREAD_RAW)
		t->pager_pending = pager;
	if (t->utcb && t->pager_pending) {
		t->utcb[L4_UTCB_PAGER] = t->pager_pending;
		t->pager_pending = 0;
		if (t->state == TCB_INACTIVE)
			thread_activate(t);
	}
	return 1;
}

l4_word_t sys_space_control(l4_word_t space_spec, l4_word_t control,
			    l4_word_t kip_area, l4_word_t utcb_area,
			    l4_word_t redirector, l4_word_t *old_control)
{
	struct tcb *self = sched_current(), *t;
	struct space *s;
	int err;

	*old_control = 0;
	if (!privileged(self))
		return set_error(L4_ERR_NO_PRIVILEGE), 0;
	t = tcb_lookup(self, space_spec);
	if (!t || !t->space)
		return set_error(L4_ERR_INVALID_SPACE), 0;
	s = t->space;
	if (redirector != L4_NILTHREAD_RAW && redirector != L4_ANYTHREAD_RAW)
		return set_error(L4_ERR_INVALID_PARAM), 0; /* no redirection */
	if (space_configured(s))
		return (s->kip_area == kip_area && s->utcb_area == utcb_area) ?
			       1 :
			       (set_error(L4_ERR_INVALID_SPACE), 0);
	err = space_configure(s, kip_area, utcb_area);
	if (err)
		return set_error((l4_word_t)err), 0;
	/* Threads created before the areas existed may now get UTCBs. */
	list_for_each(&s->threads, n)
	{
		struct tcb *m = list_entry(n, struct tcb, space_link);

		if (!m->utcb && m->utcb_pending &&
		    space_utcb_valid(s, m->utcb_pending) &&
		    thread_set_utcb(m, m->utcb_pending) && m->pager_pending) {
			m->utcb[L4_UTCB_PAGER] = m->pager_pending;
			m->pager_pending = 0;
			thread_activate(m);
		}
	}
	return 1;
}

l4_word_t sys_exchange_registers(l4_word_t dest, struct exregs *r)
{
	struct tcb *self = sched_current();
	struct tcb *t = tcb_lookup(self, dest);
	struct exregs old = { 0 };
	l4_word_t c = r->control;

	/* Threads of the caller's space, and (as the reference's
	 * X_PAGER_EXREGS) threads whose pager the caller is. */
	if (!t || !t->utcb ||
	    (t->space != self->space && t->utcb[L4_UTCB_PAGER] != self->id)) {
		set_error(L4_ERR_INVALID_THREAD);
		*r = old;
		return L4_NILTHREAD_RAW;
	}
	old.control =
		(t->halted ? L4_THREAD_WAS_HALTED : 0) |
		(t->state == TCB_WAIT_RECV ? L4_THREAD_WAS_RECEIVING : 0) |
		(t->state == TCB_WAIT_SEND ? L4_THREAD_WAS_SENDING : 0);
	old.sp = arch_thread_get(t, ARCH_SP);
	old.ip = arch_thread_get(t, ARCH_IP);
	old.flags = arch_thread_get(t, ARCH_FLAGS);
	old.handle = t->utcb[L4_UTCB_USER_DEFINED_HANDLE];
	old.pager = t->utcb[L4_UTCB_PAGER];

	if (t != self) {
		if (c & L4_EXREGS_SET_SP)
			arch_thread_set(t, ARCH_SP, r->sp);
		if (c & L4_EXREGS_SET_IP) {
			arch_thread_set(t, ARCH_IP, r->ip);
			/* Its IP may be anything now: let the slow path,
			 * which checks it, take it back to user mode. */
			t->fast_resume = false;
		}
		if (c & L4_EXREGS_SET_FLAGS)
			arch_thread_set(t, ARCH_FLAGS, r->flags);
	}
	if (c & L4_EXREGS_SET_HANDLE)
		t->utcb[L4_UTCB_USER_DEFINED_HANDLE] = r->handle;
	if (c & L4_EXREGS_SET_PAGER)
		t->utcb[L4_UTCB_PAGER] = r->pager;
	if (t != self) {
		ipc_cancel(t, c & L4_EXREGS_ABORT_SEND,
			   c & L4_EXREGS_ABORT_RECEIVE, false);
		/* A start-up wait that has not begun is aborted too. */
		if (c & L4_EXREGS_ABORT_RECEIVE)
			t->startup = false;
	}
	/* Bit 8 (h) says "apply the halt flag", bit 0 (H) is its value, as
	 * in the reference implementation (docs/abi.md). */
	if ((c & L4_EXREGS_HALTFLAG) && t != self) {
		/* A halted thread parks on its way back to user mode; a
		 * resumed one that was parked runs again. */
		t->halted = c & L4_EXREGS_HALT;
		if (t->halted && t->parked)
			sched_unqueue(t);
		else if (t->state == TCB_READY)
			sched_ready(t);
	}
	*r = old;
	/* The other form of the id given: a local id yields the global one
	 * (L4_GlobalIdOf relies on it) and a global id the local one, which
	 * exists only within the thread's space. */
	return (dest & L4_THREAD_LOCAL_MASK) && t->space == self->space ?
		       t->utcb_addr :
		       t->id;
}

/*
 * Schedule on interrupt thread @irq: it exists for Schedule while it is
 * attached (else error 2), and its handler or a privileged thread may
 * call it (else 1). Its parameters are checked as a thread's; they change
 * nothing, since an interrupt thread here never runs (its messages are
 * made by the kernel at once, docs/abi.md section 9). It reports itself
 * running, as the reference's halted interrupt thread does, with an
 * unlimited quantum.
 */
static l4_word_t schedule_irq(struct tcb *self, l4_word_t irq,
			      l4_word_t time_control, l4_word_t proc_control,
			      l4_word_t prio_control,
			      l4_word_t *old_time_control)
{
	if (!irq_attached(irq))
		return set_error(L4_ERR_INVALID_THREAD), L4_SCHEDRESULT_ERROR;
	if (!privileged(self) && !irq_handled_by(irq, self))
		return set_error(L4_ERR_NO_PRIVILEGE), L4_SCHEDRESULT_ERROR;
	if ((prio_control != L4_SCHEDULE_UNCHANGED &&
	     l4_prio_control_prio(prio_control) > self->prio &&
	     !privileged(self)) ||
	    (proc_control != L4_SCHEDULE_UNCHANGED &&
	     l4_processor_control_cpu(proc_control) != 0) ||
	    (time_control != L4_SCHEDULE_UNCHANGED &&
	     (l4_time_is_point(l4_time_control_timeslice(time_control)) ||
	      l4_time_is_point(l4_time_control_total_quantum(time_control)))))
		return set_error(L4_ERR_INVALID_PARAM), L4_SCHEDRESULT_ERROR;
	*old_time_control = l4_time_control(L4_NEVER, L4_NEVER);
	return L4_SCHEDRESULT_RUNNING;
}

l4_word_t sys_schedule(l4_word_t dest, l4_word_t time_control,
		       l4_word_t proc_control, l4_word_t prio_control,
		       l4_word_t preempt_control, l4_word_t *old_time_control)
{
	struct tcb *self = sched_current(), *t = tcb_lookup(self, dest);
	unsigned prio;

	*old_time_control = 0;
	if (irq_is_id(dest))
		return schedule_irq(self, dest, time_control, proc_control,
				    prio_control, old_time_control);
	if (!t)
		return set_error(L4_ERR_INVALID_THREAD), L4_SCHEDRESULT_ERROR;
	if (t->scheduler != self->id && !privileged(self))
		return set_error(L4_ERR_NO_PRIVILEGE), L4_SCHEDRESULT_ERROR;
	prio = l4_prio_control_prio(prio_control);
	if (prio_control != L4_SCHEDULE_UNCHANGED && prio > self->prio &&
	    !privileged(self))
		return set_error(L4_ERR_INVALID_PARAM), L4_SCHEDRESULT_ERROR;
	if (proc_control != L4_SCHEDULE_UNCHANGED &&
	    l4_processor_control_cpu(proc_control) != 0)
		return set_error(L4_ERR_INVALID_PARAM), L4_SCHEDRESULT_ERROR;
	/* Time slice and total quantum are periods; a point means nothing
	 * here. */
	if (time_control != L4_SCHEDULE_UNCHANGED &&
	    (l4_time_is_point(l4_time_control_timeslice(time_control)) ||
	     l4_time_is_point(l4_time_control_total_quantum(time_control))))
		return set_error(L4_ERR_INVALID_PARAM), L4_SCHEDRESULT_ERROR;

	/* The time slice's length and what is left of the total quantum. */
	*old_time_control = l4_time_control(
		l4_time_from_us(t->timeslice_us),
		t->quantum_limited ? l4_time_from_us(t->quantum_left_us) :
				     L4_NEVER);
	if (time_control != L4_SCHEDULE_UNCHANGED) {
		l4_time_t ts = l4_time_control_timeslice(time_control);
		l4_time_t q = l4_time_control_total_quantum(time_control);

		if (!l4_time_is_never(ts)) {
			uint64_t us = l4_time_to_us(ts);

			t->timeslice_us = t->slice_left_us = us ? us : 1;
		}
		/* Never: unlimited. A new quantum replaces one not yet
		 * reported (thread_quantum_spent()). */
		t->quantum_limited = !l4_time_is_never(q);
		t->quantum_left_us = t->quantum_limited ? l4_time_to_us(q) : 0;
		t->quantum_spent = false;
	}
	if (prio_control != L4_SCHEDULE_UNCHANGED && prio != t->prio) {
		bool queued = t->rq.queued;

		sched_unqueue(t);
		t->prio = (uint8_t)prio;
		if (queued)
			sched_ready(t);
	}
	(void)preempt_control; /* accepted; delayed preemption is not
				  implemented (docs/abi.md) */
	switch (t->state) {
	case TCB_INACTIVE:
		return L4_SCHEDRESULT_INACTIVE;
	case TCB_WAIT_SEND:
		return L4_SCHEDRESULT_PENDING_SEND;
	case TCB_WAIT_RECV:
		return L4_SCHEDRESULT_WAITING;
	case TCB_XFER_LOCKED:
	case TCB_XFER_WAIT:
		return L4_SCHEDRESULT_SENDING; /* a string transfer runs */
	case TCB_DEAD:
		return L4_SCHEDRESULT_DEAD;
	case TCB_READY:
		break;
	}
	return L4_SCHEDRESULT_RUNNING;
}

void sys_thread_switch(l4_word_t dest)
{
	struct tcb *t = dest ? tcb_lookup(sched_current(), dest) : NULL;

	if (t && t->state == TCB_READY && !t->halted)
		sched_donate(t);
	else
		sched_yield();
}

uint64_t sys_system_clock(void)
{
	return clock_us();
}

/*
 * The current thread has used up its total quantum: it sends its scheduler
 * a preemption message (label -3 << 4; MR1, MR2 the system clock) and
 * waits for the reply, as the reference implementation's
 * send_preemption_ipc() does. A scheduler that gives it no new quantum
 * before replying hears from it again after one more time slice. A
 * scheduler that cannot be reached halts it, as a missing exception
 * handler does.
 */
void thread_quantum_spent(void)
{
	struct tcb *self = sched_current();
	l4_word_t msg[1 + L4_PREEMPT_UNTYPED], reply[1], err;
	uint64_t now = clock_us();
	char why[96];

	self->quantum_spent = false;
	msg[0] = l4_preemption_tag().raw;
	msg[L4_PREEMPT_MR_TIME_LOW] = now;
	msg[L4_PREEMPT_MR_TIME_HIGH] = 0; /* (the high half of 64 bits) */
	err = (self->scheduler == self->id ||
	       self->scheduler == L4_NILTHREAD_RAW) ?
		      l4_ipc_error(L4_IPC_ENOPARTNER, 0, 0) :
		      ipc_kernel_call(self->scheduler, msg,
				      1 + L4_PREEMPT_UNTYPED, 0, reply, 1, 0);
	if (err) {
		ksnprintf(why, sizeof(why),
			  "total quantum used up; scheduler %#lx: %s",
			  self->scheduler,
			  l4_ipc_error_name(l4_ipc_error_code(err)));
		thread_halt_current(why);
		return;
	}
	if (self->quantum_limited && self->quantum_left_us == 0 &&
	    !self->quantum_spent)
		self->quantum_left_us = self->timeslice_us;
}

void thread_halt_current(const char *why)
{
	struct tcb *self = sched_current();

	kprintf("l4: thread %#lx halted: %s\n", self->id, why);
	self->halted = true;
	sched_park(); /* until ExchangeRegisters resumes it */
}

l4_word_t sys_processor_control(l4_word_t cpu, l4_word_t internal,
				l4_word_t external, l4_word_t voltage)
{
	if (!privileged(sched_current()))
		return set_error(L4_ERR_NO_PRIVILEGE), 0;
	if (cpu != 0)
		return set_error(L4_ERR_INVALID_PARAM), 0;
	return 1;
}

l4_word_t sys_memory_control(l4_word_t control, const l4_word_t attr[4])
{
	struct tcb *self = sched_current();
	unsigned k = control & 0x3f;

	if (!privileged(self))
		return set_error(L4_ERR_NO_PRIVILEGE), 0;
	for (unsigned i = 0; i <= k && i < L4_NUM_MRS; i++) {
		unsigned sel = self->utcb[i] & 3; /* attribute selector */

		if (self->utcb[i] && attr[sel] != 0)
			return set_error(L4_ERR_INVALID_PARAM), 0;
	}
	return 1;
}
