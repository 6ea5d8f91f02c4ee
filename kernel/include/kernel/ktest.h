/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-kernel self-tests (test/ktest/), run instead of the normal job when the
 * command line says "ktest". Each case prints one line,
 *
 *   TEST <name>: PASS            or   TEST <name>: FAIL (<why>)
 *
 * and the run ends with "SUMMARY: <n> passed, <m> failed", which the
 * boot-test harness (scripts/boot-test) checks.
 */
#ifndef KERNEL_KTEST_H
#define KERNEL_KTEST_H

#include <stdbool.h>

#include <kernel/boot.h>

/* Run every case; true if all passed. */
bool ktest_run(const struct boot_info *bi);

#endif
