// SPDX-License-Identifier: BSD-2-Clause
/*
 * pingpong: IPC round trips, the first figures users of an L4 kernel ask
 * for. It boots as the root task and measures call + reply-and-wait
 * between two threads of one address space and of two, for messages of 0
 * to 63 untyped words, timed with rdtsc in user mode. A pager thread
 * serves the second space by mapping the root task's own pages at the
 * same addresses, so the partner runs this very code there.
 *
 * Each figure is one BENCH line (see docs/benchmarks.md); the unit is what
 * the kernel announces in the KIP feature "timestamp=...".
 */
#include <l4/kdebug.h>
#include <l4/kip.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/schedule.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>

#define WARMUP 10
#define SAMPLES 21
#define ROUNDS 20
#define PAGE 4096ul
#define OTHER_UTCB_AREA 0x7fffffe00000ul
#define OTHER_KIP_AREA 0x7fffffff0000ul

static uint8_t stacks[4][8192] __attribute__((aligned(4096)));
static const char *unit = "unknown";

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

/*
 * The ping-pong loops keep MR0-MR7 in their registers the whole time, as a
 * program that builds its messages in registers does (and as Pistachio's
 * pingpong does): no UTCB traffic in user mode, MR8 and up stay in the
 * UTCBs. The library's l4_call(), which loads and stores MR0-MR7 around
 * every call, is measured once for comparison (ipc_rt_*_l4c).
 */
static l4_word_t loop_partner, loop_count;

/* Call loop_partner loop_count times with the message in the MRs. */
static void call_loop(void)
{
	l4_word_t *u = l4_utcb();
	L4_MR_REGISTERS(u);

	__asm__ volatile("push %%rbp\n\t"
			 "1: mov %[to], %%rsi\n\t"
			 "mov %%rsi, %%rdx\n\t" /* Call: receive from @to */
			 "xor %%r8d, %%r8d\n\t" /* never time out */
			 "call *%[stub]\n\t"
			 "decq %[n]\n\t"
			 "jnz 1b\n\t"
			 "pop %%rbp"
			 : "+a"(rax), "+b"(rbx), "+r"(r9), "+r"(r10), "+r"(r12),
			   "+r"(r13), "+r"(r14), "+r"(r15), [n] "+m"(loop_count)
			 : [to] "m"(loop_partner), [stub] "m"(l4_sys_ipc)
			 : "rcx", "rdx", "rsi", "rdi", "r8", "r11", "memory");
}

/* The partner: answers every message with the same words, ReplyWait with
 * a send timeout of zero and a receive timeout of never. */
static void pong(void)
{
	l4_threadid_t from;
	l4_word_t *u = l4_utcb();

	l4_wait(&from);
	{
		L4_MR_REGISTERS(u);
		register l4_word_t rsi __asm__("rsi") = from.raw;

		__asm__ volatile(
			"1: mov $-1, %%rdx\n\t" /* from anyone */
			"mov %[t], %%r8d\n\t"
			"call *%[stub]\n\t" /* RSI: the sender */
			"jmp 1b"
			: "+a"(rax), "+b"(rbx), "+r"(r9), "+r"(r10), "+r"(r12),
			  "+r"(r13), "+r"(r14), "+r"(r15), "+S"(rsi)
			: [t] "i"(L4_TIME_ZERO_RAW << 16), [stub] "m"(
								   l4_sys_ipc)
			: "rcx", "rdx", "rdi", "r8", "r11", "memory");
	}
	__builtin_unreachable();
}

static l4_threadid_t pong_other;    /* the partner in the second space */
static l4_threadid_t faulter_other; /* and the one that takes faults */

/*
 * Pages the faulter touches in the second space, each resolved by pager()
 * below (a page-fault IPC, a map item in the reply); the root task touches
 * them first, so that pager() has them to give. The faulter writes what
 * each fault cost into fault_cost[], which both spaces share.
 */
static uint8_t fault_pages[(SAMPLES + WARMUP) * PAGE]
	__attribute__((aligned(4096)));
static uint64_t fault_cost[SAMPLES + WARMUP];

/* 2 MiB of the root task, as 512 pages of 4 KiB each, mapped to the
 * faulter by map items (map_ipc_*). */
#define BIG (2ul << 20)
static uint8_t big[BIG] __attribute__((aligned(BIG)));

#define FAULTER_TOUCH 1 /* label: touch every page of fault_pages */
#define FAULTER_TAKE 2	/* label: the message carries a map item */

/* In the second space: on FAULTER_TOUCH, touch the fault pages one by one
 * and time each; answer every message, with no words. Its receive window
 * is its whole space, for the map items of map_ipc_*. */
