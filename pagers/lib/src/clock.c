// SPDX-License-Identifier: BSD-2-Clause
/* The clock eviction policy; see clock.h. */
#include <pagers/clock.h>

void clock_init(struct clock *c, uint8_t *store, unsigned n)
{
	c->frame = store;
	c->n = n;
	c->hand = 0;
	c->used = 0;
	for (unsigned i = 0; i < n; i++)
		store[i] = 0;
}

int clock_take(struct clock *c)
{
	if (c->used == c->n)
		return -1;
	for (unsigned i = 0; i < c->n; i++) {
		unsigned f = (c->hand + i) % c->n;

		if (!(c->frame[f] & CLOCK_USED)) {
			c->frame[f] = CLOCK_USED | CLOCK_REF;
			c->used++;
			return (int)f;
		}
	}
	return -1; /* not reached: used < n means a free frame exists */
}

void clock_release(struct clock *c, unsigned f)
{
	if (f < c->n && (c->frame[f] & CLOCK_USED)) {
		c->frame[f] = 0;
		c->used--;
	}
}

void clock_touch(struct clock *c, unsigned f)
{
	if (f < c->n && (c->frame[f] & CLOCK_USED))
		c->frame[f] |= CLOCK_REF;
}

int clock_victim(struct clock *c)
{
	if (!c->used)
		return -1;
	/* Two turns at most: the first may only clear reference bits. */
	for (unsigned i = 0; i < 2 * c->n; i++) {
		unsigned f = c->hand;

		c->hand = (c->hand + 1) % c->n;
		if (!(c->frame[f] & CLOCK_USED))
			continue;
		if (c->frame[f] & CLOCK_REF) {
			c->frame[f] &= (uint8_t)~CLOCK_REF;
			continue;
		}
		return (int)f;
	}
	return -1; /* not reached: after one turn no used frame has R */
}

bool clock_check(const struct clock *c)
{
	unsigned used = 0;

	if (c->n && c->hand >= c->n)
		return false;
	for (unsigned i = 0; i < c->n; i++) {
		if (c->frame[i] & ~(CLOCK_USED | CLOCK_REF))
			return false;
		if (!(c->frame[i] & CLOCK_USED) && (c->frame[i] & CLOCK_REF))
			return false;
		used += (c->frame[i] & CLOCK_USED) != 0;
	}
	return used == c->used;
}
