// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupts as IPC (ABI.md section 9): line n is the thread number n,
 * version 1. ThreadControl(irq, irq, nil, handler, ~0) attaches it, with
 * the interrupt thread as pager it detaches; the handler receives an empty
 * message from the interrupt thread and acknowledges by sending to it.
 *
 * The timer source is the PIT (line 0), programmed through I/O ports 0x40
 * to 0x43, which the suite asks sigma0 for once.
 */
#include "suite.h"

#define WAIT_US 1000000ull
#define PIT_LINE 0
#define PIT_ONE_MS 1193 /* PIT ticks in a millisecond */

static bool have_pit_ports;

static l4_threadid_t irq_id(unsigned line)
{
	return l4_irq_thread(line);
}

/* I/O ports 0x40-0x43 from sigma0, once per run (they stay with the
 * space). */
static bool pit_ports(void)
{
	if (!have_pit_ports)
		have_pit_ports = suite_sigma0_ports(0x40, 2) != 0;
	return have_pit_ports;
}

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

/* PIT channel 0, mode 0: one interrupt after @ticks. */
static void pit_one_shot(uint16_t ticks)
{
	outb(0x43, 0x30); /* channel 0, low then high byte, mode 0 */
	outb(0x40, (uint8_t)ticks);
	outb(0x40, (uint8_t)(ticks >> 8));
}

static bool attach(unsigned line, l4_threadid_t handler)
{
	l4_threadid_t irq = irq_id(line);

	return l4_thread_control(irq, irq, L4_NILTHREAD, handler, ~0ul) == 1;
}

static bool detach(unsigned line)
{
	l4_threadid_t irq = irq_id(line);

	return l4_thread_control(irq, irq, L4_NILTHREAD, irq, ~0ul) == 1;
}

/* Wait up to a second for an interrupt message from @line. */
static bool receive_interrupt(unsigned line)
{
	l4_threadid_t from = L4_NILTHREAD;
	l4_msgtag_t tag =
		l4_ipc(L4_NILTHREAD, irq_id(line),
		       l4_timeouts(L4_NEVER, l4_time_from_us(WAIT_US)), &from);

	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_is_interrupt_tag(tag));
	EXPECT(l4_msgtag_untyped(tag) == 0);
	EXPECT(from.raw == irq_id(line).raw);
	return !l4_msgtag_is_error(tag);
}

/* The acknowledgement: a send to the interrupt thread. */
static bool acknowledge(unsigned line)
{
	l4_set_mr(0, 0);
	return !l4_msgtag_is_error(l4_ipc(irq_id(line), L4_NILTHREAD,
					  l4_timeouts(L4_ZEROTIME, L4_NEVER),
					  NULL));
}

SUITE_TEST(interrupt_of_the_pit_arrives_as_ipc_from_its_interrupt_thread)
{
	if (!EXPECT(pit_ports()) || !EXPECT(attach(PIT_LINE, l4_myself())))
		return;
	pit_one_shot(PIT_ONE_MS);
	if (receive_interrupt(PIT_LINE))
		EXPECT(acknowledge(PIT_LINE));
	EXPECT(detach(PIT_LINE));
}

SUITE_TEST(interrupt_line_fires_again_only_after_the_acknowledgement)
{
	l4_msgtag_t tag;

	if (!EXPECT(pit_ports()) || !EXPECT(attach(PIT_LINE, l4_myself())))
		return;
	pit_one_shot(PIT_ONE_MS);
	if (!receive_interrupt(PIT_LINE))
		goto out;
	/* Not acknowledged: the line stays masked, nothing more comes. */
	pit_one_shot(PIT_ONE_MS);
	tag = l4_ipc(L4_NILTHREAD, irq_id(PIT_LINE),
		     l4_timeouts(L4_NEVER, l4_time_from_us(50000)), NULL);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(l4_ipc_error_code(suite_error()) == L4_IPC_ETIMEOUT);
	/* Acknowledged: the interrupt that waited arrives. */
	EXPECT(acknowledge(PIT_LINE));
	if (receive_interrupt(PIT_LINE))
		EXPECT(acknowledge(PIT_LINE));
out:
	EXPECT(detach(PIT_LINE));
}

SUITE_TEST(interrupt_detached_line_sends_nothing)
{
	l4_msgtag_t tag;

	if (!EXPECT(pit_ports()) || !EXPECT(attach(PIT_LINE, l4_myself())) ||
	    !EXPECT(detach(PIT_LINE)))
		return;
	pit_one_shot(PIT_ONE_MS);
	tag = l4_ipc(L4_NILTHREAD, irq_id(PIT_LINE),
		     l4_timeouts(L4_NEVER, l4_time_from_us(50000)), NULL);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(l4_ipc_error_code(suite_error()) == L4_IPC_ETIMEOUT);
}

