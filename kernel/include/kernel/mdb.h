/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The mapping database: for every physical frame that is mapped anywhere,
 * the tree of who mapped it to whom. The root is sigma0's mapping; map adds
 * a child with at most its parent's rights, grant moves a node to another
 * place, unmap takes rights from a subtree and removes what is left with
 * none. Page tables are not touched here: struct mdb_ops tells their side.
 *
 * Each tree is a doubly linked list of its nodes in preorder, each node with
 * its depth. The subtree of a node is the run of nodes after it that are
 * deeper than it; its parent is the nearest node before it that is
 * shallower. Map links the child right after its parent; removing a subtree
 * unlinks a run. Nothing is ever searched by address: the page-table side
 * keeps a pointer from each page-table entry to its node.
 *
 *   A rwx 2M  (sigma0, depth 0)          NULL
 *   |-- B rw- 2M   (depth 1)              ^
 *   |   `-- C r-- 4K  (depth 2)         [A 0] <-> [B 1] <-> [C 2]
 *   `-- D r-x 4K   (depth 1)                  <-> [D 1] -> NULL
 *
 *   subtree(A) = B C D      subtree(B) = C      parent(D) = A
 *
 * Invariants (mdb_check asserts one rule per line):
 *
 *   rule   holds for                    statement
 *   L      every node n                 n->next == NULL or n->next->prev == n
 *   R1     the head h                   h->prev == NULL and h->depth == 0
 *   R2     every node but the head      depth > 0 (one root per tree)
 *   D      every node n                 n->next == NULL or
 *                                       n->next->depth <= n->depth + 1
 *   S      every node                   size_log2 is a page size of
 *                                       MDB_PAGE_SIZES; phys, vaddr aligned
 *   E      every node                   rights != 0, rights within MDB_RWX
 *   P      every child c of p           c->rights is a subset of p->rights
 *   C      every child c of p           c's physical range lies in p's
 *
 * A node exists only while it has rights (E), so the legal states of one
 * mapping are: absent, or present with a non-empty subset of its parent's
 * rights. Unmap moves it down that order; reaching the empty set removes it
 * and, by P, everything derived from it.
 *
 * Superpages: a node may be 4 KiB, 2 MiB or 1 GiB, and a child lies inside
 * its parent (C), so a 4 KiB child of a 2 MiB parent is fine. Unmapping part
 * of a superpage revokes the derived mappings that overlap the part, each
 * as a whole; to take exactly 4 KiB away, the caller first splits the
 * superpage and what was derived from it (mdb_split), then unmaps the
 * piece. A flush of the node itself must cover the whole node.
 */
#ifndef KERNEL_MDB_H
#define KERNEL_MDB_H

#include <stdbool.h>
#include <stdint.h>

/* Access rights, as in an X.2 flexpage. */
#define MDB_R 4u
#define MDB_W 2u
#define MDB_X 1u
#define MDB_RWX 7u

/*
 * The page sizes a node may have: bit n set if 2^n bytes is one. These are
 * the x86_64 ones (4 KiB, 2 MiB, 1 GiB); a port with others changes this.
 */
#define MDB_PAGE_SIZES ((1ull << 12) | (1ull << 21) | (1ull << 30))

struct space; /* opaque here: only carried for the page-table side */

/* One mapping of a (part of a) frame in one address space. 48 bytes. */
struct mdb_node {
	/* The tree: preorder list and depth. Only mdb.c changes these. */
	struct mdb_node *prev, *next;
	unsigned int depth;

	/* What: fixed for the node's life, except that rights only shrink
	 * (mdb_unmap, mdb_grant) and mdb_split() replaces the node. */
	uint8_t size_log2;
	uint8_t rights;
	uint64_t phys;

	/* Where: changed only by mdb_grant(). */
	struct space *space;
	uint64_t vaddr;
};

/*
 * The memory and page-table side, called back from inside the operations.
 * Callbacks cannot fail and must not call mdb functions: they see the tree
 * in the middle of a change.
 */
