// SPDX-License-Identifier: BSD-2-Clause
/* KernelInterface and the kernel interface page (ABI.md sections 1, 3). */
#include "suite.h"

extern const char _start[];
extern const char __suite_image_start[], __suite_image_end[];

SUITE_TEST(kernel_interface_returns_the_kip_api_version_and_flags)
{
	l4_word_t version, flags, id;
	void *kip = l4_kernel_interface(&version, &flags, &id);

	EXPECT(kip == l4_kip);
	EXPECT(((l4_word_t)kip & (SUITE_PAGE - 1)) == 0);
	EXPECT(version == L4_API_VERSION);
	EXPECT(l4_api_version_version(version) == L4_API_VERSION_X2);
	EXPECT(flags == L4_API_FLAGS);
	EXPECT(l4_api_flags_word_size(flags) == 1);
	EXPECT(l4_api_flags_endian(flags) == 0);
}

SUITE_TEST(kernel_interface_changes_no_other_register)
{
	register l4_word_t r8 __asm__("r8") = 0x8888;
	register l4_word_t r9 __asm__("r9") = 0x9999;
	register l4_word_t r10 __asm__("r10") = 0xaaaa;
	register l4_word_t r11 __asm__("r11") = 0xbbbb;
	register l4_word_t r12 __asm__("r12") = 0xcccc;
	register l4_word_t r13 __asm__("r13") = 0xdddd;
	register l4_word_t r14 __asm__("r14") = 0xeeee;
	register l4_word_t r15 __asm__("r15") = 0xffff;
	l4_word_t rax, rcx, rdx, rsi, rbx = 0xb0b0, rdi = 0xd0d0;

	__asm__ volatile("lock; nop"
			 : "=a"(rax), "=c"(rcx), "=d"(rdx), "=S"(rsi),
			   "+b"(rbx), "+D"(rdi), "+r"(r8), "+r"(r9), "+r"(r10),
			   "+r"(r11), "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15)
			 :
			 : "memory");
	EXPECT(rax == (l4_word_t)l4_kip);
	EXPECT(rcx == L4_API_VERSION);
	EXPECT(rdx == L4_API_FLAGS);
	EXPECT(rbx == 0xb0b0 && rdi == 0xd0d0);
	EXPECT(r8 == 0x8888 && r9 == 0x9999 && r10 == 0xaaaa);
	EXPECT(r11 == 0xbbbb && r12 == 0xcccc && r13 == 0xdddd);
	EXPECT(r14 == 0xeeee && r15 == 0xffff);
}

SUITE_TEST(kip_starts_with_the_magic_version_and_flags)
{
	EXPECT(l4_kip_is_valid(l4_kip));
	EXPECT((l4_kip_word(l4_kip, L4_KIP_OFF_MAGIC) & 0xffffffff) ==
	       0x4be6344c);
	EXPECT(l4_kip_api_version(l4_kip) == 0x84050000);
	EXPECT(l4_kip_api_flags(l4_kip) == 0x4);
}

/* True if the 32-byte slot at @stub holds a syscall instruction. */
static bool stub_has_syscall(l4_word_t stub)
{
	const volatile uint8_t *p = (const volatile uint8_t *)stub;

	for (unsigned i = 0; i + 1 < 32; i++)
		if (p[i] == 0x0f && p[i + 1] == 0x05)
			return true;
	return false;
}

