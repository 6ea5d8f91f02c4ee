/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The region mapper's protocol (pagers/rm, docs/hierarchy.md), and the two
 * root-task requests a task needs to get one.
 *
 * A task's region mapper is a thread of the task that is the pager of the
 * task's other threads. It keeps the task's regions: ranges of the address
 * space, each backed by a dataspace at some offset, with rights. A page
 * fault inside a region it resolves by asking the region's dataspace
 * manager (<l4/dataspace.h>) to map the page into the task; a fault outside
 * every region, or one the region's rights or its manager refuse, it hands
 * to the faulting thread's exception handler (the UTCB field), or, if there
 * is none or it does not take the message at once, it halts the thread and
 * says so on the console.
 *
 * Requests, from threads of the region mapper's own task only (anyone
 * else gets EINVAL); statuses as in <l4/names.h>:
 *
 *   attach  L4_RM_ATTACH, u = 6: MR1 the start address (with L4_RM_SEARCH:
 *           the lowest address to consider), MR2 the size, MR3 the
 *           dataspace manager, MR4 the dataspace, MR5 the offset into it,
 *           MR6 flags: bits 2:0 the rights (L4_FPAGE_R, _W, _X, not none),
 *           bit 3 L4_RM_SEARCH, bits 15:8 the alignment's log2 (with
 *           search; 0 means a page)
 *           -> OK with MR1 the start; EINVAL (size 0, anything unaligned,
 *           outside the task's range, bad rights or flags); EEXIST (it
 *           overlaps a region); EFULL (no free range fits, or the table is
 *           full)
 *   detach  L4_RM_DETACH, u = 1: MR1 an address inside the region
 *           -> OK with MR1 the region's start; ENOENT. Every page of the
 *           region is unmapped from the task.
 *   retry   L4_RM_RETRY, u = 1: MR1 a thread whose fault went to its
 *           exception handler -> OK (the fault was tried again: resolved,
 *           or the thread halted); ENOENT (no such fault pending)
 *   stats   L4_RM_STATS, u = 0 -> OK with MR1 the faults resolved, MR2
 *           those handed to a handler, MR3 the threads halted
 *
 * To the exception handler, sent with a zero timeout (the handler must be
 * waiting for it): label L4_RM_UNRESOLVED, u = 4: MR1 the faulting thread,
 * MR2 the address, MR3 its IP, MR4 the access (rwx). The thread stays
 * blocked until the handler sends retry.
 *
 * The root task (l4_root_id()) gives a task what its region mapper starts
 * with:
 *
 *   thread   L4_ROOT_THREAD, u = 3: MR1 the IP, MR2 the SP, MR3 its pager
 *            (nil: the root task) -> OK with MR1 a new thread of the
 *            sender's task, started at IP and SP; EFULL (no thread or UTCB
 *            slot left); EINVAL
 *   task     L4_ROOT_TASK, u = 1: MR1 a thread -> OK with MR1 the task's
 *            first thread (the one the loader started), which names the
 *            task; ENOENT (no thread of a program the root task started).
 *            Servers name their clients by it: all threads of a task are
 *            one client, so a region mapper may map what its task opened.
 *   watch    L4_ROOT_WATCH, u = 0 -> OK: the sender's program is sent
 *            L4_DS_SWEEP, with a zero timeout, after each kill (as every
 *            program that asked L4_ROOT_TASK is)
 *   regions  L4_ROOT_REGIONS, u = 0 -> OK with MR1 n and then n triples
 *            start, size, rights: the task's image and stack, page-
 *            aligned. They are dataspace L4_ROOT_IMAGE_DS of the root task
 *            at offset = address: L4_DS_MAP of it with an offset inside a
 *            region and rights the region has maps that page.
 */
#ifndef L4_RM_H
#define L4_RM_H

#include <l4/dataspace.h>
#include <l4/names.h>

#define L4_RM_ATTACH 0x7601
#define L4_RM_DETACH 0x7602
#define L4_RM_RETRY 0x7603
#define L4_RM_STATS 0x7604
#define L4_RM_UNRESOLVED 0x7610

#define L4_RM_SEARCH (1u << 3)
#define L4_RM_ALIGN(log2) ((unsigned)(log2) << 8)

#define L4_ROOT_THREAD 0x7011
#define L4_ROOT_REGIONS 0x7012
#define L4_ROOT_TASK 0x7013
#define L4_ROOT_WATCH 0x7015
#define L4_ROOT_IMAGE_DS 0
#define L4_ROOT_REGIONS_MAX 16

/*
 * Attach @size bytes of dataspace @ds of @manager from @offset with
 * @flags (rights, L4_RM_SEARCH, L4_RM_ALIGN) at *@addr of the task whose
 * region mapper is @rm; the start in *@addr. A status.
 */
int l4_rm_attach(l4_threadid_t rm, l4_word_t *addr, l4_word_t size,
		 l4_threadid_t manager, l4_word_t ds, l4_word_t offset,
		 unsigned flags);

/* Detach the region holding @addr; its start in *@start if not NULL. */
int l4_rm_detach(l4_threadid_t rm, l4_word_t addr, l4_word_t *start);

/* Try again the fault of @thread that went to its exception handler. */
int l4_rm_retry(l4_threadid_t rm, l4_threadid_t thread);

/* Ask the root task for a new thread of this task at @ip and @sp, paged
 * by @pager (nil: the root task); its id in *@t. A status. */
int l4_root_thread(l4_word_t ip, l4_word_t sp, l4_threadid_t pager,
		   l4_threadid_t *t);

/* The task of @thread (its first thread), asking the root task; nil if
 * the root task knows no such thread. Remembers the last few answers; the
 * MRs are as they were afterwards (a server asks mid-request). */
l4_threadid_t l4_task_of(l4_threadid_t thread);

#endif
