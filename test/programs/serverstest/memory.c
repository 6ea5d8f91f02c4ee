// SPDX-License-Identifier: BSD-2-Clause
/*
 * serverstest's cases of the memory server beyond anonymous dataspaces
 * (docs/memory.md): boot-module images, copy-on-write copies, the quota
 * the command line sets, every bad input, and the memory of a killed
 * client (test/programs/memvictim, started twice as victim1 and victim2)
 * coming back, told by the root task and found by the server itself.
 */
#include <l4/dataspace.h>
#include <l4/elf64.h>
#include <l4/fpage.h>
#include <l4/names.h>
#include <l4/syscalls.h>

#include "serverstest.h"

#define PAGE 4096ul
#define MOD_VA 0x51000000ul /* the module's pages */
#define COW_VA 0x52000000ul /* sources and copies, a page apart */
#define VICTIM_FRAMES 5	    /* memvictim's: 4 anonymous, 1 copied */
#define VICTIM_DS 3

static l4_threadid_t mem;

static volatile l4_word_t *at(l4_word_t va)
{
	return (volatile l4_word_t *)va;
}

static struct l4_ds_stats stats(void)
{
	struct l4_ds_stats s = { 0 };

	l4_ds_stats(mem, &s);
	return s;
}

static bool same_stats(struct l4_ds_stats a, struct l4_ds_stats b)
{
	return a.frames_used == b.frames_used &&
	       a.frames_taken == b.frames_taken &&
	       a.dataspaces == b.dataspaces && a.quota == b.quota &&
	       a.charged == b.charged;
}

/*
 * Map every page of the image of this very program at MOD_VA and compare:
 * its size is that of the file (the section headers end it, as ld writes
 * it) rounded up to pages, zeros after the end; each read-only segment's
 * bytes are those the root task loaded at its address.
 */
static bool image_is_this_program(l4_word_t img)
{
	const struct elf64_ehdr *h = (const struct elf64_ehdr *)MOD_VA;
	l4_word_t size = 0, end;

	if (l4_ds_size(mem, img, &size) != L4_NAMES_OK || size % PAGE)
		return false;
	for (l4_word_t off = 0; off < size; off += PAGE)
		if (l4_ds_map(mem, img, off, L4_FPAGE_R, MOD_VA + off) !=
		    L4_NAMES_OK)
			return false;
	if (h->ident[0] != 0x7f || h->ident[1] != 'E' || h->ident[2] != 'L')
		return false;
	end = h->shoff + (l4_word_t)h->shnum * h->shentsize;
	if ((end + PAGE - 1) / PAGE * PAGE != size)
		return false;
	for (l4_word_t i = end; i < size; i++)
		if (((const uint8_t *)MOD_VA)[i])
			return false;
	for (unsigned n = 0; n < h->phnum; n++) {
		const struct elf64_phdr *p =
			(const struct elf64_phdr *)(MOD_VA + h->phoff) + n;
		const uint8_t *file = (const uint8_t *)(MOD_VA + p->offset);
		const uint8_t *loaded = (const uint8_t *)p->vaddr;

		if (p->type != 1 || (p->flags & 2)) /* PT_LOAD, not PF_W */
			continue;
		for (l4_word_t i = 0; i < p->filesz; i++)
			if (file[i] != loaded[i])
				return false;
	}
	return true;
}

/* A request @label with @u words, MR1 @w1 and MR2-MR4 @rest. */
static int raw(l4_word_t label, unsigned u, l4_word_t w1, l4_word_t rest)
{
	l4_word_t w[5] = { w1, rest, rest, rest, rest };

	return l4_request(mem, label, u, w, NULL);
}