SUITE_TEST(kip_system_call_fields_point_at_stubs_in_one_user_page)
{
	static const size_t off[] = {
		L4_KIP_OFF_SPACE_CONTROL,
		L4_KIP_OFF_THREAD_CONTROL,
		L4_KIP_OFF_PROCESSOR_CONTROL,
		L4_KIP_OFF_MEMORY_CONTROL,
		L4_KIP_OFF_IPC,
		L4_KIP_OFF_LIPC,
		L4_KIP_OFF_UNMAP,
		L4_KIP_OFF_EXCHANGE_REGISTERS,
		L4_KIP_OFF_SYSTEM_CLOCK,
		L4_KIP_OFF_THREAD_SWITCH,
		L4_KIP_OFF_SCHEDULE,
		L4_KIP_OFF_ARCH_SYSCALL0, /* the null system call */
	};
	l4_word_t page = l4_kip_syscall(l4_kip, L4_KIP_OFF_IPC) & ~0xffful;

	EXPECT(page != 0);
	for (unsigned i = 0; i < sizeof(off) / sizeof(off[0]); i++) {
		l4_word_t stub = l4_kip_syscall(l4_kip, off[i]);

		EXPECT((stub & ~0xffful) == page);
		EXPECT(stub_has_syscall(stub));
		for (unsigned j = 0; j < i; j++)
			EXPECT(stub != l4_kip_syscall(l4_kip, off[j]));
	}
	EXPECT(l4_kip_word(l4_kip, L4_KIP_OFF_ARCH_SYSCALL1) == 0);
	EXPECT(l4_kip_word(l4_kip, L4_KIP_OFF_ARCH_SYSCALL2) == 0);
	EXPECT(l4_kip_word(l4_kip, L4_KIP_OFF_ARCH_SYSCALL3) == 0);
}

SUITE_TEST(kip_thread_info_puts_the_root_task_two_above_the_user_base)
{
	l4_word_t info = l4_kip_thread_info(l4_kip);
	unsigned bits = l4_thread_info_bits(info);

	EXPECT(l4_thread_info_system_base(info) <=
	       l4_thread_info_user_base(info));
	EXPECT(l4_thread_number(suite_runner) ==
	       l4_thread_info_user_base(info) + 2);
	EXPECT(l4_thread_version(suite_runner) == 1);
	EXPECT(bits >= 16 && bits <= 32);
	EXPECT(l4_thread_number(l4_myself()) < (1ull << bits));
}

SUITE_TEST(kip_page_info_offers_4k_pages_with_rwx_rights)
{
	l4_word_t info = l4_kip_page_info(l4_kip);
	l4_word_t sizes = l4_page_info_size_mask(info);

	EXPECT(sizes & (1ul << 12));
	EXPECT((sizes & 0xfff) == 0);
	EXPECT(l4_page_info_rights(info) & L4_FPAGE_R);
	EXPECT(l4_page_info_rights(info) & L4_FPAGE_W);
}

SUITE_TEST(kip_utcb_area_info_gives_1k_utcbs_in_areas_of_4k_or_more)
{
	l4_word_t info = l4_kip_utcb_info(l4_kip);

	EXPECT(l4_utcb_info_multiplier(info) == 1);
	EXPECT(l4_utcb_info_align_log2(info) == 10);
	EXPECT(l4_utcb_info_min_log2(info) == 12);
	EXPECT(l4_utcb_info_utcb_size(info) == L4_UTCB_SIZE);
}

SUITE_TEST(kip_area_info_is_one_4k_page)
{
	EXPECT(l4_kip_area_info_log2(l4_kip_kip_area_info(l4_kip)) == 12);
}

SUITE_TEST(kip_memory_descriptors_describe_conventional_and_kernel_memory)
{
	l4_word_t info = l4_kip_word(l4_kip, L4_KIP_OFF_MEMORY_INFO);
	l4_word_t n = l4_memory_info_count(info);
	l4_word_t off = l4_memory_info_offset(info);
	unsigned conventional = 0, reserved = 0, user_half = 0;

	EXPECT(n > 0);
	EXPECT(off % L4_MEMDESC_SIZE == 0);
	EXPECT(off >= 0x200 && off + n * L4_MEMDESC_SIZE <= L4_KIP_SIZE);
	for (l4_word_t i = 0; i < n; i++) {
		const l4_word_t *d = l4_kip_memdesc(l4_kip, i);

		EXPECT(l4_memdesc_low(d[0]) <= l4_memdesc_high(d[1]));
		conventional += l4_memdesc_type(d[0]) ==
				L4_MEMDESC_CONVENTIONAL;
		reserved += l4_memdesc_type(d[0]) == L4_MEMDESC_RESERVED;
		/* The user half as virtual conventional memory. */
		user_half += l4_memdesc_is_virtual(d[0]) &&
			     l4_memdesc_type(d[0]) == L4_MEMDESC_CONVENTIONAL &&
			     l4_memdesc_low(d[0]) == 0 &&
			     l4_memdesc_high(d[1]) == 0x00007ffffffffffful;
	}
	EXPECT(user_half == 1);
	EXPECT(conventional > 0);
	EXPECT(reserved > 0);
	/* The suite's own image was given by the boot loader. */
	EXPECT(suite_mem_type((l4_word_t)__suite_image_start) ==
	       L4_MEMDESC_BOOTLOADER);
}

