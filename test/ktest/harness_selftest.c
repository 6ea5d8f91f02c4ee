// SPDX-License-Identifier: BSD-2-Clause
/*
 * Cases that fail on purpose, each only with its "ktest.inject=" option:
 * the boot-test harness must report every one of them as a failure
 * (test/boot/CMakeLists.txt checks that it does).
 */
#include <kernel/arch.h>

#include "ktest.h"

/* A failed expectation: one FAIL line, a summary with "1 failed". */
KTEST_INJECTED(injected_failing_expectation, "fail")
{
	KEXPECT(1 + 1 == 3);
}

/* A page fault in kernel mode: a register dump and a failure status. */
KTEST_INJECTED(injected_kernel_page_fault, "fault")
{
	volatile uint64_t *bad = (volatile uint64_t *)0xdead000;

	*bad = 42;
}

/* A kernel that stops making progress: only the timeout can catch it. */
KTEST_INJECTED(injected_hang, "hang")
{
	for (;;)
		__asm__ volatile("cli; hlt");
}
