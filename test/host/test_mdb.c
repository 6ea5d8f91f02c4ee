// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the mapping database (kernel/mdb.c): one case per line of
 * the specification, then a long random run compared after every step with
 * a naive reference model. The page-table side is a fake: a hash table of
 * entries keyed by (space, vaddr), each with the kernel's shadow pointer to
 * its node, changed by the callbacks and by what the kernel does around map
 * and grant. Every callback is recorded as an event.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <kernel/mdb.h>

#include "check.h"

#define K4 12
#define M2 21
#define G1 30
#define SZ(s) (1ull << (s))

#define RWX MDB_RWX
#define R MDB_R
#define W MDB_W
#define X MDB_X

#define P 0x40000000ull /* the frames of the targeted cases (1 GiB aligned) */
#define NSPACES 6

struct space {
	int id;
};

static struct space spaces[NSPACES];

/* ---------------------------------------------------------------------- */
/* The fake page-table side */

/* One page-table entry with the kernel's shadow pointer to its node. */
struct pte {
	struct space *space;
	uint64_t vaddr;
	struct mdb_node *node;
	unsigned int rights, accessed;
	int next;	    /* hash chain or free list: index + 1, 0 ends */
	unsigned long seen; /* stamp of the last tree walk that met it */
	struct mdb_node *parent; /* its parent in that walk */
};

#define PT_MAX (1 << 15)
#define PT_BUCKETS_LOG2 11

static struct pte pt[PT_MAX];
static int pt_bucket[1 << PT_BUCKETS_LOG2]; /* index + 1, 0: empty */
static int pt_free, pt_hwm; /* free list (index + 1), entries ever used */
static long pt_count;	    /* entries present */

static unsigned int pt_hash(const struct space *s, uint64_t vaddr)
{
	uint64_t h =
		((uint64_t)s->id << 48 ^ vaddr >> 12) * 0x9e3779b97f4a7c15ull;

	return (unsigned int)(h >> (64 - PT_BUCKETS_LOG2));
}

/* The entry for @vaddr in @s, or NULL. */
static struct pte *pt_find(const struct space *s, uint64_t vaddr)
{
	for (int i = pt_bucket[pt_hash(s, vaddr)]; i; i = pt[i - 1].next)
		if (pt[i - 1].space == s && pt[i - 1].vaddr == vaddr)
			return &pt[i - 1];
	return NULL;
}

/* The entry of @n, which must be in the table. */
static struct pte *pt_of(const struct mdb_node *n)
{
	struct pte *e = pt_find(n->space, n->vaddr);

	CHECK(e && e->node == n);
	return e && e->node == n ? e : NULL;
}

/* Enter @n at its place, with its rights and @accessed. */
static void pt_add(struct mdb_node *n, unsigned int accessed)
{
	unsigned int h = pt_hash(n->space, n->vaddr);
	int i;

	CHECK(!pt_find(n->space, n->vaddr));
	if (pt_free) {
		i = pt_free;
		pt_free = pt[i - 1].next;
	} else {
		if (pt_hwm == PT_MAX) {
			fprintf(stderr, "fake page table full\n");
			abort();
		}
		i = ++pt_hwm;
	}
	pt[i - 1] = (struct pte){ .space = n->space,
				  .vaddr = n->vaddr,
				  .node = n,
				  .rights = n->rights,
				  .accessed = accessed,
				  .next = pt_bucket[h] };
	pt_bucket[h] = i;
	pt_count++;
}

/* Remove entry @e. */
static void pt_del(struct pte *e)
{
	int *link = &pt_bucket[pt_hash(e->space, e->vaddr)];
	int i = (int)(e - pt) + 1;

	while (*link != i)
		link = &pt[*link - 1].next;
	*link = e->next;
	e->next = pt_free;
	pt_free = i;
	pt_count--;
}

/* The callbacks seen, in order. */
enum { EV_UNMAPPED, EV_PROTECTED, EV_SPLIT };

struct event {
	int kind, space;
	uint64_t vaddr;
	unsigned int rights;
};

#define EV_MAX (1 << 15)

static struct event got[EV_MAX], want[EV_MAX];
static int ngot, nwant;

static void ev_add(struct event *evs, int *n, int kind, int space,
		   uint64_t vaddr, unsigned int rights)
{
	if (CHECK(*n < EV_MAX))
		evs[(*n)++] = (struct event){ kind, space, vaddr, rights };
}

/* How many events of @kind were seen. */
static int ev_count(int kind)
{
	int n = 0;

	for (int i = 0; i < ngot; i++)
		n += got[i].kind == kind;
	return n;
}

/* Whether the event (kind, space, vaddr, rights) was seen. */
static bool ev_seen(int kind, int space, uint64_t vaddr, unsigned int rights)
{
	for (int i = 0; i < ngot; i++)
		if (got[i].kind == kind && got[i].space == space &&
		    got[i].vaddr == vaddr && got[i].rights == rights)
			return true;
	return false;
}

static long nodes_live;	       /* allocated and not freed */
static long alloc_budget = -1; /* allocations left before failing; -1: any */

static struct mdb_node *fake_alloc(void)
{
	struct mdb_node *n;

	if (alloc_budget == 0)
		return NULL;
	if (alloc_budget > 0)
		alloc_budget--;
	n = malloc(sizeof(*n));
	if (!n)
		abort();
	memset(n, 0xa5, sizeof(*n)); /* mdb must set every field */
	nodes_live++;
	return n;
}

static void fake_free(struct mdb_node *n)
{
	nodes_live--;
	free(n);
}

static void fake_unmapped(struct mdb_node *n)
{
	struct pte *e = pt_of(n);

	ev_add(got, &ngot, EV_UNMAPPED, n->space->id, n->vaddr, 0);
	if (e)
		pt_del(e);
}

static void fake_protected(struct mdb_node *n, unsigned int rights)
{
	struct pte *e = pt_of(n);

	CHECK(rights && rights == n->rights);
	ev_add(got, &ngot, EV_PROTECTED, n->space->id, n->vaddr, rights);
	if (e) {
		CHECK(rights != e->rights && !(rights & ~e->rights));
		e->rights = rights;
	}
}

static unsigned int fake_accessed(struct mdb_node *n)
{
	struct pte *e = pt_of(n);
	unsigned int bits = e ? e->accessed : 0;

	if (e)
		e->accessed = 0;
	return bits;
}

static uint64_t split_next;    /* vaddr expected of the next piece */
static unsigned int split_acc; /* accessed bits of the entry being split */

/* Like the kernel: the superpage entry goes, one entry per piece comes,
 * carrying the superpage's accessed bits. */
