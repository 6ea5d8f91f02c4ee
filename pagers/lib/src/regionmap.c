// SPDX-License-Identifier: BSD-2-Clause
/* The region map; see regionmap.h for the picture and the invariants. */
#include <pagers/regionmap.h>

void rm_init(struct rm_map *m, struct rm_region *store, unsigned cap,
	     uint64_t lo, uint64_t hi)
{
	m->r = store;
	m->n = 0;
	m->cap = cap;
	m->lo = lo;
	m->hi = hi;
}

/* Index of the first region whose end lies above @addr (n if none): the
 * region that would contain @addr, or the first one after it. */
static unsigned first_ending_above(const struct rm_map *m, uint64_t addr)
{
	unsigned lo = 0, hi = m->n;

	while (lo < hi) {
		unsigned mid = lo + (hi - lo) / 2;
		const struct rm_region *r = &m->r[mid];

		if (r->start + r->size <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct rm_region *rm_lookup(const struct rm_map *m, uint64_t addr)
{
	unsigned i = first_ending_above(m, addr);

	return i < m->n && m->r[i].start <= addr ? &m->r[i] : NULL;
}

/* Is [start, start + size) inside the map, page-aligned and not empty? */
static bool range_ok(const struct rm_map *m, uint64_t start, uint64_t size)
{
	return size && !(start % RM_PAGE) && !(size % RM_PAGE) &&
	       start >= m->lo && start < m->hi && size <= m->hi - start;
}

/* The first free range of @size bytes at or above @from, aligned to
 * @align; false if there is none below hi. */
static bool find_free(const struct rm_map *m, uint64_t from, uint64_t size,
		      uint64_t align, uint64_t *out)
{
	uint64_t a = from < m->lo ? m->lo : from;
	unsigned i = first_ending_above(m, a);

	for (;;) {
		if (a % align) {
			if (a > UINT64_MAX - align)
				return false;
			a += align - a % align;
		}
		if (a >= m->hi || size > m->hi - a)
			return false;
		/* Regions ending at or below a are behind us. */
		while (i < m->n && m->r[i].start + m->r[i].size <= a)
			i++;
		if (i == m->n || a + size <= m->r[i].start) {
			*out = a;
			return true;
		}
		a = m->r[i].start + m->r[i].size; /* past the one in the way */
	}
}

int rm_attach(struct rm_map *m, struct rm_region *r, unsigned flags,
	      unsigned align_log2)
{
	uint64_t align = RM_PAGE;
	unsigned i;

	if (!r->rights || (r->rights & ~RM_RWX) || (r->offset % RM_PAGE) ||
	    align_log2 >= 64)
		return RM_EINVAL;
	if (align_log2 > 12)
		align = 1ull << align_log2;
	if (flags & RM_SEARCH) {
		uint64_t start;

		if (!r->size || (r->size % RM_PAGE))
			return RM_EINVAL;
		if (m->n == m->cap ||
		    !find_free(m, r->start, r->size, align, &start))
			return RM_ENOSPC;
		r->start = start;
	}
	if (!range_ok(m, r->start, r->size) || (r->start % align))
		return RM_EINVAL;
	i = first_ending_above(m, r->start);
	if (i < m->n && m->r[i].start < r->start + r->size)
		return RM_EBUSY;
	if (m->n == m->cap)
		return RM_ENOSPC;
	for (unsigned j = m->n; j > i; j--)
		m->r[j] = m->r[j - 1];
	m->r[i] = *r;
	m->n++;
	return 0;
}

int rm_detach(struct rm_map *m, uint64_t addr, struct rm_region *out)
{
	unsigned i = first_ending_above(m, addr);

	if (i == m->n || m->r[i].start > addr)
		return RM_ENOENT;
	if (out)
		*out = m->r[i];
	for (unsigned j = i; j + 1 < m->n; j++)
		m->r[j] = m->r[j + 1];
	m->n--;
	return 0;
}

bool rm_check(const struct rm_map *m)
{
	if (m->n > m->cap) /* R1 */
		return false;
	for (unsigned i = 0; i < m->n; i++) {
		const struct rm_region *r = &m->r[i];

		if (!range_ok(m, r->start, r->size)) /* R2 */
			return false;
		if (i + 1 < m->n && r->start + r->size > m->r[i + 1].start)
			return false; /* R3 (and sorted, as sizes > 0) */
		if (!r->rights || (r->rights & ~RM_RWX)) /* R4 */
			return false;
	}
	return true;
}
