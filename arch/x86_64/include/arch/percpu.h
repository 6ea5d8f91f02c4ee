/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Per-processor data, reached through the kernel's GS base. Assembly uses
 * the PCPU_* offsets below; keep them in step with the structure (checked
 * by static assertions in percpu.c).
 */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#define PCPU_USER_RSP 0	 /* user RSP, saved on syscall entry */
#define PCPU_UTCB_WORD 8 /* kernel alias of the user's %gs:0 word */

#ifndef __ASSEMBLER__
#include <stdint.h>

struct tcb;

struct percpu {
	uint64_t user_rsp;
	uint64_t *utcb_word;
};

extern struct percpu percpu0;

static inline struct percpu *this_cpu(void)
{
	return &percpu0; /* one processor; per-CPU through GS when SMP */
}

void percpu_init(void);
#endif

#endif
