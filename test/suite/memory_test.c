// SPDX-License-Identifier: BSD-2-Clause
/*
 * Kernel memory: TCBs, kernel stacks, page tables and mapping nodes come
 * from the kernel pool. When it runs out, the system call fails with
 * error 8 and nothing is left half done; freeing gives it back.
 */
#include "suite.h"

#define MAX_THREADS 6000

static l4_threadid_t made[MAX_THREADS];

SUITE_TEST(thread_control_out_of_kernel_memory_fails_with_8_and_recovers)
{
	l4_threadid_t me = l4_myself(), t = L4_NILTHREAD;
	unsigned n = 0;
	l4_word_t err = 0;

	/* Threads in spaces of their own until the kernel pool runs dry. */
	while (n < MAX_THREADS) {
		t = suite_id_alloc();
		if (!l4_thread_control(t, t, me, L4_NILTHREAD, ~0ul)) {
			err = suite_error();
			break;
		}
		made[n++] = t;
	}
	EXPECT(n > 0 && n < MAX_THREADS);
	EXPECT(err == L4_ERR_NO_MEM);
	/* The failed call left nothing behind: the id is still free. */
	EXPECT(suite_state(t) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	/* Deleting them gives the memory back... */
	for (unsigned i = 0; i < n; i++)
		EXPECT(l4_thread_control(made[i], L4_NILTHREAD, L4_NILTHREAD,
					 L4_NILTHREAD, ~0ul));
	/* ... enough for the failed one now. */
	if (EXPECT(l4_thread_control(t, t, me, L4_NILTHREAD, ~0ul)))
		EXPECT(l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD,
					 L4_NILTHREAD, ~0ul));
}
