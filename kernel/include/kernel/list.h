/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Intrusive doubly linked lists with a head: a node lives inside the object
 * it links, and list_entry() gets the object back. A node that is on no list
 * has next == prev == NULL.
 */
#ifndef KERNEL_LIST_H
#define KERNEL_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
	struct list_node *next, *prev;
};

struct list_head {
	struct list_node head; /* head.next: first, head.prev: last */
};

#define list_entry(node, type, member) \
	((type *)((char *)(node)-offsetof(type, member)))

static inline void list_init(struct list_head *l)
{
	l->head.next = l->head.prev = &l->head;
}

static inline bool list_empty(const struct list_head *l)
{
	return l->head.next == &l->head;
}

static inline bool list_linked(const struct list_node *n)
{
	return n->next != NULL;
}

static inline void list_insert_before(struct list_node *pos,
				      struct list_node *n)
{
	n->next = pos;
	n->prev = pos->prev;
	pos->prev->next = n;
	pos->prev = n;
}

static inline void list_append(struct list_head *l, struct list_node *n)
{
	list_insert_before(&l->head, n);
}

static inline void list_remove(struct list_node *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->next = n->prev = NULL;
}

static inline struct list_node *list_first(const struct list_head *l)
{
	return list_empty(l) ? NULL : l->head.next;
}

/* The node after @n, or NULL at the end of @l. */
static inline struct list_node *list_next(const struct list_head *l,
					  const struct list_node *n)
{
	return n->next == &l->head ? NULL : n->next;
}

#define list_for_each(l, n) \
	for (struct list_node *n = list_first(l); n; n = list_next(l, n))

#endif
