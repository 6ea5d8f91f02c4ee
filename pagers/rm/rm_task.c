// SPDX-License-Identifier: BSD-2-Clause
/*
 * The region mapper thread; see <pagers/rm_task.h> and, for the protocol,
 * <l4/rm.h>. It runs in the task it serves, on its own stack, paged by the
 * root task; everything it knows is the region map (pagers/regionmap.h).
 *
 * A fault of thread t at address a:
 *
 *   t --fault--> rm: region r = lookup(a), rights allow the access?
 *                    rm --L4_DS_MAP(r.ds, r.offset + a - r.start)--> r.manager
 *                    r.manager --map item, into rm's window at a--> task
 *                rm --empty reply--> t, which runs on: the page is there
 *
 * The window is the region mapper's own, but the space is t's: mapping
 * into the region mapper maps into the task.
 */
#include <l4/errors.h>
#include <l4/fpage.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/rm.h>
#include <l4/schedule.h>
#include <l4/syscalls.h>
#include <l4/utcb.h>

#include <pagers/regionmap.h>
#include <pagers/rm_task.h>

#define RM_REGIONS 64
#define RM_PENDING 8
#define RM_LO 0x1000ul	       /* the page at 0 stays unmapped */
#define RM_HI 0x7fffffe00000ul /* the UTCB area and the KIP lie above */
/* How long a dataspace manager may take to take a map request and to
 * answer it: the region mapper serves one fault at a time, so one hung
 * manager would otherwise stall every fault of the task. */
#define RM_MANAGER_US 2000000ull

static struct rm_region store[RM_REGIONS];
static struct rm_map map;
static l4_threadid_t rm_thread;

/* Faults handed to an exception handler, until it says retry. */
static struct {
	l4_threadid_t t;
	l4_word_t addr, ip;
	unsigned rwx;
} pending[RM_PENDING];

static l4_word_t resolved, handed, halted;

static uint64_t rm_stack[2048] __attribute__((aligned(16)));

l4_threadid_t rm_id(void)
{
	return rm_thread;
}

static const char *access_name(unsigned rwx)
{
	return (rwx & L4_FPAGE_W) ? "write" :
	       (rwx & L4_FPAGE_X) ? "execute" :
				    "read";
}

/* The UTCB of @t if it is a thread of this task, else NULL. A thread of
 * this space is seen by its local id, which is its UTCB's address. */
static l4_word_t *task_utcb(l4_threadid_t t)
{
	struct l4_exregs r = { 0 };
	l4_threadid_t local;

	if (l4_is_specific_local_id(t))
		return (l4_word_t *)l4_local_id_utcb(t);
	if (!l4_is_global_id(t))
		return NULL;
	/* Global in, local out, for a thread of this space only: a thread
	 * of another space that made the region mapper its pager is
	 * answered too, but with its global id. */
	local = l4_exchange_registers(t, &r);
	if (l4_is_nil_thread(local) || !l4_is_local_id(local))
		return NULL;
	return (l4_word_t *)l4_local_id_utcb(local);
}

/*
 * Resolve the fault of @t at @addr with access @rwx: map the page into the
 * task and return NULL, or return why not.
 */
static const char *resolve(l4_word_t addr, unsigned rwx)
{
	const struct rm_region *r = rm_lookup(&map, addr);
	l4_word_t page = addr & ~(RM_PAGE - 1);
	unsigned want;

	if (!r)
		return "outside every region";
	if ((rwx & r->rights) != rwx)
		return "in a region without that right";
	/* What the access needs and what the region gives besides, but W
	 * only for writes: a copy-on-write manager copies on W. */
	want = (rwx | (r->rights & (L4_FPAGE_R | L4_FPAGE_X))) & r->rights;
	switch (l4_ds_map_timed(l4_threadid(r->manager), r->ds,
				r->offset + (page - r->start), want, page,
				l4_timeouts(l4_time_from_us(RM_MANAGER_US),
					    l4_time_from_us(RM_MANAGER_US)))) {
	case L4_NAMES_OK:
		break;
	case L4_NAMES_EIPC: /* gone (before or while it had the request), or
			       hung */
		return l4_ipc_error_code(l4_utcb()[L4_UTCB_ERROR_CODE]) ==
				       L4_IPC_ETIMEOUT ?
			       "its dataspace manager does not answer" :
			       "its dataspace manager is gone";
	default:
		return "refused by the dataspace manager";
	}
	resolved++;
	return NULL;
}

