// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the ELF64 checker (kernel/elf.c). Images are built in
 * memory from a valid template, then broken one rule at a time; each is
 * handed to elf_parse in a heap block of exactly its size, so that
 * AddressSanitizer sees any read past the end. Also a real executable
 * linked by the host toolchain, and a seeded run of random mutations.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kernel/elf.h>

#include "check.h"

#define PT_NOTE 4
#define PT_GNU_STACK 0x6474e551u
#define MAX_PH 20	  /* program headers the template can hold */
#define IMG_SIZE 0x2100ul /* size of the template image */

/* The image under test: its header, program headers and size. */
static struct elf64_ehdr eh;
static struct elf64_phdr ph[MAX_PH];
static size_t img_size;

/* A PT_LOAD header. */
static struct elf64_phdr load(uint64_t off, uint64_t va, uint64_t filesz,
			      uint64_t memsz, uint32_t flags)
{
	return (struct elf64_phdr){ .p_type = ELF_PT_LOAD,
				    .p_flags = flags,
				    .p_offset = off,
				    .p_vaddr = va,
				    .p_paddr = va,
				    .p_filesz = filesz,
				    .p_memsz = memsz,
				    .p_align = 0x1000 };
}

/*
 * The template: a read-only header page, text, and data with bss, as a
 * static linker lays them out, plus a note and a stack header to ignore.
 *
 *   ph  type       offset  vaddr     filesz  memsz   flags
 *   0   LOAD       0       0x400000  0x200   0x200   R
 *   1   LOAD       0x1000  0x401000  0x800   0x800   R X
 *   2   LOAD       0x2000  0x403000  0x100   0x3000  R W
 *   3   NOTE       0x190   0x400190  0x20    0x20    R
 *   4   GNU_STACK  0       0         0       0       R W
 */
static void template(void)
{
	memset(&eh, 0, sizeof(eh));
	memset(ph, 0, sizeof(ph));
	memcpy(eh.e_ident, "\177ELF\2\1\1", 7);
	eh.e_type = ELF_ET_EXEC;
	eh.e_machine = ELF_EM_X86_64;
	eh.e_version = ELF_EV_CURRENT;
	eh.e_entry = 0x401010;
	eh.e_phoff = sizeof(struct elf64_ehdr);
	eh.e_ehsize = sizeof(struct elf64_ehdr);
	eh.e_phentsize = sizeof(struct elf64_phdr);
	eh.e_phnum = 5;
	ph[0] = load(0, 0x400000, 0x200, 0x200, ELF_PF_R);
	ph[1] = load(0x1000, 0x401000, 0x800, 0x800, ELF_PF_R | ELF_PF_X);
	ph[2] = load(0x2000, 0x403000, 0x100, 0x3000, ELF_PF_R | ELF_PF_W);
	ph[3] = (struct elf64_phdr){ .p_type = PT_NOTE,
				     .p_flags = ELF_PF_R,
				     .p_offset = 0x190,
				     .p_vaddr = 0x400190,
				     .p_filesz = 0x20,
				     .p_memsz = 0x20,
				     .p_align = 4 };
	ph[4] = (struct elf64_phdr){ .p_type = PT_GNU_STACK,
				     .p_flags = ELF_PF_R | ELF_PF_W,
				     .p_align = 16 };
	img_size = IMG_SIZE;
}

/* Write the image into a fresh heap block of exactly img_size bytes. The
 * headers that do not fit are cut off. */
static uint8_t *build(void)
{
	uint8_t *b = malloc(img_size ? img_size : 1);
	uint8_t full[IMG_SIZE + MAX_PH * sizeof(struct elf64_phdr)];
	size_t at = sizeof(eh);

	memset(full, 0xcc, sizeof(full));
	memcpy(full, &eh, sizeof(eh));
	memcpy(full + at, ph, sizeof(ph));
	memcpy(b, full, img_size < sizeof(full) ? img_size : sizeof(full));
	return b;
}

/* Parse the image under test; its verdict (NULL: accepted). An accepted
 * image must satisfy the invariants. */
