// SPDX-License-Identifier: BSD-2-Clause
/* The client side of the console protocol; see <l4/console.h>. */
#include <l4/console.h>
#include <l4/syscalls.h>

int l4_console_write(l4_threadid_t server, const char *s, size_t n)
{
	while (n) {
		size_t k = n < L4_CONSOLE_MAX ? n : L4_CONSOLE_MAX;
		unsigned words = (unsigned)((k + 7) / 8);
		l4_msgtag_t tag;

		for (unsigned i = 0; i < words; i++)
			l4_set_mr(2 + i, 0);
		for (size_t i = 0; i < k; i++)
			l4_utcb()[2 + i / 8] |= (l4_word_t)(uint8_t)s[i]
						<< (8 * (i % 8));
		l4_set_mr(0,
			  l4_msgtag_make(L4_CONSOLE_WRITE, 1 + words, 0).raw);
		l4_set_mr(1, k);
		tag = l4_call(server);
		if (l4_msgtag_is_error(tag))
			return L4_NAMES_EIPC;
		if (l4_msgtag_label(tag) != L4_NAMES_OK)
			return (int)l4_msgtag_label(tag);
		s += k;
		n -= k;
	}
	return L4_NAMES_OK;
}

l4_threadid_t l4_console_server; /* nil: l4_printf() uses the kernel */

int l4_console_use(void)
{
	uint64_t end = l4_system_clock() + 1000000;
	l4_threadid_t names, con;
	int st;

	if ((st = l4_root_lookup("names", &names)) != L4_NAMES_OK)
		return st;
	while ((st = l4_names_lookup(names, "console", &con)) ==
		       L4_NAMES_ENOENT &&
	       l4_system_clock() < end)
		l4_thread_switch(L4_NILTHREAD); /* not registered yet */
	if (st == L4_NAMES_OK)
		l4_console_server = con;
	return st;
}
