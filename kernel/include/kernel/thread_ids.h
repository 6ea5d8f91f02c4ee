/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * How this kernel divides thread numbers (reported in the KIP's ThreadInfo):
 *
 *   0 .. SYSTEM_BASE - 1          interrupts: thread number = line
 *   SYSTEM_BASE .. USER_BASE - 1  kernel threads
 *   USER_BASE                     sigma0
 *   USER_BASE + 1                 sigma1 (not started)
 *   USER_BASE + 2                 the root task
 *   ... THREAD_MAX - 1            threads user level creates
 */
#ifndef KERNEL_THREAD_IDS_H
#define KERNEL_THREAD_IDS_H

#define SYSTEM_BASE 256
#define USER_BASE 288
#define SIGMA0_NUMBER (USER_BASE)
#define ROOTTASK_NUMBER (USER_BASE + 2)
#define BOOT_VERSION 1

#endif
