// SPDX-License-Identifier: BSD-2-Clause
/* The clients; see clients.h. */
#include <l4/dataspace.h>
#include <l4/errors.h>
#include <l4/syscalls.h>

#include "clients.h"
#include "ds.h"
#include "root.h"

static struct client clients[CLIENTS_MAX];

struct client *clients_find(l4_threadid_t who)
{
	for (int i = 0; i < CLIENTS_MAX; i++)
		if (!l4_is_nil_thread(clients[i].who) &&
		    l4_same_thread(clients[i].who, who))
			return &clients[i];
	return NULL;
}

/* A free record, or NULL. */
static struct client *spare(void)
{
	for (int i = 0; i < CLIENTS_MAX; i++)
		if (l4_is_nil_thread(clients[i].who))
			return &clients[i];
	return NULL;
}

struct client *clients_get(l4_threadid_t who)
{
	struct client *c = clients_find(who);
	l4_word_t quota;

	if (c)
		return c;
	if (!spare())
		clients_sweep(who);
	if (!(c = spare()))
		return NULL;
	quota = root_quota(who);
	*c = (struct client){ who, quota ? quota : L4_DS_QUOTA, 0 };
	return c;
}

bool clients_charge(struct client *c, l4_word_t pages)
{
	if (pages > c->quota || c->charged > c->quota - pages)
		return false;
	c->charged += pages;
	return true;
}

void clients_refund(struct client *c, l4_word_t pages)
{
	c->charged -= pages;
}

unsigned clients_sweep(l4_threadid_t current)
{
	unsigned dead = 0;

	for (int i = 0; i < CLIENTS_MAX; i++) {
		struct client *c = &clients[i];

		if (l4_is_nil_thread(c->who) ||
		    l4_same_thread(c->who, current) || !l4_thread_gone(c->who))
			continue;
		ds_close_all(c);
		c->who = L4_NILTHREAD;
		dead++;
	}
	return dead;
}