static void fake_split(const struct mdb_node *old, struct mdb_node *piece)
{
	if (piece->vaddr == old->vaddr) {
		struct pte *e = pt_of(old);

		split_acc = e ? e->accessed : 0;
		if (e)
			pt_del(e);
		split_next = old->vaddr;
	}
	CHECK(piece->vaddr == split_next && piece->space == old->space);
	CHECK(piece->phys - old->phys == piece->vaddr - old->vaddr);
	CHECK(piece->rights == old->rights && piece->depth == old->depth);
	split_next += SZ(piece->size_log2);
	ev_add(got, &ngot, EV_SPLIT, piece->space->id, piece->vaddr,
	       piece->rights);
	pt_add(piece, split_acc);
}

static const struct mdb_ops fake_ops = {
	.alloc = fake_alloc,
	.free = fake_free,
	.unmapped = fake_unmapped,
	.protected = fake_protected,
	.accessed = fake_accessed,
	.split = fake_split,
};

/* ---------------------------------------------------------------------- */
/* What the kernel does around the calls, for the targeted cases */

/* sigma0's mapping of a frame: a root and its entry. */
static struct mdb_node *root(int sp, uint64_t va, uint64_t pa,
			     unsigned int size, unsigned int rights)
{
	struct mdb_node *n = mdb_root(&spaces[sp], va, pa, size, rights);

	if (n)
		pt_add(n, 0);
	return n;
}

/* Map from @p to @va in space @sp, and enter the new node. */
static struct mdb_node *map(struct mdb_node *p, int sp, uint64_t va,
			    uint64_t pa, unsigned int size, unsigned int rights)
{
	struct mdb_node *n = mdb_map(p, &spaces[sp], va, pa, size, rights);

	if (n)
		pt_add(n, 0);
	return n;
}

/* Grant @n to @va in space @sp: its entry moves with it. */
static void grant(struct mdb_node *n, int sp, uint64_t va, unsigned int rights)
{
	struct pte *e = pt_of(n);
	unsigned int acc = e ? e->accessed : 0;

	if (e)
		pt_del(e);
	mdb_grant(n, &spaces[sp], va, rights);
	pt_add(n, acc);
}

/* The node mapped at @va in space @sp, or NULL. */
static struct mdb_node *at(int sp, uint64_t va)
{
	struct pte *e = pt_find(&spaces[sp], va);

	return e ? e->node : NULL;
}

/* The rights of the entry at @va in space @sp (0: none); they must be the
 * node's. */
static unsigned int rights_at(int sp, uint64_t va)
{
	struct pte *e = pt_find(&spaces[sp], va);

	if (!e)
		return 0;
	CHECK(e->rights == e->node->rights);
	return e->rights;
}

/* The hardware uses @n's entry with @bits. */
static void touch(struct mdb_node *n, unsigned int bits)
{
	struct pte *e = CHECK(n) ? pt_of(n) : NULL;

	if (e)
		e->accessed |= bits;
}

/* Nodes in the tree headed by @root. */
static int tree_size(const struct mdb_node *root)
{
	int n = 0;

	for (; root; root = root->next)
		n++;
	return n;
}

/* Remove the whole tree headed by @root. */
static void flush_tree(struct mdb_node *root)
{
	if (!CHECK(root))
		return;
	mdb_unmap(root, RWX, true, root->phys, root->size_log2);
}

/* Start a case: no events, no failures, counters at zero. */
static void start(void)
{
	ngot = 0;
	mdb_visited = 0;
	alloc_budget = -1;
}

/* End a case: everything must have been freed. */
static void finish(void)
{
	CHECK(nodes_live == 0);
	CHECK(pt_count == 0);
}

/* A copy of a tree's list, to show that a refused operation changed
 * nothing. */
struct snap {
	const struct mdb_node *n, *prev, *next;
	struct space *space;
	uint64_t vaddr, phys;
	unsigned int depth, size, rights;
};

#define SNAP_MAX 64

static int snapshot(const struct mdb_node *root, struct snap *s)
{
	int n = 0;

	for (; root && n < SNAP_MAX; root = root->next, n++)
		s[n] = (struct snap){
			root,	     root->prev,      root->next,
			root->space, root->vaddr,     root->phys,
			root->depth, root->size_log2, root->rights
		};
	return n;
}

/* Whether the tree headed by @root is still as in @s (@n nodes). */
static bool unchanged(const struct mdb_node *root, const struct snap *s, int n)
{
	struct snap now[SNAP_MAX];

	if (snapshot(root, now) != n)
		return false;
	for (int i = 0; i < n; i++)
		if (now[i].n != s[i].n || now[i].prev != s[i].prev ||
		    now[i].next != s[i].next || now[i].space != s[i].space ||
		    now[i].vaddr != s[i].vaddr || now[i].phys != s[i].phys ||
		    now[i].depth != s[i].depth || now[i].size != s[i].size ||
		    now[i].rights != s[i].rights)
			return false;
	return true;
}

/* ---------------------------------------------------------------------- */
/* Targeted cases */

static void map_adds_a_child_with_reduced_rights(void)
{
	struct mdb_node *s0, *a;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, R | W);
	CHECK(a && a->rights == (R | W) && a->depth == 1);
	CHECK(a->space == &spaces[1] && a->vaddr == 0x200000 && a->phys == P);
	CHECK(mdb_parent(a) == s0 && mdb_parent(s0) == NULL);
	CHECK(s0->next == a && a->prev == s0 && !a->next);
	CHECK(at(1, 0x200000) == a && rights_at(1, 0x200000) == (R | W));
	CHECK(ngot == 0);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void map_cannot_widen_rights(void)
{
	struct mdb_node *s0, *a, *b;
	struct snap s[SNAP_MAX];
	int n;

	start();
	s0 = root(0, P, P, M2, R | X);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x1000, P + 0x1000, K4, W | X);
	CHECK(a->rights == (R | X) && b->rights == X);
	mdb_check(s0);
	/* Nothing left after clipping: refused before anything changes. */
	n = snapshot(s0, s);
	EXPECT_PANIC(map(b, 3, 0x1000, P + 0x1000, K4, R | W));
	CHECK(unchanged(s0, s, n) && nodes_live == 3);
	flush_tree(s0);
	finish();
}

