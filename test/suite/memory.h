/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Memory of the test suite: pages asked of sigma0 by the sigma0 protocol
 * and mapped at fresh addresses of a scratch region of the suite's space
 * (never reused, so one case's mappings cannot meet another's), the KIP's
 * memory descriptors, and the Unmap system call, which lib/l4c does not
 * wrap.
 */
#ifndef SUITE_MEMORY_H
#define SUITE_MEMORY_H

#include <l4/abi.h>
#include <l4/bootmodules.h>
#include <l4/mbi.h>
#include <l4/syscalls.h>

#define SUITE_PAGE 4096ul
#define SUITE_SCRATCH_BASE 0x40000000ul

/* Touch every page of the suite's image and of the boot information,
 * with the modules and the multiboot information it describes, so that no
 * thread of the suite faults on them later. */
void suite_memory_init(void);

/* True if @va lies in the suite's image (text to bss). */
bool suite_in_image(l4_word_t va);

/* A fresh, page-aligned scratch address with nothing mapped there. */
l4_word_t suite_scratch_va(void);

/*
 * Ask sigma0 for @want (l4_sigma0_any_fpage() for any page) with a
 * receive window of the same size at @window. Returns the flexpage sigma0
 * sent (MR2 of its reply), 0 if it refused or the IPC failed.
 */
l4_word_t suite_sigma0_request(l4_fpage_t want, l4_word_t window);

/* Any 4 KiB page from sigma0, mapped read-write at a fresh scratch address;
 * NULL if sigma0 refused. */
void *suite_page_alloc(void);

/* Ask sigma0 for the 2^@log2 I/O ports at @port, accepted into this
 * space; the I/O fpage sent, or 0 if refused. */
l4_word_t suite_sigma0_ports(l4_word_t port, unsigned log2);

/* The effective type of physical address @pa by the KIP's memory
 * descriptors (later ones override earlier ones). */
unsigned suite_mem_type(l4_word_t pa);

/* The subtype of that descriptor (0 if none describes @pa). */
unsigned suite_mem_subtype(l4_word_t pa);

/*
 * A physical page of descriptor type @type: the @n-th page from the middle
 * of the largest region of that type whose effective type is @type. False if
 * there is none. Different @n give different pages.
 */
bool suite_phys_page(unsigned type, unsigned n, l4_word_t *pa);

/*
 * Unmap: MR0..MRk hold flexpages (@control: k and the flush bit). On
 * return the MRs hold the flexpages with the access status found.
 */
static inline void suite_unmap(l4_word_t control)
{
	l4_word_t *u = l4_utcb();
	register l4_word_t r9 __asm__("r9") = u[0];
	register l4_word_t r10 __asm__("r10") = u[3];
	register l4_word_t r12 __asm__("r12") = u[4];
	register l4_word_t r13 __asm__("r13") = u[5];
	register l4_word_t r14 __asm__("r14") = u[6];
	register l4_word_t r15 __asm__("r15") = u[7];
	l4_word_t rax = u[1], rbx = u[2], rdx = control, rdi = (l4_word_t)u;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "+a"(rax), "+b"(rbx), "+d"(rdx), "+D"(rdi), "+r"(r9),
			   "+r"(r10), "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15)
			 : [stub] "m"(l4_sys_unmap)
			 : "rcx", "rsi", "r8", "r11", "memory");
	u[0] = r9;
	u[1] = rax;
	u[2] = rbx;
	u[3] = r10;
	u[4] = r12;
	u[5] = r13;
	u[6] = r14;
	u[7] = r15;
}

/* Unmap the one flexpage @f (its rights: what to revoke), flushing the
 * caller's own mapping too if @flush. Returns MR0 afterwards: @f with the
 * access status bits in place of the rights. */
static inline l4_word_t suite_unmap_fpage(l4_fpage_t f, bool flush)
{
	l4_utcb()[0] = f.raw;
	suite_unmap(l4_unmap_control(0, flush));
	return l4_utcb()[0];
}

#endif /* SUITE_MEMORY_H */
