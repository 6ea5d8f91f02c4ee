// SPDX-License-Identifier: BSD-2-Clause
/* Memory of the test suite; see memory.h. */
#include "suite.h"

/* Ends of the image, from suite.ld. */
extern const char __suite_image_start[], __suite_image_end[];

static l4_word_t scratch_next = SUITE_SCRATCH_BASE;

/* Touch [start, end): sigma0 maps it to the runner, whose pager it is. */
static void touch(const volatile char *start, const volatile char *end)
{
	l4_word_t p = (l4_word_t)start & ~(SUITE_PAGE - 1);

	for (; p < (l4_word_t)end; p += SUITE_PAGE)
		(void)*(const volatile char *)p;
}

/* Touch the string at @s, with its NUL. */
static void touch_string(const char *s)
{
	const char *end = s;

	while (*end)
		end++;
	touch(s, end + 1);
}

/* Touch the Multiboot-1 information at @a: the structure, its module
 * list, memory map and strings. */
static void touch_mbi(l4_word_t a)
{
	const struct l4_mbi *m = (const struct l4_mbi *)a;
	const struct l4_mbi_module *mods;

	touch((const char *)m, (const char *)(m + 1));
	mods = (const struct l4_mbi_module *)(l4_word_t)m->mods_addr;
	touch((const char *)mods, (const char *)(mods + m->mods_count));
	touch((const char *)(l4_word_t)m->mmap_addr,
	      (const char *)(l4_word_t)m->mmap_addr + m->mmap_length);
	touch_string((const char *)(l4_word_t)m->cmdline);
	touch_string((const char *)(l4_word_t)m->boot_loader_name);
	for (uint32_t i = 0; i < m->mods_count; i++)
		touch_string((const char *)(l4_word_t)mods[i].cmdline);
}

void suite_memory_init(void)
{
	const struct l4_bootinfo *bi = (const void *)l4_kip_boot_info(l4_kip);
	const struct l4_bootrec_multiboot *mb;

	touch(__suite_image_start, __suite_image_end);
	if (!bi)
		return;
	/* The boot information too, with what it points at, for the KIP
	 * cases. */
	touch((const char *)bi, (const char *)bi + 1);
	touch((const char *)bi, (const char *)bi + bi->size);
	for (unsigned i = 0; i < l4_bootinfo_num_modules(bi); i++) {
		const struct l4_bootrec_module *m = l4_bootinfo_module(bi, i);

		if (m)
			touch((const char *)m->start,
			      (const char *)m->start + m->size);
	}
	mb = l4_bootinfo_multiboot(bi);
	if (mb)
		touch_mbi(mb->address);
}

bool suite_in_image(l4_word_t va)
{
	return va >= (l4_word_t)__suite_image_start &&
	       va < (l4_word_t)__suite_image_end;
}

l4_word_t suite_scratch_va(void)
{
	l4_word_t va = scratch_next;

	scratch_next += SUITE_PAGE;
	return va;
}

l4_word_t suite_sigma0_request(l4_fpage_t want, l4_word_t window)
{
	l4_word_t *u = l4_utcb();
	l4_msgtag_t tag;

	u[L4_UTCB_BR(0)] = l4_acceptor(
		l4_fpage(window, l4_fpage_log2(want), L4_FPAGE_RWX), false);
	l4_set_mr(0, l4_sigma0_tag().raw);
	l4_set_mr(L4_SIGMA0_MR_FPAGE, want.raw);
	l4_set_mr(L4_SIGMA0_MR_ATTR, L4_SIGMA0_ATTR_DEFAULT);
	tag = l4_call(suite_sigma0);
	u[L4_UTCB_BR(0)] = 0;
	if (l4_msgtag_is_error(tag) || l4_msgtag_typed(tag) != 2)
		return 0;
	return l4_mr(2);
}

void *suite_page_alloc(void)
{
	l4_word_t va = suite_scratch_va();

	if (!suite_sigma0_request(l4_sigma0_any_fpage(12, L4_FPAGE_RWX), va))
		return NULL;
	return (void *)va;
}

/* Word 0 of the descriptor that decides about @pa, or 0 if none does. */
static l4_word_t mem_desc_at(l4_word_t pa)
{
	l4_word_t w0 = 0;

	for (l4_word_t i = 0; i < l4_kip_num_memdesc(l4_kip); i++) {
		const l4_word_t *d = l4_kip_memdesc(l4_kip, i);

		if (!l4_memdesc_is_virtual(d[0]) &&
		    pa >= l4_memdesc_low(d[0]) && pa <= l4_memdesc_high(d[1]))
			w0 = d[0];
	}
	return w0;
}

unsigned suite_mem_type(l4_word_t pa)
{
	return l4_memdesc_type(mem_desc_at(pa));
}

unsigned suite_mem_subtype(l4_word_t pa)
{
	return l4_memdesc_subtype(mem_desc_at(pa));
}

bool suite_phys_page(unsigned type, unsigned n, l4_word_t *pa)
{
	l4_word_t low = 0, size = 0;

	for (l4_word_t i = 0; i < l4_kip_num_memdesc(l4_kip); i++) {
		const l4_word_t *d = l4_kip_memdesc(l4_kip, i);
		l4_word_t lo = l4_memdesc_low(d[0]);
		l4_word_t sz = l4_memdesc_high(d[1]) + 1 - lo;

		if (!l4_memdesc_is_virtual(d[0]) &&
		    l4_memdesc_type(d[0]) == type && sz > size) {
			low = lo;
			size = sz;
		}
	}
	/* From the middle on, skipping pages some later descriptor took. */
	for (l4_word_t p = (low + size / 2) & ~(SUITE_PAGE - 1);
	     size && p + SUITE_PAGE <= low + size; p += SUITE_PAGE) {
		if (suite_mem_type(p) == type && n-- == 0) {
			*pa = p;
			return true;
		}
	}
	return false;
}

l4_word_t suite_sigma0_ports(l4_word_t port, unsigned log2)
{
	l4_word_t *u = l4_utcb();
	l4_fpage_t f = l4_iofpage(port, log2, 0);
	l4_msgtag_t tag;

	u[L4_UTCB_BR(0)] = l4_acceptor(f, false);
	l4_set_mr(0, l4_sigma0_tag().raw);
	l4_set_mr(1, f.raw);
	l4_set_mr(2, L4_SIGMA0_ATTR_DEFAULT);
	tag = l4_call(suite_sigma0);
	u[L4_UTCB_BR(0)] = 0;
	if (l4_msgtag_is_error(tag) || l4_msgtag_typed(tag) != 2)
		return 0;
	return l4_mr(2);
}
