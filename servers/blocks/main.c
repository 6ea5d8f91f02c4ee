// SPDX-License-Identifier: BSD-2-Clause
/*
 * The backing store (<l4/blocks.h>): L4_BLOCKS blocks of RAM, written and
 * read with string items. A write lands in a receive buffer first and is
 * copied into its block only when the request is whole; a bad request
 * changes nothing.
 */
#include <l4/blocks.h>
#include <l4/fpage.h>
#include <l4/printf.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>

static uint8_t store[L4_BLOCKS][L4_BLOCK_SIZE] __attribute__((aligned(4096)));
static uint8_t inbuf[L4_BLOCK_SIZE] __attribute__((aligned(4096)));

/* Accept one string of up to a block into inbuf (again after each IPC:
 * the kernel leaves the BRs alone, but say it once here). */
static void accept_block(void)
{
	l4_word_t *u = l4_utcb();

	u[L4_UTCB_BR(0)] = l4_acceptor(L4_NILPAGE, true);
	u[L4_UTCB_BR(1)] = l4_stringitem_word0(L4_BLOCK_SIZE, 1, false, false);
	u[L4_UTCB_BR(2)] = (l4_word_t)inbuf;
}

static void reply_status(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

/* The request @tag: carry it out and put the reply in the MRs. */
static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t n = l4_mr(1), label = l4_msgtag_label(tag);

	if (l4_msgtag_untyped(tag) != 1 || n >= L4_BLOCKS) {
		reply_status(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_BLOCK_WRITE) {
		l4_word_t item = l4_mr(2);

		if (l4_msgtag_typed(tag) != 2 || !l4_item_is_string(item) ||
		    l4_stringitem_length(item) != L4_BLOCK_SIZE) {
			reply_status(L4_NAMES_EINVAL);
			return;
		}
		for (l4_word_t i = 0; i < L4_BLOCK_SIZE; i++)
			store[n][i] = inbuf[i];
		reply_status(L4_NAMES_OK);
		return;
	}
	if (label == L4_BLOCK_READ && l4_msgtag_typed(tag) == 0) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 0, 2).raw);
		l4_set_mr(1,
			  l4_stringitem_word0(L4_BLOCK_SIZE, 1, false, false));
		l4_set_mr(2, (l4_word_t)store[n]);
		return;
	}
	reply_status(L4_NAMES_EINVAL);
}

int main(void)
{
	accept_block();
	l4_printf("blocks: %lu blocks of %lu bytes\n", L4_BLOCKS,
		  L4_BLOCK_SIZE);
	l4_server_loop(serve);
}
