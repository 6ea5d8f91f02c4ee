/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sigma0's physical memory: what the KIP's memory descriptors say of each
 * address, and which thread owns which range. A range goes to its first
 * requester only, and again to the same one as often as asked; nothing is
 * ever given back. What a request may take depends on its kind:
 *
 *   kind                 every page of it must be (by the KIP)
 *   page fault           conventional, boot loader or shared
 *   request by address   anything but reserved or undefined (types 0 and
 *                        5 to 13): conventional, dedicated, shared, boot
 *                        loader, architecture-specific, or described by
 *                        no descriptor at all (devices)
 *   request for "any"    conventional
 *
 * and below the physical limit: the CPU's MAXPHYADDR, and 2^46, beyond
 * which the kernel maps nothing to sigma0. A request is for 2^s bytes,
 * from the smallest to the largest page size of the KIP's PageInfo (4 KiB
 * to 1 GiB, or to 2 MiB without 1 GiB pages). sigma0's own image is
 * sigma0's from the start, so nobody else gets it. Shared memory is
 * everyone's: a range of only shared memory is given to every requester
 * and owned by none.
 */
#ifndef SIGMA0_MEMORY_H
#define SIGMA0_MEMORY_H

#include <l4/fpage.h>
#include <l4/types.h>

/* Read the KIP's memory descriptors and the physical limit; make sigma0
 * (@self) the owner of its own image. Once, first. */
void mem_init(l4_word_t self);

/* The number of physical memory descriptors read. */
unsigned mem_regions(void);

/*
 * Each gives memory to thread @who and returns the flexpage it gave
 * (base = physical address, rights rwx), or the nil flexpage, changing
 * nothing, if @who may not have it.
 */
/* The page of a page fault at @addr. */
l4_fpage_t mem_take_fault(l4_word_t addr, l4_word_t who);
/* [@base, @base + 2^@log2), @base aligned: a request by address. */
l4_fpage_t mem_take(l4_word_t base, unsigned log2, l4_word_t who);
/* Any free block of 2^@log2 bytes of conventional memory. */
l4_fpage_t mem_take_any(unsigned log2, l4_word_t who);

/* Print every range below the physical limit, in address order: its type
 * and whether it is free, never given, or whose it is. */
void mem_dump(void);

#endif /* SIGMA0_MEMORY_H */
