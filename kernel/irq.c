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
};

static struct irq irqs[IRQ_LINES];
/* Bit n: line n fired and its handler has not received it yet. A bitmap,
 * so that every receive phase looks at pending lines only. */
static unsigned pending;

static void set_pending(unsigned line, bool on)
{
	if (on)
		pending |= 1u << line;
	else
		pending &= ~(1u << line);
}

static bool is_pending(unsigned line)
{
	return pending & (1u << line);
}

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

bool irq_attached(l4_word_t id)
{
	return irq_is_id(id) && irqs[line_of(id)].handler != NULL;
}

bool irq_handled_by(l4_word_t id, const struct tcb *t)
{
	return irq_is_id(id) && irqs[line_of(id)].handler == t;
}

l4_word_t irq_control(l4_word_t id, l4_word_t handler, struct tcb *caller)
{
	struct irq *q = &irqs[line_of(id)];
	struct tcb *h;

	if (handler == id) { /* detach */
		arch_irq_mask(line_of(id));
		q->handler = NULL;
		set_pending(line_of(id), false);
		return 0;
	}
	h = tcb_lookup(caller, handler);
	if (!h)
		return 2; /* invalid thread */
	if (!arch_irq_available(line_of(id)))
		return 5; /* invalid parameter: the kernel uses this line */
	q->handler = h;
	set_pending(line_of(id), false);
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
	set_pending(line, true);
}

bool irq_receive(struct tcb *r, l4_word_t from_spec)
{
	for (unsigned m = pending; m; m &= m - 1) {
		unsigned line = (unsigned)__builtin_ctz(m);

		if (irqs[line].handler == r &&
		    irq_accepts(r, from_spec, l4_irq_thread(line).raw)) {
			set_pending(line, false);
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
	if (!is_pending(line_of(id)))
		arch_irq_unmask(line_of(id));
	return true;
}

void irq_forget(const struct tcb *t)
{
	for (unsigned line = 0; line < IRQ_LINES; line++) {
		if (irqs[line].handler == t) {
			arch_irq_mask(line);
			irqs[line].handler = NULL;
			set_pending(line, false);
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
