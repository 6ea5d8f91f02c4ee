// SPDX-License-Identifier: BSD-2-Clause
/*
 * rmtest: the region mapper (<l4/rm.h>, pagers/rm) from an ordinary
 * program. It starts its region mapper, attaches dataspaces of the memory
 * server and faults on them, and lets worker threads fault where nothing
 * is attached, with and without an exception handler. One TEST line per
 * case and a SUMMARY, which scripts/boot-test --tests reads.
 */
#include <l4/args.h>
#include <l4/dataspace.h>
#include <l4/fpage.h>
#include <l4/message.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/schedule.h>
#include <l4/swapper.h>
#include <l4/syscalls.h>
#include <l4/time.h>
#include <l4/utcb.h>

#include <pagers/rm_task.h>

#define PAGE 4096ul
#define AT 0x20000000ul		/* the first dataspace */
#define AGAIN 0x21000000ul	/* the same, attached again */
#define READONLY 0x22000000ul	/* the same, read-only */
#define HANDLED 0x23000000ul	/* nothing, until the handler attaches */
#define NOWHERE 0x24000000ul	/* nothing, ever */
#define REFUSED 0x25000000ul	/* beyond the end of its dataspace */
#define DEAD 0x26000000ul	/* the dead pager's */
#define AFTER 0x27000000ul	/* attached after it died */
#define SWAPPED 0x28000000ul	/* the swapping pager's */
#define HUNG 0x29000000ul	/* the dead pager's, while it lives */
#define AFTER_HUNG 0x2a000000ul /* attached after it hung */
#define DONE_LABEL 0x5a
#define PROG_THREADS 16 /* roottask/layout.h: PROG_UTCB_SLOTS */

static unsigned passed, failed;
static l4_threadid_t rm, memory, main_id;

static void report(const char *name, bool ok, int line)
{
	if (ok)
		passed++;
	else
		failed++;
	if (ok)
		l4_printf("TEST %s: PASS\n", name);
	else
		l4_printf("TEST %s: FAIL (main.c:%d)\n", name, line);
}

#define CASE(name, expr) report(name, (expr), __LINE__)

/* The region mapper's counters: faults resolved, handed over, halted. */
static l4_word_t stats(unsigned which)
{
	l4_word_t w[3];

	l4_set_mr(0, l4_msgtag_make(L4_RM_STATS, 0, 0).raw);
	if (l4_msgtag_is_error(l4_call(rm)))
		return ~0ul;
	for (unsigned i = 0; i < 3; i++)
		w[i] = l4_mr(1 + i);
	return w[which];
}

static int attach(l4_word_t *addr, l4_word_t size, l4_word_t ds,
		  l4_word_t offset, unsigned flags)
{
	return l4_rm_attach(rm, addr, size, memory, ds, offset, flags);
}

/* Three pages of .bss that nobody has touched before the test. */
static volatile uint8_t fresh[3 * PAGE] __attribute__((aligned(4096)));

static void image_faults(void)
{
	l4_word_t before = stats(0);

	for (unsigned i = 0; i < sizeof(fresh); i += PAGE)
		fresh[i] = (uint8_t)i + 1;
	CASE("image_faults_go_to_the_region_mapper",
	     stats(0) >= before + 3 && fresh[PAGE] == 1);
}

static l4_threadid_t lookup_memory(void)
{
	l4_threadid_t t = L4_NILTHREAD;
	uint64_t end = l4_system_clock() + 1000000;

	while (l4_root_lookup("memory", &t) != L4_NAMES_OK &&
	       l4_system_clock() < end)
		l4_thread_switch(L4_NILTHREAD);
	return t;
}

static bool words_are(l4_word_t base, l4_word_t pages, l4_word_t seed)
{
	for (l4_word_t a = base; a < base + pages * PAGE; a += 8)
		if (*(volatile l4_word_t *)a != (seed ? a - base + seed : 0))
			return false;
	return true;
}

static void fill(l4_word_t base, l4_word_t pages, l4_word_t seed)
{
	for (l4_word_t a = base; a < base + pages * PAGE; a += 8)
		*(volatile l4_word_t *)a = a - base + seed;
}

static l4_word_t ds; /* four pages at the memory server */

