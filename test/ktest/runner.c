// SPDX-License-Identifier: BSD-2-Clause
/* Runs the in-kernel test cases; see kernel/include/kernel/ktest.h. */
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/string.h>

#include "ktest.h"

extern const struct ktest _ktest_start[], _ktest_end[];

static const struct boot_info *boot_info;
static bool case_failed;
static char first_failure[160];

void ktest_expect(bool ok, const char *expr, const char *file, int line)
{
	if (ok)
		return;
	if (!case_failed)
		ksnprintf(first_failure, sizeof(first_failure), "%s:%d: %s",
			  file, line, expr);
	case_failed = true;
}

const struct boot_info *ktest_boot_info(void)
{
	return boot_info;
}

#define KTEST_MAX 512

static bool ktest_before(const struct ktest *a, const struct ktest *b)
{
	int c = strcmp(a->file, b->file);

	return c < 0 || (c == 0 && a->line < b->line);
}

/* The cases in the order they are written: the linker keeps no order. */
static unsigned ktest_sorted(const struct ktest **out)
{
	unsigned n = 0;

	for (const struct ktest *t = _ktest_start; t < _ktest_end; t++) {
		unsigned i = n++;

		if (n > KTEST_MAX)
			panic("ktest: more than %d cases", KTEST_MAX);
		for (; i > 0 && ktest_before(t, out[i - 1]); i--)
			out[i] = out[i - 1];
		out[i] = t;
	}
	return n;
}

bool ktest_run(const struct boot_info *bi)
{
	static const struct ktest *cases[KTEST_MAX];
	char inject[32] = "";
	unsigned passed = 0, failed = 0, n = ktest_sorted(cases);

	boot_info = bi;
	cmdline_get(bi->cmdline, "ktest.inject", inject, sizeof(inject));
	kprintf("ktest: running %u in-kernel test cases\n", n);
	for (unsigned i = 0; i < n; i++) {
		const struct ktest *t = cases[i];

		if (t->inject && strcmp(t->inject, inject))
			continue;
		case_failed = false;
		t->fn();
		if (case_failed) {
			kprintf("TEST %s: FAIL (%s)\n", t->name, first_failure);
			failed++;
		} else {
			kprintf("TEST %s: PASS\n", t->name);
			passed++;
		}
	}
	kprintf("SUMMARY: %u passed, %u failed\n", passed, failed);
	return failed == 0;
}