SUITE_TEST(kip_describes_the_local_apic_page_as_reserved)
{
	/* The kernel drives the local APIC (at its reset address on both
	 * emulators); sigma0 must not give it away. */
	EXPECT(suite_mem_type(0xfee00000) == L4_MEMDESC_RESERVED);
	EXPECT(suite_mem_type(0xfee00fff) == L4_MEMDESC_RESERVED);
	EXPECT(suite_mem_type(0xfee01000) != L4_MEMDESC_RESERVED);
}

SUITE_TEST(kip_root_server_descriptor_covers_the_suite_image)
{
	size_t rs = L4_KIP_OFF_ROOT_SERVER;

	EXPECT(l4_kip_server(l4_kip, rs, L4_KIP_SERVER_IP) ==
	       (l4_word_t)_start);
	EXPECT(l4_kip_server(l4_kip, rs, L4_KIP_SERVER_MEM_LOW) <=
	       (l4_word_t)__suite_image_start);
	EXPECT(l4_kip_server(l4_kip, rs, L4_KIP_SERVER_MEM_HIGH) >=
	       (l4_word_t)__suite_image_end - 1);
	EXPECT(l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_IP) != 0);
}

/* Is @c the command line @want, or @want followed by arguments? */
static bool cmdline_is(const char *c, const char *want)
{
	unsigned i = 0;

	if (!c)
		return false;
	while (want[i] && c[i] == want[i])
		i++;
	return want[i] == 0 && (c[i] == 0 || c[i] == ' ');
}

/* Is the string @c exactly @want? */
static bool string_is(const char *c, const char *want)
{
	unsigned i = 0;

	if (!c)
		return false;
	while (want[i] && c[i] == want[i])
		i++;
	return want[i] == 0 && c[i] == 0;
}

/* The suite's boot information, walked as a program built against the
 * reference library walks it: num_entries records from first_entry on,
 * each offset_next further. Record @i, or NULL. */
static const struct l4_bootrec *boot_record(l4_word_t i)
{
	const struct l4_bootinfo *bi = (const void *)l4_kip_boot_info(l4_kip);
	const struct l4_bootrec *r;

	if (!bi || !l4_bootinfo_is_valid(bi) || i >= bi->num_entries)
		return NULL;
	r = l4_bootinfo_first(bi);
	while (i-- > 0)
		r = l4_bootrec_next(r);
	return r;
}

/* The suite image holds sigma0, the suite, and hello.txt (25 bytes). */
#define HELLO_CMDLINE "hello.txt greeting=yes"
#define HELLO_SIZE 25

/* Each part of SimpleExec record @e lies in [low, high] of KIP root-server
 * descriptor @rs, at equal physical and virtual addresses. */