static void attach_and_fault(void)
{
	l4_word_t a = AT, before;

	CASE("memory_server_opens_a_dataspace",
	     l4_ds_open(memory, 4 * PAGE, &ds) == L4_NAMES_OK);
	CASE("attach_at_an_address",
	     attach(&a, 4 * PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_OK &&
		     a == AT);
	before = stats(0);
	CASE("attached_pages_are_zero_filled", words_are(AT, 4, 0));
	/* A read maps without W (copy-on-write managers copy on W), so a
	 * write after it faults once more. */
	CASE("reads_fault_once_a_page", stats(0) == before + 4);
	fill(AT, 4, 0x1000);
	CASE("faults_resolve_through_two_pagers",
	     words_are(AT, 4, 0x1000) && stats(0) == before + 8);
}

static void attach_errors(void)
{
	l4_word_t a;

	a = AT + PAGE;
	CASE("attach_overlapping_is_eexist",
	     attach(&a, 2 * PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_EEXIST);
	a = 0x30000000;
	CASE("attach_size_zero_is_einval",
	     attach(&a, 0, ds, 0, L4_FPAGE_RW) == L4_NAMES_EINVAL);
	a = 0x30000800;
	CASE("attach_unaligned_is_einval",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_EINVAL);
	a = 0x30000000;
	CASE("attach_unaligned_offset_is_einval",
	     attach(&a, PAGE, ds, 8, L4_FPAGE_RW) == L4_NAMES_EINVAL);
	CASE("attach_without_rights_is_einval",
	     attach(&a, PAGE, ds, 0, 0) == L4_NAMES_EINVAL);
	CASE("attach_with_unknown_flags_is_einval",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_RW | 0x10000) == L4_NAMES_EINVAL);
	CASE("attach_with_nil_manager_is_einval",
	     l4_rm_attach(rm, &a, PAGE, L4_NILTHREAD, ds, 0, L4_FPAGE_RW) ==
		     L4_NAMES_EINVAL);
	a = 0x7fffffe00000ul;
	CASE("attach_over_the_utcb_area_is_einval",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_EINVAL);
	a = 0x7ffffe000000ul;
	CASE("attach_search_without_room_is_efull",
	     attach(&a, 0x4000000ul, ds, 0, L4_FPAGE_RW | L4_RM_SEARCH) ==
		     L4_NAMES_EFULL);
	a = AT;
	CASE("failed_attaches_changed_nothing",
	     words_are(AT, 4, 0x1000) &&
		     l4_rm_detach(rm, 0x30000000, NULL) == L4_NAMES_ENOENT);
}

static void search_and_detach(void)
{
	l4_word_t a = 0x30000000, start = 0;

	CASE("attach_search_finds_an_aligned_range",
	     attach(&a, 2 * PAGE, ds, 0,
		    L4_FPAGE_RW | L4_RM_SEARCH | L4_RM_ALIGN(21)) ==
			     L4_NAMES_OK &&
		     a >= 0x30000000 && a % 0x200000 == 0);
	CASE("searched_region_maps_the_dataspace", words_are(a, 2, 0x1000));
	CASE("detach_gives_the_start",
	     l4_rm_detach(rm, a + PAGE, &start) == L4_NAMES_OK && start == a);
	CASE("detach_twice_is_enoent",
	     l4_rm_detach(rm, a, NULL) == L4_NAMES_ENOENT);
	CASE("detach_at_an_address",
	     l4_rm_detach(rm, AT + 3 * PAGE, &start) == L4_NAMES_OK &&
		     start == AT);
	a = AGAIN;
	CASE("a_detached_dataspace_keeps_its_data",
	     attach(&a, 4 * PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_OK &&
		     words_are(AGAIN, 4, 0x1000));
	a = READONLY;
	CASE("attach_read_only",
	     attach(&a, PAGE, ds, PAGE, L4_FPAGE_R) == L4_NAMES_OK &&
		     words_are(READONLY, 1, 0x1000 + PAGE));
	a = REFUSED;
	CASE("attach_beyond_the_dataspace_is_accepted",
	     attach(&a, 2 * PAGE, ds, 3 * PAGE, L4_FPAGE_RW) == L4_NAMES_OK);
}

/* Worker threads: each waits for the word to touch, touches it and tells
 * main what it read. */
static uint64_t stacks[5][512] __attribute__((aligned(16)));
static volatile bool use_handler;

static _Noreturn void worker(void)
{
	l4_threadid_t from;
	l4_word_t addr, v;

	if (use_handler)
		l4_utcb()[L4_UTCB_EXCEPTION_HANDLER] = main_id.raw;
	l4_ipc(L4_NILTHREAD, main_id, 0, &from);
	addr = l4_mr(1);
	v = l4_mr(2) ? (*(volatile l4_word_t *)addr = l4_mr(2)) :
		       *(volatile l4_word_t *)addr;
	l4_set_mr(0, l4_msgtag_make(DONE_LABEL, 1, 0).raw);
	l4_set_mr(1, v);
	l4_send(main_id);
	l4_sleep_forever();
	__builtin_unreachable();
}

static l4_threadid_t start_worker(unsigned n, bool handler)
{
	l4_threadid_t t = L4_NILTHREAD;

	use_handler = handler;
	if (l4_root_thread((l4_word_t)worker, (l4_word_t)&stacks[n][511], rm,
			   &t) != L4_NAMES_OK)
		return L4_NILTHREAD;
	return t;
}

/* Send @t the go (touch @addr, writing @value if not 0) and receive from
 * @from_spec in the same IPC, for up to two seconds. */
static l4_msgtag_t go(l4_threadid_t t, l4_word_t addr, l4_word_t value,
		      l4_threadid_t from_spec)
{
	l4_set_mr(0, l4_msgtag_make(0, 2, 0).raw);
	l4_set_mr(1, addr);
	l4_set_mr(2, value);
	return l4_ipc(t, from_spec,
		      l4_timeouts(L4_NEVER, l4_time_from_us(2000000)), NULL);
}

/* True once @t is halted (within @us microseconds). */
static bool halted_within(l4_threadid_t t, uint64_t us)
{
	uint64_t end = l4_system_clock() + us;

	do {
		struct l4_exregs r = { 0 };

		l4_exchange_registers(t, &r);
		if (l4_thread_was_halted(r.control))
			return true;
		l4_thread_switch(L4_NILTHREAD);
	} while (l4_system_clock() < end);
	return false;
}

/* True once @t is halted (within a second). */
static bool becomes_halted(l4_threadid_t t)
{
	return halted_within(t, 1000000);
}

static void handled_fault(void)
{
	l4_threadid_t w = start_worker(0, true);
	l4_word_t a = HANDLED, handed = stats(1);
	l4_msgtag_t tag;
	bool told;

	CASE("root_task_gives_a_worker_thread", !l4_is_nil_thread(w));
	tag = go(w, HANDLED + 8, 0, rm);
	told = !l4_msgtag_is_error(tag) &&
	       l4_msgtag_label(tag) == L4_RM_UNRESOLVED &&
	       l4_msgtag_untyped(tag) == 4 && l4_mr(1) == w.raw &&
	       l4_mr(2) == HANDLED + 8 && l4_mr(4) == L4_FPAGE_R;
	CASE("fault_outside_regions_goes_to_the_handler",
	     told && stats(1) == handed + 1);
	CASE("retry_of_a_thread_without_a_fault_is_enoent",
	     l4_rm_retry(rm, main_id) == L4_NAMES_ENOENT);
	CASE("handler_attaches_and_retries",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_RW) == L4_NAMES_OK &&
		     l4_rm_retry(rm, w) == L4_NAMES_OK);
	tag = l4_ipc(L4_NILTHREAD, w,
		     l4_timeouts(L4_NEVER, l4_time_from_us(2000000)), NULL);
	CASE("retried_thread_reads_the_new_region",
	     !l4_msgtag_is_error(tag) && l4_msgtag_label(tag) == DONE_LABEL &&
		     l4_mr(1) == 0x1000 + 8);
}

/* A worker without a handler faults at @addr (writing if @write): it must
 * end halted, and the region mapper count one more halt. */
static bool halts(unsigned n, l4_word_t addr, bool write)
{
	l4_threadid_t w = start_worker(n, false);
	l4_word_t before = stats(2);

	if (l4_is_nil_thread(w))
		return false;
	go(w, addr, write ? 0x77 : 0, L4_NILTHREAD);
	return becomes_halted(w) && stats(2) == before + 1;
}

static void unhandled_faults(void)
{
	CASE("write_to_a_read_only_region_halts", halts(1, READONLY, true));
	CASE("read_only_region_is_unchanged",
	     words_are(READONLY, 1, 0x1000 + PAGE));
	CASE("fault_outside_every_region_halts", halts(2, NOWHERE, false));
	CASE("fault_the_manager_refuses_halts",
	     halts(3, REFUSED + PAGE, false));
}

/* Page @i, word @w of the swapped dataspace. */
static l4_word_t pattern(l4_word_t i, l4_word_t w)
{
	return (i << 32) ^ (w * 0x9e3779b97f4a7c15ul);
}

/* Three pagers: region mapper -> swapping pager -> memory server, with
 * three times the swapping pager's frames in one dataspace. */
static l4_threadid_t swapper;
static l4_word_t swapped_pages, swapper_frames;

static void three_pagers(void)
{
	struct l4_swap_stats s0 = { 0 }, s1 = { 0 };
	l4_word_t sd = 0, a = SWAPPED, pages, bad = 0, before = stats(0);

	CASE("swapping_pager_found",
	     l4_root_lookup("swapper", &swapper) == L4_NAMES_OK &&
		     l4_swap_stats(swapper, &s0) == L4_NAMES_OK &&
		     s0.frames > 0);
	pages = 3 * s0.frames;
	swapped_pages = pages;
	swapper_frames = s0.frames;
	CASE("attach_a_swapped_dataspace",
	     l4_ds_open(swapper, pages * PAGE, &sd) == L4_NAMES_OK &&
		     l4_rm_attach(rm, &a, pages * PAGE, swapper, sd, 0,
				  L4_FPAGE_RW) == L4_NAMES_OK);
	for (l4_word_t i = 0; i < pages; i++)
		for (l4_word_t w = 0; w < PAGE / 8; w += 8)
			((volatile l4_word_t *)(SWAPPED + i * PAGE))[w] =
				pattern(i, w);
	for (l4_word_t i = 0; i < pages; i++)
		for (l4_word_t w = 0; w < PAGE / 8; w += 8)
			bad += ((volatile l4_word_t *)(SWAPPED +
						       i * PAGE))[w] !=
			       pattern(i, w);
	l4_swap_stats(swapper, &s1);
	CASE("faults_resolve_through_three_pagers",
	     stats(0) >= before + 2 * pages);
	CASE("more_than_the_budget_survives_eviction_and_reload",
	     bad == 0 && s1.evictions - s0.evictions >= pages - s0.frames &&
		     s1.reloads - s0.reloads >= pages - s0.frames);
}

/* Did this space use its page at @va since the last look? Unmap with
 * rights 0 reports the caller's mapping, and nothing if there is none. */
static unsigned used_rights(l4_word_t va)
{
	l4_set_mr(0, l4_fpage(va, 12, 0).raw);
	l4_unmap(0);
	return (unsigned)(l4_mr(0) & 7);
}

/*
 * The top of sigma0 -> memory -> swapper -> rmtest flushes: the swapper is
 * killed, the memory server closes its frames (Unmap of its own pages),
 * and the pages are gone from every level below, rmtest included.
 */
static void flush_at_the_top(void)
{
	l4_word_t last = SWAPPED + (swapped_pages - 1) * PAGE, got = 0;
	struct l4_ds_stats m0 = { 0 }, m1 = { 0 };
	unsigned mapped = 0;

	for (l4_word_t i = 0; i < 4; i++)
		mapped += *(volatile l4_word_t *)(last - i * PAGE) ==
			  pattern(swapped_pages - 1 - i, 0);
	CASE("swapped_pages_are_mapped_here",
	     mapped == 4 && used_rights(last) != 0);
	(void)*(volatile l4_word_t *)last; /* used again since the look */
	CASE("root_task_kills_the_swapper",
	     l4_ds_stats(memory, &m0) == L4_NAMES_OK &&
		     l4_root_kill("swapper") == L4_NAMES_OK);
	/* The root task's notice may find the server busy; ask for the sweep
	 * here too. */
	l4_request(memory, L4_DS_SWEEP, 0, NULL, &got);
	CASE("memory_server_takes_the_swappers_frames_back",
	     l4_ds_stats(memory, &m1) == L4_NAMES_OK &&
		     m1.frames_used + swapper_frames <= m0.frames_used);
	mapped = 0;
	for (l4_word_t i = 0; i < 4; i++)
		mapped += used_rights(last - i * PAGE) != 0;
	CASE("flush_at_the_top_revokes_the_pages_below", mapped == 0);
}

/* A dataspace manager that takes the request and never answers: after two
 * seconds (RM_MANAGER_US) the region mapper gives up, halts the faulting
 * thread and serves on. */
static void hung_manager(void)
{
	l4_threadid_t hung = L4_NILTHREAD, w = start_worker(4, false);
	l4_word_t a = HUNG, halts = stats(2);
	uint64_t t0;

	CASE("hung_manager_found_and_attached",
	     l4_root_lookup("deadpager", &hung) == L4_NAMES_OK &&
		     l4_rm_attach(rm, &a, PAGE, hung, 0, 0, L4_FPAGE_R) ==
			     L4_NAMES_OK &&
		     !l4_is_nil_thread(w));
	t0 = l4_system_clock();
	go(w, HUNG, 0, L4_NILTHREAD);
	CASE("a_fault_on_a_hung_manager_halts_its_thread",
	     halted_within(w, 4000000) && stats(2) == halts + 1);
	/* Not before the manager had its time. */
	CASE("the_manager_had_two_seconds", l4_system_clock() >= t0 + 2000000);
	a = AFTER_HUNG;
	CASE("region_mapper_serves_on_after_a_hung_manager",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_R) == L4_NAMES_OK &&
		     words_are(AFTER_HUNG, 1, 0x1000));
}

