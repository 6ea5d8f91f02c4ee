// SPDX-License-Identifier: BSD-2-Clause
/* The kernel interface page; see kip.h for its layout. */
#include <kernel/arch.h>
#include <kernel/kip.h>
#include <kernel/memory.h>
#include <kernel/panic.h>
#include <kernel/printf.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/thread_ids.h>
#include <kernel/version.h>

#include <l4/kip.h>

#define KDESC_OFF 0x300
#define PROCDESC_OFF 0x3c0
#define PROCDESC_LOG2 5
#define MEMDESC_OFF 0x400
#define MEMDESC_MAX ((4096 - MEMDESC_OFF) / L4_MEMDESC_SIZE)

static uint8_t kip[4096] __attribute__((aligned(4096)));
static unsigned nmemdesc;

static void set(size_t off, l4_word_t w)
{
	l4_kip_set_word(kip, off, w);
}

void *kip_page(void)
{
	return kip;
}

uint64_t kip_phys(void)
{
	return arch_kernel_virt_to_phys(kip);
}

static void add_memdesc(uint64_t low, uint64_t high, unsigned type,
			unsigned subtype, bool virt)
{
	size_t off = MEMDESC_OFF + nmemdesc * L4_MEMDESC_SIZE;

	if (nmemdesc == MEMDESC_MAX)
		panic("kip: more than %d memory descriptors", (int)MEMDESC_MAX);
	set(off, l4_memdesc_word0(type, subtype, virt, low));
	set(off + 8, l4_memdesc_word1(high));
	nmemdesc++;
	set(L4_KIP_OFF_MEMORY_INFO, l4_memory_info(MEMDESC_OFF, nmemdesc));
}

void kip_add_memory(uint64_t low, uint64_t high, unsigned type,
		    unsigned subtype)
{
	add_memdesc(low, high, type, subtype, false);
}

static unsigned memdesc_type(uint32_t t)
{
	switch (t) {
	case MEMMAP_FREE:
		return L4_MEMDESC_CONVENTIONAL;
	case MEMMAP_KERNEL:
		return L4_MEMDESC_RESERVED;
	case MEMMAP_BOOT:
	case MEMMAP_BOOT_INFO:
	case MEMMAP_BOOT_EXEC:
		return L4_MEMDESC_BOOTLOADER;
	}
	return L4_MEMDESC_ARCH; /* firmware, ACPI, low memory */
}

/* The subtype of boot-loader memory, as the reference loader gives it. */
static unsigned memdesc_subtype(uint32_t t)
{
	switch (t) {
	case MEMMAP_BOOT:
		return L4_MEMDESC_BOOT_MODULE;
	case MEMMAP_BOOT_INFO:
		return L4_MEMDESC_BOOT_INIT_TABLE;
	case MEMMAP_BOOT_EXEC:
		return L4_MEMDESC_BOOT_INIT_SERVER;
	}
	return 0;
}

/* Append the NUL-terminated @str at *@pos, if it fits before @end. */
static void put_string(char **pos, const char *end, const char *str)
{
	size_t n = strlen(str) + 1;

	if (*pos + n >= end) /* keep room for the final empty string */
		panic("kip: kernel descriptor strings do not fit");
	memcpy(*pos, str, n);
	*pos += n;
}

/*
 * The kernel descriptor: id, version, supplier, then the version string
 * and the feature strings, each NUL-terminated, the last followed by an
 * empty string. Features: "l4x64" (this kernel) and "timestamp=<unit>",
 * what rdtsc counts here (instructions under Bochs; see docs/abi.md).
 */
