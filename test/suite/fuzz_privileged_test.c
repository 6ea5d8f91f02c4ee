// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bad input from a privileged thread: the case itself (a thread of the root
 * task, so ThreadControl and SpaceControl are open to it) makes, moves,
 * configures, starts, schedules, pages and deletes threads and spaces with
 * pseudo-random arguments. The kernel must neither panic nor hang, and must
 * still work afterwards; under "kcheck" (boot.qemu.suite-kcheck) its
 * consistency walkers run after every one of these calls.
 *
 * The randomness is kept away from the suite itself: every thread it names
 * is one of FUZZ_THREADS numbers of its own (with versions 1 to 3), so it
 * never deletes, moves or reconfigures a thread of the suite, and no space
 * specifier names the suite's space, so its threads live in spaces of
 * their own. Map items carry only FUZZ_PAGES pages of the case's own. The
 * threads run below the case's priority, and every IPC has zero timeouts.
 * Start-up messages, page-fault and exception replies carry random
 * instruction and stack pointers, non-canonical and kernel-half ones
 * included.
 */
#include "suite.h"

#define ROUNDS 2500
#define FUZZ_THREADS 6
#define FUZZ_PAGES 4
#define FUZZ_PRIO 50

static l4_word_t numbers[FUZZ_THREADS];
static void *pages[FUZZ_PAGES];
/* What came of it, so that the case can tell it did something. */
static struct {
	unsigned made, configured, delivered, received;
} done;

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/*
 * Every random draw below is a statement of its own: C leaves the order in
 * which a call's arguments (or an initializer's fields) are evaluated
 * open, and GCC and Clang would otherwise run different sequences.
 */

/* One of the case's thread ids: mostly version 1, sometimes 2 or 3. */
static l4_threadid_t fuzz_id(uint64_t *x)
{
	l4_word_t number = numbers[next(x) % FUZZ_THREADS];
	l4_word_t version = next(x) % 4 ? 1 : 2 + next(x) % 2;

	return l4_global_id(number, version);
}

/* A space specifier, pager or scheduler: one of the case's ids, or nil,
 * or (for pager and scheduler, @self_ok) the case itself. */
static l4_threadid_t some_thread(uint64_t *x, bool self_ok)
{
	switch (next(x) % 8) {
	case 0:
		return L4_NILTHREAD; /* as space specifier: delete */
	case 1:
	case 2:
		if (self_ok)
			return l4_myself();
	}
	return fuzz_id(x);
}

/* An address: mostly in the lower half, sometimes anywhere at all. */
static l4_word_t some_address(uint64_t *x)
{
	switch (next(x) % 4) {
	case 0:
		return next(x); /* non-canonical or kernel half, mostly */
	case 1:
		return 0x0000800000000000ul - 4096 * (next(x) % 4);
	}
	return next(x) & 0x00007ffffffff000ul;
}

/* One of the case's pages as an fpage, or a random word now and then. */
static l4_word_t some_fpage(uint64_t *x)
{
	uint64_t r = next(x);

	if (r % 8 == 0)
		return r;
	return l4_fpage((l4_word_t)pages[next(x) % FUZZ_PAGES], 12,
			(unsigned)r & 7)
		.raw;
}

/* A UTCB location: unchanged, anything, or a slot of the UTCB area that
 * fuzz_space_control() gives most of the time. */
static l4_word_t some_utcb(uint64_t *x)
{
	switch (next(x) % 4) {
	case 0:
		return L4_UTCB_LOCATION_UNCHANGED;
	case 1:
		return next(x);
	}
	return SUITE_SPACE_UTCB_AREA + (next(x) % 64) * L4_UTCB_SIZE;
}

/* Below the case's priority, so that no thread of the fuzz can keep the
 * case (or the suite) from running. */
static void lower(l4_threadid_t t)
{
	l4_schedule(t, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
		    l4_prio_control(FUZZ_PRIO), L4_SCHEDULE_UNCHANGED, NULL);
}

