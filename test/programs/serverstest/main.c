// SPDX-License-Identifier: BSD-2-Clause
/*
 * serverstest: the servers' protocols from an ordinary program that the
 * root task loaded: the program lookup its pager (the root task) answers,
 * the name server (<l4/names.h>), the console (<l4/console.h>), the
 * backing store (<l4/blocks.h>) and the memory server
 * (<l4/dataspace.h>; the rest of its cases in memory.c), each request and
 * error. One TEST line per case and a SUMMARY, which scripts/boot-test
 * --tests reads (image "servers-test").
 */
#include <l4/blocks.h>
#include <l4/console.h>
#include <l4/dataspace.h>
#include <l4/fpage.h>
#include <l4/names.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

#include "serverstest.h"

static unsigned passed, failed;
static l4_threadid_t names;

void report(const char *name, bool ok, const char *file, int line)
{
	if (ok) {
		passed++;
		l4_printf("TEST %s: PASS\n", name);
	} else {
		failed++;
		l4_printf("TEST %s: FAIL (%s:%d)\n", name, file, line);
	}
}

/* A request @label of @u words (each "a", or @mr1 in MR1) to @to. */
static int raw_request_to(l4_threadid_t to, l4_word_t label, unsigned u,
			  l4_word_t mr1)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(label, u, 0).raw);
	for (unsigned i = 1; i <= u; i++)
		l4_set_mr(i, i == 1 && mr1 ? mr1 : 0x61); /* "a" */
	tag = l4_call(to);
	return l4_msgtag_is_error(tag) ? L4_NAMES_EIPC :
					 (int)l4_msgtag_label(tag);
}

static int raw_request(l4_word_t label, unsigned u)
{
	return raw_request_to(names, label, u, 0);
}

/* The console server registers itself when it has its ports: ask the
 * name server until it has (a second at the most). */
static int lookup_console(l4_threadid_t *con)
{
	uint64_t end = l4_system_clock() + 1000000;
	int st;

	while ((st = l4_names_lookup(names, "console", con)) ==
		       L4_NAMES_ENOENT &&
	       l4_system_clock() < end)
		l4_thread_switch(L4_NILTHREAD);
	return st;
}

static uint8_t block[L4_BLOCK_SIZE] __attribute__((aligned(4096)));

static void fill_block(unsigned seed)
{
	for (unsigned i = 0; i < L4_BLOCK_SIZE; i++)
		block[i] = (uint8_t)(i * 13 + seed);
}

static bool block_is(unsigned seed)
{
	for (unsigned i = 0; i < L4_BLOCK_SIZE; i++)
		if (block[i] != (uint8_t)(i * 13 + seed))
			return false;
	return true;
}

static bool block_is_zero(void)
{
	for (unsigned i = 0; i < L4_BLOCK_SIZE; i++)
		if (block[i])
			return false;
	return true;
}

/* A write of block @n whose string is @len bytes long. */
static int short_write(l4_threadid_t blk, l4_word_t n, l4_word_t len)
{
	l4_msgtag_t tag;

	l4_set_mr(0, l4_msgtag_make(L4_BLOCK_WRITE, 1, 2).raw);
	l4_set_mr(1, n);
	l4_set_mr(2, l4_stringitem_word0(len, 1, false, false));
	l4_set_mr(3, (l4_word_t)block);
	tag = l4_call(blk);
	return l4_msgtag_is_error(tag) ? L4_NAMES_EIPC :
					 (int)l4_msgtag_label(tag);
}

/* Where serverstest maps dataspace pages: clear of its image and stack. */
#define DS_VA 0x50000000ul

/* Did this space use the page at @va since the last look (Unmap without
 * the flush bit reports the accessed rights of the caller's mapping, and
 * nothing if there is none)? */
static unsigned used_rights(l4_word_t va)
{
	l4_set_mr(0, l4_fpage(va, 12, 0).raw);
	l4_unmap(0);
	return (unsigned)(l4_mr(0) & 7);
}

static const char hello[] =
	"console: hello from serverstest through the console server\n";

