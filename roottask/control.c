// SPDX-License-Identifier: BSD-2-Clause
/*
 * Quotas and killing programs; see control.h. A killed program's threads
 * are deleted, and its space with the last: the kernel takes back every page
 * mapped there. The servers that name clients by task (those that asked
 * L4_ROOT_TASK: the memory server, the swappers), which cannot ask the root
 * task about deaths without risking a deadlock, are told with a send that
 * does not wait (the root task never blocks on them), and find the dead
 * by themselves if they missed that.
 */
#include <l4/dataspace.h>
#include <l4/names.h>
#include <l4/syscalls.h>

#include "control.h"
#include "program.h"
#include "task.h"
#include "threads.h"

/* The word at @s (up to a blank or the end) is @w. */
static bool word_is(const char *s, const char *w)
{
	while (*w && *s == *w)
		s++, w++;
	return !*w && (*s == ' ' || *s == '\0');
}

/* The decimal number at @s ending at a blank or the end, or 0 if it is
 * none (or too large). */
static unsigned long number(const char *s)
{
	unsigned long n = 0;

	for (; *s && *s != ' '; s++) {
		if (*s < '0' || *s > '9' || n > 0xffffffful)
			return 0;
		n = n * 10 + (unsigned long)(*s - '0');
	}
	return n;
}

void control_parse(struct program *p, const char *cmdline)
{
	const char *s = cmdline;

	p->quota = 0;
	p->admin = false;
	p->dead = false;
	while (s && *s) {
		while (*s == ' ')
			s++;
		if (s != cmdline) { /* the first word is the name */
			if (word_is(s, "admin"))
				p->admin = true;
			else if (s[0] == 'q' && s[1] == 'u' && s[2] == 'o' &&
				 s[3] == 't' && s[4] == 'a' && s[5] == '=')
				p->quota = number(s + 6);
		}
		while (*s && *s != ' ')
			s++;
	}
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

/* L4_ROOT_QUOTA: MR1 a thread id. */
static void quota(l4_msgtag_t tag)
{
	const struct program *p = program_by_thread(l4_threadid(l4_mr(1)));

	if (l4_msgtag_untyped(tag) != 1 || l4_msgtag_typed(tag) != 0) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (!p || !p->quota) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, p->quota);
}

/* L4_ROOT_KILL from @p: MR1-MR4 the victim's name, MR5 (if u = 5) the
 * flags. */
static void kill_program(l4_msgtag_t tag, const struct program *p)
{
	unsigned u = l4_msgtag_untyped(tag);
	l4_word_t w[L4_NAME_WORDS], flags = u == 5 ? l4_mr(5) : 0;
	char name[L4_NAME_MAX + 1];
	struct program *victim;

	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		w[i] = l4_mr(1 + i);
	if ((u != 4 && u != 5) || l4_msgtag_typed(tag) ||
	    (flags & ~(l4_word_t)L4_ROOT_KILL_QUIET) ||
	    !l4_name_unpack(w, name) || !p->admin) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	victim = program_by_name(name);
	if (!victim) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	if (victim == p) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	threads_kill(victim);
	task_delete(victim->thread);
	victim->dead = true;
	if (!(flags & L4_ROOT_KILL_QUIET))
		threads_tell_watchers();
	reply(L4_NAMES_OK);
}

bool control_notice_answer(l4_msgtag_t tag, const struct program *p)
{
	return p == program_by_name("memory") &&
	       l4_msgtag_label(tag) == L4_NAMES_OK;
}

bool control_request(l4_msgtag_t tag, struct program *p)
{
	if (l4_msgtag_has_label(tag, L4_ROOT_QUOTA))
		quota(tag);
	else if (l4_msgtag_has_label(tag, L4_ROOT_KILL))
		kill_program(tag, p);
	else
		return false;
	return true;
}
