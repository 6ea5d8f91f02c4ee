// SPDX-License-Identifier: BSD-2-Clause
/*
 * Host tests of the boot information the kernel leaves for the root task
 * (kernel/bootinfo.c) and of the Multiboot-1 information its Multiboot
 * record points at (kernel/mbi.c). Each is written into a heap block of
 * exactly the size the kernel asks for, so that AddressSanitizer sees any
 * write past it. The fake architecture's kernel image is [1 MiB, 2 MiB).
 */
#include <stdlib.h>
#include <string.h>

#include <kernel/bootinfo.h>
#include <kernel/mbi.h>

#include <l4/bootinfo.h>
#include <l4/mbi.h>

#include "check.h"

#define MBI_PA 0x9000ul /* where the Multiboot-1 block "lies" */

static struct boot_info bi;
static struct elf_image img[BOOTINFO_EXECS];

/* A loadable segment. */
static struct elf_segment seg(uint64_t va, uint64_t filesz, uint64_t memsz,
			      uint32_t flags)
{
	return (struct elf_segment){
		.vaddr = va, .memsz = memsz, .filesz = filesz, .flags = flags
	};
}

static void add_module(uint64_t start, uint64_t end, const char *cmd)
{
	struct boot_module *m = &bi.modules[bi.nmodules++];

	m->start = start;
	m->end = end;
	strcpy(m->cmdline, cmd);
}

static void add_region(uint64_t start, uint64_t end, uint32_t type)
{
	bi.regions[bi.nregions++] = (struct boot_region){ start, end, type };
}

/*
 * The machine: sigma0 (text, rodata, bss only), the root task (text,
 * rodata, data with bss), two more modules; 128 MiB with the usual holes
 * and 1 GiB above 4 GiB.
 */
static void machine(void)
{
	memset(&bi, 0, sizeof(bi));
	strcpy(bi.loader, "GRUB 2.06");
	strcpy(bi.cmdline, "hz=100");
	add_module(0x300000, 0x312000, "sigma0");
	add_module(0x313000, 0x340000, "roottask -v");
	add_module(0x340000, 0x350000, "hello");
	add_module(0x350000, 0x350019, "hello.txt greeting=yes");
	add_region(0, 0x9fc00, BOOT_MEM_AVAILABLE);
	add_region(0x9fc00, 0xa0000, BOOT_MEM_RESERVED);
	add_region(0xf0000, 0x100000, BOOT_MEM_RESERVED);
	add_region(0x100000, 0x7fe0000, BOOT_MEM_AVAILABLE);
	add_region(0x7fe0000, 0x8000000, BOOT_MEM_RESERVED);
	add_region(0x100000000, 0x140000000, BOOT_MEM_AVAILABLE);

	memset(img, 0, sizeof(img));
	img[0].entry = 0x2000790;
	img[0].nsegs = 3;
	img[0].seg[0] = seg(0x2000000, 0x1bbd, 0x1bbd, ELF_PF_R | ELF_PF_X);
	img[0].seg[1] = seg(0x2002000, 0x21e, 0x21e, ELF_PF_R);
	img[0].seg[2] = seg(0x2003000, 0, 0x1e8d0, ELF_PF_R | ELF_PF_W);
	img[1].entry = 0x2401000;
	img[1].nsegs = 3;
	img[1].seg[0] = seg(0x2400000, 0x8000, 0x8000, ELF_PF_R | ELF_PF_X);
	img[1].seg[1] = seg(0x2408000, 0x1200, 0x1200, ELF_PF_R);
	img[1].seg[2] = seg(0x240a000, 0x100, 0x3000, ELF_PF_R | ELF_PF_W);
}

/* The boot information of the machine, in a block of exactly its size,
 * with a Multiboot record holding @mbi unless it is 0. */
static struct l4_bootinfo *boot_info(uint64_t mbi, size_t *written)
{
	size_t size = bootinfo_size(&bi);
	struct l4_bootinfo *h = calloc(1, size);

	*written = bootinfo_write(h, &bi, img, mbi);
	return h;
}

