/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel-debugger calls of user programs (ABI.md section 9): int3
 * followed by "cmpb $op, %al" (print a character, a string, read one) or by
 * a short jmp over "mov $message, %rax" (KDB_Enter: print and continue).
 */
#ifndef KERNEL_KDEBUG_H
#define KERNEL_KDEBUG_H

#include <stdbool.h>
#include <stdint.h>

/*
 * The current thread executed int3; @next holds the bytes after it (@n of
 * them could be read). Perform the call; *@rax is the thread's RAX, in and
 * out. False if the bytes are no kernel-debugger call.
 */
bool kdebug_call(const uint8_t *next, unsigned n, uint64_t *rax);

#endif
