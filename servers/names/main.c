// SPDX-License-Identifier: BSD-2-Clause
/*
 * The name server (<l4/names.h>, docs/names.md): threads register names
 * for themselves and look up each other's. The id stored is the sender's
 * as the kernel reports it, so nobody registers a name for another thread.
 * A fixed table; a request that does not fit the protocol gets
 * L4_NAMES_EINVAL and changes nothing. The names of threads that no
 * longer exist go at L4_DS_SWEEP, which the root task sends after a kill
 * (the server asked it to: L4_ROOT_WATCH), and when the table is full.
 */
#include <l4/dataspace.h>
#include <l4/names.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

#define NAMES_MAX 64

static struct {
	l4_word_t name[L4_NAME_WORDS]; /* packed; all zero: a free slot */
	l4_threadid_t owner;
} table[NAMES_MAX];

static bool same_name(const l4_word_t a[L4_NAME_WORDS],
		      const l4_word_t b[L4_NAME_WORDS])
{
	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The slot holding @name, or -1. */
static int find(const l4_word_t name[L4_NAME_WORDS])
{
	for (int i = 0; i < NAMES_MAX; i++)
		if (table[i].name[0] && same_name(table[i].name, name))
			return i;
	return -1;
}

/*
 * Drop the names of threads that no longer exist; how many. Not probed:
 * @current, who waits for this server's reply and would take the probe
 * for it (and lives).
 */
static unsigned sweep(l4_threadid_t current)
{
	unsigned dead = 0;

	for (int i = 1; i < NAMES_MAX; i++) { /* 0 is the server's own */
		if (!table[i].name[0] ||
		    l4_same_thread(table[i].owner, current) ||
		    !l4_thread_gone(table[i].owner))
			continue;
		for (unsigned k = 0; k < L4_NAME_WORDS; k++)
			table[i].name[k] = 0;
		dead++;
	}
	return dead;
}

/* Carry out the request @tag from @from; the reply goes into the MRs. */
static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t name[L4_NAME_WORDS];
	char text[L4_NAME_MAX + 1];
	l4_word_t status = L4_NAMES_OK, label = l4_msgtag_label(tag);
	int i;

	/* The root task after a kill, or anyone: forget the dead. */
	if (label == L4_DS_SWEEP && l4_msgtag_untyped(tag) == 0 &&
	    l4_msgtag_typed(tag) == 0) {
		l4_word_t dead = sweep(from);

		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, dead);
		return;
	}
	if (!l4_name_of_request(tag, name, text)) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_EINVAL, 0, 0).raw);
		return;
	}
	i = find(name);
	switch (label) {
	case L4_NAMES_REGISTER:
		if (i >= 0) {
			status = l4_same_thread(table[i].owner, from) ?
					 L4_NAMES_OK :
					 L4_NAMES_EEXIST;
			break;
		}
		for (i = 0; i < NAMES_MAX && table[i].name[0]; i++)
			;
		if (i == NAMES_MAX && sweep(from)) /* full: of the dead? */
			for (i = 0; i < NAMES_MAX && table[i].name[0]; i++)
				;
		if (i == NAMES_MAX) {
			status = L4_NAMES_EFULL;
			break;
		}
		for (unsigned k = 0; k < L4_NAME_WORDS; k++)
			table[i].name[k] = name[k];
		table[i].owner = from;
		break;
	case L4_NAMES_LOOKUP:
		if (i < 0) {
			status = L4_NAMES_ENOENT;
			break;
		}
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, table[i].owner.raw);
		return;
	case L4_NAMES_UNREGISTER:
		if (i < 0 || !l4_same_thread(table[i].owner, from)) {
			status = L4_NAMES_ENOENT;
			break;
		}
		for (unsigned k = 0; k < L4_NAME_WORDS; k++)
			table[i].name[k] = 0;
		break;
	default:
		status = L4_NAMES_EINVAL;
	}
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

int main(void)
{
	/* Its own entry first: "names" is the name server. */
	l4_name_pack("names", table[0].name);
	table[0].owner = l4_myself();
	l4_printf("names: serving as thread %lx\n", l4_myself().raw);
	if (l4_root_watch() != L4_NAMES_OK) /* to hear of deaths */
		l4_printf("names: the root task tells no deaths\n");
	l4_server_loop(serve);
}
