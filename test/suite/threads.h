/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Threads of the test suite. Thread numbers are handed out once each,
 * version 1, from just above the root task; threads in the suite's own
 * space get a UTCB slot of the root task's UTCB area and a stack from a
 * pool. Every thread a case makes is known here, so the runner deletes all
 * of them after the case, whatever state the case left them in.
 *
 * Own-space threads have the runner as pager and exception handler: a
 * stray page fault or exception ends up in the case's report instead of
 * hanging the suite.
 */
#ifndef SUITE_THREADS_H
#define SUITE_THREADS_H

#include <l4/abi.h>

struct suite_space;

#define SUITE_STACK_SIZE 16384
#define SUITE_STACKS 40
#define SUITE_THREADS 64
#define SUITE_MSG_WORDS 8

/* What the suite knows of one thread. */
struct suite_thread {
	l4_threadid_t id;	 /* nil: free entry */
	l4_word_t utcb_location; /* own space: its UTCB slot; else 0 */
	int stack;		 /* own space: stack index; else -1 */
	void (*fn)(void *);
	void *arg;
	struct suite_space *space; /* another space: the one it lives in */

	/* A message that suite_serve() took for someone else. */
	bool pending;
	l4_threadid_t pending_from;
	l4_word_t msg[SUITE_MSG_WORDS];
};

/* Find the suite's own place in the world: ids, UTCB area, KIP facts. */
void suite_threads_init(void);

/* A thread id never handed out before: version 1, the next free number. */
l4_threadid_t suite_id_alloc(void);

/* The number the next suite_id_alloc() will use (for the cleanup). */
l4_word_t suite_id_mark(void);

/* UtcbLocation of a free UTCB slot in the suite's space, 0 if none. */
l4_word_t suite_utcb_alloc(void);
void suite_utcb_free(l4_word_t location);

/* The suite's UTCB area: base and log2 size. */
l4_word_t suite_utcb_area_base(void);
unsigned suite_utcb_area_log2(void);

/* Register @id (made by the caller) so that the cleanup deletes it. */
struct suite_thread *suite_thread_add(l4_threadid_t id);
struct suite_thread *suite_thread_find(l4_threadid_t id);

/*
 * A new thread in the suite's space (ThreadControl), with the runner as
 * pager and the caller as scheduler. It is active but not started: it waits
 * for its start-up message. Nil if ThreadControl failed.
 */
l4_threadid_t suite_thread_create(void);
/* The same with @pager as its pager (it sends the start-up message). */
l4_threadid_t suite_thread_create_paged(l4_threadid_t pager);

/* Start @t (made by suite_thread_create) at @fn(@arg) on a fresh stack,
 * with ExchangeRegisters. False if that failed. */
bool suite_thread_run(l4_threadid_t t, void (*fn)(void *), void *arg);

/* suite_thread_create() and suite_thread_run(): nil if either failed. */
l4_threadid_t suite_thread_start(void (*fn)(void *), void *arg);

/* Local id (UTCB address) of own-space thread @t, nil if unknown. */
l4_threadid_t suite_thread_local(l4_threadid_t t);

/* Delete @t with ThreadControl and forget it. False if the kernel said no. */
bool suite_thread_delete(l4_threadid_t t);

/* Delete every thread numbered @mark or above, newest first. */
void suite_threads_cleanup(l4_word_t mark);

/* Block for @us microseconds (a receive from oneself that times out). */
void suite_sleep_us(uint64_t us);

/* Wait until *@flag is non-zero; false after @us microseconds. */
bool suite_wait_flag(volatile int *flag, uint64_t us);

/* The scheduling state of @t (Schedule changing nothing). */
l4_word_t suite_state(l4_threadid_t t);

/* Wait until @t is in scheduling state @state; false after @us. */
bool suite_wait_state(l4_threadid_t t, l4_word_t state, uint64_t us);

/* The ErrorCode word of the caller's UTCB. */
static inline l4_word_t suite_error(void)
{
	return l4_utcb()[L4_UTCB_ERROR_CODE];
}

#endif /* SUITE_THREADS_H */
