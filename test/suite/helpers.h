/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Bodies of helper threads that many cases use (suite_thread_start(fn,
 * arg) with one of these and its record): receive one message, send one
 * message, answer calls, count forever. Each keeps what it saw in its
 * record and raises the record's done flag.
 */
#ifndef SUITE_HELPERS_H
#define SUITE_HELPERS_H

#include <l4/abi.h>

/* What a receiver presets MR1..MR63 to: words not sent stay so. */
#define SUITE_SENTINEL 0x5e5e5e5e5e5e5e5eul

/* One receive: in @spec, @timeouts; out the rest. */
struct suite_rx {
	l4_threadid_t spec;
	l4_word_t timeouts;
	volatile int done;
	l4_msgtag_t tag;
	l4_threadid_t from;
	l4_word_t error; /* ErrorCode, if the tag says error */
	l4_word_t mr[L4_NUM_MRS];
};

/* Receive one message as @arg (a struct suite_rx) says. */
void suite_receiver(void *arg);

/* One send (and a receive phase if @spec is not nil). */
struct suite_tx {
	l4_threadid_t to, spec;
	l4_word_t timeouts;
	l4_msgtag_t tag; /* MR0 to send */
	l4_word_t mr[8]; /* MR1..MR7 to send */
	volatile int done;
	l4_msgtag_t result;
	l4_word_t error;
};

/* Send one message as @arg (a struct suite_tx) says. */
void suite_sender(void *arg);

/* Answer every call: the same number of words, each one more, and the
 * label one more. */
void suite_echo_server(void *unused);

/* Count *(volatile l4_word_t *)@arg up, forever. */
void suite_spinner(void *arg);

/* Set *(volatile int *)@arg to 1 and return (the thread then blocks). */
void suite_set_flag(void *arg);

/* xmm0, by explicit instructions: the suite is built without FPU code
 * (-mgeneral-regs-only). */
static inline void suite_set_xmm0(uint64_t v)
{
	__asm__ volatile("movq %0, %%xmm0" : : "r"(v));
}

static inline uint64_t suite_get_xmm0(void)
{
	uint64_t v;

	__asm__ volatile("movq %%xmm0, %0" : "=r"(v));
	return v;
}

#endif /* SUITE_HELPERS_H */
