/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The memory server's clients: the threads that have asked it for
 * something that counts, each with its quota (asked of the root task the
 * first time the thread is seen) and the pages charged to it. A client
 * whose thread no longer exists is found by a probe, a send with a zero
 * timeout, which fails with "no partner" for a deleted thread; its
 * dataspaces are then closed and its record freed.
 */
#ifndef MEMORY_CLIENTS_H
#define MEMORY_CLIENTS_H

#include <l4/thread.h>
#include <l4/types.h>

#define CLIENTS_MAX 16

struct client {
	l4_threadid_t who; /* nil: a free record */
	l4_word_t quota;   /* pages */
	l4_word_t charged; /* pages: never above quota by a charge */
};

/* The record of @who, made (asking the root task for the quota) if there
 * is none; NULL if the table is full even after a sweep. */
struct client *clients_get(l4_threadid_t who);

/* The record of @who, or NULL if it has none. */
struct client *clients_find(l4_threadid_t who);

/* Charge @pages to @c; false (nothing charged) if that passes its quota. */
bool clients_charge(struct client *c, l4_word_t pages);

/* Give @pages back to @c. */
void clients_refund(struct client *c, l4_word_t pages);

/*
 * Probe every client but @current (the thread being served, which waits
 * for its reply and would take the probe for it); close the dataspaces of
 * those that are gone and free their records. Returns how many were gone.
 * Overwrites the MRs.
 */
unsigned clients_sweep(l4_threadid_t current);

#endif /* MEMORY_CLIENTS_H */
