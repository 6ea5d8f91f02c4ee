// SPDX-License-Identifier: BSD-2-Clause
/* Threads of the test suite; see threads.h. */
#include "suite.h"

#define FIRST_NUMBER_OFFSET 16 /* above the root task, room for others */
#define UTCB_AREA_LOG2 20      /* kernel/root.c gives the root task 1 MiB */

l4_threadid_t suite_runner;
l4_threadid_t suite_sigma0;
unsigned suite_user_base;

static l4_word_t next_number;
static l4_word_t utcb_base;
static bool utcb_used[1u << (UTCB_AREA_LOG2 - L4_UTCB_ALIGN_LOG2)];
static unsigned utcb_next = 1;

static uint8_t stacks[SUITE_STACKS][SUITE_STACK_SIZE]
	__attribute__((aligned(4096)));
static bool stack_used[SUITE_STACKS];

static struct suite_thread table[SUITE_THREADS];

void suite_threads_init(void)
{
	l4_word_t location = l4_utcb_location((l4_word_t)l4_utcb());

	suite_runner = l4_myself();
	suite_user_base = l4_thread_info_user_base(l4_kip_thread_info(l4_kip));
	suite_sigma0 = l4_sigma0_thread(suite_user_base);
	next_number = l4_thread_number(suite_runner) + FIRST_NUMBER_OFFSET;
	utcb_base = location & ~l4_mask(UTCB_AREA_LOG2);
	utcb_used[(location - utcb_base) >> L4_UTCB_ALIGN_LOG2] = true;
}

l4_threadid_t suite_id_alloc(void)
{
	return l4_global_id(next_number++, 1);
}

l4_word_t suite_id_mark(void)
{
	return next_number;
}

l4_word_t suite_utcb_area_base(void)
{
	return utcb_base;
}

unsigned suite_utcb_area_log2(void)
{
	return UTCB_AREA_LOG2;
}

/* Slots are taken round robin, so a slot is reused as late as possible. */
l4_word_t suite_utcb_alloc(void)
{
	unsigned n = sizeof(utcb_used) / sizeof(utcb_used[0]);

	for (unsigned i = 0; i < n; i++) {
		unsigned s = (utcb_next + i) % n;

		if (!utcb_used[s]) {
			utcb_used[s] = true;
			utcb_next = s + 1;
			return utcb_base + ((l4_word_t)s << L4_UTCB_ALIGN_LOG2);
		}
	}
	return 0;
}

void suite_utcb_free(l4_word_t location)
{
	if (location >= utcb_base)
		utcb_used[(location - utcb_base) >> L4_UTCB_ALIGN_LOG2] = false;
}

/* Index of a free stack, -1 if none. */
static int stack_alloc(void)
{
	for (int i = 0; i < SUITE_STACKS; i++) {
		if (!stack_used[i]) {
			stack_used[i] = true;
			return i;
		}
	}
	return -1;
}

struct suite_thread *suite_thread_find(l4_threadid_t id)
{
	for (unsigned i = 0; i < SUITE_THREADS; i++)
		if (!l4_is_nil_thread(id) && table[i].id.raw == id.raw)
			return &table[i];
	return NULL;
}

struct suite_thread *suite_thread_add(l4_threadid_t id)
{
	struct suite_thread *e = suite_thread_find(id);

	for (unsigned i = 0; !e && i < SUITE_THREADS; i++)
		if (l4_is_nil_thread(table[i].id))
			e = &table[i];
	if (!e) {
		suite_fail("threads: more than %d threads", SUITE_THREADS);
		return NULL;
	}
	*e = (struct suite_thread){ .id = id, .stack = -1 };
	return e;
}

/* Forget @e and give back its UTCB slot and stack. */
static void thread_forget(struct suite_thread *e)
{
	if (e->utcb_location)
		suite_utcb_free(e->utcb_location);
	if (e->stack >= 0)
		stack_used[e->stack] = false;
	*e = (struct suite_thread){ .stack = -1 };
}

/* The entry of the calling thread, found by its UTCB address. */
static struct suite_thread *thread_self(void)
{
	l4_word_t location = l4_utcb_location((l4_word_t)l4_utcb());

	for (unsigned i = 0; i < SUITE_THREADS; i++)
		if (table[i].utcb_location == location && !table[i].space &&
		    !l4_is_nil_thread(table[i].id))
			return &table[i];
	return NULL;
}

/*
 * Where every own-space thread starts: clear what an earlier owner of the
 * UTCB slot may have left, make the runner the exception handler, run the
 * function, and then block for good (the cleanup deletes the thread).
 */
