// SPDX-License-Identifier: BSD-2-Clause
/* ThreadControl: creating and deleting threads, and its errors. */
#include "suite.h"

#define WAIT_US 1000000ull

static struct suite_space space_a;

/* ThreadControl that creates @t in the suite's space with UTCB @location. */
static l4_word_t create_own(l4_threadid_t t, l4_word_t location)
{
	return l4_thread_control(t, suite_runner, l4_myself(), suite_runner,
				 location);
}

/* True if no thread @t exists: a send to it finds no partner. */
static bool thread_absent(l4_threadid_t t)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(1, 0, 0).raw);
	tag = l4_ipc(t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL);
	return l4_msgtag_is_error(tag) &&
	       suite_error() ==
		       l4_ipc_error(L4_IPC_ENOPARTNER, L4_IPC_PHASE_SEND, 0);
}

SUITE_TEST(thread_control_creates_a_thread_that_runs_in_the_own_space)
{
	static volatile int flag;
	l4_threadid_t t;

	flag = 0;
	t = suite_thread_start(suite_set_flag, (void *)&flag);
	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(suite_wait_flag(&flag, WAIT_US));
}

SUITE_TEST(thread_control_creates_a_thread_in_a_new_space)
{
	l4_threadid_t a;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_NOP, 0, 0, 0, NULL) == 0);
	/* The agent runs in its own space: a word there is not ours. */
	EXPECT(suite_agent(a, SUITE_AG_WRITE, 0x20000000, 0x77, 0, NULL) == 0);
	EXPECT(suite_agent(a, SUITE_AG_READ, 0x20000000, 0, 0, NULL) == 0x77);
	EXPECT(suite_space_faults_at(&space_a, 0x20000000) == 1);
	suite_space_delete(&space_a);
}

SUITE_TEST(thread_control_creates_a_second_thread_in_a_new_space)
{
	l4_threadid_t a, b;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	b = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(b)))
		return;
	/* Both see the same memory. */
	suite_agent(a, SUITE_AG_WRITE, 0x20000000, 0x1234, 0, NULL);
	EXPECT(suite_agent(b, SUITE_AG_READ, 0x20000000, 0, 0, NULL) == 0x1234);
	EXPECT(suite_space_faults_at(&space_a, 0x20000000) == 1);
	suite_space_delete(&space_a);
}

SUITE_TEST(thread_control_changes_the_pager_of_an_existing_thread)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)))
		return;
	EXPECT(l4_thread_control(t, suite_runner, L4_NILTHREAD, suite_sigma0,
				 L4_UTCB_LOCATION_UNCHANGED) == 1);
	l4_exchange_registers(t, &r);
	EXPECT(r.pager.raw == suite_sigma0.raw);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_WAITING);
}