int main(void)
{
	l4_threadid_t id = L4_NILTHREAD, me = l4_myself();
	l4_word_t w[L4_NAME_WORDS];
	char back[L4_NAME_MAX + 1];

	CASE("name_packs_and_unpacks_31_bytes",
	     l4_name_pack("abcdefghijklmnopqrstuvwxyz01234", w) &&
		     l4_name_unpack(w, back) && back[30] == '4' &&
		     back[31] == 0);
	CASE("name_of_32_bytes_or_none_does_not_pack",
	     !l4_name_pack("abcdefghijklmnopqrstuvwxyz012345", w) &&
		     !l4_name_pack("", w));
	w[0] = 0x61; /* "a", then a byte after the NUL */
	w[1] = 0;
	w[2] = 0x62;
	w[3] = 0;
	CASE("name_with_bytes_after_its_end_does_not_unpack",
	     !l4_name_unpack(w, back));

	CASE("root_lookup_finds_the_name_server",
	     l4_root_lookup("names", &names) == L4_NAMES_OK &&
		     !l4_is_nil_thread(names));
	CASE("root_lookup_finds_this_program",
	     l4_root_lookup("serverstest", &id) == L4_NAMES_OK &&
		     l4_same_thread(id, me));
	CASE("root_lookup_of_an_unknown_program_is_no_entry",
	     l4_root_lookup("nosuchprogram", &id) == L4_NAMES_ENOENT);
	if (l4_is_nil_thread(names)) {
		l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
		return 1;
	}

	CASE("register_then_lookup_gives_this_thread",
	     l4_names_register(names, "alpha") == L4_NAMES_OK &&
		     l4_names_lookup(names, "alpha", &id) == L4_NAMES_OK &&
		     l4_same_thread(id, me));
	CASE("registering_own_name_again_is_fine",
	     l4_names_register(names, "alpha") == L4_NAMES_OK);
	CASE("the_name_server_is_registered_as_names",
	     l4_names_lookup(names, "names", &id) == L4_NAMES_OK &&
		     l4_same_thread(id, names));
	CASE("registering_another_threads_name_is_taken",
	     l4_names_register(names, "names") == L4_NAMES_EEXIST);
	CASE("unregistering_another_threads_name_is_no_entry",
	     l4_names_unregister(names, "names") == L4_NAMES_ENOENT &&
		     l4_names_lookup(names, "names", &id) == L4_NAMES_OK);
	CASE("lookup_of_an_unknown_name_is_no_entry",
	     l4_names_lookup(names, "beta", &id) == L4_NAMES_ENOENT);
	CASE("unregister_of_an_unknown_name_is_no_entry",
	     l4_names_unregister(names, "beta") == L4_NAMES_ENOENT);
	CASE("unregister_then_lookup_is_no_entry",
	     l4_names_unregister(names, "alpha") == L4_NAMES_OK &&
		     l4_names_lookup(names, "alpha", &id) == L4_NAMES_ENOENT);
	CASE("request_with_three_words_is_invalid",
	     raw_request(L4_NAMES_LOOKUP, 3) == L4_NAMES_EINVAL);
	CASE("request_with_an_unknown_label_is_invalid",
	     raw_request(0x7199, 4) == L4_NAMES_EINVAL);
	CASE("a_full_table_refuses_more", ({
		     int st = L4_NAMES_OK;
		     unsigned n = 0;
		     char nm[8] = { 'n', '0', '0', 0 };

		     while (st == L4_NAMES_OK && n < 200) {
			     nm[1] = (char)('0' + n / 10 % 10);
			     nm[2] = (char)('0' + n % 10);
			     nm[3] = (char)('a' + n / 100);
			     st = l4_names_register(names, nm);
			     n++;
		     }
		     /* Room again for the others (memvictim registers). */
		     for (unsigned k = 0; k + 1 < n; k++) {
			     nm[1] = (char)('0' + k / 10 % 10);
			     nm[2] = (char)('0' + k % 10);
			     nm[3] = (char)('a' + k / 100);
			     l4_names_unregister(names, nm);
		     }
		     st == L4_NAMES_EFULL &&n > 1;
	     }));

	l4_threadid_t con = L4_NILTHREAD;

	CASE("console_is_registered_with_the_name_server",
	     lookup_console(&con) == L4_NAMES_OK);
	CASE("console_prints_a_line",
	     l4_console_write(con, hello, sizeof(hello) - 1) == L4_NAMES_OK);
	CASE("console_write_with_a_wrong_length_is_invalid",
	     raw_request_to(con, L4_CONSOLE_WRITE, 2, 100) == L4_NAMES_EINVAL);
	CASE("console_write_of_nothing_is_invalid",
	     raw_request_to(con, L4_CONSOLE_WRITE, 1, 0) == L4_NAMES_EINVAL);
	CASE("console_request_with_an_unknown_label_is_invalid",
	     raw_request_to(con, 0x7299, 2, 1) == L4_NAMES_EINVAL);

	l4_threadid_t blk = L4_NILTHREAD;

	CASE("blocks_found_by_program_lookup",
	     l4_root_lookup("blocks", &blk) == L4_NAMES_OK);
	fill_block(3);
	CASE("block_write_succeeds", l4_block_write(blk, 3, block) == 0);
	fill_block(99);
	CASE("block_reads_back_bit_for_bit",
	     l4_block_read(blk, 3, block) == L4_NAMES_OK && block_is(3));
	fill_block(7);
	CASE("block_never_written_reads_as_zeros",
	     l4_block_read(blk, 200, block) == L4_NAMES_OK && block_is_zero());
	CASE("block_number_out_of_range_is_invalid",
	     l4_block_write(blk, L4_BLOCKS, block) == L4_NAMES_EINVAL &&
		     l4_block_read(blk, 999, block) == L4_NAMES_EINVAL);
	fill_block(5);
	CASE("block_write_of_a_short_string_is_invalid_and_changes_nothing",
	     short_write(blk, 3, 100) == L4_NAMES_EINVAL &&
		     l4_block_read(blk, 3, block) == L4_NAMES_OK &&
		     block_is(3));

	l4_threadid_t mem = L4_NILTHREAD;
	l4_word_t d = 99, size = 0;
	volatile l4_word_t *p0 = (volatile l4_word_t *)DS_VA,
			   *p1 = (volatile l4_word_t *)(DS_VA + 0x1000),
			   *alias = (volatile l4_word_t *)(DS_VA + 0x2000);

	CASE("memory_server_found_by_program_lookup",
	     l4_root_lookup("memory", &mem) == L4_NAMES_OK);
	CASE("dataspace_opens_with_its_size",
	     l4_ds_open(mem, 3 * 4096, &d) == L4_NAMES_OK &&
		     l4_ds_size(mem, d, &size) == L4_NAMES_OK &&
		     size == 3 * 4096);
	CASE("dataspace_page_maps_zero_filled_and_writable",
	     l4_ds_map(mem, d, 0, L4_FPAGE_RW, DS_VA) == L4_NAMES_OK &&
		     l4_ds_map(mem, d, 4096, L4_FPAGE_RW, DS_VA + 0x1000) ==
			     L4_NAMES_OK &&
		     p0[0] == 0 && p1[511] == 0 &&
		     ((p0[7] = 0x1234), p0[7] == 0x1234));
	CASE("dataspace_page_mapped_twice_is_shared",
	     l4_ds_map(mem, d, 0, L4_FPAGE_R, DS_VA + 0x2000) == L4_NAMES_OK &&
		     alias[7] == 0x1234);
	CASE("dataspace_requests_with_bad_arguments_are_invalid",
	     l4_ds_open(mem, 0, &size) == L4_NAMES_EINVAL &&
		     l4_ds_open(mem, 100, &size) == L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 3 * 4096, L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 12, L4_FPAGE_R, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL &&
		     l4_ds_map(mem, d, 0, 0, DS_VA + 0x3000) ==
			     L4_NAMES_EINVAL);
	CASE("dataspace_not_the_clients_is_no_entry",
	     l4_ds_size(mem, 31, &size) == L4_NAMES_ENOENT &&
		     l4_ds_close(mem, 999) == L4_NAMES_ENOENT);
	CASE("dataspace_over_the_quota_is_refused",
	     l4_ds_open(mem, SERVERSTEST_QUOTA * 4096ul, &size) ==
		     L4_NAMES_EFULL);
	CASE("dataspace_close_flushes_its_pages_from_the_client",
	     used_rights(DS_VA) != 0 && /* mapped and used */
		     (p0[0] = 1, l4_ds_close(mem, d) == L4_NAMES_OK) &&
		     used_rights(DS_VA) == 0 &&
		     used_rights(DS_VA + 0x2000) == 0 &&
		     l4_ds_size(mem, d, &size) == L4_NAMES_ENOENT);
	CASE("dataspace_closed_gives_its_quota_back",
	     l4_ds_open(mem, SERVERSTEST_QUOTA * 4096ul, &d) == L4_NAMES_OK &&
		     l4_ds_close(mem, d) == L4_NAMES_OK);
	memory_tests(mem);
	l4_printf("SUMMARY: %u passed, %u failed\n", passed, failed);
	return 0;
}
