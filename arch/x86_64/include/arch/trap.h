/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The register frame that entry.asm builds on every interrupt and
 * exception; the field order mirrors the pushes there, lowest address first.
 */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};

/* Vectors. Exceptions are 0-31; the legacy PIC is moved out of their way. */
#define VEC_PIC_BASE 0x20
#define VEC_TIMER 0x40
#define VEC_APIC_ERROR 0xfe
#define VEC_SPURIOUS 0xff

#define VEC_SYSCALL 0x100 /* not a vector: the frame came from syscall */

void idt_init(void);
void trap_dispatch(struct trap_frame *f);

/* A trap from user mode that is not an interrupt (syscall.c). */
void user_trap(struct trap_frame *f);

/* Last step before returning to user mode through @f (syscall.c). */
void thread_return_check(struct trap_frame *f);

#endif
