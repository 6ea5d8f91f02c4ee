/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The X.2 generic boot information (ABI.md section 10): a header and a
 * chain of records that the boot loader -- here the kernel, playing its
 * part -- leaves for the root task: one record per boot module, and one
 * pointing at the multiboot information. The KIP's BootInfo field holds its
 * address. All fields are words.
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
 * offset_next the offset of the next record from this one. A module
 * record's cmdline_offset is relative to the record (0: no command line).
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

#endif /* L4_BOOTINFO_H */
