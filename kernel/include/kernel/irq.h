/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Interrupts as IPC (ABI.md 9). Interrupt line n is the thread number n,
 * version 1, with no TCB behind it. ThreadControl(irq, irq, nil, handler,
 * ~0) attaches the line to a handler thread; with the interrupt thread
 * itself as pager it detaches. When the line fires it is masked and the
 * handler receives an empty message from the interrupt thread; the handler
 * acknowledges by sending to the interrupt thread, which unmasks the line.
 *
 *   line state   masked   pending   meaning
 *   detached     yes      no        nobody listens
 *   armed        no       no        waits for the device
 *   pending      yes      yes       fired; the handler has not received it
 *   delivered    yes      no        the handler has it; waits for the ack
 */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include <stdbool.h>

#include <l4/types.h>

struct tcb;

#define IRQ_LINES 16

/* Is @id an interrupt thread id? */
bool irq_is_id(l4_word_t id);

/* ThreadControl on interrupt thread @id: attach to @handler, or detach if
 * @handler == @id. Returns 0 or a ThreadControl error code. */
l4_word_t irq_control(l4_word_t id, l4_word_t handler, struct tcb *caller);

/* Is interrupt thread @id attached to a handler? (Schedule names it only
 * then, as the reference kernel's interrupt threads exist only once
 * associated.) */
bool irq_attached(l4_word_t id);

/* Is @t the handler of interrupt thread @id? */
bool irq_handled_by(l4_word_t id, const struct tcb *t);

/* Line @line fired (the architecture has masked it). */
void irq_raise(unsigned line);

/* Receive phase of @r with @from_spec: deliver a pending interrupt it
 * accepts. True if one was delivered (the message is in @r's UTCB). */
bool irq_receive(struct tcb *r, l4_word_t from_spec);

/* Send phase of @s to interrupt thread @id: the acknowledgement. Returns
 * true if @s is the line's handler (the line is unmasked). */
bool irq_acknowledge(struct tcb *s, l4_word_t id);

/* Does @r, waiting in @from_spec, accept interrupt thread @id? */
bool irq_accepts(const struct tcb *r, l4_word_t from_spec, l4_word_t id);

/* @t is being deleted: detach its lines. */
void irq_forget(const struct tcb *t);

/* True while some line is attached (the system may still be woken). */
bool irq_any_attached(void);

#endif
