// SPDX-License-Identifier: BSD-2-Clause
/*
 * swaptest: the swapping pager (<l4/swapper.h>) from ordinary programs
 * that the root task loaded: every request and status of the dataspace
 * protocol, and pages that survive eviction bit for bit. One TEST line per
 * case and a SUMMARY, which scripts/boot-test --tests reads (image
 * "swap-test").
 *
 * The image loads this program twice. As "swaptest" it runs the cases; as
 * "swapneighbour" it is a second client, whose dataspace the first must
 * not reach and whose page must survive the first one's evictions.
 */
#include <l4/dataspace.h>
#include <l4/fpage.h>
#include <l4/names.h>
#include <l4/printf.h>
#include <l4/swapper.h>
#include <l4/syscalls.h>

#define PAGE 4096ul
#define WORDS (PAGE / 8)
#define DS_VA 0x50000000ul    /* the small cases' pages */
#define SWAP_VA 0x60000000ul  /* the eviction cases' pages, one each */
#define NEIGH_VA 0x70000000ul /* the neighbour's page */

/* The neighbour's requests (labels of this test only). */
#define NEIGH_WHICH 0x7f01 /* -> OK with MR1 its dataspace */
#define NEIGH_CHECK 0x7f02 /* -> OK if its page still holds its pattern */

static unsigned passed, failed;
static l4_threadid_t swapper;

static void report(const char *name, bool ok, int line)
{
	if (ok) {
		passed++;
		l4_printf("TEST %s: PASS\n", name);
	} else {
		failed++;
		l4_printf("TEST %s: FAIL (main.c:%d)\n", name, line);
	}
}

#define CASE(name, expr) report(name, (expr), __LINE__)

/* The thread running program @name, asked until the root task knows it. */
static l4_threadid_t find(const char *name)
{
	l4_threadid_t id = L4_NILTHREAD;

	while (l4_root_lookup(name, &id) != L4_NAMES_OK)
		l4_thread_switch(L4_NILTHREAD);
	return id;
}

/* A request @label with @u words, each @w, and no typed ones; its status. */
static int raw_request(l4_threadid_t to, l4_word_t label, unsigned u,
		       l4_word_t w)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
	for (unsigned i = 1; i <= u; i++)
		l4_set_mr(i, w);
	tag = l4_call(to);
	return l4_msgtag_is_error(tag) ? L4_NAMES_EIPC :
					 (int)l4_msgtag_label(tag);
}

/* Did this space use the page at @va since the last look (Unmap with
 * rights 0 reports the caller's mapping, and nothing if there is none)? */
static unsigned used_rights(l4_word_t va)
{
	l4_set_mr(0, l4_fpage(va, 12, 0).raw);
	l4_unmap(0);
	return (unsigned)(l4_mr(0) & 7);
}

/* Word @w of the pattern of page @i under @seed. */
static l4_word_t pattern(l4_word_t seed, l4_word_t i, l4_word_t w)
{
	return (seed << 48) ^ (i << 32) ^ (w * 0x9e3779b97f4a7c15ul);
}

static void fill(l4_word_t va, l4_word_t seed, l4_word_t i)
{
	for (l4_word_t w = 0; w < WORDS; w++)
		((volatile l4_word_t *)va)[w] = pattern(seed, i, w);
}

/* The words of the page at @va that differ from the pattern. */
static unsigned differing(l4_word_t va, l4_word_t seed, l4_word_t i)
{
	unsigned bad = 0;

	for (l4_word_t w = 0; w < WORDS; w++)
		bad += ((volatile l4_word_t *)va)[w] != pattern(seed, i, w);
	return bad;
}

static bool is_zero(l4_word_t va)
{
	for (l4_word_t w = 0; w < WORDS; w++)
		if (((volatile l4_word_t *)va)[w])
			return false;
	return true;
}

static struct l4_swap_stats stats_now(void)
{
	struct l4_swap_stats s = { 0 };

	l4_swap_stats(swapper, &s);
	return s;
}

