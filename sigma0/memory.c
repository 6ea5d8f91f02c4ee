// SPDX-License-Identifier: BSD-2-Clause
/*
 * sigma0's physical memory; see memory.h. The descriptors are kept as the
 * KIP lists them (a later one overrides an earlier one where they overlap)
 * and looked at range by range; the owned ranges are a table of disjoint
 * records, searched linearly.
 */
#include <l4/kip.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/syscalls.h>

#include "memory.h"

#define MAX_REGIONS 192 /* as many as the KIP can hold */
#define MAX_OWNED 4096

/* The type of addresses no descriptor describes, beside the KIP's 0-15. */
#define TYPE_NONE 16u
#define BIT(t) (1u << (t))

#define FAULT_TYPES                                              \
	(BIT(L4_MEMDESC_CONVENTIONAL) | BIT(L4_MEMDESC_SHARED) | \
	 BIT(L4_MEMDESC_BOOTLOADER))
#define ADDRESS_TYPES                                               \
	(FAULT_TYPES | BIT(TYPE_NONE) | BIT(L4_MEMDESC_DEDICATED) | \
	 BIT(L4_MEMDESC_ARCH))

struct region {
	l4_word_t start, end; /* [start, end), cut at the physical limit */
	unsigned type;
	/* "Any" 4 KiB pages: none at or above here is free. sigma0 never
	 * takes a page back, so a page found owned or of another type once
	 * stays so, and the search for the next goes on from below it. */
	l4_word_t any_top;
};

/* Disjoint: no address is in two records. */
struct owned {
	l4_word_t start, end;
	l4_word_t owner; /* global thread id */
};

static struct region regions[MAX_REGIONS];
static unsigned nregions;
static struct owned owned[MAX_OWNED];
static unsigned nowned;

static unsigned limit_log2; /* physical addresses end at 2^limit_log2 */
static l4_word_t limit;
/* Requests are for 2^page_log2 to 2^max_log2 bytes: from the smallest to
 * the largest page size of the KIP's PageInfo. */
static unsigned page_log2, max_log2;
static l4_word_t sigma0_self;

static l4_word_t min(l4_word_t a, l4_word_t b)
{
	return a < b ? a : b;
}

static l4_word_t max(l4_word_t a, l4_word_t b)
{
	return a > b ? a : b;
}

/* The CPU's physical address width, by the rule the kernel uses
 * (arch/x86_64/cpu.c): CPUID 0x80000008 EAX 7:0 if sane, else 36. */
static unsigned phys_bits(void)
{
	unsigned a, b, c, d;

	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(0x80000000u), "c"(0));
	if (a < 0x80000008u)
		return 36;
	__asm__ volatile("cpuid"
			 : "=a"(a), "=b"(b), "=c"(c), "=d"(d)
			 : "a"(0x80000008u), "c"(0));
	a &= 0xff;
	return a >= 32 && a <= 52 ? a : 36;
}

/* The smallest and the largest page size the KIP announces (log2; 12 if
 * it announces none). */
static void page_sizes(unsigned *smallest, unsigned *largest)
{
	l4_word_t sizes = l4_page_info_size_mask(l4_kip_page_info(l4_kip));

	*smallest = sizes ? (unsigned)__builtin_ctzl(sizes) : 12;
	*largest = sizes ? 63 - (unsigned)__builtin_clzl(sizes) : 12;
}

static void read_memory(void)
{
	l4_word_t n = l4_kip_num_memdesc(l4_kip);

	for (l4_word_t i = 0; i < n && nregions < MAX_REGIONS; i++) {
		const l4_word_t *d = l4_kip_memdesc(l4_kip, i);
		l4_word_t low = l4_memdesc_low(d[0]);
		l4_word_t high = l4_memdesc_high(d[1]);

		if (l4_memdesc_is_virtual(d[0]) || low >= limit || high < low)
			continue;
		regions[nregions] =
			(struct region){ low, high >= limit ? limit : high + 1,
					 l4_memdesc_type(d[0]), 0 };
		regions[nregions].any_top = regions[nregions].end;
		nregions++;
	}
}

