/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Synchronous IPC, the slow path: the specification that the fastpath must
 * match. A message is copied from the sender's UTCB to the receiver's
 * (MR0 tag, untyped words, typed items); the system-call layer moves MR0-7
 * between registers and the UTCB around it.
 *
 * A thread blocked in IPC sleeps inside the kernel on its own stack, in one
 * of two states (tcb.h): WAIT_SEND on its partner's send queue, or
 * WAIT_RECV. Whoever completes, cancels or times out its phase writes the
 * result into ipc_error (and ipc_from) and makes it ready.
 */
#ifndef KERNEL_IPC_H
#define KERNEL_IPC_H

#include <stdbool.h>
#include <stdint.h>

#include <l4/time.h>
#include <l4/types.h>

struct tcb;

/*
 * The Ipc system call of the current thread: send phase to @to (unless
 * nil), then receive phase from @from_spec (unless nil), with the send and
 * receive timeouts of @timeouts. The result is in the caller's UTCB: MR0
 * (E bit on error) and ErrorCode; *@from gets the sender.
 */
void sys_ipc(l4_word_t to, l4_word_t from_spec, l4_word_t timeouts,
	     l4_word_t *from);

/*
 * A new thread waits for its start-up message from @pager, which need not
 * exist yet (ABI: the thread's pager starts it). The message is in the
 * UTCB afterwards, or MR0 has the error bit if the wait was cancelled.
 */
void ipc_wait_startup(l4_word_t pager);

/*
 * The end of an Ipc of the current thread @self with result @err (0 or an
 * error word): back to READY, the error in the UTCB. (A thread the IPC
 * woke that is more urgent takes over at the return to user mode:
 * sched_ready() asked for a reschedule.) Returns the sender's id as the
 * thread sees it, or nil after an error or without a receive phase.
 */
l4_word_t ipc_finish(struct tcb *self, l4_word_t err);

/*
 * When timeout @t ends, the clock showing @now: 0 for never; for a period,
 * @now plus its length plus one (a full microsecond at least); for a point
 * (X.2 2.4), the next time the clock's low bits show it.
 */
uint64_t ipc_deadline(l4_time_t t, uint64_t now);

/* @t's timeout has expired (called by the scheduler). */
void ipc_timeout(struct tcb *t);

/*
 * Cancel (@abort false) or abort @t's send and/or receive phase; it
 * returns with error code 3 or 7 in that phase. Returns true if a phase
 * was ended.
 */
bool ipc_cancel(struct tcb *t, bool send, bool receive, bool abort);

/* @t is being deleted: every thread blocked on it fails with "no
 * partner"; @t leaves every queue. */
void ipc_unlink(struct tcb *t);

/*
 * A kernel-protocol call of the current thread to @dest: MR0..MR(n-1) from
 * @msg, acceptor @acceptor, with @timeouts (0: never, never). MRs it
 * overwrites are saved and restored. On return @reply holds
 * MR0..MR(nreply-1) of the answer. Returns the IPC error word (0 ok).
 */
l4_word_t ipc_kernel_call(l4_word_t dest, const l4_word_t *msg, unsigned n,
			  l4_word_t acceptor, l4_word_t *reply, unsigned nreply,
			  l4_word_t timeouts);

/* @r waited to receive from a thread that is gone: "no partner". */
void ipc_partner_gone(struct tcb *r);

/* Current time in microseconds (the clock the timeouts use). */
uint64_t ipc_now_us(void);

#endif
