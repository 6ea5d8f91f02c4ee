/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Stopping the kernel when an invariant is broken. Every fatal message
 * starts with PANIC_MARKER, which the boot-test harness looks for.
 */
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <kernel/printf.h>

#define PANIC_MARKER "*** KERNEL PANIC: "

_Noreturn void panic(const char *fmt, ...) PRINTF_LIKE(1, 2);

#define assert(e)        \
	((e) ? (void)0 : \
	       panic("assertion failed: %s (%s:%d)", #e, __FILE__, __LINE__))

#endif
