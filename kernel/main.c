// SPDX-License-Identifier: BSD-2-Clause
/*
 * kernel_main: the architecture-neutral part of boot. It takes over physical
 * memory, starts the clock and then runs the kernel's job: for now the boot
 * demonstration (memory, modules, timer ticks) or, with "ktest" on the
 * command line, the in-kernel self-tests ("kbench": the in-kernel
 * benchmarks). With "stay" the kernel keeps
 * running when its job is done instead of shutting the machine down.
 */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/clock.h>
#include <kernel/cmdline.h>
#include <kernel/fastpath.h>
#include <kernel/kbench.h>
#include <kernel/ktest.h>
#include <kernel/memory.h>
#include <kernel/map.h>
#include <kernel/printf.h>
#include <kernel/root.h>
#include <kernel/sched.h>
#include <kernel/tcb.h>
#include <kernel/version.h>

#define HZ_DEFAULT 1000
#define TICK_LINES_DEFAULT 5

static void print_banner(const struct boot_info *bi)
{
	kprintf("\n%s\n", L4_BANNER);
	kprintf("boot: loader \"%s\", command line \"%s\"\n", bi->loader,
		bi->cmdline);
	arch_print_cpu();
}

static void print_modules(const struct boot_info *bi)
{
	kprintf("boot modules: %u\n", bi->nmodules);
	for (unsigned i = 0; i < bi->nmodules; i++) {
		const struct boot_module *m = &bi->modules[i];

		kprintf("  module %u: [%#010lx, %#010lx) %6lu bytes \"%s\"\n",
			i, m->start, m->end, m->end - m->start, m->cmdline);
	}
}

/* Show that time passes: @lines lines, one every tenth of a second. */
static void show_ticks(unsigned hz, unsigned lines)
{
	uint64_t step = hz / 10 ? hz / 10 : 1;
	uint64_t next = clock_ticks() + step;

	for (unsigned shown = 0; shown < lines;) {
		arch_wait_for_interrupt();
		if (clock_ticks() < next)
			continue;
		kprintf("timer: tick %lu (%lu ms)\n", clock_ticks(),
			clock_ticks() * 1000 / hz);
		next += step;
		shown++;
	}
}

void kernel_main(struct boot_info *bi)
{
	unsigned hz = (unsigned)cmdline_u64(bi->cmdline, "hz", HZ_DEFAULT);

	if (hz < 10 || hz > 10000)
		hz = HZ_DEFAULT;
	print_banner(bi);
	memory_init(bi);
	print_modules(bi);
	arch_init_memory(memory_top());
	tcb_init();
	sched_init(); /* the timer's ticks drive it */
	clock_set_hz(hz);
	arch_init_timer(hz);

	if (cmdline_get(bi->cmdline, "ktest", NULL, 0))
		arch_shutdown(ktest_run(bi) ? 0 : 1);
	if (cmdline_get(bi->cmdline, "kbench", NULL, 0)) {
		kbench_run();
		arch_shutdown(0);
	}

	show_ticks(hz, (unsigned)cmdline_u64(bi->cmdline, "ticks",
					     TICK_LINES_DEFAULT));
	arch_set_iopl3(cmdline_get(bi->cmdline, "iopl3", NULL, 0));
	arch_init_threads();
	kernel_set_kcheck(cmdline_get(bi->cmdline, "kcheck", NULL, 0));
	fastpath_enable(!cmdline_get(bi->cmdline, "nofastpath", NULL, 0));
	kprintf("ipc: fastpath %s\n",
		fastpath_active()  ? "on" :
		fastpath_enabled() ? "off (kcheck)" :
		fastpath_built()   ? "off (nofastpath)" :
				     "not built in (L4_FASTPATH=OFF)");
	map_init();
	if (root_start(bi))
		sched_idle();
	kprintf("l4: nothing more to run (no sigma0 and root task)\n");
	if (cmdline_get(bi->cmdline, "stay", NULL, 0)) {
		kprintf("l4: staying up (\"stay\" on the command line)\n");
		for (;;)
			arch_wait_for_interrupt();
	}
	arch_shutdown(0);
}
