// SPDX-License-Identifier: BSD-2-Clause
/*
 * Bad input (DEVELOPERS.md: "no user program can panic, hang or corrupt the
 * kernel"): an unprivileged thread in a space of its own calls every
 * system call many times with pseudo-random arguments, and afterwards the
 * kernel must still do its job. The randomness is kept where it cannot
 * hurt the suite itself: IPC goes to thread numbers nobody uses, to nil,
 * any and the thread itself, with zero timeouts (nothing waits for good);
 * typed items and Unmap stay in a small scratch window; ExchangeRegisters
 * changes no instruction or stack pointer. The thread uses only its stack
 * (the suite's image is mapped read-only in its space).
 */
#include "suite.h"

#define ROUNDS 3000
#define SCRATCH 0x20000000ul /* 8 pages the pager backs on demand */
#define SCRATCH_PAGES 8
#define UNUSED_NUMBER 0xf000ul /* thread numbers above it are never used */

static l4_threadid_t fuzz_reporter; /* the case's thread (read-only there) */
static l4_threadid_t fuzz_partner;  /* the receiver in the fuzz space */

static uint64_t next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

/* A thread id: nil, any, any local, itself or its partner (both forms),
 * or a thread number nobody uses with a random version. */
static l4_word_t some_id(uint64_t *x)
{
	switch (next(x) % 8) {
	case 6:
	case 7: /* the partner, by global or local id */
		return next(x) % 2 ? fuzz_partner.raw :
				     SUITE_SPACE_UTCB_AREA + L4_UTCB_SIZE +
					     L4_UTCB_MR0_OFFSET;
	case 0:
		return L4_NILTHREAD_RAW;
	case 1:
		return L4_ANYTHREAD_RAW;
	case 2:
		return L4_ANYLOCALTHREAD_RAW;
	case 3:
		return l4_myself().raw;
	case 4:
		return (l4_word_t)l4_utcb();
	}
	return ((UNUSED_NUMBER + next(x) % 0x800) << 32) | (next(x) | 1);
}

/* An fpage in the scratch window, or a random word now and then. */
static l4_word_t some_fpage(uint64_t *x)
{
	uint64_t r = next(x);

	if (r % 8 == 0)
		return r; /* anything at all */
	return l4_fpage(SCRATCH + (next(x) % SCRATCH_PAGES) * 4096,
			12 + (unsigned)(next(x) % 3), (unsigned)r & 7)
		.raw;
}

/* A typed item of the scratch window: map, grant or a short string. */
static unsigned some_item(uint64_t *x, l4_word_t *w, unsigned room)
{
	uint64_t r = next(x);

	if (room >= 2 && r % 3 == 0) {
		w[0] = l4_mapitem_word0(SCRATCH, true);
		w[1] = some_fpage(x);
		return 2;
	}
	if (room >= 2 && r % 3 == 1) {
		w[0] = l4_grantitem_word0(SCRATCH, true);
		w[1] = some_fpage(x);
		return 2;
	}
	w[0] = l4_stringitem_word0(next(x) % 64, 1, false, true);
	if (room >= 2) {
		w[1] = SCRATCH + next(x) % (SCRATCH_PAGES * 4096 - 64);
		return 2;
	}
	return 1;
}

static void fuzz_ipc(uint64_t *x)
{
	unsigned u = (unsigned)(next(x) % 64), t = (unsigned)(next(x) % 8);
	l4_word_t *mr = l4_utcb();
	unsigned i;

	if (u + t > 63)
		t = 63 - u;
	for (i = 1; i <= u; i++)
		mr[i] = next(x);
	while (i <= u + t)
		i += some_item(x, &mr[i], u + t + 1 - i);
	mr[0] = l4_msgtag_make(next(x) & 0xffff, u, t).raw;
	mr[L4_UTCB_BR(0)] =
		next(x) % 2 ?
			l4_acceptor(l4_fpage_raw(some_fpage(x)), next(x) % 2) :
			0;
	mr[L4_UTCB_BR(1)] = l4_stringitem_word0(next(x) % 128, 1, false, false);
	mr[L4_UTCB_BR(2)] = SCRATCH + next(x) % (SCRATCH_PAGES * 4096 - 128);
	/* Transfer timeouts stay never: one that expires leaves the suite's
	 * pager replying to nobody, which it counts as a failure (the
	 * transfer-timeout case in xfer_test.c covers them). */
	mr[L4_UTCB_XFER_TIMEOUTS] = 0;
	l4_ipc(l4_threadid(some_id(x)), l4_threadid(some_id(x)),
	       l4_timeouts(L4_ZEROTIME, L4_ZEROTIME), NULL);
}

