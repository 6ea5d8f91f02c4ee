// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the multiboot2 parser (arch/x86_64/multiboot2.c). Each
 * test builds a boot information block (MBI) byte by byte, as GRUB would,
 * and hands the parser a heap copy of exactly the bytes it may read, so
 * that AddressSanitizer catches any read past them. Ends with a run over
 * randomly corrupted MBIs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arch/multiboot2.h>

#include "check.h"

#define MBI_MAX 16384
#define MBI_PHYS 0x10000ull

#define TAG_END 0
#define TAG_CMDLINE 1
#define TAG_LOADER 2
#define TAG_MODULE 3
#define TAG_MEMINFO 4
#define TAG_MMAP 6

/* The MBI being built: total size and reserved word, then tags. */
static struct {
	_Alignas(8) uint8_t b[MBI_MAX];
	uint32_t len;
} mbi;

static struct boot_info bi;

/* A memory map entry as the test writes it. */
struct entry {
	uint64_t base, len;
	uint32_t type;
};

/* Store @v at offset @off of the MBI. */
static void put32(uint32_t off, uint32_t v)
{
	memcpy(mbi.b + off, &v, sizeof(v));
}

/* Append @n bytes at @p to the MBI. */
static void append(const void *p, size_t n)
{
	memcpy(mbi.b + mbi.len, p, n);
	mbi.len += (uint32_t)n;
}

/* Append a 32-bit and a 64-bit value. */
static void append32(uint32_t v)
{
	append(&v, sizeof(v));
}

static void append64(uint64_t v)
{
	append(&v, sizeof(v));
}

/* Start an empty MBI: just the fixed part. */
static void mbi_begin(void)
{
	memset(&mbi, 0, sizeof(mbi));
	mbi.len = 8;
}

/* Open a tag of @type; returns its offset, for tag_close(). */
static uint32_t tag_open(uint32_t type)
{
	uint32_t off = mbi.len;

	append32(type);
	append32(0);
	return off;
}

/* Close the tag at @off: store its size, pad to the next 8 bytes. */
static void tag_close(uint32_t off)
{
	put32(off + 4, mbi.len - off);
	mbi.len = (mbi.len + 7) & ~7u;
}

/* Append a tag holding the string @s (with its NUL). */
static uint32_t add_string(uint32_t type, const char *s)
{
	uint32_t off = tag_open(type);

	append(s, strlen(s) + 1);
	tag_close(off);
	return off;
}

/* Append a module tag. */
static uint32_t add_module(uint32_t start, uint32_t end, const char *cmdline)
{
	uint32_t off = tag_open(TAG_MODULE);

	append32(start);
	append32(end);
	append(cmdline, strlen(cmdline) + 1);
	tag_close(off);
	return off;
}

/* Append a memory map of @n entries of @esize bytes each. */
static uint32_t add_mmap_sized(const struct entry *e, unsigned n,
			       uint32_t esize)
{
	uint32_t off = tag_open(TAG_MMAP);

	append32(esize);
	append32(0); /* entry version */
	for (unsigned i = 0; i < n; i++) {
		uint32_t start = mbi.len;

		append64(e[i].base);
		append64(e[i].len);
		append32(e[i].type);
		append32(0);
		mbi.len = start + esize; /* bytes beyond 24 stay zero */
	}
	tag_close(off);
	return off;
}

/* Append a memory map with the standard entry size. */
static uint32_t add_mmap(const struct entry *e, unsigned n)
{
	return add_mmap_sized(e, n, 24);
}

/* Append a memory map with one available range. */
static void add_simple_mmap(void)
{
	static const struct entry e[] = { { 0x100000, 0x1000000, 1 } };

	add_mmap(e, 1);
}

/* Append the end tag and store the total size. */
static void mbi_end(void)
{
	uint32_t off = tag_open(TAG_END);

	tag_close(off);
	put32(0, mbi.len);
}

