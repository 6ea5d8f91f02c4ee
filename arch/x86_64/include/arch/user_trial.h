/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * User trials: run a few bytes of machine code in ring 3, in the kernel's own
 * address space, and come back. This is how the foundations test the user
 * segments, the TSS, syscall/sysret, user-mode exceptions and interrupts
 * before threads and address spaces exist. The kernel core replaces it.
 */
#ifndef ARCH_USER_TRIAL_H
#define ARCH_USER_TRIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/trap.h>

/* Where the trial's pages are mapped (user-accessible). */
#define USER_TRIAL_CODE 0x400000ul  /* R-X */
#define USER_TRIAL_STACK 0x600000ul /* RW-, one page, RSP at its top */

struct user_trial {
	/* How it ended: syscall with RDI != 1 (value = RAX), an exception
	 * (faulted), or the tick budget used up in user mode (timed_out). */
	bool faulted, timed_out;
	uint64_t value;
	uint64_t vector, error, rip, cr2; /* when faulted */
	unsigned user_ticks;		  /* timer ticks taken in user mode */
};

/*
 * Copy @len bytes of code to USER_TRIAL_CODE, run them in ring 3 until the
 * trial ends, unmap and free its pages. @tick_budget > 0 ends the trial after
 * that many timer ticks taken in user mode. False if the kernel pool is
 * empty or @len exceeds a page.
 */
bool user_trial_run(const void *code, size_t len, unsigned tick_budget,
		    struct user_trial *out);

/* From trap_dispatch(), for a trap from user mode. Ends the trial (never
 * returns) if one runs; returns if not. */
void user_trial_fault(const struct trap_frame *f);

/* From syscall_dispatch(): true if a user trial made the call (and it was
 * handled: RDI = 1 returns RAX + 1; anything else ends the trial). */
bool user_trial_syscall(struct trap_frame *f);
void user_trial_tick(const struct trap_frame *f);

#endif
