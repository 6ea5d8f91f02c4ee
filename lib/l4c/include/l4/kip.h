/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The kernel interface page (ABI.md section 3): a 4 KiB page, mapped
 * read-only into every space, through which the kernel describes itself --
 * API version, memory map, initial servers, UTCB and KIP area rules, clock
 * and thread-number ranges, and the addresses of the system-call stubs.
 * Fields are given as byte offsets from the start of the page; a KIP is
 * read with the accessors below, from assembly with the offsets.
 */
#ifndef L4_KIP_H
#define L4_KIP_H

#include <l4/types.h>

/*
 * Layout. ABI.md section 3 gives the fields it needs; the rest are placed
 * as in Pistachio's kernel_interface_page_t (kernel/src/api/v4/
 * kernelinterface.h), whose words are 8 bytes on amd64:
 *
 *   0x000 magic           0x040 sigma0 {sp, ip, mem low, mem high}
 *   0x008 ApiVersion      0x060 sigma1 {sp, ip, mem low, mem high}
 *   0x010 ApiFlags        0x080 root server {sp, ip, mem low, mem high}
 *   0x018 KernelDescPtr   0x0A0 reserved
 *   0x020 Kdebug.init     0x0A8 MemoryInfo
 *   0x028 Kdebug.entry    0x0B0 Kdebug.config (2 words)
 *   0x030 Kdebug.low      0x0C0 .. 0x13F reserved (X.0 memory regions)
 *   0x038 Kdebug.high     0x150 UtcbAreaInfo ... 0x238 ArchSyscall3
 *
 * ABI.md puts the three server descriptors at "0x060 to 0x08F", which
 * cannot hold three 32-byte descriptors; with 2-word kdebug fields and
 * 2-word memory regions before them (Pistachio: kdebug_init, kdebug_entry,
 * mem_region_t kdebug_mem {low, high}) sigma0 is at 0x40, sigma1 at 0x60
 * and the root server at 0x80, and MemoryInfo lands at 0xA8 as ABI.md
 * says. Pistachio's user library (user/include/l4/kip.h) agrees on every
 * offset from 0xA8 up.
 */
#define L4_KIP_SIZE 4096

#define L4_KIP_OFF_MAGIC 0x000
#define L4_KIP_OFF_API_VERSION 0x008
#define L4_KIP_OFF_API_FLAGS 0x010
#define L4_KIP_OFF_KERNEL_DESC_PTR 0x018
#define L4_KIP_OFF_KDEBUG_INIT 0x020
#define L4_KIP_OFF_KDEBUG_ENTRY 0x028
#define L4_KIP_OFF_KDEBUG_LOW 0x030
#define L4_KIP_OFF_KDEBUG_HIGH 0x038
#define L4_KIP_OFF_SIGMA0 0x040
#define L4_KIP_OFF_SIGMA1 0x060
#define L4_KIP_OFF_ROOT_SERVER 0x080
#define L4_KIP_OFF_MEMORY_INFO 0x0a8
#define L4_KIP_OFF_KDEBUG_CONFIG 0x0b0
#define L4_KIP_OFF_UTCB_INFO 0x150
#define L4_KIP_OFF_KIP_AREA_INFO 0x158
#define L4_KIP_OFF_BOOT_INFO 0x170
#define L4_KIP_OFF_PROC_DESC_PTR 0x178
#define L4_KIP_OFF_CLOCK_INFO 0x180
#define L4_KIP_OFF_THREAD_INFO 0x188
#define L4_KIP_OFF_PAGE_INFO 0x190
#define L4_KIP_OFF_PROCESSOR_INFO 0x198
#define L4_KIP_OFF_SPACE_CONTROL 0x1a0
#define L4_KIP_OFF_THREAD_CONTROL 0x1a8
#define L4_KIP_OFF_PROCESSOR_CONTROL 0x1b0
#define L4_KIP_OFF_MEMORY_CONTROL 0x1b8
#define L4_KIP_OFF_IPC 0x1c0
#define L4_KIP_OFF_LIPC 0x1c8
#define L4_KIP_OFF_UNMAP 0x1d0
#define L4_KIP_OFF_EXCHANGE_REGISTERS 0x1d8
#define L4_KIP_OFF_SYSTEM_CLOCK 0x1e0
#define L4_KIP_OFF_THREAD_SWITCH 0x1e8
#define L4_KIP_OFF_SCHEDULE 0x1f0
#define L4_KIP_OFF_ARCH_SYSCALL0 0x220
#define L4_KIP_OFF_ARCH_SYSCALL1 0x228
#define L4_KIP_OFF_ARCH_SYSCALL2 0x230
#define L4_KIP_OFF_ARCH_SYSCALL3 0x238