static void fuzz_thread_control(uint64_t *x)
{
	l4_threadid_t t = fuzz_id(x);
	l4_threadid_t space = some_thread(x, false);
	l4_threadid_t scheduler = some_thread(x, true);
	l4_threadid_t pager = some_thread(x, true);
	l4_word_t utcb = some_utcb(x);

	if (l4_thread_control(t, space, scheduler, pager, utcb)) {
		done.made++;
		lower(t);
	}
}

/* A thread in a space of its own, configured, waiting for its start-up
 * message from the case (if its number is free in version 1). */
static void fuzz_well_formed_thread(uint64_t *x)
{
	l4_threadid_t t = l4_global_id(numbers[next(x) % FUZZ_THREADS], 1);
	l4_word_t old;

	if (!l4_thread_control(t, t, l4_myself(), l4_myself(),
			       SUITE_SPACE_UTCB_AREA))
		return;
	done.made++;
	lower(t);
	done.configured +=
		l4_space_control(t, 0, l4_fpage(SUITE_SPACE_KIP_AREA, 12, 0),
				 l4_fpage(SUITE_SPACE_UTCB_AREA,
					  SUITE_SPACE_UTCB_LOG2, 0),
				 L4_NILTHREAD, &old) != 0;
}

static void fuzz_space_control(uint64_t *x)
{
	l4_word_t old, control = 0;
	l4_threadid_t t = fuzz_id(x), redirector = L4_NILTHREAD;
	l4_fpage_t kip = l4_fpage(SUITE_SPACE_KIP_AREA, 12, 0),
		   utcb = l4_fpage(SUITE_SPACE_UTCB_AREA, SUITE_SPACE_UTCB_LOG2,
				   0);

	if (next(x) % 3 == 0)
		kip = l4_fpage_raw(next(x));
	if (next(x) % 3 == 0)
		utcb = l4_fpage_raw(next(x));
	if (next(x) % 4 == 0)
		control = next(x);
	if (next(x) % 2 == 0)
		redirector = l4_threadid(next(x));
	done.configured +=
		l4_space_control(t, control, kip, utcb, redirector, &old) != 0;
}

static void fuzz_schedule(uint64_t *x)
{
	l4_word_t old, time, processor = 0, preemption;
	l4_threadid_t t = fuzz_id(x);
	unsigned prio = (unsigned)(next(x) % FUZZ_PRIO);

	if (next(x) % 2) {
		time = next(x);
	} else {
		l4_time_t slice = l4_time_from_us(next(x) % 20000);
		l4_time_t quantum = l4_time_from_us(next(x) % 20000);

		time = l4_time_control(slice, quantum);
	}
	if (next(x) % 2)
		processor = next(x);
	preemption = next(x);
	l4_schedule(t, time, processor, l4_prio_control(prio), preemption,
		    &old);
}

/* A message to one of the case's threads: a start-up message, a map item
 * of one of the case's pages, or random untyped words. */
static void fuzz_send(uint64_t *x, l4_threadid_t to)
{
	unsigned u = (unsigned)(next(x) % 20);
	l4_word_t label;

	switch (next(x) % 3) {
	case 0: /* start-up, or a page-fault or exception reply */
		label = next(x) % 2 ? 0 : next(x) & 0xfff;
		l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
		for (unsigned i = 1; i <= u; i++)
			l4_set_mr(i, some_address(x));
		break;
	case 1:
		l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
		l4_set_mr(1, l4_mapitem_word0(some_address(x), true));
		l4_set_mr(2, some_fpage(x));
		break;
	default:
		l4_set_mr(0, l4_msgtag_make(next(x) & 0xffff, u, 0).raw);
		for (unsigned i = 1; i <= u; i++)
			l4_set_mr(i, next(x));
	}
	done.delivered += !l4_msgtag_is_error(l4_ipc(
		to, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_ZEROTIME), NULL));
}

