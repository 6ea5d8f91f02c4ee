/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * String items: copying strings between address spaces during IPC.
 *
 * The thread that delivers a message (the initiator) copies every string
 * of the sender into the receiver's string buffers, page by page through
 * the page tables of both spaces. A page missing in the initiator's own
 * space becomes a nested page-fault IPC of the initiator. A page missing in
 * the partner's space must be faulted in by the partner itself, which is
 * blocked: the initiator asks it (xfer_fault), wakes it, and waits; the
 * partner resolves the fault with its own page-fault IPC and wakes the
 * initiator, which goes on copying.
 *
 *   initiator                         partner (locked, blocked)
 *   copy ... page missing in partner
 *   partner->xfer_fault = addr  --->  wakes in ipc_block(), faults it in
 *   blocks in XFER_WAIT          <--- wakes the initiator, blocks again
 *   copy on ...
 *
 * While a transfer runs the partner is locked: nobody else delivers to it,
 * its timeout is off, and cancelling it aborts the transfer.
 */
#ifndef KERNEL_XFER_H
#define KERNEL_XFER_H

#include <stdbool.h>
#include <stdint.h>

struct tcb;

/* One message's string transfer, item by item (xfer_begin(), then
 * xfer_string() for each string in the order of the typed words). */
struct xfer {
	struct tcb *s, *r;
	unsigned first, n; /* the message's typed words: MR first .. */
	unsigned next;	   /* the number of the next string */
	uint64_t bytes;	   /* string bytes copied so far */
	/* From the first string on: each side's transfer timeout as an
	 * absolute time (0 never, 1 zero). */
	bool started;
	uint64_t snd_deadline, rcv_deadline;
};

/* A transfer from @s to @r of the typed words MR @first.. (@n words); the
 * current thread is one of them. */
void xfer_begin(struct xfer *x, struct tcb *s, struct tcb *r, unsigned first,
		unsigned n);

/*
 * Copy the string whose first item is at @i of the typed words into the
 * receiver's next string buffer, as far as it fits; *@used: the words of
 * its items. Returns 0 or an IPC error code, seen from the sender (or
 * XFER_PARTNER_GONE); x->bytes counts what was copied. The receiver's MRs
 * get the string's words as far as the copy reached, and its first item,
 * if the string arrived whole, says how long it is and where it landed.
 */
unsigned xfer_string(struct xfer *x, unsigned i, unsigned *used);

/* deliver()'s answer when the partner was deleted during the transfer
 * (not an IPC error code: the caller reports "no partner"). */
#define XFER_PARTNER_GONE 0x100u

/* @t is being deleted: end the transfer it takes part in, if any. The
 * other side's IPC ends with "no partner" (error 2) in its phase. */
void xfer_forget(struct tcb *t);

/* True if the typed words MR @first .. @first + @n - 1 hold a string item. */
bool xfer_has_strings(const uint64_t *utcb, unsigned first, unsigned n);

/* In a blocked thread that was woken: serve a fault request of the
 * initiator. Returns true if it served one (the thread must block again). */
bool xfer_serve(struct tcb *self);

#endif