/* Words of a server descriptor, as offsets from its start. */
#define L4_KIP_SERVER_SP 0x00
#define L4_KIP_SERVER_IP 0x08
#define L4_KIP_SERVER_MEM_LOW 0x10
#define L4_KIP_SERVER_MEM_HIGH 0x18

/*
 * Values. The magic is the bytes "L4", 0xE6 (µ in Latin-1), "K" in the low
 * 32 bits. ApiVersion: version (31:24) 0x84 = X.2, subversion (23:16).
 * ApiFlags: endianness ee (1:0) 0 = little, word size ww (3:2) 1 = 64 bit.
 * KernelInterface (`lock; nop`) returns these in RCX and RDX, and the
 * kernel id (id 31:24, subid 23:16) in RSI.
 */
#define L4_KIP_MAGIC 0x4be6344cu
#define L4_API_VERSION 0x84050000u
#define L4_API_VERSION_X2 0x84u
#define L4_API_FLAGS 0x4u

static inline unsigned l4_api_version_version(l4_word_t w)
{
	return (unsigned)l4_bits(w, 31, 24);
}

static inline unsigned l4_api_version_subversion(l4_word_t w)
{
	return (unsigned)l4_bits(w, 23, 16);
}

/* Endianness: 0 little, 1 big. */
static inline unsigned l4_api_flags_endian(l4_word_t w)
{
	return (unsigned)l4_bits(w, 1, 0);
}

/* Word size: 0 32 bit, 1 64 bit. */
static inline unsigned l4_api_flags_word_size(l4_word_t w)
{
	return (unsigned)l4_bits(w, 3, 2);
}

/*
 * MemoryInfo:
 *  63                              32 31                              0
 * +----------------------------------+----------------------------------+
 * | offset of descriptors from KIP   |       number of descriptors      |
 * +----------------------------------+----------------------------------+
 */
static inline l4_word_t l4_memory_info(l4_word_t offset, l4_word_t n)
{
	return (offset << 32) | (n & 0xffffffffull);
}

static inline l4_word_t l4_memory_info_offset(l4_word_t w)
{
	return w >> 32;
}

static inline l4_word_t l4_memory_info_count(l4_word_t w)
{
	return w & 0xffffffffull;
}

/*
 * Memory descriptor, two words, 16-byte aligned; later descriptors
 * override earlier ones:
 *
 *  63                                    10  9  8  7     4  3     0
 * +----------------------------------------+--+--+--------+--------+
 * |             low >> 10                  | v| 0|   t    |  type  |  word 0
 * +----------------------------------------+--+--+--------+--------+
 * |             high >> 10                 |          0            |  word 1
 * +----------------------------------------+-----------------------+
 *
 * The range [low, high] is inclusive: word 1 holds the 1 KiB block of the
 * last byte, so high reads back as (high >> 10 << 10) + 0x3ff, as in
 * Pistachio's L4_MemoryDescHigh. v: virtual rather than physical
 * addresses. t: subtype, meaningful for types 0xE and 0xF. For boot
 * loader memory (0xE) the subtypes of the reference boot loader: 1 its
 * tables (the boot information), 2 the loaded images of sigma0 and the
 * root task, 3 boot modules.
 */