/* The neighbour: a second client with a page of its own, which it checks
 * (mapping it again: it may have been evicted) when asked. */
static void neighbour_serve(l4_msgtag_t tag, l4_threadid_t from);
static l4_word_t neighbour_ds;

static _Noreturn void neighbour(void)
{
	swapper = find("swapper");
	if (l4_ds_open(swapper, PAGE, &neighbour_ds) != L4_NAMES_OK ||
	    l4_ds_map(swapper, neighbour_ds, 0, L4_FPAGE_RW, NEIGH_VA) !=
		    L4_NAMES_OK)
		l4_printf("swapneighbour: no page\n");
	else
		fill(NEIGH_VA, 7, 0);
	l4_server_loop(neighbour_serve);
}

static void neighbour_serve(l4_msgtag_t tag, l4_threadid_t from)
{
	bool ok = false;

	(void)from;
	if (l4_msgtag_label(tag) == NEIGH_WHICH) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 1, 0).raw);
		l4_set_mr(1, neighbour_ds);
		return;
	}
	if (l4_msgtag_label(tag) == NEIGH_CHECK)
		ok = l4_ds_map(swapper, neighbour_ds, 0, L4_FPAGE_R,
			       NEIGH_VA) == L4_NAMES_OK &&
		     differing(NEIGH_VA, 7, 0) == 0;
	l4_set_mr(0,
		  l4_msgtag_make(ok ? L4_NAMES_OK : L4_NAMES_EINVAL, 0, 0).raw);
}