/* Record @i of @h, walked by num_entries and offset_next. */
static const struct l4_bootrec *record(const struct l4_bootinfo *h, unsigned i)
{
	const struct l4_bootrec *r = l4_bootinfo_first(h);

	while (i-- > 0)
		r = l4_bootrec_next(r);
	return r;
}

static void bootinfo_lists_two_programs_then_modules_then_multiboot(void)
{
	size_t n;
	struct l4_bootinfo *h;

	machine();
	h = boot_info(MBI_PA, &n);
	CHECK(l4_bootinfo_is_valid(h));
	CHECK(h->first_entry == sizeof(*h) && h->num_entries == 5);
	CHECK(record(h, 0)->type == L4_BOOTREC_SIMPLE_EXEC);
	CHECK(record(h, 1)->type == L4_BOOTREC_SIMPLE_EXEC);
	CHECK(record(h, 2)->type == L4_BOOTREC_MODULE);
	CHECK(record(h, 3)->type == L4_BOOTREC_MODULE);
	CHECK(record(h, 4)->type == L4_BOOTREC_MULTIBOOT);
	for (unsigned i = 0; i < 5; i++)
		CHECK(record(h, i)->version == 1);
	CHECK(strcmp(l4_bootrec_exec_cmdline((const void *)record(h, 0)),
		     "sigma0") == 0);
	CHECK(strcmp(l4_bootrec_exec_cmdline((const void *)record(h, 1)),
		     "roottask -v") == 0);
	CHECK(strcmp(l4_bootrec_module_cmdline((const void *)record(h, 3)),
		     "hello.txt greeting=yes") == 0);
	CHECK(((const struct l4_bootrec_multiboot *)record(h, 4))->address ==
	      MBI_PA);
	CHECK(n == h->size && n == bootinfo_size(&bi));
	free(h);
}

static void bootinfo_records_point_their_own_padded_size_on(void)
{
	size_t n;
	struct l4_bootinfo *h;

	machine();
	h = boot_info(MBI_PA, &n);
	/* 128 + "sigma0\0" -> 136; 128 + "roottask -v\0" -> 144; 48 +
	 * "hello\0" -> 56; 48 + 23 -> 72; the last its own 32, not 0. */
	CHECK(record(h, 0)->offset_next == 136);
	CHECK(record(h, 1)->offset_next == 144);
	CHECK(record(h, 2)->offset_next == 56);
	CHECK(record(h, 3)->offset_next == 72);
	CHECK(record(h, 4)->offset_next == 32);
	CHECK(h->size == 64 + 136 + 144 + 56 + 72 + 32);
	free(h);
}

static void bootinfo_module_records_give_where_the_loader_put_them(void)
{
	size_t n;
	struct l4_bootinfo *h;
	const struct l4_bootrec_module *m;

	machine();
	h = boot_info(MBI_PA, &n);
	m = (const void *)record(h, 2);
	CHECK(m->start == 0x340000 && m->size == 0x10000);
	CHECK(m->cmdline_offset == sizeof(*m));
	m = (const void *)record(h, 3);
	CHECK(m->start == 0x350000 && m->size == 25);
	free(h);
}

static void bootinfo_simple_exec_splits_an_image_into_text_data_bss(void)
{
	size_t n;
	struct l4_bootinfo *h;
	const struct l4_bootrec_exec *e;

	machine();
	h = boot_info(MBI_PA, &n);
	e = (const void *)record(h, 1);
	/* Text spans both segments without W; data and bss the RW one. */
	CHECK(e->text_pstart == 0x2400000 && e->text_vstart == 0x2400000);
	CHECK(e->text_size == 0x9200);
	CHECK(e->data_pstart == 0x240a000 && e->data_vstart == 0x240a000);
	CHECK(e->data_size == 0x100);
	CHECK(e->bss_pstart == 0x240a100 && e->bss_vstart == 0x240a100);
	CHECK(e->bss_size == 0x2f00);
	CHECK(e->initial_ip == 0x2401000);
	CHECK(e->flags == 2 && e->label == 0);
	CHECK(e->cmdline_offset == sizeof(*e));
	free(h);
}

