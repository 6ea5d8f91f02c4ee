// SPDX-License-Identifier: BSD-2-Clause
/*
 * Flexpages: map, grant, unmap and page faults; see map.h.
 *
 * The shadow tree of a space has the shape of an x86_64 page table (four
 * levels of 512 slots indexed by virtual-address bits 47:12). A slot of
 * level 1 holds the mdb node of a 4 KiB page; a slot of level 2 or 3
 * holds either the next table or, tagged with bit 0, the node of a 2 MiB
 * or 1 GiB page. Walking it skips empty subtrees, so every operation costs
 * what it finds mapped, never the size of the range.
 */
#include <kernel/arch.h>
#include <kernel/io.h>
#include <kernel/ipc.h>
#include <kernel/kmem.h>
#include <kernel/map.h>
#include <kernel/mdb.h>
#include <kernel/memory.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/string.h>
#include <kernel/space.h>
#include <kernel/tcb.h>

#include <l4/errors.h>
#include <l4/fpage.h>
#include <l4/msgtag.h>
#include <l4/protocol.h>
#include <l4/time.h>
#include <l4/utcb.h>

#define NODE_TAG 1ul
#define USER_END 0x0000800000000000ul

static struct slab_cache node_cache;
static struct space *sigma0_space;

/*
 * One bit per 4 KiB frame of RAM: set while the frame has a root in the
 * mapping database (in sigma0's space, or wherever sigma0 granted it).
 * sigma0 may make a root only for a frame without one, so a frame it
 * granted away is not its own again until every mapping of it is gone.
 */
static uint64_t *rooted;
static uint64_t rooted_frames;

static bool frame_rooted(uint64_t pa)
{
	uint64_t f = pa >> 12;

	return f < rooted_frames && (rooted[f / 64] >> (f % 64)) & 1;
}

static void frame_set_rooted(uint64_t pa, uint64_t size, bool on)
{
	for (uint64_t f = pa >> 12; f < (pa + size) >> 12 && f < rooted_frames;
	     f++) {
		if (on)
			rooted[f / 64] |= 1ull << (f % 64);
		else
			rooted[f / 64] &= ~(1ull << (f % 64));
	}
}

/* --- The shadow tree ---------------------------------------------------- */

static unsigned idx(uint64_t va, int level)
{
	return (va >> (12 + 9 * (level - 1))) & 511;
}

static int size_level(unsigned size)
{
	return size == 12 ? 1 : size == 21 ? 2 : 3;
}

/* The slot for a node of 2^size at @va; allocates tables if @alloc. NULL
 * if a table is missing (or cannot be had) or a larger node is in the way.
 */
static uintptr_t *shadow_slot(struct space *s, uint64_t va, unsigned size,
			      bool alloc)
{
	uintptr_t *t, *e;
	int level = size_level(size);

	if (!s->shadow) {
		if (!alloc || !(s->shadow = kmem_alloc(&kernel_pool)))
			return NULL;
	}
	t = s->shadow;
	for (int l = 4; l > level; l--) {
		e = &t[idx(va, l)];
		if (*e & NODE_TAG)
			return NULL;
		if (!*e) {
			void *n = alloc ? kmem_alloc(&kernel_pool) : NULL;

			if (!n)
				return NULL;
			*e = (uintptr_t)n;
		}
		t = (uintptr_t *)*e;
	}
	return &t[idx(va, level)];
}

static bool shadow_table_empty(const uintptr_t *t)
{
	for (unsigned i = 0; i < 512; i++)
		if (t[i])
			return false;
	return true;
}

static struct mdb_node *slot_node(uintptr_t v, int level)
{
	if (level == 1)
		return (struct mdb_node *)v;
	return (v & NODE_TAG) ? (struct mdb_node *)(v & ~NODE_TAG) : NULL;
}

/* The node whose page covers @va in @s, or NULL. */
static struct mdb_node *shadow_find(const struct space *s, uint64_t va)
{
	const uintptr_t *t = s->shadow;