static void kip_kernel_desc(void)
{
	char *d = (char *)kip + KDESC_OFF;
	char *pos = d + L4_KDESC_VERSION_STRING,
	     *end = (char *)kip + PROCDESC_OFF;
	char ts[48];

	set(L4_KIP_OFF_KERNEL_DESC_PTR, KDESC_OFF);
	/* Kernel id: supplier-specific; ours is 0x0c, version 1. */
	l4_kip_set_word(d, L4_KDESC_KERNEL_ID, KIP_KERNEL_ID);
	/* Kernel version: the project's, as l4/kip.h lays it out. */
	l4_kip_set_word(d, L4_KDESC_KERNEL_VERSION, L4_VERSION_WORD);
	memcpy(d + L4_KDESC_SUPPLIER, "L4x6", 4);
	put_string(&pos, end, L4_BANNER);
	put_string(&pos, end, "l4x64");
	ksnprintf(ts, sizeof(ts), "timestamp=%s", arch_timestamp_unit());
	put_string(&pos, end, ts);
	*pos = 0;
}

/*
 * One processor, with a descriptor of four words as in the reference
 * implementation (log2 size 5): the external (bus) and the internal
 * (rdtsc) frequency in kHz, measured when the timer was calibrated, and
 * two words reserved.
 */
static void kip_processor_desc(void)
{
	uint64_t internal, external;

	arch_frequencies(&internal, &external);
	set(L4_KIP_OFF_PROCESSOR_INFO, l4_processor_info(1, PROCDESC_LOG2));
	set(L4_KIP_OFF_PROC_DESC_PTR, PROCDESC_OFF);
	set(PROCDESC_OFF + L4_PROCDESC_EXTERNAL_FREQ, external);
	set(PROCDESC_OFF + L4_PROCDESC_INTERNAL_FREQ, internal);
}

void kip_init(void)
{
	memset(kip, 0, sizeof(kip));
	set(L4_KIP_OFF_MAGIC, L4_KIP_MAGIC);
	set(L4_KIP_OFF_API_VERSION, L4_API_VERSION);
	set(L4_KIP_OFF_API_FLAGS, L4_API_FLAGS);
	kip_kernel_desc();
	set(L4_KIP_OFF_UTCB_INFO, l4_utcb_info(1, 10, KIP_UTCB_AREA_MIN_LOG2));
	set(L4_KIP_OFF_KIP_AREA_INFO, l4_kip_area_info(KIP_SIZE_LOG2));
	set(L4_KIP_OFF_CLOCK_INFO, l4_clock_info(1, 1000));
	set(L4_KIP_OFF_THREAD_INFO,
	    l4_thread_info(THREAD_NUMBER_BITS, SYSTEM_BASE, USER_BASE));
	set(L4_KIP_OFF_PAGE_INFO, l4_page_info(7, arch_vspace_sizes()));
	kip_processor_desc();
	arch_kip_syscalls(kip);

	kip_sync_memory();
}

void kip_sync_memory(void)
{
	uint64_t start, end;

	nmemdesc = 0;
	for (unsigned i = 0; i < phys_map.n; i++) {
		const struct memmap_range *r = &phys_map.r[i];

		kip_add_memory(r->start, r->end - 1, memdesc_type(r->type),
			       memdesc_subtype(r->type));
	}
	/* Last of the physical ones, so that they override whatever the
	 * firmware said there. */
	for (unsigned i = 0; arch_phys_device(i, &start, &end); i++)
		kip_add_memory(start, end - 1, L4_MEMDESC_RESERVED, 0);
	/* The virtual addresses a user space may use, as the reference
	 * implementation announces them: the whole lower half. */
	add_memdesc(0, USER_LIMIT - 1, L4_MEMDESC_CONVENTIONAL, 0, true);
}

void kip_set_server(unsigned which, uint64_t ip, uint64_t sp, uint64_t low,
		    uint64_t high)
{
	size_t base = which == 0 ? L4_KIP_OFF_SIGMA0 :
		      which == 1 ? L4_KIP_OFF_SIGMA1 :
				   L4_KIP_OFF_ROOT_SERVER;

	set(base + L4_KIP_SERVER_SP, sp);
	set(base + L4_KIP_SERVER_IP, ip);
	set(base + L4_KIP_SERVER_MEM_LOW, low);
	set(base + L4_KIP_SERVER_MEM_HIGH, high);
}

void kip_set_boot_info(uint64_t pa)
{
	set(L4_KIP_OFF_BOOT_INFO, pa);
}
