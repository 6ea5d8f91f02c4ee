// SPDX-License-Identifier: BSD-2-Clause
/*
 * The loader; see loader.h. A program's segments are not copied here: the
 * pager fills each page from the module when the program first touches
 * it, so loading is checking the ELF headers, recording the regions and
 * creating the task.
 */
#include <l4/bootmodules.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

#include "control.h"
#include "elf.h"
#include "layout.h"
#include "loader.h"
#include "modules.h"
#include "program.h"
#include "task.h"

/* Make module @m, named @name, a program, and start it. */
static void load(const struct l4_bootrec_module *m, const char *name)
{
	struct elf_image img;
	struct program *p;
	const char *err;

	if (!modules_readable(m->start, m->size)) {
		l4_printf("root: %s: lies where the root task cannot read it; "
			  "skipped\n",
			  name);
		return;
	}
	err = elf_read((const void *)m->start, m->size, PROG_LOW,
		       PROG_STACK_BASE, &img);
	if (err) {
		l4_printf("root: %s: not loadable: %s; skipped\n", name, err);
		return;
	}
	p = program_new(name, &img, m->start, PROG_STACK_BASE, PROG_STACK_TOP);
	if (!p) {
		l4_printf("root: %s: more than %u programs; skipped\n", name,
			  PROGRAM_MAX);
		return;
	}
	control_parse(p, l4_bootrec_module_cmdline(m));
	p->thread = task_create();
	if (l4_is_nil_thread(p->thread))
		return;
	if (!task_start(p->thread, img.entry, PROG_STACK_TOP)) {
		task_delete(p->thread);
		return;
	}
	program_register(p);
	l4_printf("root: started %s (%u segments, entry %lx) as thread %lx\n",
		  p->name, p->nsegs, p->entry, p->thread.raw);
}

/* Name the programs the kernel started (the SimpleExec records). */
static void loader_show_execs(const struct l4_bootinfo *bi)
{
	unsigned n = l4_bootinfo_num_execs(bi);

	for (unsigned i = 0; i < n; i++) {
		const struct l4_bootrec_exec *e = l4_bootinfo_exec(bi, i);
		const char *cmd;

		if (!e)
			break;
		cmd = l4_bootrec_exec_cmdline(e);
		l4_printf("root: program %u, entry %lx: \"%s\" (started by "
			  "the kernel)\n",
			  i, e->initial_ip, cmd ? cmd : "");
	}
}

void loader_start_modules(void)
{
	const struct l4_bootinfo *bi = l4_bootinfo_get(l4_kip);
	unsigned n = bi ? l4_bootinfo_num_modules(bi) : 0;

	if (bi)
		loader_show_execs(bi);
	l4_printf("root: %u boot modules\n", n);
	for (unsigned i = 0; i < n; i++) {
		const struct l4_bootrec_module *m = l4_bootinfo_module(bi, i);
		const char *cmd;
		char name[PROGRAM_NAME_MAX];

		if (!m)
			break;
		cmd = l4_bootrec_module_cmdline(m);
		l4_printf("root: module %u at %lx, %lu bytes: \"%s\"\n", i,
			  m->start, m->size, cmd ? cmd : "");
		if (l4_bootrec_module_name(m, name, sizeof(name)) == 0)
			l4_snprintf(name, sizeof(name), "module%u", i);
		load(m, name);
	}
}
