// SPDX-License-Identifier: BSD-2-Clause
/*
 * ProcessorControl and MemoryControl (one processor, default memory
 * attributes only; privileged), and Lipc, through the lib/l4c wrappers.
 */
#include "suite.h"

SUITE_TEST(processor_control_of_processor_0_succeeds)
{
	EXPECT(l4_processor_ctl(0, 0, 0, 0) == 1);
}

SUITE_TEST(processor_control_of_another_processor_is_an_invalid_parameter)
{
	EXPECT(l4_processor_ctl(1, 0, 0, 0) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
}

SUITE_TEST(memory_control_with_default_attributes_succeeds)
{
	static const l4_word_t attr[4] = { 0, 0, 0, 0 };

	l4_set_mr(0, l4_fpage(0x10000000, 12, 0).raw);
	EXPECT(l4_memory_ctl(0, attr) == 1);
}

SUITE_TEST(memory_control_with_other_attributes_is_an_invalid_parameter)
{
	static const l4_word_t attr[4] = { 1, 0, 0, 0 };

	l4_set_mr(0, l4_fpage(0x10000000, 12, 0).raw);
	EXPECT(l4_memory_ctl(0, attr) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
}

SUITE_TEST(lipc_calls_a_thread_of_the_same_space_by_local_id)
{
	l4_threadid_t echo = suite_thread_start(suite_echo_server, NULL);
	l4_threadid_t local, from;
	l4_msgtag_t tag;

	if (!EXPECT(!l4_is_nil_thread(echo)))
		return;
	local = suite_thread_local(echo);
	l4_set_mr(0, l4_msgtag_make(0x33, 1, 0).raw);
	l4_set_mr(1, 41);
	tag = l4_lipc(local, local, 0, &from);
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_mr(1) == 42);
	EXPECT(from.raw == local.raw);
}

/* The null system call (ArchSyscall0) keeps every register but RCX and R11
 * (and RSP, RIP): each gets a value of its own before and is compared
 * after. */
SUITE_TEST(null_system_call_returns_with_every_other_register_unchanged)
{
	static uint64_t before[13], after[13];
	uint64_t *b = before, *a = after;

	for (unsigned i = 0; i < 13; i++)
		before[i] = 0x1111111111111111ul * (i + 1) + i;
	__asm__ volatile(
		"push %%rbp\n\t"
		"push %%rbx\n\t"
		"push %%rsi\n\t" /* @a, needed afterwards */
		"mov 0(%%rdi), %%rax\n\t"
		"mov 8(%%rdi), %%rbx\n\t"
		"mov 16(%%rdi), %%rdx\n\t"
		"mov 24(%%rdi), %%rsi\n\t"
		"mov 32(%%rdi), %%rbp\n\t"
		"mov 40(%%rdi), %%r8\n\t"
		"mov 48(%%rdi), %%r9\n\t"
		"mov 56(%%rdi), %%r10\n\t"
		"mov 64(%%rdi), %%r12\n\t"
		"mov 72(%%rdi), %%r13\n\t"
		"mov 80(%%rdi), %%r14\n\t"
		"mov 88(%%rdi), %%r15\n\t"
		"push %%rdi\n\t"
		"mov 96(%%rdi), %%rdi\n\t"
		"call *%[stub]\n\t"
		"xchg %%rdi, (%%rsp)\n\t" /* RDI's value to the stack */
		"mov 8(%%rsp), %%rdi\n\t" /* @a */
		"mov %%rax, 0(%%rdi)\n\t"
		"mov %%rbx, 8(%%rdi)\n\t"
		"mov %%rdx, 16(%%rdi)\n\t"
		"mov %%rsi, 24(%%rdi)\n\t"
		"mov %%rbp, 32(%%rdi)\n\t"
		"mov %%r8, 40(%%rdi)\n\t"
		"mov %%r9, 48(%%rdi)\n\t"
		"mov %%r10, 56(%%rdi)\n\t"
		"mov %%r12, 64(%%rdi)\n\t"
		"mov %%r13, 72(%%rdi)\n\t"
		"mov %%r14, 80(%%rdi)\n\t"
		"mov %%r15, 88(%%rdi)\n\t"
		"pop %%rax\n\t"
		"mov %%rax, 96(%%rdi)\n\t"
		"pop %%rsi\n\t"
		"pop %%rbx\n\t"
		"pop %%rbp"
		: "+D"(b), "+S"(a)
		: [stub] "m"(l4_sys_null)
		: "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13",
		  "r14", "r15", "memory");
	for (unsigned i = 0; i < 13; i++)
		EXPECT(after[i] == before[i]);
}
