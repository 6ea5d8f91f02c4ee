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

/*
 * The IPC fastpath (beyond X.2, for tests and benchmarks): @set 0 turns it
 * off, 1 on, 2 leaves it. Returns how often it ran so far, with bit 63 set
 * if it runs now (never in a kernel built without it, nor with "kcheck").
 */
static inline unsigned long l4_kdb_fastpath(unsigned long set)
{
	unsigned long rax = set;

	__asm__ volatile("int3; cmpb $0x50, %%al" : "+a"(rax) : : "memory");
	return rax;
}

#define L4_KDB_FASTPATH_ON (1ul << 63)

/* Print @msg as a kernel-debugger entry and continue. */
#define l4_kdb_enter(msg)                                     \
	__asm__ volatile("int3; jmp 1f; movabs %0, %%rax; 1:" \
			 :                                    \
			 : "i"(msg)                           \
			 : "rax", "memory")

#endif