static bool exec_parts_inside(const struct l4_bootrec_exec *e, size_t rs)
{
	l4_word_t low = l4_kip_server(l4_kip, rs, L4_KIP_SERVER_MEM_LOW);
	l4_word_t high = l4_kip_server(l4_kip, rs, L4_KIP_SERVER_MEM_HIGH);
	const l4_word_t part[3][3] = {
		{ e->text_pstart, e->text_vstart, e->text_size },
		{ e->data_pstart, e->data_vstart, e->data_size },
		{ e->bss_pstart, e->bss_vstart, e->bss_size },
	};

	for (unsigned i = 0; i < 3; i++)
		if (part[i][2] != 0 &&
		    (part[i][0] != part[i][1] || part[i][0] < low ||
		     part[i][0] + part[i][2] - 1 > high))
			return false;
	return e->text_size != 0;
}

SUITE_TEST(kip_boot_info_starts_with_simple_exec_records_of_sigma0_and_suite)
{
	const struct l4_bootrec_exec *s0 = (const void *)boot_record(0);
	const struct l4_bootrec_exec *me = (const void *)boot_record(1);

	if (!EXPECT(s0 && me))
		return;
	EXPECT(s0->rec.type == L4_BOOTREC_SIMPLE_EXEC && s0->rec.version == 1);
	EXPECT(me->rec.type == L4_BOOTREC_SIMPLE_EXEC && me->rec.version == 1);
	EXPECT(cmdline_is(l4_bootrec_exec_cmdline(s0), "sigma0"));
	EXPECT(cmdline_is(l4_bootrec_exec_cmdline(me), "suite"));
	EXPECT(s0->initial_ip ==
	       l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_IP));
	EXPECT(me->initial_ip ==
	       l4_kip_server(l4_kip, L4_KIP_OFF_ROOT_SERVER, L4_KIP_SERVER_IP));
	EXPECT(me->initial_ip == (l4_word_t)_start);
	EXPECT(exec_parts_inside(s0, L4_KIP_OFF_SIGMA0));
	EXPECT(exec_parts_inside(me, L4_KIP_OFF_ROOT_SERVER));
	/* The suite's code is text; its bss lies behind its data. */
	EXPECT(me->text_vstart <= (l4_word_t)_start &&
	       (l4_word_t)_start < me->text_vstart + me->text_size);
	EXPECT(me->bss_size > 0 &&
	       me->bss_vstart >= me->data_vstart + me->data_size);
	EXPECT(s0->flags == 2 && me->flags == 2); /* ELFCLASS64 */
	EXPECT(s0->label == 0 && me->label == 0);
}

SUITE_TEST(kip_boot_info_lists_the_other_modules_as_module_records)
{
	const struct l4_bootinfo *bi = (const void *)l4_kip_boot_info(l4_kip);
	const struct l4_bootrec_module *m = (const void *)boot_record(2);
	const struct l4_bootrec *last = boot_record(3);
	char name[16];

	if (!EXPECT(bi && m && last))
		return;
	EXPECT(bi->num_entries == 4);
	EXPECT(m->rec.type == L4_BOOTREC_MODULE && m->rec.version == 1);
	EXPECT(string_is(l4_bootrec_module_cmdline(m), HELLO_CMDLINE));
	EXPECT(m->size == HELLO_SIZE);
	EXPECT(m->start % SUITE_PAGE == 0);
	EXPECT(*(const char *)m->start == 'h');
	EXPECT(last->type == L4_BOOTREC_MULTIBOOT && last->version == 1);
	/* The library's walkers see the same. */
	EXPECT(l4_bootinfo_num_execs(bi) == 2);
	EXPECT(l4_bootinfo_num_modules(bi) == 1);
	EXPECT(l4_bootinfo_module(bi, 0) == m);
	EXPECT(l4_bootinfo_module(bi, 1) == NULL);
	EXPECT(l4_bootinfo_exec(bi, 1) == (const void *)boot_record(1));
	EXPECT(l4_bootinfo_multiboot(bi) == (const void *)last);
	EXPECT(l4_bootrec_exec_name(l4_bootinfo_exec(bi, 0), name,
				    sizeof(name)) == 6);
	EXPECT(string_is(name, "sigma0"));
}

/* Bytes of a record of @head bytes and its command line, padded to a
 * word. */
