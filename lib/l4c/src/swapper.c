// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the swapper's own request; see <l4/swapper.h>. */
#include <l4/swapper.h>

int l4_swap_stats(l4_threadid_t server, struct l4_swap_stats *s)
{
	int st = l4_request(server, L4_SWAP_STATS, 0, NULL, NULL);

	if (st != L4_NAMES_OK)
		return st;
	if (l4_msgtag_untyped(l4_msgtag(l4_mr(0))) < 5)
		return L4_NAMES_EINVAL; /* too short: not the swapper */
	s->frames = l4_mr(1);
	s->resident = l4_mr(2);
	s->evictions = l4_mr(3);
	s->reloads = l4_mr(4);
	s->writes = l4_mr(5);
	return st;
}
