// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the region mapper's protocol; see <l4/rm.h>. */
#include <l4/rm.h>
#include <l4/utcb.h>

int l4_rm_attach(l4_threadid_t rm, l4_word_t *addr, l4_word_t size,
		 l4_threadid_t manager, l4_word_t ds, l4_word_t offset,
		 unsigned flags)
{
	l4_word_t w[6] = { *addr, size, manager.raw, ds, offset, flags };

	return l4_request(rm, L4_RM_ATTACH, 6, w, addr);
}

int l4_rm_detach(l4_threadid_t rm, l4_word_t addr, l4_word_t *start)
{
	return l4_request(rm, L4_RM_DETACH, 1, &addr, start);
}

int l4_rm_retry(l4_threadid_t rm, l4_threadid_t thread)
{
	return l4_request(rm, L4_RM_RETRY, 1, &thread.raw, NULL);
}

int l4_root_thread(l4_word_t ip, l4_word_t sp, l4_threadid_t pager,
		   l4_threadid_t *t)
{
	l4_word_t w[3] = { ip, sp, pager.raw }, id = 0;
	int st = l4_request(l4_root_id(), L4_ROOT_THREAD, 3, w, &id);

	*t = l4_threadid(id);
	return st;
}

/* Threads' tasks do not change while the threads exist; a thread number is
 * reused only with another version, so a cached answer stays right. */
#define TASK_CACHE 16

static struct {
	l4_threadid_t t, task;
} task_cache[TASK_CACHE];
static unsigned task_cache_next;

l4_threadid_t l4_task_of(l4_threadid_t thread)
{
	l4_word_t task = 0, mr[L4_NUM_MRS];
	unsigned i;
	int st;

	for (i = 0; i < TASK_CACHE; i++)
		if (!l4_is_nil_thread(thread) &&
		    l4_same_thread(task_cache[i].t, thread))
			return task_cache[i].task;
	/* A server asks in the middle of a request: keep its words. */
	for (i = 0; i < L4_NUM_MRS; i++)
		mr[i] = l4_mr(i);
	st = l4_request(l4_root_id(), L4_ROOT_TASK, 1, &thread.raw, &task);
	for (i = 0; i < L4_NUM_MRS; i++)
		l4_set_mr(i, mr[i]);
	if (st != L4_NAMES_OK)
		return L4_NILTHREAD;
	i = task_cache_next++ % TASK_CACHE;
	task_cache[i].t = thread;
	task_cache[i].task = l4_threadid(task);
	return task_cache[i].task;
}
