// SPDX-License-Identifier: BSD-2-Clause
/*
 * memvictim: a client of the memory server that holds memory until it is
 * killed. It opens an anonymous dataspace of MEMVICTIM_ANON pages and
 * writes to each, makes a copy and writes to its first page (one more
 * frame), opens the image of the "memory" module and reads it: three
 * dataspaces, MEMVICTIM_ANON + 1 frames of the memory server. It
 * registers its name (victim1, victim2) at the name server. Then it
 * waits for good; serverstest kills it (L4_ROOT_KILL) and checks that the
 * server gets all of it back.
 */
#include <l4/args.h>
#include <l4/dataspace.h>
#include <l4/fpage.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

#define MEMVICTIM_ANON 4
#define VA 0x50000000ul

/* Register this program's name (its command line's first word) at the
 * name server, so that serverstest sees it go when it is killed. */
static bool register_name(void)
{
	char line[8 * L4_ARGS_WORDS];
	l4_threadid_t names;
	unsigned n = 0;

	if (l4_root_args(line, sizeof(line)) != L4_NAMES_OK ||
	    l4_root_lookup("names", &names) != L4_NAMES_OK)
		return false;
	while (line[n] && line[n] != ' ')
		n++;
	line[n] = '\0';
	/* serverstest fills the table for a while: try for two seconds. */
	for (uint64_t end = l4_system_clock() + 2000000;;) {
		int st = l4_names_register(names, line);

		if (st != L4_NAMES_EFULL || l4_system_clock() > end)
			return st == L4_NAMES_OK;
		l4_thread_switch(L4_NILTHREAD);
	}
}

int main(void)
{
	l4_threadid_t mem;
	l4_word_t anon, copy, image;
	bool ok;

	ok = l4_root_lookup("memory", &mem) == L4_NAMES_OK &&
	     l4_ds_open(mem, MEMVICTIM_ANON * 4096ul, &anon) == L4_NAMES_OK;
	for (l4_word_t i = 0; ok && i < MEMVICTIM_ANON; i++) {
		ok = l4_ds_map(mem, anon, i * 4096, L4_FPAGE_RW,
			       VA + i * 4096) == L4_NAMES_OK;
		if (ok)
			*(volatile l4_word_t *)(VA + i * 4096) = i + 1;
	}
	ok = ok && l4_ds_copy(mem, anon, &copy) == L4_NAMES_OK &&
	     l4_ds_map(mem, copy, 0, L4_FPAGE_RW, VA + 0x10000) ==
		     L4_NAMES_OK &&
	     (*(volatile l4_word_t *)(VA + 0x10000) = 99) &&
	     l4_ds_open_module(mem, "memory", &image) == L4_NAMES_OK &&
	     l4_ds_map(mem, image, 0, L4_FPAGE_R, VA + 0x20000) ==
		     L4_NAMES_OK &&
	     *(volatile uint8_t *)(VA + 0x20001) == 'E';
	ok = ok && register_name();
	l4_printf("memvictim: %s\n", ok ? "holding memory" : "FAILED");
	l4_sleep_forever();
	return 0;
}
