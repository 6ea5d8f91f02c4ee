/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel interface page (ABI.md section 3): one page, built once at
 * boot, mapped read-only into every space at its KIP area. Layout of the
 * page beyond the fixed fields:
 *
 *   0x000 - 0x2ff   fixed fields (l4/kip.h)
 *   0x300 - 0x3bf   kernel descriptor, version and feature strings
 *   0x3c0 - 0x3df   processor descriptor (four words)
 *   0x400 - 0xfff   memory descriptors (up to 192)
 */
#ifndef KERNEL_KIP_H
#define KERNEL_KIP_H

#include <stdint.h>

#include <kernel/boot.h>

#define KIP_SIZE_LOG2 12
#define KIP_UTCB_AREA_MIN_LOG2 12
/* The kernel id (KernelInterface RSI, kernel descriptor word 0): id in
 * bits 31:24, subid in 23:16 (l4/kip.h). Ours: 0x0c, 1. */
#define KIP_KERNEL_ID ((0x0cul << 24) | (0x01ul << 16))
#define USER_LIMIT 0x0000800000000000ul /* first address above user space */

/* Fill the KIP from the memory map (memory_init() done). */
void kip_init(void);

/* Physical address of the KIP page. */
uint64_t kip_phys(void);

/* Kernel virtual address of the KIP page. */
void *kip_page(void);

/* Record a root server (0 sigma0, 1 sigma1, 2 root task). */
void kip_set_server(unsigned which, uint64_t ip, uint64_t sp, uint64_t low,
		    uint64_t high);

/* Point BootInfo at the generic boot information at @pa. */
void kip_set_boot_info(uint64_t pa);

/* Rewrite the memory descriptors from phys_map, then one of type reserved
 * for each device the kernel drives (arch_phys_device()). */
void kip_sync_memory(void);

/* Add a memory descriptor [low, high] (inclusive) of @type. */
void kip_add_memory(uint64_t low, uint64_t high, unsigned type,
		    unsigned subtype);

#endif
