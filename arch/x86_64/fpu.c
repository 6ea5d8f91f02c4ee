// SPDX-License-Identifier: BSD-2-Clause
/*
 * Lazy FPU/SSE state. The kernel itself never touches the FPU
 * (-mgeneral-regs-only). A thread's first FPU or SSE instruction raises
 * #NM (CR0.TS is set on every switch away from the owner); the handler
 * saves the owner's state with fxsave, loads the thread's (fresh: fninit
 * and the default MXCSR) and makes it the owner. Threads that never use the
 * FPU never pay for it.
 *
 *   owner ---- the thread whose state is in the FPU registers, or NULL
 *   CR0.TS --- clear only while the current thread is the owner
 *   fpu_ts --- CR0.TS as last written, so that a switch writes CR0 (a
 *              serialising instruction) only when TS must change
 *
 * Both are global for the IPC fastpath (entry.asm), which switches threads
 * without calling fpu_switch().
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/sched.h>
#include <kernel/slab.h>
#include <kernel/tcb.h>

#include <arch/cpu.h>
#include <arch/fpu.h>

#define CR0_MP (1ul << 1)
#define CR0_EM (1ul << 2)
#define CR0_TS (1ul << 3)
#define FXSAVE_SIZE 512

struct tcb *fpu_owner;
bool fpu_ts;
static struct slab_cache fpu_cache;

void fpu_init(void)
{
	write_cr0((read_cr0() | CR0_MP) & ~CR0_EM);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
	slab_init(&fpu_cache, "fpu", FXSAVE_SIZE, &kernel_pool);
	write_cr0(read_cr0() | CR0_TS);
	fpu_ts = true;
}

/* On every switch: the FPU is usable only by its fpu_owner. */
void fpu_switch(struct tcb *to)
{
	bool ts = to != fpu_owner;

	if (ts == fpu_ts)
		return;
	if (ts)
		write_cr0(read_cr0() | CR0_TS);
	else
		__asm__ volatile("clts");
	fpu_ts = ts;
}

/* #NM from user mode. False if there is no memory for the state (the
 * thread then gets the exception). */
bool fpu_trap(void)
{
	struct tcb *t = sched_current();
	bool fresh = !t->fpu;

	if (fresh && !(t->fpu = slab_alloc(&fpu_cache)))
		return false;
	__asm__ volatile("clts");
	fpu_ts = false;
	if (fpu_owner && fpu_owner != t)
		__asm__ volatile("fxsave64 (%0)"
				 :
				 : "r"(fpu_owner->fpu)
				 : "memory");
	if (fresh) {
		uint32_t mxcsr = 0x1f80; /* all exceptions masked */

		__asm__ volatile("fninit; ldmxcsr %0" : : "m"(mxcsr));
	} else if (fpu_owner != t) {
		__asm__ volatile("fxrstor64 (%0)" : : "r"(t->fpu) : "memory");
	}
	fpu_owner = t;
	return true;
}

/* @t is being deleted: forget its state. */
void fpu_release(struct tcb *t)
{
	if (fpu_owner == t)
		fpu_owner = NULL;
	if (t->fpu) {
		slab_free(&fpu_cache, t->fpu);
		t->fpu = NULL;
	}
}
