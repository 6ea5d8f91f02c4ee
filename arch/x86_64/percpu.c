// SPDX-License-Identifier: BSD-2-Clause
/*
 * Per-processor data (one processor for now). The kernel's GS base points
 * at it; user GS base points at the UTCB word of the user-shared page.
 */
#include <stddef.h>

#include <arch/cpu.h>
#include <arch/percpu.h>
#include <arch/ushared.h>

_Static_assert(offsetof(struct percpu, user_rsp) == PCPU_USER_RSP,
	       "PCPU_USER_RSP");
_Static_assert(offsetof(struct percpu, utcb_word) == PCPU_UTCB_WORD,
	       "PCPU_UTCB_WORD");

struct percpu percpu0;

/* In the kernel GS base is &percpu0; swapgs on every entry from and exit to
 * user mode exchanges it with the user's. Interrupts disabled. */
void percpu_init(void)
{
	wrmsr(MSR_GS_BASE, (uint64_t)&percpu0);
	wrmsr(MSR_KERNEL_GS_BASE, USER_GS_VA);
}