/* Parse the first @avail bytes of the MBI from an exact heap copy. */
static const char *parse_avail(size_t avail)
{
	uint8_t *copy = malloc(avail ? avail : 1);
	const char *err;

	memcpy(copy, mbi.b, avail);
	err = mb2_parse(copy, avail, MBI_PHYS, &bi);
	free(copy);
	return err;
}

/* Parse the whole MBI. */
static const char *parse(void)
{
	return parse_avail(mbi.len);
}

/* True if @err is an error message containing @words. */
static bool fails_with(const char *err, const char *words)
{
	if (err && strstr(err, words))
		return true;
	printf("  got \"%s\", wanted \"...%s...\"\n", err ? err : "(none)",
	       words);
	return false;
}

static const struct entry pc_map[] = {
	{ 0x0, 0x9fc00, BOOT_MEM_AVAILABLE },
	{ 0x9fc00, 0x400, BOOT_MEM_RESERVED },
	{ 0xf0000, 0x10000, BOOT_MEM_RESERVED },
	{ 0x100000, 0x7ee0000, BOOT_MEM_AVAILABLE },
	{ 0x7fe0000, 0x20000, BOOT_MEM_ACPI },
	{ 0xfffc0000, 0x40000, BOOT_MEM_RESERVED },
};

#define PC_MAP_N (sizeof(pc_map) / sizeof(pc_map[0]))

/* An MBI as GRUB makes it for a kernel with two modules. */
static void build_typical(void)
{
	uint32_t off;

	mbi_begin();
	add_string(TAG_CMDLINE, "ktest hz=100");
	add_string(TAG_LOADER, "GRUB 2.06");
	add_module(0x200000, 0x201000, "sigma0");
	add_module(0x300000, 0x340000, "roottask --verbose");
	off = tag_open(TAG_MEMINFO); /* not read by the kernel */
	append32(639);
	append32(130048);
	tag_close(off);
	add_mmap(pc_map, PC_MAP_N);
	mbi_end();
}

static void mb2_parse_reads_a_typical_boot_information(void)
{
	build_typical();
	CHECK(parse() == NULL);
	CHECK(strcmp(bi.cmdline, "ktest hz=100") == 0);
	CHECK(strcmp(bi.loader, "GRUB 2.06") == 0);
	CHECK(bi.info_start == MBI_PHYS);
	CHECK(bi.info_end == MBI_PHYS + mbi.len);
	CHECK(bi.nmodules == 2);
	CHECK(bi.modules[0].start == 0x200000 && bi.modules[0].end == 0x201000);
	CHECK(strcmp(bi.modules[0].cmdline, "sigma0") == 0);
	CHECK(bi.modules[1].start == 0x300000 && bi.modules[1].end == 0x340000);
	CHECK(strcmp(bi.modules[1].cmdline, "roottask --verbose") == 0);
	CHECK(bi.nregions == PC_MAP_N);
	for (unsigned i = 0; i < PC_MAP_N && i < bi.nregions; i++) {
		CHECK(bi.regions[i].start == pc_map[i].base);
		CHECK(bi.regions[i].end == pc_map[i].base + pc_map[i].len);
		CHECK(bi.regions[i].type == pc_map[i].type);
	}
}

static void mb2_parse_needs_only_the_memory_map_and_the_end_tag(void)
{
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.cmdline[0] == 0 && bi.loader[0] == 0);
	CHECK(bi.nmodules == 0 && bi.nregions == 1);
}

static void mb2_parse_forgets_what_the_boot_info_held_before(void)
{
	build_typical();
	CHECK(parse() == NULL);
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.cmdline[0] == 0 && bi.nmodules == 0 && bi.nregions == 1);
}

static void mb2_parse_skips_unknown_tags_of_any_size(void)
{
	uint32_t off;

	mbi_begin();
	off = tag_open(21); /* image load base: 12 bytes, then padding */
	append32(0x100000);
	tag_close(off);
	off = tag_open(99);
	tag_close(off);
	add_simple_mmap();
	off = tag_open(14); /* an RSDP copy of 20 bytes */
	append("RSD PTR xxxxxxxxxxxx", 20);
	tag_close(off);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == 1);
}

