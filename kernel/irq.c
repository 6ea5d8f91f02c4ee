// SPDX-License-Identifier: BSD-2-Clause
/* Interrupts as IPC; see irq.h for the protocol and the line states. */
#include <kernel/arch.h>
#include <kernel/irq.h>
#include <kernel/sched.h>
#include <kernel/tcb.h>

#include <l4/msgtag.h>
#include <l4/protocol.h>
#include <l4/thread.h>
#include <l4/utcb.h>

struct irq {
	struct tcb *handler; /* NULL: detached */
	bool pending;	     /* fired, not yet received */
};

static struct irq irqs[IRQ_LINES];

static unsigned line_of(l4_word_t id)
{
	return (unsigned)(id >> L4_THREAD_NUMBER_SHIFT);
}

bool irq_is_id(l4_word_t id)
{
	return (id & L4_THREAD_LOCAL_MASK) && id != L4_ANYTHREAD_RAW &&
	       line_of(id) < IRQ_LINES &&
	       l4_thread_version(l4_threadid(id)) == L4_IRQ_VERSION;
}

l4_word_t irq_control(l4_word_t id, l4_word_t handler, struct tcb *caller)
{
	struct irq *q = &irqs[line_of(id)];
	struct tcb *h;

	if (handler == id) { /* detach */
		arch_irq_mask(line_of(id));
		q->handler = NULL;
		q->pending = false;
		return 0;
	}
	h = tcb_lookup(caller, handler);
	if (!h)
		return 2; /* invalid thread */
	if (!arch_irq_available(line_of(id)))
		return 5; /* invalid parameter: the kernel uses this line */
	q->handler = h;
	q->pending = false;
	arch_irq_unmask(line_of(id));
	return 0;
}

static void deliver(struct tcb *r, unsigned line)
{
	r->utcb[0] = l4_interrupt_tag().raw;
	r->ipc_from = l4_irq_thread(line).raw;
}

bool irq_accepts(const struct tcb *r, l4_word_t from_spec, l4_word_t id)
{
	return from_spec == L4_ANYTHREAD_RAW || from_spec == id;
}

void irq_raise(unsigned line)
{
	struct irq *q = &irqs[line];
	struct tcb *h = q->handler;
	l4_word_t id = l4_irq_thread(line).raw;

	if (!h)
		return; /* stays masked */
	if (h->state == TCB_WAIT_RECV && !h->halted &&
	    irq_accepts(h, h->from_spec, id)) {
		deliver(h, line);
		h->ipc_error = 0;
		h->partner = NULL;
		sched_set_timeout(h, 0);
		sched_ready(h);
		sched_preempt_if_urgent(h);
		return;
	}
	q->pending = true;
}

bool irq_receive(struct tcb *r, l4_word_t from_spec)
{
	for (unsigned line = 0; line < IRQ_LINES; line++) {
		struct irq *q = &irqs[line];

		if (q->handler == r && q->pending &&
		    irq_accepts(r, from_spec, l4_irq_thread(line).raw)) {
			q->pending = false;
			deliver(r, line);
			return true;
		}
	}
	return false;
}

bool irq_acknowledge(struct tcb *s, l4_word_t id)
{
	struct irq *q = &irqs[line_of(id)];

	if (q->handler != s)
		return false;
	if (!q->pending)
		arch_irq_unmask(line_of(id));
	return true;
}

void irq_forget(const struct tcb *t)
{
	for (unsigned line = 0; line < IRQ_LINES; line++) {
		if (irqs[line].handler == t) {
			arch_irq_mask(line);
			irqs[line].handler = NULL;
			irqs[line].pending = false;
		}
	}
}

bool irq_any_attached(void)
{
	for (unsigned line = 0; line < IRQ_LINES; line++)
		if (irqs[line].handler)
			return true;
	return false;
}
