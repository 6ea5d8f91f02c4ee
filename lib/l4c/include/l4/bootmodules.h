/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot modules and programs, as the generic boot information lists
 * them (<l4/bootinfo.h>): finding the boot information through the KIP
 * and walking its records, with every offset checked against the block's
 * size and the records counted by the header's num_entries. The boot information and the modules lie at physical
 * addresses; the root task reaches them at the same virtual addresses,
 * since sigma0 answers its page faults there with identity mappings.
 */
#ifndef L4_BOOTMODULES_H
#define L4_BOOTMODULES_H

#include <l4/bootinfo.h>
#include <l4/types.h>

/*
 * The boot information the KIP at @kip points at, or NULL if there is none
 * or it is not of the version <l4/bootinfo.h> describes.
 */
const struct l4_bootinfo *l4_bootinfo_get(const void *kip);

/*
 * Module records: the boot modules the root task may use (sigma0 and the
 * root task are SimpleExec records). Their number in @bi, and record @n
 * (from 0, in the order of the records, which is the boot loader's order
 * of the modules), or NULL if there are not that many, or the chain of
 * records leaves the block.
 */
unsigned l4_bootinfo_num_modules(const struct l4_bootinfo *bi);
const struct l4_bootrec_module *l4_bootinfo_module(const struct l4_bootinfo *bi,
						   unsigned n);

/* SimpleExec records (0: sigma0, 1: the root task), the same way. */
unsigned l4_bootinfo_num_execs(const struct l4_bootinfo *bi);
const struct l4_bootrec_exec *l4_bootinfo_exec(const struct l4_bootinfo *bi,
					       unsigned n);

/* The Multiboot record (<l4/mbi.h> at its address), or NULL. */
const struct l4_bootrec_multiboot *
l4_bootinfo_multiboot(const struct l4_bootinfo *bi);

/*
 * Copy the first word (up to the first blank) of module @m's command line
 * into @buf of @size bytes (size >= 1), cut to fit and NUL-terminated: the
 * module's name. An empty string if it has no command line. Returns the
 * length copied.
 */
size_t l4_bootrec_module_name(const struct l4_bootrec_module *m, char *buf,
			      size_t size);

/* The same for SimpleExec record @e: the program's name. */
size_t l4_bootrec_exec_name(const struct l4_bootrec_exec *e, char *buf,
			    size_t size);

#endif /* L4_BOOTMODULES_H */
