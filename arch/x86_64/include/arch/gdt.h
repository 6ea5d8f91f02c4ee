/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Segment selectors. The order of the user segments is fixed by sysret:
 * STAR[63:48] = SEL_USER_CODE32, sysret loads SS = that + 8 and
 * CS = that + 16 (both with RPL 3).
 */
#ifndef ARCH_GDT_H
#define ARCH_GDT_H

#include <stdbool.h>
#include <stdint.h>

#define SEL_KERNEL_CODE 0x08
#define SEL_KERNEL_DATA 0x10
#define SEL_USER_CODE32 0x18 /* compatibility mode; only the sysret base */
#define SEL_USER_DATA 0x20
#define SEL_USER_CODE 0x28
#define SEL_TSS 0x30	 /* 16 bytes: 0x30 and 0x38 */
#define SEL_USER_GS 0x40 /* X.2 %gs (ABI.md section 2); base set by MSR */
#define RPL_USER 3

/* Interrupt stack table slots, for faults that must not trust RSP. */
#define IST_DOUBLE_FAULT 1
#define IST_NMI 2
#define IST_MACHINE_CHECK 3

struct tss;
extern struct tss gdt_tss;

void gdt_init(void);

/* Stack the CPU switches to on an interrupt or exception from user mode. */
void tss_set_kernel_stack(uint64_t rsp0);

#define IO_PORTS 65536

/* Load the I/O permission bitmap from two 4 KiB halves (bit set: port
 * denied); a NULL half denies all its ports. */
void tss_set_io_bitmap(const uint8_t *const half[2]);

/* Let the bitmap decide (on), or deny every port without it (off). */
void tss_enable_io_bitmap(bool on);

/* The I/O map base that means "no bitmap": sizeof(struct tss). */
#define TSS_NO_IOMAP 8297

#endif
