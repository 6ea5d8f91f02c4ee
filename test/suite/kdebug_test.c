// SPDX-License-Identifier: BSD-2-Clause
/* The kernel debugger's console calls (ABI.md section 9). */
#include <l4/kdebug.h>

#include "suite.h"

SUITE_TEST(kdebug_putc_and_puts_print_and_return)
{
	static const char line[] = "suite: kdebug putc works\n";
	static volatile int after;

	after = 0;
	l4_kdb_puts("suite: kdebug puts works\n");
	for (unsigned i = 0; line[i]; i++)
		l4_kdb_putc(line[i]);
	after = 1;
	EXPECT(after == 1);
}

SUITE_TEST(kdebug_putc_preserves_the_other_registers)
{
	register l4_word_t r8 __asm__("r8") = 0x8888;
	register l4_word_t r9 __asm__("r9") = 0x9999;
	register l4_word_t r10 __asm__("r10") = 0xaaaa;
	register l4_word_t r11 __asm__("r11") = 0xbbbb;
	register l4_word_t r12 __asm__("r12") = 0xcccc;
	register l4_word_t r13 __asm__("r13") = 0xdddd;
	register l4_word_t r14 __asm__("r14") = 0xeeee;
	register l4_word_t r15 __asm__("r15") = 0xffff;
	l4_word_t rax = '\n', rbx = 0xb0b0, rcx = 0xc0c0, rdx = 0xd1d1;
	l4_word_t rsi = 0x5151, rdi = 0xd0d0;

	__asm__ volatile("int3; cmpb $0x00, %%al"
			 : "+a"(rax), "+b"(rbx), "+c"(rcx), "+d"(rdx),
			   "+S"(rsi), "+D"(rdi), "+r"(r8), "+r"(r9), "+r"(r10),
			   "+r"(r11), "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15)
			 :
			 : "memory", "cc");
	EXPECT(rax == '\n' && rbx == 0xb0b0 && rcx == 0xc0c0);
	EXPECT(rdx == 0xd1d1 && rsi == 0x5151 && rdi == 0xd0d0);
	EXPECT(r8 == 0x8888 && r9 == 0x9999 && r10 == 0xaaaa);
	EXPECT(r11 == 0xbbbb && r12 == 0xcccc && r13 == 0xdddd);
	EXPECT(r14 == 0xeeee && r15 == 0xffff);
}

SUITE_TEST(kdebug_enter_prints_its_message_and_continues)
{
	static volatile int after;

	after = 0;
	l4_kdb_enter("suite: kdebug enter works, going on");
	after = 1;
	EXPECT(after == 1);
}

/*
 * KDB_Enter as other libraries emit it: the reference library's
 * "movq $msg, %rax" (a sign-extended 32-bit immediate), after an optional
 * nop, and the older "movl $msg, %eax". The kernel prints the message (the
 * boot test looks for the lines) and the thread goes on.
 */
SUITE_TEST(kdebug_enter_in_its_32_bit_immediate_forms_continues)
{
	static volatile int after;

	after = 0;
	__asm__ volatile("int3\n\t"
			 "jmp 1f\n\t"
			 "movq $2f, %%rax\n"
			 "1:\n\t"
			 ".pushsection .rodata\n"
			 "2: .asciz \"suite: kdebug enter, movq form\"\n\t"
			 ".popsection"
			 :
			 :
			 : "rax", "memory");
	after = 1;
	__asm__ volatile(
		"int3\n\t"
		"nop\n\t"
		"jmp 1f\n\t"
		"movq $2f, %%rax\n"
		"1:\n\t"
		".pushsection .rodata\n"
		"2: .asciz \"suite: kdebug enter, nop and movq form\"\n\t"
		".popsection"
		:
		:
		: "rax", "memory");
	EXPECT(after == 1);
	after = 2;
	__asm__ volatile("int3\n\t"
			 "jmp 1f\n\t"
			 "movl $2f, %%eax\n"
			 "1:\n\t"
			 ".pushsection .rodata\n"
			 "2: .asciz \"suite: kdebug enter, movl form\"\n\t"
			 ".popsection"
			 :
			 :
			 : "rax", "memory");
	EXPECT(after == 2);
}

SUITE_TEST(kdebug_toggle_breakin_is_accepted_and_returns)
{
	static volatile int after;

	after = 0;
	__asm__ volatile("int3\n\tcmpb $0x03, %%al" ::: "memory");
	after = 1;
	EXPECT(after == 1);
}
