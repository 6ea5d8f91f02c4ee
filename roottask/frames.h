/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Frames: the pages of memory the root task takes from sigma0 to give to
 * the programs it pages. Each frame is mapped into the root task's own
 * space in a slot of its own in [FRAMES_BASE, FRAMES_END) (layout.h), and
 * stays there: the root task fills it there and maps it on from there, and
 * replacing that mapping would revoke every mapping derived from it.
 */
#ifndef ROOTTASK_FRAMES_H
#define ROOTTASK_FRAMES_H

#include <l4/types.h>

/* A fresh 4 KiB frame from sigma0, at the returned address in the root
 * task's space; its contents are undefined. 0 if sigma0 has no more or
 * the slots are used up. */
l4_word_t frame_alloc(void);

/* Frames taken so far. */
unsigned long frames_taken(void);

#endif /* ROOTTASK_FRAMES_H */
