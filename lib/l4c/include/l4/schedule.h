/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Control words of the thread-management system calls: ExchangeRegisters
 * (read and change a thread's registers and state), ThreadControl (create,
 * modify, delete threads; attach interrupts), SpaceControl (configure an
 * address space) and Schedule (priority, time slice, processor, delayed
 * preemption). The register contracts are in ABI.md section 1.
 */
#ifndef L4_SCHEDULE_H
#define L4_SCHEDULE_H

#include <l4/time.h>
#include <l4/types.h>

/*
 * ExchangeRegisters control word, input:
 *
 *   63        10   9   8   7   6   5   4   3   2   1   0
 * +-------------+---+---+---+---+---+---+---+---+---+---+
 * |      0      | d | h | p | u | f | i | s | S | R | H |
 * +-------------+---+---+---+---+---+---+---+---+---+---+
 *
 * s, i, f, u, p: set SP, IP, FLAGS, UserDefinedHandle, pager from the
 * inputs; S, R: abort the thread's send, receive phase (it sees an
 * "aborted" IPC error); h: apply H, the halt flag -- halt the thread if H
 * is 1, resume it if 0; d: deliver (return) the old values. The old values
 * are returned in any case by Pistachio's kernel, which reads bits 0-8
 * exactly so (kernel/src/api/v4/exregs.cc, perform_exregs; bit numbers in
 * exregs_ctrl_t); the user library sets d (1 << 9) to read values and
 * builds Start as h|S|R and Stop as d|h|H (user/include/l4/thread.h).
 *
 * Output (old control): the thread's state before the call:
 *
 *   63                                         3   2   1   0
 * +---------------------------------------------+---+---+---+
 * |                      0                      | S | R | H |
 * +---------------------------------------------+---+---+---+
 *
 * H: was halted, R: was receiving, S: was sending (Pistachio
 * L4_ThreadWasHalted/Receiving/Sending).
 */
#define L4_EXREGS_HALT (1ull << 0)
#define L4_EXREGS_ABORT_RECEIVE (1ull << 1)
#define L4_EXREGS_ABORT_SEND (1ull << 2)
#define L4_EXREGS_SET_SP (1ull << 3)
#define L4_EXREGS_SET_IP (1ull << 4)
#define L4_EXREGS_SET_FLAGS (1ull << 5)
#define L4_EXREGS_SET_HANDLE (1ull << 6)
#define L4_EXREGS_SET_PAGER (1ull << 7)
#define L4_EXREGS_HALTFLAG (1ull << 8)
#define L4_EXREGS_DELIVER (1ull << 9)

#define L4_EXREGS_ABORT_IPC (L4_EXREGS_ABORT_SEND | L4_EXREGS_ABORT_RECEIVE)
/* Resume a halted thread (and abort its IPC, as Pistachio's L4_Start). */
#define L4_EXREGS_START (L4_EXREGS_HALTFLAG | L4_EXREGS_ABORT_IPC)
/* Halt a thread and read its state (Pistachio's L4_Stop). */
#define L4_EXREGS_STOP (L4_EXREGS_DELIVER | L4_EXREGS_HALTFLAG | L4_EXREGS_HALT)

#define L4_THREAD_WAS_HALTED (1ull << 0)
#define L4_THREAD_WAS_RECEIVING (1ull << 1)
#define L4_THREAD_WAS_SENDING (1ull << 2)

static inline bool l4_thread_was_halted(l4_word_t old_control)
{
	return (old_control & L4_THREAD_WAS_HALTED) != 0;
}

static inline bool l4_thread_was_receiving(l4_word_t old_control)
{
	return (old_control & L4_THREAD_WAS_RECEIVING) != 0;
}

static inline bool l4_thread_was_sending(l4_word_t old_control)
{
	return (old_control & L4_THREAD_WAS_SENDING) != 0;
}

