/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The system calls for user programs, with the register contract of
 * ABI.md section 1: each loads the registers and calls the stub whose
 * address the KIP gives (l4_init() reads them). Callers keep RBP; RBX and
 * R8-R15 are clobbered.
 */
#ifndef L4_SYSCALLS_H
#define L4_SYSCALLS_H

#include <l4/fpage.h>
#include <l4/kip.h>
#include <l4/msgtag.h>
#include <l4/thread.h>
#include <l4/time.h>
#include <l4/utcb.h>

/* Stub addresses, filled by l4_init(). */
extern l4_word_t l4_sys_ipc, l4_sys_lipc, l4_sys_thread_control,
	l4_sys_space_control, l4_sys_schedule, l4_sys_exchange_registers,
	l4_sys_thread_switch, l4_sys_system_clock, l4_sys_unmap,
	l4_sys_processor_control, l4_sys_memory_control, l4_sys_null;
extern void *l4_kip;

/* Find the KIP (KernelInterface) and the stubs. Called by crt0. */
void l4_init(void);

/* What crt0 calls when main returns: report and block for good. */
_Noreturn void l4_exit(int status);

/* KernelInterface: lock; nop. */
static inline void *l4_kernel_interface(l4_word_t *version, l4_word_t *flags,
					l4_word_t *id)
{
	void *kip;

	__asm__ volatile("lock; nop"
			 : "=a"(kip), "=c"(*version), "=d"(*flags), "=S"(*id));
	return kip;
}

/* This thread's UTCB (its local id): %gs:0. */
static inline l4_word_t *l4_utcb(void)
{
	l4_word_t *u;

	__asm__("mov %%gs:0, %0" : "=r"(u));
	return u;
}

/*
 * The same, read again: l4_utcb() lets the compiler keep the address, which
 * is right unless ThreadControl moves the thread to another space with its
 * UTCB at another place (docs/abi.md). Code that may be moved reads it so
 * after each system call that can block.
 */
static inline l4_word_t *l4_utcb_reload(void)
{
	l4_word_t *u;

	__asm__ volatile("mov %%gs:0, %0" : "=r"(u) : : "memory");
	return u;
}

static inline l4_threadid_t l4_myself(void)
{
	return l4_threadid(l4_utcb()[L4_UTCB_MY_GLOBAL_ID]);
}

static inline l4_word_t l4_mr(unsigned i)
{
	return l4_utcb()[i];
}

static inline void l4_set_mr(unsigned i, l4_word_t w)
{
	l4_utcb()[i] = w;
}

/*
 * L4_MR_REGISTERS(u) declares MR0-MR7 of the UTCB at @u as the variables
 * that live in their registers (ABI.md 1): r9, rax, rbx, r10, r12-r15, for
 * inline assembly around a stub ("+a", "+b" and "+r" operands).
 */
#define L4_MR_REGISTERS(u)                              \
	register l4_word_t r9 __asm__("r9") = (u)[0];   \
	register l4_word_t r10 __asm__("r10") = (u)[3]; \
	register l4_word_t r12 __asm__("r12") = (u)[4]; \
	register l4_word_t r13 __asm__("r13") = (u)[5]; \
	register l4_word_t r14 __asm__("r14") = (u)[6]; \
	register l4_word_t r15 __asm__("r15") = (u)[7]; \
	l4_word_t rax = (u)[1], rbx = (u)[2]

/*
 * L4_MR_CALL(name, stub) defines name(rsi, rdx, r8): a call through the
 * stub address in the global @stub whose MR0-MR7 travel in R9, RAX, RBX,
 * R10, R12-R15 both ways (Ipc, Lipc, Unmap); the rest of the MRs stay in
 * the UTCB. RSI comes back. The stub is a memory operand of the global
 * (RIP-relative): every register is taken, and an operand on the stack
 * would be off by the pushed RBP.
 */