static void thread_trampoline(void)
{
	struct suite_thread *e = thread_self();
	l4_word_t *u = l4_utcb();

	u[L4_UTCB_EXCEPTION_HANDLER] = suite_runner.raw;
	u[L4_UTCB_XFER_TIMEOUTS] = 0;
	u[L4_UTCB_FLAGS] = 0;
	u[L4_UTCB_BR(0)] = 0;
	if (e && e->fn)
		e->fn(e->arg);
	l4_sleep_forever();
}

l4_threadid_t suite_thread_create(void)
{
	return suite_thread_create_paged(suite_runner);
}

l4_threadid_t suite_thread_create_paged(l4_threadid_t pager)
{
	l4_threadid_t t = suite_id_alloc();
	l4_word_t location = suite_utcb_alloc();
	struct suite_thread *e;

	if (!location)
		return L4_NILTHREAD;
	if (!l4_thread_control(t, suite_runner, l4_myself(), pager, location)) {
		suite_utcb_free(location);
		return L4_NILTHREAD;
	}
	e = suite_thread_add(t);
	if (!e) {
		suite_utcb_free(location);
		l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD, L4_NILTHREAD,
				  L4_UTCB_LOCATION_UNCHANGED);
		return L4_NILTHREAD;
	}
	e->utcb_location = location;
	return t;
}

bool suite_thread_run(l4_threadid_t t, void (*fn)(void *), void *arg)
{
	struct suite_thread *e = suite_thread_find(t);
	struct l4_exregs r = { 0 };

	if (!e || e->space || e->stack >= 0)
		return false;
	e->stack = stack_alloc();
	if (e->stack < 0)
		return false;
	e->fn = fn;
	e->arg = arg;
	/* As after a call: RSP + 8 is 16-byte aligned at function entry. */
	r.sp = (l4_word_t)&stacks[e->stack][SUITE_STACK_SIZE] - 8;
	r.ip = (l4_word_t)thread_trampoline;
	r.control = L4_EXREGS_SET_SP | L4_EXREGS_SET_IP | L4_EXREGS_START;
	return !l4_is_nil_thread(l4_exchange_registers(t, &r));
}

l4_threadid_t suite_thread_start(void (*fn)(void *), void *arg)
{
	l4_threadid_t t = suite_thread_create();

	if (l4_is_nil_thread(t))
		return t;
	if (!suite_thread_run(t, fn, arg)) {
		suite_thread_delete(t);
		return L4_NILTHREAD;
	}
	return t;
}

l4_threadid_t suite_thread_local(l4_threadid_t t)
{
	struct suite_thread *e = suite_thread_find(t);

	if (!e || !e->utcb_location)
		return L4_NILTHREAD;
	return l4_local_id(l4_utcb_from_location(e->utcb_location));
}

bool suite_thread_delete(l4_threadid_t t)
{
	struct suite_thread *e = suite_thread_find(t);
	bool ok = l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD, L4_NILTHREAD,
				    L4_UTCB_LOCATION_UNCHANGED);

	if (e)
		thread_forget(e);
	return ok;
}

void suite_threads_cleanup(l4_word_t mark)
{
	for (l4_word_t n = next_number; n-- > mark;) {
		l4_threadid_t t = l4_global_id(n, 1);
		struct suite_thread *e = suite_thread_find(t);

		l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD, L4_NILTHREAD,
				  L4_UTCB_LOCATION_UNCHANGED);
		if (e)
			thread_forget(e);
	}
}

void suite_sleep_us(uint64_t us)
{
	l4_ipc(L4_NILTHREAD, l4_myself(),
	       l4_timeouts(L4_NEVER, l4_time_from_us(us)), NULL);
}

bool suite_wait_flag(volatile int *flag, uint64_t us)
{
	uint64_t end = l4_system_clock() + us;

	while (!*flag) {
		if (l4_system_clock() > end)
			return false;
		suite_sleep_us(1000);
	}
	return true;
}

l4_word_t suite_state(l4_threadid_t t)
{
	return l4_schedule(t, L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED,
			   L4_SCHEDULE_UNCHANGED, L4_SCHEDULE_UNCHANGED, NULL);
}

bool suite_wait_state(l4_threadid_t t, l4_word_t state, uint64_t us)
{
	uint64_t end = l4_system_clock() + us;

	while (suite_state(t) != state) {
		if (l4_system_clock() > end)
			return false;
		suite_sleep_us(1000);
	}
	return true;
}
