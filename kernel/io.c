// SPDX-License-Identifier: BSD-2-Clause
/* I/O ports held by address spaces; see io.h. */
#include <kernel/arch.h>
#include <kernel/io.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>
#include <kernel/space.h>
#include <kernel/string.h>

#define HALF 32768u /* ports per bitmap page */

static uint64_t io_generation; /* never repeats: a space reusing a freed
				  one's address cannot match its old mark */

static bool bit_clear(const uint8_t *b, unsigned i)
{
	return !(b[i / 8] & (1u << (i % 8)));
}

bool io_holds(const struct space *s, uint64_t port, uint64_t n)
{
	if (port + n > 2 * HALF)
		return false;
	for (uint64_t p = port; p < port + n; p++) {
		const uint8_t *b = s->io[p / HALF];

		if (!b || !bit_clear(b, p % HALF))
			return false;
	}
	return true;
}

/* Make sure the halves that [port, port + n) touches exist. */
static bool io_alloc(struct space *s, uint64_t port, uint64_t n)
{
	for (unsigned h = (unsigned)(port / HALF); h <= (port + n - 1) / HALF;
	     h++) {
		if (s->io[h])
			continue;
		s->io[h] = kmem_alloc(&kernel_pool);
		if (!s->io[h])
			return false;
		memset(s->io[h], 0xff, KMEM_PAGE); /* nothing held */
	}
	return true;
}

static bool io_give(struct space *s, uint64_t port, uint64_t n)
{
	if (n == 0 || port + n > 2 * HALF || !io_alloc(s, port, n))
		return false;
	for (uint64_t p = port; p < port + n; p++)
		s->io[p / HALF][(p % HALF) / 8] &= (uint8_t) ~(1u << (p % 8));
	s->io_gen = ++io_generation;
	arch_io_update(s);
	return true;
}

bool io_hold_all(struct space *s)
{
	return io_give(s, 0, 2 * HALF);
}

static void io_take(struct space *s, uint64_t port, uint64_t n)
{
	for (uint64_t p = port; p < port + n && p < 2 * HALF; p++)
		if (s->io[p / HALF])
			s->io[p / HALF][(p % HALF) / 8] |=
				(uint8_t)(1u << (p % 8));
	s->io_gen = ++io_generation;
	arch_io_update(s);
}

/* --- The chains ---------------------------------------------------------- */

#define IO_EDGES 1024

static struct io_edge {
	struct space *from, *to; /* to got port from from; NULL: free */
	uint32_t port;
} edges[IO_EDGES];

/* The edge into @to for @port, or NULL. */
static struct io_edge *parent_edge(const struct space *to, uint64_t port)
{
	for (unsigned i = 0; i < IO_EDGES; i++)
		if (edges[i].to == to && edges[i].port == port)
			return &edges[i];
	return NULL;
}

static unsigned edges_free(void)
{
	unsigned n = 0;

	for (unsigned i = 0; i < IO_EDGES; i++)
		n += !edges[i].to;
	return n;
}

/*
 * Take @port from every space below @s, depth first without recursion:
 * the spaces still to visit wait in @todo (an edge is removed when its
 * lower end is pushed, so each space is pushed once per edge).
 */
static void revoke_below(struct space *s, uint64_t port)
{
	static struct space *todo[IO_EDGES + 1];
	unsigned top = 0;

	todo[top++] = s;
	while (top) {
		struct space *x = todo[--top];

		for (unsigned i = 0; i < IO_EDGES; i++) {
			if (edges[i].from != x || edges[i].port != port)
				continue;
			io_take(edges[i].to, port, 1);
			todo[top++] = edges[i].to;
			edges[i].from = edges[i].to = NULL;
		}
	}
}

bool io_map(struct space *from, struct space *to, uint64_t port, uint64_t n,
	    bool grant)
{
	unsigned need = 0;

	if (from == to)
		return true; /* nothing moves */
	for (uint64_t p = port; p < port + n && !grant; p++)
		need += !parent_edge(to, p); /* a grant only moves edges */
	if (need > edges_free() || !io_give(to, port, n))
		return false;
	for (uint64_t p = port; p < port + n; p++) {
		struct io_edge *e = parent_edge(to, p), *up;

		if (!grant) {
			if (!e) /* need counted it */
				for (e = edges; e->to; e++)
					;
			*e = (struct io_edge){ from, to, (uint32_t)p };
			continue;
		}
		/* A grant: @to takes @from's place, above and below. */
		up = parent_edge(from, p);
		if (e)
			e->from = e->to = NULL;
		if (up)
			up->to = to;
		for (unsigned i = 0; i < IO_EDGES; i++)
			if (edges[i].from == from && edges[i].port == p)
				edges[i].from = to;
		io_take(from, p, 1);
	}
	return true;
}

void io_unmap(struct space *s, uint64_t port, uint64_t n, bool flush)
{
	for (uint64_t p = port; p < port + n && p < 2 * HALF; p++) {
		struct io_edge *e;

		if (!io_holds(s, p, 1))
			continue;
		revoke_below(s, p);
		if (!flush)
			continue;
		io_take(s, p, 1);
		e = parent_edge(s, p);
		if (e)
			e->from = e->to = NULL;
	}
}

void io_check(void)
{
	for (unsigned i = 0; i < IO_EDGES; i++) {
		const struct io_edge *e = &edges[i];

		if (!e->to)
			continue;
		if (!e->from || e->from == e->to ||
		    !io_holds(e->from, e->port, 1) ||
		    !io_holds(e->to, e->port, 1))
			panic("io: edge %u (%u) is broken", i, e->port);
		for (unsigned j = i + 1; j < IO_EDGES; j++)
			if (edges[j].to == e->to && edges[j].port == e->port)
				panic("io: port %u has two parents", e->port);
	}
}

void io_release(struct space *s)
{
	for (unsigned i = 0; i < IO_EDGES; i++) {
		if (edges[i].from == s && edges[i].to)
			revoke_below(s, edges[i].port);
		if (edges[i].to == s)
			edges[i].from = edges[i].to = NULL;
	}
	for (int h = 0; h < 2; h++) {
		if (s->io[h])
			kmem_free(&kernel_pool, s->io[h]);
		s->io[h] = NULL;
	}
	s->io_gen = ++io_generation;
}