static void bootinfo_simple_exec_without_data_leaves_data_zero(void)
{
	size_t n;
	struct l4_bootinfo *h;
	const struct l4_bootrec_exec *e;

	machine();
	h = boot_info(MBI_PA, &n);
	e = (const void *)record(h, 0);
	CHECK(e->text_vstart == 0x2000000 && e->text_size == 0x221e);
	CHECK(e->data_pstart == 0 && e->data_vstart == 0 && e->data_size == 0);
	CHECK(e->bss_vstart == 0x2003000 && e->bss_size == 0x1e8d0);
	CHECK(e->initial_ip == 0x2000790);
	free(h);
}

static void bootinfo_without_multiboot_information_ends_with_the_modules(void)
{
	size_t n;
	struct l4_bootinfo *h;

	machine();
	h = boot_info(0, &n);
	CHECK(h->num_entries == 4);
	CHECK(record(h, 3)->type == L4_BOOTREC_MODULE);
	CHECK(record(h, 3)->offset_next == 72);
	CHECK(n == h->size && n == bootinfo_size(&bi) - 32);
	free(h);
}

static void bootinfo_of_the_two_programs_alone_has_no_module_record(void)
{
	size_t n;
	struct l4_bootinfo *h;

	machine();
	bi.nmodules = 2;
	h = boot_info(MBI_PA, &n);
	CHECK(h->num_entries == 3);
	CHECK(record(h, 2)->type == L4_BOOTREC_MULTIBOOT);
	free(h);
}

/* The Multiboot-1 information of the machine; NULL if mbi_write refused.
 * Addresses in it are MBI_PA-based: at() turns them into pointers. */
static uint8_t *mbi_buf;

static struct l4_mbi *mbi(uint64_t pa)
{
	size_t size = mbi_size(&bi);

	free(mbi_buf);
	mbi_buf = calloc(1, size);
	if (!mbi_write(mbi_buf, pa, &bi, img))
		return NULL;
	return (struct l4_mbi *)mbi_buf;
}

static const void *at(uint32_t a)
{
	return mbi_buf + (a - MBI_PA);
}

static void mbi_lists_the_kernel_the_programs_as_loaded_and_the_modules(void)
{
	const struct l4_mbi *m;
	const struct l4_mbi_module *mods;

	machine();
	m = mbi(MBI_PA);
	if (!CHECK(m != NULL))
		return;
	CHECK(m->flags == (L4_MBI_MEM | L4_MBI_CMDLINE | L4_MBI_MODS |
			   L4_MBI_MMAP | L4_MBI_LOADER));
	CHECK(m->mods_count == 5 && m->mods_addr == MBI_PA + 88);
	mods = at(m->mods_addr);
	CHECK(mods[0].start == 0x100000 && mods[0].end == 0x200000);
	CHECK(strcmp(at(mods[0].cmdline), "hz=100") == 0);
	CHECK(mods[1].start == 0x2000000 && mods[1].end == 0x20218d0);
	CHECK(mods[1].reserved == 0x2000790);
	CHECK(strcmp(at(mods[1].cmdline), "sigma0") == 0);
	CHECK(mods[2].start == 0x2400000 && mods[2].end == 0x240d000);
	CHECK(mods[2].reserved == 0x2401000);
	CHECK(mods[3].start == 0x340000 && mods[3].end == 0x350000);
	CHECK(mods[3].reserved == 0);
	CHECK(strcmp(at(mods[4].cmdline), "hello.txt greeting=yes") == 0);
	/* The command line is the root task's, the string of module 2. */
	CHECK(m->cmdline == mods[2].cmdline);
	CHECK(strcmp(at(m->cmdline), "roottask -v") == 0);
	CHECK(strcmp(at(m->boot_loader_name), "GRUB 2.06") == 0);
}