static void map_refuses_a_child_larger_than_its_parent(void)
{
	struct mdb_node *s0, *a;
	struct snap s[SNAP_MAX];
	int n;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x5000, P + 0x5000, K4, RWX);
	n = snapshot(s0, s);
	EXPECT_PANIC(map(a, 2, 0x200000, P, M2, RWX));
	EXPECT_PANIC(map(a, 2, 0x6000, P + 0x6000, K4, RWX));
	EXPECT_PANIC(map(s0, 2, 0x1000, P + SZ(M2), K4, RWX));
	EXPECT_PANIC(map(s0, 2, 0x1800, P, K4, RWX)); /* misaligned */
	EXPECT_PANIC(map(s0, 2, 0x1000, P, 13, RWX)); /* no such size */
	CHECK(unchanged(s0, s, n) && nodes_live == 2 && ngot == 0);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void grant_moves_a_node_and_keeps_its_children(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x1000, P + 0x1000, K4, R);
	c = map(a, 3, 0x400000, P, M2, R | W);
	touch(a, W);
	grant(a, 4, 0x800000, RWX);
	mdb_check(s0);
	CHECK(a->space == &spaces[4] && a->vaddr == 0x800000);
	CHECK(a->rights == RWX && a->depth == 1 && a->phys == P);
	CHECK(!at(1, 0x200000) && at(4, 0x800000) == a);
	CHECK(mdb_parent(a) == s0 && mdb_parent(b) == a && mdb_parent(c) == a);
	CHECK(tree_size(s0) == 4 && ngot == 0);
	/* The receiver now owns it: its flush takes the children along. */
	CHECK(mdb_unmap(a, RWX, true, P, M2) == W);
	CHECK(ev_count(EV_UNMAPPED) == 3 && tree_size(s0) == 1);
	CHECK(!at(4, 0x800000) && !at(2, 0x1000) && !at(3, 0x400000));
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void grant_with_fewer_rights_takes_them_from_the_subtree(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, R | W);
	c = map(b, 3, 0x3000, P + 0x3000, K4, R);
	map(a, 4, 0x9000, P + 0x9000, K4, W);
	grant(a, 5, 0x600000, R | X);
	mdb_check(s0);
	CHECK(a->rights == (R | X) && rights_at(5, 0x600000) == (R | X));
	CHECK(b->rights == R && ev_seen(EV_PROTECTED, 2, 0x200000, R));
	CHECK(c->rights == R && ev_seen(EV_UNMAPPED, 4, 0x9000, 0));
	CHECK(ngot == 2 && !at(4, 0x9000) && tree_size(s0) == 4);
	flush_tree(s0);
	finish();
}

static void unmap_without_self_removes_descendants_but_keeps_the_node(void)
{
	struct mdb_node *s0, *a, *b;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, RWX);
	map(b, 3, 0x3000, P + 0x3000, K4, R);
	map(a, 4, 0x9000, P + 0x9000, K4, W);
	CHECK(mdb_unmap(a, RWX, false, P, M2) == 0);
	mdb_check(s0);
	CHECK(ev_count(EV_UNMAPPED) == 3 && ngot == 3);
	CHECK(at(1, 0x200000) == a && a->rights == RWX);
	CHECK(tree_size(s0) == 2 && s0->next == a);
	flush_tree(s0);
	finish();
}

static void flush_removes_the_node_and_its_subtree(void)
{
	struct mdb_node *s0, *a, *b, *e;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, RWX);
	map(b, 3, 0x3000, P + 0x3000, K4, R);
	map(a, 4, 0x9000, P + 0x9000, K4, W);
	e = map(s0, 5, 0x7000, P + 0x7000, K4, R); /* a's sibling */
	mdb_unmap(a, RWX, true, P, M2);
	mdb_check(s0);
	CHECK(ev_count(EV_UNMAPPED) == 4 && ngot == 4);
	CHECK(ev_seen(EV_UNMAPPED, 1, 0x200000, 0));
	CHECK(!at(1, 0x200000) && !at(2, 0x200000));
	CHECK(tree_size(s0) == 2 && s0->next == e && at(5, 0x7000) == e);
	flush_tree(s0);
	finish();
}

static void rights_reduction_propagates_down_the_chain(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, RWX);
	c = map(b, 3, 0x3000, P + 0x3000, K4, R | W);
	mdb_unmap(a, W, true, P, M2);
	mdb_check(s0);
	CHECK(a->rights == (R | X) && b->rights == (R | X) && c->rights == R);
	CHECK(rights_at(1, 0x200000) == (R | X));
	CHECK(rights_at(2, 0x200000) == (R | X) && rights_at(3, 0x3000) == R);
	CHECK(ev_count(EV_PROTECTED) == 3 && ngot == 3);
	CHECK(ev_seen(EV_PROTECTED, 3, 0x3000, R));
	CHECK(s0->rights == RWX && tree_size(s0) == 4);
	flush_tree(s0);
	finish();
}

static void a_mapping_left_without_rights_is_removed(void)
{
	struct mdb_node *s0, *a, *b, *d;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, W | X);
	map(b, 3, 0x3000, P + 0x3000, K4, X);
	d = map(a, 4, 0x9000, P + 0x9000, K4, R | X);
	mdb_unmap(a, X | W, false, P, M2);
	mdb_check(s0);
	CHECK(!at(2, 0x200000) && !at(3, 0x3000));
	CHECK(ev_seen(EV_UNMAPPED, 2, 0x200000, 0));
	CHECK(ev_seen(EV_UNMAPPED, 3, 0x3000, 0));
	CHECK(d->rights == R && ev_seen(EV_PROTECTED, 4, 0x9000, R));
	CHECK(ngot == 3 && tree_size(s0) == 3 && a->rights == RWX);
	/* A flush that leaves the node nothing removes it too. */
	ngot = 0;
	mdb_unmap(d, R, true, P + 0x9000, K4);
	CHECK(ngot == 1 && ev_seen(EV_UNMAPPED, 4, 0x9000, 0));
	CHECK(tree_size(s0) == 2);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void unmap_returns_the_accessed_bits_of_the_subtree(void)
{
	struct mdb_node *s0, *a, *b, *c, *d;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x200000, P, M2, R | W);
	c = map(b, 3, 0x3000, P + 0x3000, K4, R);
	d = map(a, 4, 0x9000, P + 0x9000, K4, R | X);
	touch(b, W);
	touch(c, R);
	touch(d, X);
	touch(s0, X);
	/* Rights 0: only the reference bits, read and cleared. */
	CHECK(mdb_unmap(b, 0, false, P, M2) == (R | W));
	CHECK(mdb_unmap(b, 0, true, P, M2) == 0);
	CHECK(ngot == 0 && tree_size(s0) == 5);
	CHECK(mdb_unmap(a, 0, false, P, M2) == X); /* d's; not s0's */
	/* b is 2 MiB, so any part reaches it and c below it. */
	touch(c, R);
	CHECK(mdb_unmap(a, RWX, false, P + 0x3000, K4) == R);
	CHECK(!at(2, 0x200000) && !at(3, 0x3000) && at(4, 0x9000) == d);
	/* The node's own bits always count; d's only if it is reached. */
	touch(a, R);
	touch(d, X);
	CHECK(mdb_unmap(a, 0, false, P + 0x3000, K4) == R);
	CHECK(mdb_unmap(a, 0, false, P + 0x9000, K4) == X);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void three_deep_chain_map_grant_flush(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x10000, P + 0x10000, K4, RWX);
	b = map(a, 2, 0x20000, P + 0x10000, K4, R | W);
	c = map(b, 3, 0x30000, P + 0x10000, K4, R);
	CHECK(c->depth == 3 && mdb_parent(c) == b);
	mdb_check(s0);
	grant(b, 4, 0x40000, RWX);
	mdb_check(s0);
	CHECK(!at(2, 0x20000) && at(4, 0x40000) == b && b->rights == (R | W));
	CHECK(mdb_parent(b) == a && mdb_parent(c) == b && b->depth == 2);
	touch(c, R);
	CHECK(mdb_unmap(a, RWX, false, P + 0x10000, K4) == R);
	CHECK(ev_count(EV_UNMAPPED) == 2 && !at(4, 0x40000) && !at(3, 0x30000));
	CHECK(at(1, 0x10000) == a && tree_size(s0) == 2);
	mdb_unmap(a, RWX, true, P + 0x10000, K4);
	CHECK(!at(1, 0x10000) && tree_size(s0) == 1 &&
	      ev_count(EV_UNMAPPED) == 3);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void a_4k_child_of_a_2m_parent(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x7000, P + 0x3000, K4, R | W);
	c = map(b, 3, 0x5000, P + 0x3000, K4, R);
	mdb_check(s0);
	CHECK(b->size_log2 == K4 && mdb_parent(b) == a && mdb_parent(c) == b);
	mdb_unmap(a, W, false, P + 0x3000, K4);
	CHECK(b->rights == R && c->rights == R && ngot == 1);
	mdb_unmap(a, R, false, P, M2);
	CHECK(!at(2, 0x7000) && !at(3, 0x5000) && ev_count(EV_UNMAPPED) == 2);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void subrange_unmap_revokes_only_overlapping_children(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x1000, P + 0x1000, K4, RWX);
	c = map(a, 3, 0x5000, P + 0x5000, K4, RWX);
	map(a, 4, 0x8000, P + 0x5000, K4, R);
	map(c, 5, 0x5000, P + 0x5000, K4, R);
	touch(b, W);
	CHECK(mdb_unmap(a, RWX, false, P + 0x5000, K4) == 0);
	mdb_check(s0);
	CHECK(ev_count(EV_UNMAPPED) == 3 && ngot == 3);
	CHECK(!at(3, 0x5000) && !at(4, 0x8000) && !at(5, 0x5000));
	CHECK(at(2, 0x1000) == b && b->rights == RWX);
	CHECK(at(1, 0x200000) == a && a->rights == RWX);
	CHECK(mdb_unmap(a, 0, false, P + 0x1000, K4) == W);
	flush_tree(s0);
	finish();
}