struct mdb_ops {
	/* A node's worth of memory, or NULL when there is none left. */
	struct mdb_node *(*alloc)(void);
	/* Give back a node from alloc (unlinked, not to be used again). */
	void (*free)(struct mdb_node *node);
	/* Remove @node's entry from its page table; it is freed next. */
	void (*unmapped)(struct mdb_node *node);
	/* Reduce @node's entry to @rights (already in node->rights). */
	void (*protected)(struct mdb_node *node, unsigned int rights);
	/* The rights (MDB_R/W/X) used through @node's entry since last
	 * asked; clears them. */
	unsigned int (*accessed)(struct mdb_node *node);
	/*
	 * @old is replaced by smaller pieces; called once for each @piece,
	 * in address order starting at old->vaddr, before @old is freed.
	 * The page-table side points its entries at the pieces (with
	 * @old's rights). It must have prepared any memory it needs before
	 * calling mdb_split(), which cannot fail once it has its nodes.
	 */
	void (*split)(const struct mdb_node *old, struct mdb_node *piece);
};

/* Nodes examined by mdb_unmap, mdb_grant and mdb_split; for tests and the
 * kernel debugger, to show that cost follows the nodes, not the range. */
extern unsigned long mdb_visited;

/* Whether 2^@size_log2 bytes is a page size of MDB_PAGE_SIZES. */
static inline bool mdb_page_size_valid(unsigned int size_log2)
{
	return size_log2 < 64 && ((MDB_PAGE_SIZES >> size_log2) & 1);
}

/* Use @ops for every later call. Call once, before anything else. */
void mdb_init(const struct mdb_ops *ops);

/*
 * A new tree whose root maps [phys, phys + 2^size_log2) at @vaddr in
 * @space with @rights (sigma0's mapping). NULL if out of memory.
 * Caller guarantees: valid size, aligned addresses, rights non-empty.
 */
struct mdb_node *mdb_root(struct space *space, uint64_t vaddr, uint64_t phys,
			  unsigned int size_log2, unsigned int rights);

/*
 * Map: a new child of @parent mapping [phys, phys + 2^size_log2) at @vaddr
 * in @space, with @rights & parent->rights (map never widens rights). NULL
 * if out of memory; then nothing has changed. Caller guarantees: valid
 * size, aligned addresses, the range lies in the parent's (a child is never
 * larger than its parent) and @rights & parent->rights is not empty.
 */
struct mdb_node *mdb_map(struct mdb_node *parent, struct space *space,
			 uint64_t vaddr, uint64_t phys, unsigned int size_log2,
			 unsigned int rights);

/*
 * Grant: move @node to @vaddr in @space, keeping its parent and children.
 * Its rights become node->rights & @rights; rights it loses are taken from
 * its descendants as by mdb_unmap(), without gathering accessed bits. The
 * caller moves the page-table entry: it removes the old one before and
 * enters the node at its new place after. Cannot fail.
 * Caller guarantees: @vaddr aligned, @rights & node->rights not empty.
 */
void mdb_grant(struct mdb_node *node, struct space *space, uint64_t vaddr,
	       unsigned int rights);

/*
 * Unmap: take @rights from the mappings derived from @node that overlap the
 * physical range [phys, phys + 2^size_log2), and from @node itself if
 * @self (flush). A derived mapping that overlaps is revoked whole, with
 * everything derived from it (split first to revoke exactly); one left
 * without rights is removed with its subtree, @node too. Returns the rights
 * accessed through @node and through every derived mapping it reached (the
 * X.2 reference bits), read and cleared. Costs O(size of @node's subtree).
 * Cannot fail. Caller guarantees: the range is aligned and overlaps
 * @node's; if @self, it covers @node's whole range.
 */
unsigned int mdb_unmap(struct mdb_node *node, unsigned int rights, bool self,
		       uint64_t phys, unsigned int size_log2);

/*
 * Split: replace @node, and every mapping derived from it that is larger
 * than 2^size_log2 bytes, by pieces of that size with the same rights,
 * each piece keeping the children that lie in it. A split root becomes
 * several trees, one per piece. Mappings stay the same, only finer:
 * ops->split() tells the page-table side, and the replaced nodes are
 * freed. False if out of memory; then nothing has changed. Does nothing if
 * @node is not larger. Costs O(pieces + subtree * log(children)). Caller
 * guarantees: @size_log2 valid.
 */
bool mdb_split(struct mdb_node *node, unsigned int size_log2);

/* Is @n in the subtree of @top (derived from it, or @top itself)? Costs
 * O(size of @top's subtree). */
bool mdb_in_subtree(const struct mdb_node *top, const struct mdb_node *n);

/* The node @node was mapped from, or NULL for a root. Costs O(nodes
 * between the two). */
struct mdb_node *mdb_parent(const struct mdb_node *node);

/* Assert the invariants above for the tree whose head is @root. Costs
 * O(nodes * depth). */
void mdb_check(const struct mdb_node *root);

#endif