static void module_cases(void)
{
	l4_word_t img = 99, copy = 99;

	CASE("module_dataspace_is_the_modules_bytes",
	     l4_ds_open_module(mem, "serverstest", &img) == L4_NAMES_OK &&
		     image_is_this_program(img));
	/* The first segment: its first word, at its file offset. */
	const struct elf64_phdr *p0 =
		(const struct elf64_phdr *)(MOD_VA +
					    ((const struct elf64_ehdr *)MOD_VA)
						    ->phoff);
	l4_word_t off0 = p0->offset & ~(PAGE - 1);

	CASE("module_dataspace_refuses_write_and_allows_execute",
	     l4_ds_map(mem, img, 0, L4_FPAGE_RW, MOD_VA) == L4_NAMES_EINVAL &&
		     l4_ds_map(mem, img, off0, L4_FPAGE_W, MOD_VA + off0) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(mem, img, off0, L4_FPAGE_RX, MOD_VA + off0) ==
			     L4_NAMES_OK &&
		     at(MOD_VA + p0->offset)[0] ==
			     *(const l4_word_t *)p0->vaddr);
	CASE("module_of_no_such_name_or_not_handed_out_is_no_entry",
	     l4_ds_open_module(mem, "nosuchmodule", &img) == L4_NAMES_ENOENT &&
		     l4_ds_open_module(mem, "sigma0", &img) ==
			     L4_NAMES_ENOENT &&
		     l4_ds_open_module(mem, "roottask", &img) ==
			     L4_NAMES_ENOENT);
	/* "a", then a byte after the NUL */
	CASE("module_of_a_bad_name_is_invalid",
	     raw(L4_DS_OPEN_MODULE, 4, 0x61, 0x62) == L4_NAMES_EINVAL);
	CASE("copy_of_a_module_is_writable_and_leaves_the_image_alone",
	     l4_ds_copy(mem, img, &copy) == L4_NAMES_OK &&
		     l4_ds_map(mem, copy, 0, L4_FPAGE_RW, COW_VA) ==
			     L4_NAMES_OK &&
		     at(COW_VA)[0] == at(MOD_VA)[0] &&
		     ((at(COW_VA)[0] = 0x5555), at(MOD_VA)[0] != 0x5555) &&
		     l4_ds_close(mem, copy) == L4_NAMES_OK &&
		     l4_ds_close(mem, img) == L4_NAMES_OK);
}

/* Fill page @i of the anonymous dataspace @d (mapped RW at @va) with @v. */
static bool write_page(l4_word_t d, l4_word_t i, l4_word_t va, l4_word_t v)
{
	if (l4_ds_map(mem, d, i * PAGE, L4_FPAGE_RW, va) != L4_NAMES_OK)
		return false;
	for (l4_word_t k = 0; k < PAGE / 8; k++)
		at(va)[k] = v;
	return true;
}

static bool page_is(l4_word_t va, l4_word_t v)
{
	for (l4_word_t k = 0; k < PAGE / 8; k++)
		if (at(va)[k] != v)
			return false;
	return true;
}

static void copy_cases(void)
{
	l4_word_t src = 99, cp = 99, cp2 = 99, size = 0;
	l4_word_t s0 = COW_VA, s1 = COW_VA + PAGE, c0 = COW_VA + 2 * PAGE;
	l4_word_t c1 = COW_VA + 3 * PAGE, c2 = COW_VA + 4 * PAGE;
	struct l4_ds_stats before, after;

	CASE("zero_fill_reads_zeros_before_any_write",
	     l4_ds_open(mem, 3 * PAGE, &src) == L4_NAMES_OK &&
		     l4_ds_map(mem, src, 2 * PAGE, L4_FPAGE_R, c2) ==
			     L4_NAMES_OK &&
		     page_is(c2, 0));
	before = stats();
	CASE("copy_shares_the_sources_contents_and_costs_nothing",
	     write_page(src, 0, s0, 0xa0) && write_page(src, 1, s1, 0xa1) &&
		     (before = stats(), true) &&
		     l4_ds_copy(mem, src, &cp) == L4_NAMES_OK &&
		     l4_ds_size(mem, cp, &size) == L4_NAMES_OK &&
		     size == 3 * PAGE &&
		     l4_ds_map(mem, cp, 0, L4_FPAGE_R, c0) == L4_NAMES_OK &&
		     page_is(c0, 0xa0) &&
		     (after = stats(),
		      after.frames_used == before.frames_used &&
			      after.charged == before.charged));
	before = stats();
	CASE("write_to_the_copy_does_not_show_in_the_source",
	     write_page(cp, 0, c0, 0xc0) && page_is(s0, 0xa0) &&
		     (after = stats(),
		      after.frames_used == before.frames_used + 1 &&
			      after.charged == before.charged + 1));
	CASE("write_to_the_source_after_the_copy_does_not_show_in_it",
	     write_page(src, 1, s1, 0xb1) &&
		     l4_ds_map(mem, cp, PAGE, L4_FPAGE_R, c1) == L4_NAMES_OK &&
		     page_is(c1, 0xa1) && page_is(s1, 0xb1));
	CASE("copy_of_an_untouched_page_is_zeros_and_private_when_written",
	     l4_ds_copy(mem, src, &cp2) == L4_NAMES_OK &&
		     l4_ds_map(mem, cp2, 2 * PAGE, L4_FPAGE_R, c2) ==
			     L4_NAMES_OK &&
		     page_is(c2, 0) && write_page(cp2, 2, c2, 0xd2) &&
		     l4_ds_map(mem, src, 2 * PAGE, L4_FPAGE_R, s1) ==
			     L4_NAMES_OK &&
		     page_is(s1, 0));
	before = stats();
	CASE("closing_the_source_leaves_its_copies_their_pages",
	     l4_ds_close(mem, src) == L4_NAMES_OK &&
		     l4_ds_map(mem, cp2, 0, L4_FPAGE_R, c1) == L4_NAMES_OK &&
		     page_is(c1, 0xa0) && page_is(c0, 0xc0) &&
		     (after = stats(),
		      after.charged == before.charged - 3 &&
			      after.dataspaces == before.dataspaces - 1));
	CASE("closing_the_copies_gives_their_frames_back",
	     l4_ds_close(mem, cp) == L4_NAMES_OK &&
		     l4_ds_close(mem, cp2) == L4_NAMES_OK &&
		     (after = stats(),
		      after.frames_used + 5 == before.frames_used &&
			      after.charged + 5 == before.charged));
}