static l4_word_t record_size(l4_word_t head, const char *cmd)
{
	l4_word_t n = head;

	while (*cmd++)
		n++;
	return (n + 1 + 7) & ~7ul;
}

SUITE_TEST(kip_boot_info_records_each_point_their_own_size_on)
{
	const struct l4_bootinfo *bi = (const void *)l4_kip_boot_info(l4_kip);
	l4_word_t off;

	if (!EXPECT(bi && l4_bootinfo_is_valid(bi)))
		return;
	EXPECT(bi->first_entry == sizeof(*bi));
	off = bi->first_entry;
	for (l4_word_t i = 0; i < bi->num_entries; i++) {
		const struct l4_bootrec *r = boot_record(i);
		l4_word_t want = 0;

		if (r->type == L4_BOOTREC_SIMPLE_EXEC)
			want = record_size(
				sizeof(struct l4_bootrec_exec),
				l4_bootrec_exec_cmdline((const void *)r));
		else if (r->type == L4_BOOTREC_MODULE)
			want = record_size(
				sizeof(struct l4_bootrec_module),
				l4_bootrec_module_cmdline((const void *)r));
		else if (r->type == L4_BOOTREC_MULTIBOOT)
			want = sizeof(struct l4_bootrec_multiboot);
		EXPECT(want != 0 && r->offset_next == want);
		EXPECT((l4_word_t)r == (l4_word_t)bi + off);
		off += r->offset_next;
	}
	/* The last record's offset_next is its size too, not 0. */
	EXPECT(off == bi->size);
}

/* The Multiboot-1 information of the boot information, or NULL. */
static const struct l4_mbi *suite_mbi(void)
{
	const struct l4_bootrec_multiboot *r = (const void *)boot_record(3);

	if (!r || r->rec.type != L4_BOOTREC_MULTIBOOT)
		return NULL;
	return (const struct l4_mbi *)r->address;
}

/* The module list of @m. */
static const struct l4_mbi_module *mbi_mods(const struct l4_mbi *m)
{
	return (const struct l4_mbi_module *)(l4_word_t)m->mods_addr;
}

static const char *mbi_string(uint32_t a)
{
	return (const char *)(l4_word_t)a;
}

SUITE_TEST(kip_boot_info_multiboot_record_lists_kernel_and_modules)
{
	const struct l4_mbi *m = suite_mbi();
	const struct l4_mbi_module *mods;
	const struct l4_bootrec_exec *me = (const void *)boot_record(1);
	const struct l4_bootrec_module *hello = (const void *)boot_record(2);
	l4_word_t s0_ip =
		l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_IP);

	if (!EXPECT(m != NULL))
		return;
	EXPECT((m->flags &
		(L4_MBI_MEM | L4_MBI_CMDLINE | L4_MBI_MODS | L4_MBI_MMAP)) ==
	       (L4_MBI_MEM | L4_MBI_CMDLINE | L4_MBI_MODS | L4_MBI_MMAP));
	if (!EXPECT(m->mods_count == 4))
		return;
	mods = mbi_mods(m);
	/* 0: the kernel, the kernel's own memory. */
	EXPECT(mods[0].start < mods[0].end);
	EXPECT(suite_mem_type(mods[0].start) == L4_MEMDESC_RESERVED);
	/* 1, 2: sigma0 and the suite, as loaded, the entry in reserved. */
	EXPECT(string_is(mbi_string(mods[1].cmdline), "sigma0"));
	EXPECT(mods[1].reserved == s0_ip);
	EXPECT(mods[1].start <= s0_ip && s0_ip < mods[1].end);
	EXPECT(string_is(mbi_string(mods[2].cmdline), "suite"));
	EXPECT(mods[2].reserved == (l4_word_t)_start);
	/* From the first byte of its text to the end of its bss (the image
	 * end is that, page-aligned). */
	EXPECT(mods[2].start == (l4_word_t)__suite_image_start);
	EXPECT(me && mods[2].end == me->bss_vstart + me->bss_size);
	EXPECT(mods[2].end <= (l4_word_t)__suite_image_end &&
	       mods[2].end > (l4_word_t)__suite_image_end - SUITE_PAGE);
	/* 3: hello.txt where the boot loader put it. */
	EXPECT(string_is(mbi_string(mods[3].cmdline), HELLO_CMDLINE));
	EXPECT(hello && mods[3].start == hello->start &&
	       mods[3].end - mods[3].start == HELLO_SIZE);
	/* The command line is the root task's. */
	EXPECT(string_is(mbi_string(m->cmdline), "suite"));
	EXPECT(*mbi_string(m->boot_loader_name) != 0);
}

