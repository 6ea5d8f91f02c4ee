/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ELF64 executables: checking a statically linked x86-64 program held in
 * memory (sigma0, the root task, other boot modules) and describing what
 * to load where. Only the file header and the PT_LOAD program headers are
 * read; nothing in the image is trusted.
 *
 *   file                                  user address space
 *   +--------+                            0
 *   | ehdr   |-- e_phoff --+              :
 *   +--------+             |              +----------------+ vaddr
 *   | phdr[] | <-----------+              | offset..+filesz| copied
 *   +--------+                            | zero up to     |
 *   | bytes  |  [offset, offset + filesz) | memsz          |
 *   +--------+                            +----------------+ vaddr + memsz
 *                                         :
 *                                         ELF_USER_TOP
 *
 * Invariants of a parsed image (elf_check asserts one rule per line):
 *
 *   rule  holds for       statement
 *   N     the image       1 <= nsegs <= ELF_MAX_SEGMENTS
 *   Z     every segment   0 < memsz and filesz <= memsz
 *   I     every segment   offset + filesz <= size, without overflow
 *   U     every segment   vaddr + memsz <= ELF_USER_TOP, without overflow
 *   F     every segment   flags within ELF_PF_R | ELF_PF_W | ELF_PF_X
 *   O     seg[i], seg[i+1]  page_up(seg[i] end) <= page_down(seg[i+1].vaddr)
 *                         (sorted by address, no page shared)
 *   E     the entry       inside some segment that has ELF_PF_X
 *
 * Also checked by elf_parse but not recorded: where p_align >= 4 KiB,
 * vaddr and offset agree modulo 4 KiB, so the loader may map file pages.
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16
#define ELF_PAGE 4096ull

/* The top of the x86-64 user half (USER_TOP in arch/x86_64's paging.h). */
#define ELF_USER_TOP 0x0000800000000000ull

/* The file format: the fields that matter here (System V gABI). */
#define ELF_EI_CLASS 4
#define ELF_EI_DATA 5
#define ELF_EI_VERSION 6
#define ELF_CLASS64 2
#define ELF_DATA2LSB 1
#define ELF_EV_CURRENT 1
#define ELF_ET_EXEC 2
#define ELF_EM_X86_64 62

#define ELF_PT_LOAD 1
#define ELF_PT_DYNAMIC 2
#define ELF_PT_INTERP 3

#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u
#define ELF_PF_RWX 7u

/* The file header, at offset 0; 64 bytes, little endian. */
struct elf64_ehdr {
	uint8_t e_ident[16]; /* 0x7f 'E' 'L' 'F', class, data, version */
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

/* One program header, e_phnum of them at e_phoff; 56 bytes each. */
struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

_Static_assert(sizeof(struct elf64_ehdr) == 64, "ELF64 header layout");
_Static_assert(sizeof(struct elf64_phdr) == 56, "ELF64 phdr layout");

/* One loadable segment: file bytes [offset, offset + filesz) go to
 * [vaddr, vaddr + filesz); the rest up to vaddr + memsz is zero. */
struct elf_segment {
	uint64_t vaddr, memsz, offset, filesz;
	uint32_t flags; /* ELF_PF_R, ELF_PF_W, ELF_PF_X */
};

/* What elf_parse found: the segments sorted by vaddr. */
struct elf_image {
	uint64_t entry;
	unsigned nsegs;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

/*
 * Check the @size bytes at @img as a statically linked x86-64 ELF64
 * executable and describe it in *@out. Returns NULL on success, else a
 * sentence saying what is wrong; *@out is then unchanged. @img needs no
 * alignment. Cannot crash on any input.
 */
const char *elf_parse(const void *img, size_t size, struct elf_image *out);

/* Assert the invariants above for an image of @size bytes. */
void elf_check(const struct elf_image *e, size_t size);

#endif
