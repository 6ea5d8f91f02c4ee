// SPDX-License-Identifier: BSD-2-Clause
/*
 * The demonstration; see demo.h. It prints what the KIP says, takes its
 * own memory through page faults to sigma0, starts a second thread with
 * ExchangeRegisters and calls it, and asks sigma0 for a page.
 */
#include <l4/errors.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/schedule.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>

#include "demo.h"
#include "layout.h"

static uint8_t worker_stack[8192] __attribute__((aligned(16)));

/* The second thread: answers each call with MR1 + 1. */
static void worker(void)
{
	l4_threadid_t from;

	l4_wait(&from);
	for (;;) {
		l4_word_t v = l4_mr(1);

		l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
		l4_set_mr(1, v + 1);
		l4_reply_wait(from, &from);
	}
}

/* Start worker() as thread root + 1 of the root task's space. */
static l4_threadid_t start_worker(void)
{
	l4_threadid_t me = l4_myself();
	l4_threadid_t w = l4_global_id(l4_thread_number(me) + 1, 1);
	l4_word_t location = (l4_word_t)l4_utcb() - L4_UTCB_MR0_OFFSET;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_SET_SP |
			   L4_EXREGS_START,
		.sp = (l4_word_t)worker_stack + sizeof(worker_stack),
		.ip = (l4_word_t)worker,
	};

	if (!l4_thread_control(w, me, me, l4_threadid(l4_utcb()[L4_UTCB_PAGER]),
			       location + L4_UTCB_SIZE)) {
		l4_printf("root: ThreadControl failed: %s\n",
			  l4_error_name(l4_utcb()[L4_UTCB_ERROR_CODE]));
		return L4_NILTHREAD;
	}
	l4_exchange_registers(w, &r);
	return w;
}

/* Call the worker three times; print how many answers were right. */
static void demo_calls(void)
{
	l4_threadid_t w = start_worker();
	int ok = 0;

	for (l4_word_t i = 0; i < 3 && !l4_is_nil_thread(w); i++) {
		l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
		l4_set_mr(1, 10 * i);
		if (!l4_msgtag_is_error(l4_call(w)) && l4_mr(1) == 10 * i + 1)
			ok++;
	}
	l4_printf("root: %d of 3 calls to thread %lx answered correctly\n", ok,
		  w.raw);
}

/* Ask sigma0 for any page, mapped at DEMO_PAGE, and write to it. */
static void demo_sigma0(void)
{
	volatile l4_word_t *page = (l4_word_t *)DEMO_PAGE;
	l4_fpage_t got =
		l4_sigma0_get_any(l4_sigma0_id(), PAGE_LOG2, L4_FPAGE_RWX,
				  l4_fpage(DEMO_PAGE, PAGE_LOG2, L4_FPAGE_RWX));

	if (l4_fpage_is_nil(got)) {
		l4_printf("root: sigma0 refused a page\n");
		return;
	}
	page[0] = 0x1234;
	l4_printf("root: sigma0 gave page %lx, mapped at %lx: %s\n",
		  l4_fpage_base(got), DEMO_PAGE,
		  page[0] == 0x1234 ? "writable" : "BROKEN");
}

void demo_run(void)
{
	l4_printf("root: hello from the root task, thread %lx\n",
		  l4_myself().raw);
	l4_printf("root: KIP at %p, API version %lx, %lu memory descriptors\n",
		  l4_kip, l4_kip_api_version(l4_kip),
		  l4_kip_num_memdesc(l4_kip));
	demo_calls();
	demo_sigma0();
	l4_printf("root: done\n");
}
