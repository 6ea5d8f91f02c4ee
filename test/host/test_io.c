// SPDX-License-Identifier: BSD-2-Clause
/*
 * I/O ports held by spaces and the chains they were mapped along
 * (kernel/io.c): cases for map, grant, unmap with and without flush and a
 * space going away, then a long seeded random run against a naive model
 * that keeps, per space and port, whether it holds the port and from
 * whom, checked (and io_check() run) after every step.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/io.h>
#include <kernel/kmem.h>
#include <kernel/space.h>

#include "check.h"

#define SPACES 6
#define PORTS 8 /* the ports the random run uses: 0x60 .. 0x67 */
#define PORT0 0x60
#define STEPS 200000

void arch_io_update(const struct space *s)
{
	(void)s;
}

static struct space sp[SPACES]; /* sp[0] is sigma0: holds every port */

/* The model: parent[s][p] = the space s got port p from, -1 if s does not
 * hold it, s itself for sigma0's. */
static int parent[SPACES][PORTS];

static void setup(void)
{
	for (int s = 0; s < SPACES; s++) {
		io_release(&sp[s]);
		memset(&sp[s], 0, sizeof(sp[s]));
		for (int p = 0; p < PORTS; p++)
			parent[s][p] = s == 0 ? 0 : -1;
	}
	CHECK(io_hold_all(&sp[0]));
}

static bool holds(int s, int p)
{
	return io_holds(&sp[s], PORT0 + (unsigned)p, 1);
}

/* The model's unmap below @s for port @p (and @s too with @flush). */
static void model_revoke(int s, int p)
{
	for (int t = 0; t < SPACES; t++)
		if (t != s && parent[t][p] == s) {
			parent[t][p] = -1;
			model_revoke(t, p);
		}
}

static void model_map(int from, int to, int p, bool grant)
{
	if (from == to || parent[from][p] < 0)
		return;
	if (!grant) {
		parent[to][p] = from;
		return;
	}
	parent[to][p] = parent[from][p] == from ? to : parent[from][p];
	for (int t = 0; t < SPACES; t++)
		if (t != from && parent[t][p] == from)
			parent[t][p] = to;
	parent[from][p] = -1;
}

static bool model_agrees(void)
{
	for (int s = 0; s < SPACES; s++)
		for (int p = 0; p < PORTS; p++)
			if (holds(s, p) != (parent[s][p] >= 0))
				return false;
	return true;
}

static void map_gives_the_port_and_unmap_takes_it_below(void)
{
	setup();
	CHECK(io_map(&sp[0], &sp[1], PORT0, 2, false));
	CHECK(io_map(&sp[1], &sp[2], PORT0, 1, false));
	CHECK(holds(1, 0) && holds(1, 1) && holds(2, 0) && !holds(2, 1));
	io_unmap(&sp[1], PORT0, 1, false); /* below 1 only */
	CHECK(holds(1, 0) && !holds(2, 0));
	io_unmap(&sp[1], PORT0, 2, true); /* and 1 itself */
	CHECK(!holds(1, 0) && !holds(1, 1) && holds(0, 0));
	io_check();
}

static void a_chain_is_revoked_from_the_top_at_any_depth(void)
{
	setup();
	for (int s = 0; s + 1 < SPACES; s++)
		CHECK(io_map(&sp[s], &sp[s + 1], PORT0 + 3, 1, false));
	CHECK(holds(SPACES - 1, 3));
	io_unmap(&sp[0], PORT0 + 3, 1, false);
	for (int s = 1; s < SPACES; s++)
		CHECK(!holds(s, 3));
	CHECK(holds(0, 3));
	io_check();
}

static void grant_takes_the_granters_place(void)
{
	setup();
	CHECK(io_map(&sp[0], &sp[1], PORT0, 1, false));
	CHECK(io_map(&sp[1], &sp[2], PORT0, 1, false));
	CHECK(io_map(&sp[1], &sp[3], PORT0, 1, true)); /* 1 -> 3 */
	CHECK(!holds(1, 0) && holds(2, 0) && holds(3, 0));
	io_unmap(&sp[3], PORT0, 1, false); /* 2 hangs below 3 now */
	CHECK(!holds(2, 0) && holds(3, 0));
	io_unmap(&sp[0], PORT0, 1, false); /* 3 below sigma0 */
	CHECK(!holds(3, 0));
	io_check();
}

static void a_released_space_takes_the_ports_below_it(void)
{
	setup();
	CHECK(io_map(&sp[0], &sp[1], PORT0, 1, false));
	CHECK(io_map(&sp[1], &sp[2], PORT0, 1, false));
	io_release(&sp[1]);
	memset(&sp[1], 0, sizeof(sp[1]));
	CHECK(!holds(2, 0));
	io_check();
}

static void a_second_map_replaces_the_parent(void)
{
	setup();
	CHECK(io_map(&sp[0], &sp[1], PORT0, 1, false));
	CHECK(io_map(&sp[0], &sp[2], PORT0, 1, false));
	CHECK(io_map(&sp[1], &sp[3], PORT0, 1, false));
	CHECK(io_map(&sp[2], &sp[3], PORT0, 1, false)); /* 3's parent: 2 */
	io_unmap(&sp[1], PORT0, 1, false);
	CHECK(holds(3, 0));
	io_unmap(&sp[2], PORT0, 1, false);
	CHECK(!holds(3, 0));
	io_check();
}

static void random_operations_agree_with_the_model(void)
{
	unsigned seed = 4242;
	bool ok = true;

	setup();
	srand(seed);
	for (int step = 0; step < STEPS && ok; step++) {
		int a = rand() % SPACES, b = rand() % SPACES,
		    p = rand() % PORTS;
		int op = rand() % 10;

		if (op < 5) { /* map or grant, if a holds the port */
			bool grant = op == 4;

			if (!holds(a, p))
				continue;
			ok = io_map(&sp[a], &sp[b], PORT0 + (unsigned)p, 1,
				    grant);
			model_map(a, b, p, grant);
		} else if (op < 9 && a != 0) { /* unmap, sigma0 never */
			bool flush = op == 8;

			if (holds(a, p)) {
				model_revoke(a, p);
				if (flush)
					parent[a][p] = -1;
			}
			io_unmap(&sp[a], PORT0 + (unsigned)p, 1, flush);
		} else if (a != 0) { /* the space goes, and comes back empty */
			for (int q = 0; q < PORTS; q++) {
				if (parent[a][q] >= 0)
					model_revoke(a, q);
				parent[a][q] = -1;
			}
			io_release(&sp[a]);
			memset(&sp[a], 0, sizeof(sp[a]));
		}
		io_check();
		ok = ok && model_agrees();
		if (!ok)
			printf("  diverged at step %d (seed %u)\n", step, seed);
	}
	CHECK(ok);
	setup();
}

int main(void)
{
	static uint8_t pool[64 * KMEM_PAGE] __attribute__((aligned(4096)));

	kmem_init(&kernel_pool, (uint64_t)(uintptr_t)pool,
		  (uint64_t)(uintptr_t)pool + sizeof(pool));
	RUN(map_gives_the_port_and_unmap_takes_it_below);
	RUN(a_chain_is_revoked_from_the_top_at_any_depth);
	RUN(grant_takes_the_granters_place);
	RUN(a_released_space_takes_the_ports_below_it);
	RUN(a_second_map_replaces_the_parent);
	RUN(random_operations_agree_with_the_model);
	return check_done();
}
