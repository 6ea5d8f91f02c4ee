// SPDX-License-Identifier: BSD-2-Clause
/* Bodies of helper threads; see helpers.h. */
#include "suite.h"

void suite_receiver(void *arg)
{
	struct suite_rx *rx = arg;
	l4_threadid_t from = L4_NILTHREAD;

	for (unsigned i = 1; i < L4_NUM_MRS; i++)
		l4_set_mr(i, SUITE_SENTINEL);
	rx->tag = l4_ipc(L4_NILTHREAD, rx->spec, rx->timeouts, &from);
	rx->from = from;
	rx->error = suite_error();
	for (unsigned i = 0; i < L4_NUM_MRS; i++)
		rx->mr[i] = l4_mr(i);
	rx->done = 1;
}

void suite_sender(void *arg)
{
	struct suite_tx *tx = arg;

	l4_set_mr(0, tx->tag.raw);
	for (unsigned i = 1; i < 8; i++)
		l4_set_mr(i, tx->mr[i]);
	tx->result = l4_ipc(tx->to, tx->spec, tx->timeouts, NULL);
	tx->error = suite_error();
	tx->done = 1;
}

void suite_echo_server(void *unused)
{
	l4_threadid_t from;
	l4_msgtag_t tag = l4_wait(&from);

	for (;;) {
		unsigned u = l4_msgtag_untyped(tag);

		if (l4_msgtag_is_error(tag)) {
			tag = l4_wait(&from);
			continue;
		}
		for (unsigned i = 1; i <= u; i++)
			l4_set_mr(i, l4_mr(i) + 1);
		l4_set_mr(0,
			  l4_msgtag_make(l4_msgtag_label(tag) + 1, u, 0).raw);
		tag = l4_reply_wait(from, &from);
	}
}

void suite_spinner(void *arg)
{
	volatile l4_word_t *counter = arg;

	for (;;)
		(*counter)++;
}

void suite_set_flag(void *arg)
{
	*(volatile int *)arg = 1;
}
