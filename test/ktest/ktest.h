/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writing an in-kernel test case:
 *
 *   KTEST(kmem_alloc_returns_zeroed_pages)
 *   {
 *           void *p = kmem_alloc(&kernel_pool);
 *           KEXPECT(p != NULL);
 *           ...
 *   }
 *
 * The case is registered by the macro (a record in section .ktest) and runs
 * when the kernel is booted with "ktest". A failed KEXPECT marks the case
 * failed, with the expression and line, and the case goes on.
 */
#ifndef TEST_KTEST_H
#define TEST_KTEST_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/boot.h>

struct ktest {
	const char *name;
	void (*fn)(void);
	const char *inject; /* non-NULL: runs only with ktest.inject=<this> */
	const char *file;   /* cases run in order of file, then line */
	int line;
};

#define KTEST_DEFINE(fname, inj)                                         \
	static void fname(void);                                         \
	static const struct ktest ktest_rec_##fname                      \
		__attribute__((section(".ktest"), used, aligned(8))) = { \
			#fname, fname, inj, __FILE__, __LINE__           \
		};                                                       \
	static void fname(void)

#define KTEST(fname) KTEST_DEFINE(fname, 0)

/* A case that fails on purpose, to prove that the harness notices. */
#define KTEST_INJECTED(fname, inj) KTEST_DEFINE(fname, inj)

#define KEXPECT(e) ktest_expect((e), #e, __FILE__, __LINE__)

void ktest_expect(bool ok, const char *expr, const char *file, int line);

/* The boot information the kernel started with. */
const struct boot_info *ktest_boot_info(void);

#endif
