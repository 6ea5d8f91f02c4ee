/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The sigma0 client: asking the root pager for memory by the X.2 sigma0
 * protocol (<l4/protocol.h>, ABI.md section 9). sigma0 maps a page to its
 * first requester only, and again to the same one as often as asked; a
 * refusal is a nil flexpage. Its address space is the identity of physical
 * memory, so a page's base in sigma0's space is its physical address.
 */
#ifndef L4_SIGMA0_H
#define L4_SIGMA0_H

#include <l4/fpage.h>
#include <l4/thread.h>
#include <l4/types.h>

/* sigma0's thread id, from the KIP's ThreadInfo. After l4_init(). */
l4_threadid_t l4_sigma0_id(void);

/*
 * Ask sigma0 @s0 for the page @page (its base, size and rights), with
 * attributes @attr (L4_SIGMA0_ATTR_DEFAULT), to be mapped into @window of
 * the caller's space; a window of the page's size receives it at its
 * base. Returns the flexpage sigma0 sent (base = physical address, the
 * rights it gave), or nil if sigma0 refused or the IPC failed. BR0 is
 * left as it was.
 */
l4_fpage_t l4_sigma0_get_page(l4_threadid_t s0, l4_fpage_t page, l4_word_t attr,
			      l4_fpage_t window);

/*
 * Ask sigma0 @s0 for any free page of 2^@log2 bytes with rights @rwx into
 * @window, as l4_sigma0_get_page(). 12 <= log2 <= 63.
 */
l4_fpage_t l4_sigma0_get_any(l4_threadid_t s0, unsigned log2, unsigned rwx,
			     l4_fpage_t window);

#endif /* L4_SIGMA0_H */