static void a_larger_child_is_revoked_whole_with_its_subtree(void)
{
	struct mdb_node *s0, *a, *e, *f, *g;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	e = map(a, 2, 0x400000, P, M2, RWX);
	f = map(e, 3, 0x9000, P + 0x9000, K4, RWX); /* away from 0x5000 */
	g = map(a, 4, 0x9000, P + 0x9000, K4, RWX); /* away from 0x5000 */
	mdb_unmap(a, W, false, P + 0x5000, K4);
	mdb_check(s0);
	CHECK(e->rights == (R | X) && f->rights == (R | X));
	CHECK(g->rights == RWX && ngot == 2);
	flush_tree(s0);
	finish();
}

static void flush_needs_a_subrange_covering_the_node(void)
{
	struct mdb_node *s0, *a;
	struct snap s[SNAP_MAX];
	int n;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	map(a, 2, 0x5000, P + 0x5000, K4, RWX);
	n = snapshot(s0, s);
	EXPECT_PANIC(mdb_unmap(a, RWX, true, P + 0x5000, K4));
	EXPECT_PANIC(mdb_unmap(a, RWX, false, P + SZ(M2), K4)); /* outside */
	CHECK(unchanged(s0, s, n) && ngot == 0);
	/* A larger range covers it. */
	mdb_unmap(a, RWX, true, P, G1);
	CHECK(tree_size(s0) == 1 && ngot == 2);
	flush_tree(s0);
	finish();
}

static void split_replaces_a_superpage_by_pieces(void)
{
	struct mdb_node *s0, *a, *b, *c, *d, *p3;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, R | W);
	b = map(a, 2, 0x3000, P + 0x3000, K4, R);
	c = map(a, 3, 0x1ff000, P + 0x1ff000, K4, W);
	d = map(a, 4, 0x3000, P + 0x3000, K4, R | W);
	touch(a, R);
	CHECK(mdb_split(a, K4));
	mdb_check(s0);
	CHECK(ev_count(EV_SPLIT) == 512 && ngot == 512);
	CHECK(tree_size(s0) == 1 + 512 + 3 && nodes_live == 1 + 512 + 3);
	for (unsigned k = 0; k < 512; k++) {
		struct mdb_node *p = at(1, 0x200000 + (k << K4));

		if (!CHECK(p))
			break;
		CHECK(p->phys == P + (k << K4) && p->size_log2 == K4);
		CHECK(p->rights == (R | W) && p->depth == 1);
		CHECK(mdb_parent(p) == s0);
	}
	p3 = at(1, 0x203000);
	CHECK(mdb_parent(b) == p3 && mdb_parent(d) == p3);
	CHECK(mdb_parent(c) == at(1, 0x3ff000));
	/* The superpage's reference bits went to every piece. */
	CHECK(mdb_unmap(at(1, 0x200000), 0, true, P, K4) == R);
	CHECK(mdb_unmap(p3, RWX, false, P + 0x3000, K4) == R);
	CHECK(!at(2, 0x3000) && !at(4, 0x3000));
	/* Splitting to the same size or larger does nothing. */
	ngot = 0;
	CHECK(mdb_split(p3, K4) && mdb_split(s0, M2) && ngot == 0);
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void split_also_splits_larger_descendants(void)
{
	struct mdb_node *s0, *a, *e, *f;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	e = map(a, 2, 0x400000, P, M2, R | X);
	f = map(e, 3, 0x5000, P + 0x5000, K4, R);
	map(e, 4, 0x400000, P, M2, R); /* a 2M grandchild too */
	CHECK(mdb_split(a, K4));
	mdb_check(s0);
	CHECK(ev_count(EV_SPLIT) == 3 * 512 &&
	      tree_size(s0) == 1 + 3 * 512 + 1);
	for (unsigned k = 0; k < 512; k++) {
		uint64_t off = k << K4;
		struct mdb_node *ap = at(1, 0x200000 + off);
		struct mdb_node *ep = at(2, 0x400000 + off);
		struct mdb_node *gp = at(4, 0x400000 + off);

		if (!CHECK(ap && ep && gp))
			break;
		CHECK(mdb_parent(ap) == s0 && mdb_parent(ep) == ap);
		CHECK(mdb_parent(gp) == ep && ep->rights == (R | X));
		CHECK(gp->depth == 3 && gp->rights == R);
	}
	CHECK(mdb_parent(f) == at(2, 0x405000));
	/* Now a 4 KiB part can be flushed exactly. */
	ngot = 0;
	mdb_unmap(at(1, 0x205000), RWX, true, P + 0x5000, K4);
	CHECK(ev_count(EV_UNMAPPED) == 4 && !at(3, 0x5000));
	CHECK(at(2, 0x404000) && at(2, 0x406000) && !at(2, 0x405000));
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void split_of_a_root_makes_separate_trees(void)
{
	struct mdb_node *s0, *a, *p8;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x8000, P + 0x8000, K4, R);
	CHECK(mdb_split(s0, K4));
	CHECK(ev_count(EV_SPLIT) == 512 && nodes_live == 513);
	for (unsigned k = 0; k < 512; k++) {
		struct mdb_node *p = at(0, P + (k << K4));

		if (!CHECK(p && !p->prev && p->depth == 0))
			break;
		mdb_check(p);
		CHECK(tree_size(p) == (k == 8 ? 2 : 1));
	}
	p8 = at(0, P + 0x8000);
	CHECK(p8->next == a && mdb_parent(a) == p8);
	for (unsigned k = 0; k < 512; k++)
		flush_tree(at(0, P + (k << K4)));
	finish();
}

