/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The architecture contract: everything the architecture-neutral kernel
 * needs from the CPU, and nothing more. arch/x86_64 implements it; the host
 * unit tests implement it with a fake (test/host/fake_arch.c).
 */
#ifndef KERNEL_ARCH_H
#define KERNEL_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Write one character to the kernel console (COM1 and port 0xE9). */
void arch_console_putc(char c);

/*
 * Stop the machine. Status 0 reports success to the emulator, anything else
 * failure (QEMU exits with (status << 1) | 1 + 0x20, see arch/x86_64/init.c).
 * Interrupts are disabled first; never returns.
 */
_Noreturn void arch_shutdown(int status);

/* Kernel virtual address of physical address @pa. Cannot fail for memory
 * below the top given to arch_init_memory() (the first GiB before it). */
void *arch_phys_to_virt(uint64_t pa);

/* Physical address of @va, which must come from arch_phys_to_virt(). */
uint64_t arch_virt_to_phys(const void *va);

/* Physical range [*start, *end) occupied by the kernel image. */
void arch_kernel_image(uint64_t *start, uint64_t *end);

/*
 * Replace the boot page tables with the kernel's own: the image with
 * per-section rights and all physical memory below @phys_top in the direct
 * map. Page tables come from the kernel pool, which must be initialised.
 */
void arch_init_memory(uint64_t phys_top);

/* Start the periodic timer at @hz; each tick calls clock_tick(). */
void arch_init_timer(unsigned hz);

/* Enable interrupts, wait for the next one, return with them disabled. */
void arch_wait_for_interrupt(void);

/* The CPU's timestamp counter (rdtsc on x86_64). */
uint64_t arch_timestamp(void);

/*
 * What arch_timestamp() counts here: "instructions" under Bochs (one per
 * retired instruction), "cycles" on hardware or under real hardware
 * virtualisation, and "qemu-tcg-host-time" under QEMU's TCG, where the
 * figures measure nothing.
 */
const char *arch_timestamp_unit(void);

/* Print the CPU's name and the features found and used. */
void arch_print_cpu(void);

/*
 * Read or write one byte at kernel virtual address @addr, catching a fault.
 * Returns false (and changes nothing) if the access faults.
 */
bool arch_probe_read(const volatile void *addr, uint8_t *val);
bool arch_probe_write(volatile void *addr, uint8_t val);

#endif