/* Halt @t for its fault that could not be resolved (@why). */
static void halt(l4_threadid_t t, l4_word_t addr, l4_word_t ip, unsigned rwx,
		 const char *why)
{
	struct l4_exregs r = { .control = L4_EXREGS_HALTFLAG | L4_EXREGS_HALT };

	l4_exchange_registers(t, &r);
	halted++;
	l4_printf("rm: thread %lx: %s fault at %lx (ip %lx) %s; halted\n",
		  t.raw, access_name(rwx), addr, ip, why);
}

/* Tell @t's exception handler about its fault, if it has one that takes
 * the message now; true if it did. */
static bool hand_over(l4_threadid_t t, const l4_word_t *utcb, l4_word_t addr,
		      l4_word_t ip, unsigned rwx)
{
	l4_threadid_t h = l4_threadid(utcb[L4_UTCB_EXCEPTION_HANDLER]);
	unsigned i;

	for (i = 0; i < RM_PENDING && !l4_is_nil_thread(pending[i].t); i++)
		;
	if (l4_is_nil_thread(h) || l4_same_thread(h, rm_thread) ||
	    i == RM_PENDING)
		return false;
	l4_set_mr(0, l4_msgtag_make(L4_RM_UNRESOLVED, 4, 0).raw);
	l4_set_mr(1, t.raw);
	l4_set_mr(2, addr);
	l4_set_mr(3, ip);
	l4_set_mr(4, rwx);
	if (l4_msgtag_is_error(l4_ipc(
		    h, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER), NULL)))
		return false;
	pending[i].t = t;
	pending[i].addr = addr;
	pending[i].ip = ip;
	pending[i].rwx = rwx;
	handed++;
	return true;
}

/*
 * A page fault from @from: true if the (empty) reply should go. Whose
 * fault it is matters only when it cannot be resolved: a resolved one maps
 * the page into this task and answers with nothing, so a thread of
 * another space that sends a fault message gets nothing from it (and one
 * ExchangeRegisters per fault is saved).
 */
static bool fault(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t addr = l4_mr(L4_PF_MR_ADDR), ip = l4_mr(L4_PF_MR_IP);
	unsigned rwx = l4_pagefault_rwx(tag);
	const l4_word_t *utcb;
	const char *why;

	if (l4_msgtag_untyped(tag) != L4_PF_UNTYPED ||
	    l4_msgtag_typed(tag) != 0)
		return false;
	why = resolve(addr, rwx);
	if (!why) {
		l4_set_mr(0, 0);
		return true;
	}
	utcb = task_utcb(from);
	if (!utcb)
		return false;	      /* no fault of this task's */
	from = l4_global_id_of(from); /* handlers name threads globally */
	if (!hand_over(from, utcb, addr, ip, rwx))
		halt(from, addr, ip, rwx, why);
	return false;
}

static void reply(l4_word_t status)
{
	l4_set_mr(0, l4_msgtag_make(status, 0, 0).raw);
}

/* Unmap [start, start + size) from the task, in the largest aligned
 * fpages that fit, up to 64 to an Unmap. */
static void unmap_range(l4_word_t start, l4_word_t size)
{
	l4_word_t a = start, end = start + size;
	unsigned k = 0;

	while (a < end) {
		unsigned log2 = 12;

		while (log2 < 47 && !(a & ((1ul << (log2 + 1)) - 1)) &&
		       a + (1ul << (log2 + 1)) <= end)
			log2++;
		l4_set_mr(k++, l4_fpage(a, log2, L4_FPAGE_RWX).raw);
		a += 1ul << log2;
		if (k == 64 || a >= end) {
			l4_unmap(l4_unmap_control(k - 1, true));
			k = 0;
		}
	}
}

static void attach(void)
{
	l4_word_t flags = l4_mr(6);
	struct rm_region r = { .start = l4_mr(1),
			       .size = l4_mr(2),
			       .manager = l4_mr(3),
			       .ds = l4_mr(4),
			       .offset = l4_mr(5),
			       .rights = (unsigned)(flags & L4_FPAGE_RWX) };
	unsigned align = (unsigned)(flags >> 8) & 0xff;
	int err;

	if (flags & ~(l4_word_t)(L4_FPAGE_RWX | L4_RM_SEARCH | 0xff00) ||
	    !l4_is_global_id(l4_threadid(r.manager)) || align > 47) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	err = rm_attach(&map, &r, flags & L4_RM_SEARCH ? RM_SEARCH : 0, align);
	switch (err) {
	case 0:
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, r.start);
		return;
	case RM_EBUSY:
		reply(L4_NAMES_EEXIST);
		return;
	case RM_ENOSPC:
		reply(L4_NAMES_EFULL);
		return;
	default:
		reply(L4_NAMES_EINVAL);
	}
}