static void split_of_1g_into_2m(void)
{
	struct mdb_node *s0, *a, *b, *c;

	start();
	s0 = root(0, P, P, G1, RWX);
	a = map(s0, 1, 0x40000000, P, G1, RWX);
	b = map(a, 2, 0xa00000, P + 5 * SZ(M2), M2, R);
	c = map(a, 3, 0x34000, P + 0x1234000, K4, W);
	CHECK(mdb_split(a, M2));
	mdb_check(s0);
	CHECK(ev_count(EV_SPLIT) == 512 && tree_size(s0) == 1 + 512 + 2);
	CHECK(mdb_parent(b) == at(1, 0x40000000 + 5 * SZ(M2)));
	CHECK(mdb_parent(c) == at(1, 0x40000000 + 9 * SZ(M2)));
	CHECK(at(1, 0x40000000 + 9 * SZ(M2)) &&
	      at(1, 0x40000000 + 9 * SZ(M2))->size_log2 == M2);
	flush_tree(s0);
	finish();
}

static void partial_flush_of_a_superpage_splits_first(void)
{
	struct mdb_node *s0, *a, *b, *d;

	/* A maps 2 MiB to B; B gave 4 KiB parts to C and D. A flushes one
	 * 4 KiB page of its own: split down, then flush that piece. */
	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	b = map(a, 2, 0x600000, P, M2, RWX);
	map(b, 3, 0x3000, P + 0x3000, K4, R);
	d = map(b, 4, 0x7000, P + 0x7000, K4, R);
	CHECK(mdb_split(a, K4));
	ngot = 0;
	mdb_unmap(at(1, 0x203000), RWX, true, P + 0x3000, K4);
	mdb_check(s0);
	CHECK(ev_count(EV_UNMAPPED) == 3 && ngot == 3);
	CHECK(ev_seen(EV_UNMAPPED, 1, 0x203000, 0));
	CHECK(ev_seen(EV_UNMAPPED, 2, 0x603000, 0));
	CHECK(ev_seen(EV_UNMAPPED, 3, 0x3000, 0));
	CHECK(at(4, 0x7000) == d && mdb_parent(d) == at(2, 0x607000));
	CHECK(tree_size(s0) == 1 + 2 * 511 + 1);
	flush_tree(s0);
	finish();
}

