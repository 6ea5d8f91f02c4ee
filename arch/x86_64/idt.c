// SPDX-License-Identifier: BSD-2-Clause
/*
 * Interrupt descriptor table: one interrupt gate per vector, each pointing
 * at its 16-byte stub in entry.asm. Faults that may come with a broken
 * stack run on interrupt stacks of their own.
 */
#include <arch/gdt.h>
#include <arch/trap.h>

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint8_t ist;
	uint8_t type; /* P, DPL, 0, type 0xe = 64-bit interrupt gate */
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
} __attribute__((packed));

extern const char entry_vectors_start[];

static struct idt_gate idt[256] __attribute__((aligned(16)));

static void idt_set(unsigned vec, unsigned dpl, unsigned ist)
{
	uint64_t a = (uint64_t)(entry_vectors_start + 16 * vec);

	idt[vec] = (struct idt_gate){
		.offset_lo = (uint16_t)a,
		.selector = SEL_KERNEL_CODE,
		.ist = (uint8_t)ist,
		.type = (uint8_t)(0x8e | (dpl << 5)),
		.offset_mid = (uint16_t)(a >> 16),
		.offset_hi = (uint32_t)(a >> 32),
	};
}

/* Fill and load the IDT. Caller: once, interrupts disabled. */
void idt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = { sizeof(idt) - 1, (uint64_t)idt };

	for (unsigned v = 0; v < 256; v++)
		idt_set(v, 0, 0);
	idt_set(3, 3, 0); /* int3 from user mode: kernel debugger calls */
	idt_set(2, 0, IST_NMI);
	idt_set(8, 0, IST_DOUBLE_FAULT);
	idt_set(18, 0, IST_MACHINE_CHECK);
	__asm__ volatile("lidt %0" : : "m"(ptr));
}
