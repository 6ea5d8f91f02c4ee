// SPDX-License-Identifier: BSD-2-Clause
/*
 * User trials; see user_trial.h. A trial maps a code and a stack page into
 * the lower half of the kernel's page tables, enters ring 3 with iretq and
 * ends when user_trial_leave() restores the kernel stack saved on entry.
 */
#include <kernel/arch.h>
#include <kernel/kmem.h>
#include <kernel/string.h>

#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/paging.h>
#include <arch/percpu.h>
#include <arch/user_trial.h>

uint64_t user_trial_enter(uint64_t rip, uint64_t rsp);
_Noreturn void user_trial_leave(uint64_t result);

static struct user_trial *current;
static unsigned tick_budget;
/* Interrupts and exceptions from ring 3 arrive on this stack (TSS.RSP0). */
static uint8_t trial_trap_stack[8192] __attribute__((aligned(16)));

static void map_user(uint64_t va, void *page, uint64_t flags)
{
	uint64_t *pml4 = arch_phys_to_virt(kernel_pml4_phys);

	*pt_walk(pml4, va, 1) = arch_virt_to_phys(page) | flags | PTE_P | PTE_U;
	invlpg(va);
}

static void unmap_user(uint64_t va)
{
	uint64_t *pml4 = arch_phys_to_virt(kernel_pml4_phys);

	*pt_walk(pml4, va, 1) = 0;
	invlpg(va);
}

bool user_trial_run(const void *code, size_t len, unsigned budget,
		    struct user_trial *out)
{
	uint64_t nx = cpu_features.nx ? PTE_NX : 0;
	void *text, *stack;

	if (len > KMEM_PAGE)
		return false;
	text = kmem_alloc(&kernel_pool);
	stack = kmem_alloc(&kernel_pool);
	if (!text || !stack) {
		if (text)
			kmem_free(&kernel_pool, text);
		if (stack)
			kmem_free(&kernel_pool, stack);
		return false;
	}
	memcpy(text, code, len);
	map_user(USER_TRIAL_CODE, text, 0);
	map_user(USER_TRIAL_STACK, stack, PTE_W | nx);

	*out = (struct user_trial){ 0 };
	current = out;
	tick_budget = budget;
	tss_set_kernel_stack((uint64_t)trial_trap_stack +
			     sizeof(trial_trap_stack));
	out->value =
		user_trial_enter(USER_TRIAL_CODE, USER_TRIAL_STACK + KMEM_PAGE);
	cli(); /* the trial ran with interrupts on */
	current = NULL;

	unmap_user(USER_TRIAL_CODE);
	unmap_user(USER_TRIAL_STACK);
	kmem_free(&kernel_pool, text);
	kmem_free(&kernel_pool, stack);
	return true;
}

void user_trial_fault(const struct trap_frame *f)
{
	if (!current)
		return;
	current->faulted = true;
	current->vector = f->vector;
	current->error = f->error;
	current->rip = f->rip;
	current->cr2 = read_cr2();
	user_trial_leave(0);
}

void user_trial_tick(const struct trap_frame *f)
{
	if (!current)
		return;
	current->user_ticks++;
	if (tick_budget && current->user_ticks >= tick_budget) {
		current->timed_out = true;
		user_trial_leave(0);
	}
}

bool user_trial_syscall(struct trap_frame *f)
{
	if (!current)
		return false;
	if (f->rdi == 1) {
		f->rax++;
		return true;
	}
	user_trial_leave(f->rax);
}