static void mbi_memory_map_copies_every_region_with_64_bit_addresses(void)
{
	const struct l4_mbi *m;
	const struct l4_mbi_mmap *e;

	machine();
	m = mbi(MBI_PA);
	if (!CHECK(m != NULL))
		return;
	CHECK(m->mmap_length == 6 * 24);
	CHECK(m->mmap_addr == MBI_PA + 88 + 5 * 16);
	e = at(m->mmap_addr);
	CHECK(e[0].size == 20 && l4_mbi_mmap_base(&e[0]) == 0);
	CHECK(l4_mbi_mmap_length(&e[0]) == 0x9fc00 && e[0].type == 1);
	CHECK(e[1].type == 2 && l4_mbi_mmap_base(&e[1]) == 0x9fc00);
	CHECK(l4_mbi_mmap_base(&e[5]) == 0x100000000ull);
	CHECK(l4_mbi_mmap_length(&e[5]) == 0x40000000ull && e[5].type == 1);
}

static void mbi_lower_and_upper_memory_count_kib_up_to_the_first_gap(void)
{
	const struct l4_mbi *m;

	machine();
	m = mbi(MBI_PA);
	if (!CHECK(m != NULL))
		return;
	CHECK(m->mem_lower == 639);
	CHECK(m->mem_upper == (0x7fe0000 - 0x100000) / 1024);
	/* Adjacent available ranges are one stretch. */
	bi.regions[3].end = 0x400000;
	add_region(0x400000, 0x800000, BOOT_MEM_AVAILABLE);
	m = mbi(MBI_PA);
	CHECK(m->mem_upper == (0x800000 - 0x100000) / 1024);
}

static void mbi_refuses_what_does_not_fit_in_32_bits(void)
{
	machine();
	CHECK(mbi(MBI_PA) != NULL);
	CHECK(mbi(0xffffff00ul) == NULL); /* its strings cross 4 GiB */
	bi.modules[3].end = 0x100000000ul;
	CHECK(mbi(MBI_PA) == NULL);
	machine();
	img[1].seg[2].vaddr = 0xfffff000ul;
	CHECK(mbi(MBI_PA) == NULL);
}

static void bootinfo_and_mbi_sizes_hold_the_most_and_longest_lines(void)
{
	const struct l4_mbi_module *mods;
	struct l4_bootinfo *h;
	size_t n;

	machine();
	for (unsigned i = 0; i < BOOT_MAX_MODULES; i++) {
		struct boot_module *m = &bi.modules[i];

		if (i >= bi.nmodules) {
			m->start = 0x400000 + i * 0x1000;
			m->end = m->start + 1;
		}
		memset(m->cmdline, 'x', BOOT_CMDLINE_MAX - 1);
		m->cmdline[BOOT_CMDLINE_MAX - 1] = 0;
	}
	bi.nmodules = BOOT_MAX_MODULES;
	h = boot_info(MBI_PA, &n);
	CHECK(h->num_entries == BOOT_MAX_MODULES + 1 && n == h->size);
	CHECK(strlen(l4_bootrec_module_cmdline((const void *)record(
		      h, BOOT_MAX_MODULES - 1))) == BOOT_CMDLINE_MAX - 1);
	free(h);
	if (!CHECK(mbi(MBI_PA) != NULL))
		return;
	mods = at(MBI_PA + 88);
	CHECK(strlen(at(mods[BOOT_MAX_MODULES].cmdline)) ==
	      BOOT_CMDLINE_MAX - 1);
}

int main(void)
{
	RUN(bootinfo_lists_two_programs_then_modules_then_multiboot);
	RUN(bootinfo_records_point_their_own_padded_size_on);
	RUN(bootinfo_module_records_give_where_the_loader_put_them);
	RUN(bootinfo_simple_exec_splits_an_image_into_text_data_bss);
	RUN(bootinfo_simple_exec_without_data_leaves_data_zero);
	RUN(bootinfo_without_multiboot_information_ends_with_the_modules);
	RUN(bootinfo_of_the_two_programs_alone_has_no_module_record);
	RUN(mbi_lists_the_kernel_the_programs_as_loaded_and_the_modules);
	RUN(mbi_memory_map_copies_every_region_with_64_bit_addresses);
	RUN(mbi_lower_and_upper_memory_count_kib_up_to_the_first_gap);
	RUN(mbi_refuses_what_does_not_fit_in_32_bits);
	RUN(bootinfo_and_mbi_sizes_hold_the_most_and_longest_lines);
	free(mbi_buf);
	return check_done();
}