	for (int l = 4; t && l >= 1; l--) {
		uintptr_t v = t[idx(va, l)];

		if (!v)
			return NULL;
		if (l == 1 || (v & NODE_TAG))
			return slot_node(v, l);
		t = (const uintptr_t *)v;
	}
	return NULL;
}

static void shadow_set(struct mdb_node *n)
{
	uintptr_t *slot = shadow_slot(n->space, n->vaddr, n->size_log2, false);

	assert(slot);
	*slot = (uintptr_t)n | (n->size_log2 > 12 ? NODE_TAG : 0);
}

static void shadow_clear(const struct mdb_node *n)
{
	uintptr_t *slot = shadow_slot(n->space, n->vaddr, n->size_log2, false);

	if (slot)
		*slot = 0;
}

/*
 * The first node of @s at or after @va and below @end, or NULL. Skips
 * empty tables: cost follows what is mapped.
 */
static struct mdb_node *shadow_next(const struct space *s, uint64_t va,
				    uint64_t end)
{
	while (va < end && s->shadow) {
		const uintptr_t *t = s->shadow;
		uint64_t step = 0;

		for (int l = 4; l >= 1; l--) {
			uintptr_t v = t[idx(va, l)];

			step = 1ul << (12 + 9 * (l - 1));
			if (!v)
				break;
			if (l == 1 || (v & NODE_TAG))
				return slot_node(v, l);
			t = (const uintptr_t *)v;
		}
		va = (va & ~(step - 1)) + step; /* skip the empty slot */
	}
	return NULL;
}

/* --- The mapping database's page-table side ---------------------------- */

static struct mdb_node *node_alloc(void)
{
	return slab_alloc(&node_cache);
}

static void node_free(struct mdb_node *n)
{
	if (n->depth == 0) /* a root: the frame is free again */
		frame_set_rooted(n->phys, 1ul << n->size_log2, false);
	slab_free(&node_cache, n);
}

static void node_unmapped(struct mdb_node *n)
{
	arch_vspace_unmap(n->space, n->vaddr, n->size_log2);
	shadow_clear(n);
}

static void node_protected(struct mdb_node *n, unsigned rights)
{
	arch_vspace_protect(n->space, n->vaddr, n->size_log2, rights);
}

static unsigned node_accessed(struct mdb_node *n)
{
	return arch_vspace_accessed(n->space, n->vaddr, n->size_log2);
}

static void node_split(const struct mdb_node *old, struct mdb_node *piece)
{
	panic("map: superpage split is not supported yet");
}

static const struct mdb_ops ops = {
	.alloc = node_alloc,
	.free = node_free,
	.unmapped = node_unmapped,
	.protected = node_protected,
	.accessed = node_accessed,
	.split = node_split,
};

void map_init(void)
{
	uint64_t bytes, pa;

	slab_init(&node_cache, "mdb node", sizeof(struct mdb_node),
		  &kernel_pool);
	mdb_init(&ops);
	rooted_frames = memory_top() >> 12;
	bytes = ((rooted_frames + 63) / 64) * 8;
	if (!memmap_alloc(&phys_map, (bytes + 4095) & ~4095ul, 4096, 1ul << 30,
			  MEMMAP_FREE, MEMMAP_KERNEL, &pa))
		panic("map: no memory for the frame bitmap");
	rooted = arch_phys_to_virt(pa);
	memset(rooted, 0, bytes);
}

bool map_is_sigma0(const struct space *s)
{
	return s == sigma0_space;
}

void map_set_sigma0(struct space *s)
{
	sigma0_space = s;
}

/* --- Sigma0's memory ----------------------------------------------------- */

/* Is the page at physical @pa one of a device the kernel drives? */
static bool kernel_device(uint64_t pa)
{
	uint64_t start, end;

	for (unsigned i = 0; arch_phys_device(i, &start, &end); i++)
		if (pa >= start && pa < end)
			return true;
	return false;
}

/* May sigma0 hold the page at physical @pa? Everything the CPU can address
 * below 2^L4_SIGMA0_PHYS_LOG2 but the kernel's own memory (image, pool)
 * and the devices the kernel drives. */
