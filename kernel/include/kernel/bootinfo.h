/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Writing the X.2 generic boot information (<l4/bootinfo.h>) for the root
 * task, as the reference boot loader writes it: a SimpleExec record for
 * each program the kernel started (modules 0 and 1, sigma0 and the root
 * task), a Module record for every other boot module, in the boot
 * loader's order, and a Multiboot record. Pure: it writes into a buffer
 * and reads nothing but its arguments.
 */
#ifndef KERNEL_BOOTINFO_H
#define KERNEL_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>

#include <kernel/boot.h>
#include <kernel/elf.h>

/* Modules 0 and 1 are the programs the kernel starts. */
#define BOOTINFO_EXECS 2

/* Bytes the boot information for @bi takes, its Multiboot record
 * included. */
size_t bootinfo_size(const struct boot_info *bi);

/*
 * Write the boot information for @bi at @buf: SimpleExec records for
 * modules 0 and 1, with the parts of the images @exec[0] and @exec[1]
 * loaded from them (physical = virtual), Module records for the rest,
 * then a Multiboot record holding @mbi unless @mbi is 0. Returns the
 * bytes written. The caller guarantees bi->nmodules >= BOOTINFO_EXECS and
 * that @buf is 8-byte aligned, zeroed and bootinfo_size(bi) bytes long.
 */
size_t bootinfo_write(void *buf, const struct boot_info *bi,
		      const struct elf_image exec[BOOTINFO_EXECS],
		      uint64_t mbi);

#endif
