// SPDX-License-Identifier: BSD-2-Clause
/* The host-test runner; see check.h. */
#include <stdio.h>

#include "check.h"

static int passed, failed;
static bool case_ok;

/* Line-buffer stdout, so that a sanitizer report at exit cannot swallow
 * the PASS and FAIL lines when the output is a pipe (as under CTest). */
__attribute__((constructor)) static void check_line_buffered(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
}

bool check_at(bool ok, const char *expr, const char *file, int line)
{
	if (!ok && case_ok) {
		printf("  %s:%d: CHECK(%s) failed\n", file, line, expr);
		case_ok = false;
	}
	return ok;
}

void check_run(void (*fn)(void), const char *name)
{
	case_ok = true;
	fn();
	printf("%s %s\n", case_ok ? "PASS" : "FAIL", name);
	if (case_ok)
		passed++;
	else
		failed++;
}

int check_done(void)
{
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
