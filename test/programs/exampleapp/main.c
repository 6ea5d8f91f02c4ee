// SPDX-License-Identifier: BSD-2-Clause
/*
 * exampleapp: the application of docs/howto-pager.md. It starts its region
 * mapper, attaches a dataspace of the example pager (pagers/example) and
 * reads and writes it: every fault goes region mapper -> example pager,
 * whose frames come from the memory server, whose frames come from sigma0.
 * One TEST line per case and a SUMMARY (scripts/boot-test --tests).
 */
#include <l4/dataspace.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/syscalls.h>

#include <pagers/rm_task.h>

#define PAGE 4096ul

static unsigned passed, failed;

static void check(const char *name, bool ok)
{
	if (ok)
		passed++;
	else
		failed++;
	l4_printf("TEST %s: %s\n", name, ok ? "PASS" : "FAIL");
}

int main(void)
{
	l4_threadid_t rm = rm_start(), pager;
	l4_word_t ds = 0, size = 0, at = 0x20000000, ok = 1;
	volatile l4_word_t *p = (volatile l4_word_t *)at;

	while (l4_root_lookup("example", &pager) != L4_NAMES_OK)
		l4_thread_switch(L4_NILTHREAD);
	check("example_opens_a_dataspace",
	      !l4_is_nil_thread(rm) &&
		      l4_ds_open(pager, 4 * PAGE, &ds) == L4_NAMES_OK &&
		      l4_ds_size(pager, ds, &size) == L4_NAMES_OK &&
		      size == 4 * PAGE);
	check("region_mapper_attaches_it",
	      l4_rm_attach(rm, &at, 4 * PAGE, pager, ds, 0, L4_FPAGE_RW) ==
		      L4_NAMES_OK);
	for (l4_word_t w = 0; w < 4 * PAGE / 8; w++)
		ok &= p[w] == w * 8;
	check("every_word_holds_its_offset", ok);
	p[5] = 42;
	check("writes_stay", p[5] == 42 && p[6] == 48);
	check("more_pages_than_frames_is_einval",
	      l4_ds_open(pager, 9 * PAGE, &ds) == L4_NAMES_EINVAL);
	check("map_beyond_the_end_is_einval",
	      l4_ds_map(pager, 0, 4 * PAGE, L4_FPAGE_R, 0x30000000) ==
		      L4_NAMES_EINVAL);
	check("a_dataspace_of_nobody_is_enoent",
	      l4_ds_map(pager, 3, 0, L4_FPAGE_R, 0x30000000) ==
		      L4_NAMES_ENOENT);
	l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
	return 0;
}
