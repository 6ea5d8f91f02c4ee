// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the clock eviction policy (pagers/lib/src/clock.c): its
 * cases, then a seeded random run against a model that does second chance
 * the slow, obvious way (a list in hand order), with clock_check() after
 * every step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagers/clock.h>

#include "check.h"

#define N 16u

static uint8_t store[N];
static struct clock c;

static void take_all(void)
{
	clock_init(&c, store, N);
	for (unsigned i = 0; i < N; i++)
		CHECK(clock_take(&c) == (int)i);
}

static void an_empty_clock_has_no_victim(void)
{
	clock_init(&c, store, N);
	CHECK(clock_victim(&c) == -1);
	CHECK(clock_check(&c));
}

static void take_hands_out_every_frame_once_then_none(void)
{
	take_all();
	CHECK(clock_take(&c) == -1);
	CHECK(c.used == N && clock_check(&c));
}

static void every_frame_referenced_gives_the_hand_frame_after_a_turn(void)
{
	take_all(); /* all referenced: the first turn only clears */
	CHECK(clock_victim(&c) == 0);
	CHECK(c.hand == 1 && clock_check(&c));
}

static void a_touched_frame_gets_its_second_chance(void)
{
	take_all();
	CHECK(clock_victim(&c) == 0); /* everything unreferenced now */
	clock_touch(&c, 1);
	CHECK(clock_victim(&c) == 2); /* 1 is passed over, and loses R */
	CHECK(clock_victim(&c) == 3);
	CHECK(!(store[1] & CLOCK_REF));
}

static void free_frames_are_skipped_and_reused(void)
{
	take_all();
	CHECK(clock_victim(&c) == 0);
	clock_release(&c, 0);
	clock_release(&c, 5);
	CHECK(c.used == N - 2);
	CHECK(clock_victim(&c) == 1);
	CHECK(clock_take(&c) == 5); /* the first free one from the hand (2) */
	CHECK(clock_check(&c));
}

static void untouched_frames_go_round_robin(void)
{
	take_all();
	CHECK(clock_victim(&c) == 0);
	for (unsigned i = 1; i < 3 * N; i++)
		CHECK(clock_victim(&c) == (int)(i % N));
}

static void out_of_range_frames_change_nothing(void)
{
	take_all();
	clock_touch(&c, N);
	clock_release(&c, N + 3);
	CHECK(c.used == N && clock_check(&c));
}

/* --- The random run ------------------------------------------------------ */

/* The model: used and referenced flags, and the hand, stepped one frame at
 * a time exactly as the policy is stated in clock.h. */
static bool m_used[N], m_ref[N];
static unsigned m_hand, m_nused;

static int model_victim(void)
{
	if (!m_nused)
		return -1;
	for (;;) {
		unsigned f = m_hand;

		m_hand = (m_hand + 1) % N;
		if (!m_used[f])
			continue;
		if (m_ref[f]) {
			m_ref[f] = false;
			continue;
		}
		return (int)f;
	}
}

static int model_take(void)
{
	if (m_nused == N)
		return -1;
	for (unsigned i = 0; i < N; i++) {
		unsigned f = (m_hand + i) % N;

		if (!m_used[f]) {
			m_used[f] = m_ref[f] = true;
			m_nused++;
			return (int)f;
		}
	}
	return -1;
}

static bool same(void)
{
	if (c.hand != m_hand || c.used != m_nused)
		return false;
	for (unsigned f = 0; f < N; f++)
		if (!!(store[f] & CLOCK_USED) != m_used[f] ||
		    !!(store[f] & CLOCK_REF) != m_ref[f])
			return false;
	return true;
}

static void random_operations_agree_with_the_model(void)
{
	bool ok = true;

	srand(0xc10c);
	clock_init(&c, store, N);
	memset(m_used, 0, sizeof(m_used));
	memset(m_ref, 0, sizeof(m_ref));
	m_hand = m_nused = 0;
	for (unsigned i = 0; i < 200000 && ok; i++) {
		unsigned op = (unsigned)rand() % 8, f = (unsigned)rand() % N;

		if (op < 3) {
			ok = clock_take(&c) == model_take();
		} else if (op < 5) {
			clock_touch(&c, f);
			if (m_used[f])
				m_ref[f] = true;
		} else if (op < 7) {
			int v = clock_victim(&c);

			ok = v == model_victim();
			if (ok && v >= 0 && rand() % 2) { /* evict it */
				clock_release(&c, (unsigned)v);
				m_used[v] = m_ref[v] = false;
				m_nused--;
			}
		} else {
			clock_release(&c, f);
			if (m_used[f]) {
				m_used[f] = m_ref[f] = false;
				m_nused--;
			}
		}
		ok = ok && clock_check(&c) && same();
		if (!ok)
			fprintf(stderr, "step %u (op %u) disagrees\n", i, op);
	}
	CHECK(ok);
}

int main(void)
{
	RUN(an_empty_clock_has_no_victim);
	RUN(take_hands_out_every_frame_once_then_none);
	RUN(every_frame_referenced_gives_the_hand_frame_after_a_turn);
	RUN(a_touched_frame_gets_its_second_chance);
	RUN(free_frames_are_skipped_and_reused);
	RUN(untouched_frames_go_round_robin);
	RUN(out_of_range_frames_change_nothing);
	RUN(random_operations_agree_with_the_model);
	return check_done();
}