SUITE_TEST(interrupt_attach_to_a_nonexistent_handler_is_an_invalid_thread)
{
	l4_threadid_t ghost = suite_id_alloc(); /* never created */

	EXPECT(!attach(PIT_LINE, ghost));
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
}

SUITE_TEST(interrupt_attach_of_the_cascade_line_is_an_invalid_parameter)
{
	EXPECT(!attach(2, l4_myself()));
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
}

SUITE_TEST(interrupt_control_needs_the_interrupt_as_space_specifier)
{
	l4_threadid_t irq = irq_id(PIT_LINE);

	EXPECT(l4_thread_control(irq, l4_myself(), L4_NILTHREAD, l4_myself(),
				 ~0ul) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
}

SUITE_TEST(interrupt_acknowledge_by_another_thread_is_no_partner)
{
	l4_msgtag_t tag;

	l4_set_mr(0, 0);
	tag = l4_ipc(irq_id(PIT_LINE), L4_NILTHREAD,
		     l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	EXPECT(l4_msgtag_is_error(tag));
	EXPECT(l4_ipc_error_code(suite_error()) == L4_IPC_ENOPARTNER);
	EXPECT(!l4_ipc_error_is_receive(suite_error()));
}

/* I/O ports 0x3f8-0x3ff (COM1) from sigma0, once per run. */
static bool com1_ports(void)
{
	static bool have;

	if (!have)
		have = suite_sigma0_ports(0x3f8, 3) != 0;
	return have;
}

#define COM1_LINE 4
#define COM1_IER 0x3f9
#define COM1_MCR 0x3fc
#define IER_THRE 0x02 /* interrupt when the transmitter is empty */
#define MCR_DTR_RTS 0x03
#define MCR_OUT2 0x08 /* on a PC, gates the UART's interrupt line */

SUITE_TEST(interrupt_of_com1_arrives_as_ipc_from_its_interrupt_thread)
{
	if (!EXPECT(com1_ports()) || !EXPECT(attach(COM1_LINE, l4_myself())))
		return;
	/* The transmitter is empty (or soon is): enabling its interrupt
	 * raises the line, once OUT2 lets it through (Bochs models that;
	 * QEMU does not). */
	outb(COM1_MCR, MCR_DTR_RTS | MCR_OUT2);
	outb(COM1_IER, IER_THRE);
	if (receive_interrupt(COM1_LINE)) {
		outb(COM1_IER, 0);
		EXPECT(acknowledge(COM1_LINE));
	}
	outb(COM1_IER, 0);
	outb(COM1_MCR, MCR_DTR_RTS);
	EXPECT(detach(COM1_LINE));
}

/* Schedule names an interrupt thread only while it is attached (as the
 * reference kernel, whose interrupt threads exist once associated); its
 * handler or the root task may call it, another thread may not. */
SUITE_TEST(schedule_of_an_interrupt_thread_works_only_while_it_is_attached)
{
	l4_threadid_t irq = irq_id(3);
	l4_word_t old = 0, res;
	struct suite_space sp;
	l4_threadid_t a;

	EXPECT(l4_schedule(irq, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   l4_prio_control(12), L4_SCHEDULE_UNCHANGED,
			   &old) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	if (!EXPECT(attach(3, l4_myself())))
		return;
	EXPECT(l4_schedule(irq, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   l4_prio_control(13), L4_SCHEDULE_UNCHANGED,
			   &old) == L4_SCHEDRESULT_RUNNING);
	EXPECT(l4_time_is_never(l4_time_control_timeslice(old)));
	EXPECT(l4_schedule(irq, L4_SCHEDULE_UNCHANGED, l4_processor_control(1),
			   L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   &old) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
	/* A thread of another space, not the handler: no privilege. */
	if (EXPECT(suite_space_create(&sp))) {
		a = suite_agent_start(&sp);
		if (EXPECT(!l4_is_nil_thread(a))) {
			l4_word_t err = 0;

			res = suite_agent(a, SUITE_AG_SCHEDULE, irq.raw, 10, 0,
					  &err);
			EXPECT(res == L4_SCHEDRESULT_ERROR);
			EXPECT(err == L4_ERR_NO_PRIVILEGE);
		}
		suite_space_delete(&sp);
	}
	EXPECT(detach(3));
	EXPECT(l4_schedule(irq, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   l4_prio_control(12), L4_SCHEDULE_UNCHANGED,
			   &old) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
}