SUITE_TEST(kip_boot_info_multiboot_record_carries_a_memory_map)
{
	const struct l4_mbi *m = suite_mbi();
	l4_word_t a, end, upper_end = 0;
	unsigned entries = 0;

	if (!EXPECT(m != NULL))
		return;
	EXPECT(m->mem_lower > 0 && m->mem_lower <= 640);
	EXPECT(m->mem_upper > 0);
	EXPECT(m->mmap_length > 0 &&
	       m->mmap_length % sizeof(struct l4_mbi_mmap) == 0);
	a = m->mmap_addr;
	end = a + m->mmap_length;
	for (; a < end; a += ((const struct l4_mbi_mmap *)a)->size + 4) {
		const struct l4_mbi_mmap *e = (const void *)a;
		uint64_t base = l4_mbi_mmap_base(e);

		EXPECT(e->size == L4_MBI_MMAP_SIZE);
		EXPECT(l4_mbi_mmap_length(e) > 0);
		if (e->type == 1 && base <= 0x100000 &&
		    base + l4_mbi_mmap_length(e) > 0x100000)
			upper_end = base + l4_mbi_mmap_length(e);
		entries++;
	}
	EXPECT(entries > 1);
	/* Upper memory runs on from 1 MiB at least as far as its entry. */
	EXPECT(upper_end > 0x100000 &&
	       0x100000 + (l4_word_t)m->mem_upper * 1024 >= upper_end);
}

SUITE_TEST(kip_memory_descriptors_give_boot_memory_the_reference_subtypes)
{
	const struct l4_bootrec_module *hello = (const void *)boot_record(2);
	l4_word_t bi = l4_kip_boot_info(l4_kip);
	l4_word_t s0 =
		l4_kip_server(l4_kip, L4_KIP_OFF_SIGMA0, L4_KIP_SERVER_MEM_LOW);

	EXPECT(suite_mem_type(bi) == L4_MEMDESC_BOOTLOADER);
	EXPECT(suite_mem_subtype(bi) == L4_MEMDESC_BOOT_INIT_TABLE);
	if (EXPECT(suite_mbi() != NULL))
		EXPECT(suite_mem_subtype((l4_word_t)suite_mbi()) ==
		       L4_MEMDESC_BOOT_INIT_TABLE);
	EXPECT(suite_mem_type(s0) == L4_MEMDESC_BOOTLOADER);
	EXPECT(suite_mem_subtype(s0) == L4_MEMDESC_BOOT_INIT_SERVER);
	EXPECT(suite_mem_subtype((l4_word_t)__suite_image_start) ==
	       L4_MEMDESC_BOOT_INIT_SERVER);
	if (EXPECT(hello != NULL)) {
		EXPECT(suite_mem_type(hello->start) == L4_MEMDESC_BOOTLOADER);
		EXPECT(suite_mem_subtype(hello->start) ==
		       L4_MEMDESC_BOOT_MODULE);
	}
}

