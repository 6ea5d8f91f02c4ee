/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A small unit-test framework for the host tests.
 *
 *   static void kmem_alloc_zeroes_pages(void) { CHECK(p != NULL); ... }
 *   int main(void) { RUN(kmem_alloc_zeroes_pages); return check_done(); }
 *
 * Each RUN prints "PASS <name>" or "FAIL <name>" with the first failed
 * CHECK; check_done() prints the count and returns the exit status.
 * EXPECT_PANIC(stmt) checks that stmt makes the kernel code panic (its
 * assert() or panic()); the fake arch_shutdown() jumps back.
 */
#ifndef TEST_HOST_CHECK_H
#define TEST_HOST_CHECK_H

#include <setjmp.h>
#include <stdbool.h>

#define CHECK(e) check_at((e), #e, __FILE__, __LINE__)
#define RUN(fn) check_run(fn, #fn)

#define EXPECT_PANIC(stmt)                                              \
	do {                                                            \
		host_panic_armed = true;                                \
		if (setjmp(host_panic_jmp) == 0) {                      \
			stmt;                                           \
			host_panic_armed = false;                       \
			check_at(false, "panic from: " #stmt, __FILE__, \
				 __LINE__);                             \
		}                                                       \
		host_panic_armed = false;                               \
	} while (0)

bool check_at(bool ok, const char *expr, const char *file, int line);
void check_run(void (*fn)(void), const char *name);
int check_done(void);

/* Set by EXPECT_PANIC: the fake arch_shutdown() longjmps here. */
extern bool host_panic_armed;
extern jmp_buf host_panic_jmp;

/* Quiet the fake console (panic messages expected by a test). */
extern bool host_console_quiet;

#endif
