// SPDX-License-Identifier: BSD-2-Clause
/*
 * The PCID allocator; see pcid.h. A bitmap of the 4096 PCIDs, searched
 * round robin from the one after the last handed out, so that a freed PCID
 * rests as long as possible before it is used again (not needed for
 * correctness: pcid_free() has invalidated it by then).
 */
#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/pcid.h>

bool pcid_enabled;

/* Bit set: PCID in use. PCID 0 is the kernel's and always taken. */
static uint64_t pcid_used[PCID_COUNT / 64] = { 1 };
static unsigned pcid_next = 1;

static bool pcid_taken(unsigned p)
{
	return pcid_used[p / 64] & (1ul << (p % 64));
}

/*
 * INVPCID is needed to invalidate a space that is not loaded; PGE keeps the
 * kernel's pages out of the tagged entries (they are global), so that a
 * change in the kernel half needs only invlpg, as without PCIDs.
 */
bool pcid_init(void)
{
	const struct cpu_features *f = &cpu_features;

	pcid_enabled = f->pcid && f->invpcid && f->pge;
	return pcid_enabled;
}

unsigned pcid_alloc(void)
{
	if (!pcid_enabled)
		return 0;
	for (unsigned i = 0; i < PCID_COUNT; i++) {
		unsigned p = (pcid_next + i) % PCID_COUNT;

		if (!pcid_taken(p)) {
			pcid_used[p / 64] |= 1ul << (p % 64);
			pcid_next = (p + 1) % PCID_COUNT;
			return p;
		}
	}
	return 0; /* all 4095 in use: the caller's space goes untagged */
}

void pcid_free(unsigned pcid)
{
	if (!pcid)
		return;
	invpcid(INVPCID_CONTEXT, pcid, 0);
	pcid_used[pcid / 64] &= ~(1ul << (pcid % 64));
}