/* Open, size, map, and the statuses of bad requests. */
static void protocol_cases(void)
{
	l4_word_t d = 99, size = 0, x;
	volatile l4_word_t *p0 = (volatile l4_word_t *)DS_VA,
			   *alias = (volatile l4_word_t *)(DS_VA + 0x2000);
	struct l4_swap_stats before;

	CASE("dataspace_opens_with_its_size",
	     l4_ds_open(swapper, 3 * PAGE, &d) == L4_NAMES_OK &&
		     l4_ds_size(swapper, d, &size) == L4_NAMES_OK &&
		     size == 3 * PAGE);
	CASE("fresh_page_maps_zero_filled_and_writable",
	     l4_ds_map(swapper, d, 0, L4_FPAGE_RW, DS_VA) == L4_NAMES_OK &&
		     l4_ds_map(swapper, d, PAGE, L4_FPAGE_RW, DS_VA + PAGE) ==
			     L4_NAMES_OK &&
		     is_zero(DS_VA) && is_zero(DS_VA + PAGE) &&
		     ((p0[7] = 0x1234), p0[7] == 0x1234));
	CASE("page_mapped_twice_is_shared",
	     l4_ds_map(swapper, d, 0, L4_FPAGE_R, DS_VA + 0x2000) ==
			     L4_NAMES_OK &&
		     alias[7] == 0x1234);
	before = stats_now();
	CASE("bad_sizes_are_invalid",
	     l4_ds_open(swapper, 0, &x) == L4_NAMES_EINVAL &&
		     l4_ds_open(swapper, 100, &x) == L4_NAMES_EINVAL &&
		     l4_ds_open(swapper, PAGE + 8, &x) == L4_NAMES_EINVAL);
	CASE("bad_offsets_are_invalid",
	     l4_ds_map(swapper, d, 3 * PAGE, L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(swapper, d, 12, L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(swapper, d, ~0ul & ~(PAGE - 1), L4_FPAGE_R,
			       DS_VA + 0x3000) == L4_NAMES_EINVAL);
	CASE("bad_rights_are_invalid",
	     l4_ds_map(swapper, d, 0, 0, DS_VA + 0x3000) == L4_NAMES_EINVAL &&
		     l4_ds_map(swapper, d, 0, 8 | L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL);
	CASE("unknown_dataspace_is_no_entry",
	     l4_ds_size(swapper, 31, &x) == L4_NAMES_ENOENT &&
		     l4_ds_map(swapper, 999, 0, L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_ENOENT &&
		     l4_ds_close(swapper, 999) == L4_NAMES_ENOENT);
	CASE("malformed_requests_are_invalid",
	     raw_request(swapper, L4_DS_MAP, 1, d) == L4_NAMES_EINVAL &&
		     raw_request(swapper, L4_DS_SIZE, 2, d) ==
			     L4_NAMES_EINVAL &&
		     raw_request(swapper, L4_SWAP_STATS, 1, 0) ==
			     L4_NAMES_EINVAL &&
		     raw_request(swapper, 0x7499, 1, d) == L4_NAMES_EINVAL);
	CASE("bad_requests_change_nothing", ({
		     struct l4_swap_stats now = stats_now();

		     now.resident == before.resident &&now.evictions ==
			     before.evictions &&l4_ds_size(swapper, d, &size) ==
			     L4_NAMES_OK &&size == 3 * PAGE &&p0[7] == 0x1234;
	     }));
	CASE("dataspace_close_flushes_its_pages_from_the_client",
	     used_rights(DS_VA) != 0 &&
		     l4_ds_close(swapper, d) == L4_NAMES_OK &&
		     used_rights(DS_VA) == 0 &&
		     used_rights(DS_VA + PAGE) == 0 &&
		     used_rights(DS_VA + 0x2000) == 0);
	CASE("closed_dataspace_is_no_entry",
	     l4_ds_map(swapper, d, 0, L4_FPAGE_R, DS_VA) == L4_NAMES_ENOENT &&
		     l4_ds_size(swapper, d, &size) == L4_NAMES_ENOENT &&
		     l4_ds_close(swapper, d) == L4_NAMES_ENOENT);
}

/* The quota of pages and of dataspaces; a refusal changes nothing. */
static void quota_cases(void)
{
	l4_word_t d[L4_SWAP_DS + 1], x;
	unsigned n = 0;
	bool ok = true;

	CASE("dataspace_over_the_page_quota_is_full",
	     l4_ds_open(swapper, (L4_SWAP_QUOTA + 1) * PAGE, &x) ==
			     L4_NAMES_EFULL &&
		     l4_ds_open(swapper, L4_SWAP_QUOTA * PAGE, &d[0]) ==
			     L4_NAMES_OK &&
		     l4_ds_open(swapper, PAGE, &x) == L4_NAMES_EFULL &&
		     l4_ds_close(swapper, d[0]) == L4_NAMES_OK);
	while (n < L4_SWAP_DS &&
	       l4_ds_open(swapper, PAGE, &d[n]) == L4_NAMES_OK)
		n++;
	CASE("dataspaces_over_their_quota_are_full",
	     n == L4_SWAP_DS &&
		     l4_ds_open(swapper, PAGE, &x) == L4_NAMES_EFULL);
	while (n)
		ok &= l4_ds_close(swapper, d[--n]) == L4_NAMES_OK;
	CASE("closing_gives_the_quota_back",
	     ok &&
		     l4_ds_open(swapper, L4_SWAP_QUOTA * PAGE, &d[0]) ==
			     L4_NAMES_OK &&
		     l4_ds_close(swapper, d[0]) == L4_NAMES_OK);
}

/* Another client's dataspace is out of reach, and stays as it was. */
static void neighbour_cases(l4_threadid_t nb)
{
	l4_word_t nd = 0, x;

	CASE("neighbour_tells_its_dataspace",
	     raw_request(nb, NEIGH_WHICH, 0, 0) == L4_NAMES_OK &&
		     ((nd = l4_mr(1)), true));
	CASE("another_clients_dataspace_is_no_entry",
	     l4_ds_size(swapper, nd, &x) == L4_NAMES_ENOENT &&
		     l4_ds_map(swapper, nd, 0, L4_FPAGE_R, DS_VA) ==
			     L4_NAMES_ENOENT &&
		     l4_ds_close(swapper, nd) == L4_NAMES_ENOENT);
	CASE("another_clients_page_is_untouched",
	     raw_request(nb, NEIGH_CHECK, 0, 0) == L4_NAMES_OK);
}

/* Map page @i of @d writable at its own place and fill it. */
static bool write_page(l4_word_t d, l4_word_t i, l4_word_t seed)
{
	l4_word_t va = SWAP_VA + i * PAGE;

	if (l4_ds_map(swapper, d, i * PAGE, L4_FPAGE_RW, va) != L4_NAMES_OK)
		return false;
	fill(va, seed, i);
	return true;
}

/* Map page @i of @d at its own place with @rights; the words that differ
 * from the pattern (all of them if it cannot be mapped). */
static unsigned check_page(l4_word_t d, l4_word_t i, l4_word_t seed,
			   unsigned rights)
{
	l4_word_t va = SWAP_VA + i * PAGE;

	if (l4_ds_map(swapper, d, i * PAGE, rights, va) != L4_NAMES_OK)
		return WORDS;
	return differing(va, seed, i);
}

/* Map page @i of @d read-only at its own place: is it all zeros? */
static bool zero_page(l4_word_t d, l4_word_t i)
{
	l4_word_t va = SWAP_VA + i * PAGE;

	return l4_ds_map(swapper, d, i * PAGE, L4_FPAGE_R, va) == L4_NAMES_OK &&
	       is_zero(va);
}

/*
 * A page of this program's own image: where the root task, its pager, maps
 * a zero-filled frame of its own if nothing else is mapped there. Mapped
 * over with a dataspace page, it shows whether that page is still there
 * without the risk of a fault nobody answers: once the swapper takes its
 * page away, a read finds the root task's zeros instead.
 */
static uint8_t probe[PAGE] __attribute__((aligned(4096)));

/*
 * The clock's second chance: page 0 of @d (holding pattern @seed), read
 * between the maps of the other @n - 1 pages, keeps its frame through
 * their evictions, since the swapper sees the reads in the accessed bits.
 * Returns the evictions seen, or 0 if page 0 lost its frame.
 */
static l4_word_t second_chance(l4_word_t d, l4_word_t n, l4_word_t seed)
{
	volatile l4_word_t *p = (volatile l4_word_t *)probe;
	l4_word_t before = stats_now().evictions;

	if (l4_ds_map(swapper, d, 0, L4_FPAGE_R, (l4_word_t)probe) !=
	    L4_NAMES_OK)
		return 0;
	for (l4_word_t i = 1; i < n; i++) {
		if (p[1] != pattern(seed, 0, 1))
			return 0;
		if (l4_ds_map(swapper, d, i * PAGE, L4_FPAGE_R,
			      SWAP_VA + i * PAGE) != L4_NAMES_OK)
			return 0;
	}
	return p[1] == pattern(seed, 0, 1) ? stats_now().evictions - before : 0;
}

/* More pages than frames: each written, evicted, read back. */
static void eviction_cases(unsigned frames)
{
	l4_word_t n = 4ul * frames, d = 0, bad = 0, e;
	struct l4_swap_stats s0, s1, s2;
	bool ok = true;

	if (n > L4_SWAP_QUOTA)
		n = L4_SWAP_QUOTA;
	s0 = stats_now();
	CASE("four_times_the_budget_opens",
	     l4_ds_open(swapper, n * PAGE, &d) == L4_NAMES_OK);
	for (l4_word_t i = 0; i < n; i++)
		ok &= write_page(d, i, 1);
	s1 = stats_now();
	CASE("writing_more_pages_than_frames_evicts",
	     ok && s1.evictions - s0.evictions >= n - frames &&
		     s1.resident <= frames);
	CASE("an_evicted_page_is_gone_from_the_client",
	     used_rights(SWAP_VA) == 0);
	for (l4_word_t i = 0; i < n; i++)
		bad += check_page(d, i, 1, L4_FPAGE_R);
	s2 = stats_now();
	l4_printf("swaptest: %lu pages in %lu frames: %lu evictions, %lu "
		  "reloads, %lu blocks written, %lu words wrong\n",
		  n, s2.frames, s2.evictions - s0.evictions,
		  s2.reloads - s0.reloads, s2.writes - s0.writes, bad);
	CASE("every_page_reads_back_bit_for_bit_after_eviction",
	     bad == 0 && s2.reloads - s1.reloads >= n - frames);
	CASE("clean_pages_are_not_written_again",
	     s2.writes - s1.writes <= frames);
	s1 = stats_now();
	CASE("remapped_page_keeps_its_new_data",
	     write_page(d, 0, 2) && ({
		     for (l4_word_t i = 1; i < n; i++)
			     ok &= check_page(d, i, 1, L4_FPAGE_R) == 0;
		     ok;
	     }) && stats_now().evictions > s1.evictions &&
		     used_rights(SWAP_VA) == 0 &&
		     check_page(d, 0, 2, L4_FPAGE_RW) == 0);
	/* Meaningful with two turns of the hand at least (4 * frames pages
	 * give three, unless the quota cut them). */
	e = second_chance(d, n, 2);
	CASE("second_chance_keeps_a_page_in_use",
	     e > 0 && (e >= 2ul * frames || n < 4ul * frames));
	s1 = stats_now();
	CASE("close_frees_frames_and_blocks",
	     l4_ds_close(swapper, d) == L4_NAMES_OK &&
		     stats_now().resident < s1.resident &&
		     l4_ds_map(swapper, d, 0, L4_FPAGE_R, SWAP_VA) ==
			     L4_NAMES_ENOENT);
	bad = 0;
	CASE("closed_frames_and_blocks_are_reused_zero_filled",
	     l4_ds_open(swapper, n * PAGE, &d) == L4_NAMES_OK && ({
		     for (l4_word_t i = 0; i < n; i++)
			     bad += !zero_page(d, i);
		     bad == 0;
	     }) && l4_ds_close(swapper, d) == L4_NAMES_OK);
}

/* The neighbour killed: its page (resident, it was just checked) comes
 * back to the swapper once it sweeps, which the root task asks for. */
static void death_cases(void)
{
	struct l4_swap_stats s0 = { 0 }, s1 = { 0 };
	l4_word_t dead = 0, again = 0;

	CASE("swapper_sweeps_nobody_while_all_live",
	     l4_request(swapper, L4_DS_SWEEP, 0, NULL, &dead) == L4_NAMES_OK &&
		     dead == 0 && l4_swap_stats(swapper, &s0) == L4_NAMES_OK);
	CASE("root_task_kills_the_neighbour",
	     l4_root_kill("swapneighbour") == L4_NAMES_OK);
	/* The root task's notice finds the swapper waiting or not; ask. */
	l4_request(swapper, L4_DS_SWEEP, 0, NULL, &dead);
	l4_request(swapper, L4_DS_SWEEP, 0, NULL, &again);
	CASE("a_dead_clients_frames_come_back",
	     l4_swap_stats(swapper, &s1) == L4_NAMES_OK &&
		     s1.resident + 1 == s0.resident && again == 0);
}

int main(void)
{
	l4_threadid_t nb;
	struct l4_swap_stats s = { 0 };

	if (!l4_same_thread(find("swaptest"), l4_myself()))
		neighbour();
	swapper = find("swapper");
	nb = find("swapneighbour");
	/* The cases need four frames: a page mapped here must stay while
	 * the program touches it, and the neighbour has one too. */
	CASE("stats_tell_a_budget_of_four_frames_or_more",
	     l4_swap_stats(swapper, &s) == L4_NAMES_OK && s.frames >= 4 &&
		     s.frames <= L4_DS_QUOTA && s.resident <= s.frames);
	if (s.frames < 4) {
		l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
		return 1;
	}
	protocol_cases();
	quota_cases();
	neighbour_cases(nb);
	eviction_cases((unsigned)s.frames);
	CASE("neighbours_page_survived_the_evictions",
	     raw_request(nb, NEIGH_CHECK, 0, 0) == L4_NAMES_OK);
	death_cases();
	l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
	return 0;
}
