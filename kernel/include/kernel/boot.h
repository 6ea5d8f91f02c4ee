/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the boot loader told the kernel, in the loader's words: the firmware
 * memory map, the boot modules with their command lines, and the kernel's
 * command line. The architecture fills it (arch/x86_64/multiboot2.c) before
 * kernel_main(); afterwards nothing of the loader's own data is read.
 */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include <stdint.h>

#define BOOT_MAX_REGIONS 64
#define BOOT_MAX_MODULES 32
#define BOOT_CMDLINE_MAX 256

/* Firmware memory types (those of the multiboot2 memory map). */
enum boot_mem_type {
	BOOT_MEM_AVAILABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI = 3,
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BAD = 5,
};

struct boot_region {
	uint64_t start, end; /* [start, end), physical */
	uint32_t type;	     /* enum boot_mem_type; others count as reserved */
};

struct boot_module {
	uint64_t start, end; /* [start, end), physical */
	char cmdline[BOOT_CMDLINE_MAX];
};

struct boot_info {
	char cmdline[BOOT_CMDLINE_MAX];
	char loader[64];
	uint64_t info_start, info_end; /* the loader's own data (MBI) */
	unsigned nregions;
	struct boot_region regions[BOOT_MAX_REGIONS];
	unsigned nmodules;
	struct boot_module modules[BOOT_MAX_MODULES];
};

/* The kernel proper; the architecture calls it once its boot is done. */
_Noreturn void kernel_main(struct boot_info *bi);

#endif