static const char *parse(struct elf_image *out)
{
	uint8_t *b = build();
	const char *why = elf_parse(b, img_size, out);

	if (!why)
		elf_check(out, img_size);
	free(b);
	return why;
}

/* Whether the image under test is rejected with a message containing
 * @word, leaving the output alone. */
static bool rejected(const char *word)
{
	struct elf_image out, before;
	const char *why;

	memset(&out, 0x5a, sizeof(out));
	before = out;
	why = parse(&out);
	if (why && !strstr(why, word))
		printf("  rejected for \"%s\", not for \"%s\"\n", why, word);
	return why && strstr(why, word) &&
	       memcmp(&out, &before, sizeof(out)) == 0;
}

/* Whether the image under test is accepted. */
static bool accepted(void)
{
	struct elf_image out;

	return parse(&out) == NULL;
}

/* The verdict on the image under test, for an exact message. */
static const char *verdict(void)
{
	struct elf_image out;
	const char *why = parse(&out);

	return why ? why : "";
}

/* Whether @s is the segment (vaddr, memsz, offset, filesz, flags). */
static bool seg_is(const struct elf_segment *s, uint64_t va, uint64_t memsz,
		   uint64_t off, uint64_t filesz, uint32_t flags)
{
	return s->vaddr == va && s->memsz == memsz && s->offset == off &&
	       s->filesz == filesz && s->flags == flags;
}

static void elf_parse_describes_a_valid_image_exactly(void)
{
	struct elf_image e;

	template();
	CHECK(parse(&e) == NULL);
	CHECK(e.entry == 0x401010);
	CHECK(e.nsegs == 3);
	CHECK(seg_is(&e.seg[0], 0x400000, 0x200, 0, 0x200, ELF_PF_R));
	CHECK(seg_is(&e.seg[1], 0x401000, 0x800, 0x1000, 0x800,
		     ELF_PF_R | ELF_PF_X));
	CHECK(seg_is(&e.seg[2], 0x403000, 0x3000, 0x2000, 0x100,
		     ELF_PF_R | ELF_PF_W));
}

static void elf_parse_sorts_segments_by_address(void)
{
	struct elf64_phdr t;
	struct elf_image e;

	template();
	t = ph[0];
	ph[0] = ph[2];
	ph[2] = t;
	CHECK(parse(&e) == NULL);
	CHECK(e.nsegs == 3);
	CHECK(e.seg[0].vaddr == 0x400000 && e.seg[1].vaddr == 0x401000 &&
	      e.seg[2].vaddr == 0x403000);
	CHECK(e.seg[2].filesz == 0x100 && e.seg[2].memsz == 0x3000);
}

static void elf_parse_keeps_only_the_rwx_flags(void)
{
	struct elf_image e;

	template();
	ph[1].p_flags |= 0xf0000000u; /* PF_MASKPROC */
	CHECK(parse(&e) == NULL);
	CHECK(e.seg[1].flags == (ELF_PF_R | ELF_PF_X));
}

static void elf_parse_reads_an_image_at_any_alignment(void)
{
	struct elf_image e;
	uint8_t *b, *odd;

	template();
	b = build();
	odd = malloc(img_size + 1);
	memcpy(odd + 1, b, img_size);
	CHECK(elf_parse(odd + 1, img_size, &e) == NULL);
	CHECK(e.nsegs == 3 && e.entry == 0x401010);
	free(odd);
	free(b);
}

static void elf_parse_rejects_an_image_shorter_than_its_header(void)
{
	template();
	img_size = 0;
	CHECK(rejected("smaller"));
	img_size = sizeof(struct elf64_ehdr) - 1;
	CHECK(rejected("smaller"));
}

static void elf_parse_rejects_a_bad_magic_number(void)
{
	for (int i = 0; i < 4; i++) {
		template();
		eh.e_ident[i] ^= 0x20;
		CHECK(rejected("magic"));
	}
}

static void elf_parse_rejects_a_32_bit_file(void)
{
	template();
	eh.e_ident[ELF_EI_CLASS] = 1;
	CHECK(rejected("64-bit"));
	eh.e_ident[ELF_EI_CLASS] = 0;
	CHECK(rejected("64-bit"));
}

