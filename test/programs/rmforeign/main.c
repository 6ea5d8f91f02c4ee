// SPDX-License-Identifier: BSD-2-Clause
/*
 * rmforeign: a thread of another task for rmtest's case that a region
 * mapper serves its own task only. Asked with MR1 a region mapper's id, it
 * sends that region mapper an attach and a stats request and answers
 * with their statuses in MR1 and MR2; then the same again with the region
 * mapper made its pager (which lets the region mapper's ExchangeRegisters
 * reach it), statuses in MR3 and MR4.
 */
#include <l4/rm.h>
#include <l4/schedule.h>
#include <l4/syscalls.h>

int main(void)
{
	l4_threadid_t from;

	for (;;) {
		l4_msgtag_t tag = l4_wait(&from);
		l4_threadid_t rm = l4_threadid(l4_mr(1));
		l4_word_t a = 0x60000000, st1, st2, st3, st4;
		struct l4_exregs r;

		if (l4_msgtag_is_error(tag))
			continue;
		st1 = (l4_word_t)l4_rm_attach(rm, &a, 4096, l4_root_id(),
					      L4_ROOT_IMAGE_DS, 0x60000000,
					      L4_FPAGE_R);
		st2 = (l4_word_t)l4_request(rm, L4_RM_STATS, 0, NULL, NULL);
		/* The code and stack are mapped by now: nothing faults
		 * while the region mapper is the pager. */
		r = (struct l4_exregs){ .control = L4_EXREGS_SET_PAGER,
					.pager = rm };
		l4_exchange_registers(l4_myself(), &r);
		a = 0x60000000;
		st3 = (l4_word_t)l4_rm_attach(rm, &a, 4096, l4_root_id(),
					      L4_ROOT_IMAGE_DS, 0x60000000,
					      L4_FPAGE_R);
		st4 = (l4_word_t)l4_request(rm, L4_RM_STATS, 0, NULL, NULL);
		r.control = L4_EXREGS_SET_PAGER;
		l4_exchange_registers(l4_myself(), &r); /* the old pager */
		l4_set_mr(0, l4_msgtag_make(0, 4, 0).raw);
		l4_set_mr(1, st1);
		l4_set_mr(2, st2);
		l4_set_mr(3, st3);
		l4_set_mr(4, st4);
		l4_send(from);
	}
}