static void mb2_parse_accepts_memory_map_entries_larger_than_24_bytes(void)
{
	mbi_begin();
	add_mmap_sized(pc_map, PC_MAP_N, 40);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == PC_MAP_N);
	CHECK(bi.regions[3].start == 0x100000);
	CHECK(bi.regions[3].end == 0x7fe0000);
	CHECK(bi.regions[3].type == BOOT_MEM_AVAILABLE);
}

static void mb2_parse_skips_zero_length_memory_map_entries(void)
{
	static const struct entry e[] = {
		{ 0x1000, 0, BOOT_MEM_AVAILABLE },
		{ 0x100000, 0x100000, BOOT_MEM_AVAILABLE },
		{ UINT64_MAX, 0, BOOT_MEM_RESERVED }, /* would wrap if used */
		{ 0x300000, 0x1000, BOOT_MEM_RESERVED },
	};

	mbi_begin();
	add_mmap(e, 4);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == 2);
	CHECK(bi.regions[0].start == 0x100000);
	CHECK(bi.regions[1].start == 0x300000);
}

static void mb2_parse_keeps_memory_map_types_it_does_not_know(void)
{
	static const struct entry e[] = {
		{ 0x100000, 0x100000, BOOT_MEM_AVAILABLE },
		{ 0x200000, 0x1000, BOOT_MEM_BAD },
		{ 0x300000, 0x1000, 20 },
	};

	mbi_begin();
	add_mmap(e, 3);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == 3);
	CHECK(bi.regions[1].type == BOOT_MEM_BAD);
	CHECK(bi.regions[2].type == 20);
}

static void mb2_parse_accepts_a_region_that_ends_just_below_2_to_the_64(void)
{
	static const struct entry e[] = {
		{ 0x100000, 0x100000, BOOT_MEM_AVAILABLE },
		{ UINT64_MAX - 0xfff, 0xfff, BOOT_MEM_RESERVED },
	};

	mbi_begin();
	add_mmap(e, 2);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == 2 && bi.regions[1].end == UINT64_MAX);
}

static void mb2_parse_truncates_an_overlong_command_line(void)
{
	char line[400];

	for (size_t i = 0; i < sizeof(line) - 1; i++)
		line[i] = (char)('a' + i % 26);
	line[sizeof(line) - 1] = 0;
	mbi_begin();
	add_string(TAG_CMDLINE, line);
	add_string(TAG_LOADER, line);
	add_module(0x200000, 0x201000, line);
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(strlen(bi.cmdline) == BOOT_CMDLINE_MAX - 1);
	CHECK(strncmp(bi.cmdline, line, BOOT_CMDLINE_MAX - 1) == 0);
	CHECK(strlen(bi.loader) == sizeof(bi.loader) - 1);
	CHECK(strncmp(bi.loader, line, sizeof(bi.loader) - 1) == 0);
	CHECK(strlen(bi.modules[0].cmdline) == BOOT_CMDLINE_MAX - 1);
}

static void mb2_parse_keeps_a_command_line_that_just_fits(void)
{
	char line[BOOT_CMDLINE_MAX];

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = 0;
	mbi_begin();
	add_string(TAG_CMDLINE, line);
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(strcmp(bi.cmdline, line) == 0);
}

static void mb2_parse_reads_a_string_up_to_its_first_nul(void)
{
	uint32_t off;

	mbi_begin();
	off = tag_open(TAG_CMDLINE);
	append("abc\0def\0", 8);
	tag_close(off);
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(strcmp(bi.cmdline, "abc") == 0);
}

