// SPDX-License-Identifier: BSD-2-Clause
/*
 * CPU feature detection and the control-register settings that follow from
 * it. Every feature is optional: QEMU's TCG, for one, has no PCID, and the
 * plain qemu64 model has neither SMEP, SMAP nor 1 GiB pages.
 */
#include <kernel/arch.h>
#include <kernel/printf.h>
#include <kernel/string.h>

#include <arch/cpu.h>
#include <arch/pcid.h>

struct cpu_features cpu_features;

static void copy_regs(char *dst, const uint32_t r[4], int n)
{
	for (int i = 0; i < n; i++)
		for (int b = 0; b < 4; b++)
			dst[4 * i + b] = (char)(r[i] >> (8 * b));
}

/* Fill cpu_features from CPUID. Cannot fail. */
void cpu_detect(void)
{
	struct cpu_features *f = &cpu_features;
	uint32_t r[4], max, maxext;

	cpuid(0, 0, r);
	max = r[0];
	copy_regs(f->vendor, (uint32_t[]){ r[1], r[3], r[2], 0 }, 3);

	cpuid(1, 0, r);
	f->pge = r[3] & (1u << 13);
	f->pcid = r[2] & (1u << 17);
	f->x2apic = r[2] & (1u << 21);
	f->hypervisor = r[2] & (1u << 31);
	if (max >= 7) {
		cpuid(7, 0, r);
		f->fsgsbase = r[1] & (1u << 0);
		f->smep = r[1] & (1u << 7);
		f->invpcid = r[1] & (1u << 10);
		f->smap = r[1] & (1u << 20);
	}

	cpuid(0x80000000, 0, r);
	maxext = r[0];
	if (maxext >= 0x80000001) {
		cpuid(0x80000001, 0, r);
		f->nx = r[3] & (1u << 20);
		f->page1g = r[3] & (1u << 26);
	}
	f->phys_bits = 36; /* the SDM's value without leaf 0x80000008 */
	if (maxext >= 0x80000008) {
		cpuid(0x80000008, 0, r);
		if ((r[0] & 0xff) >= 32 && (r[0] & 0xff) <= 52)
			f->phys_bits = r[0] & 0xff;
	}
	if (maxext >= 0x80000004) {
		for (uint32_t i = 0; i < 3; i++) {
			cpuid(0x80000002 + i, 0, r);
			copy_regs(f->brand + 16 * i, r, 4);
		}
	}
}

/*
 * Turn on what was found: NX, global pages, FSGSBASE, SMEP, SMAP and PCID
 * (only with INVPCID and global pages as well, see pcid.c).
 * SMAP means the kernel must bracket every access to user memory with
 * stac/clac. Caller: the boot processor, once, before paging_init().
 */
void cpu_enable_features(void)
{
	const struct cpu_features *f = &cpu_features;
	uint64_t cr4 = read_cr4();

	if (f->nx)
		wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_NXE);
	if (f->pge)
		cr4 |= CR4_PGE;
	/* FSGSBASE stays off: the bases are not saved per thread, so user
	 * wrfsbase/wrgsbase would change them for every thread (and GS must
	 * keep pointing at the UTCB word). Without it they raise #UD. */
	if (f->smep)
		cr4 |= CR4_SMEP;
	if (f->smap)
		cr4 |= CR4_SMAP;
	if (pcid_init())
		cr4 |= CR4_PCIDE; /* CR3[11:0] is 0 here, as PCIDE requires */
	write_cr4(cr4);
	write_cr0(read_cr0() | CR0_WP);
}

static const char *yesno(bool on)
{
	return on ? "yes" : "no";
}

void arch_print_cpu(void)
{
	const struct cpu_features *f = &cpu_features;
	const char *brand = f->brand;

	while (*brand == ' ')
		brand++;
	kprintf("cpu: %s \"%s\"%s\n", f->vendor, brand,
		f->hypervisor ? " (hypervisor)" : "");
	kprintf("cpu: nx %s, pge %s, pcid %s, invpcid %s, fsgsbase %s, "
		"smep %s, smap %s, 1g pages %s, %u physical address bits\n",
		yesno(f->nx), yesno(f->pge), yesno(f->pcid), yesno(f->invpcid),
		yesno(f->fsgsbase), yesno(f->smep), yesno(f->smap),
		yesno(f->page1g), f->phys_bits);
	if (pcid_enabled)
		kprintf("cpu: address spaces tagged with PCIDs, switched "
			"without a TLB flush\n");
	else
		kprintf("cpu: address spaces untagged, every switch flushes "
			"the TLB\n");
}

uint64_t arch_timestamp(void)
{
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

/* Bochs answers a read of its port 0xE9 with 0xE9; QEMU and KVM name
 * themselves in the hypervisor CPUID leaf. */
const char *arch_timestamp_unit(void)
{
	uint32_t r[4];
	char sig[13] = { 0 };

	if (cpu_features.hypervisor) {
		cpuid(0x40000000, 0, r);
		copy_regs(sig, (uint32_t[]){ r[1], r[2], r[3], 0 }, 3);
		if (!strcmp(sig, "TCGTCGTCGTCG"))
			return "qemu-tcg-host-time";
		return "cycles";
	}
	if (inb(0xe9) == 0xe9)
		return "instructions";
	return "cycles";
}
