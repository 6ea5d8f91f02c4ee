// SPDX-License-Identifier: BSD-2-Clause
/*
 * L4_ROOT_ARGS (<l4/args.h>): a program's command line, which only the
 * root task can read (the boot information lies in physical memory that
 * sigma0 maps to the root task alone). The program is found by its name,
 * the first word of its module's line.
 */
#include <l4/args.h>
#include <l4/bootmodules.h>
#include <l4/message.h>
#include <l4/names.h>
#include <l4/syscalls.h>

#include "args.h"

/* The command line of the module named @name, or NULL. */
static const char *cmdline_of(const char *name)
{
	const struct l4_bootinfo *bi = l4_bootinfo_get(l4_kip);
	unsigned n = bi ? l4_bootinfo_num_modules(bi) : 0;

	for (unsigned i = 0; i < n; i++) {
		const struct l4_bootrec_module *m = l4_bootinfo_module(bi, i);
		char mname[PROGRAM_NAME_MAX];
		const char *a = mname, *b = name;

		if (!m || !l4_bootrec_module_name(m, mname, sizeof(mname)))
			continue;
		while (*a && *a == *b)
			a++, b++;
		if (!*a && !*b)
			return l4_bootrec_module_cmdline(m);
	}
	return NULL;
}

void args_reply(struct program *p, l4_msgtag_t tag)
{
	const char *line = cmdline_of(p->name);
	l4_word_t w[L4_ARGS_WORDS] = { 0 };
	unsigned n = 0;

	if (l4_msgtag_untyped(tag) != 0 || l4_msgtag_typed(tag) != 0 || !line) {
		l4_set_mr(0, l4_msgtag_make(line ? L4_NAMES_EINVAL :
						   L4_NAMES_ENOENT,
					    0, 0)
				     .raw);
		return;
	}
	for (; line[n] && n < 8 * L4_ARGS_WORDS - 1; n++)
		w[n / 8] |= (l4_word_t)(uint8_t)line[n] << (8 * (n % 8));
	n = n / 8 + 1; /* words, with the NUL */
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, n, 0).raw);
	for (unsigned i = 0; i < n; i++)
		l4_set_mr(1 + i, w[i]);
}
