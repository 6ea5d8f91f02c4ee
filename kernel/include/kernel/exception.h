/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Exceptions of user threads become IPC to the thread's exception handler
 * (ABI.md 9): label -5 << 4, 19 untyped words (the registers and the
 * exception number). The reply's words are written back to the registers.
 * A thread without a handler is halted, and the kernel says so.
 */
#ifndef KERNEL_EXCEPTION_H
#define KERNEL_EXCEPTION_H

#include <stdint.h>

/* The current thread raised exception @vector. Returns when it may go on
 * (possibly with other registers); halts it if nobody handles it. */
void exception_raise(unsigned vector, uint64_t error);

#endif