static void faulter(void)
{
	l4_threadid_t from;
	l4_msgtag_t tag;

	l4_utcb()[L4_UTCB_BR(0)] = l4_acceptor(L4_COMPLETE_SPACE, false);
	tag = l4_wait(&from);
	for (;;) {
		if (l4_msgtag_label(tag) == FAULTER_TOUCH)
			for (int i = 0; i < SAMPLES + WARMUP; i++) {
				uint64_t t0 = rdtsc();

				*(volatile uint8_t *)&fault_pages[i * PAGE] = 1;
				fault_cost[i] = rdtsc() - t0;
			}
		l4_set_mr(0, 0);
		tag = l4_reply_wait(from, &from);
	}
}

/* Pages of the second space: the root task's own, at the same place. */
static void pager(void)
{
	l4_threadid_t from;
	l4_msgtag_t tag;

	/* Start the partner in the second space: MR1 IP, MR2 SP. */
	l4_set_mr(0, l4_msgtag_make(0, 2, 0).raw);
	l4_set_mr(1, (l4_word_t)pong);
	l4_set_mr(2, (l4_word_t)stacks[2] + sizeof(stacks[2]));
	l4_send(pong_other);
	l4_set_mr(0, l4_msgtag_make(0, 2, 0).raw);
	l4_set_mr(1, (l4_word_t)faulter);
	l4_set_mr(2, (l4_word_t)stacks[3] + sizeof(stacks[3]));
	l4_send(faulter_other);

	tag = l4_wait(&from);
	for (;;) {
		l4_word_t page = l4_mr(L4_PF_MR_ADDR) & ~(PAGE - 1);

		if (!l4_is_pagefault_tag(tag)) {
			tag = l4_wait(&from);
			continue;
		}
		(void)*(volatile uint8_t *)page; /* have it here first */
		l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
		l4_set_mr(1, l4_mapitem_word0(page, false));
		l4_set_mr(2, l4_fpage(page, 12, L4_FPAGE_RWX).raw);
		tag = l4_reply_wait(from, &from);
	}
}

static l4_threadid_t thread_id(unsigned n)
{
	return l4_global_id(l4_thread_number(l4_myself()) + n, 1);
}

/* A thread of this space at @fn, with stack @stack and UTCB slot @n. */
static l4_threadid_t start_local(unsigned n, void (*fn)(void), void *stack)
{
	l4_threadid_t me = l4_myself(), t = thread_id(n);
	l4_word_t loc = (l4_word_t)l4_utcb() - L4_UTCB_MR0_OFFSET;
	struct l4_exregs r = {
		.control = L4_EXREGS_SET_IP | L4_EXREGS_SET_SP |
			   L4_EXREGS_START,
		.sp = (l4_word_t)stack + 8192,
		.ip = (l4_word_t)fn,
	};

	if (!l4_thread_control(t, me, me, l4_threadid(l4_utcb()[L4_UTCB_PAGER]),
			       loc + n * L4_UTCB_SIZE))
		return L4_NILTHREAD;
	l4_exchange_registers(t, &r);
	return t;
}

/* A thread in a new space, paged by @pager_id; started by the pager. */
static l4_threadid_t create_other(unsigned n, l4_threadid_t pager_id)
{
	l4_threadid_t me = l4_myself(), t = thread_id(n);

	if (!l4_thread_control(t, t, me, L4_NILTHREAD, ~0ul) ||
	    !l4_space_control(t, 0, l4_fpage(OTHER_KIP_AREA, 12, 0),
			      l4_fpage(OTHER_UTCB_AREA, 12, 0), L4_NILTHREAD,
			      NULL) ||
	    !l4_thread_control(t, t, me, pager_id, OTHER_UTCB_AREA))
		return L4_NILTHREAD;
	return t;
}

static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
}

/* Round trips of @words untyped words to @partner (through l4_call() if
 * @lib): one BENCH line, its name ending in @suffix. */
static void measure(const char *what, l4_threadid_t partner, unsigned words,
		    const char *suffix, bool lib)
{
	uint64_t v[SAMPLES];

	for (unsigned i = 1; i <= words; i++)
		l4_set_mr(i, i);
	l4_set_mr(0, l4_msgtag_make(0, words, 0).raw);
	loop_partner = partner.raw;
	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t t0, t1;

		t0 = rdtsc();
		if (lib) {
			for (int r = 0; r < ROUNDS; r++) {
				l4_set_mr(0, l4_msgtag_make(0, words, 0).raw);
				l4_call(partner);
			}
		} else {
			loop_count = ROUNDS;
			call_loop();
		}
		t1 = rdtsc();
		if (s >= 0)
			v[s] = (t1 - t0) / ROUNDS;
	}
	sort(v, SAMPLES);
	l4_printf("BENCH name=ipc_rt_%s_%uw%s unit=%s median=%lu min=%lu "
		  "max=%lu n=%d\n",
		  what, words, suffix, unit, v[SAMPLES / 2], v[0],
		  v[SAMPLES - 1], SAMPLES);
}