#define L4_MR_CALL(name, stub)                                                 \
	static inline l4_word_t name(l4_word_t rsi, l4_word_t rdx,             \
				     l4_word_t r8v)                            \
	{                                                                      \
		l4_word_t *u = l4_utcb();                                      \
		register l4_word_t r8 __asm__("r8") = r8v;                     \
		L4_MR_REGISTERS(u);                                            \
		l4_word_t rdi = (l4_word_t)u;                                  \
                                                                               \
		__asm__ volatile("push %%rbp\n\t"                              \
				 "call *%[s]\n\t"                              \
				 "pop %%rbp"                                   \
				 : "+a"(rax), "+b"(rbx), "+S"(rsi), "+d"(rdx), \
				   "+D"(rdi), "+r"(r8), "+r"(r9), "+r"(r10),   \
				   "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15)  \
				 : [s] "m"(stub)                               \
				 : "rcx", "r11", "memory");                    \
		u[0] = r9;                                                     \
		u[1] = rax;                                                    \
		u[2] = rbx;                                                    \
		u[3] = r10;                                                    \
		u[4] = r12;                                                    \
		u[5] = r13;                                                    \
		u[6] = r14;                                                    \
		u[7] = r15;                                                    \
		return rsi;                                                    \
	}

L4_MR_CALL(l4_mr_call_ipc, l4_sys_ipc)
L4_MR_CALL(l4_mr_call_lipc, l4_sys_lipc)
L4_MR_CALL(l4_mr_call_unmap, l4_sys_unmap)

/*
 * Ipc: send to @to (unless nil), then receive from @from_spec (unless nil)
 * with the two timeouts of @timeouts. The message is in the UTCB's MRs
 * before and after. Returns MR0 (the tag); *from gets the sender when
 * there is a receive phase.
 */
static inline l4_msgtag_t l4_ipc(l4_threadid_t to, l4_threadid_t from_spec,
				 l4_word_t timeouts, l4_threadid_t *from)
{
	l4_word_t f = l4_mr_call_ipc(to.raw, from_spec.raw, timeouts);

	if (from)
		*from = l4_threadid(f);
	return l4_msgtag(l4_mr(0));
}

/* Lipc: Ipc between threads of one address space (local ids). */
static inline l4_msgtag_t l4_lipc(l4_threadid_t to, l4_threadid_t from_spec,
				  l4_word_t timeouts, l4_threadid_t *from)
{
	l4_word_t f = l4_mr_call_lipc(to.raw, from_spec.raw, timeouts);

	if (from)
		*from = l4_threadid(f);
	return l4_msgtag(l4_mr(0));
}

/*
 * Unmap: the fpages in MR0..MRk (k = control & 0x3f) lose their rights in
 * every space they were mapped to (and in the caller's with the flush bit);
 * each fpage comes back with the rights that were used (bits 2:0).
 */
static inline void l4_unmap(l4_word_t control)
{
	l4_mr_call_unmap(0, control, 0);
}

/* The system calls that take and return words in registers only. */
static inline l4_word_t l4_syscall5(l4_word_t stub, l4_word_t rdi,
				    l4_word_t rsi, l4_word_t *rdx,
				    l4_word_t r8v, l4_word_t r9v)
{
	register l4_word_t r8 __asm__("r8") = r8v;
	register l4_word_t r9 __asm__("r9") = r9v;
	l4_word_t rax, d = *rdx;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "=a"(rax), "+D"(rdi), "+S"(rsi), "+d"(d), "+r"(r8),
			   "+r"(r9)
			 : [stub] "r"(stub)
			 : "rbx", "rcx", "r10", "r11", "r12", "r13", "r14",
			   "r15", "memory");
	*rdx = d;
	return rax;
}

static inline l4_word_t l4_thread_control(l4_threadid_t dest,
					  l4_threadid_t space,
					  l4_threadid_t scheduler,
					  l4_threadid_t pager,
					  l4_word_t utcb_location)
{
	l4_word_t rdx = scheduler.raw;

	return l4_syscall5(l4_sys_thread_control, dest.raw, pager.raw, &rdx,
			   space.raw, utcb_location);
}

static inline l4_word_t l4_space_control(l4_threadid_t space, l4_word_t control,
					 l4_fpage_t kip, l4_fpage_t utcb,
					 l4_threadid_t redirector,
					 l4_word_t *old_control)
{
	l4_word_t rdx = kip.raw;
	l4_word_t r = l4_syscall5(l4_sys_space_control, space.raw, control,
				  &rdx, utcb.raw, redirector.raw);

	if (old_control)
		*old_control = rdx;
	return r;
}

static inline l4_word_t l4_schedule(l4_threadid_t dest, l4_word_t time,
				    l4_word_t proc, l4_word_t prio,
				    l4_word_t preempt, l4_word_t *old_time)
{
	l4_word_t rdx = time;
	l4_word_t r = l4_syscall5(l4_sys_schedule, dest.raw, prio, &rdx, proc,
				  preempt);

	if (old_time)
		*old_time = rdx;
	return r;
}

struct l4_exregs {
	l4_word_t control, sp, ip, flags, handle;
	l4_threadid_t pager;
};

/* ExchangeRegisters: @r in, old values out. Returns the result id. */
static inline l4_threadid_t l4_exchange_registers(l4_threadid_t dest,
						  struct l4_exregs *r)
{
	register l4_word_t r8 __asm__("r8") = r->ip;
	register l4_word_t r9 __asm__("r9") = r->flags;
	register l4_word_t r10 __asm__("r10") = r->handle;
	l4_word_t rax = dest.raw, rsi = r->control, rdx = r->sp;
	l4_word_t rdi = r->pager.raw;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "+a"(rax), "+S"(rsi), "+d"(rdx), "+D"(rdi), "+r"(r8),
			   "+r"(r9), "+r"(r10)
			 : [stub] "m"(l4_sys_exchange_registers)
			 : "rbx", "rcx", "r11", "r12", "r13", "r14", "r15",
			   "memory");
	r->control = rsi;
	r->sp = rdx;
	r->ip = r8;
	r->flags = r9;
	r->handle = r10;
	r->pager = l4_threadid(rdi);
	return l4_threadid(rax);
}

