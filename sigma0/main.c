// SPDX-License-Identifier: BSD-2-Clause
/*
 * sigma0: the root pager. It holds all physical memory (the kernel maps it
 * to sigma0 identically on first touch) and hands it out by the X.2 sigma0
 * protocol: a page goes to its first requester only, and again to the same
 * one as often as asked. Its clients' page faults are answered with
 * identity mappings of conventional memory and of the boot loader's
 * regions (the images, the modules, the boot information).
 */
#include <l4/kdebug.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/syscalls.h>

#define PAGE 4096ul
#define MAX_REGIONS 128
#define MAX_GRANTS 4096

struct region {
	l4_word_t start, end; /* [start, end) */
	unsigned type;
	/* "Any" 4 KiB pages: none at or above here is free. sigma0 never
	 * takes a page back, so a page found owned or of another type once
	 * stays so, and the search for the next goes on from below it. */
	l4_word_t any_top;
};

struct owned {
	l4_word_t start, end;
	l4_word_t owner; /* global thread id */
};

static struct region regions[MAX_REGIONS];
static unsigned nregions;
static struct owned owned[MAX_GRANTS];
static unsigned nowned;

/* The KIP's memory descriptors; later ones override earlier ones. */
static void read_memory(void)
{
	l4_word_t n = l4_kip_num_memdesc(l4_kip);

	for (l4_word_t i = 0; i < n && nregions < MAX_REGIONS; i++) {
		const l4_word_t *d = l4_kip_memdesc(l4_kip, i);

		if (l4_memdesc_is_virtual(d[0]))
			continue;
		regions[nregions] = (struct region){ l4_memdesc_low(d[0]),
						     l4_memdesc_high(d[1]) + 1,
						     l4_memdesc_type(d[0]), 0 };
		regions[nregions].any_top = regions[nregions].end;
		nregions++;
	}
}

static unsigned type_at(l4_word_t a)
{
	unsigned t = L4_MEMDESC_UNDEFINED;

	for (unsigned i = 0; i < nregions; i++)
		if (a >= regions[i].start && a < regions[i].end)
			t = regions[i].type;
	return t;
}

/* Owner of [a, a + size), 0 if nobody owns any of it, ~0 if mixed. */
static l4_word_t owner_of(l4_word_t a, l4_word_t size)
{
	l4_word_t who = 0;

	for (unsigned i = 0; i < nowned; i++) {
		if (owned[i].start < a + size && a < owned[i].end) {
			if (who && who != owned[i].owner)
				return ~0ul;
			who = owned[i].owner;
		}
	}
	return who;
}

static bool all_of_type(l4_word_t a, l4_word_t size, unsigned t1, unsigned t2)
{
	for (l4_word_t p = a; p < a + size; p += PAGE) {
		unsigned t = type_at(p);

		if (t != t1 && t != t2)
			return false;
	}
	return true;
}

/* Give [a, a + size) to @who if it may have it. */
static bool take(l4_word_t a, l4_word_t size, l4_word_t who, bool boot_ok)
{
	l4_word_t o = owner_of(a, size);

	if (!all_of_type(a, size, L4_MEMDESC_CONVENTIONAL,
			 boot_ok ? L4_MEMDESC_BOOTLOADER :
				   L4_MEMDESC_CONVENTIONAL))
		return false;
	if (o == who)
		return true;
	if (o != 0)
		return false;
	/* Next to a range of the same owner: grow it (pages handed out one
	 * by one from the top stay one record, and owner_of() short). */
	for (unsigned i = 0; i < nowned; i++) {
		if (owned[i].owner != who)
			continue;
		if (owned[i].end == a) {
			owned[i].end = a + size;
			return true;
		}
		if (owned[i].start == a + size) {
			owned[i].start = a;
			return true;
		}
	}
	if (nowned == MAX_GRANTS)
		return false;
	owned[nowned++] = (struct owned){ a, a + size, who };
	return true;
}

/* Any free conventional block of 2^log2 bytes, taken for @who; 0: none. */
static l4_word_t take_any(unsigned log2, l4_word_t who)
{
	l4_word_t size = 1ul << log2;

	for (unsigned i = nregions; i-- > 0;) {
		struct region *r = &regions[i];
		l4_word_t top = log2 == 12 ? r->any_top : r->end;

		if (r->type != L4_MEMDESC_CONVENTIONAL)
			continue;
		for (l4_word_t a = (top & ~(size - 1));
		     a >= size && a - size >= r->start; a -= size) {
			bool got = owner_of(a - size, size) == 0 &&
				   take(a - size, size, who, false);

			if (log2 == 12)
				r->any_top = a - size; /* taken, or never */
			if (got)
				return a - size;
		}
	}
	return 0;
}

/* Reply with a map item for [base, base + 2^log2), or a nil fpage. */
static void reply_map(l4_word_t base, unsigned log2, bool ok)
{
	l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
	l4_set_mr(1, l4_mapitem_word0(base, false));
	l4_set_mr(2, ok ? l4_fpage(base, log2, L4_FPAGE_RWX).raw : 0);
}

/* I/O ports, like memory: each range to its first requester only. */
static struct owned ports[256];
static unsigned nports;

static bool take_ports(l4_word_t port, l4_word_t n, l4_word_t who)
{
	for (unsigned i = 0; i < nports; i++)
		if (ports[i].start < port + n && port < ports[i].end &&
		    ports[i].owner != who)
			return false;
	if (nports == 256)
		return false;
	ports[nports++] = (struct owned){ port, port + n, who };
	return true;
}

/* Reply with a map item for an I/O fpage, or a nil fpage. */
static void reply_io(l4_fpage_t f, bool ok)
{
	l4_set_mr(0, l4_msgtag_make(0, 0, 2).raw);
	l4_set_mr(1, l4_mapitem_word0(0, false));
	l4_set_mr(2, ok ? f.raw : 0);
}

static bool handle(l4_msgtag_t tag, l4_threadid_t from)
{
	if (l4_is_pagefault_tag(tag)) {
		l4_word_t page = l4_mr(L4_PF_MR_ADDR) & ~(PAGE - 1);

		if (take(page, PAGE, from.raw, true)) {
			reply_map(page, 12, true);
			return true;
		}
		l4_printf("sigma0: refusing page fault of %lx at %lx\n",
			  from.raw, l4_mr(L4_PF_MR_ADDR));
		return false; /* the thread stays blocked */
	}
	if (l4_is_sigma0_tag(tag)) {
		l4_fpage_t f = l4_fpage_raw(l4_mr(L4_SIGMA0_MR_FPAGE));
		unsigned log2 = l4_fpage_log2(f);
		l4_word_t base;

		if (l4_fpage_is_io(f)) {
			l4_word_t port = l4_iofpage_port(f);
			l4_word_t n = 1ul << l4_iofpage_log2(f);

			reply_io(f, port + n <= 65536 &&
					    take_ports(port, n, from.raw));
			return true;
		}

		if (log2 < 12 || log2 > 30) {
			reply_map(0, 12, false);
			return true;
		}
		if (l4_sigma0_is_any(f)) {
			base = take_any(log2, from.raw);
			reply_map(base, log2, base != 0);
		} else {
			base = l4_fpage_base(f);
			reply_map(base, log2,
				  take(base, 1ul << log2, from.raw, true));
		}
		return true;
	}
	l4_printf("sigma0: unknown request %lx from %lx\n", tag.raw, from.raw);
	return false;
}

int main(void)
{
	l4_threadid_t from;
	l4_msgtag_t tag;

	read_memory();
	l4_printf("sigma0: %u memory regions\n", nregions);
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
