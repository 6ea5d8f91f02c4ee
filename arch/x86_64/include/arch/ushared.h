/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The user-shared pages: two pages in the kernel half that every address
 * space sees at the same place, user-accessible:
 *
 *   USER_STUBS_VA  R-X  the system-call stubs whose addresses the KIP gives
 *   USER_GS_VA     R--  the word that user %gs:0 reads: the current UTCB
 *
 * The kernel writes the UTCB word through its own alias on every thread
 * switch; user GS base (MSR_KERNEL_GS_BASE while in the kernel) always
 * points at it.
 */
#ifndef ARCH_USHARED_H
#define ARCH_USHARED_H

#define USER_SHARED_PML4_SLOT 510
#define USER_STUBS_VA 0xffffff0000000000
#define USER_GS_VA 0xffffff0000001000

/* Each stub is a 32-byte slot; the kernel tells system calls apart by the
 * return address syscall leaves in RCX (docs/abi.md). */
#define STUB_SLOT 32
#define STUB_IPC 0
#define STUB_LIPC 1
#define STUB_THREAD_CONTROL 2
#define STUB_SPACE_CONTROL 3
#define STUB_SCHEDULE 4
#define STUB_EXCHANGE_REGISTERS 5
#define STUB_THREAD_SWITCH 6
#define STUB_SYSTEM_CLOCK 7
#define STUB_UNMAP 8
#define STUB_PROCESSOR_CONTROL 9
#define STUB_MEMORY_CONTROL 10
#define STUB_NULL 11 /* ArchSyscall0: the null system call (benchmarks) */
#define STUB_COUNT 12

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Map the two pages into the kernel's tables (hence into every space). */
extern uint64_t ushared_gs_page[512];

void ushared_init(void);

/* User address of stub @n; the KIP's system-call fields hold these. */
static inline uint64_t ushared_stub(unsigned n)
{
	return USER_STUBS_VA + (uint64_t)n * STUB_SLOT;
}
#endif

#endif