/* A dataspace manager killed while the region mapper waits for it: the
 * faulting thread is halted, and the region mapper serves on. */
static void killed_pager(void)
{
	l4_threadid_t dead = L4_NILTHREAD, w = start_worker(4, false);
	l4_word_t a = DEAD, halts = stats(2);

	CASE("dead_pager_found_and_attached",
	     l4_root_lookup("deadpager", &dead) == L4_NAMES_OK &&
		     l4_rm_attach(rm, &a, PAGE, dead, 0, 0, L4_FPAGE_R) ==
			     L4_NAMES_OK &&
		     !l4_is_nil_thread(w));
	go(w, DEAD, 0, L4_NILTHREAD);
	/* Give the fault time to reach the dead pager (if it does not, the
	 * map fails all the same: the pager is gone when it is sent). */
	l4_ipc(L4_NILTHREAD, main_id,
	       l4_timeouts(L4_NEVER, l4_time_from_us(200000)), NULL);
	CASE("root_task_kills_the_pager",
	     l4_root_kill("deadpager") == L4_NAMES_OK);
	CASE("its_client_is_halted",
	     becomes_halted(w) && stats(2) == halts + 1);
	a = AFTER;
	CASE("region_mapper_serves_on_after_its_pager_died",
	     attach(&a, PAGE, ds, 0, L4_FPAGE_R) == L4_NAMES_OK &&
		     words_are(AFTER, 1, 0x1000));
	CASE("killing_twice_is_enoent",
	     l4_root_kill("deadpager") == L4_NAMES_ENOENT);
}