static bool sigma0_may_hold(uint64_t pa)
{
	return pa < (1ul << L4_SIGMA0_PHYS_LOG2) && pa < arch_phys_limit() &&
	       memmap_type_at(&phys_map, pa) != MEMMAP_KERNEL &&
	       !kernel_device(pa);
}

/* Sigma0's node for the page at @va (= physical address), made on first
 * use: a root of the mapping database, mapped identically. */
static struct mdb_node *sigma0_node(uint64_t va)
{
	struct mdb_node *n = shadow_find(sigma0_space, va);
	uint64_t page = va & ~0xffful;

	if (n || !sigma0_may_hold(page) || frame_rooted(page))
		return n;
	if (!shadow_slot(sigma0_space, page, 12, true))
		return NULL;
	if (!arch_vspace_map(sigma0_space, page, page, 12, MDB_RWX))
		return NULL;
	n = mdb_root(sigma0_space, page, page, 12, MDB_RWX);
	if (!n) {
		arch_vspace_unmap(sigma0_space, page, 12);
		return NULL;
	}
	frame_set_rooted(page, 4096, true);
	shadow_set(n);
	return n;
}

#define SUPER (1ul << 21)

/*
 * Sigma0's 2 MiB node at the 2 MiB-aligned @va: the one there, or a new
 * root if all of the range is sigma0's to hold and nothing of it was ever
 * touched at 4 KiB (no shadow table, no page table, no root below). NULL
 * otherwise: the caller then goes by 4 KiB pages.
 */
static struct mdb_node *sigma0_node_2m(uint64_t va)
{
	struct mdb_node *n = shadow_find(sigma0_space, va);
	uintptr_t *slot;

	if (n)
		return n->size_log2 >= 21 ? n : NULL;
	if (!(arch_vspace_sizes() & SUPER))
		return NULL;
	for (uint64_t p = va; p < va + SUPER; p += 4096)
		if (!sigma0_may_hold(p) || frame_rooted(p))
			return NULL;
	slot = shadow_slot(sigma0_space, va, 21, true);
	if (!slot || *slot) /* a 4 KiB table was here once */
		return NULL;
	if (!arch_vspace_map(sigma0_space, va, va, 21, MDB_RWX))
		return NULL;
	n = mdb_root(sigma0_space, va, va, 21, MDB_RWX);
	if (!n) {
		arch_vspace_unmap(sigma0_space, va, 21);
		return NULL;
	}
	frame_set_rooted(va, SUPER, true);
	shadow_set(n);
	return n;
}

/* --- Map and grant ------------------------------------------------------- */

static bool overlaps_fpage(l4_word_t fp, uint64_t va, uint64_t len)
{
	l4_fpage_t f = l4_fpage_raw(fp);
	uint64_t b = l4_fpage_base(f), l = l4_fpage_size(f);

	return !l4_fpage_is_nil(f) && va < b + l && b < va + len;
}

/* Does [va, va + 2^size) touch @s's KIP or UTCB area? */
static bool in_kernel_area(const struct space *s, uint64_t va, unsigned size)
{
	return overlaps_fpage(s->kip_area, va, 1ul << size) ||
	       overlaps_fpage(s->utcb_area, va, 1ul << size);
}

/* Map (or grant) 2^size bytes at @sva of @from's space, which @src covers,
 * to @dva in @to with @rights. Returns 0 or an error code. */
