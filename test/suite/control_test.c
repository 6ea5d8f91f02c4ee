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
