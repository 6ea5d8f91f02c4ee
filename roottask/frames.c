// SPDX-License-Identifier: BSD-2-Clause
/* Frames from sigma0; see frames.h. */
#include <l4/fpage.h>
#include <l4/sigma0.h>

#include "frames.h"
#include "layout.h"

/* The next free slot; the slots below it hold frames. */
static l4_word_t next_slot = FRAMES_BASE;

l4_word_t frame_alloc(void)
{
	l4_word_t slot = next_slot;
	l4_fpage_t got;

	if (slot >= FRAMES_END)
		return 0;
	got = l4_sigma0_get_any(l4_sigma0_id(), PAGE_LOG2, L4_FPAGE_RWX,
				l4_fpage(slot, PAGE_LOG2, L4_FPAGE_RWX));
	/* A frame must carry every right a program's page may need. */
	if (l4_fpage_is_nil(got) || l4_fpage_log2(got) != PAGE_LOG2 ||
	    l4_fpage_rights(got) != L4_FPAGE_RWX)
		return 0;
	next_slot += PAGE_SIZE;
	return slot;
}

unsigned long frames_taken(void)
{
	return (next_slot - FRAMES_BASE) / PAGE_SIZE;
}
