/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ELF64 file and program headers (System V ABI, "ELF Header" and
 * "Program Header"), as the root task's loader and the tests read them.
 */
#ifndef L4_ELF64_H
#define L4_ELF64_H

#include <stdint.h>

struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

#endif
