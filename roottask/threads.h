/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The threads a program asks for (<l4/rm.h>: L4_ROOT_THREAD), beyond the
 * one the loader started: made in the program's space, paged by the root
 * task (or by the pager the request names, from its first instruction),
 * and remembered so that the root task knows whose they are.
 */
#ifndef ROOTTASK_THREADS_H
#define ROOTTASK_THREADS_H

#include <l4/msgtag.h>
#include <l4/thread.h>

#include "program.h"

#define THREADS_MAX 64 /* extra threads, all programs together */

/* The program of extra thread @t, or NULL. */
struct program *threads_program(l4_threadid_t t);

/* Answer L4_ROOT_THREAD from @p's thread: the reply goes into the MRs. */
void threads_create(struct program *p, l4_msgtag_t tag);

/* Delete every extra thread of @p (before its first thread, with which
 * the space goes) and forget them. */
void threads_kill(const struct program *p);

/* Answer L4_ROOT_TASK from @asker, who is remembered as a watcher: the
 * reply goes into the MRs. */
void threads_task(struct program *asker, l4_msgtag_t tag);

/* Answer L4_ROOT_WATCH from @asker, who becomes a watcher. */
void threads_watch(struct program *asker, l4_msgtag_t tag);

/* Tell every watcher alive that a task died: L4_DS_SWEEP, sent with a zero
 * timeout (dropped where the watcher is not waiting; it sweeps by itself
 * when its tables fill up). */
void threads_tell_watchers(void);

#endif /* ROOTTASK_THREADS_H */
