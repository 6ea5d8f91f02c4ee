/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Multiboot-1 information that the boot information's Multiboot
 * record (<l4/bootinfo.h>, type 0x102) points at: the structure of the
 * Multiboot Specification 0.6.96 up to its VBE fields, 32-bit words
 * throughout, as the reference boot loader (itself a 32-bit program on
 * amd64) copies it for the root task. The kernel builds it from what its
 * own multiboot2 loader told it. Every address in it is physical and
 * below 4 GiB.
 *
 *   +0   flags         which fields below are valid (L4_MBI_*)
 *   +4   mem_lower     KiB of memory from 0             (L4_MBI_MEM)
 *   +8   mem_upper     KiB of memory from 1 MiB on      (L4_MBI_MEM)
 *   +12  boot_device
 *   +16  cmdline       address of a NUL-terminated line (L4_MBI_CMDLINE)
 *   +20  mods_count    modules                          (L4_MBI_MODS)
 *   +24  mods_addr     address of the module list       (L4_MBI_MODS)
 *   +28  syms[4]
 *   +44  mmap_length   bytes of memory map              (L4_MBI_MMAP)
 *   +48  mmap_addr     address of the memory map        (L4_MBI_MMAP)
 *   +52  drives_length, drives_addr, config_table
 *   +64  boot_loader_name  address of a string          (L4_MBI_LOADER)
 *   +68  apm_table, vbe[4]                              88 bytes in all
 *
 * As the reference loader fills it: module 0 is the kernel, 1 sigma0,
 * 2 the root task, then the other boot modules; for sigma0 and the root
 * task, start and end enclose the loaded image and reserved holds the
 * entry point. cmdline is the root task's command line.
 */
#ifndef L4_MBI_H
#define L4_MBI_H

#include <l4/types.h>

#define L4_MBI_MEM (1u << 0)
#define L4_MBI_CMDLINE (1u << 2)
#define L4_MBI_MODS (1u << 3)
#define L4_MBI_MMAP (1u << 6)
#define L4_MBI_LOADER (1u << 9)

struct l4_mbi {
	uint32_t flags;
	uint32_t mem_lower, mem_upper;
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count, mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length, mmap_addr;
	uint32_t drives_length, drives_addr;
	uint32_t config_table;
	uint32_t boot_loader_name;
	uint32_t apm_table;
	uint32_t vbe[4];
};

/* One module: [start, end), its command line, and a word of padding. */
struct l4_mbi_module {
	uint32_t start, end;
	uint32_t cmdline;
	uint32_t reserved;
};

/*
 * One memory-map entry, 24 bytes: size is that of the rest (20), so the
 * next entry lies size + 4 bytes on; base and length are 64-bit values at
 * offsets 4 and 12, here split into halves to keep 4-byte alignment.
 * type: 1 available, 2 reserved, 3 ACPI, 4 ACPI NVS, 5 bad.
 */
struct l4_mbi_mmap {
	uint32_t size;
	uint32_t base_lo, base_hi;
	uint32_t length_lo, length_hi;
	uint32_t type;
};

#define L4_MBI_MMAP_SIZE 20u /* the size field of every entry */

static inline uint64_t l4_mbi_mmap_base(const struct l4_mbi_mmap *e)
{
	return (uint64_t)e->base_hi << 32 | e->base_lo;
}

static inline uint64_t l4_mbi_mmap_length(const struct l4_mbi_mmap *e)
{
	return (uint64_t)e->length_hi << 32 | e->length_lo;
}

#endif /* L4_MBI_H */