static unsigned map_one(struct mdb_node *src, uint64_t sva, struct space *to,
			uint64_t dva, unsigned size, unsigned rights,
			bool grant)
{
	uint64_t pa = src->phys + (sva - src->vaddr);
	struct mdb_node *old, *n;
	uintptr_t *slot = NULL;

	rights &= src->rights;
	/* Granting part of a superpage would need a split (not there yet):
	 * it is refused, nothing moves (docs/mdb.md). */
	if (grant && size != src->size_log2)
		return 0;
	if (!rights || in_kernel_area(to, dva, size))
		return 0; /* the UTCB and KIP areas are the kernel's */
	/* A 4 KiB page whose slot is there (no larger page in the way): one
	 * walk finds what is mapped there and where the new node goes. */
	if (size == 12)
		slot = shadow_slot(to, dva, 12, true);
	old = slot ? (struct mdb_node *)*slot : shadow_find(to, dva);
	if (old) {
		if (old == src || mdb_in_subtree(old, src))
			return 0; /* onto itself, or onto where it came from */
		mdb_unmap(old, MDB_RWX, true, old->phys, old->size_log2);
	}
	if (!slot)
		slot = shadow_slot(to, dva, size, true);
	if (slot && size == 21 && *slot && !(*slot & NODE_TAG) &&
	    shadow_table_empty((uintptr_t *)*slot)) {
		/* 4 KiB nodes were here and are gone: the superpage can go. */
		kmem_free(&kernel_pool, (void *)*slot);
		*slot = 0;
	}
	if (!slot || (size > 12 && *slot && !(*slot & NODE_TAG)))
		return L4_IPC_EMSGOVERFLOW; /* other page sizes in the way */
	if (grant && size == src->size_log2) {
		node_unmapped(src);
		mdb_grant(src, to, dva, rights);
		if (!arch_vspace_map(to, dva, pa, size, src->rights))
			panic("map: no page table for a grant");
		shadow_set(src);
		return 0;
	}
	if (!arch_vspace_map(to, dva, pa, size, rights))
		return L4_IPC_EMSGOVERFLOW;
	n = mdb_map(src, to, dva, pa, size, rights);
	if (!n) {
		arch_vspace_unmap(to, dva, size);
		return L4_IPC_EMSGOVERFLOW;
	}
	*slot = (uintptr_t)n | (size > 12 ? NODE_TAG : 0); /* shadow_set() */
	return 0;
}

/* The largest page size (12, 21 or 30) that both addresses allow, that
 * fits before @end, and that the source node has. */
static unsigned best_size(uint64_t sva, uint64_t dva, uint64_t end,
			  const struct mdb_node *src)
{
	static const unsigned sizes[] = { 30, 21 };

	for (unsigned i = 0; i < 2; i++) {
		uint64_t m = (1ul << sizes[i]) - 1;

		if (sizes[i] <= src->size_log2 && !((sva | dva) & m) &&
		    end - sva > m && (arch_vspace_sizes() >> sizes[i]) & 1)
			return sizes[i];
	}
	return 12;
}

/*
 * Map [sbase, sbase + len) of @from onto [dbase, ...) of @to. Walks only
 * what @from has mapped there.
 */
static unsigned map_region(struct space *from, uint64_t sbase, struct space *to,
			   uint64_t dbase, uint64_t len, unsigned rights,
			   bool grant)
{
	uint64_t end = sbase + len;

	for (uint64_t va = sbase; va < end;) {
		struct mdb_node *src;
		unsigned size, err;

		if (from == sigma0_space) {
			uint64_t dva = dbase + (va - sbase);

			src = NULL;
			if (!((va | dva) & (SUPER - 1)) && end - va >= SUPER)
				src = sigma0_node_2m(va);
			if (!src)
				src = sigma0_node(va);
			if (!src) {
				va = (va & ~0xffful) + 4096;
				continue;
			}
		} else {
			src = shadow_next(from, va, end);
			if (!src)
				break;
			if (src->vaddr > va)
				va = src->vaddr;
		}
		size = best_size(va, dbase + (va - sbase), end, src);
		err = map_one(src, va, to, dbase + (va - sbase), size, rights,
			      grant);
		if (err && size > 12 && !grant) {
			/* Smaller pages are in the way at the destination: go
			 * by 4 KiB pages there (children of the superpage). */
			for (uint64_t o = 0; !err && o < (1ul << size);
			     o += 4096)
				err = map_one(src, va + o, to,
					      dbase + (va - sbase) + o, 12,
					      rights, false);
		}
		if (err)
			return err;
		va += 1ul << size;
	}
	return 0;
}

/*
 * An I/O fpage: the receiver gets the ports if its window accepts them (the
 * complete address space, or an I/O fpage that covers them) and the sender
 * holds them all. Grant also takes them from the sender.
 */
