/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The dataspaces (<l4/dataspace.h>, docs/memory.md): a table of them, each
 * a run of pages that are untouched (zeros), a boot module's page, or a
 * pool frame (pool.h), private or shared copy-on-write. Each page of each
 * dataspace has a view, an address of the server's own space that is its
 * alone and at which the page's current frame is mapped while a client
 * may have it: every mapping to a client comes from the view, so taking
 * the view away (Unmap with the flush bit) takes the page from exactly
 * that dataspace's clients, however many other dataspaces share the frame.
 */
#ifndef MEMORY_DS_H
#define MEMORY_DS_H

#include <l4/fpage.h>
#include <l4/names.h>
#include <l4/types.h>

#include "clients.h"

#define DS_MAX 32

struct dataspace;

/* Dataspace @n if it is @who's, else NULL. */
struct dataspace *ds_lookup(l4_word_t n, l4_threadid_t who);

/*
 * Each returns a status (<l4/names.h>) and, with L4_NAMES_OK, the new
 * dataspace's number in *@n; on any other status nothing has changed.
 */
int ds_open(struct client *c, l4_word_t size, l4_word_t *n);
int ds_open_module(struct client *c, const l4_word_t name[L4_NAME_WORDS],
		   l4_word_t *n);
int ds_copy(struct client *c, struct dataspace *src, l4_word_t *n);

/* The size of @d in bytes. */
l4_word_t ds_size(const struct dataspace *d);

/* The page at @off of @d with @rights, ready to be mapped from the
 * server's flexpage *@f; a status. */
int ds_map(struct dataspace *d, l4_word_t off, l4_word_t rights, l4_fpage_t *f);

/* Close @d: its pages leave every space they were mapped to, its frames
 * go back to the pool unless other dataspaces share them, and its owner
 * gets its charge back. Cannot fail. */
void ds_close(struct dataspace *d);

/* Close every dataspace of @c. */
void ds_close_all(struct client *c);

/* Open dataspaces, of all clients. */
unsigned ds_count(void);

#endif /* MEMORY_DS_H */