static void detach(void)
{
	struct rm_region r;

	if (rm_detach(&map, l4_mr(1), &r)) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	unmap_range(r.start, r.size);
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
	l4_set_mr(1, r.start);
}

/* Try the pending fault of the thread in MR1 again. */
static void retry(void)
{
	l4_threadid_t t = l4_threadid(l4_mr(1));
	const char *why;
	unsigned i;

	for (i = 0; i < RM_PENDING; i++)
		if (!l4_is_nil_thread(t) && l4_same_thread(pending[i].t, t))
			break;
	if (i == RM_PENDING) {
		reply(L4_NAMES_ENOENT);
		return;
	}
	pending[i].t = L4_NILTHREAD;
	why = resolve(pending[i].addr, pending[i].rwx);
	if (!why) {
		/* The thread waits for its pager's reply; it gets it now, or
		 * never if it is gone. */
		l4_set_mr(0, 0);
		l4_ipc(t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER),
		       NULL);
	} else {
		halt(t, pending[i].addr, pending[i].ip, pending[i].rwx, why);
	}
	reply(L4_NAMES_OK);
}

/* A request of this task's (<l4/rm.h>); the reply goes into the MRs. */
static void request(l4_msgtag_t tag, l4_threadid_t from)
{
	l4_word_t label = l4_msgtag_label(tag), u = l4_msgtag_untyped(tag);

	if (!task_utcb(from) || l4_msgtag_typed(tag) != 0) {
		reply(L4_NAMES_EINVAL);
		return;
	}
	if (label == L4_RM_ATTACH && u == 6) {
		attach();
	} else if (label == L4_RM_DETACH && u == 1) {
		detach();
	} else if (label == L4_RM_RETRY && u == 1) {
		retry();
	} else if (label == L4_RM_STATS && u == 0) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 3, 0).raw);
		l4_set_mr(1, resolved);
		l4_set_mr(2, handed);
		l4_set_mr(3, halted);
	} else {
		reply(L4_NAMES_EINVAL);
	}
	if (!rm_check(&map))
		l4_printf("rm: region map inconsistent\n");
}

/* The task's image and stack, from the root task, as the first regions. */
static bool attach_image(void)
{
	l4_threadid_t root = l4_root_id();
	l4_word_t n, w[3 * L4_ROOT_REGIONS_MAX];
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(L4_ROOT_REGIONS, 0, 0).raw);
	tag = l4_call(root);
	n = l4_mr(1);
	if (l4_msgtag_is_error(tag) || l4_msgtag_label(tag) != L4_NAMES_OK ||
	    n > L4_ROOT_REGIONS_MAX || l4_msgtag_untyped(tag) != 1 + 3 * n)
		return false;
	for (l4_word_t i = 0; i < 3 * n; i++)
		w[i] = l4_mr(2 + i);
	for (l4_word_t i = 0; i < n; i++) {
		struct rm_region r = { .start = w[3 * i],
				       .size = w[3 * i + 1],
				       .manager = root.raw,
				       .ds = L4_ROOT_IMAGE_DS,
				       .offset = w[3 * i],
				       .rights = (unsigned)w[3 * i + 2] };

		if (rm_attach(&map, &r, 0, 0))
			return false;
	}
	return true;
}

/* The region mapper thread: started by the root task at this function on
 * rm_stack. */
static _Noreturn void rm_main(void)
{
	l4_threadid_t from;
	l4_msgtag_t tag;
	bool answer;

	rm_init(&map, store, RM_REGIONS, RM_LO, RM_HI);
	if (!attach_image())
		l4_printf("rm: the root task gave no image regions\n");
	tag = l4_wait(&from);
	for (;;) {
		answer = false;
		if (l4_msgtag_is_error(tag))
			;
		else if (l4_is_pagefault_tag(tag))
			answer = fault(tag, from);
		else
			request(tag, from), answer = true;
		tag = answer ? l4_reply_wait(from, &from) : l4_wait(&from);
	}
}

l4_threadid_t rm_start(void)
{
	/* At entry the stack is as after a call: 8 below 16-byte alignment. */
	l4_word_t sp = (l4_word_t)&rm_stack[2048] - 8;
	struct l4_exregs r = { .control = L4_EXREGS_SET_PAGER };
	int st;

	if (!l4_is_nil_thread(rm_thread)) /* one a task: it has one stack */
		return rm_thread;
	st = l4_root_thread((l4_word_t)rm_main, sp, L4_NILTHREAD, &rm_thread);
	if (st != L4_NAMES_OK) {
		l4_printf("rm: the root task gave no thread (status %d)\n", st);
		return L4_NILTHREAD;
	}
	r.pager = rm_thread;
	l4_exchange_registers(l4_myself(), &r);
	return rm_thread;
}
