/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The in-emulator test suite: a root task that runs each case in a fresh
 * thread of its own space and prints one line per case, then a summary
 * (scripts/boot-test --tests reads them). Writing a case:
 *
 *   SUITE_TEST(ipc_call_returns_reply_words)
 *   {
 *           l4_threadid_t t = suite_thread_start(echo_server, NULL);
 *           ...
 *           EXPECT(l4_mr(1) == 43);
 *   }
 *
 * SUITE_TEST registers the case (a record in section .suite_tests; cases run
 * in the order of file name, then line). A failed EXPECT records the first
 * failure of the case with file, line and expression, and the case goes
 * on. Each case runs in a new thread, created with ThreadControl and started
 * with ExchangeRegisters; the runner waits for its report with a timeout and
 * then deletes every thread the case made (threads.h), so that the spaces
 * the case made (spaces.h) disappear with them.
 */
#ifndef SUITE_SUITE_H
#define SUITE_SUITE_H

#include <l4/abi.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

struct suite_test {
	const char *name;
	void (*fn)(void);
	const char *file; /* cases run in order of file, then line */
	int line;
};

#define SUITE_TEST(fname)                                                      \
	static void fname(void);                                               \
	static const struct suite_test suite_rec_##fname                       \
		__attribute__((section(".suite_tests"), used, aligned(8))) = { \
			#fname, fname, __FILE__, __LINE__                      \
		};                                                             \
	static void fname(void)

/* Record a failure of the running case unless @ok. Returns @ok, so that a
 * case can stop where going on makes no sense: if (!EXPECT(p)) return; */
#define EXPECT(e) suite_expect(!!(e), #e, __FILE__, __LINE__)

bool suite_expect(bool ok, const char *expr, const char *file, int line);

/* Record a failure of the running case with a free-form reason. The first
 * failure of a case is the one reported. */
void suite_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The root task's thread (the runner), sigma0, and KIP facts. */
extern l4_threadid_t suite_runner;
extern l4_threadid_t suite_sigma0;
extern unsigned suite_user_base;

/* The runner's labels: a case thread reports its end with this, and asks
 * it to run a function (suite_as_runner()) with that. */
#define SUITE_LABEL_DONE 0x5d0ull
#define SUITE_LABEL_RUN 0x5d1ull

/*
 * Run @fn(@arg) on the runner, the root task's own thread, and return what
 * it returns: for cases that need the root task's identity (sigma0 answers
 * some requests of the root task only). Only the case thread itself may
 * ask; @fn must not wait for the case thread.
 */
l4_word_t suite_as_runner(l4_word_t (*fn)(l4_word_t), l4_word_t arg);

#include "helpers.h"
#include "memory.h"
#include "threads.h"
#include "spaces.h"

#endif /* SUITE_SUITE_H */
