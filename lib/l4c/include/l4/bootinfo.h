/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The X.2 generic boot information (ABI.md section 10), laid out as the
 * reference user library declares it and filled as its boot loader fills
 * it: a header and a chain of records that the boot loader -- here the
 * kernel, playing its part -- leaves for the root task. The KIP's BootInfo
 * field holds its address. All fields are words.
 */
#ifndef L4_BOOTINFO_H
#define L4_BOOTINFO_H

#include <l4/types.h>

/*
 *   bootinfo + 0x00  magic 0x14b0021d   (Pistachio user/include/l4/
 *            + 0x08  version 1           bootinfo.h: L4_BOOTINFO_MAGIC,
 *            + 0x10  size (bytes)        L4_BOOTINFO_VERSION, record
 *            + 0x18  first_entry         types and layouts)
 *            + 0x20  num_entries
 *            + 0x28  reserved (3 words)
 *
 *   record   + 0x00  type
 *            + 0x08  version (1 for the records below)
 *            + 0x10  offset_next
 *            + 0x18  type-specific words
 *
 * first_entry is the offset of the first record from the header;
 * offset_next the offset of the next record from this one. Every record's
 * offset_next is its own size, the last one's too, so it does not mark
 * the end: num_entries counts the records, and a reader walks that many.
 * size covers the header and every record. A command line lies behind
 * its record; cmdline_offset is relative to the record (0: none).
 *
 * The kernel writes, in this order: a SimpleExec record for sigma0 and one
 * for the root task (the programs it started), a Module record for every
 * other boot module in the boot loader's order, and a Multiboot record
 * pointing at a Multiboot-1 information block (<l4/mbi.h>).
 */
#define L4_BOOTINFO_MAGIC 0x14b0021dull
#define L4_BOOTINFO_VERSION 1
#define L4_BOOTREC_VERSION 1

#define L4_BOOTREC_MODULE 0x0001
#define L4_BOOTREC_SIMPLE_EXEC 0x0002
#define L4_BOOTREC_EFI 0x0101
#define L4_BOOTREC_MULTIBOOT 0x0102

struct l4_bootinfo {
	l4_word_t magic;
	l4_word_t version;
	l4_word_t size;
	l4_word_t first_entry;
	l4_word_t num_entries;
	l4_word_t reserved[3];
};

/* The part every record starts with. */
struct l4_bootrec {
	l4_word_t type;
	l4_word_t version;
	l4_word_t offset_next;
};

/* Type L4_BOOTREC_MODULE: a file the boot loader put in memory. */
struct l4_bootrec_module {
	struct l4_bootrec rec;
	l4_word_t start; /* physical address */
	l4_word_t size;	 /* bytes */
	l4_word_t cmdline_offset;
};

/*
 * Type L4_BOOTREC_SIMPLE_EXEC: a program the boot loader has loaded, in
 * three parts, each at a physical and a virtual address (equal here).
 * text: the read-only parts, data: the initialised writable bytes, bss:
 * the zero-filled rest; a part the program lacks is all 0. initial_ip is
 * its entry point; flags the ELF class of its file (2: ELF64); label 0,
 * for the root task to use.
 */
struct l4_bootrec_exec {
	struct l4_bootrec rec;
	l4_word_t text_pstart, text_vstart, text_size;
	l4_word_t data_pstart, data_vstart, data_size;
	l4_word_t bss_pstart, bss_vstart, bss_size;
	l4_word_t initial_ip;
	l4_word_t flags;
	l4_word_t label;
	l4_word_t cmdline_offset;
};

/* Type L4_BOOTREC_MULTIBOOT: where the multiboot information is. */
struct l4_bootrec_multiboot {
	struct l4_bootrec rec;
	l4_word_t address;
};

/* True if @bi is a boot-info header of the version described here. */
static inline bool l4_bootinfo_is_valid(const struct l4_bootinfo *bi)
{
	return bi->magic == L4_BOOTINFO_MAGIC &&
	       bi->version == L4_BOOTINFO_VERSION;
}

/* First record of @bi. Valid if bi->num_entries > 0. */
static inline const struct l4_bootrec *
l4_bootinfo_first(const struct l4_bootinfo *bi)
{
	return (const struct l4_bootrec *)((uintptr_t)bi + bi->first_entry);
}

/* The record after @r. Valid if @r is not the last. */
static inline const struct l4_bootrec *
l4_bootrec_next(const struct l4_bootrec *r)
{
	return (const struct l4_bootrec *)((uintptr_t)r + r->offset_next);
}

/* Command line of module record @m, or NULL if it has none. */
static inline const char *
l4_bootrec_module_cmdline(const struct l4_bootrec_module *m)
{
	if (m->cmdline_offset == 0)
		return NULL;
	return (const char *)m + m->cmdline_offset;
}

/* Command line of SimpleExec record @e, or NULL if it has none. */
static inline const char *
l4_bootrec_exec_cmdline(const struct l4_bootrec_exec *e)
{
	if (e->cmdline_offset == 0)
		return NULL;
	return (const char *)e + e->cmdline_offset;
}

#endif /* L4_BOOTINFO_H */
