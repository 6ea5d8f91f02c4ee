// SPDX-License-Identifier: BSD-2-Clause
/*
 * Physical memory map: a sorted array of typed ranges, small enough (a few
 * dozen entries) that every operation is a linear pass.
 */
#include <kernel/memmap.h>
#include <kernel/panic.h>
#include <kernel/string.h>

/* Append [start, end) of @type to @out, merging with its predecessor. */
static void emit(struct memmap *out, uint64_t start, uint64_t end,
		 uint32_t type)
{
	struct memmap_range *last;

	if (start >= end)
		return;
	if (out->n > MEMMAP_MAX) /* overflowed: only count */
		return;
	last = out->n ? &out->r[out->n - 1] : NULL;
	if (last && last->end == start && last->type == type) {
		last->end = end;
		return;
	}
	if (out->n < MEMMAP_MAX)
		out->r[out->n] = (struct memmap_range){ start, end, type };
	out->n++; /* n == MEMMAP_MAX + 1 marks overflow */
}

bool memmap_set(struct memmap *m, uint64_t start, uint64_t end, uint32_t type)
{
	static struct memmap tmp; /* too large for the kernel stack */
	bool placed = false;

	if (start >= end)
		return true;
	tmp.n = 0;
	for (unsigned i = 0; i < m->n; i++) {
		const struct memmap_range *r = &m->r[i];

		if (r->end <= start) { /* wholly before */
			emit(&tmp, r->start, r->end, r->type);
			continue;
		}
		if (r->start >= end) { /* wholly after */
			if (!placed)
				emit(&tmp, start, end, type);
			placed = true;
			emit(&tmp, r->start, r->end, r->type);
			continue;
		}
		/* r overlaps [start, end): keep only its parts outside. */
		emit(&tmp, r->start, start, r->type);
		if (!placed)
			emit(&tmp, start, end, type);
		placed = true;
		emit(&tmp, end, r->end, r->type);
	}
	if (!placed)
		emit(&tmp, start, end, type);
	if (tmp.n > MEMMAP_MAX)
		return false;
	m->n = tmp.n;
	memcpy(m->r, tmp.r, tmp.n * sizeof(tmp.r[0]));
	return true;
}

bool memmap_alloc(struct memmap *m, uint64_t size, uint64_t align,
		  uint64_t limit, uint32_t from, uint32_t to, uint64_t *out)
{
	if (size == 0 || align == 0 || (align & (align - 1)))
		return false;
	for (unsigned i = m->n; i-- > 0;) {
		const struct memmap_range *r = &m->r[i];
		uint64_t end = r->end < limit ? r->end : limit;
		uint64_t start;

		if (r->type != from || end < size || end - size < r->start)
			continue;
		start = (end - size) & ~(align - 1);
		if (start < r->start)
			continue;
		if (!memmap_set(m, start, start + size, to))
			return false;
		*out = start;
		return true;
	}
	return false;
}

uint32_t memmap_type_at(const struct memmap *m, uint64_t addr)
{
	for (unsigned i = 0; i < m->n; i++)
		if (addr >= m->r[i].start && addr < m->r[i].end)
			return m->r[i].type;
	return 0;
}

uint64_t memmap_total(const struct memmap *m, uint32_t type)
{
	uint64_t sum = 0;

	for (unsigned i = 0; i < m->n; i++)
		if (m->r[i].type == type)
			sum += m->r[i].end - m->r[i].start;
	return sum;
}

void memmap_check(const struct memmap *m)
{
	assert(m->n <= MEMMAP_MAX);
	for (unsigned i = 0; i < m->n; i++) {
		assert(m->r[i].start < m->r[i].end);
		if (i == 0)
			continue;
		assert(m->r[i - 1].end <= m->r[i].start);
		assert(m->r[i - 1].end != m->r[i].start ||
		       m->r[i - 1].type != m->r[i].type);
	}
}
