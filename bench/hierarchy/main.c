// SPDX-License-Identifier: BSD-2-Clause
/*
 * hierarchy: what a page fault costs through the user-level memory
 * hierarchy (docs/hierarchy.md). A program the root task loads; it starts
 * its region mapper and times, with rdtsc, the touch of a page that is not
 * mapped in its space but that the dataspace's manager holds:
 *
 *   pagefault_rm_root       region mapper -> root task (the image):
 *                           sigma0 -> root task -> program
 *   pagefault_rm_memory     region mapper -> memory server:
 *                           sigma0 -> memory -> program
 *   pagefault_rm_swapper    region mapper -> swapping pager, page resident:
 *                           sigma0 -> memory -> swapper -> program
 *   pagefault_rm_swapper2   a second swapping pager stacked on the first:
 *                           sigma0 -> memory -> swapper -> swapper2 -> program
 *   pagefault_swap_reload   region mapper -> swapper2, page evicted: the
 *                           fault evicts another page to the backing store
 *                           and reads this one back
 *
 * Each page is made resident first, then unmapped from this space only
 * (Unmap with the flush bit on our own page), so a sample is the fault
 * path alone: one read, one fault, one page mapped without W. One BENCH line per figure, as bench/pingpong prints them.
 */
#include <l4/dataspace.h>
#include <l4/kip.h>
#include <l4/printf.h>
#include <l4/rm.h>
#include <l4/swapper.h>
#include <l4/syscalls.h>

#include <pagers/rm_task.h>

#define WARMUP 2
#define SAMPLES 11
#define PAGES (WARMUP + SAMPLES)
#define PAGE 4096ul

static const char *unit = "unknown";
static l4_threadid_t rm;

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi) : : "memory");
	return ((uint64_t)hi << 32) | lo;
}

static void report(const char *name, uint64_t *v)
{
	for (int i = 1; i < SAMPLES; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t x = v[j];

			v[j] = v[j - 1];
			v[j - 1] = x;
		}
	l4_printf("BENCH name=%s unit=%s median=%lu min=%lu max=%lu n=%d\n",
		  name, unit, v[SAMPLES / 2], v[0], v[SAMPLES - 1], SAMPLES);
}

static void find_unit(void)
{
	const char *u = l4_kip_feature_value(l4_kip, "timestamp");

	if (u)
		unit = u;
}

/* Take page @a out of this space only; the manager keeps it. */
static void unmap_own(l4_word_t a)
{
	l4_set_mr(0, l4_fpage(a, 12, L4_FPAGE_RWX).raw);
	l4_unmap(l4_unmap_control(0, true));
}

/* Write to page @a (mapped writable afterwards). */
static void write(l4_word_t a)
{
	*(volatile l4_word_t *)a += 1;
}

/* Read page @a: one fault if it is not mapped (the region mapper asks for
 * no W on a read); the instructions it took. */
static uint64_t touch(l4_word_t a)
{
	uint64_t t0 = rdtsc();

	(void)*(volatile l4_word_t *)a;
	return rdtsc() - t0;
}

/* Fault on the PAGES pages at @base, each resident at its manager. */
static void measure_resident(const char *name, l4_word_t base)
{
	uint64_t v[SAMPLES];

	for (unsigned i = 0; i < PAGES; i++)
		write(base + i * PAGE); /* resident at the manager */
	for (unsigned i = 0; i < PAGES; i++)
		unmap_own(base + i * PAGE);
	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t c = touch(base + (l4_word_t)(s + WARMUP) * PAGE);

		if (s >= 0)
			v[s] = c;
	}
	report(name, v);
}

/* A dataspace of @pages pages at the server named @name, attached
 * somewhere; its address, or 0 (having said why). */
static l4_word_t attach(const char *name, l4_word_t pages)
{
	l4_threadid_t server;
	l4_word_t ds, a = 0x40000000;

	if (l4_root_lookup(name, &server) != L4_NAMES_OK) {
		l4_printf("hierarchy: no %s in this image\n", name);
		return 0;
	}
	if (l4_ds_open(server, pages * PAGE, &ds) != L4_NAMES_OK ||
	    l4_rm_attach(rm, &a, pages * PAGE, server, ds, 0,
			 L4_FPAGE_RW | L4_RM_SEARCH) != L4_NAMES_OK) {
		l4_printf("hierarchy: no dataspace of %lu pages at %s\n", pages,
			  name);
		return 0;
	}
	return a;
}

static uint8_t image_pages[PAGES * PAGE] __attribute__((aligned(4096)));

/* Faults on evicted pages of the swapping pager named @name: a dataspace
 * twice its budget, written through once, leaves the first half evicted,
 * and touching it in order evicts the second half on the way. */
static void measure_reload(const char *name)
{
	struct l4_swap_stats st;
	l4_threadid_t server;
	l4_word_t pages, base;
	uint64_t v[SAMPLES];

	if (l4_root_lookup(name, &server) != L4_NAMES_OK ||
	    l4_swap_stats(server, &st) != L4_NAMES_OK || st.frames < PAGES)
		return;
	pages = 2 * st.frames;
	base = attach(name, pages);
	if (!base)
		return;
	for (l4_word_t i = 0; i < pages; i++)
		write(base + i * PAGE); /* dirty: evicting writes it back */
	for (int s = -WARMUP; s < SAMPLES; s++) {
		uint64_t c = touch(base + (l4_word_t)(s + WARMUP) * PAGE);

		if (s >= 0)
			v[s] = c;
	}
	report("pagefault_swap_reload", v);
}

/*
 * Wait until the servers of this image have started and serve: rdtsc
 * counts the instructions of every thread, so a figure taken while a
 * swapper still fills its pool would count that too.
 */
static void settle(void)
{
	static const char *const names[] = { "memory", "swapper", "swapper2" };
	uint64_t end = l4_system_clock() + 2000000;

	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		l4_threadid_t t;
		struct l4_swap_stats st;

		while (l4_root_lookup(names[i], &t) != L4_NAMES_OK &&
		       l4_system_clock() < end)
			l4_thread_switch(L4_NILTHREAD);
		if (i > 0 && l4_system_clock() < end)
			l4_swap_stats(t, &st); /* answered from its loop */
	}
}

int main(void)
{
	l4_word_t base;

	find_unit();
	settle();
	rm = rm_start();
	if (l4_is_nil_thread(rm))
		return 1;
	measure_resident("pagefault_rm_root", (l4_word_t)image_pages);
	if ((base = attach("memory", PAGES)))
		measure_resident("pagefault_rm_memory", base);
	if ((base = attach("swapper", PAGES)))
		measure_resident("pagefault_rm_swapper", base);
	if ((base = attach("swapper2", PAGES)))
		measure_resident("pagefault_rm_swapper2", base);
	measure_reload("swapper2");
	l4_printf("hierarchy: done\n");
	return 0;
}