#define L4_MEMDESC_SIZE 16
#define L4_MEMDESC_UNDEFINED 0x0u
#define L4_MEMDESC_CONVENTIONAL 0x1u
#define L4_MEMDESC_RESERVED 0x2u
#define L4_MEMDESC_DEDICATED 0x3u
#define L4_MEMDESC_SHARED 0x4u
#define L4_MEMDESC_BOOTLOADER 0xeu
#define L4_MEMDESC_ARCH 0xfu
#define L4_MEMDESC_VIRTUAL (1ull << 9)

#define L4_MEMDESC_BOOT_INIT_TABLE 1u
#define L4_MEMDESC_BOOT_INIT_SERVER 2u
#define L4_MEMDESC_BOOT_MODULE 3u

/* Word 0 of a descriptor of @type/@subtype starting at @low. */
static inline l4_word_t l4_memdesc_word0(unsigned type, unsigned subtype,
					 bool virt, l4_word_t low)
{
	return (low & ~0x3ffull) | (virt ? L4_MEMDESC_VIRTUAL : 0) |
	       ((l4_word_t)(subtype & 0xf) << 4) | (type & 0xf);
}

/* Word 1 of a descriptor whose last byte is at @high (inclusive). */
static inline l4_word_t l4_memdesc_word1(l4_word_t high)
{
	return high & ~0x3ffull;
}

static inline unsigned l4_memdesc_type(l4_word_t w0)
{
	return (unsigned)l4_bits(w0, 3, 0);
}

static inline unsigned l4_memdesc_subtype(l4_word_t w0)
{
	return (unsigned)l4_bits(w0, 7, 4);
}

static inline bool l4_memdesc_is_virtual(l4_word_t w0)
{
	return (w0 & L4_MEMDESC_VIRTUAL) != 0;
}

static inline l4_word_t l4_memdesc_low(l4_word_t w0)
{
	return w0 & ~0x3ffull;
}

/* Last byte of the range (inclusive). */
static inline l4_word_t l4_memdesc_high(l4_word_t w1)
{
	return w1 | 0x3ffull;
}

/*
 * UtcbAreaInfo: UTCB size = multiplier * 2^alignment; a UTCB area must be
 * at least 2^min bytes.
 *  63                      22 21        16 15        10 9             0
 * +--------------------------+------------+------------+---------------+
 * |            0             |  min log2  | align log2 |  multiplier   |
 * +--------------------------+------------+------------+---------------+
 */
static inline l4_word_t l4_utcb_info(unsigned mult, unsigned align_log2,
				     unsigned min_log2)
{
	return ((l4_word_t)(min_log2 & 0x3f) << 16) |
	       ((l4_word_t)(align_log2 & 0x3f) << 10) | (mult & 0x3ff);
}

static inline unsigned l4_utcb_info_multiplier(l4_word_t w)
{
	return (unsigned)l4_bits(w, 9, 0);
}

static inline unsigned l4_utcb_info_align_log2(l4_word_t w)
{
	return (unsigned)l4_bits(w, 15, 10);
}

static inline unsigned l4_utcb_info_min_log2(l4_word_t w)
{
	return (unsigned)l4_bits(w, 21, 16);
}

/* Size of one UTCB: multiplier * 2^alignment. */
static inline l4_word_t l4_utcb_info_utcb_size(l4_word_t w)
{
	return (l4_word_t)l4_utcb_info_multiplier(w)
	       << l4_utcb_info_align_log2(w);
}

/* KipAreaInfo: log2 of the KIP area's size in bits 5:0. */
static inline l4_word_t l4_kip_area_info(unsigned log2)
{
	return log2 & 0x3f;
}

static inline unsigned l4_kip_area_info_log2(l4_word_t w)
{
	return (unsigned)l4_bits(w, 5, 0);
}

/*
 * ClockInfo: precision of SystemClock reads (15:0) and of scheduling
 * (31:16), as timeout-style periods (Pistachio clock_info_t).
 */
static inline l4_word_t l4_clock_info(unsigned read_prec, unsigned sched_prec)
{
	return ((l4_word_t)(sched_prec & 0xffff) << 16) | (read_prec & 0xffff);
}

static inline unsigned l4_clock_info_read_precision(l4_word_t w)
{
	return (unsigned)l4_bits(w, 15, 0);
}