/* A request @label with the @u words at @w to the root task; its status. */
static int root_request(l4_word_t label, unsigned u, const l4_word_t *w)
{
	return l4_request(l4_root_id(), label, u, w, NULL);
}

static uint64_t idle_stacks[PROG_THREADS][64] __attribute__((aligned(16)));

static _Noreturn void idle(void)
{
	l4_sleep_forever();
	__builtin_unreachable();
}

/* The root task's requests of <l4/rm.h> and <l4/args.h>, each bad input
 * refused; and the region mapper's requests from another task. */
static void bad_requests(void)
{
	l4_word_t w[3] = { (l4_word_t)idle, 0, 0 }, dsw[3], made = 0;
	char args[8 * L4_ARGS_WORDS], v[8];
	l4_threadid_t t, foreign = L4_NILTHREAD;
	l4_msgtag_t tag;

	CASE("root_thread_with_two_words_is_einval",
	     root_request(L4_ROOT_THREAD, 2, w) == L4_NAMES_EINVAL);
	w[2] = l4_local_id(0x1000).raw;
	CASE("root_thread_with_a_local_pager_is_einval",
	     root_request(L4_ROOT_THREAD, 3, w) == L4_NAMES_EINVAL);
	/* The UTCB slots run out: the program has PROG_THREADS at most. */
	for (unsigned i = 0; i < PROG_THREADS; i++)
		if (l4_root_thread((l4_word_t)idle,
				   (l4_word_t)&idle_stacks[i][63], L4_NILTHREAD,
				   &t) == L4_NAMES_OK)
			made++;
	CASE("root_thread_runs_out_with_efull",
	     made > 0 && made < PROG_THREADS &&
		     l4_root_thread((l4_word_t)idle,
				    (l4_word_t)&idle_stacks[0][63],
				    L4_NILTHREAD, &t) == L4_NAMES_EFULL);
	CASE("root_regions_with_a_word_is_einval",
	     root_request(L4_ROOT_REGIONS, 1, w) == L4_NAMES_EINVAL);
	CASE("root_task_without_a_thread_is_einval",
	     root_request(L4_ROOT_TASK, 0, w) == L4_NAMES_EINVAL);
	w[0] = l4_global_id(4000, 1).raw;
	CASE("root_task_of_no_program_is_enoent",
	     root_request(L4_ROOT_TASK, 1, w) == L4_NAMES_ENOENT);
	CASE("root_task_of_the_region_mapper_is_this_task",
	     l4_same_thread(l4_task_of(rm), main_id));
	CASE("root_args_with_a_word_is_einval",
	     root_request(L4_ROOT_ARGS, 1, w) == L4_NAMES_EINVAL);
	CASE("root_args_give_the_command_line",
	     l4_root_args(args, sizeof(args)) == L4_NAMES_OK &&
		     args[0] == 'r' && args[6] == ' ' && args[7] == 'a' &&
		     l4_arg_number("x n=12 m=y", "n", 0) == 12 &&
		     l4_arg_number("x n=12 m=y", "m", 7) == 7 &&
		     !l4_arg(args, "nothing", v, sizeof(v)) && !v[0]);
	dsw[0] = 1, dsw[1] = 0x400000, dsw[2] = L4_FPAGE_R;
	CASE("image_map_of_another_dataspace_is_enoent",
	     root_request(L4_DS_MAP, 3, dsw) == L4_NAMES_ENOENT);
	dsw[0] = L4_ROOT_IMAGE_DS, dsw[1] = 0x400008;
	CASE("image_map_unaligned_is_einval",
	     root_request(L4_DS_MAP, 3, dsw) == L4_NAMES_EINVAL);
	dsw[1] = 0x400000, dsw[2] = 0;
	CASE("image_map_without_rights_is_einval",
	     root_request(L4_DS_MAP, 3, dsw) == L4_NAMES_EINVAL);
	dsw[2] = L4_FPAGE_W;
	CASE("image_map_of_text_writable_is_einval",
	     root_request(L4_DS_MAP, 3, dsw) == L4_NAMES_EINVAL);
	dsw[1] = 0x30000000, dsw[2] = L4_FPAGE_R;
	CASE("image_map_outside_the_image_is_einval",
	     root_request(L4_DS_MAP, 3, dsw) == L4_NAMES_EINVAL);
	/* Another task's thread asks our region mapper. */
	l4_root_lookup("rmforeign", &foreign);
	l4_set_mr(0, l4_msgtag_make(0, 1, 0).raw);
	l4_set_mr(1, rm.raw);
	tag = l4_call(foreign);
	CASE("region_mapper_refuses_other_tasks",
	     !l4_msgtag_is_error(tag) && l4_mr(1) == L4_NAMES_EINVAL &&
		     l4_mr(2) == L4_NAMES_EINVAL);
	CASE("region_mapper_refuses_other_tasks_it_is_the_pager_of",
	     !l4_msgtag_is_error(tag) && l4_msgtag_untyped(tag) == 4 &&
		     l4_mr(3) == L4_NAMES_EINVAL &&
		     l4_mr(4) == L4_NAMES_EINVAL);
}

int main(void)
{
	main_id = l4_myself();
	rm = rm_start();
	CASE("rm_start_gives_a_region_mapper", !l4_is_nil_thread(rm));
	memory = lookup_memory();
	CASE("memory_server_found", !l4_is_nil_thread(memory));
	if (!l4_is_nil_thread(rm) && !l4_is_nil_thread(memory)) {
		image_faults();
		attach_and_fault();
		attach_errors();
		search_and_detach();
		handled_fault();
		unhandled_faults();
		three_pagers();
		hung_manager();
		killed_pager();
		flush_at_the_top();
		bad_requests(); /* last: it uses up the UTCB slots */
	}
	l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
	return 0;
}
