// SPDX-License-Identifier: BSD-2-Clause
/*
 * The runner of the in-emulator test suite; see suite.h. It runs every case
 * in a fresh thread, waits for its report (with a timeout, and taking page
 * faults and exceptions of the case's threads as failures), deletes the
 * threads the case made, and prints
 *
 *   TEST <name>: PASS
 *   TEST <name>: FAIL (<file>:<line>: <expression>)
 *   ...
 *   SUMMARY: <n> passed, <m> failed
 *
 * and then blocks for good, so that the kernel shuts down.
 */
#include <stdarg.h>

#include "suite.h"

#define SUITE_MAX 512
#define CASE_TIMEOUT_US 5000000ull

extern const struct suite_test __suite_tests_start[], __suite_tests_end[];

static bool case_failed;
static char first_failure[200];

/* @path without its directories. */
static const char *base_name(const char *path)
{
	const char *b = path;

	for (const char *p = path; *p; p++)
		if (*p == '/')
			b = p + 1;
	return b;
}

void suite_fail(const char *fmt, ...)
{
	va_list ap;

	if (case_failed)
		return;
	case_failed = true;
	va_start(ap, fmt);
	l4_vsnprintf(first_failure, sizeof(first_failure), fmt, ap);
	va_end(ap);
}

bool suite_expect(bool ok, const char *expr, const char *file, int line)
{
	if (!ok)
		suite_fail("%s:%d: %s", base_name(file), line, expr);
	return ok;
}

/* strcmp: the suite has no C library. */
static int str_cmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Does case @a come before case @b (by file, then line)? */
static bool test_before(const struct suite_test *a, const struct suite_test *b)
{
	int c = str_cmp(a->file, b->file);

	return c < 0 || (c == 0 && a->line < b->line);
}

/* The cases in the order they are written: the linker keeps no order. */
static unsigned tests_sorted(const struct suite_test **out)
{
	unsigned n = 0;

	for (const struct suite_test *t = __suite_tests_start;
	     t < __suite_tests_end && n < SUITE_MAX; t++) {
		unsigned i = n++;

		for (; i > 0 && test_before(t, out[i - 1]); i--)
			out[i] = out[i - 1];
		out[i] = t;
	}
	return n;
}

/* The body of every case thread: run the case, then report to the runner. */
static void case_main(void *arg)
{
	const struct suite_test *t = arg;

	t->fn();
	l4_set_mr(0, l4_msgtag_make(SUITE_LABEL_DONE, 0, 0).raw);
	l4_send(suite_runner);
}

/* A message to the runner that is not a report: a page fault or an
 * exception of a thread of the case. Recorded; never answered. */
static void runner_unexpected(l4_threadid_t from, l4_msgtag_t tag)
{
	if (l4_is_pagefault_tag(tag))
		suite_fail("page fault at 0x%lx, ip 0x%lx, thread 0x%lx",
			   l4_mr(L4_PF_MR_ADDR), l4_mr(L4_PF_MR_IP), from.raw);
	else if (l4_is_exception_tag(tag))
		suite_fail("exception %lu at 0x%lx, thread 0x%lx",
			   l4_mr(L4_EXC_MR_NUMBER), l4_mr(L4_EXC_MR_RIP),
			   from.raw);
	else
		suite_fail("unexpected message 0x%lx from 0x%lx", tag.raw,
			   from.raw);
}

l4_word_t suite_as_runner(l4_word_t (*fn)(l4_word_t), l4_word_t arg)
{
	l4_set_mr(0, l4_msgtag_make(SUITE_LABEL_RUN, 2, 0).raw);
	l4_set_mr(1, (l4_word_t)fn);
	l4_set_mr(2, arg);
	if (l4_msgtag_is_error(l4_call(suite_runner))) {
		suite_fail("the runner did not run %p", (void *)fn);
		return 0;
	}
	return l4_mr(1);
}

/* Case thread @c asked for a function to be run here: run it and answer
 * with its result (send timeout zero: @c is waiting, or gave up). */
static void runner_run_for(l4_threadid_t c)
{
	l4_word_t (*fn)(l4_word_t) = (l4_word_t(*)(l4_word_t))l4_mr(1);
	l4_word_t result = fn(l4_mr(2));

	l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
	l4_set_mr(1, result);
	l4_ipc(c, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
}

/* Wait for case thread @c to report; false if it hung or died. */
static bool runner_wait(l4_threadid_t c)
{
	uint64_t end = l4_system_clock() + CASE_TIMEOUT_US;

	for (;;) {
		uint64_t now = l4_system_clock();
		l4_time_t left = l4_time_from_us(end > now ? end - now : 0);
		l4_threadid_t from;
		l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
					 l4_timeouts(L4_NEVER, left), &from);

		if (l4_msgtag_is_error(tag)) {
			if (l4_ipc_error_code(suite_error()) == L4_IPC_ETIMEOUT)
				return false;
			continue;
		}
		from = l4_global_id_of(from);
		if (from.raw == c.raw &&
		    l4_msgtag_has_label(tag, SUITE_LABEL_DONE))
			return true;
		if (from.raw == c.raw &&
		    l4_msgtag_has_label(tag, SUITE_LABEL_RUN)) {
			runner_run_for(c);
			continue;
		}
		runner_unexpected(from, tag);
		if (from.raw == c.raw)
			return true; /* the case thread is stuck for good */
	}
}

/* Run case @t in a fresh thread; true if it passed. */
static bool run_case(const struct suite_test *t)
{
	l4_word_t mark = suite_id_mark();
	l4_threadid_t c;

	case_failed = false;
	c = suite_thread_create();
	if (l4_is_nil_thread(c))
		suite_fail("cannot create the case thread: %s",
			   l4_error_name(suite_error()));
	else if (!suite_thread_run(c, case_main, (void *)t))
		suite_fail("cannot start the case thread");
	else if (!runner_wait(c))
		suite_fail("timeout");
	suite_threads_cleanup(mark);
	if (case_failed)
		l4_printf("TEST %s: FAIL (%s)\n", t->name, first_failure);
	else
		l4_printf("TEST %s: PASS\n", t->name);
	return !case_failed;
}

/* Run every case, print the summary, then block for good. */
int main(void)
{
	static const struct suite_test *tests[SUITE_MAX];
	unsigned n, passed = 0, failed = 0;

	suite_memory_init();
	suite_threads_init();
	n = tests_sorted(tests);
	if (__suite_tests_end - __suite_tests_start > SUITE_MAX) {
		l4_printf("TEST suite_runs_every_case: FAIL (more than %d)\n",
			  SUITE_MAX);
		failed++;
	}
	l4_printf("suite: running %u cases, thread 0x%lx\n", n,
		  suite_runner.raw);
	for (unsigned i = 0; i < n; i++) {
		if (run_case(tests[i]))
			passed++;
		else
			failed++;
	}
	l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
	l4_sleep_forever();
	return 0;
}