/* Append [a, end) for @who, or grow a record of @who that it touches.
 * Caller: nothing of it is owned, and there is room. */
static void add_owned(l4_word_t a, l4_word_t end, l4_word_t who)
{
	for (unsigned i = 0; i < nowned; i++) {
		if (owned[i].owner != who)
			continue;
		if (owned[i].end == a) {
			owned[i].end = end;
			return;
		}
		if (owned[i].start == end) {
			owned[i].start = a;
			return;
		}
	}
	owned[nowned++] = (struct owned){ a, end, who };
}

void mem_init(l4_word_t self)
{
	l4_word_t lo =
		l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_MEM_LOW);
	l4_word_t hi = l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0,
				     L4_KIP_SERVER_MEM_HIGH);

	limit_log2 = min(phys_bits(), L4_SIGMA0_PHYS_LOG2);
	limit = 1ul << limit_log2;
	page_sizes(&page_log2, &max_log2);
	max_log2 = min(max_log2, limit_log2);
	sigma0_self = self;
	read_memory();
	if (hi > lo)
		add_owned(lo & ~l4_mask(page_log2),
			  (hi | l4_mask(page_log2)) + 1, self);
}

unsigned mem_regions(void)
{
	return nregions;
}

/* The type at @a (the last descriptor that covers it), and in *@next the
 * first address above @a where the answer may change. @a < limit. */
static unsigned type_span(l4_word_t a, l4_word_t *next)
{
	unsigned t = TYPE_NONE;

	*next = limit;
	for (unsigned i = 0; i < nregions; i++) {
		const struct region *r = &regions[i];

		if (a >= r->start && a < r->end)
			t = r->type;
		if (r->start > a)
			*next = min(*next, r->start);
		if (r->end > a)
			*next = min(*next, r->end);
	}
	return t;
}

/* The types found in [a, end), a mask of BIT()s. */
static unsigned types_in(l4_word_t a, l4_word_t end)
{
	unsigned types = 0;

	while (a < end)
		types |= BIT(type_span(a, &a));
	return types;
}

/* Of the records that meet [a, end), the one that starts lowest; NULL if
 * none does. */
static const struct owned *next_owned(l4_word_t a, l4_word_t end)
{
	const struct owned *o = NULL;

	for (unsigned i = 0; i < nowned; i++)
		if (owned[i].start < end && a < owned[i].end &&
		    (!o || owned[i].start < o->start))
			o = &owned[i];
	return o;
}

/* Owner of [a, end): 0 if nobody owns any of it, ~0 if several do. */
static l4_word_t owner_of(l4_word_t a, l4_word_t end)
{
	l4_word_t who = 0;

	for (unsigned i = 0; i < nowned; i++) {
		if (owned[i].start < end && a < owned[i].end) {
			if (who && who != owned[i].owner)
				return ~0ul;
			who = owned[i].owner;
		}
	}
	return who;
}

/* The pieces of [a, end) that nobody owns: how many, and with @record,
 * make them @who's. */
static unsigned unowned(l4_word_t a, l4_word_t end, l4_word_t who, bool record)
{
	unsigned n = 0;

	while (a < end) {
		const struct owned *o = next_owned(a, end);
		l4_word_t gap_end = o ? max(o->start, a) : end;

		if (gap_end > a) {
			n++;
			if (record)
				add_owned(a, gap_end, who);
		}
		if (!o)
			break;
		a = o->end;
	}
	return n;
}

/* Give [a, end) to @who if every page is of one of @types and nobody else
 * owns any of it; false, changing nothing, if not. */
static bool claim(l4_word_t a, l4_word_t end, l4_word_t who, unsigned types)
{
	unsigned found = types_in(a, end);
	l4_word_t o;

	if (found & ~types)
		return false;
	if (found == BIT(L4_MEMDESC_SHARED))
		return true; /* everyone's */
	o = owner_of(a, end);
	if (o != 0 && o != who)
		return false;
	if (o == 0 && nowned < MAX_OWNED) {
		/* The common case, a block nobody has: one piece. */
		add_owned(a, end, who);
		return true;
	}
	if (nowned + unowned(a, end, who, false) > MAX_OWNED)
		return false;
	unowned(a, end, who, true);
	return true;
}

