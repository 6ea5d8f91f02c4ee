/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Instructions the C code needs that C cannot say: port I/O, MSRs, control
 * registers, CPUID. Each is one instruction; none has side effects beyond it.
 */
#ifndef ARCH_CPU_H
#define ARCH_CPU_H

#include <stdbool.h>
#include <stdint.h>

#define MSR_EFER 0xc0000080
#define MSR_STAR 0xc0000081
#define MSR_LSTAR 0xc0000082
#define MSR_FMASK 0xc0000084
#define MSR_FS_BASE 0xc0000100
#define MSR_GS_BASE 0xc0000101
#define MSR_KERNEL_GS_BASE 0xc0000102
#define MSR_APIC_BASE 0x1b

#define EFER_SCE (1u << 0)
#define EFER_LME (1u << 8)
#define EFER_NXE (1u << 11)

#define CR0_WP (1ul << 16)
#define CR4_PGE (1ul << 7)
#define CR4_OSFXSR (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_FSGSBASE (1ul << 16)
#define CR4_PCIDE (1ul << 17)
#define CR4_SMEP (1ul << 20)
#define CR4_SMAP (1ul << 21)

#define RFLAGS_IF (1ul << 9)
#define RFLAGS_AC (1ul << 18)

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ volatile("wrmsr"
			 :
			 : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32))
			 : "memory");
}

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t r[4])
{
	__asm__ volatile("cpuid"
			 : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(sub));
}

#define DEFINE_CR_ACCESS(n)                                                \
	static inline uint64_t read_cr##n(void)                            \
	{                                                                  \
		uint64_t v;                                                \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));          \
		return v;                                                  \
	}                                                                  \
	static inline void write_cr##n(uint64_t v)                         \
	{                                                                  \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory"); \
	}
DEFINE_CR_ACCESS(0)
DEFINE_CR_ACCESS(2)
DEFINE_CR_ACCESS(3)
DEFINE_CR_ACCESS(4)

static inline void cli(void)
{
	__asm__ volatile("cli" : : : "memory");
}

static inline void hlt(void)
{
	__asm__ volatile("hlt" : : : "memory");
}

static inline uint64_t read_rflags(void)
{
	uint64_t v;
	__asm__ volatile("pushfq; popq %0" : "=r"(v));
	return v;
}

/* The features this kernel looks for; found once by cpu_detect(). */
struct cpu_features {
	bool nx;       /* no-execute pages (EFER.NXE) */
	bool pge;      /* global pages (CR4.PGE) */
	bool pcid;     /* process-context identifiers (CR4.PCIDE) */
	bool invpcid;  /* the INVPCID instruction */
	bool fsgsbase; /* RDGSBASE and friends (CR4.FSGSBASE) */
	bool smep;     /* supervisor-mode execution prevention */
	bool smap;     /* supervisor-mode access prevention */
	bool page1g;   /* 1 GiB pages */
	bool x2apic;
	bool hypervisor;
	unsigned phys_bits; /* MAXPHYADDR: physical address width */
	char vendor[13];
	char brand[49];
};

extern struct cpu_features cpu_features;

void cpu_detect(void);
void cpu_enable_features(void);

#endif
