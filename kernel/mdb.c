// SPDX-License-Identifier: BSD-2-Clause
/*
 * The mapping database; see mdb.h for the picture and the invariants.
 * Operations that allocate (mdb_root, mdb_map, mdb_split) get all their
 * nodes first and change the tree only once they have them; the others
 * cannot fail.
 */
#include <kernel/mdb.h>
#include <kernel/panic.h>

#define NO_DEPTH (~0u)

static const struct mdb_ops *cb;
unsigned long mdb_visited;

void mdb_init(const struct mdb_ops *ops)
{
	assert(ops && ops->alloc && ops->free && ops->unmapped);
	assert(ops->protected && ops->accessed && ops->split);
	cb = ops;
}

/* The last byte of the range of 2^size_log2 bytes at @start. */
static uint64_t last_byte(uint64_t start, unsigned int size_log2)
{
	return start + ((1ull << size_log2) - 1);
}

/* Whether @addr is a multiple of 2^size_log2. */
static bool aligned(uint64_t addr, unsigned int size_log2)
{
	return !(addr & ((1ull << size_log2) - 1));
}

/* Whether @n's physical range lies in [lo, hi]. */
static bool inside(const struct mdb_node *n, uint64_t lo, uint64_t hi)
{
	return lo <= n->phys && last_byte(n->phys, n->size_log2) <= hi;
}

/* Whether @n's physical range meets [lo, hi]. */
static bool overlaps(const struct mdb_node *n, uint64_t lo, uint64_t hi)
{
	return n->phys <= hi && lo <= last_byte(n->phys, n->size_log2);
}

/* The last node of @n's subtree: @n itself if it has no children. */
static struct mdb_node *subtree_last(struct mdb_node *n)
{
	struct mdb_node *last = n;

	while (last->next && last->next->depth > n->depth)
		last = last->next;
	return last;
}

/* A new unlinked node, or NULL if out of memory. Asserts its arguments
 * before allocating, so that a refused request leaves nothing behind. */
static struct mdb_node *node_new(struct space *space, uint64_t vaddr,
				 uint64_t phys, unsigned int size_log2,
				 unsigned int rights, unsigned int depth)
{
	struct mdb_node *n;

	assert(mdb_page_size_valid(size_log2));
	assert(aligned(vaddr, size_log2) && aligned(phys, size_log2));
	assert(rights && !(rights & ~MDB_RWX));
	n = cb->alloc();
	if (!n)
		return NULL;
	*n = (struct mdb_node){ .depth = depth,
				.space = space,
				.vaddr = vaddr,
				.phys = phys,
				.size_log2 = size_log2,
				.rights = rights };
	return n;
}

struct mdb_node *mdb_root(struct space *space, uint64_t vaddr, uint64_t phys,
			  unsigned int size_log2, unsigned int rights)
{
	return node_new(space, vaddr, phys, size_log2, rights, 0);
}

struct mdb_node *mdb_map(struct mdb_node *parent, struct space *space,
			 uint64_t vaddr, uint64_t phys, unsigned int size_log2,
			 unsigned int rights)
{
	uint64_t hi = last_byte(parent->phys, parent->size_log2);
	struct mdb_node *n;

	assert(mdb_page_size_valid(size_log2));
	assert(parent->phys <= phys && last_byte(phys, size_log2) <= hi);
	assert(parent->depth < NO_DEPTH - 1);
	n = node_new(space, vaddr, phys, size_log2, rights & parent->rights,
		     parent->depth + 1);
	if (!n)
		return NULL;
	n->prev = parent; /* first child: the subtree stays a run */
	n->next = parent->next;
	if (n->next)
		n->next->prev = n;
	parent->next = n;
	return n;
}

/* Unlink @n, tell the page-table side and free it. */
static void node_remove(struct mdb_node *n)
{
	if (n->prev)
		n->prev->next = n->next;
	if (n->next)
		n->next->prev = n->prev;
	cb->unmapped(n);
	cb->free(n);
}

/* Take @lost from @n: remove it if nothing is left, else protect it. */
static void node_revoke(struct mdb_node *n, unsigned int lost)
{
	if (!(n->rights & ~lost)) {
		node_remove(n);
	} else if (n->rights & lost) {
		n->rights &= ~lost;
		cb->protected(n, n->rights);
	}
}