static l4_fpage_t given(l4_word_t base, unsigned log2, bool ok)
{
	return ok ? l4_fpage(base, log2, L4_FPAGE_RWX) : L4_NILPAGE;
}

l4_fpage_t mem_take_fault(l4_word_t addr, l4_word_t who)
{
	l4_word_t page = addr & ~l4_mask(page_log2);

	return given(page, page_log2,
		     addr < limit && claim(page, page + (1ul << page_log2), who,
					   FAULT_TYPES));
}

l4_fpage_t mem_take(l4_word_t base, unsigned log2, l4_word_t who)
{
	bool fits = log2 >= page_log2 && log2 <= max_log2 &&
		    base <= limit - (1ul << log2) && !(base & l4_mask(log2));

	return given(base, log2,
		     fits && claim(base, base + (1ul << log2), who,
				   ADDRESS_TYPES));
}

l4_fpage_t mem_take_any(unsigned log2, l4_word_t who)
{
	l4_word_t size = 1ul << log2;

	if (log2 < page_log2 || log2 > max_log2)
		return L4_NILPAGE;
	for (unsigned i = nregions; i-- > 0;) {
		struct region *r = &regions[i];
		bool small = log2 == page_log2;

		if (r->type != L4_MEMDESC_CONVENTIONAL)
			continue;
		for (l4_word_t a =
			     ((small ? r->any_top : r->end) & ~(size - 1));
		     a >= size && a - size >= r->start; a -= size) {
			bool got = owner_of(a - size, a) == 0 &&
				   claim(a - size, a, who,
					 BIT(L4_MEMDESC_CONVENTIONAL));

			if (small)
				r->any_top = a - size; /* taken, or never */
			if (got)
				return l4_fpage(a - size, log2, L4_FPAGE_RWX);
		}
	}
	return L4_NILPAGE;
}

static const char *type_name(unsigned t)
{
	switch (t) {
	case L4_MEMDESC_CONVENTIONAL:
		return "conventional";
	case L4_MEMDESC_RESERVED:
		return "reserved";
	case L4_MEMDESC_DEDICATED:
		return "dedicated";
	case L4_MEMDESC_SHARED:
		return "shared";
	case L4_MEMDESC_BOOTLOADER:
		return "boot loader";
	case L4_MEMDESC_ARCH:
		return "architecture-specific";
	case TYPE_NONE:
		return "no descriptor";
	}
	return "undefined";
}

/* Print [a, end), all of type @t, piece by piece: free or whose. */
static void dump_span(l4_word_t a, l4_word_t end, unsigned t)
{
	const char *fate = (ADDRESS_TYPES & BIT(t)) ? "free" : "never given";

	if (t == L4_MEMDESC_SHARED)
		fate = "everyone's";
	while (a < end) {
		const struct owned *o = next_owned(a, end);
		l4_word_t gap_end = o ? max(o->start, a) : end;

		if (gap_end > a)
			l4_printf("sigma0:   [0x%lx, 0x%lx) %s: %s\n", a,
				  gap_end, type_name(t), fate);
		if (!o)
			break;
		a = min(o->end, end);
		l4_printf("sigma0:   [0x%lx, 0x%lx) %s: owned by %lx%s\n",
			  gap_end, a, type_name(t), o->owner,
			  o->owner == sigma0_self ? " (sigma0)" : "");
	}
}

void mem_dump(void)
{
	l4_printf("sigma0: memory below 0x%lx: %u descriptors, %u owned "
		  "ranges\n",
		  limit, nregions, nowned);
	for (l4_word_t a = 0, next; a < limit; a = next) {
		unsigned t = type_span(a, &next);

		dump_span(a, next, t);
	}
}
