/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The protocols the kernel speaks (ABI.md section 9): the messages it sends
 * on a thread's behalf (page faults, exceptions, preemptions, interrupts),
 * the sigma0 protocol every pager hierarchy starts from, the kernel
 * debugger's instruction-stream calls, and the KernelInterface
 * instruction. Each message is described by its label and the MR that holds
 * each word.
 */
#ifndef L4_PROTOCOL_H
#define L4_PROTOCOL_H

#include <l4/fpage.h>
#include <l4/kip.h>
#include <l4/msgtag.h>
#include <l4/thread.h>
#include <l4/types.h>

/*
 * Labels are 64-bit words; a tag carries their low 48 bits in bits 63:16
 * (<l4/msgtag.h>). So L4_LABEL_PAGEFAULT is the word 0xFFFFFFFFFFFFFFE0,
 * its label field reads 0xFFFFFFFFFFE0 (| rwx), and the full MR0 of a page
 * fault is l4_msgtag_make(L4_LABEL_PAGEFAULT | rwx, 2, 0), i.e.
 * 0xFFFFFFFFFFE00002 | rwx << 16. Build tags with the l4_*_tag()
 * functions and recognise them with the l4_is_*_tag() ones.
 */
#define L4_LABEL_INTERRUPT ((l4_word_t)-1 << 4)
#define L4_LABEL_PAGEFAULT ((l4_word_t)-2 << 4)
#define L4_LABEL_PREEMPTION ((l4_word_t)-3 << 4)
#define L4_LABEL_EXCEPTION ((l4_word_t)-5 << 4)
#define L4_LABEL_SIGMA0 ((l4_word_t)-6 << 4)
#define L4_LABEL_SIGMA0_EXT ((l4_word_t)-1001 << 4)

/* True if @tag's label is @label with anything in the low four bits. */
static inline bool l4_msgtag_label_is(l4_msgtag_t tag, l4_word_t label)
{
	return (l4_msgtag_label(tag) >> 4) == (l4_label_field(label) >> 4);
}

/*
 * Page fault: the faulting thread "calls" its pager. Label
 * L4_LABEL_PAGEFAULT | rwx of the faulting access, u = 2: MR1 the fault
 * address, MR2 the faulting RIP. The kernel accepts map and grant items
 * into the whole space (BR0 = acceptor of L4_COMPLETE_SPACE); any reply
 * resumes the thread.
 */
#define L4_PF_UNTYPED 2
#define L4_PF_MR_ADDR 1
#define L4_PF_MR_IP 2

static inline l4_msgtag_t l4_pagefault_tag(unsigned rwx)
{
	return l4_msgtag_make(L4_LABEL_PAGEFAULT | (rwx & 7), L4_PF_UNTYPED, 0);
}

static inline bool l4_is_pagefault_tag(l4_msgtag_t tag)
{
	return l4_msgtag_label_is(tag, L4_LABEL_PAGEFAULT);
}

/* The access (L4_FPAGE_R/W/X) that faulted. */
static inline unsigned l4_pagefault_rwx(l4_msgtag_t tag)
{
	return (unsigned)(l4_msgtag_label(tag) & 7);
}

/*
 * Exception: the thread calls its ExceptionHandler. Label
 * L4_LABEL_EXCEPTION, u = 19, the registers in the MRs below; the words of
 * the reply (MR1 to MR18) are written back to the registers. Pistachio's
 * amd64 kernel (kernel/src/glue/v4-amd64/exception.cc) sends the same
 * MR1..MR19 and, beyond ABI.md, u = 20 with the hardware error code in
 * MR20.
 */
#define L4_EXC_UNTYPED 19
#define L4_EXC_MR_RIP 1
#define L4_EXC_MR_RBX 2
#define L4_EXC_MR_R10 3
#define L4_EXC_MR_R12 4
#define L4_EXC_MR_R13 5
#define L4_EXC_MR_R14 6
#define L4_EXC_MR_R15 7
#define L4_EXC_MR_RAX 8
#define L4_EXC_MR_RCX 9
#define L4_EXC_MR_RDX 10
#define L4_EXC_MR_RSI 11
#define L4_EXC_MR_RDI 12
#define L4_EXC_MR_RBP 13
#define L4_EXC_MR_R8 14
#define L4_EXC_MR_R9 15
#define L4_EXC_MR_R11 16
#define L4_EXC_MR_RSP 17
#define L4_EXC_MR_RFLAGS 18
#define L4_EXC_MR_NUMBER 19 /* x86 exception vector */