static void elf_parse_rejects_a_big_endian_file(void)
{
	template();
	eh.e_ident[ELF_EI_DATA] = 2;
	CHECK(rejected("little-endian"));
}

static void elf_parse_rejects_an_unknown_version(void)
{
	template();
	eh.e_ident[ELF_EI_VERSION] = 2;
	CHECK(rejected("version"));
	template();
	eh.e_version = 0;
	CHECK(rejected("version"));
}

static void elf_parse_rejects_another_machine(void)
{
	template();
	eh.e_machine = 3; /* EM_386 */
	CHECK(rejected("x86-64"));
}

static void elf_parse_rejects_a_file_that_is_not_et_exec(void)
{
	template();
	eh.e_type = 3; /* ET_DYN: position independent */
	CHECK(rejected("ET_EXEC"));
	eh.e_type = 1; /* ET_REL */
	CHECK(rejected("ET_EXEC"));
}

static void elf_parse_rejects_a_program_header_size_other_than_56(void)
{
	template();
	eh.e_phentsize = 64;
	CHECK(rejected("56"));
	eh.e_phentsize = 0;
	CHECK(rejected("56"));
}

static void elf_parse_rejects_program_headers_outside_the_image(void)
{
	template();
	eh.e_phoff = IMG_SIZE + 8;
	CHECK(rejected("program headers"));
	/* The last header one byte past the end. */
	template();
	eh.e_phoff = IMG_SIZE - 5 * sizeof(struct elf64_phdr) + 1;
	CHECK(rejected("program headers"));
	/* An offset that wraps when the table is added. */
	template();
	eh.e_phoff = UINT64_MAX - 0x40;
	CHECK(rejected("program headers"));
	/* The headers themselves cut off by the end of the image. */
	template();
	img_size = sizeof(eh) + 2 * sizeof(struct elf64_phdr);
	CHECK(rejected("program headers"));
}

static void elf_parse_accepts_program_headers_ending_at_the_image_end(void)
{
	template();
	img_size = sizeof(eh) + 5 * sizeof(struct elf64_phdr);
	ph[1].p_offset = 0;
	ph[1].p_filesz = 0;
	ph[2].p_offset = 0;
	ph[2].p_filesz = 0;
	ph[0].p_filesz = img_size;
	CHECK(accepted());
}

static void elf_parse_rejects_a_dynamically_linked_file(void)
{
	template();
	ph[3].p_type = ELF_PT_INTERP;
	CHECK(strcmp(verdict(), "dynamically linked") == 0);
	template();
	ph[4].p_type = ELF_PT_DYNAMIC;
	CHECK(strcmp(verdict(), "dynamically linked") == 0);
}

static void elf_parse_rejects_segment_bytes_outside_the_image(void)
{
	template();
	ph[2].p_filesz = IMG_SIZE - 0x2000 + 1;
	CHECK(rejected("outside the image"));
	template();
	ph[2].p_offset = IMG_SIZE + 0x1000;
	ph[2].p_filesz = 0;
	ph[2].p_vaddr = 0x403000 + IMG_SIZE; /* same page offset */
	CHECK(rejected("outside the image"));
	/* offset + filesz wraps around to a small number */
	template();
	ph[2].p_offset = UINT64_MAX - 0xfff;
	ph[2].p_filesz = 0x1100;
	ph[2].p_vaddr = 0x403000;
	ph[2].p_align = 0;
	CHECK(rejected("outside the image"));
	/* filesz so large that offset + filesz wraps */
	template();
	ph[2].p_filesz = UINT64_MAX - 0xfff;
	ph[2].p_memsz = UINT64_MAX;
	CHECK(rejected("outside the image"));
}

static void elf_parse_accepts_segment_bytes_ending_at_the_image_end(void)
{
	template();
	ph[2].p_filesz = IMG_SIZE - 0x2000;
	CHECK(accepted());
}

