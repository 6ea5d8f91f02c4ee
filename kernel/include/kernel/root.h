/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Starting sigma0 and the root task (ABI.md section 10): the kernel plays
 * the X.2 boot loader. Boot modules 0 and 1 are their ELF images; each
 * PT_LOAD segment is copied to the physical address equal to its virtual
 * address, and the X.2 generic boot information (bootinfo.h, mbi.h)
 * describes both programs and every other module.
 */
#ifndef KERNEL_ROOT_H
#define KERNEL_ROOT_H

#include <stdbool.h>

#include <kernel/boot.h>

/*
 * Load and start the root servers. False, changing nothing, if the first
 * two modules are not both ELF images (the kernel then runs its boot
 * demonstration); panics with a message if they are but cannot be placed.
 */
bool root_start(const struct boot_info *bi);

#endif
