/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Physical memory at boot: from the firmware's map to who owns what. The
 * kernel keeps its image and its pool; the boot modules and the boot
 * information stay where the loader put them; the rest is sigma0's.
 */
#ifndef KERNEL_MEMORY_H
#define KERNEL_MEMORY_H

#include <kernel/boot.h>
#include <kernel/memmap.h>

/* The map after memory_init(): what the KIP's memory descriptors describe. */
extern struct memmap phys_map;

/*
 * Build phys_map from @bi, reserve the kernel image, the boot data and the
 * kernel pool (size from the "kmem=" option), and start kernel_pool. Prints
 * the firmware map and the result. Panics with a clear message if memory is
 * too small or the map is unusable.
 */
void memory_init(const struct boot_info *bi);

/* One past the highest byte of RAM (any type but reserved). */
uint64_t memory_top(void);

#endif