/* Print a BENCH line for @v[0..SAMPLES-1] (sorted here). */
static void report(const char *name, uint64_t *v)
{
	sort(v, SAMPLES);
	l4_printf("BENCH name=%s unit=%s median=%lu min=%lu max=%lu n=%d\n",
		  name, unit, v[SAMPLES / 2], v[0], v[SAMPLES - 1], SAMPLES);
}

/* The floor: the null system call (ArchSyscall0), there and back; and
 * the cheapest real one, SystemClock. */
/* Time @stmt, ROUNDS times in a row per sample, into @v (a macro, so that
 * no call around @stmt is counted). */
#define TIME_ROUNDS(v, stmt)                                \
	for (int s_ = -WARMUP; s_ < SAMPLES; s_++) {        \
		uint64_t t0_ = rdtsc();                     \
                                                            \
		for (int r_ = 0; r_ < ROUNDS; r_++)         \
			stmt;                               \
		if (s_ >= 0)                                \
			(v)[s_] = (rdtsc() - t0_) / ROUNDS; \
	}

static void measure_null_syscall(void)
{
	uint64_t v[SAMPLES];

	TIME_ROUNDS(v, l4_null_syscall());
	report("syscall_rt_null", v);
	TIME_ROUNDS(v, l4_system_clock());
	report("syscall_rt_system_clock", v);
}

/* Every IPC figure, with the fastpath as it is and then turned off. */
static void measure_ipc(l4_threadid_t local, l4_threadid_t other)
{
	static const unsigned sizes[] = { 0, 1, 4, 8, 16, 32, 63 };
	const unsigned n = sizeof(sizes) / sizeof(sizes[0]);
	bool fast = l4_kdb_fastpath(2) & L4_KDB_FASTPATH_ON;

	l4_printf("pingpong: fastpath %s\n", fast ? "on" : "off");
	for (unsigned i = 0; i < n; i++)
		measure("intra_as", local, sizes[i], "", false);
	for (unsigned i = 0; i < n; i++)
		measure("inter_as", other, sizes[i], "", false);
	measure("inter_as", other, 0, "_l4c", true);
	measure("inter_as", other, 8, "_l4c", true);
	if (!fast)
		return; /* those were the slow path already */
	l4_kdb_fastpath(0);
	for (unsigned i = 0; i < n; i++)
		measure("intra_as", local, sizes[i], "_slowpath", false);
	for (unsigned i = 0; i < n; i++)
		measure("inter_as", other, sizes[i], "_slowpath", false);
	l4_kdb_fastpath(1);
}

/* A page fault that sigma0, a user-level pager, resolves: the first
 * touch of each page of a fresh buffer (fault, IPC to sigma0, map item,
 * resume). */
static uint8_t fault_area[(SAMPLES + WARMUP) * PAGE]
	__attribute__((aligned(4096)));

static void measure_page_fault(void)
{
	uint64_t v[SAMPLES];

	for (int s = -WARMUP; s < SAMPLES; s++) {
		volatile uint8_t *p = &fault_area[(s + WARMUP) * PAGE];
		uint64_t t0 = rdtsc();

		*p = 1;
		if (s >= 0)
			v[s] = rdtsc() - t0;
	}
	report("pagefault_sigma0_rt", v);
}

/*
 * Map and unmap: ask sigma0 again for the same 2^@log2 bytes (the same
 * owner may), mapped into a window of this space as pages of the largest
 * size that fits (@log2 21: one 2 MiB page), then flush them (Unmap).
 */
#define MAP_WINDOW 0x40000000ul

static void measure_map_unmap(const char *map_name, const char *unmap_name,
			      unsigned log2)
{
	l4_threadid_t s0 = l4_sigma0_id();
	l4_fpage_t window = l4_fpage(MAP_WINDOW, log2, L4_FPAGE_RWX), got;
	uint64_t vm[SAMPLES], vu[SAMPLES];

	got = l4_sigma0_get_any(s0, log2, L4_FPAGE_RWX, window);
	if (l4_fpage_is_nil(got)) {
		l4_printf("pingpong: sigma0 gave no 2^%u bytes\n", log2);
		return;
	}
	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t t0, t1, t2;

		l4_set_mr(0, window.raw);
		l4_unmap(L4_UNMAP_FLUSH); /* MR0: flush the window */
		t0 = rdtsc();
		l4_sigma0_get_page(s0, got, L4_SIGMA0_ATTR_DEFAULT, window);
		t1 = rdtsc();
		l4_set_mr(0, window.raw);
		l4_unmap(L4_UNMAP_FLUSH);
		t2 = rdtsc();
		if (s >= 0) {
			vm[s] = t1 - t0;
			vu[s] = t2 - t1;
		}
	}
	report(map_name, vm);
	report(unmap_name, vu);
}