/*
 * The global id of @t: @t itself unless it is the local id of a thread of
 * the caller's space, which ExchangeRegisters (with nothing to change)
 * translates; nil if there is no such thread. A receiver sees a sender of
 * its own space by its local id (docs/ipc.md), so code that keeps threads
 * by global id translates what it receives (X.2's GlobalIdOf).
 */
static inline l4_threadid_t l4_global_id_of(l4_threadid_t t)
{
	struct l4_exregs r = { 0 };

	if (!l4_is_specific_local_id(t))
		return t;
	return l4_exchange_registers(t, &r);
}

static inline void l4_thread_switch(l4_threadid_t dest)
{
	l4_word_t rdi = dest.raw;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "+D"(rdi)
			 : [stub] "m"(l4_sys_thread_switch)
			 : "rax", "rbx", "rcx", "rdx", "rsi", "r8", "r9", "r10",
			   "r11", "r12", "r13", "r14", "r15", "memory");
}

/*
 * The null system call (ArchSyscall0, beyond X.2): enters the kernel and
 * leaves at once, changing nothing but RCX and R11 (which syscall itself
 * takes). The floor under every other system call, for benchmarks.
 */
static inline void l4_null_syscall(void)
{
	__asm__ volatile("call *%[stub]"
			 :
			 : [stub] "m"(l4_sys_null)
			 : "rcx", "r11", "memory");
}

static inline uint64_t l4_system_clock(void)
{
	l4_word_t rax;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "=a"(rax)
			 : [stub] "m"(l4_sys_system_clock)
			 : "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10",
			   "r11", "r12", "r13", "r14", "r15", "memory");
	return rax;
}

/* ProcessorControl (the system call; l4_processor_control() in l4/schedule.h
 * builds Schedule's word): one processor (0); frequencies and voltage are
 * accepted. Privileged. Returns 1, or 0 with ErrorCode. */
static inline l4_word_t l4_processor_ctl(l4_word_t cpu, l4_word_t internal,
					 l4_word_t external, l4_word_t voltage)
{
	register l4_word_t r8 __asm__("r8") = voltage;
	l4_word_t rax, rdi = cpu, rsi = internal, rdx = external;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "=a"(rax), "+D"(rdi), "+S"(rsi), "+d"(rdx), "+r"(r8)
			 : [stub] "m"(l4_sys_processor_control)
			 : "rbx", "rcx", "r9", "r10", "r11", "r12", "r13",
			   "r14", "r15", "memory");
	return rax;
}

/*
 * MemoryControl: @attr[0..3] are the attributes the fpages in MR0..MRk
 * select (docs/abi.md: RSI, R8, R10, RBX carry them; the fpages come from
 * the UTCB). Only the default attributes (0) exist. Privileged. Returns
 * 1, or 0 with ErrorCode.
 */
static inline l4_word_t l4_memory_ctl(l4_word_t control,
				      const l4_word_t attr[4])
{
	l4_word_t *u = l4_utcb();
	register l4_word_t r8 __asm__("r8") = attr[1];
	register l4_word_t r9 __asm__("r9") = u[0];
	register l4_word_t r10 __asm__("r10") = attr[2];
	l4_word_t rax = u[1], rbx = attr[3], rsi = attr[0], rdx = control;
	l4_word_t rdi = (l4_word_t)u;

	__asm__ volatile("push %%rbp\n\t"
			 "call *%[stub]\n\t"
			 "pop %%rbp"
			 : "+a"(rax), "+b"(rbx), "+S"(rsi), "+d"(rdx),
			   "+D"(rdi), "+r"(r8), "+r"(r9), "+r"(r10)
			 : [stub] "m"(l4_sys_memory_control)
			 : "rcx", "r11", "r12", "r13", "r14", "r15", "memory");
	return rdx;
}

/* Send-and-receive helpers. */
static inline l4_msgtag_t l4_call(l4_threadid_t to)
{
	return l4_ipc(to, to, 0, NULL);
}

static inline l4_msgtag_t l4_send(l4_threadid_t to)
{
	return l4_ipc(to, L4_NILTHREAD, 0, NULL);
}

static inline l4_msgtag_t l4_wait(l4_threadid_t *from)
{
	return l4_ipc(L4_NILTHREAD, L4_ANYTHREAD, 0, from);
}

static inline l4_msgtag_t l4_reply_wait(l4_threadid_t to, l4_threadid_t *from)
{
	return l4_ipc(to, L4_ANYTHREAD, l4_timeouts(L4_ZEROTIME, L4_NEVER),
		      from);
}

/* Block for good: receive from oneself, who never sends, never timing
 * out. */
static inline void l4_sleep_forever(void)
{
	for (;;)
		l4_ipc(L4_NILTHREAD, l4_myself(), 0, NULL);
}

#endif