static void elf_parse_rejects_file_size_above_memory_size(void)
{
	template();
	ph[2].p_filesz = 0x101;
	ph[2].p_memsz = 0x100;
	CHECK(rejected("exceeds"));
}

static void elf_parse_rejects_an_empty_loadable_segment(void)
{
	template();
	ph[2].p_filesz = 0;
	ph[2].p_memsz = 0;
	CHECK(rejected("empty"));
}

static void elf_parse_rejects_a_segment_beyond_user_space(void)
{
	template();
	ph[2].p_vaddr = ELF_USER_TOP - 0x1000;
	ph[2].p_memsz = 0x1001;
	CHECK(rejected("user space"));
	template();
	ph[2].p_vaddr = 0xffffffff80000000ull; /* kernel half */
	ph[2].p_memsz = 0x1000;
	CHECK(rejected("user space"));
	/* vaddr + memsz wraps around to zero */
	template();
	ph[2].p_vaddr = 0xfffffffffffff000ull;
	ph[2].p_memsz = 0x1000;
	CHECK(rejected("user space"));
}

static void elf_parse_accepts_a_segment_ending_at_the_user_top(void)
{
	struct elf_image e;

	template();
	ph[2].p_vaddr = ELF_USER_TOP - 0x3000;
	CHECK(parse(&e) == NULL);
	CHECK(e.seg[2].vaddr + e.seg[2].memsz == ELF_USER_TOP);
}

static void elf_parse_rejects_an_alignment_that_is_not_a_power_of_two(void)
{
	template();
	ph[1].p_align = 0x3000;
	CHECK(rejected("power of two"));
}

static void elf_parse_rejects_address_and_offset_apart_within_a_page(void)
{
	template();
	ph[1].p_offset = 0x1010;
	ph[1].p_filesz = 0x7f0;
	CHECK(rejected("within a page"));
}

static void elf_parse_allows_any_page_offset_below_page_alignment(void)
{
	template();
	ph[1].p_offset = 0x1010;
	ph[1].p_filesz = 0x7f0;
	ph[1].p_align = 16;
	CHECK(accepted());
	ph[1].p_align = 0;
	CHECK(accepted());
}

static void elf_parse_rejects_segments_sharing_a_page(void)
{
	/* Text ends at 0x401800, data starts at 0x401900: one page. */
	template();
	ph[2].p_vaddr = 0x401900;
	ph[2].p_offset = 0x1900;
	ph[2].p_filesz = 0x100;
	CHECK(rejected("overlap"));
	/* The same start address. */
	template();
	ph[2].p_vaddr = 0x401000;
	CHECK(rejected("overlap"));
	/* One segment wholly inside another. */
	template();
	ph[0].p_memsz = 0x10000;
	CHECK(rejected("overlap"));
}

static void elf_parse_accepts_segments_in_adjacent_pages(void)
{
	template();
	ph[2].p_vaddr = 0x402000; /* the page after text */
	CHECK(accepted());
}

static void elf_parse_rejects_a_file_without_loadable_segments(void)
{
	template();
	eh.e_phnum = 0;
	CHECK(rejected("no loadable"));
	template();
	ph[0].p_type = ph[1].p_type = ph[2].p_type = PT_NOTE;
	CHECK(rejected("no loadable"));
}

/* Make the template's program headers @n small text segments, one page
 * apart, all executable. */
static void many_segments(unsigned n)
{
	template();
	eh.e_phnum = (uint16_t)n;
	eh.e_entry = 0x400000;
	for (unsigned i = 0; i < n; i++)
		ph[i] = load(0, 0x400000 + i * 0x1000ull, 0x100, 0x100,
			     ELF_PF_R | ELF_PF_X);
}

static void elf_parse_accepts_the_maximum_number_of_segments(void)
{
	struct elf_image e;

	many_segments(ELF_MAX_SEGMENTS);
	CHECK(parse(&e) == NULL);
	CHECK(e.nsegs == ELF_MAX_SEGMENTS);
	CHECK(e.seg[ELF_MAX_SEGMENTS - 1].vaddr ==
	      0x400000 + (ELF_MAX_SEGMENTS - 1) * 0x1000ull);
}