static inline unsigned l4_clock_info_schedule_precision(l4_word_t w)
{
	return (unsigned)l4_bits(w, 31, 16);
}

/*
 * ThreadInfo: significant thread-number bits t (7:0); numbers below the
 * system base (19:8) are interrupts, from the user base (31:20) on are
 * user threads (sigma0, sigma1, root server first).
 */
static inline l4_word_t l4_thread_info(unsigned bits, unsigned system_base,
				       unsigned user_base)
{
	return ((l4_word_t)(user_base & 0xfff) << 20) |
	       ((l4_word_t)(system_base & 0xfff) << 8) | (bits & 0xff);
}

static inline unsigned l4_thread_info_bits(l4_word_t w)
{
	return (unsigned)l4_bits(w, 7, 0);
}

static inline unsigned l4_thread_info_system_base(l4_word_t w)
{
	return (unsigned)l4_bits(w, 19, 8);
}

static inline unsigned l4_thread_info_user_base(l4_word_t w)
{
	return (unsigned)l4_bits(w, 31, 20);
}

/*
 * PageInfo: rights the hardware can enforce (2:0) and the page sizes it
 * offers (63:10, bit n set: 2^n-byte pages).
 */
static inline l4_word_t l4_page_info(unsigned rwx, l4_word_t size_mask)
{
	return (size_mask & ~0x3ffull) | (rwx & 7);
}

static inline unsigned l4_page_info_rights(l4_word_t w)
{
	return (unsigned)l4_bits(w, 2, 0);
}

static inline l4_word_t l4_page_info_size_mask(l4_word_t w)
{
	return w & ~0x3ffull;
}

/*
 * ProcessorInfo: number of processors - 1 (15:0), log2 of the size of one
 * processor descriptor (63:60). A descriptor has four words, as
 * Pistachio's L4_ProcDesc_t (log2 size 5): the external and the internal
 * frequency in kHz, then two reserved words.
 */
#define L4_PROCDESC_EXTERNAL_FREQ 0x00
#define L4_PROCDESC_INTERNAL_FREQ 0x08

static inline l4_word_t l4_processor_info(unsigned n, unsigned desc_log2)
{
	return ((l4_word_t)(desc_log2 & 0xf) << 60) | ((n - 1) & 0xffff);
}

static inline unsigned l4_processor_info_count(l4_word_t w)
{
	return (unsigned)l4_bits(w, 15, 0) + 1;
}

static inline unsigned l4_processor_info_desc_log2(l4_word_t w)
{
	return (unsigned)l4_bits(w, 63, 60);
}

/*
 * Kernel descriptor, at KIP + KernelDescPtr (Pistachio
 * kernel_descriptor_t): kernel id (id 31:24, subid 23:16), generation date
 * (day 4:0, month 8:5, year - 2000 15:9), kernel version (31:24 version,
 * 23:16 subversion, 15:0 subsubversion), supplier (four characters), then
 * NUL-terminated strings: the version string, then the feature strings,
 * ended by an empty string.
 */
#define L4_KDESC_KERNEL_ID 0x00
#define L4_KDESC_GEN_DATE 0x08
#define L4_KDESC_KERNEL_VERSION 0x10
#define L4_KDESC_SUPPLIER 0x18
#define L4_KDESC_VERSION_STRING 0x20

/* The word at byte offset @off of the KIP at @kip. */
static inline l4_word_t l4_kip_word(const void *kip, size_t off)
{
	return *(const l4_word_t *)((uintptr_t)kip + off);
}

/* Store @w at byte offset @off of the KIP at @kip (the kernel builds it). */
static inline void l4_kip_set_word(void *kip, size_t off, l4_word_t w)
{
	*(l4_word_t *)((uintptr_t)kip + off) = w;
}

/* True if @kip starts with the KIP magic. */
static inline bool l4_kip_is_valid(const void *kip)
{
	return (l4_kip_word(kip, L4_KIP_OFF_MAGIC) & 0xffffffffull) ==
	       L4_KIP_MAGIC;
}

static inline l4_word_t l4_kip_api_version(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_API_VERSION);
}

