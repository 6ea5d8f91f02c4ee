// SPDX-License-Identifier: BSD-2-Clause
/*
 * Global descriptor table and task-state segment. In long mode segments
 * carry only privilege levels; the TSS carries the kernel stack used on
 * entry from user mode and the interrupt stacks for double fault, NMI and
 * machine check.
 */
#include <stddef.h>

#include <kernel/string.h>

#include <arch/gdt.h>

#define IST_STACK_SIZE 4096

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
	/* I/O permission bitmap: bit set = port denied; one byte of ones
	 * after it, as the CPU reads two bytes at a time. */
	uint8_t iomap[IO_PORTS / 8 + 1];
} __attribute__((packed));

/*
 * Descriptor words (Intel SDM vol. 3, 3.4.5): the access byte is bits
 * 47:40 (P, DPL, S, type), flags bits 55:52 (G, D/B, L). Limits are ignored
 * in 64-bit mode but kept at 4 GiB for the compatibility segment.
 */
static uint64_t gdt[10] __attribute__((aligned(16))) = {
	[SEL_KERNEL_CODE / 8] = 0x00af9a000000ffff, /* L, DPL 0, code */
	[SEL_KERNEL_DATA / 8] = 0x00cf92000000ffff, /* DPL 0, data */
	[SEL_USER_CODE32 / 8] = 0x00cffa000000ffff, /* D, DPL 3, code */
	[SEL_USER_DATA / 8] = 0x00cff2000000ffff,   /* DPL 3, data */
	[SEL_USER_CODE / 8] = 0x00affa000000ffff,   /* L, DPL 3, code */
	[SEL_USER_GS / 8] = 0x00cff2000000ffff,	    /* DPL 3, data */
};

_Static_assert(offsetof(struct tss, rsp) == 4, "TSS_RSP0 in arch/fastpath.inc");
_Static_assert(offsetof(struct tss, iomap_base) == 102,
	       "TSS_IOMAP_BASE in arch/fastpath.inc");

/* An I/O map base at or beyond the TSS limit means no bitmap: every port
 * is denied (Intel SDM vol. 1, 19.5.2), without touching the 8 KiB. */
#define IOMAP_NONE sizeof(struct tss)
_Static_assert(IOMAP_NONE == TSS_NO_IOMAP, "TSS_NO_IOMAP in arch/gdt.h");

/* Global for the IPC fastpath (entry.asm), which sets RSP0 (offset 4). */
struct tss gdt_tss __attribute__((aligned(16)));
static uint8_t ist_stacks[3][IST_STACK_SIZE] __attribute__((aligned(16)));

static void gdt_set_tss(void)
{
	uint64_t base = (uint64_t)&gdt_tss;
	uint64_t limit = sizeof(gdt_tss) - 1;

	gdt[SEL_TSS / 8] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
			   (0x89ull << 40) | /* present, available 64-bit TSS */
			   (((limit >> 16) & 0xf) << 48) |
			   (((base >> 24) & 0xff) << 56);
	gdt[SEL_TSS / 8 + 1] = base >> 32;
}

/*
 * Load the GDT, reload every segment register and the task register.
 * Caller: the boot processor, once, with interrupts disabled.
 */
void gdt_init(void)
{
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = { sizeof(gdt) - 1, (uint64_t)gdt };

	gdt_tss.ist[IST_DOUBLE_FAULT - 1] =
		(uint64_t)ist_stacks[0] + IST_STACK_SIZE;
	gdt_tss.ist[IST_NMI - 1] = (uint64_t)ist_stacks[1] + IST_STACK_SIZE;
	gdt_tss.ist[IST_MACHINE_CHECK - 1] =
		(uint64_t)ist_stacks[2] + IST_STACK_SIZE;
	gdt_tss.iomap_base = IOMAP_NONE; /* every port denied */
	memset(gdt_tss.iomap, 0xff, sizeof(gdt_tss.iomap));
	gdt_set_tss();

	__asm__ volatile("lgdt %0\n\t"
			 "pushq %1\n\t"
			 "leaq 1f(%%rip), %%rax\n\t"
			 "pushq %%rax\n\t"
			 "lretq\n"
			 "1:\n\t"
			 "movw %w2, %%ax\n\t"
			 "movw %%ax, %%ds\n\t"
			 "movw %%ax, %%es\n\t"
			 "movw %%ax, %%ss\n\t"
			 "xorl %%eax, %%eax\n\t"
			 "movw %%ax, %%fs\n\t"
			 "movw %%ax, %%gs\n\t"
			 "ltr %w3"
			 :
			 : "m"(ptr), "i"(SEL_KERNEL_CODE), "i"(SEL_KERNEL_DATA),
			   "r"((uint16_t)SEL_TSS)
			 : "rax", "memory");
}

void tss_set_kernel_stack(uint64_t rsp0)
{
	gdt_tss.rsp[0] = rsp0;
}

void tss_set_io_bitmap(const uint8_t *const half[2])
{
	for (int h = 0; h < 2; h++) {
		if (half[h])
			memcpy(&gdt_tss.iomap[h * 4096], half[h], 4096);
		else
			memset(&gdt_tss.iomap[h * 4096], 0xff, 4096);
	}
}

void tss_enable_io_bitmap(bool on)
{
	gdt_tss.iomap_base = on ? offsetof(struct tss, iomap) : IOMAP_NONE;
}
