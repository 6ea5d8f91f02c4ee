/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scheduler: 256 fixed priorities, round robin within a priority, time
 * slices from the timer, and an idle thread (the boot context) when nothing
 * is ready. The kernel is not preemptible: threads switch only where the
 * kernel calls sched_*() and on the way back to user mode.
 *
 * Rules: the current thread is never on the run queue; a READY, not halted,
 * non-current thread always is; the idle thread never is.
 */
#ifndef KERNEL_SCHED_H
#define KERNEL_SCHED_H

#include <stdbool.h>
#include <stdint.h>

struct tcb;

#define PRIO_DEFAULT 100
#define TIMESLICE_DEFAULT_US 10000

/* The running thread and whether its time slice is over; global only for
 * the IPC fastpath (entry.asm), which switches threads by itself. */
extern struct tcb *sched_running;
extern bool sched_slice_over;

void sched_init(void);

/* The running thread (the idle thread between user threads). */
struct tcb *sched_current(void);
bool sched_is_idle(const struct tcb *t);

/* Make @t READY and, unless halted or current, queue it. */
void sched_ready(struct tcb *t);

/* Take @t off the run queue if it is on it (before blocking it). */
void sched_unqueue(struct tcb *t);

/* Run the highest-priority ready thread (the current one keeps the CPU
 * against equals until its slice ends). */
void schedule(void);

/* Switch to @t now if it is ready and at least as urgent as the current
 * thread (IPC hands the CPU to the receiver this way). */
void sched_switch_to(struct tcb *t);

/* ThreadSwitch to @t: if it is ready it runs now, whatever its priority
 * (the rest of the time slice is donated to it). */
void sched_donate(struct tcb *t);

/* On the way back to user mode: a halted current thread stays here until
 * it is resumed. */
void sched_park(void);

/* Give up the rest of the time slice to threads of the same priority. */
void sched_yield(void);

/* @t was just woken (from an interrupt): if it is more urgent than the
 * current thread, reschedule on the way back to user mode. */
void sched_preempt_if_urgent(const struct tcb *t);

/* True (once) if a reschedule was asked for since the last call. */
bool sched_take_resched(void);

/* The current thread has set its state to blocked: run something else.
 * Returns when the thread runs again. */
void sched_block(void);

/* Timer tick (from clock_tick). True if the current thread should yield. */
bool sched_tick(uint64_t now_us, uint64_t tick_us);

/* Arm (@abs_us != 0) or disarm the timeout of @t. */
void sched_set_timeout(struct tcb *t, uint64_t abs_us);

/* The idle loop of the boot context; never returns. */
_Noreturn void sched_idle(void);

/* Assert the scheduler's invariants (and every TCB's). */
void sched_check(void);

/*
 * With "kcheck" on the command line the kernel runs its consistency
 * walkers (scheduler and TCBs, kernel pool, the current space's mappings)
 * after every system call: slow, for tests.
 */
void kernel_set_kcheck(bool on);
void kernel_kcheck(void);

#endif