SUITE_TEST(thread_control_rejects_a_thread_number_below_the_user_base)
{
	l4_threadid_t t = l4_global_id(suite_user_base - 1, 1);
	l4_word_t location = suite_utcb_alloc();

	EXPECT(create_own(t, location) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	suite_utcb_free(location);
}

SUITE_TEST(thread_control_rejects_the_nil_thread)
{
	l4_word_t location = suite_utcb_alloc();

	EXPECT(create_own(L4_NILTHREAD, location) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	suite_utcb_free(location);
}

SUITE_TEST(thread_control_rejects_another_version_of_a_used_number)
{
	l4_threadid_t t = l4_global_id(l4_thread_number(suite_runner), 2);
	l4_word_t location = suite_utcb_alloc();

	EXPECT(create_own(t, location) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	suite_utcb_free(location);
}

SUITE_TEST(thread_control_rejects_a_nonexistent_space_specifier)
{
	l4_threadid_t t = suite_id_alloc(), nobody = suite_id_alloc();
	l4_word_t location = suite_utcb_alloc();

	EXPECT(l4_thread_control(t, nobody, l4_myself(), suite_runner,
				 location) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
	EXPECT(thread_absent(t));
	suite_utcb_free(location);
}

SUITE_TEST(thread_control_rejects_a_utcb_outside_the_utcb_area)
{
	l4_threadid_t t = suite_id_alloc();
	l4_word_t end =
		suite_utcb_area_base() + (1ul << suite_utcb_area_log2());

	EXPECT(create_own(t, end) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	EXPECT(create_own(t, suite_utcb_area_base() - L4_UTCB_SIZE) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
}

SUITE_TEST(thread_control_rejects_a_misaligned_utcb_location)
{
	l4_threadid_t t = suite_id_alloc();
	l4_word_t location = suite_utcb_alloc();

	EXPECT(create_own(t, location + 0x100) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	suite_utcb_free(location);
}

SUITE_TEST(thread_control_failure_leaves_the_thread_id_free)
{
	l4_threadid_t t = suite_id_alloc();
	l4_word_t location = suite_utcb_alloc();
	struct l4_exregs r = { .control = L4_EXREGS_DELIVER };
	struct suite_thread *e;

	EXPECT(create_own(t, location + 0x100) == 0);
	EXPECT(thread_absent(t));
	EXPECT(l4_is_nil_thread(l4_exchange_registers(t, &r)));
	EXPECT(suite_state(t) == L4_SCHEDRESULT_ERROR);
	/* The same id and UTCB slot are still free to take. */
	if (!EXPECT(create_own(t, location) == 1)) {
		suite_utcb_free(location);
		return;
	}
	e = suite_thread_add(t);
	if (e)
		e->utcb_location = location;
	EXPECT(!thread_absent(t));
}

SUITE_TEST(thread_control_deletes_a_thread)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);

	if (!EXPECT(!l4_is_nil_thread(t)))
		return;
	EXPECT(!thread_absent(t));
	EXPECT(suite_thread_delete(t));
	EXPECT(thread_absent(t));
	EXPECT(suite_state(t) == L4_SCHEDRESULT_ERROR);
}

SUITE_TEST(thread_control_rejects_deleting_a_nonexistent_thread)
{
	EXPECT(l4_thread_control(suite_id_alloc(), L4_NILTHREAD, L4_NILTHREAD,
				 L4_NILTHREAD,
				 L4_UTCB_LOCATION_UNCHANGED) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
}

SUITE_TEST(thread_control_deleted_thread_number_can_be_created_again)
{
	l4_threadid_t t = suite_thread_start(NULL, NULL);
	l4_word_t location = suite_utcb_alloc();
	struct suite_thread *e;

	if (!EXPECT(!l4_is_nil_thread(t)) || !EXPECT(suite_thread_delete(t)))
		return;
	if (!EXPECT(create_own(t, location) == 1)) {
		suite_utcb_free(location);
		return;
	}
	e = suite_thread_add(t);
	if (e)
		e->utcb_location = location;
	EXPECT(suite_thread_run(t, NULL, NULL));
	EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US));
}

SUITE_TEST(thread_control_new_space_thread_is_inactive_until_it_has_a_pager)
{
	l4_threadid_t t = suite_id_alloc();

	if (!EXPECT(l4_thread_control(t, t, l4_myself(), L4_NILTHREAD,
				      L4_UTCB_LOCATION_UNCHANGED) == 1))
		return;
	suite_thread_add(t);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_INACTIVE);
}

SUITE_TEST(space_disappears_with_its_last_thread)
{
	l4_threadid_t a, b, c = suite_id_alloc();

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	b = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(b)))
		return;
	/* Without its first thread the space lives on with b. */
	EXPECT(suite_thread_delete(a));
	EXPECT(suite_agent(b, SUITE_AG_NOP, 0, 0, 0, NULL) == 0);
	EXPECT(l4_thread_control(c, b, l4_myself(), L4_NILTHREAD,
				 L4_UTCB_LOCATION_UNCHANGED) == 1);
	EXPECT(suite_thread_delete(c));
	EXPECT(suite_thread_delete(b));
	/* Now nothing names the space any more. */
	EXPECT(l4_thread_control(c, b, l4_myself(), L4_NILTHREAD,
				 L4_UTCB_LOCATION_UNCHANGED) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
}

SUITE_TEST(thread_control_from_an_unprivileged_space_fails_with_no_privilege)
{
	l4_threadid_t a, t = suite_id_alloc();
	l4_word_t err = 0;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_THREAD_CONTROL, t.raw, a.raw, a.raw,
			   &err) == 0);
	EXPECT(err == L4_ERR_NO_PRIVILEGE);
	EXPECT(thread_absent(t));
	suite_space_delete(&space_a);
}

SUITE_TEST(thread_control_from_an_unprivileged_space_deletes_nothing)
{
	l4_threadid_t a, t = suite_thread_start(NULL, NULL);
	l4_word_t err = 0;

	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_state(t, L4_SCHEDRESULT_WAITING, WAIT_US)) ||
	    !EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_THREAD_CONTROL, t.raw, L4_NILTHREAD_RAW,
			   L4_NILTHREAD_RAW, &err) == 0);
	EXPECT(err == L4_ERR_NO_PRIVILEGE);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_WAITING);
	suite_space_delete(&space_a);
}

/*
 * Spaces A and B, a word at MOVE_VA in each, and an agent in each: x the
 * second thread of A (UTCB slot 1) and y the first of B (slot 0). A's
 * first thread is deleted again, so x is A's last. The agents keep their
 * UTCB address when moved (slot 1 in B too): code may keep it
 * (l4_utcb()), so a move that changes it needs the mover's cooperation.
 */
#define MOVE_VA 0x20000000ul
#define MOVE_SLOT (SUITE_SPACE_UTCB_AREA + 1 * L4_UTCB_SIZE)
static struct suite_space space_b;