static void elf_parse_rejects_too_many_segments(void)
{
	many_segments(ELF_MAX_SEGMENTS + 1);
	CHECK(rejected("too many"));
}

static void elf_parse_rejects_an_entry_outside_every_segment(void)
{
	template();
	eh.e_entry = 0x500000;
	CHECK(rejected("entry"));
	eh.e_entry = 0;
	CHECK(rejected("entry"));
	eh.e_entry = 0x401800; /* just past the end of text */
	CHECK(rejected("entry"));
}

static void elf_parse_rejects_an_entry_in_a_segment_without_pf_x(void)
{
	template();
	eh.e_entry = 0x403010; /* data */
	CHECK(rejected("entry"));
	eh.e_entry = 0x405000; /* bss */
	CHECK(rejected("entry"));
}

static void elf_parse_accepts_an_entry_at_either_end_of_text(void)
{
	template();
	eh.e_entry = 0x401000;
	CHECK(accepted());
	eh.e_entry = 0x4017ff;
	CHECK(accepted());
}

/* Read the whole file at @path into a heap block; NULL if impossible. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = NULL;
	long n;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0) {
		b = malloc((size_t)n);
		if (fread(b, 1, (size_t)n, f) != (size_t)n) {
			free(b);
			b = NULL;
		}
		*size = (size_t)n;
	}
	fclose(f);
	return b;
}

static void elf_parse_accepts_a_static_executable_from_the_toolchain(void)
{
#ifdef ELF_SAMPLE
	struct elf_image e;
	struct elf64_ehdr h;
	size_t size = 0;
	uint8_t *b = slurp(ELF_SAMPLE, &size);
	unsigned loads = 0;

	if (!CHECK(b != NULL))
		return;
	CHECK(elf_parse(b, size, &e) == NULL);
	elf_check(&e, size);
	/* The same PT_LOADs, read independently, in the file's order
	 * (which a linker sorts by address). */
	memcpy(&h, b, sizeof(h));
	CHECK(e.entry == h.e_entry);
	for (unsigned i = 0; i < h.e_phnum; i++) {
		struct elf64_phdr p;

		memcpy(&p, b + h.e_phoff + i * sizeof(p), sizeof(p));
		if (p.p_type != ELF_PT_LOAD)
			continue;
		CHECK(loads < e.nsegs &&
		      seg_is(&e.seg[loads], p.p_vaddr, p.p_memsz, p.p_offset,
			     p.p_filesz, p.p_flags & ELF_PF_RWX));
		loads++;
	}
	CHECK(loads == e.nsegs && loads >= 2);
	free(b);
#else
	printf("  (no sample executable on this host: skipped)\n");
#endif
}

static void elf_parse_rejects_the_host_test_program_itself(void)
{
	struct elf_image e;
	size_t size = 0;
	uint8_t *b = slurp("/proc/self/exe", &size);

	if (!b) {
		printf("  (no /proc/self/exe: skipped)\n");
		return;
	}
	/* Position independent or dynamically linked, or both. */
	CHECK(elf_parse(b, size, &e) != NULL);
	free(b);
}

/* The random run: a fixed-seed xorshift64 generator. */
static uint64_t rng = 0x2545f4914f6cdd1dull;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A random number in [0, n). */
static size_t rnd_below(size_t n)
{
	return (size_t)(rnd() % n);
}

/* A value that is likely to lie on some boundary: one below, at or above
 * a header size, a page, the image size, an address of the template, the
 * user top or 2^32 (and 0 - 1 is the top of the address space). */
static uint64_t rnd_interesting(void)
{
	static const uint64_t edge[] = { 0,	   56,		 64,
					 0x1000,   IMG_SIZE,	 0x401000,
					 0x403000, ELF_USER_TOP, 1ull << 32 };

	uint64_t e = edge[rnd_below(sizeof(edge) / sizeof(edge[0]))];

	if (rnd_below(4) == 0)
		return rnd();
	return e + rnd_below(3) - 1;
}

