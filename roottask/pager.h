/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The pager of the loaded programs: it answers each page fault inside a
 * program's regions with a page of its own, filled from the program's file
 * or with zeros, mapped with the region's rights. A fault outside every
 * region, or an access the region does not allow, is reported and left
 * unanswered: the faulting thread stays blocked.
 */
#ifndef ROOTTASK_PAGER_H
#define ROOTTASK_PAGER_H

/* Serve the programs' page faults, for ever. */
_Noreturn void pager_serve(void);

#endif /* ROOTTASK_PAGER_H */
