// SPDX-License-Identifier: BSD-2-Clause
/* A program's command line; see <l4/args.h>. */
#include <l4/args.h>
#include <l4/names.h>

int l4_root_args(char *buf, size_t size)
{
	l4_msgtag_t tag;
	size_t n = 0;

	buf[0] = '\0';
	l4_set_mr(0, l4_msgtag_make(L4_ROOT_ARGS, 0, 0).raw);
	tag = l4_call(l4_root_id());
	if (l4_msgtag_is_error(tag))
		return L4_NAMES_EIPC;
	if (l4_msgtag_label(tag) != L4_NAMES_OK)
		return (int)l4_msgtag_label(tag);
	for (unsigned w = 0; w < l4_msgtag_untyped(tag) && w < L4_ARGS_WORDS;
	     w++) {
		l4_word_t v = l4_mr(1 + w);

		for (unsigned b = 0; b < 8 && n + 1 < size; b++, n++)
			buf[n] = (char)(v >> (8 * b));
	}
	buf[n] = '\0';
	return L4_NAMES_OK;
}

bool l4_arg(const char *cmdline, const char *key, char *buf, size_t size)
{
	const char *s = cmdline;

	buf[0] = '\0';
	while (*s && *s != ' ') /* the name */
		s++;
	while (*s) {
		const char *k = key;

		while (*s == ' ')
			s++;
		while (*k && *s == *k)
			s++, k++;
		if (!*k && *s == '=') {
			size_t n = 0;

			for (s++; *s && *s != ' ' && n + 1 < size; s++)
				buf[n++] = *s;
			buf[n] = '\0';
			return true;
		}
		while (*s && *s != ' ')
			s++;
	}
	return false;
}

l4_word_t l4_arg_number(const char *cmdline, const char *key, l4_word_t dflt)
{
	char v[16];
	l4_word_t n = 0;

	if (!l4_arg(cmdline, key, v, sizeof(v)) || !v[0])
		return dflt;
	for (const char *c = v; *c; c++) {
		if (*c < '0' || *c > '9' || n >= (1ul << 32) / 10)
			return dflt;
		n = n * 10 + (l4_word_t)(*c - '0');
	}
	return n;
}