/* Offsets of the 64-bit fields of the header and the five headers. */
static size_t rnd_field64(void)
{
	size_t k = rnd_below(5 * 6 + 2);

	if (k >= 5 * 6)
		return k == 5 * 6 ? 24 : 32; /* e_entry, e_phoff */
	return sizeof(eh) + k / 6 * sizeof(struct elf64_phdr) + 8 + 8 * (k % 6);
}

/* Mutate the image @b of *@size bytes (room for IMG_SIZE) in one way. */
static void mutate(uint8_t *b, size_t *size)
{
	/* PT_NULL, PT_LOAD, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_GNU_STACK */
	static const uint32_t types[] = { 0, 1, 2, 3, 4, PT_GNU_STACK };
	size_t hdrs = sizeof(eh) + 5 * sizeof(struct elf64_phdr);
	size_t at = rnd_below(10) < 8 ? rnd_below(hdrs) : rnd_below(*size + 1);
	uint64_t v = rnd_interesting();
	uint32_t t = types[rnd_below(sizeof(types) / sizeof(types[0]))];

	if (at >= IMG_SIZE)
		at = 0;
	switch (rnd_below(6)) {
	case 0: /* flip one bit */
		b[at] ^= (uint8_t)(1u << rnd_below(8));
		break;
	case 1: /* one random byte */
		b[at] = (uint8_t)rnd();
		break;
	case 2: /* a boundary value in a 64-bit field */
		memcpy(b + rnd_field64(), &v, sizeof(v));
		break;
	case 3: /* a small value in a 16-bit field of the header */
		at = 16 + 2 * rnd_below(24);
		b[at] = (uint8_t)rnd_below(8);
		b[at + 1] = 0;
		break;
	case 4: /* another segment type */
		memcpy(b + sizeof(eh) +
			       rnd_below(5) * sizeof(struct elf64_phdr),
		       &t, sizeof(t));
		break;
	default: /* truncate */
		*size = rnd_below(*size + 1);
		break;
	}
}

/*
 * The reference: elf.h's rules written out naively, with 128-bit sums
 * that cannot overflow and without sorting. Whether it accepts @b.
 */
static bool ref_accepts(const uint8_t *b, size_t size, unsigned *nsegs)
{
	typedef unsigned __int128 u128;
	uint64_t lo[ELF_MAX_SEGMENTS], hi[ELF_MAX_SEGMENTS];
	struct elf64_ehdr h;
	bool entry_ok = false;
	unsigned n = 0;

	if (size < sizeof(h))
		return false;
	memcpy(&h, b, sizeof(h));
	if (memcmp(h.e_ident, "\177ELF\2\1\1", 7) || h.e_version != 1 ||
	    h.e_machine != 62 || h.e_type != 2 || h.e_phentsize != 56 ||
	    (u128)h.e_phoff + (u128)h.e_phnum * 56 > size)
		return false;
	for (unsigned i = 0; i < h.e_phnum; i++) {
		struct elf64_phdr p;

		memcpy(&p, b + h.e_phoff + i * 56ull, sizeof(p));
		if (p.p_type == 2 || p.p_type == 3)
			return false;
		if (p.p_type != 1)
			continue;
		if (p.p_memsz == 0 || p.p_filesz > p.p_memsz ||
		    (u128)p.p_offset + p.p_filesz > size ||
		    (u128)p.p_vaddr + p.p_memsz > ELF_USER_TOP ||
		    (p.p_align & (p.p_align - 1)) ||
		    (p.p_align >= 4096 &&
		     p.p_vaddr % 4096 != p.p_offset % 4096) ||
		    n == ELF_MAX_SEGMENTS)
			return false;
		lo[n] = p.p_vaddr / 4096;
		hi[n] = (p.p_vaddr + p.p_memsz + 4095) / 4096;
		for (unsigned j = 0; j < n; j++)
			if (lo[n] < hi[j] && lo[j] < hi[n])
				return false;
		if ((p.p_flags & 1) && h.e_entry >= p.p_vaddr &&
		    h.e_entry < p.p_vaddr + p.p_memsz)
			entry_ok = true;
		n++;
	}
	*nsegs = n;
	return n > 0 && entry_ok;
}

