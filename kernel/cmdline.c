// SPDX-License-Identifier: BSD-2-Clause
/* Kernel command-line parsing; see cmdline.h for the syntax. */
#include <kernel/cmdline.h>
#include <kernel/string.h>

bool cmdline_get(const char *cmdline, const char *key, char *val, size_t len)
{
	size_t klen = strlen(key);
	const char *p = cmdline;

	while (*p) {
		const char *w;
		size_t wlen;

		while (*p == ' ')
			p++;
		w = p;
		while (*p && *p != ' ')
			p++;
		wlen = (size_t)(p - w);
		if (wlen < klen || strncmp(w, key, klen) ||
		    (wlen > klen && w[klen] != '='))
			continue;
		if (val && len) {
			size_t n = wlen > klen ? wlen - klen - 1 : 0;

			if (n >= len)
				n = len - 1;
			memcpy(val, w + klen + 1, n);
			val[n] = 0;
		}
		return true;
	}
	return false;
}

bool parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0, base = 10, shift = 0;
	const char *digits;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (digits = s; *s; s++) {
		uint64_t d;

		if (*s >= '0' && *s <= '9')
			d = (uint64_t)(*s - '0');
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = (uint64_t)(*s - 'a' + 10);
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = (uint64_t)(*s - 'A' + 10);
		else
			break;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	if (s == digits) /* "", "0x", "K": no digits */
		return false;
	if (*s == 'K' || *s == 'k')
		shift = 10;
	else if (*s == 'M' || *s == 'm')
		shift = 20;
	else if (*s == 'G' || *s == 'g')
		shift = 30;
	else if (*s)
		return false;
	if (shift && s[1])
		return false;
	if (shift && v > (UINT64_MAX >> shift))
		return false;
	*out = v << shift;
	return true;
}

uint64_t cmdline_u64(const char *cmdline, const char *key, uint64_t def)
{
	char val[32];
	uint64_t v;

	if (!cmdline_get(cmdline, key, val, sizeof(val)))
		return def;
	if (strlen(val) == sizeof(val) - 1) /* perhaps cut short */
		return def;
	return parse_u64(val, &v) ? v : def;
}
