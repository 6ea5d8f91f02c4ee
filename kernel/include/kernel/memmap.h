/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A map of physical memory: who owns each range. Invariants (memmap_check):
 *
 *   r[0].start < r[0].end <= r[1].start < r[1].end <= ... (sorted, disjoint)
 *   r[i].end == r[i+1].start  implies  r[i].type != r[i+1].type (coalesced)
 *
 * so every map has exactly one representation. Addresses not covered are
 * not memory at all.
 */
#ifndef KERNEL_MEMMAP_H
#define KERNEL_MEMMAP_H

#include <stdbool.h>
#include <stdint.h>

#define MEMMAP_MAX 128

enum memmap_type {
	MEMMAP_FREE = 1,      /* conventional memory, for sigma0 */
	MEMMAP_RESERVED = 2,  /* firmware: not to be used */
	MEMMAP_ACPI = 3,      /* firmware tables, reclaimable */
	MEMMAP_NVS = 4,	      /* firmware, to be preserved */
	MEMMAP_KERNEL = 5,    /* kernel image and kernel pool */
	MEMMAP_BOOT = 6,      /* boot modules, where the loader put them */
	MEMMAP_LOWMEM = 7,    /* below 1 MiB: BIOS and legacy devices */
	MEMMAP_BOOT_INFO = 8, /* the loader's MBI, the boot information */
	MEMMAP_BOOT_EXEC = 9, /* sigma0's and the root task's loaded images */
};

struct memmap_range {
	uint64_t start, end; /* [start, end) */
	uint32_t type;
};

struct memmap {
	unsigned n;
	struct memmap_range r[MEMMAP_MAX];
};

/*
 * Give [start, end) the type @type, overriding what was there. Returns
 * false, leaving @m unchanged, if the map would need more than MEMMAP_MAX
 * ranges. An empty range changes nothing.
 */
bool memmap_set(struct memmap *m, uint64_t start, uint64_t end, uint32_t type);

/*
 * Find the highest @align-aligned block of @size bytes of type @from that
 * ends at or below @limit, give it type @to and store its start in *@out.
 * False if there is none (or the map is full); @m is then unchanged.
 */
bool memmap_alloc(struct memmap *m, uint64_t size, uint64_t align,
		  uint64_t limit, uint32_t from, uint32_t to, uint64_t *out);

/* The type at @addr, or 0 where the map says nothing. */
uint32_t memmap_type_at(const struct memmap *m, uint64_t addr);

/* Bytes of type @type. */
uint64_t memmap_total(const struct memmap *m, uint32_t type);

/* Assert the invariants above. */
void memmap_check(const struct memmap *m);

#endif
