// SPDX-License-Identifier: BSD-2-Clause
/*
 * Access to user memory from the kernel: range checks, SMAP's stac/clac
 * around the copy, and the fault fixup of uaccess_copy (entry.asm).
 */
#include <kernel/arch.h>

#include <arch/cpu.h>
#include <arch/paging.h>

bool uaccess_copy(void *dst, const void *src, size_t n);

static bool user_range(uint64_t a, size_t n)
{
	return a < USER_TOP && n <= USER_TOP - a;
}

static void open_user(void)
{
	if (cpu_features.smap)
		__asm__ volatile("stac" : : : "memory");
}

static void close_user(void)
{
	if (cpu_features.smap)
		__asm__ volatile("clac" : : : "memory");
}

bool arch_copy_from_user(void *dst, uint64_t src, size_t n)
{
	bool ok;

	if (!user_range(src, n))
		return false;
	open_user();
	ok = uaccess_copy(dst, (const void *)src, n);
	close_user();
	return ok;
}

bool arch_copy_to_user(uint64_t dst, const void *src, size_t n)
{
	bool ok;

	if (!user_range(dst, n))
		return false;
	open_user();
	ok = uaccess_copy((void *)dst, src, n);
	close_user();
	return ok;
}
