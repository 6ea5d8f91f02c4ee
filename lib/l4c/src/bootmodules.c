// SPDX-License-Identifier: BSD-2-Clause
/* Walking the boot modules; see l4/bootmodules.h. */
#include <l4/bootmodules.h>
#include <l4/kip.h>

/* A position in the chain of records: record @i at offset @off. */
struct walk {
	const struct l4_bootinfo *bi;
	l4_word_t i, off;
};

const struct l4_bootinfo *l4_bootinfo_get(const void *kip)
{
	l4_word_t a = l4_kip_boot_info(kip);
	const struct l4_bootinfo *bi = (const struct l4_bootinfo *)a;

	if (a == 0 || a % sizeof(l4_word_t) != 0 || !l4_bootinfo_is_valid(bi))
		return NULL;
	return bi;
}

/* True if @len bytes at offset @off of @bi lie inside its size. */
static bool inside(const struct l4_bootinfo *bi, l4_word_t off, l4_word_t len)
{
	return off <= bi->size && len <= bi->size - off;
}

static const struct l4_bootrec *walk_record(const struct walk *w)
{
	return (const struct l4_bootrec *)((uintptr_t)w->bi + w->off);
}

/*
 * The record after the one @w is at (the first one if w->i is 0), or NULL
 * at the end of the chain or where it leaves the block.
 */
static const struct l4_bootrec *walk_next(struct walk *w)
{
	if (w->i >= w->bi->num_entries)
		return NULL;
	if (w->i == 0) {
		w->off = w->bi->first_entry;
	} else {
		l4_word_t next = walk_record(w)->offset_next;

		if (next == 0 || next % sizeof(l4_word_t) != 0)
			return NULL;
		w->off += next;
	}
	w->i++;
	if (w->off % sizeof(l4_word_t) != 0 ||
	    !inside(w->bi, w->off, sizeof(struct l4_bootrec)))
		return NULL;
	return walk_record(w);
}

unsigned l4_bootinfo_num_modules(const struct l4_bootinfo *bi)
{
	struct walk w = { bi, 0, 0 };
	const struct l4_bootrec *r;
	unsigned n = 0;

	while ((r = walk_next(&w)) != NULL)
		if (r->type == L4_BOOTREC_MODULE)
			n++;
	return n;
}

const struct l4_bootrec_module *l4_bootinfo_module(const struct l4_bootinfo *bi,
						   unsigned n)
{
	struct walk w = { bi, 0, 0 };
	const struct l4_bootrec *r;

	while ((r = walk_next(&w)) != NULL) {
		if (r->type != L4_BOOTREC_MODULE)
			continue;
		if (n > 0) {
			n--;
			continue;
		}
		if (!inside(bi, w.off, sizeof(struct l4_bootrec_module)))
			return NULL;
		return (const struct l4_bootrec_module *)r;
	}
	return NULL;
}

size_t l4_bootrec_module_name(const struct l4_bootrec_module *m, char *buf,
			      size_t size)
{
	const char *cmd = l4_bootrec_module_cmdline(m);
	size_t n = 0;

	while (cmd && cmd[n] != '\0' && cmd[n] != ' ' && cmd[n] != '\t' &&
	       n + 1 < size) {
		buf[n] = cmd[n];
		n++;
	}
	buf[n] = '\0';
	return n;
}
