// SPDX-License-Identifier: BSD-2-Clause
/*
 * Threads on x86_64: the user frame at the top of each kernel stack, the
 * initial stack of a new thread, and the switch between threads.
 *
 * A new thread's kernel stack, from the top:
 *
 *   kstack_top  +----------------------+
 *               | struct trap_frame    |  user state: RIP, RSP, RFLAGS...
 *               +----------------------+
 *               | entry_thread_start   |  return address of arch_switch
 *               | rbx rbp r12-r15 (0)  |  callee-saved registers it pops
 *   t->ksp ---> +----------------------+
 */
#include <kernel/arch.h>
#include <kernel/sched.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>

#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/gdt.h>
#include <arch/paging.h>
#include <arch/percpu.h>
#include <arch/trap.h>
#include <arch/ushared.h>

#include <l4/kip.h>

extern const char entry_thread_start[];
extern const char entry_fast_resumed[];
void arch_switch_stacks(uint64_t *save_rsp, uint64_t new_rsp);

/* Flags user mode may set: CF PF AF ZF SF TF DF OF and AC. IF is always on;
 * IOPL, NT, RF, VM and the rest stay off. */
#define RFLAGS_USER_MASK 0x40dd5ul
#define RFLAGS_USER_SET 0x202ul

static bool iopl3;

/* With "iopl3" on the command line user threads get IOPL 3 (ABI.md 11). */
void arch_set_iopl3(bool on)
{
	iopl3 = on;
}

static uint64_t user_flags(uint64_t f)
{
	return (f & RFLAGS_USER_MASK) | RFLAGS_USER_SET |
	       (iopl3 ? (3ul << 12) : 0);
}

size_t arch_user_frame_size(void)
{
	return sizeof(struct trap_frame);
}

static struct trap_frame *frame(const struct tcb *t)
{
	return tcb_user_frame(t);
}

void arch_thread_init(struct tcb *t, uint64_t ip, uint64_t sp)
{
	struct trap_frame *f = frame(t);
	uint64_t *s = (uint64_t *)f;

	memset(f, 0, sizeof(*f));
	f->rip = ip;
	f->rsp = sp;
	f->rflags = user_flags(0);
	f->cs = SEL_USER_CODE | RPL_USER;
	f->ss = SEL_USER_DATA | RPL_USER;
	f->vector = 0; /* leave through iretq the first time */
	*--s = (uint64_t)entry_thread_start;
	for (int i = 0; i < 6; i++)
		*--s = 0;
	t->ksp = (uint64_t)s;
}

uint64_t arch_thread_get(const struct tcb *t, enum arch_reg r)
{
	const struct trap_frame *f = frame(t);

	switch (r) {
	case ARCH_IP:
		return f->rip;
	case ARCH_SP:
		return f->rsp;
	case ARCH_FLAGS:
		return f->rflags;
	}
	return 0;
}

void arch_thread_set(struct tcb *t, enum arch_reg r, uint64_t v)
{
	struct trap_frame *f = frame(t);

	switch (r) {
	case ARCH_IP:
		f->rip = v;
		break;
	case ARCH_SP:
		f->rsp = v;
		break;
	case ARCH_FLAGS:
		f->rflags = user_flags(v);
		break;
	}
}

static void arch_io_load(const struct space *s);
extern bool arch_io_loaded_any;

void arch_switch(struct tcb *from, struct tcb *to)
{
	struct percpu *cpu = this_cpu();

	if (to->space && (!from->space || from->space != to->space)) {
		write_cr3(to->space->cr3);
		arch_io_load(to->space);
	}
	tss_set_kernel_stack(to->kstack_top);
	*cpu->utcb_word = to->utcb_addr;
	fpu_switch(to);
	if (!to->ksp) {
		/* Blocked by the IPC fastpath, which leaves nothing on the
		 * stack but the user frame: a switch frame below it that
		 * "returns" to entry_fast_resumed (entry.asm). */
		uint64_t *s = (uint64_t *)frame(to);

		*--s = (uint64_t)entry_fast_resumed;
		to->ksp = (uint64_t)(s - 6); /* callee-saved: any values */
	}
	arch_switch_stacks(&from->ksp, to->ksp);
}

void arch_kip_syscalls(void *kip)
{
	static const struct {
		size_t off;
		unsigned stub;
	} calls[] = {
		{ L4_KIP_OFF_IPC, STUB_IPC },
		{ L4_KIP_OFF_LIPC, STUB_LIPC },
		{ L4_KIP_OFF_THREAD_CONTROL, STUB_THREAD_CONTROL },
		{ L4_KIP_OFF_SPACE_CONTROL, STUB_SPACE_CONTROL },
		{ L4_KIP_OFF_SCHEDULE, STUB_SCHEDULE },
		{ L4_KIP_OFF_EXCHANGE_REGISTERS, STUB_EXCHANGE_REGISTERS },
		{ L4_KIP_OFF_THREAD_SWITCH, STUB_THREAD_SWITCH },
		{ L4_KIP_OFF_SYSTEM_CLOCK, STUB_SYSTEM_CLOCK },
		{ L4_KIP_OFF_UNMAP, STUB_UNMAP },
		{ L4_KIP_OFF_PROCESSOR_CONTROL, STUB_PROCESSOR_CONTROL },
		{ L4_KIP_OFF_MEMORY_CONTROL, STUB_MEMORY_CONTROL },
		{ L4_KIP_OFF_ARCH_SYSCALL0, STUB_NULL },
	};

	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		l4_kip_set_word(kip, calls[i].off, ushared_stub(calls[i].stub));
}

uint64_t arch_kernel_virt_to_phys(const void *va)
{
	return (uint64_t)va - KERNEL_VMA;
}

void arch_thread_release(struct tcb *t)
{
	fpu_release(t);
}

void arch_init_threads(void)
{
	fpu_init();
}

/* Load @s's I/O bitmap into the TSS unless it is there already: the TSS
 * remembers whose bitmap, and which change of it, it holds. */
/*
 * Is the TSS's I/O bitmap in force (else every port is denied)? Global for
 * the IPC fastpath (entry.asm), which switches only to spaces without
 * ports and turns the bitmap off itself.
 */
bool arch_io_loaded_any;

/*
 * The I/O permissions of @s into the TSS. A space without ports only turns
 * the bitmap off; the bitmap of the last space with ports stays in the TSS
 * and is copied again only for another space or after a change (io_gen
 * never repeats, so a new space at a freed one's address cannot match).
 */
static void arch_io_load(const struct space *s)
{
	static uint64_t copied_gen; /* io_gen of the bitmap in the TSS */

	if (!s->io[0] && !s->io[1]) {
		if (arch_io_loaded_any)
			tss_enable_io_bitmap(false);
		arch_io_loaded_any = false;
		return;
	}
	if (s->io_gen != copied_gen) {
		tss_set_io_bitmap((const uint8_t *const *)s->io);
		copied_gen = s->io_gen;
	}
	if (!arch_io_loaded_any)
		tss_enable_io_bitmap(true);
	arch_io_loaded_any = true;
}

void arch_io_update(const struct space *s)
{
	if (s == arch_current_space())
		arch_io_load(s);
}

struct space *arch_current_space(void)
{
	struct tcb *t = sched_current();

	return t ? t->space : NULL;
}
