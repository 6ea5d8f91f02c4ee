// SPDX-License-Identifier: BSD-2-Clause
/* The scheduler; see sched.h for its rules. Interrupts are disabled. */
#include <kernel/arch.h>
#include <kernel/fastpath.h>
#include <kernel/io.h>
#include <kernel/ipc.h>
#include <kernel/irq.h>
#include <kernel/kmem.h>
#include <kernel/map.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/runqueue.h>
#include <kernel/sched.h>
#include <kernel/tcb.h>

static struct runqueue runq;
static struct tcb idle_tcb;
/* Global for the fastpath (entry.asm), which switches threads itself. */
struct tcb *sched_running = &idle_tcb;
static struct list_head timeouts; /* sorted by wakeup_us */
bool sched_slice_over;

#define tcb_of_rq(l) list_entry(l, struct tcb, rq)

void sched_init(void)
{
	rq_init(&runq);
	list_init(&timeouts);
	list_init(&idle_tcb.senders);
	idle_tcb.state = TCB_READY;
	idle_tcb.canary = TCB_CANARY;
}

struct tcb *sched_current(void)
{
	return sched_running;
}

struct tcb *tcb_current(void)
{
	return sched_running;
}

bool sched_is_idle(const struct tcb *t)
{
	return t == &idle_tcb;
}

/*
 * Halting stops a thread at its return to user mode (sched_park), not in
 * the middle of kernel work: a halted thread still finishes what it does
 * in the kernel (an IPC, a page fault it serves for a string transfer), or
 * the threads waiting on it would wait for ever. Only a parked one is out.
 */
static bool runnable(const struct tcb *t)
{
	return t->state == TCB_READY && !(t->halted && t->parked) &&
	       t != &idle_tcb;
}

void sched_park(void)
{
	while (sched_running->halted) {
		sched_running->parked = true;
		sched_unqueue(sched_running);
		schedule();
		sched_running->parked = false;
	}
}

void sched_ready(struct tcb *t)
{
	t->state = TCB_READY;
	if (runnable(t) && t != sched_running && !t->rq.queued) {
		rq_enqueue(&runq, &t->rq, t->prio);
		/* More urgent than the running thread: it runs at the
		 * running thread's return to user mode at the latest. */
		if (t->prio > sched_running->prio)
			fastpath_veto.wakeup = true;
	}
}

void sched_unqueue(struct tcb *t)
{
	if (t->rq.queued)
		rq_remove(&runq, &t->rq);
}

static void switch_to(struct tcb *next)
{
	struct tcb *prev = sched_running;

	if (next == prev)
		return;
	if (runnable(prev) && !prev->rq.queued)
		rq_enqueue(&runq, &prev->rq, prev->prio);
	if (next->rq.queued)
		rq_remove(&runq, &next->rq);
	sched_running = next;
	sched_slice_over = false;
	arch_switch(prev, next);
}

void schedule(void)
{
	struct rq_link *l = rq_highest(&runq);
	struct tcb *best = l ? tcb_of_rq(l) : &idle_tcb;

	if (runnable(sched_running) &&
	    (!l || sched_running->prio > best->prio ||
	     (sched_running->prio == best->prio && !sched_slice_over))) {
		/* It goes on, with a new slice if this one was over: so the
		 * flag is up only while a tick's request is pending, and the
		 * fastpath (which checks for that) need not clear it. */
		sched_slice_over = false;
		return;
	}
	if (!runnable(sched_running) || best != &idle_tcb)
		switch_to(best);
}

void sched_switch_to(struct tcb *t)
{
	if (runnable(t) &&
	    (!runnable(sched_running) || t->prio >= sched_running->prio))
		switch_to(t);
}

struct fastpath_veto fastpath_veto;
uint64_t fastpath_hits;

void sched_preempt_if_urgent(const struct tcb *t)
{
	if (runnable(t) &&
	    (!runnable(sched_running) || t->prio > sched_running->prio))
		fastpath_veto.wakeup = true;
}

bool sched_take_resched(void)
{
	bool r = fastpath_veto.wakeup;

	fastpath_veto.wakeup = false;
	return r;
}

void sched_donate(struct tcb *t)
{
	if (runnable(t))
		switch_to(t);
}

void sched_yield(void)
{
	sched_slice_over = true;
	schedule();
	sched_slice_over = false;
}

void sched_block(void)
{
	assert(sched_running->state != TCB_READY || sched_running->halted);
	schedule();
}

void sched_set_timeout(struct tcb *t, uint64_t abs_us)
{
	if (list_linked(&t->timeout_link))
		list_remove(&t->timeout_link);
	t->wakeup_us = abs_us;
	if (!abs_us)
		return;
	list_for_each(&timeouts, n)
	{
		if (list_entry(n, struct tcb, timeout_link)->wakeup_us >
		    abs_us) {
			list_insert_before(n, &t->timeout_link);
			return;
		}
	}
	list_append(&timeouts, &t->timeout_link);
}

bool sched_tick(uint64_t now_us, uint64_t tick_us)
{
	struct list_node *n;

	while ((n = list_first(&timeouts)) &&
	       list_entry(n, struct tcb, timeout_link)->wakeup_us <= now_us) {
		struct tcb *t = list_entry(n, struct tcb, timeout_link);

		sched_set_timeout(t, 0);
		ipc_timeout(t);
	}
	if (sched_running != &idle_tcb && sched_running->timeslice_us) {
		if (sched_running->slice_left_us > tick_us) {
			sched_running->slice_left_us -= tick_us;
		} else {
			sched_running->slice_left_us =
				sched_running->timeslice_us;
			sched_slice_over = true;
		}
	}
	if (sched_running != &idle_tcb && sched_running->quantum_limited &&
	    !sched_running->quantum_spent) {
		if (sched_running->quantum_left_us > tick_us) {
			sched_running->quantum_left_us -= tick_us;
		} else {
			/* Its way back to user mode sends the message. */
			sched_running->quantum_left_us = 0;
			sched_running->quantum_spent = true;
		}
	}
	return sched_slice_over ||
	       (rq_highest(&runq) && sched_running == &idle_tcb) ||
	       (rq_highest(&runq) &&
		tcb_of_rq(rq_highest(&runq))->prio > sched_running->prio);
}

void sched_idle(void)
{
	for (;;) {
		schedule();
		if (!rq_highest(&runq) && list_empty(&timeouts) &&
		    !irq_any_attached()) {
			kprintf("l4: every thread is blocked for good; "
				"nothing more can run\n");
			arch_shutdown(0);
		}
		arch_wait_for_interrupt();
	}
}

void sched_check(void)
{
	rq_check(&runq);
	assert(!sched_running->rq.queued);
	tcb_check(NULL);
	list_for_each(&timeouts, n)
	{
		const struct tcb *t = list_entry(n, struct tcb, timeout_link);
		struct list_node *m = list_next(&timeouts, n);

		assert(t->wakeup_us);
		assert(!m ||
		       list_entry(m, struct tcb, timeout_link)->wakeup_us >=
			       t->wakeup_us);
	}
}

void kernel_set_kcheck(bool on)
{
	fastpath_veto.kcheck = on;
}

void kernel_kcheck(void)
{
	if (!fastpath_veto.kcheck)
		return;
	sched_check();
	kmem_check(&kernel_pool);
	io_check();
	if (sched_running->space)
		map_check(sched_running->space);
}