/*
 * ThreadControl(dest, SpaceSpecifier, Scheduler, Pager, UtcbLocation).
 * UtcbLocation ~0 leaves it unchanged (Pistachio kernel/src/api/v4/
 * thread.cc: `utcb_location != ~0UL`); otherwise it is the start of the
 * 1 KiB UTCB block (<l4/utcb.h>). A nil SpaceSpecifier deletes dest.
 *
 * Interrupts: ThreadControl(irq, irq, nil, handler, ~0) attaches the
 * interrupt thread irq to handler; with the interrupt thread itself as
 * handler it detaches it (Pistachio L4_AssociateInterrupt,
 * L4_DeassociateInterrupt in user/include/l4/thread.h).
 */
#define L4_UTCB_LOCATION_UNCHANGED (~0ull)

/*
 * SpaceControl control word: architecture-specific in X.2. Pistachio's
 * amd64 kernel ignores it and returns 0 as the old control, unless built
 * with 32-bit compatibility mode, which bit 63 requests
 * (kernel/src/glue/v4-amd64/space.cc, space_t::space_control). This
 * kernel defines no bits: pass 0.
 */
#define L4_SPACE_CONTROL_NONE 0ull

/*
 * Schedule(dest, TimeControl, ProcessorControl, PrioControl,
 * PreemptionControl); each control word ~0 leaves its setting unchanged.
 * As Pistachio's do_schedule() reads them (kernel/src/api/v4/schedule.cc)
 * and its user library builds them (user/include/l4/schedule.h):
 *
 *   TimeControl        31            16 15             0
 *                     +----------------+----------------+
 *                     |   time slice   | total quantum  |   periods
 *                     +----------------+----------------+   (<l4/time.h>)
 *   PrioControl        priority in bits 7:0 (0 lowest .. 255)
 *   ProcessorControl   processor number in bits 15:0
 *   PreemptionControl  23          16 15              0
 *                     +-------------+------------------+
 *                     | sensitive   |  maximum delay   |
 *                     | priority    |                  |
 *                     +-------------+------------------+
 *
 * Schedule returns in RAX the state of dest (0 on error, code in
 * ErrorCode) and in RDX the old TimeControl.
 */
#define L4_SCHEDULE_UNCHANGED (~0ull)
#define L4_PRIO_MAX 255u

#define L4_SCHEDRESULT_ERROR 0u
#define L4_SCHEDRESULT_DEAD 1u
#define L4_SCHEDRESULT_INACTIVE 2u
#define L4_SCHEDRESULT_RUNNING 3u
#define L4_SCHEDRESULT_PENDING_SEND 4u
#define L4_SCHEDRESULT_SENDING 5u
#define L4_SCHEDRESULT_WAITING 6u
#define L4_SCHEDRESULT_RECEIVING 7u

static inline l4_word_t l4_time_control(l4_time_t timeslice,
					l4_time_t total_quantum)
{
	return ((l4_word_t)timeslice.raw << 16) | total_quantum.raw;
}

static inline l4_time_t l4_time_control_timeslice(l4_word_t w)
{
	return l4_time((uint16_t)(w >> 16));
}

static inline l4_time_t l4_time_control_total_quantum(l4_word_t w)
{
	return l4_time((uint16_t)w);
}

static inline l4_word_t l4_prio_control(unsigned prio)
{
	return prio & 0xff;
}

static inline unsigned l4_prio_control_prio(l4_word_t w)
{
	return (unsigned)l4_bits(w, 7, 0);
}

static inline l4_word_t l4_processor_control(unsigned cpu)
{
	return cpu & 0xffff;
}

static inline unsigned l4_processor_control_cpu(l4_word_t w)
{
	return (unsigned)l4_bits(w, 15, 0);
}

static inline l4_word_t l4_preemption_control(unsigned sensitive_prio,
					      unsigned max_delay)
{
	return ((l4_word_t)(sensitive_prio & 0xff) << 16) |
	       (max_delay & 0xffff);
}

static inline unsigned l4_preemption_control_sensitive_prio(l4_word_t w)
{
	return (unsigned)l4_bits(w, 23, 16);
}

static inline unsigned l4_preemption_control_max_delay(l4_word_t w)
{
	return (unsigned)l4_bits(w, 15, 0);
}

#endif /* L4_SCHEDULE_H */
