// SPDX-License-Identifier: BSD-2-Clause
/*
 * Tasks; see task.h. The steps, as the kernel implements X.2:
 *
 *   ThreadControl(t, t, root, nil, ~0)    t and a new space (t names it);
 *                                         inactive, no UTCB, no pager
 *   SpaceControl(t, KIP area, UTCB area)  the space gets its areas
 *   ThreadControl(t, t, root, root, utcb) a UTCB and a pager: t is active
 *                                         and waits for a message from
 *                                         its pager
 *   Ipc(root -> t: MR1 IP, MR2 SP)        t starts there
 */
#include <l4/errors.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/schedule.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>

#include "layout.h"
#include "task.h"

/*
 * Thread numbers root + 1 .. root + TASK_NUMBER_GAP - 1 are left to the
 * root task's own threads (the demonstration's worker is root + 1).
 */
#define TASK_NUMBER_GAP 16
#define TASK_VERSION 1

static l4_word_t next_number;

/* True if no thread has number @n: Schedule, which the root task may
 * call on any thread, says there is none. */
static bool number_free(l4_word_t n)
{
	l4_threadid_t t = l4_global_id(n, TASK_VERSION);

	return l4_schedule(t, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   NULL) == L4_SCHEDRESULT_ERROR &&
	       l4_utcb()[L4_UTCB_ERROR_CODE] == L4_ERR_INVALID_THREAD;
}

/* A thread id that no thread has, or nil if none is left. */
static l4_threadid_t fresh_id(void)
{
	unsigned bits = l4_thread_info_bits(l4_kip_thread_info(l4_kip));
	l4_word_t limit = 1ul << (bits < 32 ? bits : 32);

	if (next_number == 0)
		next_number = l4_thread_number(l4_myself()) + TASK_NUMBER_GAP;
	for (; next_number < limit; next_number++)
		if (number_free(next_number))
			return l4_global_id(next_number++, TASK_VERSION);
	return L4_NILTHREAD;
}

static void print_error(const char *call, l4_threadid_t t)
{
	l4_printf("root: %s for thread %lx failed: %s\n", call, t.raw,
		  l4_error_name(l4_utcb()[L4_UTCB_ERROR_CODE]));
}

l4_threadid_t task_create(void)
{
	l4_threadid_t me = l4_myself(), t = fresh_id();
	l4_fpage_t kip = l4_fpage(PROG_KIP_AREA, PAGE_LOG2, 0);
	l4_fpage_t utcb = l4_fpage(PROG_UTCB_AREA, PROG_UTCB_AREA_LOG2, 0);

	if (l4_is_nil_thread(t)) {
		l4_printf("root: no thread number left\n");
		return t;
	}
	if (!l4_thread_control(t, t, me, L4_NILTHREAD,
			       L4_UTCB_LOCATION_UNCHANGED)) {
		print_error("ThreadControl (create)", t);
		return L4_NILTHREAD;
	}
	/* Redirector any: the space has none. */
	if (!l4_space_control(t, L4_SPACE_CONTROL_NONE, kip, utcb, L4_ANYTHREAD,
			      NULL)) {
		print_error("SpaceControl", t);
		task_delete(t);
		return L4_NILTHREAD;
	}
	if (!l4_thread_control(t, t, me, me, PROG_UTCB_AREA)) {
		print_error("ThreadControl (activate)", t);
		task_delete(t);
		return L4_NILTHREAD;
	}
	return t;
}

l4_threadid_t task_add_thread(l4_threadid_t task, unsigned slot)
{
	l4_threadid_t me = l4_myself(), t;

	if (slot >= PROG_UTCB_SLOTS)
		return L4_NILTHREAD;
	t = fresh_id();
	if (l4_is_nil_thread(t))
		return t;
	if (!l4_thread_control(t, task, me, me,
			       PROG_UTCB_AREA + slot * L4_UTCB_SIZE)) {
		print_error("ThreadControl (add)", t);
		return L4_NILTHREAD;
	}
	return t;
}

bool task_set_pager(l4_threadid_t t, l4_threadid_t pager)
{
	return l4_thread_control(t, t, L4_NILTHREAD, pager,
				 L4_UTCB_LOCATION_UNCHANGED) != 0;
}

bool task_start(l4_threadid_t t, l4_word_t ip, l4_word_t sp)
{
	l4_msg_startup(ip, sp);
	if (l4_msgtag_is_error(l4_send(t))) {
		l4_printf("root: start-up message to %lx failed: %s\n", t.raw,
			  l4_ipc_error_name(l4_ipc_error_code(
				  l4_utcb()[L4_UTCB_ERROR_CODE])));
		return false;
	}
	return true;
}

void task_delete(l4_threadid_t t)
{
	l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD, L4_NILTHREAD,
			  L4_UTCB_LOCATION_UNCHANGED);
}