/*
 * Take @lost from every descendant of @node in a branch whose top (a child
 * of @node) overlaps [lo, hi]; remove those left without rights together
 * with their subtrees. If @acc, OR their accessed bits into it. Leaves
 * @node itself alone. Visits @node's subtree once.
 */
static void revoke_below(struct mdb_node *node, unsigned int lost, uint64_t lo,
			 uint64_t hi, unsigned int *acc)
{
	struct mdb_node *n = node->next, *next;
	unsigned int gone = NO_DEPTH; /* depth of the subtree being removed */
	bool hit = false;	      /* the current branch overlaps */

	for (; n && n->depth > node->depth; n = next) {
		next = n->next;
		mdb_visited++;
		if (n->depth == node->depth + 1)
			hit = overlaps(n, lo, hi);
		if (gone != NO_DEPTH && n->depth <= gone)
			gone = NO_DEPTH;
		if (!hit)
			continue;
		if (acc)
			*acc |= cb->accessed(n);
		if (gone != NO_DEPTH) {
			node_remove(n);
			continue;
		}
		if (!(n->rights & ~lost))
			gone = n->depth;
		node_revoke(n, lost);
	}
}

void mdb_grant(struct mdb_node *node, struct space *space, uint64_t vaddr,
	       unsigned int rights)
{
	unsigned int lost = node->rights & ~rights;

	assert(aligned(vaddr, node->size_log2));
	assert(node->rights & rights);
	if (lost)
		revoke_below(node, lost, node->phys,
			     last_byte(node->phys, node->size_log2), NULL);
	node->rights &= rights;
	node->space = space;
	node->vaddr = vaddr;
}

unsigned int mdb_unmap(struct mdb_node *node, unsigned int rights, bool self,
		       uint64_t phys, unsigned int size_log2)
{
	uint64_t hi;
	unsigned int acc;

	assert(size_log2 < 64 && aligned(phys, size_log2));
	assert(!(rights & ~MDB_RWX));
	hi = last_byte(phys, size_log2);
	assert(overlaps(node, phys, hi));
	assert(!self || inside(node, phys, hi));
	mdb_visited++;
	acc = cb->accessed(node);
	revoke_below(node, rights, phys, hi, &acc);
	if (self) {
		/* By P the subtree is gone if the node has nothing left. */
		assert((node->rights & ~rights) || subtree_last(node) == node);
		node_revoke(node, rights);
	}
	return acc & MDB_RWX;
}

/* Pop a node from the singly linked @pool; it must not be empty. */
static struct mdb_node *pool_take(struct mdb_node **pool)
{
	struct mdb_node *n = *pool;

	assert(n);
	*pool = n->next;
	return n;
}

/* Free every node of @pool. */
static void pool_drain(struct mdb_node **pool)
{
	while (*pool)
		cb->free(pool_take(pool));
}

/* Fill @pool with @count fresh nodes, or leave it empty and return false. */
static bool pool_fill(struct mdb_node **pool, uint64_t count)
{
	for (; count; count--) {
		struct mdb_node *n = cb->alloc();

		if (!n) {
			pool_drain(pool);
			return false;
		}
		n->next = *pool;
		*pool = n;
	}
	return true;
}

/*
 * Sort the NULL-terminated list @list of sibling subtrees (its first node is
 * one of the siblings) by the physical address of their roots, moving whole
 * subtrees. Bottom-up merge sort over next links only: the caller fixes the
 * prev link of each subtree's root. Costs O(nodes * log(subtrees)).
 */
static struct mdb_node *sort_runs(struct mdb_node *list)
{
	for (uint64_t width = 1;; width *= 2) {
		struct mdb_node *p = list, *q, *tail = NULL, *run, *last;
		unsigned long merges = 0;
		uint64_t np, nq;

		list = NULL;
		for (; p; p = q, merges++) {
			/* Merge the next two sorted lists of width runs. */
			for (q = p, np = 0; q && np < width; np++)
				q = subtree_last(q)->next;
			for (nq = width; np || (nq && q);) {
				bool from_p = np &&
					      (!nq || !q || p->phys <= q->phys);

				run = from_p ? p : q;
				last = subtree_last(run);
				if (from_p) {
					p = last->next;
					np--;
				} else {
					q = last->next;
					nq--;
				}
				if (tail)
					tail->next = run;
				else
					list = run;
				tail = last;
			}
		}
		tail->next = NULL;
		if (merges <= 1)
			return list;
	}
}