static void fuzz_one(uint64_t *x)
{
	struct l4_exregs r;
	l4_word_t *mr = l4_utcb(), old;

	switch (next(x) % 8) {
	case 0:
	case 1:
		fuzz_ipc(x);
		break;
	case 2:
		for (unsigned i = 0; i < 64; i++)
			mr[i] = some_fpage(x);
		l4_unmap(next(x) & 0x7f);
		break;
	case 3:
		l4_thread_control(l4_threadid(some_id(x)),
				  l4_threadid(some_id(x)),
				  l4_threadid(some_id(x)),
				  l4_threadid(some_id(x)), next(x));
		break;
	case 4:
		l4_space_control(l4_threadid(some_id(x)), next(x),
				 l4_fpage_raw(next(x)), l4_fpage_raw(next(x)),
				 l4_threadid(some_id(x)), &old);
		break;
	case 5:
		l4_schedule(l4_threadid(some_id(x)), next(x), next(x), next(x),
			    next(x), &old);
		break;
	case 6:
		r = (struct l4_exregs){
			.control = next(x) &
				   ~(L4_EXREGS_SET_SP | L4_EXREGS_SET_IP |
				     L4_EXREGS_SET_FLAGS | L4_EXREGS_SET_PAGER),
			.sp = next(x),
			.ip = next(x),
			.flags = next(x),
			.handle = next(x),
			.pager = l4_threadid(next(x)),
		};
		l4_exchange_registers(l4_threadid(some_id(x)), &r);
		break;
	case 7:
		l4_thread_switch(l4_threadid(some_id(x)));
		l4_system_clock();
		break;
	}
}

/* The fuzzer's partner: receive from anyone, for ever, each time with
 * another acceptor and other string buffers in the scratch window. */
static void fuzz_receiver(void)
{
	uint64_t x = 0x2545f4914f6cdd1dull;
	l4_word_t *u = l4_utcb();

	for (;;) {
		u[L4_UTCB_BR(0)] =
			l4_acceptor(l4_fpage_raw(some_fpage(&x)), next(&x) % 2);
		u[L4_UTCB_BR(1)] = l4_stringitem_word0(
			next(&x) % 256, 1 + (unsigned)(next(&x) % 2), false,
			false);
		u[L4_UTCB_BR(2)] =
			SCRATCH + next(&x) % (SCRATCH_PAGES * 4096 - 256);
		u[L4_UTCB_BR(3)] =
			SCRATCH + next(&x) % (SCRATCH_PAGES * 4096 - 256);
		u[L4_UTCB_XFER_TIMEOUTS] = 0; /* see fuzz_ipc() */
		l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 0, NULL);
	}
}

/* In the fuzz space: ROUNDS random calls, then report how many. */
static void fuzzer(void)
{
	uint64_t x = 0x9e3779b97f4a7c15ull;
	unsigned n;

	for (n = 0; n < ROUNDS; n++)
		fuzz_one(&x);
	l4_set_mr(0, l4_msgtag_make(SUITE_LABEL_DONE, 1, 0).raw);
	l4_set_mr(1, n);
	l4_send(fuzz_reporter);
	l4_sleep_forever();
}

SUITE_TEST(syscalls_with_random_arguments_leave_the_kernel_working)
{
	static struct suite_space space;
	l4_threadid_t f, from = L4_NILTHREAD;
	l4_msgtag_t tag;
	uint64_t end = l4_system_clock() + 4000000; /* runner: 5 s */

	fuzz_reporter = l4_myself();
	if (!EXPECT(suite_space_create(&space)))
		return;
	/* The receiver first (UTCB slot 0 is the space's first thread, the
	 * receiver slot 1: some_id() knows its local id), then the fuzzer. */
	f = suite_space_start(&space, fuzz_receiver);
	if (!EXPECT(!l4_is_nil_thread(f)))
		return;
	fuzz_partner = suite_space_start(&space, fuzz_receiver);
	if (!EXPECT(!l4_is_nil_thread(fuzz_partner)))
		return;
	f = suite_space_start(&space, fuzzer);
	if (!EXPECT(!l4_is_nil_thread(f)))
		return;
	/* Be its pager until it reports. */
	do {
		tag = suite_serve(f, 100000);
	} while (l4_msgtag_is_error(tag) && l4_system_clock() < end);
	if (l4_msgtag_is_error(tag)) { /* say where they are */
		struct l4_exregs r = { 0 };

		l4_printf("fuzz: no report; fuzzer state %lu, partner %lu\n",
			  suite_state(f), suite_state(fuzz_partner));
		l4_exchange_registers(f, &r);
		l4_printf("fuzz: fuzzer ip %lx sp %lx control %lx\n", r.ip,
			  r.sp, r.control);
	}
	EXPECT(!l4_msgtag_is_error(tag));
	EXPECT(l4_msgtag_has_label(tag, SUITE_LABEL_DONE));
	EXPECT(l4_mr(1) == ROUNDS);
	/* And the kernel still works: a fresh thread, a call, a page. */
	from = suite_thread_start(suite_echo_server, NULL);
	if (EXPECT(!l4_is_nil_thread(from))) {
		l4_set_mr(0, l4_msgtag_make(1, 1, 0).raw);
		l4_set_mr(1, 7);
		EXPECT(!l4_msgtag_is_error(l4_call(from)));
		EXPECT(l4_mr(1) == 8);
	}
	EXPECT(suite_page_alloc() != NULL);
	suite_space_delete(&space);
}
