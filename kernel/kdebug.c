// SPDX-License-Identifier: BSD-2-Clause
/* Kernel-debugger calls of user programs; see kdebug.h. */
#include <kernel/arch.h>
#include <kernel/fastpath.h>
#include <kernel/kdebug.h>
#include <kernel/printf.h>
#include <kernel/sched.h>
#include <kernel/tcb.h>

#include <l4/protocol.h>

#define KDB_PUTC 0x00
#define KDB_PUTS 0x01
#define KDB_CLEAR 0x02
#define KDB_TOGGLE_BREAKIN 0x03
#define KDB_GETC 0x08
#define KDB_GETC_BLOCKING 0x0d
#define KDB_FASTPATH 0x50 /* beyond X.2: tests and benchmarks */
#define KDB_STRING_MAX 4096

/* Print the user string at @addr, up to a NUL or KDB_STRING_MAX bytes. */
static void print_user_string(uint64_t addr)
{
	for (unsigned i = 0; i < KDB_STRING_MAX; i++) {
		char c;

		if (!arch_copy_from_user(&c, addr + i, 1) || !c)
			return;
		arch_console_putc(c);
	}
}

/*
 * The fastpath switch: RAX 0 turns it off, 1 on (if built in), anything
 * else leaves it; RAX returns how often it ran so far, with bit 63 set if
 * it runs now (built in, on, and no "kcheck").
 */
static void kdebug_fastpath(uint64_t *rax)
{
	if (*rax <= 1)
		fastpath_enable(*rax == 1);
	*rax = (fastpath_hits & ~(1ul << 63)) |
	       (fastpath_active() ? 1ul << 63 : 0);
}

/* Little-endian @n bytes at @p. */
static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/*
 * KDB_Enter: int3, then "jmp 1f" over an instruction that loads the
 * message's address into RAX, in any of the three forms compilers and
 * libraries emit (ours: movabs; the reference library: movq $imm32,
 * sign-extended; older code: movl $imm32). The reference kernel also
 * takes a nop between int3 and the jmp. Returns false (and leaves *@msg)
 * if @next is none of them.
 */
static bool kdb_enter_message(const uint8_t *next, unsigned n, uint64_t *msg)
{
	if (n >= 1 && next[0] == 0x90) { /* int3; nop; jmp ... */
		next++;
		n--;
	}
	if (n < 2 || next[0] != L4_KDB_JMP_SHORT)
		return false;
	if (n >= 12 && next[1] == 10 && next[2] == 0x48 && next[3] == 0xb8) {
		*msg = le(&next[4], 8); /* movabs $msg, %rax */
		return true;
	}
	if (n >= 9 && next[1] == 7 && next[2] == 0x48 && next[3] == 0xc7 &&
	    next[4] == 0xc0) { /* movq $msg, %rax (sign-extended imm32) */
		*msg = (uint64_t)(int64_t)(int32_t)le(&next[5], 4);
		return true;
	}
	if (n >= 7 && next[1] == 5 && next[2] == 0xb8) {
		*msg = le(&next[3], 4); /* movl $msg, %eax */
		return true;
	}
	return false;
}

bool kdebug_call(const uint8_t *next, unsigned n, uint64_t *rax)
{
	uint64_t msg;

	if (n >= 2 && next[0] == L4_KDB_CMPB_AL) {
		switch (next[1]) {
		case KDB_PUTC:
			arch_console_putc((char)*rax);
			return true;
		case KDB_PUTS:
			print_user_string(*rax);
			return true;
		case KDB_CLEAR:
		case KDB_TOGGLE_BREAKIN: /* no break-in key to toggle */
			return true;
		case KDB_GETC:
		case KDB_GETC_BLOCKING:
			*rax = (uint64_t)arch_console_getc(next[1] ==
							   KDB_GETC_BLOCKING);
			return true;
		case KDB_FASTPATH:
			kdebug_fastpath(rax);
			return true;
		}
		return false;
	}
	if (kdb_enter_message(next, n, &msg)) {
		kprintf("KDB: thread %#lx: ", sched_current()->id);
		print_user_string(msg);
		kprintf("\n");
		return true;
	}
	return false;
}
