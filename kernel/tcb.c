// SPDX-License-Identifier: BSD-2-Clause
/*
 * Thread control blocks and the thread table; see tcb.h for the page
 * layout and the state table.
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/panic.h>
#include <kernel/slab.h>
#include <kernel/space.h>
#include <kernel/tcb.h>
#include <kernel/thread_ids.h>

#include <l4/thread.h>

/*
 * Thread number to TCB. A free number holds tcb_none, never NULL, so that
 * the IPC fastpath (entry.asm) compares ids without testing for NULL
 * first: tcb_none's id is Any, which no number below THREAD_MAX has.
 */
static struct tcb tcb_none = { .id = L4_ANYTHREAD_RAW,
			       .state = TCB_INACTIVE,
			       .canary = TCB_CANARY };
struct tcb *tcb_table[THREAD_MAX];
/* Every TCB, so that walks cost what exists, not THREAD_MAX. */
static struct list_head all_tcbs = { { &all_tcbs.head, &all_tcbs.head } };

struct tcb *tcb_by_global(l4_word_t id)
{
	l4_word_t n = id >> L4_THREAD_NUMBER_SHIFT;
	struct tcb *t;

	if (n >= THREAD_MAX)
		return NULL;
	t = tcb_table[n];
	return t->id == id && t->state != TCB_DEAD ? t : NULL;
}

void tcb_init(void)
{
	for (unsigned n = 0; n < THREAD_MAX; n++)
		tcb_table[n] = &tcb_none;
}

struct tcb *tcb_lookup(const struct tcb *self, l4_word_t id)
{
	if (id == L4_NILTHREAD_RAW || id == L4_ANYTHREAD_RAW ||
	    id == L4_ANYLOCALTHREAD_RAW)
		return NULL;
	if (id & L4_THREAD_LOCAL_MASK)
		return tcb_by_global(id);
	if (!self->space)
		return NULL;
	list_for_each(&self->space->threads, n)
	{
		struct tcb *t = list_entry(n, struct tcb, space_link);

		if (t->utcb_addr == id && t->state != TCB_DEAD)
			return t;
	}
	return NULL;
}

bool tcb_number_free(l4_word_t n)
{
	return n >= USER_BASE && n < THREAD_MAX && tcb_table[n] == &tcb_none;
}

static struct slab_cache tcb_cache;
static bool tcb_cache_ready;

/* Kernel-stack pages for slot @n; the stack's top, or 0 (nothing kept). */
static uint64_t tcb_stack_create(unsigned n)
{
	uint64_t pa[KSTACK_PAGES] = { 0 }, top = 0;
	unsigned i;

	for (i = 0; i < KSTACK_PAGES; i++) {
		void *p = kmem_alloc(&kernel_pool);

		if (!p)
			break;
		pa[i] = arch_virt_to_phys(p);
	}
	if (i == KSTACK_PAGES)
		top = arch_kstack_map(n, pa);
	if (!top)
		while (i-- > 0)
			kmem_free(&kernel_pool, arch_phys_to_virt(pa[i]));
	return top;
}

struct tcb *tcb_create(l4_word_t id)
{
	l4_word_t n = id >> L4_THREAD_NUMBER_SHIFT;
	struct tcb *t;

	assert(n < THREAD_MAX && tcb_table[n] == &tcb_none);
	if (!tcb_cache_ready) {
		slab_init(&tcb_cache, "tcb", sizeof(struct tcb), &kernel_pool);
		tcb_cache_ready = true;
	}
	t = slab_alloc(&tcb_cache);
	if (!t)
		return NULL;
	t->kstack_top = tcb_stack_create((unsigned)n);
	if (!t->kstack_top) {
		slab_free(&tcb_cache, t);
		return NULL;
	}
	t->id = id;
	t->state = TCB_INACTIVE;
	t->canary = TCB_CANARY;
	list_init(&t->senders);
	tcb_table[n] = t;
	list_append(&all_tcbs, &t->all_link);
	return t;
}

void tcb_free(struct tcb *t)
{
	l4_word_t n = t->id >> L4_THREAD_NUMBER_SHIFT;
	uint64_t pa[KSTACK_PAGES];

	assert(tcb_table[n] == t);
	assert(!list_linked(&t->send_link) && !list_linked(&t->timeout_link));
	assert(!t->rq.queued && list_empty(&t->senders));
	tcb_table[n] = &tcb_none;
	list_remove(&t->all_link);
	t->canary = 0;
	arch_kstack_unmap((unsigned)n, pa);
	for (unsigned i = 0; i < KSTACK_PAGES; i++)
		kmem_free(&kernel_pool, arch_phys_to_virt(pa[i]));
	slab_free(&tcb_cache, t);
}

void *tcb_user_frame(const struct tcb *t)
{
	return (void *)(t->kstack_top - arch_user_frame_size());
}

static void tcb_check_one(const struct tcb *t)
{
	assert(t->canary == TCB_CANARY);
	assert(t->kstack_top != 0);
	assert(tcb_table[t->id >> L4_THREAD_NUMBER_SHIFT] == t);
	switch (t->state) {
	case TCB_READY:
		assert(!list_linked(&t->send_link));
		assert(!(t->halted && t->parked) || !t->rq.queued);
		break;
	case TCB_WAIT_SEND:
		assert(t->partner && list_linked(&t->send_link));
		assert(!t->rq.queued);
		break;
	case TCB_WAIT_RECV:
		assert(!list_linked(&t->send_link) && !t->rq.queued);
		break;
	case TCB_XFER_LOCKED:
	case TCB_XFER_WAIT:
	case TCB_INACTIVE:
	case TCB_DEAD:
		assert(!list_linked(&t->send_link) && !t->rq.queued);
		assert(!list_linked(&t->timeout_link));
		break;
	}
	list_for_each(&t->senders, n)
	{
		const struct tcb *s = list_entry(n, struct tcb, send_link);

		assert(s->state == TCB_WAIT_SEND && s->partner == t);
	}
}

void tcb_check(const struct tcb *t)
{
	if (t) {
		tcb_check_one(t);
		return;
	}
	list_for_each(&all_tcbs, n)
	{
		tcb_check_one(list_entry(n, struct tcb, all_link));
	}
}

void tcb_for_each_waiting_on(const struct tcb *t, void (*fn)(struct tcb *))
{
	struct list_node *n = list_first(&all_tcbs);

	while (n) { /* @fn may not unlink; take the next one first anyway */
		struct list_node *next = list_next(&all_tcbs, n);
		struct tcb *r = list_entry(n, struct tcb, all_link);

		if (r->state == TCB_WAIT_RECV && r->partner == t)
			fn(r);
		n = next;
	}
}