/* A page fault resolved by a user-level pager: pager() above, which maps a
 * page of its own (fault, page-fault IPC, map item, resume). */
static void measure_page_fault_user_pager(void)
{
	for (unsigned i = 0; i < sizeof(fault_pages); i += PAGE)
		*(volatile uint8_t *)&fault_pages[i] = 0; /* the pager has
							     them now */
	l4_set_mr(0, l4_msgtag_make(FAULTER_TOUCH, 0, 0).raw);
	l4_call(faulter_other);
	report("pagefault_user_pager_rt", &fault_cost[WARMUP]);
}

/*
 * Map and unmap 2^@log2 bytes of this space, present as 4 KiB pages, to
 * the faulter: a Call with one map item, which the faulter answers at
 * once (so the figure includes an IPC round trip on the slow path, see
 * ipc_rt_inter_as_0w_slowpath), then an Unmap without the flush bit, which
 * takes the pages from the faulter only.
 */
static void measure_map_ipc(const char *map_name, const char *unmap_name,
			    unsigned log2)
{
	l4_fpage_t f = l4_fpage((l4_word_t)big, log2, L4_FPAGE_RWX);
	uint64_t vm[SAMPLES], vu[SAMPLES];

	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t t0, t1, t2;

		l4_set_mr(0, l4_msgtag_make(FAULTER_TAKE, 0, 2).raw);
		l4_set_mr(1, l4_mapitem_word0((l4_word_t)big, false));
		l4_set_mr(2, f.raw);
		t0 = rdtsc();
		l4_call(faulter_other);
		t1 = rdtsc();
		l4_set_mr(0, f.raw);
		l4_unmap(0);
		t2 = rdtsc();
		if (s >= 0) {
			vm[s] = t1 - t0;
			vu[s] = t2 - t1;
		}
	}
	report(map_name, vm);
	report(unmap_name, vu);
}

/* ThreadControl: create a thread in this space, then delete it. */
static void measure_thread_create_delete(void)
{
	l4_threadid_t me = l4_myself(), t = thread_id(8);
	l4_word_t loc =
		(l4_word_t)l4_utcb() - L4_UTCB_MR0_OFFSET + 8 * L4_UTCB_SIZE;
	uint64_t vc[SAMPLES], vd[SAMPLES];

	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t t0 = rdtsc(), t1, t2;

		l4_thread_control(t, me, me, me, loc);
		t1 = rdtsc();
		l4_thread_control(t, L4_NILTHREAD, L4_NILTHREAD, L4_NILTHREAD,
				  ~0ul);
		t2 = rdtsc();
		if (s >= 0) {
			vc[s] = t1 - t0;
			vd[s] = t2 - t1;
		}
	}
	report("thread_create", vc);
	report("thread_delete", vd);
}

static void find_unit(void)
{
	const char *u = l4_kip_feature_value(l4_kip, "timestamp");

	if (u)
		unit = u;
}

int main(void)
{
	l4_threadid_t local, other, pager_id;

	find_unit();
	l4_printf("pingpong: unit %s\n", unit);
	local = start_local(1, pong, stacks[0]);
	pager_id = thread_id(2);
	other = create_other(3, pager_id);
	pong_other = other;
	faulter_other = thread_id(4);
	if (!l4_is_nil_thread(other) &&
	    !l4_thread_control(faulter_other, other, l4_myself(), pager_id,
			       OTHER_UTCB_AREA + L4_UTCB_SIZE))
		faulter_other = L4_NILTHREAD;
	if (l4_is_nil_thread(local) || l4_is_nil_thread(other) ||
	    l4_is_nil_thread(faulter_other) ||
	    l4_is_nil_thread(start_local(2, pager, stacks[1]))) {
		l4_printf("pingpong: could not create the threads\n");
		return 1;
	}
	measure_ipc(local, other);
	measure_null_syscall();
	measure_page_fault();
	measure_map_unmap("map_1_page", "unmap_1_page", 12);
	measure_map_unmap("map_16_pages", "unmap_16_pages", 16);
	measure_map_unmap("map_2mib_page", "unmap_2mib_page", 21);
	for (unsigned i = 0; i < BIG; i += PAGE)
		*(volatile uint8_t *)&big[i] = 1; /* 512 pages of 4 KiB,
						     each from sigma0 */
	measure_page_fault_user_pager();
	measure_map_ipc("map_ipc_1_page", "unmap_ipc_1_page", 12);
	measure_map_ipc("map_ipc_16_pages", "unmap_ipc_16_pages", 16);
	measure_map_ipc("map_ipc_512_pages", "unmap_ipc_512_pages", 21);
	measure_thread_create_delete();
	l4_printf("pingpong: done\n");
	return 0;
}