static inline l4_msgtag_t l4_exception_tag(void)
{
	return l4_msgtag_make(L4_LABEL_EXCEPTION, L4_EXC_UNTYPED, 0);
}

static inline bool l4_is_exception_tag(l4_msgtag_t tag)
{
	return l4_msgtag_has_label(tag, L4_LABEL_EXCEPTION);
}

/*
 * Preemption: sent to the thread's scheduler when PreemptFlags ask for it
 * (<l4/utcb.h>). Label L4_LABEL_PREEMPTION, u = 2: MR1 and MR2 the low and
 * high half of the system clock (on amd64 MR2 is 0), as Pistachio's
 * send_preemption_ipc() fills them (kernel/src/api/v4/thread.cc).
 */
#define L4_PREEMPT_UNTYPED 2
#define L4_PREEMPT_MR_TIME_LOW 1
#define L4_PREEMPT_MR_TIME_HIGH 2

static inline l4_msgtag_t l4_preemption_tag(void)
{
	return l4_msgtag_make(L4_LABEL_PREEMPTION, L4_PREEMPT_UNTYPED, 0);
}

static inline bool l4_is_preemption_tag(l4_msgtag_t tag)
{
	return l4_msgtag_has_label(tag, L4_LABEL_PREEMPTION);
}

/*
 * Interrupt: an IPC with u = 0 from the interrupt's thread (thread number
 * = the line, version 1) to the thread attached with ThreadControl
 * (<l4/schedule.h>). ABI.md gives no label; Pistachio's irq_tag()
 * (kernel/src/api/v4/ipc.h) uses -1 << 4, and so do we.
 */
#define L4_IRQ_UNTYPED 0
#define L4_IRQ_VERSION 1

static inline l4_msgtag_t l4_interrupt_tag(void)
{
	return l4_msgtag_make(L4_LABEL_INTERRUPT, L4_IRQ_UNTYPED, 0);
}

static inline bool l4_is_interrupt_tag(l4_msgtag_t tag)
{
	return l4_msgtag_has_label(tag, L4_LABEL_INTERRUPT);
}

/* Thread id of interrupt line @line. */
static inline l4_threadid_t l4_irq_thread(l4_word_t line)
{
	return l4_global_id(line, L4_IRQ_VERSION);
}

/*
 * The initial threads: sigma0, sigma1 and the root task are the first
 * three user thread numbers (KIP ThreadInfo user base), version 1
 * (Pistachio: ROOT_VERSION in kernel/src/api/v4/config.h; L4_Sigma0_GetPage
 * in user/include/l4/sigma0.h calls L4_GlobalId(UserBase, 1)).
 */
#define L4_ROOT_VERSION 1

static inline l4_threadid_t l4_sigma0_thread(unsigned user_base)
{
	return l4_global_id(user_base, L4_ROOT_VERSION);
}

static inline l4_threadid_t l4_sigma1_thread(unsigned user_base)
{
	return l4_global_id((l4_word_t)user_base + 1, L4_ROOT_VERSION);
}

static inline l4_threadid_t l4_roottask_thread(unsigned user_base)
{
	return l4_global_id((l4_word_t)user_base + 2, L4_ROOT_VERSION);
}

/*
 * sigma0's space is the identity of physical memory below 2^46 (this
 * kernel's limit, docs/abi.md section 12): the kernel maps nothing at or
 * above it there, nor at or above the CPU's MAXPHYADDR.
 */
#define L4_SIGMA0_PHYS_LOG2 46

/*
 * sigma0 request: label L4_LABEL_SIGMA0, u = 2: MR1 the flexpage wanted,
 * with rights (base all ones: any free page of that size), MR2 attributes
 * (0: default); BR0 the receive window. The reply is a map item, or a nil
 * flexpage when refused. (Pistachio user/include/l4/sigma0.h.)
 */
