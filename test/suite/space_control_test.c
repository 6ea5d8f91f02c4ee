// SPDX-License-Identifier: BSD-2-Clause
/* SpaceControl: configuring a new space, and its errors. */
#include "suite.h"

#define KIP_AREA SUITE_SPACE_KIP_AREA
#define UTCB_AREA SUITE_SPACE_UTCB_AREA
#define UTCB_LOG2 SUITE_SPACE_UTCB_LOG2

/* A thread in a new, unconfigured space; nil (and a failure) if none. */
static l4_threadid_t new_space(void)
{
	l4_threadid_t t = suite_id_alloc();

	if (!EXPECT(l4_thread_control(t, t, l4_myself(), L4_NILTHREAD,
				      L4_UTCB_LOCATION_UNCHANGED) == 1))
		return L4_NILTHREAD;
	suite_thread_add(t);
	return t;
}

/* SpaceControl of @t's space with these areas (control 0). */
static l4_word_t space_control(l4_threadid_t t, l4_fpage_t kip, l4_fpage_t utcb,
			       l4_threadid_t redirector)
{
	return l4_space_control(t, L4_SPACE_CONTROL_NONE, kip, utcb, redirector,
				NULL);
}

/* The good KIP area and UTCB area for a new space. */
static l4_fpage_t kip_area(void)
{
	return l4_fpage(KIP_AREA, 12, 0);
}

static l4_fpage_t utcb_area(void)
{
	return l4_fpage(UTCB_AREA, UTCB_LOG2, 0);
}

SUITE_TEST(space_control_configures_a_new_space)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, kip_area(), utcb_area(), L4_NILTHREAD) == 1);
	/* Now the thread can get a UTCB in the area and become active. */
	EXPECT(l4_thread_control(t, t, L4_NILTHREAD, l4_myself(), UTCB_AREA) ==
	       1);
	EXPECT(suite_state(t) != L4_SCHEDRESULT_INACTIVE);
}

SUITE_TEST(space_control_accepts_the_any_thread_as_redirector)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, kip_area(), utcb_area(), L4_ANYTHREAD) == 1);
}

SUITE_TEST(space_control_rejects_a_kip_area_of_the_wrong_size)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, l4_fpage(KIP_AREA & ~0x1ffful, 13, 0),
			     utcb_area(), L4_NILTHREAD) == 0);
	EXPECT(suite_error() == L4_ERR_KIP_AREA);
}

SUITE_TEST(space_control_rejects_a_kip_area_inside_the_utcb_area)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, l4_fpage(UTCB_AREA + 0x1000, 12, 0),
			     utcb_area(), L4_NILTHREAD) == 0);
	EXPECT(suite_error() == L4_ERR_KIP_AREA);
}

SUITE_TEST(space_control_rejects_a_utcb_area_below_the_minimum_size)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, kip_area(), l4_fpage(UTCB_AREA, 11, 0),
			     L4_NILTHREAD) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
	EXPECT(space_control(t, kip_area(), L4_NILPAGE, L4_NILTHREAD) == 0);
	EXPECT(suite_error() == L4_ERR_UTCB_AREA);
}

SUITE_TEST(space_control_rejects_a_redirector)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, kip_area(), utcb_area(), suite_runner) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_PARAM);
}

SUITE_TEST(space_control_rejects_a_nonexistent_space)
{
	EXPECT(space_control(suite_id_alloc(), kip_area(), utcb_area(),
			     L4_NILTHREAD) == 0);
	EXPECT(suite_error() == L4_ERR_INVALID_SPACE);
}

SUITE_TEST(space_control_failures_leave_the_space_unconfigured)
{
	l4_threadid_t t = new_space();

	if (l4_is_nil_thread(t))
		return;
	EXPECT(space_control(t, l4_fpage(UTCB_AREA, 12, 0), utcb_area(),
			     L4_NILTHREAD) == 0);
	EXPECT(space_control(t, kip_area(), L4_NILPAGE, L4_NILTHREAD) == 0);
	EXPECT(space_control(t, kip_area(), utcb_area(), suite_runner) == 0);
	/* No UTCB can be had yet: the thread stays inactive. */
	EXPECT(l4_thread_control(t, t, L4_NILTHREAD, l4_myself(), UTCB_AREA) ==
	       1);
	EXPECT(suite_state(t) == L4_SCHEDRESULT_INACTIVE);
	/* A good SpaceControl now succeeds, and the thread becomes active. */
	EXPECT(space_control(t, kip_area(), utcb_area(), L4_NILTHREAD) == 1);
	EXPECT(suite_state(t) != L4_SCHEDRESULT_INACTIVE);
}

SUITE_TEST(space_control_from_an_unprivileged_space_fails_with_no_privilege)
{
	static struct suite_space other;
	l4_threadid_t a, t = new_space();
	l4_word_t err = 0;

	if (l4_is_nil_thread(t) || !EXPECT(suite_space_create(&other)))
		return;
	a = suite_agent_start(&other);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	EXPECT(suite_agent(a, SUITE_AG_SPACE_CONTROL, t.raw, 0, 0, &err) == 0);
	EXPECT(err == L4_ERR_NO_PRIVILEGE);
	/* The space is still unconfigured: the suite may configure it. */
	EXPECT(space_control(t, kip_area(), utcb_area(), L4_NILTHREAD) == 1);
	suite_space_delete(&other);
}
