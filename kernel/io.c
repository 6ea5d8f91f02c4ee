// SPDX-License-Identifier: BSD-2-Clause
/* I/O ports held by address spaces; see io.h. */
#include <kernel/arch.h>
#include <kernel/io.h>
#include <kernel/kmem.h>
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

bool io_give(struct space *s, uint64_t port, uint64_t n)
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

void io_take(struct space *s, uint64_t port, uint64_t n)
{
	for (uint64_t p = port; p < port + n && p < 2 * HALF; p++)
		if (s->io[p / HALF])
			s->io[p / HALF][(p % HALF) / 8] |=
				(uint8_t)(1u << (p % 8));
	s->io_gen = ++io_generation;
	arch_io_update(s);
}

void io_release(struct space *s)
{
	for (int h = 0; h < 2; h++) {
		if (s->io[h])
			kmem_free(&kernel_pool, s->io[h]);
		s->io[h] = NULL;
	}
	s->io_gen = ++io_generation;
}
