// SPDX-License-Identifier: BSD-2-Clause
/*
 * arch_boot: the C side of boot on x86_64. boot.asm calls it in long mode
 * on the kernel stack, with the boot page tables still in place. It brings
 * up the console, the descriptor tables and the CPU features, reads the
 * multiboot2 information and hands over to kernel_main().
 */
#include <kernel/arch.h>
#include <kernel/boot.h>
#include <kernel/panic.h>
#include <kernel/printf.h>

#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/multiboot2.h>
#include <arch/paging.h>
#include <arch/percpu.h>
#include <arch/serial.h>
#include <arch/trap.h>

/* The boot page tables map the first GiB of physical memory. */
#define BOOT_MAPPED (1ul << 30)

/* QEMU's isa-debug-exit device (iobase 0xf4): the process exits with
 * (value << 1) | 1, so 0x10 gives 33 (success) and 0x11 gives 35. */
#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_SUCCESS 0x10
#define QEMU_EXIT_FAILURE 0x11
/* Bochs leaves when "Shutdown" is written to this port. */
#define BOCHS_SHUTDOWN_PORT 0x8900

extern const char entry_syscall[];

/* syscall enters at entry_syscall with interrupts, direction, trap and
 * alignment-check flags cleared; sysret returns to the user segments. */
static void syscall_init(void)
{
	wrmsr(MSR_STAR, ((uint64_t)(SEL_USER_CODE32 | RPL_USER) << 48) |
				((uint64_t)SEL_KERNEL_CODE << 32));
	wrmsr(MSR_LSTAR, (uint64_t)entry_syscall);
	wrmsr(MSR_FMASK, RFLAGS_IF | RFLAGS_AC | (1ul << 10) | (1ul << 8));
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static const char *read_boot_info(uint64_t mbi_phys, struct boot_info *bi)
{
	uint32_t size;

	if (mbi_phys + 8 > BOOT_MAPPED)
		return "multiboot2: boot information lies above 1 GiB";
	size = *(const uint32_t *)arch_phys_to_virt(mbi_phys);
	if (mbi_phys + size > BOOT_MAPPED)
		return "multiboot2: boot information lies above 1 GiB";
	return mb2_parse(arch_phys_to_virt(mbi_phys), size, mbi_phys, bi);
}

/* Called from boot.asm; see the top of this file. */
_Noreturn void arch_boot(uint32_t magic, uint64_t mbi_phys);
void arch_boot(uint32_t magic, uint64_t mbi_phys)
{
	static struct boot_info bi;
	const char *err;

	serial_init();
	gdt_init();
	idt_init();
	cpu_detect();
	cpu_enable_features();
	syscall_init();
	percpu_init();
	if (magic != MB2_BOOT_MAGIC)
		panic("boot: bad multiboot2 magic %#x", magic);
	err = read_boot_info(mbi_phys, &bi);
	if (err)
		panic("%s", err);
	kernel_main(&bi);
}

void arch_init_timer(unsigned hz)
{
	apic_init();
	apic_timer_start(hz);
}

void arch_wait_for_interrupt(void)
{
	__asm__ volatile("sti; hlt; cli" : : : "memory");
}

void arch_shutdown(int status)
{
	cli();
	kprintf("l4: shutdown, status %d\n", status);
	outb(QEMU_EXIT_PORT, status ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	for (const char *s = "Shutdown"; *s; s++)
		outb(BOCHS_SHUTDOWN_PORT, (uint8_t)*s);
	for (;;)
		hlt();
}
