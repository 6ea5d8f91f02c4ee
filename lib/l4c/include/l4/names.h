/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Finding servers by name (docs/names.md): two protocols, both with one
 * name of 1 to 31 bytes packed into MR1-MR4 (NUL-padded, little-endian,
 * as l4_name_pack() makes it).
 *
 * The program lookup, answered by the root task, which is the first pager
 * of every program it loads (so a program asks its pager): which thread
 * runs the boot module whose command line starts with this name?
 *
 *   request  label L4_ROOT_LOOKUP, u = 4: MR1-MR4 the name
 *   reply    label L4_NAMES_OK, u = 1: MR1 the thread id; or label
 *            L4_NAMES_ENOENT (no such program), L4_NAMES_EINVAL (bad name)
 *
 * The root task's other requests (docs/memory.md), the first two for the
 * memory server, which builds boot-module dataspaces on them:
 *
 *   module size  L4_ROOT_MODULE_SIZE, u = 4: MR1-MR4 the module's name
 *                -> OK with MR1 its size in bytes; ENOENT (no module after
 *                sigma0 and the root task has that name, or it does not
 *                start on a page, or lies where the root task cannot read
 *                it); EINVAL (bad name)
 *   module page  L4_ROOT_MODULE_PAGE, u = 5: MR1-MR4 the name, MR5 an
 *                offset (page-aligned, below the size); BR0 the window
 *                -> OK with one map item (t = 2) of that page of the
 *                image, rights R and X (the last page: a copy, zeros
 *                after the module's end); ENOENT; EINVAL (offset)
 *   quota        L4_ROOT_QUOTA, u = 1: MR1 a thread id -> OK with MR1 the
 *                pages that "quota=N" on the command line of the program
 *                it runs gives; ENOENT (no such program, or no quota)
 *   kill         L4_ROOT_KILL, u = 4 or 5: MR1-MR4 a program's name, MR5
 *                flags (L4_ROOT_KILL_QUIET: tell no server, so that a test
 *                sees one find the death by itself)
 *                -> OK: its threads and space are deleted, and every
 *                program that ever asked L4_ROOT_TASK (the servers that
 *                name clients by task) is sent a zero-timeout
 *                L4_DS_SWEEP; ENOENT
 *                (no such program alive); EINVAL (bad name, other flags,
 *                the sender itself, or a sender whose command line lacks
 *                the word "admin")
 *
 * The name server (servers/names), which remembers names that threads
 * register for themselves (the id registered is the sender's, which the
 * kernel gives: nobody registers for someone else):
 *
 *   register    L4_NAMES_REGISTER, u = 4, MR1-MR4 the name
 *               -> OK, or EEXIST (another thread has it), EFULL, EINVAL
 *   lookup      L4_NAMES_LOOKUP, u = 4 -> OK with MR1 the id, or ENOENT
 *   unregister  L4_NAMES_UNREGISTER, u = 4 -> OK, or ENOENT (not the
 *               sender's name)
 *
 * A reply's label is the status; anything else (wrong u, typed items, an
 * unknown label) gets L4_NAMES_EINVAL.
 */
#ifndef L4_NAMES_H
#define L4_NAMES_H

#include <l4/msgtag.h>
#include <l4/syscalls.h>
#include <l4/thread.h>
#include <l4/types.h>

#define L4_NAME_WORDS 4
#define L4_NAME_MAX (8 * L4_NAME_WORDS - 1) /* bytes, without the NUL */

#define L4_ROOT_LOOKUP 0x7001
#define L4_ROOT_MODULE_SIZE 0x7002
#define L4_ROOT_MODULE_PAGE 0x7003
#define L4_ROOT_QUOTA 0x7004
#define L4_ROOT_KILL 0x7005
#define L4_ROOT_KILL_QUIET 1ul
#define L4_NAMES_REGISTER 0x7101
#define L4_NAMES_LOOKUP 0x7102
#define L4_NAMES_UNREGISTER 0x7103

/* Reply labels. */
#define L4_NAMES_OK 0
#define L4_NAMES_EINVAL 1 /* a malformed request or name */
#define L4_NAMES_ENOENT 2 /* no such name (or not yours) */
#define L4_NAMES_EEXIST 3 /* another thread has the name */
#define L4_NAMES_EFULL 4  /* the server's table is full */
#define L4_NAMES_EIPC 5	  /* (client side) the IPC itself failed */
/* Labels below this are statuses; every request's label is above it. */
#define L4_NAMES_REPLY_LIMIT 0x100

/* Pack @name into @w; false if it is empty or longer than L4_NAME_MAX. */
bool l4_name_pack(const char *name, l4_word_t w[L4_NAME_WORDS]);

/* Unpack @w into @out (L4_NAME_MAX + 1 bytes); false if @w is no valid
 * name (empty, no NUL in the last byte, bytes after the first NUL). */
bool l4_name_unpack(const l4_word_t w[L4_NAME_WORDS], char *out);

/* Server side: the name of the request @tag just received, from MR1-MR4
 * into @w (packed) and @text (L4_NAME_MAX + 1 bytes); false if the request
 * is malformed (not four untyped words and no typed ones, a bad name). */
bool l4_name_of_request(l4_msgtag_t tag, l4_word_t w[L4_NAME_WORDS],
			char *text);

/*
 * The client side of these protocols and of the ones built on their
 * statuses (<l4/console.h>, <l4/blocks.h>, <l4/dataspace.h>): send
 * request @label with the @u words at @w in MR1 onwards to @to and wait
 * for the reply. Returns its status (L4_NAMES_EIPC if the IPC failed);
 * MR1 of an OK reply goes to *@out if @out is not NULL.
 */
int l4_request(l4_threadid_t to, l4_word_t label, unsigned u,
	       const l4_word_t *w, l4_word_t *out);

/* The same with the Ipc @timeouts (l4_timeouts(); 0: never, never). On
 * L4_NAMES_EIPC the ErrorCode word says what went wrong (a timeout, or a
 * partner that does not exist). */
int l4_request_timed(l4_threadid_t to, l4_word_t label, unsigned u,
		     const l4_word_t *w, l4_word_t *out, l4_word_t timeouts);

/*
 * The loop of a server: wait for a request, let @serve put the reply in the
 * MRs, reply and wait for the next (a reply that cannot go at once is
 * dropped: the send timeout is zero). Failed receives, messages labelled
 * with a status (below L4_NAMES_REPLY_LIMIT) and L4_DS_PROBE are skipped
 * unanswered. Never returns.
 */
_Noreturn void l4_server_loop(void (*serve)(l4_msgtag_t tag,
					    l4_threadid_t from));

/* The root task's thread (from the KIP: the third user thread), the pager
 * every program starts with and the server of the L4_ROOT_* requests. */
l4_threadid_t l4_root_id(void);

/* Ask the root task which thread runs program @name; its id in *@id.
 * Returns a status. */
int l4_root_lookup(const char *name, l4_threadid_t *id);

/*
 * True if thread @t no longer exists: a send of L4_DS_PROBE that does not
 * wait finds no partner. A living thread times out, or takes the probe if
 * it is in an open wait (servers leave it unanswered: l4_server_loop()).
 */
bool l4_thread_gone(l4_threadid_t t);

/* Ask the root task to tell this program of deaths from now on: after
 * each kill it sends L4_DS_SWEEP with a zero timeout. A status. */
int l4_root_watch(void);

/* Ask the root task to kill program @name (the caller's command line must
 * say "admin"); a status. */
int l4_root_kill(const char *name);

/* The name server's requests to @server; a status. */
int l4_names_register(l4_threadid_t server, const char *name);
int l4_names_lookup(l4_threadid_t server, const char *name, l4_threadid_t *id);
int l4_names_unregister(l4_threadid_t server, const char *name);

#endif