static void quota_cases(void)
{
	struct l4_ds_stats s = stats(), before;
	l4_word_t big = 99, small = 99, cp = 99, room;

	CASE("quota_is_the_one_the_command_line_sets",
	     s.quota == SERVERSTEST_QUOTA);
	room = s.quota - s.charged;
	CASE("dataspace_of_the_whole_quota_opens_one_page_more_does_not",
	     l4_ds_open(mem, (room + 1) * PAGE, &big) == L4_NAMES_EFULL &&
		     l4_ds_open(mem, room * PAGE, &big) == L4_NAMES_OK &&
		     l4_ds_close(mem, big) == L4_NAMES_OK);
	before = stats();
	CASE("copy_writes_past_the_quota_are_refused_and_change_nothing",
	     l4_ds_open(mem, 2 * PAGE, &small) == L4_NAMES_OK &&
		     write_page(small, 0, COW_VA, 1) &&
		     write_page(small, 1, COW_VA + PAGE, 2) &&
		     l4_ds_open(mem, (room - 3) * PAGE, &big) == L4_NAMES_OK &&
		     l4_ds_copy(mem, small, &cp) == L4_NAMES_OK &&
		     write_page(cp, 0, COW_VA + 2 * PAGE, 3) &&
		     (before = stats(), before.charged == before.quota) &&
		     l4_ds_map(mem, cp, PAGE, L4_FPAGE_RW, COW_VA + 3 * PAGE) ==
			     L4_NAMES_EFULL &&
		     same_stats(stats(), before) &&
		     l4_ds_map(mem, cp, PAGE, L4_FPAGE_R, COW_VA + 3 * PAGE) ==
			     L4_NAMES_OK &&
		     page_is(COW_VA + 3 * PAGE, 2));
	l4_ds_close(mem, cp);
	l4_ds_close(mem, big);
	l4_ds_close(mem, small);
}

/* One of memvictim's dataspaces, found by trying every number that is
 * not ours; true if there is none or every request on them fails. */
static bool foreign_ones_are_no_entry(void)
{
	l4_word_t size, n;

	for (l4_word_t d = 0; d < 64; d++)
		if (l4_ds_size(mem, d, &size) != L4_NAMES_ENOENT ||
		    l4_ds_map(mem, d, 0, L4_FPAGE_R, COW_VA) !=
			    L4_NAMES_ENOENT ||
		    l4_ds_copy(mem, d, &n) != L4_NAMES_ENOENT ||
		    l4_ds_close(mem, d) != L4_NAMES_ENOENT)
			return false;
	return true;
}

static void bad_input_cases(void)
{
	struct l4_ds_stats before = stats();
	l4_word_t d = 99, n;

	CASE("requests_on_others_dataspaces_are_no_entry_and_change_nothing",
	     foreign_ones_are_no_entry() && same_stats(stats(), before));
	CASE("bad_offsets_rights_and_requests_are_invalid_and_change_nothing",
	     l4_ds_open(mem, PAGE, &d) == L4_NAMES_OK &&
		     (before = stats(), true) &&
		     l4_ds_map(mem, d, PAGE, L4_FPAGE_R, COW_VA) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, ~0ul & ~(PAGE - 1), L4_FPAGE_R,
			       COW_VA) == L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 8, L4_FPAGE_R, COW_VA) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 0, 0, COW_VA) == L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 0, 8 | L4_FPAGE_R, COW_VA) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_open(mem, (L4_DS_PAGES_MAX + 1) * PAGE, &n) ==
			     L4_NAMES_EFULL &&
		     raw(L4_DS_COPY, 2, d, 0) == L4_NAMES_EINVAL &&
		     raw(L4_DS_STATS, 1, 0, 0) == L4_NAMES_EINVAL &&
		     raw(0x74fe, 1, d, 0) == L4_NAMES_EINVAL &&
		     same_stats(stats(), before) &&
		     l4_ds_close(mem, d) == L4_NAMES_OK);
}

