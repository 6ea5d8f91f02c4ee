// SPDX-License-Identifier: BSD-2-Clause
/* Walking the boot information's records; see l4/bootmodules.h. */
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

/* Bytes a record of type @type has before its command line; the common
 * part for types not read here. */
static l4_word_t record_head(l4_word_t type)
{
	switch (type) {
	case L4_BOOTREC_MODULE:
		return sizeof(struct l4_bootrec_module);
	case L4_BOOTREC_SIMPLE_EXEC:
		return sizeof(struct l4_bootrec_exec);
	case L4_BOOTREC_MULTIBOOT:
		return sizeof(struct l4_bootrec_multiboot);
	}
	return sizeof(struct l4_bootrec);
}

/* Record @n (from 0) among those of type @type, or NULL. */
static const struct l4_bootrec *nth(const struct l4_bootinfo *bi,
				    l4_word_t type, unsigned n)
{
	struct walk w = { bi, 0, 0 };
	const struct l4_bootrec *r;

	while ((r = walk_next(&w)) != NULL) {
		if (r->type != type)
			continue;
		if (n > 0) {
			n--;
			continue;
		}
		return inside(bi, w.off, record_head(type)) ? r : NULL;
	}
	return NULL;
}

/* Number of records of type @type. */
static unsigned count(const struct l4_bootinfo *bi, l4_word_t type)
{
	struct walk w = { bi, 0, 0 };
	const struct l4_bootrec *r;
	unsigned n = 0;

	while ((r = walk_next(&w)) != NULL)
		n += r->type == type;
	return n;
}

unsigned l4_bootinfo_num_modules(const struct l4_bootinfo *bi)
{
	return count(bi, L4_BOOTREC_MODULE);
}

const struct l4_bootrec_module *l4_bootinfo_module(const struct l4_bootinfo *bi,
						   unsigned n)
{
	return (const struct l4_bootrec_module *)nth(bi, L4_BOOTREC_MODULE, n);
}

unsigned l4_bootinfo_num_execs(const struct l4_bootinfo *bi)
{
	return count(bi, L4_BOOTREC_SIMPLE_EXEC);
}

const struct l4_bootrec_exec *l4_bootinfo_exec(const struct l4_bootinfo *bi,
					       unsigned n)
{
	return (const struct l4_bootrec_exec *)nth(bi, L4_BOOTREC_SIMPLE_EXEC,
						   n);
}

const struct l4_bootrec_multiboot *
l4_bootinfo_multiboot(const struct l4_bootinfo *bi)
{
	return (const struct l4_bootrec_multiboot *)nth(
		bi, L4_BOOTREC_MULTIBOOT, 0);
}

/* The first word of @cmd into @buf; see l4_bootrec_module_name(). */
static size_t first_word(const char *cmd, char *buf, size_t size)
{
	size_t n = 0;

	while (cmd && cmd[n] != '\0' && cmd[n] != ' ' && cmd[n] != '\t' &&
	       n + 1 < size) {
		buf[n] = cmd[n];
		n++;
	}
	buf[n] = '\0';
	return n;
}

size_t l4_bootrec_module_name(const struct l4_bootrec_module *m, char *buf,
			      size_t size)
{
	return first_word(l4_bootrec_module_cmdline(m), buf, size);
}

size_t l4_bootrec_exec_name(const struct l4_bootrec_exec *e, char *buf,
			    size_t size)
{
	return first_word(l4_bootrec_exec_cmdline(e), buf, size);
}