static inline l4_word_t l4_kip_api_flags(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_API_FLAGS);
}

static inline l4_word_t l4_kip_utcb_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_UTCB_INFO);
}

static inline l4_word_t l4_kip_kip_area_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_KIP_AREA_INFO);
}

/* Address of the boot information (<l4/bootinfo.h>), or 0. */
static inline l4_word_t l4_kip_boot_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_BOOT_INFO);
}

static inline l4_word_t l4_kip_clock_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_CLOCK_INFO);
}

static inline l4_word_t l4_kip_thread_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_THREAD_INFO);
}

static inline l4_word_t l4_kip_page_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_PAGE_INFO);
}

static inline l4_word_t l4_kip_processor_info(const void *kip)
{
	return l4_kip_word(kip, L4_KIP_OFF_PROCESSOR_INFO);
}

/* Address of the stub of the system call at @off (L4_KIP_OFF_IPC...). */
static inline l4_word_t l4_kip_syscall(const void *kip, size_t off)
{
	return l4_kip_word(kip, off);
}

/* Word @word (L4_KIP_SERVER_*) of the server descriptor at @server. */
static inline l4_word_t l4_kip_server(const void *kip, size_t server,
				      size_t word)
{
	return l4_kip_word(kip, server + word);
}

static inline l4_word_t l4_kip_num_memdesc(const void *kip)
{
	return l4_memory_info_count(l4_kip_word(kip, L4_KIP_OFF_MEMORY_INFO));
}

/* The two words of memory descriptor @i, which must be below the count. */
static inline const l4_word_t *l4_kip_memdesc(const void *kip, l4_word_t i)
{
	l4_word_t off =
		l4_memory_info_offset(l4_kip_word(kip, L4_KIP_OFF_MEMORY_INFO));

	return (const l4_word_t *)((uintptr_t)kip + off + i * L4_MEMDESC_SIZE);
}

/* Descriptor of processor @cpu, or NULL past the last one. */
static inline const l4_word_t *l4_kip_procdesc(const void *kip, unsigned cpu)
{
	l4_word_t info = l4_kip_processor_info(kip);
	l4_word_t off = l4_kip_word(kip, L4_KIP_OFF_PROC_DESC_PTR);

	if (cpu >= l4_processor_info_count(info))
		return NULL;
	return (const l4_word_t *)((uintptr_t)kip + off +
				   ((l4_word_t)cpu
				    << l4_processor_info_desc_log2(info)));
}

/* The kernel descriptor of the KIP at @kip. */
static inline const l4_word_t *l4_kip_kernel_desc(const void *kip)
{
	return (const l4_word_t *)((uintptr_t)kip +
				   l4_kip_word(kip,
					       L4_KIP_OFF_KERNEL_DESC_PTR));
}

/* Feature string @n (from 0), or NULL past the last one. */
static inline const char *l4_kip_feature(const void *kip, unsigned n)
{
	const char *s =
		(const char *)l4_kip_kernel_desc(kip) + L4_KDESC_VERSION_STRING;

	for (;;) {
		while (*s != '\0')
			s++;
		s++; /* past the version string or the previous feature */
		if (*s == '\0')
			return NULL;
		if (n-- == 0)
			return s;
	}
}

/* True if the kernel announces feature string @name. */
static inline bool l4_kip_has_feature(const void *kip, const char *name)
{
	const char *f;

	for (unsigned n = 0; (f = l4_kip_feature(kip, n)) != NULL; n++) {
		size_t i = 0;

		while (f[i] != '\0' && f[i] == name[i])
			i++;
		if (f[i] == name[i])
			return true;
	}
	return false;
}

/* The value of the first feature string "@key=value", or NULL. */
static inline const char *l4_kip_feature_value(const void *kip, const char *key)
{
	const char *f;

	for (unsigned n = 0; (f = l4_kip_feature(kip, n)) != NULL; n++) {
		size_t i = 0;

		while (key[i] != '\0' && f[i] == key[i])
			i++;
		if (key[i] == '\0' && f[i] == '=')
			return f + i + 1;
	}
	return NULL;
}

#endif /* L4_KIP_H */
