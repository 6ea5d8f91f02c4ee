/* SPDX-License-Identifier: BSD-2-Clause */
/* Reading the multiboot2 boot information (MBI) that GRUB2 hands over. */
#ifndef ARCH_MULTIBOOT2_H
#define ARCH_MULTIBOOT2_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/boot.h>

#define MB2_BOOT_MAGIC 0x36d76289u

/*
 * Parse the MBI at @mbi (@avail readable bytes, at physical @mbi_phys) into
 * @bi. Returns NULL on success, else a sentence saying what is wrong; @bi is
 * then incomplete. Trusts nothing in the MBI: every size is checked against
 * its container before it is used.
 */
const char *mb2_parse(const void *mbi, size_t avail, uint64_t mbi_phys,
		      struct boot_info *bi);

#endif