static unsigned map_io(struct tcb *s, struct tcb *r, l4_fpage_t send,
		       l4_fpage_t window, bool grant)
{
	uint64_t port = l4_iofpage_port(send);
	uint64_t n = 1ul << l4_iofpage_log2(send);

	if (l4_fpage_is_io(window)) {
		uint64_t wp = l4_iofpage_port(window);

		if (port < wp ||
		    port + n > wp + (1ul << l4_iofpage_log2(window)))
			return 0;
	} else if (!l4_fpage_is_complete(window)) {
		return 0;
	}
	if (!io_holds(s->space, port, n))
		return 0; /* nothing of the sender's to give */
	if (!io_map(s->space, r->space, port, n, grant))
		return L4_IPC_EMSGOVERFLOW; /* out of kernel memory */
	return 0;
}

unsigned map_transfer_item(struct tcb *s, struct tcb *r, const l4_word_t *item,
			   unsigned avail, unsigned *used)
{
	l4_fpage_t send, window;
	uint64_t sb, rb, offset, len;
	unsigned ss, rs;

	if (!l4_item_is_map(item[0]) && !l4_item_is_grant(item[0]))
		return L4_IPC_EMSGOVERFLOW; /* string items: not yet */
	if (avail < 2)
		return L4_IPC_EMSGOVERFLOW;
	*used = 2;
	send = l4_fpage_raw(item[1]);
	window = l4_acceptor_window(r->utcb[L4_UTCB_BR(0)]);
	/* A receiver that accepts no mappings gets none, not even a nil one:
	 * the message overflows, as in the reference kernel. */
	if (l4_fpage_is_nil(window))
		return L4_IPC_EMSGOVERFLOW;
	if (l4_fpage_is_nil(send))
		return 0; /* nothing to map */
	if (l4_fpage_is_io(send))
		return map_io(s, r, send, window, l4_item_is_grant(item[0]));
	ss = l4_fpage_is_complete(send) ? 47 : l4_fpage_log2(send);
	rs = l4_fpage_is_complete(window) ? 47 : l4_fpage_log2(window);
	sb = l4_fpage_is_complete(send) ? 0 : l4_fpage_base(send);
	rb = l4_fpage_is_complete(window) ? 0 : l4_fpage_base(window);
	if (ss < 12 || rs < 12)
		return 0;
	offset = l4_item_send_base(item[0]);
	if (ss <= rs) { /* the send fpage lands inside the window */
		rb += (offset & ((1ul << rs) - 1)) & ~((1ul << ss) - 1);
		len = 1ul << ss;
	} else { /* the window takes the part of the fpage at the offset */
		sb += (offset & ((1ul << ss) - 1)) & ~((1ul << rs) - 1);
		len = 1ul << rs;
	}
	if (sb >= USER_END || rb >= USER_END)
		return 0;
	if (sb + len > USER_END)
		len = USER_END - sb;
	if (rb + len > USER_END)
		len = USER_END - rb;
	return map_region(s->space, sb, r->space, rb, len,
			  l4_fpage_rights(send), l4_item_is_grant(item[0]));
}

/* --- Unmap ---------------------------------------------------------------- */

static unsigned unmap_region(struct space *s, uint64_t base, uint64_t len,
			     unsigned rights, bool flush)
{
	uint64_t end = base + len;
	unsigned accessed = 0;
	struct mdb_node *n;

	for (uint64_t va = base; va < end && (n = shadow_next(s, va, end));) {
		uint64_t next = n->vaddr + (1ul << n->size_log2);

		/* A superpage partly inside the range is handled whole. */
		accessed |= mdb_unmap(n, rights, flush, n->phys, n->size_log2);
		va = next;
	}
	return accessed;
}