static void fuzz_one(uint64_t *x)
{
	l4_threadid_t from;
	l4_msgtag_t tag;
	struct l4_exregs r;

	switch (next(x) % 9) {
	case 0:
	case 1:
		fuzz_thread_control(x);
		break;
	case 2:
		fuzz_space_control(x);
		break;
	case 3:
		fuzz_schedule(x);
		break;
	case 4:
		fuzz_send(x, fuzz_id(x));
		break;
	case 5: /* whatever the threads sent: answer it at random */
		l4_utcb()[L4_UTCB_BR(0)] = 0;
		tag = l4_ipc(L4_NILTHREAD, L4_ANYTHREAD,
			     l4_timeouts(L4_ZEROTIME, L4_ZEROTIME), &from);
		if (l4_msgtag_is_error(tag))
			break;
		done.received++;
		if (next(x) % 4)
			fuzz_send(x, from);
		break;
	case 6:
		for (unsigned i = 0; i < 4; i++)
			l4_set_mr(i, some_fpage(x));
		l4_unmap(next(x) % 4);
		break;
	case 7:
		r.control = next(x) & 0x3ff;
		r.sp = some_address(x);
		r.ip = some_address(x);
		r.flags = next(x);
		r.handle = next(x);
		r.pager = L4_NILTHREAD;
		/* Another space's threads: it must refuse, changing nothing. */
		l4_exchange_registers(fuzz_id(x), &r);
		l4_thread_switch(fuzz_id(x));
		break;
	case 8:
		fuzz_well_formed_thread(x);
		break;
	}
}

SUITE_TEST(privileged_calls_with_random_arguments_leave_the_kernel_working)
{
	uint64_t x = 0x853c49e6748fea9bull;
	l4_threadid_t t;
	unsigned n;

	for (unsigned i = 0; i < FUZZ_THREADS; i++)
		numbers[i] = l4_thread_number(suite_id_alloc());
	for (unsigned i = 0; i < FUZZ_PAGES; i++)
		if (!EXPECT((pages[i] = suite_page_alloc()) != NULL))
			return;
	done = (typeof(done)){ 0 };
	for (n = 0; n < ROUNDS; n++)
		fuzz_one(&x);
	l4_printf("fuzz: %u threads made or changed, %u spaces configured, "
		  "%u messages delivered, %u received\n",
		  done.made, done.configured, done.delivered, done.received);
	/* The arguments reached past the first checks. */
	EXPECT(done.made > 0 && done.configured > 0);
	EXPECT(done.delivered > 0 && done.received > 0);
	/* Delete whatever exists; afterwards none of them may. */
	for (unsigned i = 0; i < FUZZ_THREADS; i++)
		for (l4_word_t v = 1; v <= 3; v++)
			l4_thread_control(l4_global_id(numbers[i], v),
					  L4_NILTHREAD, L4_NILTHREAD,
					  L4_NILTHREAD,
					  L4_UTCB_LOCATION_UNCHANGED);
	for (unsigned i = 0; i < FUZZ_THREADS; i++)
		for (l4_word_t v = 1; v <= 3; v++)
			EXPECT(l4_schedule(l4_global_id(numbers[i], v),
					   L4_SCHEDULE_UNCHANGED,
					   L4_SCHEDULE_UNCHANGED,
					   L4_SCHEDULE_UNCHANGED,
					   L4_SCHEDULE_UNCHANGED,
					   NULL) == L4_SCHEDRESULT_ERROR);
	/* And the kernel still works: a fresh thread, a call, a page. */
	t = suite_thread_start(suite_echo_server, NULL);
	if (EXPECT(!l4_is_nil_thread(t))) {
		l4_set_mr(0, l4_msgtag_make(1, 1, 0).raw);
		l4_set_mr(1, 41);
		EXPECT(!l4_msgtag_is_error(l4_call(t)));
		EXPECT(l4_mr(1) == 42);
	}
	EXPECT(suite_page_alloc() != NULL);
}
