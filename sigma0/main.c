// SPDX-License-Identifier: BSD-2-Clause
/*
 * sigma0: the root pager. It holds all physical memory (the kernel maps it
 * to sigma0 identically on first touch) and all I/O ports, and hands them
 * out by the X.2 sigma0 protocol as Pistachio's sigma0 does: a range goes
 * to its first requester only, and again to the same one as often as
 * asked (memory.h says which memory each kind of request may take). It
 * also speaks Pistachio's extended protocol: verbosity and a dump of its
 * memory.
 */
#include <l4/kdebug.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/syscalls.h>

#include "memory.h"

#define MAX_PORT_RANGES 256

/*
 * What is printed: 0 nothing but dumps; 1 (the start) refused page faults
 * (once for a thread faulting at one address again and again), malformed
 * and unknown messages; 2 also refused requests and extended requests; 3
 * also every message.
 */
static l4_word_t verbosity = 1;

#define say(level, ...)                         \
	do {                                    \
		if (verbosity >= (level))       \
			l4_printf(__VA_ARGS__); \
	} while (0)

static l4_threadid_t root_task, first_kernel_thread, sigma0_id;

/* Reply with a map item of @f, or of a nil fpage (send base 0). */
static void reply_map(l4_fpage_t f)
{
	l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
	l4_set_mr(1, l4_mapitem_word0(l4_fpage_is_nil(f) ? 0 : l4_fpage_base(f),
				      false));
	l4_set_mr(2, f.raw);
}

/* I/O ports, like memory: each range to its first requester only. */
static struct {
	l4_word_t start, end; /* [start, end) */
	l4_word_t owner;      /* global thread id */
} ports[MAX_PORT_RANGES];
static unsigned nports;

static bool take_ports(l4_word_t port, l4_word_t n, l4_word_t who)
{
	for (unsigned i = 0; i < nports; i++)
		if (ports[i].start < port + n && port < ports[i].end &&
		    ports[i].owner != who)
			return false;
	for (unsigned i = 0; i < nports; i++)
		if (ports[i].start <= port && port + n <= ports[i].end)
			return true; /* asked again */
	if (nports == MAX_PORT_RANGES)
		return false;
	ports[nports].start = port;
	ports[nports].end = port + n;
	ports[nports++].owner = who;
	return true;
}

static void dump_ports(void)
{
	for (unsigned i = 0; i < nports; i++)
		l4_printf("sigma0:   ports [0x%lx, 0x%lx): owned by %lx\n",
			  ports[i].start, ports[i].end, ports[i].owner);
}

/* A page fault: the identity mapping of the page, or a nil fpage. The
 * thread retries the access either way. */
static void page_fault(l4_threadid_t from)
{
	static l4_word_t last_from, last_addr;
	l4_word_t addr = l4_mr(L4_PF_MR_ADDR);
	l4_fpage_t f = mem_take_fault(addr, from.raw);

	if (l4_fpage_is_nil(f) &&
	    (from.raw != last_from || addr != last_addr)) {
		say(1, "sigma0: refusing page fault of %lx at %lx, ip %lx\n",
		    from.raw, addr, l4_mr(L4_PF_MR_IP));
		last_from = from.raw;
		last_addr = addr;
	}
	reply_map(f);
}

/* A request for memory or I/O ports (MR1), with attributes (MR2, not
 * looked at). */
static void request(l4_threadid_t from)
{
	l4_fpage_t f = l4_fpage_raw(l4_mr(L4_SIGMA0_MR_FPAGE)), got;

	if (l4_fpage_is_io(f)) {
		l4_word_t port = l4_iofpage_port(f);
		l4_word_t n = 1ul << l4_iofpage_log2(f);
		bool ok = port + n <= 65536 && take_ports(port, n, from.raw);

		got = ok ? f : L4_NILPAGE;
	} else if (l4_sigma0_is_any(f)) {
		got = mem_take_any(l4_fpage_log2(f), from.raw);
	} else {
		got = mem_take(l4_fpage_base(f), l4_fpage_log2(f), from.raw);
	}
	if (l4_fpage_is_nil(got))
		say(2, "sigma0: refusing fpage %lx to %lx\n", f.raw, from.raw);
	reply_map(got);
}

/* An extended request; true if it is answered (with tag 0). */
static bool extended(l4_threadid_t from)
{
	l4_word_t op = l4_mr(L4_SIGMA0_EXT_MR_OP);
	l4_word_t arg = l4_mr(L4_SIGMA0_EXT_MR_ARG);
	bool kernel = from.raw >= first_kernel_thread.raw &&
		      from.raw < sigma0_id.raw;

	say(2, "sigma0: extended request %lx, %lx from %lx\n", op, arg,
	    from.raw);
	if (from.raw != root_task.raw && !kernel)
		return false;
	if (op == L4_SIGMA0_EXT_VERBOSITY)
		verbosity = arg;
	if (op != L4_SIGMA0_EXT_DUMP)
		return false;
	mem_dump();
	dump_ports();
	if (arg == 0)
		return false;
	l4_set_mr(0, 0);
	return true;
}

/* Handle one message; true if the MRs now hold the answer. */
static bool handle(l4_msgtag_t tag, l4_threadid_t from)
{
	say(3, "sigma0: message %lx (%lx, %lx) from %lx\n", tag.raw, l4_mr(1),
	    l4_mr(2), from.raw);
	if (l4_msgtag_untyped(tag) != 2 || l4_msgtag_typed(tag) != 0) {
		say(1, "sigma0: malformed message %lx from %lx\n", tag.raw,
		    from.raw);
		return false;
	}
	if (l4_msgtag_label_is(tag, L4_LABEL_PAGEFAULT)) {
		page_fault(from);
		return true;
	}
	if (l4_msgtag_label_is(tag, L4_LABEL_SIGMA0)) {
		request(from);
		return true;
	}
	if (l4_msgtag_label_is(tag, L4_LABEL_SIGMA0_EXT))
		return extended(from);
	say(1, "sigma0: unknown request %lx from %lx\n", tag.raw, from.raw);
	return false;
}

int main(void)
{
	l4_word_t info = l4_kip_thread_info(l4_kip);
	unsigned user_base = l4_thread_info_user_base(info);
	l4_threadid_t from;
	l4_msgtag_t tag;

	sigma0_id = l4_sigma0_thread(user_base);
	root_task = l4_roottask_thread(user_base);
	first_kernel_thread =
		l4_global_id(l4_thread_info_system_base(info), L4_ROOT_VERSION);
	mem_init(l4_myself().raw);
	l4_printf("sigma0: %u memory regions\n", mem_regions());
	tag = l4_wait(&from);
	for (;;) {
		if (l4_msgtag_is_error(tag)) {
			tag = l4_wait(&from);
			continue;
		}
		if (handle(tag, from))
			tag = l4_reply_wait(from, &from);
		else
			tag = l4_wait(&from);
	}
}
