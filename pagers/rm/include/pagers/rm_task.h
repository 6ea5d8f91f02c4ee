/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A task's region mapper (<l4/rm.h>, docs/hierarchy.md): one thread of the
 * task that is the pager of its other threads. A program gets one by
 * calling rm_start() first thing in main(); from then on the calling
 * thread's faults go to the region mapper, which resolves them from the
 * program's image and stack (the root task's dataspace L4_ROOT_IMAGE_DS)
 * and from whatever the program attaches with l4_rm_attach().
 */
#ifndef PAGERS_RM_TASK_H
#define PAGERS_RM_TASK_H

#include <l4/thread.h>

/* Start this task's region mapper (once: later calls give the same one)
 * and make it the caller's pager. Its id, or nil (having printed why). */
l4_threadid_t rm_start(void);

/* The region mapper rm_start() started, or nil. */
l4_threadid_t rm_id(void);

#endif
