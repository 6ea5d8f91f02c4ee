// SPDX-License-Identifier: BSD-2-Clause
/* The frames; see pool.h. */
#include <l4/fpage.h>
#include <l4/protocol.h>
#include <l4/sigma0.h>

#include "pool.h"

#define PAGE 4096ul
#define POOL_BASE 0x40000000ul /* where sigma0's frames appear here */

/* Frame k (and the zero frame at POOL_ZERO): its physical address (0:
 * not taken yet) and its holders. */
static struct {
	l4_word_t phys;
	unsigned holders;
} frame[POOL_PAGES + 1];

static unsigned free_list[POOL_PAGES];
static unsigned nfree, taken, used;

/* Take frame @k from sigma0, into the pool window. */
static bool take(unsigned k)
{
	l4_fpage_t got = l4_sigma0_get_any(l4_sigma0_id(), 12, L4_FPAGE_RWX,
					   l4_fpage(pool_addr(k), 12, 0));

	if (l4_fpage_is_nil(got))
		return false;
	frame[k].phys = l4_fpage_base(got);
	return true;
}

bool pool_get(unsigned *k)
{
	if (nfree) {
		*k = free_list[--nfree];
	} else {
		if (taken == POOL_PAGES || !take(taken))
			return false;
		*k = taken++;
	}
	__builtin_memset((void *)pool_addr(*k), 0, PAGE);
	frame[*k].holders = 1;
	used++;
	return true;
}

void pool_share(unsigned k)
{
	frame[k].holders++;
}

void pool_unshare(unsigned k)
{
	if (--frame[k].holders == 0) {
		free_list[nfree++] = k;
		used--;
	}
}

unsigned pool_holders(unsigned k)
{
	return frame[k].holders;
}

l4_word_t pool_addr(unsigned k)
{
	return POOL_BASE + k * PAGE;
}

bool pool_alias(unsigned k, l4_word_t va)
{
	if (!frame[k].phys) { /* the zero frame, on its first use */
		if (k != POOL_ZERO || !take(k))
			return false;
		__builtin_memset((void *)pool_addr(k), 0, PAGE);
	}
	return !l4_fpage_is_nil(l4_sigma0_get_page(
		l4_sigma0_id(), l4_fpage(frame[k].phys, 12, L4_FPAGE_RWX),
		L4_SIGMA0_ATTR_DEFAULT, l4_fpage(va, 12, 0)));
}

unsigned pool_used(void)
{
	return used;
}

unsigned pool_taken(void)
{
	return taken;
}
