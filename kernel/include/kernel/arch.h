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

/* Read a character from the console; -1 if none (and !@wait). With @wait,
 * polls until one arrives. */
int arch_console_getc(bool wait);

/*
 * Stop the machine. Status 0 reports success to the emulator, anything else
 * failure (QEMU exits with (status << 1) | 1 + 0x20, see arch/x86_64/init.c).
 * Interrupts are disabled first; never returns.
 */
_Noreturn void arch_shutdown(int status);

/* The processor's clock (internal) and its bus clock (external) in kHz,
 * as measured when the timer was calibrated (0 before). */
void arch_frequencies(uint64_t *internal_khz, uint64_t *external_khz);

/* Kernel virtual address of physical address @pa. Cannot fail for memory
 * below the top given to arch_init_memory() (the first GiB before it). */
void *arch_phys_to_virt(uint64_t pa);

/* Physical address of @va, which must come from arch_phys_to_virt(). */
uint64_t arch_virt_to_phys(const void *va);

/* Physical address of @va, an address inside the kernel image. */
uint64_t arch_kernel_virt_to_phys(const void *va);

/* Physical range [*start, *end) occupied by the kernel image. */
void arch_kernel_image(uint64_t *start, uint64_t *end);

/*
 * Replace the boot page tables with the kernel's own: the image with
 * per-section rights and all physical memory below @phys_top in the direct
 * map. Page tables come from the kernel pool, which must be initialised.
 */
void arch_init_memory(uint64_t phys_top);

/*
 * Address spaces: the user half of a page-table tree, kept in a struct
 * space. s->pt_root is the architecture's handle of the tree (on x86_64
 * the PML4's physical address), s->cr3 the value arch_switch() loads to
 * enter it (x86_64: the address with the space's PCID, see docs/pcid.md).
 * Both are set by arch_vspace_create() and fixed until
 * arch_vspace_destroy(). The functions that change a mapping invalidate it
 * in the TLB whether or not @s is the space loaded. Rights are L4 rights:
 * 4 read, 2 write, 1 execute. Page sizes are given as log2: 12 and 21, and
 * 30 where arch_vspace_sizes() says so.
 */
struct space;

/* Give @s an empty user half sharing the kernel half: set s->pt_root and
 * s->cr3. False (nothing set) if out of memory. */
bool arch_vspace_create(struct space *s);

/* Free every page table of @s's user half and the root (not the frames),
 * and forget its TLB entries. No thread of @s may run again. */
void arch_vspace_destroy(struct space *s);

/* Bit mask of the page sizes (1 << log2) mappings may use. */
uint64_t arch_vspace_sizes(void);

/*
 * Map [va, va + 2^size) to [pa, ...) with @rights (non-zero), replacing any
 * mapping there of the same size. False (nothing changed) if a page table
 * cannot be allocated or a mapping of another size is in the way.
 */
bool arch_vspace_map(const struct space *s, uint64_t va, uint64_t pa,
		     unsigned size, unsigned rights);

/* Remove the mapping of 2^size at @va, if any, and flush it from the TLB. */
void arch_vspace_unmap(const struct space *s, uint64_t va, unsigned size);

/* Reduce the mapping at @va to @rights (non-zero) and flush it. */
void arch_vspace_protect(const struct space *s, uint64_t va, unsigned size,
			 unsigned rights);

/* Rights used (4 read, 2 written) of the mapping at @va since last asked;
 * clears the record. */
unsigned arch_vspace_accessed(const struct space *s, uint64_t va,
			      unsigned size);

/* The mapping that covers @va: true with its frame, size and rights. */
bool arch_vspace_lookup(const struct space *s, uint64_t va, uint64_t *pa,
			unsigned *size, unsigned *rights);

/*
 * Copy between the kernel and the current address space's user half.
 * False, with the copy stopped part-way, if the user range leaves the user
 * half or a page is missing or lacks the rights.
 */
bool arch_copy_from_user(void *dst, uint64_t src, size_t n);
bool arch_copy_to_user(uint64_t dst, const void *src, size_t n);

/*
 * Threads. Every thread has a user trap frame at the top of its kernel
 * stack (tcb_user_frame()); these functions are the only ones that know
 * its layout.
 */
struct tcb;
struct space;

/* Bytes of the user trap frame. */
size_t arch_user_frame_size(void);

/* Give @t a fresh user frame (IP @ip, SP @sp, flags default, registers
 * zero) and a kernel stack whose first switch enters user mode. */
void arch_thread_init(struct tcb *t, uint64_t ip, uint64_t sp);

/* User IP, SP and FLAGS of a thread that is not running. */
enum arch_reg { ARCH_IP, ARCH_SP, ARCH_FLAGS };
uint64_t arch_thread_get(const struct tcb *t, enum arch_reg r);
/* Set them; FLAGS keeps only what user mode may change. */
void arch_thread_set(struct tcb *t, enum arch_reg r, uint64_t v);

/* Stop running @from and run @to: kernel stack, address space (if it
 * differs), kernel entry stack and the user's UTCB word. */
void arch_switch(struct tcb *from, struct tcb *to);

/*
 * The exception protocol (ABI.md 9): fill @mr[1..18] with the current
 * thread's registers in protocol order, and write a reply's @mr[1..@n-1]
 * back to them (FLAGS masked as by arch_thread_set).
 */
void arch_exception_message(const struct tcb *t, uint64_t *mr);
void arch_exception_reply(struct tcb *t, const uint64_t *mr, unsigned n);

/* With @on, user threads run with IOPL 3 (the "iopl3" option, ABI.md 11). */
void arch_set_iopl3(bool on);

/*
 * Device interrupt lines (the legacy PIC's 0-15 on x86_64): mask and unmask
 * one; false from arch_irq_available() for lines the kernel keeps (the
 * cascade). A line that fires is masked and irq_raise() is called.
 */
void arch_irq_mask(unsigned line);
void arch_irq_unmask(unsigned line);
bool arch_irq_available(unsigned line);

/* Space @s's I/O ports (space.h) changed, or @s is about to run: make the
 * CPU enforce them if @s is the running space. */
void arch_io_update(const struct space *s);

/* The address space of the running thread, or NULL (idle). */
struct space *arch_current_space(void);

/* The @i-th physical range [*start, *end) of a device the kernel drives
 * (the local APIC's page); false past the last. Never given to user level:
 * the KIP describes these ranges as reserved memory. */
bool arch_phys_device(unsigned i, uint64_t *start, uint64_t *end);

/* The end of the physical address space: 2^MAXPHYADDR. A page table entry
 * cannot name a frame at or above it. */
uint64_t arch_phys_limit(void);

/*
 * Kernel stacks: slot @n (a thread number) of a kernel-virtual region,
 * KSTACK_PAGES pages of stack with unmapped guard pages around them, so an
 * overflow faults instead of overwriting. Map the pages @pa[] there and
 * return the stack's top, or 0 if a page table cannot be allocated.
 */
#define KSTACK_PAGES 2
uint64_t arch_kstack_map(unsigned n, const uint64_t pa[KSTACK_PAGES]);

/* Unmap slot @n's stack; its pages go to @pa[] (for freeing). */
void arch_kstack_unmap(unsigned n, uint64_t pa[KSTACK_PAGES]);

/* Prepare thread support (FPU state and the like). Once, before threads. */
void arch_init_threads(void);

/* Free what the architecture keeps for @t (FPU state); before deletion. */
void arch_thread_release(struct tcb *t);

/* Fill the KIP's system-call fields with the stub addresses. */
void arch_kip_syscalls(void *kip);

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
