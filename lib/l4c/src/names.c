// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the name protocols; see <l4/names.h>. */
#include <l4/kip.h>
#include <l4/dataspace.h>
#include <l4/names.h>
#include <l4/rm.h>
#include <l4/errors.h>
#include <l4/protocol.h>
#include <l4/utcb.h>

bool l4_name_pack(const char *name, l4_word_t w[L4_NAME_WORDS])
{
	unsigned n = 0;

	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		w[i] = 0;
	while (name[n]) {
		if (n == L4_NAME_MAX)
			return false;
		w[n / 8] |= (l4_word_t)(uint8_t)name[n] << (8 * (n % 8));
		n++;
	}
	return n > 0;
}

bool l4_name_unpack(const l4_word_t w[L4_NAME_WORDS], char *out)
{
	bool ended = false;

	for (unsigned n = 0; n <= L4_NAME_MAX; n++) {
		char c = (char)(w[n / 8] >> (8 * (n % 8)));

		if (ended && c)
			return false; /* bytes after the end */
		if (!c)
			ended = true;
		out[n] = c;
	}
	return ended && out[0];
}

bool l4_name_of_request(l4_msgtag_t tag, l4_word_t w[L4_NAME_WORDS], char *text)
{
	for (unsigned i = 0; i < L4_NAME_WORDS; i++)
		w[i] = l4_mr(1 + i);
	return l4_msgtag_untyped(tag) == L4_NAME_WORDS &&
	       l4_msgtag_typed(tag) == 0 && l4_name_unpack(w, text);
}

int l4_request(l4_threadid_t to, l4_word_t label, unsigned u,
	       const l4_word_t *w, l4_word_t *out)
{
	return l4_request_timed(to, label, u, w, out, 0);
}

int l4_request_timed(l4_threadid_t to, l4_word_t label, unsigned u,
		     const l4_word_t *w, l4_word_t *out, l4_word_t timeouts)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
	for (unsigned i = 0; i < u; i++)
		l4_set_mr(1 + i, w[i]);
	tag = l4_ipc(to, to, timeouts, NULL);
	if (l4_msgtag_is_error(tag))
		return L4_NAMES_EIPC;
	if (out && l4_msgtag_label(tag) == L4_NAMES_OK &&
	    l4_msgtag_untyped(tag) >= 1)
		*out = l4_mr(1);
	return (int)l4_msgtag_label(tag);
}

/* Request @label with @name to @to; its status, MR1 of an OK reply in
 * *@word. */
static int request(l4_threadid_t to, l4_word_t label, const char *name,
		   l4_word_t *word)
{
	l4_word_t w[L4_NAME_WORDS];

	if (!l4_name_pack(name, w))
		return L4_NAMES_EINVAL;
	return l4_request(to, label, L4_NAME_WORDS, w, word);
}

l4_threadid_t l4_root_id(void)
{
	return l4_roottask_thread(
		l4_thread_info_user_base(l4_kip_thread_info(l4_kip)));
}

int l4_root_lookup(const char *name, l4_threadid_t *id)
{
	l4_word_t w = 0;
	int st = request(l4_root_id(), L4_ROOT_LOOKUP, name, &w);

	*id = l4_threadid(w);
	return st;
}

bool l4_thread_gone(l4_threadid_t t)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(L4_DS_PROBE, 0, 0).raw);
	tag = l4_ipc(t, L4_NILTHREAD, l4_timeouts(L4_ZEROTIME, L4_ZEROTIME),
		     NULL);
	return l4_msgtag_is_error(tag) &&
	       l4_ipc_error_code(l4_utcb()[L4_UTCB_ERROR_CODE]) ==
		       L4_IPC_ENOPARTNER;
}

int l4_root_watch(void)
{
	return l4_request(l4_root_id(), L4_ROOT_WATCH, 0, NULL, NULL);
}

int l4_root_kill(const char *name)
{
	return request(l4_root_id(), L4_ROOT_KILL, name, NULL);
}

int l4_names_register(l4_threadid_t server, const char *name)
{
	return request(server, L4_NAMES_REGISTER, name, NULL);
}

int l4_names_lookup(l4_threadid_t server, const char *name, l4_threadid_t *id)
{
	l4_word_t w = 0;
	int st = request(server, L4_NAMES_LOOKUP, name, &w);

	*id = l4_threadid(w);
	return st;
}

void l4_server_loop(void (*serve)(l4_msgtag_t tag, l4_threadid_t from))
{
	l4_threadid_t from;
	l4_msgtag_t tag = l4_wait(&from);

	for (;;) {
		/* A status is a reply that came too late, or a server's answer
		 * to a probe (<l4/dataspace.h>): answering it would start two
		 * servers bouncing errors at each other for ever. */
		if (l4_msgtag_is_error(tag) ||
		    l4_msgtag_label(tag) < L4_NAMES_REPLY_LIMIT ||
		    l4_msgtag_has_label(tag, L4_DS_PROBE)) {
			tag = l4_wait(&from);
			continue;
		}
		serve(tag, from);
		tag = l4_reply_wait(from, &from);
	}
}

int l4_names_unregister(l4_threadid_t server, const char *name)
{
	return request(server, L4_NAMES_UNREGISTER, name, NULL);
}
