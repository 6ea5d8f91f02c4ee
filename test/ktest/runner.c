// SPDX-License-Identifier: BSD-2-Clause
/* Runs the in-kernel test cases; see kernel/include/kernel/ktest.h. */
#include <kernel/cmdline.h>
#include <kernel/ktest.h>
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

bool ktest_run(const struct boot_info *bi)
{
	char inject[32] = "";
	unsigned passed = 0, failed = 0;

	boot_info = bi;
	cmdline_get(bi->cmdline, "ktest.inject", inject, sizeof(inject));
	kprintf("ktest: running the in-kernel test cases\n");
	for (const struct ktest *t = _ktest_start; t < _ktest_end; t++) {
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
