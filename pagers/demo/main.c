// SPDX-License-Identifier: BSD-2-Clause
/*
 * swapdemo: the application at the bottom of the default image's memory
 * hierarchy (docs/hierarchy.md):
 *
 *   sigma0 -> memory server -> swapping pager -> swapdemo
 *
 * It starts its region mapper, attaches a dataspace of the swapping pager
 * three times as large as the pager's budget of frames, writes every page,
 * reads every page back, and says what it took, through the console
 * server.
 */
#include <l4/args.h>
#include <l4/console.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/swapper.h>
#include <l4/syscalls.h>

#include <pagers/rm_task.h>

#define PAGE 4096ul

/* A checksum of page @i's pattern as written, and as now read. */
static l4_word_t pattern(l4_word_t i, l4_word_t w)
{
	return (i * 0x9e3779b97f4a7c15ul) ^ (w * 0x2545f4914f6cdd1dul);
}

int main(void)
{
	l4_threadid_t rm = rm_start(), swapper;
	struct l4_swap_stats s0, s1;
	l4_word_t ds, pages, at = 0x40000000, bad = 0;
	char line[8 * L4_ARGS_WORDS], arg[L4_NAME_MAX + 1];
	const char *pager = "swapper";

	/* From here on the lines go through the console server, which owns
	 * COM1, if the image has one. */
	if (l4_console_use() == L4_NAMES_OK)
		l4_printf("swapdemo: printing through the console server\n");
	/* "pager=NAME": the swapping pager to stack on (default swapper). */
	if (l4_root_args(line, sizeof(line)) == L4_NAMES_OK &&
	    l4_arg(line, "pager", arg, sizeof(arg)) && arg[0])
		pager = arg;
	while (l4_root_lookup(pager, &swapper) != L4_NAMES_OK)
		l4_thread_switch(L4_NILTHREAD);
	if (l4_is_nil_thread(rm) || l4_swap_stats(swapper, &s0) != L4_NAMES_OK)
		return 1;
	pages = 3 * s0.frames;
	if (l4_ds_open(swapper, pages * PAGE, &ds) != L4_NAMES_OK ||
	    l4_rm_attach(rm, &at, pages * PAGE, swapper, ds, 0,
			 L4_FPAGE_RW | L4_RM_SEARCH) != L4_NAMES_OK) {
		l4_printf("swapdemo: no dataspace of %lu pages\n", pages);
		return 1;
	}
	l4_printf("swapdemo: sigma0 -> memory -> %s -> swapdemo: %lu pages at "
		  "%lx through %lu frames\n",
		  pager, pages, at, s0.frames);
	for (l4_word_t i = 0; i < pages; i++)
		for (l4_word_t w = 0; w < PAGE / 8; w++)
			((volatile l4_word_t *)(at + i * PAGE))[w] =
				pattern(i, w);
	for (l4_word_t i = 0; i < pages; i++)
		for (l4_word_t w = 0; w < PAGE / 8; w++)
			bad += ((volatile l4_word_t *)(at + i * PAGE))[w] !=
			       pattern(i, w);
	l4_swap_stats(swapper, &s1);
	l4_printf("swapdemo: %lu evictions, %lu reloads, %lu words wrong\n",
		  s1.evictions - s0.evictions, s1.reloads - s0.reloads, bad);
	l4_printf("swapdemo: done\n");
	return bad != 0;
}