SUITE_TEST(kip_processor_info_describes_at_least_one_processor)
{
	l4_word_t info = l4_kip_processor_info(l4_kip);

	const l4_word_t *d = l4_kip_procdesc(l4_kip, 0);

	EXPECT(l4_processor_info_count(info) >= 1);
	/* Four words a descriptor, as the reference library steps. */
	EXPECT(l4_processor_info_desc_log2(info) == 5);
	if (!EXPECT(d != NULL))
		return;
	/* Measured frequencies: a program may divide by them. */
	EXPECT(d[L4_PROCDESC_EXTERNAL_FREQ / 8] > 0);
	EXPECT(d[L4_PROCDESC_INTERNAL_FREQ / 8] > 0);
}

/* Word @off of the kernel descriptor. */
static l4_word_t kdesc_word(size_t off)
{
	return l4_kip_kernel_desc(l4_kip)[off / 8];
}

SUITE_TEST(kernel_interface_returns_the_kernel_id_of_the_kernel_descriptor)
{
	l4_word_t version, flags, id;

	l4_kernel_interface(&version, &flags, &id);
	EXPECT(id == kdesc_word(L4_KDESC_KERNEL_ID));
}

SUITE_TEST(kip_kernel_id_has_id_and_subid_in_bits_31_to_16)
{
	l4_word_t id = kdesc_word(L4_KDESC_KERNEL_ID);

	EXPECT(l4_bits(id, 31, 24) != 0);
	EXPECT(l4_bits(id, 15, 0) == 0);
	EXPECT(id >> 32 == 0);
}

SUITE_TEST(kip_kernel_version_is_the_banners_version_and_subversion)
{
	l4_word_t v = kdesc_word(L4_KDESC_KERNEL_VERSION);

	static const char word[] = "microkernel ";
	const char *p = (const char *)l4_kip_kernel_desc(l4_kip) +
			L4_KDESC_VERSION_STRING;
	unsigned major = 0, minor = 0, i = 0;

	EXPECT(v != 0);
	EXPECT(v >> 32 == 0);
	/* Version 31:24 and subversion 23:16 are the banner's "M.m", after
	 * "microkernel ". */
	for (; *p && word[i]; p++)
		i = *p == word[i] ? i + 1 : (*p == word[0]);
	if (!EXPECT(word[i] == '\0'))
		return;
	while (*p >= '0' && *p <= '9')
		major = major * 10 + (unsigned)(*p++ - '0');
	if (!EXPECT(*p == '.'))
		return;
	for (p++; *p >= '0' && *p <= '9'; p++)
		minor = minor * 10 + (unsigned)(*p - '0');
	EXPECT((v >> 24 & 0xff) == major && (v >> 16 & 0xff) == minor);
}

SUITE_TEST(kip_kernel_descriptor_announces_the_l4x64_feature)
{
	EXPECT(l4_kip_kernel_desc(l4_kip) != NULL);
	EXPECT(l4_kip_feature(l4_kip, 0) != NULL);
	EXPECT(l4_kip_has_feature(l4_kip, "l4x64"));
}

static struct {
	volatile int done;
	l4_threadid_t myself;
	l4_word_t utcb, pager;
} seen;

/* Note what the thread finds in its own UTCB. */
static void look_at_own_utcb(void *arg)
{
	seen.myself = l4_myself();
	seen.utcb = (l4_word_t)l4_utcb();
	seen.pager = l4_utcb()[L4_UTCB_PAGER];
	seen.done = 1;
}

SUITE_TEST(utcb_my_global_id_is_the_id_given_to_thread_control)
{
	l4_threadid_t t;

	seen.done = 0;
	t = suite_thread_start(look_at_own_utcb, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_flag(&seen.done, 1000000)))
		return;
	EXPECT(seen.myself.raw == t.raw);
}

SUITE_TEST(utcb_address_at_gs0_is_the_local_id_inside_the_utcb_area)
{
	l4_word_t base = suite_utcb_area_base();
	l4_threadid_t t;

	seen.done = 0;
	t = suite_thread_start(look_at_own_utcb, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_flag(&seen.done, 1000000)))
		return;
	EXPECT(seen.utcb == suite_thread_local(t).raw);
	EXPECT((seen.utcb & 0x3f) == 0);
	EXPECT(seen.utcb >= base &&
	       seen.utcb < base + (1ul << suite_utcb_area_log2()));
	EXPECT(l4_utcb()[L4_UTCB_MY_GLOBAL_ID] == l4_myself().raw);
}

