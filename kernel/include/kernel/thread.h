/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The thread and space system calls: ThreadControl, SpaceControl,
 * ExchangeRegisters, Schedule, ThreadSwitch, SystemClock. Each decodes and
 * checks everything first and changes nothing when it fails (the error code
 * goes to the caller's UTCB ErrorCode).
 */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include <stdint.h>

#include <l4/types.h>

struct tcb;
struct space;

l4_word_t sys_thread_control(l4_word_t dest, l4_word_t space_spec,
			     l4_word_t scheduler, l4_word_t pager,
			     l4_word_t utcb_location);

l4_word_t sys_space_control(l4_word_t space_spec, l4_word_t control,
			    l4_word_t kip_area, l4_word_t utcb_area,
			    l4_word_t redirector, l4_word_t *old_control);

struct exregs {
	l4_word_t control, sp, ip, flags, handle, pager;
};

/* In: @r holds the new values; out: the old ones. Returns the result id
 * (nil on error). */
l4_word_t sys_exchange_registers(l4_word_t dest, struct exregs *r);

l4_word_t sys_schedule(l4_word_t dest, l4_word_t time_control,
		       l4_word_t proc_control, l4_word_t prio_control,
		       l4_word_t preempt_control, l4_word_t *old_time_control);

void sys_thread_switch(l4_word_t dest);

uint64_t sys_system_clock(void);

/* One processor: only processor 0 exists; the frequencies and the voltage
 * are accepted and not acted upon. Privileged. */
l4_word_t sys_processor_control(l4_word_t cpu, l4_word_t internal,
				l4_word_t external, l4_word_t voltage);

/* Only the default memory attributes (0) exist: MemoryControl accepts
 * them and refuses any other with "invalid parameter". Privileged. */
l4_word_t sys_memory_control(l4_word_t control, const l4_word_t attr[4]);

/*
 * Create a thread for the kernel itself (sigma0, the root task): in @space,
 * UTCB at @utcb_location, starting at @ip with stack @sp, priority
 * @prio. Panics if out of memory.
 */
struct tcb *thread_create_root(l4_word_t id, struct space *space,
			       uint64_t utcb_location, uint64_t ip, uint64_t sp,
			       l4_word_t pager);

/* The current thread's total quantum is used up: tell its scheduler
 * (called on its way back to user mode). */
void thread_quantum_spent(void);

/* Halt the current thread for good and say why on the console. */
void thread_halt_current(const char *why);

/* The first kernel code a new thread runs (from entry_thread_start). */
void thread_first_run(void);

#endif