void sys_unmap(l4_word_t control)
{
	struct tcb *self = sched_current();
	unsigned k = l4_unmap_k(control);
	bool flush = l4_unmap_flush(control);

	for (unsigned i = 0; i <= k; i++) {
		l4_fpage_t f = l4_fpage_raw(self->utcb[i]);
		uint64_t base, len;
		unsigned acc;

		if (l4_fpage_is_nil(f))
			continue;
		if (l4_fpage_is_io(f)) { /* ports: from everyone below */
			io_unmap(self->space, l4_iofpage_port(f),
				 1ul << l4_iofpage_log2(f), flush);
			continue;
		}
		base = l4_fpage_is_complete(f) ? 0 : l4_fpage_base(f);
		len = l4_fpage_is_complete(f) ? USER_END :
						1ul << l4_fpage_log2(f);
		if (l4_fpage_log2(f) < 12 && !l4_fpage_is_complete(f))
			continue;
		if (base >= USER_END)
			continue;
		if (len > USER_END - base)
			len = USER_END - base;
		acc = unmap_region(self->space, base, len, l4_fpage_rights(f),
				   flush);
		self->utcb[i] = (self->utcb[i] & ~(l4_word_t)L4_FPAGE_RWX) |
				acc;
	}
}

/* --- Page faults ----------------------------------------------------------- */

bool map_page_fault(uint64_t addr, unsigned access, uint64_t ip)
{
	unsigned code = map_page_fault_until(addr, access, ip, 0);

	/* Cancelled or aborted by ExchangeRegisters: the access runs again
	 * (and faults again, unless the IP was moved or the page mapped),
	 * as in the reference implementation; it is no exception. */
	return code == 0 || code == L4_IPC_ECANCELED || code == L4_IPC_EABORTED;
}

unsigned map_page_fault_until(uint64_t addr, unsigned access, uint64_t ip,
			      uint64_t deadline)
{
	struct tcb *self = sched_current();
	l4_word_t msg[3], reply[1], pager, err, timeouts = 0;
	unsigned code;

	if (self->space == sigma0_space) {
		struct mdb_node *n = sigma0_node(addr);

		return n && (n->rights & access) == access ? 0 :
							     L4_IPC_ENOPARTNER;
	}
	pager = self->utcb[L4_UTCB_PAGER];
	if (pager == 0)
		return L4_IPC_ENOPARTNER;
	msg[0] = l4_pagefault_tag(access).raw;
	msg[1] = addr;
	msg[2] = ip;
	if (deadline) { /* each phase gets what is left */
		uint64_t now = ipc_now_us();
		l4_time_t left;

		if (now >= deadline)
			return L4_IPC_ETIMEOUT;
		left = l4_time_from_us(deadline - now);
		timeouts = l4_timeouts(left, left);
	}
	err = ipc_kernel_call(pager, msg, 3,
			      l4_acceptor(L4_COMPLETE_SPACE, false), reply, 1,
			      timeouts);
	code = l4_ipc_error_code(err);
	if (err && !deadline && code != L4_IPC_ECANCELED &&
	    code != L4_IPC_EABORTED)
		kprintf("map: page fault of %#lx at %#lx: pager %#lx: %s\n",
			self->id, addr, pager, l4_ipc_error_name(code));
	return err ? code : 0;
}

/* Free the shadow tables under @t (level @level); their node slots are
 * empty by now. */
static void shadow_free(uintptr_t *t, int level)
{
	for (unsigned i = 0; level > 1 && i < 512; i++) {
		assert(!(t[i] & NODE_TAG));
		if (t[i])
			shadow_free((uintptr_t *)t[i], level - 1);
	}
	kmem_free(&kernel_pool, t);
}

void map_space_destroy(struct space *s)
{
	unmap_region(s, 0, USER_END, MDB_RWX, true);
	if (s->shadow)
		shadow_free(s->shadow, 4);
	s->shadow = NULL;
}

void map_check(const struct space *s)
{
	for (uint64_t va = 0; va < USER_END;) {
		struct mdb_node *n = shadow_next(s, va, USER_END);
		uint64_t pa;
		unsigned size, rights;

		if (!n)
			break;
		assert(n->space == s);
		assert(arch_vspace_lookup(s, n->vaddr, &pa, &size, &rights));
		assert(pa == n->phys && size == n->size_log2);
		va = n->vaddr + (1ul << n->size_log2);
	}
}