#define L4_SIGMA0_UNTYPED 2
#define L4_SIGMA0_MR_FPAGE 1
#define L4_SIGMA0_MR_ATTR 2
#define L4_SIGMA0_ATTR_DEFAULT 0ull

static inline l4_msgtag_t l4_sigma0_tag(void)
{
	return l4_msgtag_make(L4_LABEL_SIGMA0, L4_SIGMA0_UNTYPED, 0);
}

static inline bool l4_is_sigma0_tag(l4_msgtag_t tag)
{
	return l4_msgtag_has_label(tag, L4_LABEL_SIGMA0);
}

/*
 * A request for any free 2^@log2-byte page with rights @rwx: all base bits
 * set, as Pistachio's L4_Sigma0_GetAny builds it (L4_FpageLog2(~0UL, s)).
 */
static inline l4_fpage_t l4_sigma0_any_fpage(unsigned log2, unsigned rwx)
{
	return l4_fpage_raw(L4_FPAGE_BASE_MASK |
			    ((l4_word_t)(log2 & 0x3f) << 4) |
			    (rwx & L4_FPAGE_RIGHTS_MASK));
}

/* True if request flexpage @f asks for any page rather than a given one. */
static inline bool l4_sigma0_is_any(l4_fpage_t f)
{
	unsigned s = l4_fpage_log2(f);

	return s != 0 && (l4_fpage_base(f) | l4_mask(s) | 0x3ff) == ~0ull;
}

/*
 * sigma0's extended protocol, as Pistachio's sigma0 speaks it
 * (user/serv/sigma0/sigma0.cc): label L4_LABEL_SIGMA0_EXT, u = 2 (MR0 =
 * 0xFFFFFFFFC1700002, which Pistachio's sigma0 matches as -1001UL << 20 in
 * the tag's top 44 bits), MR1 the operation, MR2 its argument. Heard only from the root task and kernel
 * threads; nobody gets an answer but the caller of a dump with MR2 != 0,
 * whose answer is an empty message (tag 0).
 */
#define L4_SIGMA0_EXT_UNTYPED 2
#define L4_SIGMA0_EXT_MR_OP 1
#define L4_SIGMA0_EXT_MR_ARG 2
#define L4_SIGMA0_EXT_VERBOSITY 1 /* MR2: the new level */
#define L4_SIGMA0_EXT_DUMP 2	  /* MR2: nonzero asks for an answer */

static inline l4_msgtag_t l4_sigma0_ext_tag(void)
{
	return l4_msgtag_make(L4_LABEL_SIGMA0_EXT, L4_SIGMA0_EXT_UNTYPED, 0);
}

/*
 * Kernel debugger calls: `int3` (0xCC) followed by `cmpb $op, %al`
 * (0x3C op): the kernel reads the op from the instruction stream and
 * resumes after it. Ops as in Pistachio's user/include/l4/ia32/kdebug.h.
 * `int3` followed by a `jmp` (0xEB rel8 or 0xE9 rel32) is KDB_Enter: the
 * instruction after the jmp, `mov $msg, %eax` (or %rax), names the
 * message.
 */
#define L4_KDB_INT3 0xcc
#define L4_KDB_CMPB_AL 0x3c
#define L4_KDB_JMP_SHORT 0xeb
#define L4_KDB_JMP_NEAR 0xe9

#define L4_KDB_PUTC 0x00	  /* print the character in AL */
#define L4_KDB_PUTS 0x01	  /* print the string at RAX */
#define L4_KDB_CLEAR_PAGE 0x02	  /* clear the screen */
#define L4_KDB_GETC 0x08	  /* read a character into AL, or -1 */
#define L4_KDB_GETC_BLOCKING 0x0d /* read a character into AL, wait */

/*
 * KernelInterface: `lock; nop` (F0 90) raises #UD; the kernel returns the
 * KIP address in RAX, L4_API_VERSION in RCX, L4_API_FLAGS in RDX and the
 * kernel id in RSI (<l4/kip.h>), and resumes 2 bytes on.
 */
#define L4_KERNEL_INTERFACE_BYTE0 0xf0
#define L4_KERNEL_INTERFACE_BYTE1 0x90
#define L4_KERNEL_INTERFACE_LENGTH 2

#endif /* L4_PROTOCOL_H */
