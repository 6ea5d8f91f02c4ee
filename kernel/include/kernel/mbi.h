/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Multiboot-1 information (<l4/mbi.h>) that the boot information's
 * Multiboot record points at: what the reference boot loader hands a
 * root task there, rebuilt from what the kernel's multiboot2 loader said.
 * Pure apart from arch_kernel_image(): it writes into a buffer.
 *
 *   +0                      struct l4_mbi
 *   +88                     modules: the kernel, then bi->modules in order
 *   + 16 (nmodules + 1)     memory map: bi->regions in order
 *   + 24 nregions           strings: loader name, the kernel's command
 *                           line, each module's command line
 */
#ifndef KERNEL_MBI_H
#define KERNEL_MBI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/boot.h>
#include <kernel/bootinfo.h>
#include <kernel/elf.h>

/* Bytes the Multiboot-1 information for @bi takes. */
size_t mbi_size(const struct boot_info *bi);

/*
 * Write the Multiboot-1 information for @bi at @buf, which lies at
 * physical @pa: the memory map, the kernel image as module 0, modules 0
 * and 1 of @bi as the images @exec loaded from them (their extent and
 * entry point), the other modules where the loader put them. False if an
 * address does not fit in 32 bits; @buf then holds nothing of use. The
 * caller guarantees that @buf is 8-byte aligned, zeroed and mbi_size(bi)
 * bytes long, and bi->nmodules >= BOOTINFO_EXECS.
 */
bool mbi_write(void *buf, uint64_t pa, const struct boot_info *bi,
	       const struct elf_image exec[BOOTINFO_EXECS]);

#endif
