// SPDX-License-Identifier: BSD-2-Clause
/* Threads programs ask for; see threads.h. */
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/syscalls.h>

#include "task.h"
#include "threads.h"

static struct {
	l4_threadid_t t;
	struct program *p;
} extra[THREADS_MAX];
static unsigned nextra;

struct program *threads_program(l4_threadid_t t)
{
	for (unsigned i = 0; i < nextra; i++)
		if (l4_same_thread(extra[i].t, t))
			return extra[i].p;
	return NULL;
}

/* How many extra threads @p has: the next one gets UTCB slot n + 1. */
static unsigned threads_of(const struct program *p)
{
	unsigned n = 0;

	for (unsigned i = 0; i < nextra; i++)
		n += extra[i].p == p;
	return n;
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

void threads_create(struct program *p, l4_msgtag_t tag)
{
	l4_word_t ip = l4_mr(1), sp = l4_mr(2);
	l4_threadid_t pager = l4_threadid(l4_mr(3)), t;

	if (l4_msgtag_untyped(tag) != 3 || l4_msgtag_typed(tag) != 0 ||
	    (!l4_is_global_id(pager) && !l4_is_nil_thread(pager))) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (nextra == THREADS_MAX) {
		reply(L4_NAMES_EFULL);
		return;
	}
	t = task_add_thread(p->thread, threads_of(p) + 1);
	if (l4_is_nil_thread(t)) {
		reply(L4_NAMES_EFULL);
		return;
	}
	/* The start-up message must come from the pager: the root task
	 * starts the thread, then hands it over. */
	if (!task_start(t, ip, sp) ||
	    (!l4_is_nil_thread(pager) && !task_set_pager(t, pager))) {
		task_delete(t);
		reply(L4_NAMES_EINVAL);
		return;
	}
	extra[nextra].t = t;
	extra[nextra++].p = p;
	l4_printf("root: %s: thread %lx started at %lx\n", p->name, t.raw, ip);
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, t.raw);
}

/* The programs that asked L4_ROOT_TASK: servers that name their clients
 * by task, and so want to hear of a task's death. */
static const struct program *watchers[PROGRAM_MAX];
static unsigned nwatchers;

static void watch(const struct program *asker)
{
	for (unsigned i = 0; i < nwatchers; i++)
		if (watchers[i] == asker)
			return;
	if (nwatchers < PROGRAM_MAX)
		watchers[nwatchers++] = asker;
}

void threads_watch(struct program *asker, l4_msgtag_t tag)
{
	if (l4_msgtag_untyped(tag) != 0 || l4_msgtag_typed(tag) != 0) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	watch(asker);
	reply(L4_NAMES_OK);
}

void threads_tell_watchers(void)
{
	for (unsigned i = 0; i < nwatchers; i++) {
		if (watchers[i]->dead)
			continue;
		l4_set_mr(0, l4_msgtag_make(L4_DS_SWEEP, 0, 0).raw);
		l4_ipc(watchers[i]->thread, L4_NILTHREAD,
		       l4_timeouts(L4_ZEROTIME, L4_ZEROTIME), NULL);
	}
}

void threads_task(struct program *asker, l4_msgtag_t tag)
{
	l4_threadid_t t = l4_threadid(l4_mr(1));
	struct program *p;

	watch(asker);
	if (l4_msgtag_untyped(tag) != 1 || l4_msgtag_typed(tag) != 0 ||
	    !l4_is_global_id(t)) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	p = program_by_thread(t);
	if (!p)
		p = threads_program(t);
	if (!p) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, p->thread.raw);
}

void threads_kill(const struct program *p)
{
	unsigned k = 0;

	for (unsigned i = 0; i < nextra; i++) {
		if (extra[i].p == p)
			task_delete(extra[i].t);
		else
			extra[k++] = extra[i];
	}
	nextra = k;
}
