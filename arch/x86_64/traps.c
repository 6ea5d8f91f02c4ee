// SPDX-License-Identifier: BSD-2-Clause
/*
 * Where every interrupt and exception lands after entry.asm. Interrupts go
 * to their handlers; an exception in kernel mode is fatal (unless it hit an
 * arch_probe_*() instruction) and stops the machine with a register dump.
 */
#include <kernel/arch.h>
#include <kernel/clock.h>
#include <kernel/irq.h>
#include <kernel/panic.h>
#include <kernel/printf.h>

#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/trap.h>
#include <arch/user_trial.h>

static const char *const exception_names[32] = {
	"#DE divide error",
	"#DB debug",
	"NMI",
	"#BP breakpoint",
	"#OF overflow",
	"#BR bound range",
	"#UD invalid opcode",
	"#NM device not available",
	"#DF double fault",
	"coprocessor segment overrun",
	"#TS invalid TSS",
	"#NP segment not present",
	"#SS stack fault",
	"#GP general protection",
	"#PF page fault",
	"reserved 15",
	"#MF x87 error",
	"#AC alignment check",
	"#MC machine check",
	"#XM SIMD error",
	"#VE virtualization",
	"#CP control protection",
	"reserved 22",
	"reserved 23",
	"reserved 24",
	"reserved 25",
	"reserved 26",
	"reserved 27",
	"reserved 28",
	"reserved 29",
	"reserved 30",
	"reserved 31",
};

extern const uint64_t probe_table[], probe_table_end[];

/* Resume a faulting arch_probe_*() at its fixup. True if @f was one. */
static bool probe_fixup(struct trap_frame *f)
{
	for (const uint64_t *p = probe_table; p < probe_table_end; p += 2) {
		if (f->rip == p[0]) {
			f->rip = p[1];
			return true;
		}
	}
	return false;
}

/* Print everything known about @f. */
static void trap_dump(const struct trap_frame *f)
{
	kprintf("    error 0x%016lx  cr2 0x%016lx  cr3 0x%016lx\n", f->error,
		read_cr2(), read_cr3());
	kprintf("    rip 0x%016lx  cs 0x%04lx  rflags 0x%08lx\n", f->rip, f->cs,
		f->rflags);
	kprintf("    rsp 0x%016lx  ss 0x%04lx\n", f->rsp, f->ss);
	kprintf("    rax 0x%016lx  rbx 0x%016lx  rcx 0x%016lx\n", f->rax,
		f->rbx, f->rcx);
	kprintf("    rdx 0x%016lx  rsi 0x%016lx  rdi 0x%016lx\n", f->rdx,
		f->rsi, f->rdi);
	kprintf("    rbp 0x%016lx  r8  0x%016lx  r9  0x%016lx\n", f->rbp, f->r8,
		f->r9);
	kprintf("    r10 0x%016lx  r11 0x%016lx  r12 0x%016lx\n", f->r10,
		f->r11, f->r12);
	kprintf("    r13 0x%016lx  r14 0x%016lx  r15 0x%016lx\n", f->r13,
		f->r14, f->r15);
}

static _Noreturn void trap_fatal(const struct trap_frame *f)
{
	kprintf("\n" PANIC_MARKER "exception %lu (%s) in %s mode\n", f->vector,
		exception_names[f->vector & 31],
		(f->cs & 3) ? "user" : "kernel");
	trap_dump(f);
	arch_shutdown(1);
}

/* Called by entry.asm with interrupts disabled. */
void trap_dispatch(struct trap_frame *f)
{
	if (f->vector < 32) {
		if (!(f->cs & 3) && probe_fixup(f))
			return;
		if (f->cs & 3) {
			user_trap(f);
			return;
		}
		trap_fatal(f);
	}
	switch (f->vector) {
	case VEC_TIMER:
		apic_eoi();
		clock_tick();
		if (f->cs & 3) {
			user_trial_tick(f);
			thread_return_check(f);
		}
		return;
	case VEC_SPURIOUS:
		return; /* no EOI for the APIC's spurious vector */
	case VEC_APIC_ERROR:
		kprintf("apic: error status %#x\n", apic_error_status());
		apic_eoi();
		return;
	}
	if (f->vector >= VEC_PIC_BASE && f->vector < VEC_PIC_BASE + 16) {
		int line = pic_interrupt((unsigned)f->vector);

		if (line >= 0)
			irq_raise((unsigned)line);
		if (f->cs & 3)
			thread_return_check(f);
		return;
	}
	kprintf("trap: unexpected interrupt, vector %lu\n", f->vector);
}
