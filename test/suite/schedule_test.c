// SPDX-License-Identifier: BSD-2-Clause
/* Schedule, ThreadSwitch and SystemClock. */
#include "suite.h"

#define WAIT_US 1000000ull
#define U L4_SCHEDULE_UNCHANGED

static struct suite_tx tx;

/* Schedule: give @t priority @prio, nothing else. */
static l4_word_t set_prio(l4_threadid_t t, unsigned prio)
{
	return l4_schedule(t, U, U, l4_prio_control(prio), U, NULL);
}

/* Spin (without blocking) for @us microseconds. */
static void busy_for(uint64_t us)
{
	uint64_t end = l4_system_clock() + us;

	while (l4_system_clock() < end)
		;
}

SUITE_TEST(schedule_reports_a_thread_blocked_in_receive_as_waiting)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US));
}

SUITE_TEST(schedule_reports_a_thread_blocked_in_send_as_pending_send)
{
	l4_threadid_t s, b = suite_thread_start(NULL, NULL);

	tx = (struct suite_tx){ .to = b, .tag = l4_msgtag_make(1, 0, 0) };
	s = suite_thread_start(suite_sender, &tx);
	if (!EXPECT(!l4_is_nil_thread(s)))
		return;
	EXPECT(suite_wait_state(s, L4_SCHEDRESULT_PENDING_SEND, WAIT_US));
}

SUITE_TEST(schedule_reports_a_ready_thread_as_running)
{
	static volatile l4_word_t counter;
	l4_threadid_t t = suite_thread_start(suite_spinner, (void *)&counter);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(suite_state(t) == L4_SCHEDRESULT_RUNNING);
	EXPECT(suite_state(l4_myself()) == L4_SCHEDRESULT_RUNNING);
}

SUITE_TEST(schedule_reports_a_thread_without_pager_as_inactive)
{
	l4_threadid_t t = suite_id_alloc();

	if (!EXPECT(l4_thread_control(t, t, l4_myself(), L4_NILTHREAD,
				      L4_UTCB_LOCATION_UNCHANGED) == 1))
		return;
	suite_thread_add(t);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_INACTIVE);
}

SUITE_TEST(schedule_rejects_a_nonexistent_thread)
{
	EXPECT(suite_state(suite_id_alloc()) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
}

SUITE_TEST(schedule_rejects_a_processor_other_than_zero)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(l4_schedule(t, U, l4_processor_control(1), U, U, NULL) ==
	       L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
	EXPECT(l4_schedule(t, U, l4_processor_control(0), U, U, NULL) !=
	       L4_SCHEDRESULT_ERROR);
}

SUITE_TEST(schedule_by_a_thread_that_is_not_the_scheduler_fails)
{
	static struct suite_space other;
	l4_threadid_t a, t = suite_thread_start(NULL, NULL);
	l4_word_t err = 0;

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_space_create(&other)))
		return;
	a = suite_agent_start(&other);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_SCHEDULE, t.raw, 10, 0, &err) ==
	       L4_SCHEDRESULT_ERROR);
	EXPECT(err == L4_ERR_NO_PRIVILEGE);
	suite_space_delete(&other);
}

SUITE_TEST(schedule_sets_the_time_slice_and_returns_it_as_old_time_control)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	l4_time_t slice = l4_time_from_us(5000);
	l4_word_t old = 0;

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(l4_schedule(t, l4_time_control(slice, L4_NEVER), U, U, U,
			   NULL) != L4_SCHEDRESULT_ERROR);
	EXPECT(l4_schedule(t, U, U, U, U, &old) != L4_SCHEDRESULT_ERROR);
	EXPECT(l4_time_control_timeslice(old).raw == slice.raw);
}

SUITE_TEST(schedule_lower_priority_thread_waits_while_a_higher_one_runs)
{
	static volatile l4_word_t counter;
	l4_threadid_t t = suite_thread_create();

	counter = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(set_prio(t, 50) != L4_SCHEDRESULT_ERROR) ||
	    !EXPECT(suite_thread_run(t, suite_spinner, (void *)&counter)))
		return;
	busy_for(30000);
	EXPECT(counter == 0);
	suite_sleep_us(20000);
	EXPECT(counter > 0);
}

SUITE_TEST(schedule_higher_priority_thread_preempts_the_caller)
{
	static volatile int flag;
	l4_threadid_t t = suite_thread_create();
	uint64_t end;

	flag = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(set_prio(t, 150) != L4_SCHEDRESULT_ERROR) ||
	    !EXPECT(suite_thread_run(t, suite_set_flag, (void *)&flag)))
		return;
	end = l4_system_clock() + 30000;
	while (!flag && l4_system_clock() < end)
		;
	EXPECT(flag);
}

