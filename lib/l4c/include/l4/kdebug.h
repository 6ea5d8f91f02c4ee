/* SPDX-License-Identifier: BSD-2-Clause */
/* The kernel-debugger calls (ABI.md 9): console output for early boot. */
#ifndef L4_KDEBUG_H
#define L4_KDEBUG_H

static inline void l4_kdb_putc(char c)
{
	__asm__ volatile("int3; cmpb $0x00, %%al" : : "a"(c) : "memory");
}

static inline void l4_kdb_puts(const char *s)
{
	__asm__ volatile("int3; cmpb $0x01, %%al" : : "a"(s) : "memory");
}

/* Print @msg as a kernel-debugger entry and continue. */
#define l4_kdb_enter(msg)                                     \
	__asm__ volatile("int3; jmp 1f; movabs %0, %%rax; 1:" \
			 :                                    \
			 : "i"(msg)                           \
			 : "rax", "memory")

#endif