static void mb2_parse_accepts_the_maximum_number_of_regions_and_modules(void)
{
	static struct entry e[BOOT_MAX_REGIONS];

	for (unsigned i = 0; i < BOOT_MAX_REGIONS; i++)
		e[i] = (struct entry){ 0x100000ull * (i + 1), 0x1000, 1 };
	mbi_begin();
	for (unsigned i = 0; i < BOOT_MAX_MODULES; i++)
		add_module(0x1000 * i, 0x1000 * i + 0x800, "m");
	add_mmap(e, BOOT_MAX_REGIONS);
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nregions == BOOT_MAX_REGIONS);
	CHECK(bi.nmodules == BOOT_MAX_MODULES);
	CHECK(bi.regions[BOOT_MAX_REGIONS - 1].start ==
	      0x100000ull * BOOT_MAX_REGIONS);
	CHECK(bi.modules[BOOT_MAX_MODULES - 1].start ==
	      0x1000 * (BOOT_MAX_MODULES - 1));
}

static void mb2_parse_accepts_an_empty_module(void)
{
	mbi_begin();
	add_module(0x200000, 0x200000, "");
	add_simple_mmap();
	mbi_end();
	CHECK(parse() == NULL);
	CHECK(bi.nmodules == 1 && bi.modules[0].cmdline[0] == 0);
}

static void mb2_parse_stops_at_the_end_tag(void)
{
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	/* Garbage after the end tag, inside total_size, is not read. */
	add_string(TAG_MMAP, "not a memory map");
	append32(0xffffffff);
	append32(3);
	put32(0, mbi.len);
	CHECK(parse() == NULL);
	CHECK(bi.nregions == 1);
	CHECK(bi.info_end == MBI_PHYS + mbi.len);
}

static void mb2_parse_reads_no_further_than_total_size(void)
{
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	CHECK(parse_avail(mbi.len + 64) == NULL);
	CHECK(bi.info_end - bi.info_start == mbi.len);
}

static void mb2_parse_rejects_a_buffer_too_small_for_the_header(void)
{
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse_avail(0), "no boot information"));
	CHECK(fails_with(parse_avail(7), "no boot information"));
}

static void mb2_parse_rejects_a_total_size_too_small_for_an_end_tag(void)
{
	mbi_begin();
	mbi_end();
	CHECK(mbi.len == 16);
	put32(0, 15);
	CHECK(fails_with(parse(), "size is invalid"));
	put32(0, 0);
	CHECK(fails_with(parse(), "size is invalid"));
}

static void mb2_parse_rejects_a_total_size_larger_than_the_buffer(void)
{
	build_typical();
	CHECK(fails_with(parse_avail(mbi.len - 8), "size is invalid"));
	CHECK(fails_with(parse_avail(mbi.len - 1), "size is invalid"));
}

static void mb2_parse_rejects_a_tag_running_past_the_end(void)
{
	uint32_t off;

	mbi_begin();
	off = add_string(TAG_CMDLINE, "hello");
	add_simple_mmap();
	mbi_end();
	put32(off + 4, mbi.len - off + 1);
	CHECK(fails_with(parse(), "runs past the end"));
	put32(off + 4, UINT32_MAX);
	CHECK(fails_with(parse(), "runs past the end"));
}

static void mb2_parse_rejects_an_end_tag_running_past_the_end(void)
{
	mbi_begin();
	add_simple_mmap();
	mbi_end();
	put32(mbi.len - 4, 16);
	CHECK(fails_with(parse(), "runs past the end"));
}

static void mb2_parse_rejects_a_tag_shorter_than_its_header(void)
{
	uint32_t off;

	mbi_begin();
	off = add_string(TAG_CMDLINE, "hello");
	add_simple_mmap();
	mbi_end();
	put32(off + 4, 7);
	CHECK(fails_with(parse(), "runs past the end"));
	put32(off + 4, 0);
	CHECK(fails_with(parse(), "runs past the end"));
}