static void allocation_failure_changes_nothing(void)
{
	struct mdb_node *s0, *a, *e;
	struct snap s[SNAP_MAX];
	int n;

	start();
	alloc_budget = 0;
	CHECK(!root(0, P, P, M2, RWX) && nodes_live == 0);
	alloc_budget = -1;
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	e = map(a, 2, 0x400000, P, M2, RWX);
	map(e, 3, 0x5000, P + 0x5000, K4, R);
	n = snapshot(s0, s);
	alloc_budget = 0;
	CHECK(!map(a, 4, 0x1000, P + 0x1000, K4, R));
	CHECK(unchanged(s0, s, n) && nodes_live == 4);
	/* A split that needs 1024 nodes and gets 1023. */
	alloc_budget = 1023;
	CHECK(!mdb_split(a, K4));
	CHECK(unchanged(s0, s, n) && nodes_live == 4 && ngot == 0);
	CHECK(pt_count == 4);
	mdb_check(s0);
	alloc_budget = 1024;
	CHECK(mdb_split(a, K4) && alloc_budget == 0 && nodes_live == 1026);
	alloc_budget = -1;
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

static void flush_visits_only_the_subtree(void)
{
	struct mdb_node *s0, *t, *u, *big;
	int before;

	/* 300 other mappings around a subtree of 7. */
	start();
	s0 = root(0, P, P, M2, RWX);
	for (unsigned i = 0; i < 100; i++) {
		struct mdb_node *o = map(s0, 1, 0x100000 + (i << K4),
					 P + (i << K4), K4, RWX);

		map(map(o, 2, i << K4, P + (i << K4), K4, R), 3, i << K4,
		    P + (i << K4), K4, R);
	}
	t = map(s0, 4, 0x1000, P + 0x1000, K4, RWX);
	u = map(t, 5, 0x1000, P + 0x1000, K4, RWX);
	for (unsigned i = 0; i < 3; i++)
		map(u, 2 + i, 0x800000 + (i << K4), P + 0x1000, K4, R);
	map(map(t, 5, 0x2000, P + 0x1000, K4, R), 1, 0x900000, P + 0x1000, K4,
	    R);
	for (unsigned i = 100; i < 200; i++) /* after t in the list */
		map(s0, 1, 0x100000 + (i << K4), P + (i << K4), K4, RWX);
	before = tree_size(s0);
	CHECK(before == 1 + 300 + 7 + 100);
	mdb_visited = 0;
	ngot = 0;
	mdb_unmap(t, RWX, true, P + 0x1000, K4);
	CHECK(ev_count(EV_UNMAPPED) == 7 && ngot == 7);
	CHECK(mdb_visited == 7 && tree_size(s0) == before - 7);
	mdb_check(s0);
	/* Cost follows the mappings, not the range: a 1 GiB page with one
	 * child costs two visits. */
	big = root(1, 0, 0, G1, RWX);
	map(big, 2, 0x80000000, 0, G1, R);
	mdb_visited = 0;
	mdb_unmap(big, RWX, true, 0, G1);
	CHECK(mdb_visited == 2);
	flush_tree(s0);
	finish();
}

static void mdb_check_panics_on_a_corrupted_tree(void)
{
	struct mdb_node *s0, *a, *b, *c, *d;

	start();
	s0 = root(0, P, P, M2, RWX);
	a = map(s0, 1, 0x200000, P, M2, RWX);
	d = map(s0, 4, 0x9000, P + 0x9000, K4, R | X);
	b = map(a, 2, 0x3000, P + 0x3000, K4, R | W);
	c = map(b, 3, 0x3000, P + 0x3000, K4, R);
	/* List: s0 d a b c, depths 0 1 1 2 3. */
	mdb_check(s0);
	b->prev = s0; /* L */
	EXPECT_PANIC(mdb_check(s0));
	b->prev = a;
	s0->depth = 1; /* R1 */
	EXPECT_PANIC(mdb_check(s0));
	s0->depth = 0;
	EXPECT_PANIC(mdb_check(a)); /* R1: not a head */
	d->depth = 0;		    /* R2 */
	EXPECT_PANIC(mdb_check(s0));
	d->depth = 1;
	c->depth = 4; /* D */
	EXPECT_PANIC(mdb_check(s0));
	c->depth = 3;
	d->size_log2 = 13; /* S */
	EXPECT_PANIC(mdb_check(s0));
	d->size_log2 = K4;
	b->vaddr += 0x800; /* S */
	EXPECT_PANIC(mdb_check(s0));
	b->vaddr -= 0x800;
	d->rights = 0; /* E */
	EXPECT_PANIC(mdb_check(s0));
	d->rights = 8;
	EXPECT_PANIC(mdb_check(s0));
	d->rights = R | X;
	c->rights = RWX; /* P */
	EXPECT_PANIC(mdb_check(s0));
	c->rights = R;
	c->phys += 0x1000; /* C: outside b */
	EXPECT_PANIC(mdb_check(s0));
	c->phys -= 0x1000;
	mdb_check(s0);
	flush_tree(s0);
	finish();
}

/* ---------------------------------------------------------------------- */
/* The reference model: records with explicit parents, simple rules */

/* One mapping as the specification describes it. */
struct rec {
	bool live;
	int space;
	uint64_t vaddr, phys;
	unsigned int size, rights, accessed;
	int parent; /* record index, -1 for a root */
};

#define REC_MAX (1 << 14)

static struct rec recs[REC_MAX];
static int nrecs;		   /* records ever used */
static int slots[REC_MAX], nslots; /* free record indices */
static int dead[REC_MAX], ndead;   /* died in this step */
static long m_live;		   /* live records */

static int m_new(void)
{
	int i;

	if (nslots) {
		i = slots[--nslots];
	} else {
		if (nrecs == REC_MAX) {
			fprintf(stderr, "model full\n");
			abort();
		}
		i = nrecs++;
	}
	m_live++;
	return i;
}

/* Record @i dies; @event: the page-table side hears of it. */
static void m_kill(int i, bool event)
{
	recs[i].live = false;
	dead[ndead++] = i;
	m_live--;
	if (event)
		ev_add(want, &nwant, EV_UNMAPPED, recs[i].space, recs[i].vaddr,
		       0);
}

/* End of a step: the dead records' slots become free. */
static void m_end(void)
{
	while (ndead)
		slots[nslots++] = dead[--ndead];
}

/* Whether record @j descends from record @i. */
static bool m_below(int j, int i)
{
	for (int k = recs[j].parent; k >= 0; k = recs[k].parent)
		if (k == i)
			return true;
	return false;
}

/* The ancestor of @j (or @j) that is a child of @i; @j is below @i. */
static int m_top(int j, int i)
{
	while (recs[j].parent != i)
		j = recs[j].parent;
	return j;
}

static bool m_overlaps(int i, uint64_t lo, uint64_t hi)
{
	return recs[i].phys <= hi && lo <= recs[i].phys + SZ(recs[i].size) - 1;
}

/* Record @j loses @lost: it dies if nothing is left. */
static void m_lose(int j, unsigned int lost)
{
	unsigned int r = recs[j].rights & ~lost;

	if (!r) {
		m_kill(j, true);
	} else if (r != recs[j].rights) {
		recs[j].rights = r;
		ev_add(want, &nwant, EV_PROTECTED, recs[j].space, recs[j].vaddr,
		       r);
	}
}

/* Mappings derived from one that died die too. */
static void m_sweep(void)
{
	for (bool again = true; again;) {
		again = false;
		for (int j = 0; j < nrecs; j++) {
			if (recs[j].live && recs[j].parent >= 0 &&
			    !recs[recs[j].parent].live) {
				m_kill(j, true);
				again = true;
			}
		}
	}
}

/* Unmap as specified; returns the reference bits. */
static unsigned int m_unmap(int i, unsigned int lost, bool self, uint64_t lo,
			    unsigned int size)
{
	uint64_t hi = lo + SZ(size) - 1;
	unsigned int acc = recs[i].accessed;

	recs[i].accessed = 0;
	for (int j = 0; j < nrecs; j++) {
		if (!recs[j].live || !m_below(j, i) ||
		    !m_overlaps(m_top(j, i), lo, hi))
			continue;
		acc |= recs[j].accessed;
		recs[j].accessed = 0;
		m_lose(j, lost);
	}
	if (self)
		m_lose(i, lost);
	m_sweep();
	return acc;
}

static void m_grant(int i, int sp, uint64_t va, unsigned int rights)
{
	unsigned int lost = recs[i].rights & ~rights;

	for (int j = 0; j < nrecs; j++)
		if (recs[j].live && m_below(j, i))
			m_lose(j, lost);
	recs[i].rights &= rights;
	recs[i].space = sp;
	recs[i].vaddr = va;
	m_sweep();
}

/* Split record @y (larger than 2^s) and, first, its larger children; the
 * children go to the piece that holds them. */
static void m_split(int y, unsigned int s)
{
	int n = 1 << (recs[y].size - s);
	int *piece = malloc((size_t)n * sizeof(*piece));

	for (int c = 0; c < nrecs; c++)
		if (recs[c].live && recs[c].parent == y && recs[c].size > s)
			m_split(c, s);
	for (int k = 0; k < n; k++) {
		int p = m_new();

		recs[p] = recs[y];
		recs[p].vaddr += (uint64_t)k << s;
		recs[p].phys += (uint64_t)k << s;
		recs[p].size = s;
		piece[k] = p;
		ev_add(want, &nwant, EV_SPLIT, recs[p].space, recs[p].vaddr,
		       recs[p].rights);
	}
	for (int c = 0; c < nrecs; c++)
		if (recs[c].live && recs[c].parent == y)
			recs[c].parent =
				piece[(recs[c].phys - recs[y].phys) >> s];
	m_kill(y, false);
	free(piece);
}

/* Nodes that splitting record @i to 2^s needs. */
static long m_split_need(int i, unsigned int s)
{
	long need = 0;

	for (int j = 0; j < nrecs; j++)
		if (recs[j].live && (j == i || m_below(j, i)) &&
		    recs[j].size > s)
			need += 1l << (recs[j].size - s);
	return need;
}

static long m_descendants(int i)
{
	long n = 0;

	for (int j = 0; j < nrecs; j++)
		n += recs[j].live && m_below(j, i);
	return n;
}

static int m_depth(int i)
{
	int d = 0;

	for (; recs[i].parent >= 0; i = recs[i].parent)
		d++;
	return d;
}

/* The node of record @i, found as the kernel would: through its entry. */
static struct mdb_node *m_node(int i)
{
	struct pte *e = pt_find(&spaces[recs[i].space], recs[i].vaddr);

	return e ? e->node : NULL;
}

/* ---------------------------------------------------------------------- */
/* Comparing the two after every step */

static int ev_cmp(const void *pa, const void *pb)
{
	const struct event *a = pa, *b = pb;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->space != b->space)
		return a->space < b->space ? -1 : 1;
	if (a->vaddr != b->vaddr)
		return a->vaddr < b->vaddr ? -1 : 1;
	if (a->rights != b->rights)
		return a->rights < b->rights ? -1 : 1;
	return 0;
}

