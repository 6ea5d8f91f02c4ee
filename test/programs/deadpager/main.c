// SPDX-License-Identifier: BSD-2-Clause
/*
 * deadpager: a dataspace manager that takes requests and never answers,
 * for rmtest's cases of a hung manager (the region mapper gives up after
 * two seconds) and of a pager killed while its clients fault (rmtest has
 * the root task kill it).
 */
#include <l4/printf.h>
#include <l4/syscalls.h>

int main(void)
{
	l4_threadid_t from;

	for (;;)
		if (!l4_msgtag_is_error(l4_wait(&from)))
			l4_printf("deadpager: holding a request from %lx\n",
				  from.raw);
}