#define MUTATIONS 20000

static void elf_parse_survives_random_mutations(void)
{
	uint8_t *base, *b;
	unsigned ok = 0, bad = 0;

	template();
	base = build();
	for (unsigned i = 0; i < MUTATIONS; i++) {
		struct elf_image e, before;
		uint8_t work[IMG_SIZE];
		size_t size = IMG_SIZE;
		const char *why;
		unsigned nsegs = 0;

		memcpy(work, base, IMG_SIZE);
		for (size_t n = 1 + rnd_below(4); n > 0; n--)
			mutate(work, &size);
		b = malloc(size ? size : 1);
		memcpy(b, work, size);
		memset(&e, 0xa5, sizeof(e));
		before = e;
		why = elf_parse(b, size, &e);
		if (!CHECK(ref_accepts(b, size, &nsegs) == !why)) {
			printf("  mutation %u: \"%s\"\n", i, why ? why : "ok");
			free(b);
			break;
		}
		if (why) {
			bad++;
			CHECK(why[0] != '\0');
			CHECK(memcmp(&e, &before, sizeof(e)) == 0);
		} else {
			ok++;
			elf_check(&e, size);
			CHECK(e.nsegs == nsegs);
			CHECK(memcmp(&e.entry, b + 24, 8) == 0);
		}
		free(b);
	}
	printf("  %u accepted, %u rejected\n", ok, bad);
	CHECK(ok > MUTATIONS / 20 && bad > MUTATIONS / 2);
	free(base);
}

int main(void)
{
	RUN(elf_parse_describes_a_valid_image_exactly);
	RUN(elf_parse_sorts_segments_by_address);
	RUN(elf_parse_keeps_only_the_rwx_flags);
	RUN(elf_parse_reads_an_image_at_any_alignment);
	RUN(elf_parse_rejects_an_image_shorter_than_its_header);
	RUN(elf_parse_rejects_a_bad_magic_number);
	RUN(elf_parse_rejects_a_32_bit_file);
	RUN(elf_parse_rejects_a_big_endian_file);
	RUN(elf_parse_rejects_an_unknown_version);
	RUN(elf_parse_rejects_another_machine);
	RUN(elf_parse_rejects_a_file_that_is_not_et_exec);
	RUN(elf_parse_rejects_a_program_header_size_other_than_56);
	RUN(elf_parse_rejects_program_headers_outside_the_image);
	RUN(elf_parse_accepts_program_headers_ending_at_the_image_end);
	RUN(elf_parse_rejects_a_dynamically_linked_file);
	RUN(elf_parse_rejects_segment_bytes_outside_the_image);
	RUN(elf_parse_accepts_segment_bytes_ending_at_the_image_end);
	RUN(elf_parse_rejects_file_size_above_memory_size);
	RUN(elf_parse_rejects_an_empty_loadable_segment);
	RUN(elf_parse_rejects_a_segment_beyond_user_space);
	RUN(elf_parse_accepts_a_segment_ending_at_the_user_top);
	RUN(elf_parse_rejects_an_alignment_that_is_not_a_power_of_two);
	RUN(elf_parse_rejects_address_and_offset_apart_within_a_page);
	RUN(elf_parse_allows_any_page_offset_below_page_alignment);
	RUN(elf_parse_rejects_segments_sharing_a_page);
	RUN(elf_parse_accepts_segments_in_adjacent_pages);
	RUN(elf_parse_rejects_a_file_without_loadable_segments);
	RUN(elf_parse_accepts_the_maximum_number_of_segments);
	RUN(elf_parse_rejects_too_many_segments);
	RUN(elf_parse_rejects_an_entry_outside_every_segment);
	RUN(elf_parse_rejects_an_entry_in_a_segment_without_pf_x);
	RUN(elf_parse_accepts_an_entry_at_either_end_of_text);
	RUN(elf_parse_accepts_a_static_executable_from_the_toolchain);
	RUN(elf_parse_rejects_the_host_test_program_itself);
	RUN(elf_parse_survives_random_mutations);
	return check_done();
}