/* Whether the callbacks seen are the events the model wants. */
static bool events_agree(void)
{
	if (!CHECK(ngot == nwant))
		return false;
	qsort(got, (size_t)ngot, sizeof(got[0]), ev_cmp);
	qsort(want, (size_t)nwant, sizeof(want[0]), ev_cmp);
	for (int i = 0; i < ngot; i++)
		if (!CHECK(ev_cmp(&got[i], &want[i]) == 0))
			return false;
	return true;
}

#define DEPTH_MAX 256

static unsigned long stamp;

/* Walk the tree headed by @root, noting in each entry the stamp and the
 * node's parent. Returns the nodes met, or -1. */
static long walk(struct mdb_node *root)
{
	struct mdb_node *stack[DEPTH_MAX];
	long n = 0;

	for (struct mdb_node *m = root; m; m = m->next, n++) {
		struct pte *e = pt_find(m->space, m->vaddr);

		if (!CHECK(m->depth < DEPTH_MAX && e && e->node == m))
			return -1;
		stack[m->depth] = m;
		e->seen = stamp;
		e->parent = m->depth ? stack[m->depth - 1] : NULL;
	}
	return n;
}

/* Whether mdb, the fake page table and the model hold the same live set
 * of (space, vaddr, phys, size, rights, parent), and mdb_check passes. */
static bool state_agrees(void)
{
	long reached = 0, live = 0;

	stamp++;
	for (int i = 0; i < nrecs; i++) {
		struct mdb_node *n;
		long k;

		if (!recs[i].live || recs[i].parent >= 0)
			continue;
		n = m_node(i);
		if (!CHECK(n))
			return false;
		mdb_check(n);
		k = walk(n);
		if (k < 0)
			return false;
		reached += k;
	}
	for (int i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];
		const struct rec *pr = &recs[r->parent < 0 ? 0 : r->parent];
		struct pte *e;
		struct mdb_node *n, *p;

		if (!r->live)
			continue;
		live++;
		e = pt_find(&spaces[r->space], r->vaddr);
		if (!CHECK(e && e->seen == stamp))
			return false;
		n = e->node;
		p = e->parent; /* the parent has an entry: it was walked */
		if (!CHECK(n->phys == r->phys && n->size_log2 == r->size) ||
		    !CHECK(n->rights == r->rights && e->rights == r->rights) ||
		    !CHECK(e->accessed == r->accessed) ||
		    !CHECK(r->parent < 0 ? !p : p && pr->live) ||
		    !CHECK(!p || (p->space == &spaces[pr->space] &&
				  p->vaddr == pr->vaddr)))
			return false;
	}
	return CHECK(live == m_live && live == reached) &&
	       CHECK(live == pt_count && live == nodes_live);
}

/* ---------------------------------------------------------------------- */
/* The random run */

#define RANDOM_OPS 120000
#define RANDOM_SEED 0x9e3779b97f4a7c15ull
#define LIVE_MAX 1200
#define NFRAMES 4

static uint64_t rng_state;

/* xorshift64*: a number in [0, n). */
static uint64_t rnd(uint64_t n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dull >> 11) % n;
}

static uint64_t next_va[NSPACES];

/* A virtual address in space @sp never used before, 2^size aligned. */
static uint64_t fresh_va(int sp, unsigned int size)
{
	uint64_t va = (next_va[sp] + SZ(size) - 1) & ~(SZ(size) - 1);

	next_va[sp] = va + SZ(size);
	return va;
}

/* A random live record, or -1. Roots only if @root. */
static int pick(bool root)
{
	int start;

	if (!nrecs)
		return -1;
	for (int tries = 0; !root && tries < 64; tries++) {
		int i = (int)rnd((uint64_t)nrecs);

		if (recs[i].live)
			return i;
	}
	start = (int)rnd((uint64_t)nrecs);
	for (int k = 0; k < nrecs; k++) {
		int i = (start + k) % nrecs;

		if (recs[i].live && (!root || recs[i].parent < 0))
			return i;
	}
	return -1;
}

/* Random rights that keep something of @have. */
static unsigned int some_rights(unsigned int have)
{
	unsigned int r;

	do
		r = 1 + (unsigned int)rnd(7);
	while (!(r & have));
	return r;
}

static struct {
	long root, map, grant, unmap, flush, split, touch, nomem, maxlive;
	long sumlive, pieces;
} stats;

static bool inject_failure(void)
{
	return rnd(12) == 0;
}

static void op_root(void)
{
	int sp = (int)rnd(NSPACES), i;
	unsigned int size = rnd(2) ? M2 : K4, rights = 1 + (unsigned int)rnd(7);
	uint64_t pa = P + rnd(NFRAMES) * SZ(M2), va = fresh_va(sp, size);
	struct mdb_node *n;

	if (size == K4)
		pa += rnd(512) << K4;
	if (inject_failure()) {
		alloc_budget = 0;
		CHECK(!mdb_root(&spaces[sp], va, pa, size, rights));
		alloc_budget = -1;
		stats.nomem++;
		return;
	}
	n = mdb_root(&spaces[sp], va, pa, size, rights);
	if (!CHECK(n))
		return;
	pt_add(n, 0);
	i = m_new();
	recs[i] = (struct rec){ true, sp, va, pa, size, rights, 0, -1 };
	stats.root++;
}

static void op_map(void)
{
	int p = pick(false), sp = (int)rnd(NSPACES), i;
	unsigned int size, rights;
	uint64_t pa, va;
	struct mdb_node *n;

	if (p < 0 || m_depth(p) > DEPTH_MAX - 8)
		return;
	size = recs[p].size == M2 && rnd(2) ? M2 : K4;
	pa = recs[p].phys;
	if (size < recs[p].size)
		pa += rnd(SZ(recs[p].size - size)) << size;
	va = fresh_va(sp, size);
	rights = some_rights(recs[p].rights);
	if (inject_failure()) {
		alloc_budget = 0;
		CHECK(!mdb_map(m_node(p), &spaces[sp], va, pa, size, rights));
		alloc_budget = -1;
		stats.nomem++;
		return;
	}
	n = mdb_map(m_node(p), &spaces[sp], va, pa, size, rights);
	if (!CHECK(n))
		return;
	pt_add(n, 0);
	i = m_new();
	recs[i] = (struct rec){ true, sp, va, pa, size, rights & recs[p].rights,
				0,    p };
	stats.map++;
}

