/* SPDX-License-Identifier: BSD-2-Clause */
/* Lazy FPU/SSE state of user threads (fpu.c). */
#ifndef ARCH_FPU_H
#define ARCH_FPU_H

#include <stdbool.h>

struct tcb;

/* The FPU's owner and CR0.TS as last written (fpu.c). */
extern struct tcb *fpu_owner;
extern bool fpu_ts;

void fpu_init(void);
void fpu_switch(struct tcb *to);
bool fpu_trap(void);
void fpu_release(struct tcb *t);

#endif