static void mb2_parse_rejects_a_missing_end_tag(void)
{
	mbi_begin();
	add_string(TAG_CMDLINE, "hello");
	add_simple_mmap();
	put32(0, mbi.len);
	CHECK(fails_with(parse(), "no end tag"));
	/* Four bytes short of another tag header. */
	append32(0);
	put32(0, mbi.len);
	CHECK(fails_with(parse(), "no end tag"));
}

static void mb2_parse_rejects_a_missing_memory_map(void)
{
	mbi_begin();
	add_string(TAG_CMDLINE, "hello");
	mbi_end();
	CHECK(fails_with(parse(), "no memory map"));
}

static void mb2_parse_rejects_two_memory_maps(void)
{
	mbi_begin();
	add_simple_mmap();
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse(), "two memory maps"));
}

static void mb2_parse_rejects_a_memory_map_tag_too_short(void)
{
	uint32_t off;

	mbi_begin();
	off = tag_open(TAG_MMAP);
	append32(24);
	tag_close(off);
	mbi_end();
	CHECK(fails_with(parse(), "memory map tag too short"));
}

static void mb2_parse_rejects_a_memory_map_entry_size_below_24(void)
{
	mbi_begin();
	add_mmap_sized(pc_map, 2, 16);
	mbi_end();
	CHECK(fails_with(parse(), "entry size is invalid"));
	mbi_begin();
	add_mmap_sized(pc_map, 0, 0); /* would divide by zero */
	mbi_end();
	CHECK(fails_with(parse(), "entry size is invalid"));
}

static void mb2_parse_rejects_a_memory_map_entry_size_not_a_multiple_of_8(void)
{
	mbi_begin();
	add_mmap_sized(pc_map, 2, 28);
	mbi_end();
	CHECK(fails_with(parse(), "entry size is invalid"));
}

static void mb2_parse_rejects_a_memory_map_of_partial_entries(void)
{
	uint32_t off;

	mbi_begin();
	off = add_mmap(pc_map, 2);
	mbi_end();
	put32(off + 4, 16 + 2 * 24 - 8); /* the size cuts the second entry */
	CHECK(fails_with(parse(), "whole number of entries"));
	put32(off + 4, 16 + 24 + 8);
	CHECK(fails_with(parse(), "whole number of entries"));
}

static void mb2_parse_rejects_a_memory_map_entry_that_wraps_around(void)
{
	static const struct entry e[] = {
		{ 0x100000, 0x100000, BOOT_MEM_AVAILABLE },
		{ UINT64_MAX - 0xfff, 0x2000, BOOT_MEM_RESERVED },
	};

	mbi_begin();
	add_mmap(e, 2);
	mbi_end();
	CHECK(fails_with(parse(), "wraps around"));
}

static void mb2_parse_rejects_a_region_ending_at_2_to_the_64(void)
{
	static const struct entry e[] = {
		{ 0x100000, 0x100000, BOOT_MEM_AVAILABLE },
		{ UINT64_MAX - 0xfff, 0x1000, BOOT_MEM_RESERVED },
	};

	mbi_begin();
	add_mmap(e, 2);
	mbi_end();
	CHECK(fails_with(parse(), "wraps around"));
}

static void mb2_parse_rejects_more_regions_than_it_can_hold(void)
{
	static struct entry e[BOOT_MAX_REGIONS + 1];

	for (unsigned i = 0; i < BOOT_MAX_REGIONS + 1; i++)
		e[i] = (struct entry){ 0x100000ull * (i + 1), 0x1000, 1 };
	mbi_begin();
	add_mmap(e, BOOT_MAX_REGIONS + 1);
	mbi_end();
	CHECK(fails_with(parse(), "too many entries"));
	CHECK(bi.nregions <= BOOT_MAX_REGIONS);
}

static void mb2_parse_rejects_more_modules_than_it_can_hold(void)
{
	mbi_begin();
	for (unsigned i = 0; i < BOOT_MAX_MODULES + 1; i++)
		add_module(0x1000 * i, 0x1000 * i + 0x800, "m");
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse(), "too many boot modules"));
	CHECK(bi.nmodules <= BOOT_MAX_MODULES);
}

