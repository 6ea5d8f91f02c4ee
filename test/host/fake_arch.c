// SPDX-License-Identifier: BSD-2-Clause
/*
 * The architecture contract (kernel/include/kernel/arch.h) on the host:
 * physical addresses are host addresses, the console is stdout, and
 * arch_shutdown() either returns to an EXPECT_PANIC or aborts the test.
 */
#include <stdio.h>
#include <stdlib.h>

#include <kernel/arch.h>

#include "check.h"

bool host_panic_armed;
jmp_buf host_panic_jmp;
bool host_console_quiet;

void arch_console_putc(char c)
{
	if (!host_console_quiet && !host_panic_armed)
		putchar(c);
}

void arch_shutdown(int status)
{
	if (host_panic_armed)
		longjmp(host_panic_jmp, 1);
	fflush(stdout);
	fprintf(stderr, "fake arch: kernel shut down with status %d\n", status);
	abort();
}

void *arch_phys_to_virt(uint64_t pa)
{
	return (void *)(uintptr_t)pa;
}

uint64_t arch_virt_to_phys(const void *va)
{
	return (uint64_t)(uintptr_t)va;
}

void arch_kernel_image(uint64_t *start, uint64_t *end)
{
	*start = 0x100000;
	*end = 0x200000;
}