static void op_grant(void)
{
	int i = pick(false), sp = (int)rnd(NSPACES);
	unsigned int rights;
	uint64_t va;

	if (i < 0)
		return;
	va = fresh_va(sp, recs[i].size);
	rights = some_rights(recs[i].rights);
	grant(m_node(i), sp, va, rights);
	m_grant(i, sp, va, rights);
	stats.grant++;
}

/* Unmap record @i with random rights, range and self; check the reference
 * bits and that exactly the subtree was visited. */
static void unmap_rec(int i, unsigned int lost, bool self, uint64_t lo,
		      unsigned int size)
{
	struct mdb_node *n = m_node(i);
	unsigned long visits = 1 + (unsigned long)m_descendants(i);
	unsigned int acc;

	mdb_visited = 0;
	acc = mdb_unmap(n, lost, self, lo, size);
	CHECK(acc == m_unmap(i, lost, self, lo, size));
	CHECK(mdb_visited == visits);
}

static void op_unmap(void)
{
	int i = pick(false);
	unsigned int lost = (unsigned int)rnd(8), size;
	uint64_t lo;
	bool self;

	if (i < 0)
		return;
	size = recs[i].size;
	lo = recs[i].phys;
	switch (rnd(4)) {
	case 0: /* a part: a 4 KiB page of a superpage */
		if (size > K4) {
			lo += rnd(SZ(size - K4)) << K4;
			size = K4;
		}
		break;
	case 1: /* a larger flexpage around it */
		size = G1;
		lo &= ~(SZ(G1) - 1);
		break;
	default: /* exactly the node */
		break;
	}
	self = size >= recs[i].size && rnd(2);
	unmap_rec(i, lost, self, lo, size);
	stats.unmap++;
}

/* Flush the tree of a random mapping: large trees go first. */
static void op_flush_root(void)
{
	int i = pick(false);

	if (i < 0)
		return;
	while (recs[i].parent >= 0)
		i = recs[i].parent;
	unmap_rec(i, RWX, true, recs[i].phys, recs[i].size);
	stats.flush++;
}

static void op_touch(void)
{
	int i = pick(false);
	unsigned int bits;

	if (i < 0)
		return;
	bits = (unsigned int)rnd(8) & recs[i].rights;
	recs[i].accessed |= bits;
	touch(m_node(i), bits);
	stats.touch++;
}

static void op_split(void)
{
	int i = pick(false);
	unsigned int size;
	long need;

	if (i < 0)
		return;
	size = rnd(8) ? K4 : recs[i].size; /* sometimes a no-op */
	need = m_split_need(i, size);
	/* A split root leaves 512 trees: keep that rare, or they fill up
	 * the run. */
	if (m_live + need > LIVE_MAX || (need && recs[i].parent < 0 && rnd(32)))
		return;
	if (need && inject_failure()) {
		alloc_budget = (long)rnd((uint64_t)need);
		CHECK(!mdb_split(m_node(i), size));
		alloc_budget = -1;
		stats.nomem++;
		return;
	}
	CHECK(mdb_split(m_node(i), size));
	if (recs[i].size > size)
		m_split(i, size);
	stats.split++;
	stats.pieces += need;
}

static void random_step(void)
{
	unsigned int op = (unsigned int)rnd(100);

	/* Flushes grow likelier with the number of mappings, which keeps it
	 * at a few hundred: room for splits, and a fast comparison. */
	if (m_live < 4 || op < 6)
		op_root();
	else if (m_live > LIVE_MAX || op < 8 ||
		 rnd(LIVE_MAX) < (uint64_t)m_live / 4)
		op_flush_root();
	else if (op < 45)
		op_map();
	else if (op < 55)
		op_grant();
	else if (op < 80)
		op_unmap();
	else if (op < 93)
		op_touch();
	else
		op_split();
}

static void random_operations_match_the_reference_model(void)
{
	clock_t t0 = clock();
	long step;

	start();
	rng_state = RANDOM_SEED;
	for (int sp = 0; sp < NSPACES; sp++)
		next_va[sp] = SZ(32);
	for (step = 0; step < RANDOM_OPS; step++) {
		ngot = nwant = 0;
		random_step();
		m_end();
		if (m_live > stats.maxlive)
			stats.maxlive = m_live;
		stats.sumlive += m_live;
		if (!events_agree() || !state_agrees()) {
			printf("  differs after random step %ld\n", step);
			break;
		}
	}
	for (int i; (i = pick(true)) >= 0;) {
		ngot = nwant = 0;
		unmap_rec(i, RWX, true, recs[i].phys, recs[i].size);
		m_end();
		if (!events_agree() || !state_agrees())
			break;
	}
	printf("  %ld random steps in %.1f s: %ld roots, %ld maps, "
	       "%ld grants, %ld unmaps, %ld flushes, %ld splits "
	       "(%ld pieces), %ld touches, %ld allocation failures, "
	       "%ld mappings on average, at most %ld\n",
	       step, (double)(clock() - t0) / CLOCKS_PER_SEC, stats.root,
	       stats.map, stats.grant, stats.unmap, stats.flush, stats.split,
	       stats.pieces, stats.touch, stats.nomem,
	       stats.sumlive / (step ? step : 1), stats.maxlive);
	finish();
}

int main(void)
{
	/* Line by line, so that the output survives a sanitizer's exit. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 0; i < NSPACES; i++)
		spaces[i].id = i;
	mdb_init(&fake_ops);
	RUN(map_adds_a_child_with_reduced_rights);
	RUN(map_cannot_widen_rights);
	RUN(map_refuses_a_child_larger_than_its_parent);
	RUN(grant_moves_a_node_and_keeps_its_children);
	RUN(grant_with_fewer_rights_takes_them_from_the_subtree);
	RUN(unmap_without_self_removes_descendants_but_keeps_the_node);
	RUN(flush_removes_the_node_and_its_subtree);
	RUN(rights_reduction_propagates_down_the_chain);
	RUN(a_mapping_left_without_rights_is_removed);
	RUN(unmap_returns_the_accessed_bits_of_the_subtree);
	RUN(three_deep_chain_map_grant_flush);
	RUN(a_4k_child_of_a_2m_parent);
	RUN(subrange_unmap_revokes_only_overlapping_children);
	RUN(a_larger_child_is_revoked_whole_with_its_subtree);
	RUN(flush_needs_a_subrange_covering_the_node);
	RUN(split_replaces_a_superpage_by_pieces);
	RUN(split_also_splits_larger_descendants);
	RUN(split_of_a_root_makes_separate_trees);
	RUN(split_of_1g_into_2m);
	RUN(partial_flush_of_a_superpage_splits_first);
	RUN(allocation_failure_changes_nothing);
	RUN(flush_visits_only_the_subtree);
	RUN(mdb_check_panics_on_a_corrupted_tree);
	RUN(random_operations_match_the_reference_model);
	return check_done();
}
