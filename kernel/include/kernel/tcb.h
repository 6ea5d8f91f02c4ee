/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread control blocks. A TCB comes from a slab of the kernel pool; the
 * thread's kernel stack is KSTACK_PAGES pages of its own, mapped in the
 * thread number's slot of the kernel-stack region, between unmapped guard
 * pages (arch_kstack_map), so an overflow faults loudly:
 *
 *   slot + 16 KiB +-------------------------+
 *                 | guard (unmapped)        |
 *   kstack_top    +-------------------------+
 *                 | user trap frame         |  entry from user mode saves here
 *                 +-------------------------+
 *                 | kernel stack, grows v   |  8 KiB
 *                 +-------------------------+
 *                 | guard (unmapped)        |
 *   slot          +-------------------------+
 *
 * Global thread id = thread number (63:32) and version (31:0). The thread
 * table maps numbers to TCBs; a TCB is valid for an id only if the versions
 * match.
 *
 * States (rules checked by tcb_check):
 *
 *   state          on a queue                      partner        timeout
 *   INACTIVE       none                            -              no
 *   READY          the run queue, unless current   -              no
 *   WAIT_SEND      partner's send queue            receiver       maybe
 *   WAIT_RECV      none                            sender or NULL maybe
 *   XFER_LOCKED    none                            -              no
 *   XFER_WAIT      none                            -              no
 *   DEAD           none (being deleted)            -              no
 *
 * A halted thread (exregs H) keeps its state but is never on the run queue.
 */
#ifndef KERNEL_TCB_H
#define KERNEL_TCB_H

#include <stdbool.h>
#include <stdint.h>

#include <kernel/list.h>
#include <kernel/runqueue.h>

#include <l4/types.h>

#define TCB_CANARY 0x4c34544342434e59ull
#define THREAD_NUMBER_BITS 16
#define THREAD_MAX (1u << THREAD_NUMBER_BITS)

enum tcb_state {
	TCB_INACTIVE,
	TCB_READY,
	TCB_WAIT_SEND,
	TCB_WAIT_RECV,
	TCB_XFER_LOCKED, /* partner of a running string transfer */
	TCB_XFER_WAIT,	 /* initiator waiting for its partner's fault */
	TCB_DEAD,
};

struct space;

struct tcb {
	/* Fixed while the thread exists. */
	l4_word_t id;	     /* global thread id */
	uint64_t kstack_top; /* first byte above the kernel stack */
	uint64_t ksp;	     /* saved kernel RSP while switched out */

	/* Changed only by ThreadControl (and deletion). */
	struct space *space;
	l4_word_t scheduler;	     /* global id of the scheduler thread */
	uint64_t utcb_addr;	     /* user address of the UTCB; 0: none */
	l4_word_t *utcb;	     /* kernel alias of the UTCB, or NULL */
	struct list_node space_link; /* in space->threads */
	struct list_node all_link;   /* in the list of all threads (tcb.c) */
	uint64_t utcb_pending;	 /* UtcbLocation given before SpaceControl */
	l4_word_t pager_pending; /* pager given before the thread had a UTCB */

	/* Scheduling; interrupts disabled. The IPC fastpath reads the first
	 * four bytes as one word (arch/x86_64/include/arch/fastpath.inc). */
	uint8_t state;	  /* enum tcb_state */
	bool fast_resume; /* blocked in the receive phase of its Ipc system
			     call, with no receive timeout, where the
			     fastpath may finish the call by returning to
			     user mode (fastpath.h) */
	bool halted;
	bool parked; /* halted and stopped at its return to user mode */
	uint8_t prio;
	bool startup; /* waits for its start-up message */
	/* Total quantum (Schedule): unlimited unless quantum_limited; once
	 * quantum_left_us is used up, quantum_spent asks the thread to send
	 * its scheduler a preemption message (thread_quantum_spent()). */
	bool quantum_limited, quantum_spent;
	uint64_t timeslice_us, quantum_left_us, slice_left_us;
	struct rq_link rq;

	/* IPC; interrupts disabled. */
	struct tcb *partner;	    /* see the state table above */
	l4_word_t from_spec;	    /* WAIT_RECV: whom it accepts */
	struct list_head senders;   /* threads in WAIT_SEND to this one */
	struct list_node send_link; /* in partner->senders */
	uint64_t wakeup_us;	    /* absolute timeout; 0: none */
	struct list_node timeout_link;
	l4_word_t ipc_error;	   /* result of a blocked phase (0: ok) */
	l4_word_t ipc_from;	   /* sender of the message received */
	bool ipc_recv_after;	   /* a receive phase follows the send */
	bool ipc_recv_started;	   /* ... and the receiver started it */
	uint16_t ipc_recv_timeout; /* its timeout (l4_time_t) */
	l4_word_t ipc_vsender;	   /* sending with propagation: the virtual
				      sender's global id (0: none) */

	/* String transfers (xfer.c). */
	struct tcb *xfer_initiator; /* set: fault in xfer_fault_addr for it */
	uint64_t xfer_fault_addr;
	unsigned xfer_fault_access;
	unsigned xfer_fault_code; /* initiator: the partner's answer (0 ok,
				     else map_page_fault_until()'s) */
	bool xfer_abort;	  /* cancelled during a transfer */
	struct tcb *xfer_peer;	  /* the other side of a running transfer;
				  cleared when that side is deleted */
	unsigned xfer_phase;	  /* locked side: its IPC phase */
	uint64_t xfer_deadline;	  /* end of the transfer's faults; 0: never */
	uint64_t ipc_bytes;	  /* string bytes of the last transfer */
	unsigned kernel_calls;	  /* ipc_kernel_call()s under way: a page
				   fault's or exception's IPC */

	/* The CPU's part (FPU state and so on). */
	void *fpu;

	uint64_t canary;
};

/* Thread number to TCB (a placeholder whose id is Any for a free number);
 * use tcb_by_global(). */
extern struct tcb *tcb_table[THREAD_MAX];

/* Every number free. Before any other tcb_*() call. */
void tcb_init(void);

/* The thread whose global or local id is @id, as seen by @self, or NULL. */
struct tcb *tcb_lookup(const struct tcb *self, l4_word_t id);

/* The thread with global id @id, or NULL (wrong version, no thread). */
struct tcb *tcb_by_global(l4_word_t id);

/* A new TCB for global id @id (number free, in range): INACTIVE, no space.
 * NULL if out of memory. */
struct tcb *tcb_create(l4_word_t id);

/* Free @t. It must be off every queue and no longer current. */
void tcb_free(struct tcb *t);

/* The user trap frame at the top of @t's kernel stack. */
void *tcb_user_frame(const struct tcb *t);

/* True if thread number @n is in the user range and unused. */
bool tcb_number_free(l4_word_t n);

/* Assert the invariants of @t, and of the table if @t is NULL. */
void tcb_check(const struct tcb *t);

/* The running thread. */
struct tcb *tcb_current(void);

/* Call @fn for every thread in WAIT_RECV whose named partner is @t. */
void tcb_for_each_waiting_on(const struct tcb *t, void (*fn)(struct tcb *));

#endif
