/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The loader: every boot module that the boot information lists as a
 * module record (sigma0 and the root task, which the kernel started, have
 * SimpleExec records) and that is an ELF64 executable becomes a program in
 * an address space of its own, named by the first word of its command
 * line, paged by the root task (pager.h).
 */
#ifndef ROOTTASK_LOADER_H
#define ROOTTASK_LOADER_H

/* List the boot modules and start the programs among them. */
void loader_start_modules(void);

#endif /* ROOTTASK_LOADER_H */