/* Append the run [first, last] after *tail. */
static void append(struct mdb_node **tail, struct mdb_node *first,
		   struct mdb_node *last)
{
	first->prev = *tail;
	if (*tail)
		(*tail)->next = first;
	*tail = last;
}

/*
 * Replace @y by pieces of 2^size_log2 bytes from @pool, each followed by the
 * subtrees of @y's children that lie in it. Every child must be no larger
 * than a piece. A root's pieces each head a list of their own.
 */
static void split_one(struct mdb_node *y, unsigned int size_log2,
		      struct mdb_node **pool)
{
	struct mdb_node *last = subtree_last(y), *after = last->next;
	struct mdb_node *tail = y->prev, *runs = NULL;
	uint64_t count = 1ull << (y->size_log2 - size_log2);

	if (last != y) {
		last->next = NULL;
		runs = sort_runs(y->next);
	}
	for (uint64_t i = 0; i < count; i++) {
		struct mdb_node *piece = pool_take(pool);
		uint64_t off = i << size_log2;
		uint64_t hi = last_byte(y->phys + off, size_log2);

		*piece = (struct mdb_node){ .depth = y->depth,
					    .space = y->space,
					    .vaddr = y->vaddr + off,
					    .phys = y->phys + off,
					    .size_log2 = size_log2,
					    .rights = y->rights };
		if (y->depth == 0 && tail) { /* a new tree */
			tail->next = NULL;
			tail = NULL;
		}
		append(&tail, piece, piece);
		mdb_visited++;
		cb->split(y, piece);
		while (runs && runs->phys <= hi) {
			struct mdb_node *end = subtree_last(runs);
			struct mdb_node *next = end->next;

			assert(inside(runs, piece->phys, hi));
			append(&tail, runs, end);
			runs = next;
		}
	}
	assert(!runs);
	tail->next = after;
	if (after)
		after->prev = tail;
	cb->free(y);
}

bool mdb_split(struct mdb_node *node, unsigned int size_log2)
{
	struct mdb_node *last = subtree_last(node), *n, *prev, *pool = NULL;
	uint64_t need = 0;
	bool done;

	assert(mdb_page_size_valid(size_log2));
	/* Decode: count the pieces and get them. */
	for (n = node;; n = n->next) {
		mdb_visited++;
		if (n->size_log2 > size_log2)
			need += 1ull << (n->size_log2 - size_log2);
		if (n == last)
			break;
	}
	if (!pool_fill(&pool, need))
		return false;
	/* Perform: children before parents, so that when a node is split
	 * all its children already fit in its pieces. */
	for (n = last, done = false; !done; n = prev) {
		prev = n->prev;
		done = n == node;
		if (n->size_log2 > size_log2)
			split_one(n, size_log2, &pool);
	}
	assert(!pool);
	return true;
}

struct mdb_node *mdb_parent(const struct mdb_node *node)
{
	struct mdb_node *p = node->prev;

	while (p && p->depth >= node->depth)
		p = p->prev;
	return p;
}

/* Assert the rules about @p's children: P and C. */
static void check_children(const struct mdb_node *p)
{
	uint64_t hi = last_byte(p->phys, p->size_log2);

	for (const struct mdb_node *c = p->next; c && c->depth > p->depth;
	     c = c->next) {
		if (c->depth != p->depth + 1)
			continue;
		assert(!(c->rights & ~p->rights)); /* P */
		assert(inside(c, p->phys, hi));	   /* C */
	}
}

void mdb_check(const struct mdb_node *root)
{
	assert(root->prev == NULL); /* R1 */
	assert(root->depth == 0);   /* R1 */
	for (const struct mdb_node *n = root; n; n = n->next) {
		assert(!n->next || n->next->prev == n);		    /* L */
		assert(n == root || n->depth > 0);		    /* R2 */
		assert(!n->next || n->next->depth <= n->depth + 1); /* D */
		assert(mdb_page_size_valid(n->size_log2));	    /* S */
		assert(aligned(n->phys, n->size_log2));		    /* S */
		assert(aligned(n->vaddr, n->size_log2));	    /* S */
		assert(n->rights && !(n->rights & ~MDB_RWX));	    /* E */
		check_children(n);
	}
}

bool mdb_in_subtree(const struct mdb_node *top, const struct mdb_node *n)
{
	if (n == top)
		return true;
	for (const struct mdb_node *m = top->next; m && m->depth > top->depth;
	     m = m->next)
		if (m == n)
			return true;
	return false;
}