static bool two_spaces(l4_threadid_t *x, l4_threadid_t *y)
{
	l4_threadid_t a0;

	if (!EXPECT(suite_space_create(&space_a)) ||
	    !EXPECT(suite_space_create(&space_b)))
		return false;
	a0 = suite_agent_start(&space_a);
	*x = suite_agent_start(&space_a);
	*y = suite_agent_start(&space_b);
	return EXPECT(!l4_is_nil_thread(a0) && !l4_is_nil_thread(*x) &&
		      !l4_is_nil_thread(*y)) &&
	       EXPECT(suite_thread_delete(a0)) &&
	       EXPECT(suite_agent(*x, SUITE_AG_WRITE, MOVE_VA, 111, 0, NULL) ==
		      0) &&
	       EXPECT(suite_agent(*y, SUITE_AG_WRITE, MOVE_VA, 222, 0, NULL) ==
		      0);
}

SUITE_TEST(thread_control_moves_a_thread_to_another_space)
{
	l4_word_t id = 0;
	l4_threadid_t x, y;

	if (!two_spaces(&x, &y))
		return;
	/* x is the last thread of A: A goes when x leaves. */
	EXPECT(l4_thread_control(x, y, L4_NILTHREAD, L4_NILTHREAD, MOVE_SLOT) ==
	       1);
	/* Its wait was aborted; waiting again, it faults on its stack, which
	 * B has not mapped: serve that (the suite is its pager). */
	suite_serve(x, 100000);
	EXPECT(suite_space_faults_at(
		       &space_a, SUITE_SPACE_STACKS +
					 2 * SUITE_SPACE_STACK_SIZE - 8) >= 1);
	EXPECT(suite_agent(x, SUITE_AG_READ, MOVE_VA, 0, 0, NULL) == 222);
	EXPECT(suite_agent(x, SUITE_AG_WHOAMI, 0, 0, 0, &id) ==
	       l4_utcb_from_location(MOVE_SLOT));
	EXPECT(id == x.raw);
	/* Both threads of B see each other's writes now. */
	EXPECT(suite_agent(x, SUITE_AG_WRITE, MOVE_VA, 333, 0, NULL) == 0);
	EXPECT(suite_agent(y, SUITE_AG_READ, MOVE_VA, 0, 0, NULL) == 333);
	/* A is gone: nothing names it (x names B now). */
	EXPECT(suite_thread_delete(x));
	EXPECT(suite_agent(y, SUITE_AG_READ, MOVE_VA, 0, 0, NULL) == 333);
	suite_space_delete(&space_b);
}

SUITE_TEST(thread_control_refuses_moves_that_cannot_be_and_changes_nothing)
{
	l4_threadid_t x, y, nobody = suite_id_alloc();

	if (!two_spaces(&x, &y))
		return;
	EXPECT(l4_thread_control(x, y, L4_NILTHREAD, L4_NILTHREAD,
				 L4_UTCB_LOCATION_UNCHANGED) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	EXPECT(l4_thread_control(x, y, L4_NILTHREAD, L4_NILTHREAD,
				 SUITE_SPACE_UTCB_AREA) == 0); /* y's */
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	EXPECT(l4_thread_control(x, y, L4_NILTHREAD, L4_NILTHREAD,
				 0x10000000ul) == 0); /* outside the area */
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	EXPECT(l4_thread_control(x, y, nobody, L4_NILTHREAD, MOVE_SLOT) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SCHEDULER);
	EXPECT(l4_thread_control(x, suite_sigma0, L4_NILTHREAD, L4_NILTHREAD,
				 MOVE_SLOT) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
	EXPECT(l4_thread_control(l4_myself(), y, L4_NILTHREAD, L4_NILTHREAD,
				 MOVE_SLOT) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
	/* x is where it was, and still answers. */
	EXPECT(suite_agent(x, SUITE_AG_READ, MOVE_VA, 0, 0, NULL) == 111);
	EXPECT(suite_thread_delete(x));
	suite_space_delete(&space_b);
}

SUITE_TEST(thread_control_refuses_to_move_a_thread_in_a_page_fault)
{
	l4_threadid_t x, y;

	if (!two_spaces(&x, &y))
		return;
	/* A read in its UTCB area where no UTCB is: the suite, its pager,
	 * leaves the fault unanswered, so x stays in the kernel's page-fault
	 * IPC. */
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_READ, 3, 0).raw);
	l4_set_mr(1, SUITE_SPACE_UTCB_AREA + 0x8000);
	EXPECT(!l4_msgtag_is_error(l4_send(x)));
	suite_serve(x, 100000);
	EXPECT(l4_thread_control(x, y, L4_NILTHREAD, L4_NILTHREAD, MOVE_SLOT) ==
	       0);
	EXPECT(suite_error() == L4_ERR_INVALID_THREAD);
	EXPECT(suite_thread_delete(x));
	suite_space_delete(&space_b);
}