static void mb2_parse_rejects_a_module_that_ends_before_it_starts(void)
{
	mbi_begin();
	add_module(0x201000, 0x200fff, "backwards");
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse(), "ends before it starts"));
}

static void mb2_parse_rejects_a_module_tag_too_short(void)
{
	uint32_t off;

	mbi_begin();
	off = tag_open(TAG_MODULE);
	append32(0x200000);
	append32(0x201000);
	tag_close(off); /* no room for even an empty command line */
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse(), "module tag too short"));
}

static void mb2_parse_rejects_strings_without_a_nul(void)
{
	static const uint32_t types[] = { TAG_CMDLINE, TAG_LOADER, TAG_MODULE };

	for (unsigned i = 0; i < 3; i++) {
		uint32_t off;

		mbi_begin();
		add_simple_mmap();
		off = tag_open(types[i]);
		if (types[i] == TAG_MODULE) {
			append32(0x200000);
			append32(0x201000);
		}
		append("abcdefgh", 8); /* and the padding is not counted */
		tag_close(off);
		mbi_end();
		CHECK(fails_with(parse(), "not NUL-terminated"));
	}
}

static void mb2_parse_rejects_an_empty_string_tag(void)
{
	uint32_t off;

	mbi_begin();
	off = tag_open(TAG_CMDLINE);
	tag_close(off);
	add_simple_mmap();
	mbi_end();
	CHECK(fails_with(parse(), "not NUL-terminated"));
}

static void mb2_parse_rejects_a_memory_map_without_available_memory(void)
{
	static const struct entry e[] = {
		{ 0x0, 0x100000, BOOT_MEM_RESERVED },
		{ 0x100000, 0, BOOT_MEM_AVAILABLE },
		{ 0x200000, 0x100000, BOOT_MEM_ACPI },
	};

	mbi_begin();
	add_mmap(e, 3);
	mbi_end();
	CHECK(fails_with(parse(), "no available memory"));
	mbi_begin();
	add_mmap(e, 0);
	mbi_end();
	CHECK(fails_with(parse(), "no available memory"));
}

/* The random run: a fixed-seed xorshift64 generator. */
static uint64_t rng = 0xd1b54a32d192ed03ull;