SUITE_TEST(utcb_pager_field_holds_the_pager_given_to_thread_control)
{
	l4_threadid_t t;

	seen.done = 0;
	t = suite_thread_start(look_at_own_utcb, NULL);
	if (!EXPECT(!l4_is_nil_thread(t)) ||
	    !EXPECT(suite_wait_flag(&seen.done, 1000000)))
		return;
	EXPECT(seen.pager == suite_runner.raw);
}

static struct suite_space space_a;

SUITE_TEST(kip_appears_at_the_kip_area_of_a_new_space)
{
	l4_word_t version = 0, kip;
	l4_threadid_t a;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	kip = suite_agent(a, SUITE_AG_KERNEL_INTERFACE, 0, 0, 0, &version);
	EXPECT(kip == SUITE_SPACE_KIP_AREA);
	EXPECT(version == L4_API_VERSION);
	EXPECT((suite_agent(a, SUITE_AG_READ, SUITE_SPACE_KIP_AREA, 0, 0,
			    NULL) &
		0xffffffff) == L4_KIP_MAGIC);
	EXPECT(suite_agent(a, SUITE_AG_READ,
			   SUITE_SPACE_KIP_AREA + L4_KIP_OFF_IPC, 0, 0,
			   NULL) == l4_kip_syscall(l4_kip, L4_KIP_OFF_IPC));
	EXPECT(suite_space_faults_at(&space_a, SUITE_SPACE_KIP_AREA) == 0);
	suite_space_delete(&space_a);
}

SUITE_TEST(utcb_of_a_thread_in_a_new_space_lies_at_its_utcb_location)
{
	l4_word_t id = 0, utcb;
	l4_threadid_t a, b;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	b = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a) && !l4_is_nil_thread(b)))
		return;
	utcb = suite_agent(a, SUITE_AG_WHOAMI, 0, 0, 0, &id);
	EXPECT(utcb == l4_utcb_from_location(SUITE_SPACE_UTCB_AREA));
	EXPECT(id == a.raw);
	utcb = suite_agent(b, SUITE_AG_WHOAMI, 0, 0, 0, &id);
	EXPECT(utcb ==
	       l4_utcb_from_location(SUITE_SPACE_UTCB_AREA + L4_UTCB_SIZE));
	EXPECT(id == b.raw);
	suite_space_delete(&space_a);
}

SUITE_TEST(kip_is_read_only_in_a_new_space)
{
	l4_word_t last = SUITE_SPACE_KIP_AREA + L4_KIP_SIZE - 8;
	l4_threadid_t a;
	l4_msgtag_t tag;

	if (!EXPECT(suite_space_create(&space_a)))
		return;
	a = suite_agent_start(&space_a);
	if (!EXPECT(!l4_is_nil_thread(a)))
		return;
	l4_set_mr(0, l4_msgtag_make(SUITE_AG_WRITE, 3, 0).raw);
	l4_set_mr(1, last);
	l4_set_mr(2, 0x5555);
	l4_set_mr(3, 0);
	EXPECT(!l4_msgtag_is_error(l4_send(a)));
	/* The write faults (the pager leaves it so): no answer comes. */
	tag = suite_serve(a, 50000);
	EXPECT(l4_msgtag_is_error(tag));
	if (!EXPECT(suite_space_faults_at(&space_a, last) == 1))
		return;
	EXPECT(space_a.fault[space_a.nfaults - 1].rwx == L4_FPAGE_W);
	EXPECT(space_a.fault[space_a.nfaults - 1].addr == last);
	EXPECT(l4_kip_word(l4_kip, L4_KIP_SIZE - 8) != 0x5555);
	suite_space_delete(&space_a);
}