/* Kill program @name through the root task (its pager), with @flags. */
static int kill(const char *name, l4_word_t flags)
{
	l4_word_t w[L4_NAME_WORDS + 1];

	if (!l4_name_pack(name, w))
		return L4_NAMES_EINVAL;
	w[L4_NAME_WORDS] = flags;
	return l4_request(l4_threadid(l4_utcb()[L4_UTCB_PAGER]), L4_ROOT_KILL,
			  L4_NAME_WORDS + (flags ? 1 : 0), w, NULL);
}

/* Wait (a second at most) until both victims hold their dataspaces. */
static bool victims_ready(l4_word_t mine)
{
	uint64_t end = l4_system_clock() + 1000000;

	while (stats().dataspaces < mine + 2 * VICTIM_DS &&
	       l4_system_clock() < end)
		l4_thread_switch(L4_NILTHREAD);
	return stats().dataspaces == mine + 2 * VICTIM_DS;
}

static void death_cases(void)
{
	struct l4_ds_stats before, after;
	l4_threadid_t id, names = L4_NILTHREAD;
	l4_word_t d[64], opened = 0, one = 99, gone = 0;

	CASE("victims_hold_their_memory", victims_ready(0));
	before = stats();
	CASE("kill_of_no_such_program_self_or_bad_flags_is_refused",
	     kill("nosuchprogram", 0) == L4_NAMES_ENOENT &&
		     kill("serverstest", 0) == L4_NAMES_EINVAL &&
		     kill("victim1", 2) == L4_NAMES_EINVAL &&
		     same_stats(stats(), before));
	CASE("victims_are_registered_by_name", ({
		     uint64_t end = l4_system_clock() + 2000000;
		     int st = l4_root_lookup("names", &names);

		     while (st == L4_NAMES_OK &&
			    (st = l4_names_lookup(names, "victim1", &id)) ==
				    L4_NAMES_ENOENT &&
			    l4_system_clock() < end)
			     l4_thread_switch(L4_NILTHREAD);
		     st == L4_NAMES_OK;
	     }));
	CASE("killed_clients_memory_comes_back",
	     kill("victim1", 0) == L4_NAMES_OK &&
		     (after = stats(),
		      after.frames_used + VICTIM_FRAMES == before.frames_used &&
			      after.dataspaces + VICTIM_DS ==
				      before.dataspaces) &&
		     l4_root_lookup("victim1", &id) == L4_NAMES_ENOENT &&
		     kill("victim1", 0) == L4_NAMES_ENOENT);
	/* The root task told the name server too; ask once more, as the
	 * notice finds it waiting or not. */
	l4_request(names, L4_DS_SWEEP, 0, NULL, &gone);
	CASE("a_killed_programs_name_is_gone",
	     l4_names_lookup(names, "victim1", &id) == L4_NAMES_ENOENT &&
		     l4_names_lookup(names, "victim2", &id) == L4_NAMES_OK);
	CASE("killed_clients_frames_are_reused",
	     l4_ds_open(mem, VICTIM_FRAMES * PAGE, &one) == L4_NAMES_OK &&
		     write_page(one, 0, COW_VA, 1) &&
		     write_page(one, 1, COW_VA + PAGE, 1) &&
		     write_page(one, 2, COW_VA + 2 * PAGE, 1) &&
		     write_page(one, 3, COW_VA + 3 * PAGE, 1) &&
		     write_page(one, 4, COW_VA + 4 * PAGE, 1) &&
		     stats().frames_taken == before.frames_taken &&
		     l4_ds_close(mem, one) == L4_NAMES_OK);
	before = stats();
	CASE("quiet_kill_leaves_the_memory_server_unaware",
	     kill("victim2", L4_ROOT_KILL_QUIET) == L4_NAMES_OK &&
		     same_stats(stats(), before));
	while (opened < 64 && l4_ds_open(mem, PAGE, &d[opened]) == L4_NAMES_OK)
		opened++;
	after = stats();
	CASE("full_table_finds_the_dead_and_takes_their_memory_back",
	     opened < 64 &&
		     after.dataspaces + VICTIM_DS ==
			     before.dataspaces + opened &&
		     after.frames_used + VICTIM_FRAMES == before.frames_used);
	while (opened)
		l4_ds_close(mem, d[--opened]);
	CASE("sweep_finds_nobody_dead_now",
	     l4_ds_sweep(mem, &one) == L4_NAMES_OK && one == 0 &&
		     stats().dataspaces == 0);
}

void memory_tests(l4_threadid_t server)
{
	mem = server;
	module_cases();
	copy_cases();
	quota_cases();
	bad_input_cases();
	death_cases();
}