/* A random number in [0, n). */
static uint32_t rnd_below(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

/* Damage the typical MBI in one to four random places. */
static void corrupt(void)
{
	static const uint32_t words[] = { 0, 7, 8, 16, 17, 24, UINT32_MAX };
	unsigned n = 1 + rnd_below(4);

	for (unsigned i = 0; i < n; i++) {
		uint32_t off = rnd_below(mbi.len);

		if (rnd_below(2))
			mbi.b[off] = (uint8_t)rnd_below(256);
		else if (off + 4 <= mbi.len)
			put32(off & ~3u,
			      words[rnd_below(sizeof(words) / sizeof(*words))]);
	}
}

/* True if a successful parse left @bi within its documented bounds. */
static bool boot_info_is_sane(size_t avail)
{
	bool available = false;

	if (bi.info_start != MBI_PHYS || bi.info_end - bi.info_start > avail)
		return false;
	if (strnlen(bi.cmdline, sizeof(bi.cmdline)) == sizeof(bi.cmdline) ||
	    strnlen(bi.loader, sizeof(bi.loader)) == sizeof(bi.loader))
		return false;
	if (bi.nregions > BOOT_MAX_REGIONS || bi.nmodules > BOOT_MAX_MODULES)
		return false;
	for (unsigned i = 0; i < bi.nregions; i++) {
		if (bi.regions[i].start >= bi.regions[i].end)
			return false;
		available |= bi.regions[i].type == BOOT_MEM_AVAILABLE;
	}
	for (unsigned i = 0; i < bi.nmodules; i++)
		if (bi.modules[i].start > bi.modules[i].end ||
		    strnlen(bi.modules[i].cmdline, BOOT_CMDLINE_MAX) ==
			    BOOT_CMDLINE_MAX)
			return false;
	return available;
}

#define RND_STEPS 20000

static void mb2_parse_survives_random_corruption(void)
{
	unsigned ok = 0, bad = 0;

	for (unsigned step = 0; step < RND_STEPS; step++) {
		size_t avail;

		build_typical();
		corrupt();
		avail = rnd_below(8) ? mbi.len : rnd_below(mbi.len + 1);
		if (parse_avail(avail)) {
			bad++;
		} else if (CHECK(boot_info_is_sane(avail))) {
			ok++;
		} else {
			printf("  insane result at step %u\n", step);
			return;
		}
	}
	/* Both outcomes happened often. */
	CHECK(ok > RND_STEPS / 10 && bad > RND_STEPS / 10);
}

int main(void)
{
	RUN(mb2_parse_reads_a_typical_boot_information);
	RUN(mb2_parse_needs_only_the_memory_map_and_the_end_tag);
	RUN(mb2_parse_forgets_what_the_boot_info_held_before);
	RUN(mb2_parse_skips_unknown_tags_of_any_size);
	RUN(mb2_parse_accepts_memory_map_entries_larger_than_24_bytes);
	RUN(mb2_parse_skips_zero_length_memory_map_entries);
	RUN(mb2_parse_keeps_memory_map_types_it_does_not_know);
	RUN(mb2_parse_accepts_a_region_that_ends_just_below_2_to_the_64);
	RUN(mb2_parse_truncates_an_overlong_command_line);
	RUN(mb2_parse_keeps_a_command_line_that_just_fits);
	RUN(mb2_parse_reads_a_string_up_to_its_first_nul);
	RUN(mb2_parse_accepts_the_maximum_number_of_regions_and_modules);
	RUN(mb2_parse_accepts_an_empty_module);
	RUN(mb2_parse_stops_at_the_end_tag);
	RUN(mb2_parse_reads_no_further_than_total_size);
	RUN(mb2_parse_rejects_a_buffer_too_small_for_the_header);
	RUN(mb2_parse_rejects_a_total_size_too_small_for_an_end_tag);
	RUN(mb2_parse_rejects_a_total_size_larger_than_the_buffer);
	RUN(mb2_parse_rejects_a_tag_running_past_the_end);
	RUN(mb2_parse_rejects_an_end_tag_running_past_the_end);
	RUN(mb2_parse_rejects_a_tag_shorter_than_its_header);
	RUN(mb2_parse_rejects_a_missing_end_tag);
	RUN(mb2_parse_rejects_a_missing_memory_map);
	RUN(mb2_parse_rejects_two_memory_maps);
	RUN(mb2_parse_rejects_a_memory_map_tag_too_short);
	RUN(mb2_parse_rejects_a_memory_map_entry_size_below_24);
	RUN(mb2_parse_rejects_a_memory_map_entry_size_not_a_multiple_of_8);
	RUN(mb2_parse_rejects_a_memory_map_of_partial_entries);
	RUN(mb2_parse_rejects_a_memory_map_entry_that_wraps_around);
	RUN(mb2_parse_rejects_a_region_ending_at_2_to_the_64);
	RUN(mb2_parse_rejects_more_regions_than_it_can_hold);
	RUN(mb2_parse_rejects_more_modules_than_it_can_hold);
	RUN(mb2_parse_rejects_a_module_that_ends_before_it_starts);
	RUN(mb2_parse_rejects_a_module_tag_too_short);
	RUN(mb2_parse_rejects_strings_without_a_nul);
	RUN(mb2_parse_rejects_an_empty_string_tag);
	RUN(mb2_parse_rejects_a_memory_map_without_available_memory);
	RUN(mb2_parse_survives_random_corruption);
	return check_done();
}
