/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where things are: the root task's own address space, and the layout the
 * loader gives every program it starts.
 *
 * The root task (the kernel places its KIP and UTCB area):
 *
 *   0x0000_0000_0000  physical memory, identity-mapped by sigma0 on touch:
 *                     the root task's image (0x0240_0000), the boot
 *                     information, the boot modules
 *   0x0000_4000_0000  the demonstration's page from sigma0 (DEMO_PAGE)
 *   0x1000_0000_0000  FRAMES: the pages sigma0 gives for the programs,
 *   0x2000_0000_0000  one 4 KiB slot each, never reused
 *   0x7fff_ffe0_0000  UTCB area (1 MiB)
 *   0x7fff_ffff_0000  KIP
 *
 * A loaded program:
 *
 *   0x0000_0000_1000  its ELF segments, anywhere from here ...
 *   PROG_STACK_BASE   ... to here; then its stack (zero-filled pages)
 *   PROG_UTCB_AREA    = the stack's top: UTCB area (1 MiB)
 *   PROG_KIP_AREA     KIP
 *
 * The page at 0 stays unmapped in every program, so that a null pointer
 * faults.
 */
#ifndef ROOTTASK_LAYOUT_H
#define ROOTTASK_LAYOUT_H

#define PAGE_SIZE 4096ul
#define PAGE_LOG2 12

#define DEMO_PAGE 0x40000000ul

#define FRAMES_BASE 0x100000000000ul
#define FRAMES_END 0x200000000000ul

#define PROG_LOW 0x1000ul
#define PROG_KIP_AREA 0x7fffffff0000ul
#define PROG_UTCB_AREA 0x7fffffe00000ul
#define PROG_UTCB_AREA_LOG2 20
#define PROG_UTCB_SLOTS 16	  /* threads a program may have */
#define PROG_STACK_SIZE 0x40000ul /* 256 KiB */
#define PROG_STACK_TOP PROG_UTCB_AREA
#define PROG_STACK_BASE (PROG_STACK_TOP - PROG_STACK_SIZE)

#endif /* ROOTTASK_LAYOUT_H */
