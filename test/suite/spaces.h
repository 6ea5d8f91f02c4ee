/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Other address spaces for the test suite, with the calling thread (the
 * case) as their pager. A new space gets the suite's own text and data
 * read-only at the same addresses, so that code of the suite runs there,
 * and private pages from sigma0 for everything else it touches (stacks,
 * test addresses). Every page fault is logged in the space's record; one
 * in the KIP or UTCB area is left unanswered (nothing may be mapped
 * there), so the thread stays in it until deleted.
 *
 * An agent is a thread in such a space that obeys commands sent to it by
 * IPC (SUITE_AG_*), replying to whoever sent the command: read or write a
 * word, pass a map or grant item on to another thread, unmap, send a
 * message. Its receive window is its whole space, so a command can carry a
 * map or grant item into it.
 */
#ifndef SUITE_SPACES_H
#define SUITE_SPACES_H

#include <l4/abi.h>

#define SUITE_SPACE_PAGES 32
#define SUITE_SPACE_FAULTS 48
#define SUITE_SPACE_THREADS 8

/* Where spaces made by the suite have their areas and their stacks. */
#define SUITE_SPACE_KIP_AREA 0x7fffffff0000ul
#define SUITE_SPACE_UTCB_AREA 0x7fffffe00000ul
#define SUITE_SPACE_UTCB_LOG2 16
#define SUITE_SPACE_STACKS 0x10000000ul
#define SUITE_SPACE_STACK_SIZE 0x10000ul

/* Agent commands (labels) and replies. Arguments in MR1..MR3. */
#define SUITE_AG_READY 0x100 /* to the pager, when the agent starts */
#define SUITE_AG_REPLY 0x101 /* MR1 result, MR2 extra */
#define SUITE_AG_NOP 0x102   /* result 0 (items were applied) */
#define SUITE_AG_READ 0x103  /* (addr): result *addr */
#define SUITE_AG_WRITE 0x104 /* (addr, value) */
/* (to, fpage, send base | 1 for a grant): a map (grant) item to @to, as a
 * SUITE_AG_NOP call; result the tag of the answer, extra its ErrorCode. */
#define SUITE_AG_FORWARD 0x105
#define SUITE_AG_UNMAP 0x106 /* (fpage, control): result MR0 afterwards */
/* (to, word): send SUITE_AG_HELLO with MR1 = word to @to; result the
 * tag, extra the ErrorCode. */
#define SUITE_AG_SEND 0x107
#define SUITE_AG_HELLO 0x108
/* System calls from the agent's (unprivileged) space; result the call's
 * result word, extra the agent's ErrorCode. (dest, space, pager):
 * ThreadControl, scheduler nil, UTCB unchanged. (space): SpaceControl with
 * the areas below. (dest, prio): Schedule of the priority. */
#define SUITE_AG_THREAD_CONTROL 0x109
#define SUITE_AG_SPACE_CONTROL 0x10a
#define SUITE_AG_SCHEDULE 0x10b
/* (addr, len): accept strings from now on, into the buffer of @len bytes
 * at @addr (BR1, BR2); the receive window stays the whole space. */
#define SUITE_AG_STRING_BUFFER 0x10c
/* (): result the KIP address KernelInterface gives, extra the API
 * version. */
#define SUITE_AG_KERNEL_INTERFACE 0x10d
/* (): result the agent's UTCB address (%gs:0), extra its MyGlobalId. */
#define SUITE_AG_WHOAMI 0x10e
/* (any number of untyped words): the same number back, each one more,
 * with label SUITE_AG_ECHO + 1, as suite_echo_server() does. */
#define SUITE_AG_ECHO 0x10f
/* (to, word, virtual sender): as SUITE_AG_SEND, with the propagation bit
 * and VirtualSender set. */
#define SUITE_AG_PROPAGATE 0x110
/* (port): read one byte from the I/O port (inb); result the byte. Without
 * the port it raises #GP: give the agent an exception handler first. */
#define SUITE_AG_INB 0x111

/* A page fault seen by the pager. */
struct suite_fault {
	l4_threadid_t who;
	l4_word_t addr, ip;
	unsigned rwx;
};

struct suite_space {
	l4_threadid_t first; /* its first thread: the space specifier */
	unsigned nthreads;   /* threads started so far */
	l4_threadid_t thread[SUITE_SPACE_THREADS];
	struct {
		l4_word_t va;	   /* address in the space */
		l4_word_t backing; /* the suite's address of the page */
	} page[SUITE_SPACE_PAGES];
	unsigned npages;
	struct suite_fault fault[SUITE_SPACE_FAULTS];
	unsigned nfaults;
};

/*
 * A new space: its first thread (ThreadControl), not yet active, and its
 * KIP and UTCB areas (SpaceControl). False if either call failed.
 */
bool suite_space_create(struct suite_space *s);

/*
 * Start a thread in @s at @entry, with the caller as pager and scheduler:
 * the first call activates the first thread, later ones create more. The
 * thread gets IP and SP by the start-up message. Nil on failure.
 */
l4_threadid_t suite_space_start(struct suite_space *s, void (*entry)(void));

/* Start an agent in @s and wait until it reports for duty. */
l4_threadid_t suite_agent_start(struct suite_space *s);

/*
 * Receive until a message (not a page fault) from @from arrives, answering
 * the page faults of the threads in spaces made by the caller on the way,
 * for at most @us microseconds. Messages of other threads are kept for a
 * later suite_serve() for them. Returns the tag (an error tag on timeout);
 * the message is in the MRs.
 */
l4_msgtag_t suite_serve(l4_threadid_t from, uint64_t us);

/* Command @agent and wait for its reply; returns the result word (MR1)
 * and, if @extra, MR2. Records a failure if the agent did not answer. */
l4_word_t suite_agent(l4_threadid_t agent, l4_word_t op, l4_word_t a1,
		      l4_word_t a2, l4_word_t a3, l4_word_t *extra);

/* Send @agent a map (or grant) item for @f of the caller's space, landing
 * at @dest_va in the agent's space. True if the agent answered. */
bool suite_agent_map(l4_threadid_t agent, l4_fpage_t f, l4_word_t dest_va,
		     bool grant);

/* How many page faults at the page of @addr the pager saw in @s. */
unsigned suite_space_faults_at(const struct suite_space *s, l4_word_t addr);

/* Delete the threads of @s, newest first; the space goes with the last. */
void suite_space_delete(struct suite_space *s);

#endif /* SUITE_SPACES_H */
