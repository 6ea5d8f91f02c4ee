/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Tasks: a new address space with its first thread, made with ThreadControl
 * and SpaceControl, paged by the root task and laid out as layout.h says;
 * and starting that thread with the start-up message.
 */
#ifndef ROOTTASK_TASK_H
#define ROOTTASK_TASK_H

#include <l4/thread.h>
#include <l4/types.h>

/*
 * A new space with one active thread, of a fresh thread id, whose pager
 * and scheduler is the root task; the thread waits for its start-up
 * message. Returns its id, or nil (and prints why).
 */
l4_threadid_t task_create(void);

/*
 * A new thread in the space of @task (a thread of it), with UTCB slot
 * @slot (1 or more: 0 is the first thread's) of the task's UTCB area,
 * paged by the root task and waiting for its start-up message. Nil (and
 * printed why) if none can be made.
 */
l4_threadid_t task_add_thread(l4_threadid_t task, unsigned slot);

/* Make @pager the pager of thread @t; false if ThreadControl refuses. */
bool task_set_pager(l4_threadid_t t, l4_threadid_t pager);

/* Start thread @t of task_create() or task_add_thread() at @ip with stack pointer @sp. False
 * (having printed why) if the start-up message could not be sent. */
bool task_start(l4_threadid_t t, l4_word_t ip, l4_word_t sp);

/* Delete thread @t (of task_create(): its space goes with the last). */
void task_delete(l4_threadid_t t);

#endif /* ROOTTASK_TASK_H */