SUITE_TEST(schedule_same_priority_threads_share_the_processor)
{
	static volatile l4_word_t counter;
	l4_threadid_t t;

	counter = 0;
	t = suite_thread_start(suite_spinner, (void *)&counter);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	/* Busy, never blocking: the time slices still let it run. */
	busy_for(50000);
	EXPECT(counter > 0);
}

SUITE_TEST(thread_switch_to_a_ready_thread_runs_it)
{
	static volatile int flag;
	l4_threadid_t t;

	flag = 0;
	t = suite_thread_start(suite_set_flag, (void *)&flag);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	l4_thread_switch(t);
	EXPECT(flag);
}

SUITE_TEST(thread_switch_to_a_ready_lower_priority_thread_runs_it)
{
	static volatile int flag;
	l4_threadid_t t = suite_thread_create();

	flag = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(set_prio(t, 50) != L4_SCHEDRESULT_ERROR) ||
	    !EXPECT(suite_thread_run(t, suite_set_flag, (void *)&flag)))
		return;
	EXPECT(suite_state(t) == L4_SCHEDRESULT_RUNNING);
	/* X.2: "If dest is ready, processing switches to this thread." A
	 * timer tick may hand the processor back to this (more urgent)
	 * thread before @t got as far as the flag, so switch again then;
	 * without the switch @t never runs while this one is busy. */
	for (int i = 0; i < 100 && !flag; i++)
		l4_thread_switch(t);
	EXPECT(flag);
}

SUITE_TEST(thread_switch_to_nil_yields_to_a_thread_of_the_same_priority)
{
	static volatile int flag;
	l4_threadid_t t;

	flag = 0;
	t = suite_thread_start(suite_set_flag, (void *)&flag);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	l4_thread_switch(L4_NILTHREAD);
	EXPECT(flag);
}

SUITE_TEST(system_clock_never_goes_backwards)
{
	uint64_t last = l4_system_clock();

	for (unsigned i = 0; i < 2000; i++) {
		uint64_t now = l4_system_clock();

		if (!EXPECT(now >= last))
			return;
		last = now;
	}
}

SUITE_TEST(system_clock_advances_while_the_caller_sleeps)
{
	uint64_t t0 = l4_system_clock(), t1;

	suite_sleep_us(10000);
	t1 = l4_system_clock();
	EXPECT(t1 - t0 >= 10000);
	EXPECT(t1 - t0 < 1000000);
}

/* Receive from @t for up to @us: true if a preemption message came, with
 * its clock words in @clock (low) and @high. */
static bool take_preemption(l4_threadid_t t, uint64_t us, l4_word_t *clock,
			    l4_word_t *high)
{
	l4_threadid_t from;
	l4_msgtag_t tag = l4_ipc(L4_NILTHREAD, t,
				 l4_timeouts(L4_NEVER, l4_time_from_us(us)),
				 &from);

	if (l4_msgtag_is_error(tag) || !l4_is_preemption_tag(tag) ||
	    l4_global_id_of(from).raw != t.raw)
		return false;
	EXPECT(l4_msgtag_untyped(tag) == L4_PREEMPT_UNTYPED);
	EXPECT(l4_msgtag_typed(tag) == 0);
	*clock = l4_mr(L4_PREEMPT_MR_TIME_LOW);
	*high = l4_mr(L4_PREEMPT_MR_TIME_HIGH);
	return true;
}

/* Answer a preemption message: an empty reply. */
static bool reply_empty(l4_threadid_t t)
{
	l4_set_mr(0, 0);
	return !l4_msgtag_is_error(l4_ipc(
		t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL));
}

