// SPDX-License-Identifier: BSD-2-Clause
/*
 * In-kernel cases for address spaces and the TLB (arch/x86_64/vspace.c,
 * docs/pcid.md): a change made to a space while another is loaded must be
 * gone from the TLB when the first is loaded again. Each case fills the TLB
 * through a kernel read of user memory in space A, changes A while B is
 * loaded, and loads A again with its own CR3 value (no flush where PCIDs
 * are used). Bochs and QEMU flush on every CR3 load regardless, so there
 * the cases check the mechanics; on hardware they catch a stale entry.
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/space.h>

#include <arch/cpu.h>
#include <arch/paging.h>
#include <arch/pcid.h>

#include "ktest.h"

#define VA 0x40000000ul /* 2 MiB aligned, below any user trial */
#define PATTERN 0x5ca1ab1e0ddba11ul

/* Two spaces, A with a page holding PATTERN at VA. */
struct two_spaces {
	struct space a, b;
	uint64_t *frame;
	uint64_t saved_cr3;
};

static bool setup(struct two_spaces *t)
{
	*t = (struct two_spaces){ .saved_cr3 = read_cr3() };
	t->frame = kmem_alloc(&kernel_pool);
	if (!t->frame || !arch_vspace_create(&t->a))
		return false;
	if (!arch_vspace_create(&t->b)) {
		arch_vspace_destroy(&t->a);
		return false;
	}
	t->frame[0] = PATTERN;
	return arch_vspace_map(&t->a, VA, arch_virt_to_phys(t->frame), 12,
			       4 | 2);
}

static void teardown(struct two_spaces *t)
{
	write_cr3(t->saved_cr3);
	arch_vspace_destroy(&t->a);
	arch_vspace_destroy(&t->b);
	kmem_free(&kernel_pool, t->frame);
}

/* Load A, read VA (which puts it in the TLB under A's PCID), load B. */
static bool touch_in_a_then_load_b(struct two_spaces *t)
{
	uint64_t v = 0;
	bool ok;

	write_cr3(t->a.cr3);
	ok = arch_copy_from_user(&v, VA, sizeof(v)) && v == PATTERN;
	write_cr3(t->b.cr3);
	return ok;
}

KTEST(spaces_get_distinct_pcids_where_the_cpu_has_them)
{
	struct two_spaces t;

	if (!setup(&t)) {
		KEXPECT(false);
		return;
	}
	KEXPECT((t.a.cr3 & PTE_ADDR) == t.a.pt_root);
	if (pcid_enabled) {
		KEXPECT(cr3_pcid(t.a.cr3) != 0 && cr3_pcid(t.b.cr3) != 0);
		KEXPECT(cr3_pcid(t.a.cr3) != cr3_pcid(t.b.cr3));
		KEXPECT(t.a.cr3 & CR3_NOFLUSH);
	} else {
		KEXPECT(t.a.cr3 == t.a.pt_root);
	}
	teardown(&t);
}

KTEST(unmap_in_a_space_not_loaded_leaves_no_stale_entry)
{
	struct two_spaces t;
	uint64_t v = 0;

	if (!setup(&t)) {
		KEXPECT(false);
		return;
	}
	KEXPECT(touch_in_a_then_load_b(&t));
	arch_vspace_unmap(&t.a, VA, 12);
	write_cr3(t.a.cr3);
	KEXPECT(!arch_copy_from_user(&v, VA, sizeof(v)));
	teardown(&t);
}

KTEST(protect_in_a_space_not_loaded_leaves_no_stale_entry)
{
	struct two_spaces t;
	uint64_t v = 1;

	if (!setup(&t)) {
		KEXPECT(false);
		return;
	}
	write_cr3(t.a.cr3);
	KEXPECT(arch_copy_to_user(VA, &v, sizeof(v))); /* writable, dirty */
	write_cr3(t.b.cr3);
	arch_vspace_protect(&t.a, VA, 12, 4);
	write_cr3(t.a.cr3);
	KEXPECT(!arch_copy_to_user(VA, &v, sizeof(v)));
	KEXPECT(arch_copy_from_user(&v, VA, sizeof(v)) && v == 1);
	teardown(&t);
}

/* The 4 KiB page's table, emptied and replaced by a 2 MiB page while B is
 * loaded, must not be reached through a cached walk: A must see the new
 * page (physical 0, read through the direct map for comparison). */
KTEST(large_page_over_an_emptied_table_in_a_space_not_loaded)
{
	struct two_spaces t;
	uint64_t v = 0, want = *(const uint64_t *)arch_phys_to_virt(0);

	if (!setup(&t)) {
		KEXPECT(false);
		return;
	}
	KEXPECT(want != PATTERN);
	KEXPECT(touch_in_a_then_load_b(&t));
	arch_vspace_unmap(&t.a, VA, 12);
	KEXPECT(arch_vspace_map(&t.a, VA, 0, 21, 4));
	write_cr3(t.a.cr3);
	KEXPECT(arch_copy_from_user(&v, VA, sizeof(v)) && v == want);
	teardown(&t);
}

KTEST(destroying_the_loaded_space_moves_to_the_kernel_tables)
{
	struct two_spaces t;

	if (!setup(&t)) {
		KEXPECT(false);
		return;
	}
	write_cr3(t.a.cr3);
	arch_vspace_destroy(&t.a);
	KEXPECT((read_cr3() & PTE_ADDR) == kernel_pml4_phys);
	KEXPECT(cr3_pcid(read_cr3()) == 0);
	write_cr3(t.saved_cr3);
	arch_vspace_destroy(&t.b);
	kmem_free(&kernel_pool, t.frame);
}