SUITE_TEST(schedule_total_quantum_used_up_sends_the_scheduler_a_preemption)
{
	static volatile l4_word_t counter;
	l4_threadid_t t = suite_thread_create();
	l4_word_t clock = 0, high = 1, old = 0, seen;
	uint64_t t0;

	counter = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(l4_schedule(t,
				l4_time_control(L4_NEVER,
						l4_time_from_us(20000)),
				U, U, U, NULL) != L4_SCHEDRESULT_ERROR))
		return;
	t0 = l4_system_clock();
	if (!EXPECT(suite_thread_run(t, suite_spinner, (void *)&counter)) ||
	    !EXPECT(take_preemption(t, WAIT_US, &clock, &high)))
		return;
	/* Not before 20 ms of its running (counted in whole ticks). */
	EXPECT(clock + 2000 >= t0 + 20000 && clock <= l4_system_clock());
	EXPECT(high == 0);
	/* It waits for the reply, spinning no more; nothing is left. */
	seen = counter;
	suite_sleep_us(10000);
	EXPECT(counter == seen);
	EXPECT(l4_schedule(t, U, U, U, U, &old) == L4_SCHEDRESULT_WAITING);
	EXPECT(l4_time_is_zero(l4_time_control_total_quantum(old)));
	/* Unlimited from now on: it runs again and does not report. */
	EXPECT(l4_schedule(t, l4_time_control(L4_NEVER, L4_NEVER), U, U, U,
			   NULL) != L4_SCHEDRESULT_ERROR);
	if (!EXPECT(reply_empty(t)))
		return;
	suite_sleep_us(20000);
	EXPECT(counter != seen);
	EXPECT(!take_preemption(t, 50000, &clock, &high));
	EXPECT(l4_schedule(t, U, U, U, U, &old) != L4_SCHEDRESULT_ERROR);
	EXPECT(l4_time_is_never(l4_time_control_total_quantum(old)));
}

SUITE_TEST(schedule_without_a_new_quantum_the_thread_reports_again)
{
	static volatile l4_word_t counter;
	l4_threadid_t t = suite_thread_create();
	l4_word_t first = 0, second = 0, high;

	counter = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(l4_schedule(t,
				l4_time_control(l4_time_from_us(5000),
						l4_time_from_us(5000)),
				U, U, U, NULL) != L4_SCHEDRESULT_ERROR) ||
	    !EXPECT(suite_thread_run(t, suite_spinner, (void *)&counter)) ||
	    !EXPECT(take_preemption(t, WAIT_US, &first, &high)) ||
	    !EXPECT(reply_empty(t)) ||
	    !EXPECT(take_preemption(t, WAIT_US, &second, &high)))
		return;
	/* Once more after a time slice of running. */
	EXPECT(second >= first + 4000);
	EXPECT(reply_empty(t));
}

SUITE_TEST(schedule_rejects_a_time_point_as_time_slice_or_total_quantum)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	l4_time_t slice = l4_time_from_us(5000), point = l4_time_point(3, 0, 7);
	l4_word_t old = 0;

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(l4_schedule(t, l4_time_control(slice, L4_NEVER), U, U, U,
				NULL) != L4_SCHEDRESULT_ERROR))
		return;
	EXPECT(l4_schedule(t, l4_time_control(point, L4_NEVER), U, U, U,
			   NULL) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
	EXPECT(l4_schedule(t, l4_time_control(L4_NEVER, point), U, U, U,
			   NULL) == L4_SCHEDRESULT_ERROR);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
	/* Nothing changed. */
	EXPECT(l4_schedule(t, U, U, U, U, &old) != L4_SCHEDRESULT_ERROR);
	EXPECT(l4_time_control_timeslice(old).raw == slice.raw);
	EXPECT(l4_time_is_never(l4_time_control_total_quantum(old)));
}

SUITE_TEST(schedule_quantum_used_up_with_no_scheduler_halts_the_thread)
{
	static volatile l4_word_t counter;
	l4_threadid_t t = suite_thread_create(), gone = suite_thread_create();
	struct l4_exregs r;
	uint64_t end;

	/* Its scheduler is a thread that is then deleted. */
	counter = 0;
	if (!EXPECT(!l4_is_nil_thread(t)) || !EXPECT(!l4_is_nil_thread(gone)) ||
	    !EXPECT(l4_thread_control(t, l4_myself(), gone, L4_NILTHREAD,
				      L4_UTCB_LOCATION_UNCHANGED)) ||
	    !EXPECT(suite_thread_delete(gone)) ||
	    !EXPECT(l4_schedule(
			    t, l4_time_control(L4_NEVER, l4_time_from_us(5000)),
			    U, U, U, NULL) != L4_SCHEDRESULT_ERROR) ||
	    !EXPECT(suite_thread_run(t, suite_spinner, (void *)&counter)))
		return;
	end = l4_system_clock() + WAIT_US;
	do {
		suite_sleep_us(5000);
		r = (struct l4_exregs){ .control = L4_EXREGS_DELIVER };
		l4_exchange_registers(t, &r);
	} while (!l4_thread_was_halted(r.control) && l4_system_clock() < end);
	EXPECT(l4_thread_was_halted(r.control));
}
