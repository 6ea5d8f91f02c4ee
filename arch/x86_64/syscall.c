// SPDX-License-Identifier: BSD-2-Clause
/*
 * System calls and user traps on x86_64: the register contract of ABI.md
 * section 1 turned into calls of the kernel's sys_*() functions, and user
 * exceptions turned into page faults, KernelInterface, kernel-debugger
 * calls or exception IPC.
 */
#include <stddef.h>

#include <kernel/arch.h>
#include <kernel/clock.h>
#include <kernel/exception.h>
#include <kernel/fastpath.h>
#include <kernel/ipc.h>
#include <kernel/kdebug.h>
#include <kernel/kip.h>
#include <kernel/map.h>
#include <kernel/sched.h>
#include <kernel/space.h>
#include <kernel/string.h>
#include <kernel/tcb.h>
#include <kernel/thread.h>
#include <kernel/xfer.h>

#include <arch/cpu.h>
#include <arch/fpu.h>
#include <arch/trap.h>
#include <arch/user_trial.h>
#include <arch/ushared.h>

#include <l4/fpage.h>
#include <l4/kip.h>
#include <l4/protocol.h>
#include <l4/time.h>
#include <l4/utcb.h>

/* What arch/fastpath.inc says of the C structures. */
#define FRAME_AT(field)                            \
	((int)offsetof(struct trap_frame, field) - \
	 (int)sizeof(struct trap_frame))
_Static_assert(offsetof(struct tcb, id) == 0, "fastpath.inc");
_Static_assert(offsetof(struct tcb, kstack_top) == 8, "fastpath.inc");
_Static_assert(offsetof(struct tcb, ksp) == 16, "fastpath.inc");
_Static_assert(offsetof(struct tcb, space) == 24, "fastpath.inc");
_Static_assert(offsetof(struct tcb, utcb_addr) == 40, "fastpath.inc");
_Static_assert(offsetof(struct tcb, utcb) == 48, "fastpath.inc");
_Static_assert(offsetof(struct tcb, state) == 104, "fastpath.inc");
_Static_assert(offsetof(struct tcb, halted) == 106, "fastpath.inc");
_Static_assert(offsetof(struct tcb, parked) == 107, "fastpath.inc");
_Static_assert(offsetof(struct tcb, fast_resume) == 105, "fastpath.inc");
_Static_assert(offsetof(struct tcb, prio) == 108, "fastpath.inc");
_Static_assert(offsetof(struct tcb, partner) == 160, "fastpath.inc");
_Static_assert(offsetof(struct tcb, from_spec) == 168, "fastpath.inc");
_Static_assert(offsetof(struct tcb, senders) == 176, "fastpath.inc");
_Static_assert(TCB_READY == 1 && TCB_WAIT_RECV == 3, "fastpath.inc");
_Static_assert(offsetof(struct space, cr3) == 8, "fastpath.inc");
_Static_assert(offsetof(struct space, io_gen) == 88, "fastpath.inc");
_Static_assert(FRAME_AT(rip) == -40, "fastpath.inc");
_Static_assert(FRAME_AT(rflags) == -24, "fastpath.inc");
_Static_assert(FRAME_AT(rsp) == -16, "fastpath.inc");
_Static_assert(USER_STUBS_VA == 0xffffff0000000000 && STUB_SLOT == 32 &&
		       STUB_IPC == 0 && STUB_NULL == 11,
	       "fastpath.inc");
_Static_assert(sizeof(struct fastpath_veto) == 4, "fastpath.inc");
_Static_assert(THREAD_MAX == 65536, "THREAD_MAX in entry.asm");

/* Offset of the return address that syscall leaves in RCX, per stub. */
static unsigned stub_return_offset(unsigned n)
{
	return (n == STUB_IPC || n == STUB_LIPC) ? 3 : 2; /* pop rdi; syscall */
}

/* MR0-7 travel in R9, RAX, RBX, R10, R12, R13, R14, R15. */
static void mrs_to_utcb(const struct trap_frame *f, l4_word_t *utcb)
{
	utcb[0] = f->r9;
	utcb[1] = f->rax;
	utcb[2] = f->rbx;
	utcb[3] = f->r10;
	utcb[4] = f->r12;
	utcb[5] = f->r13;
	utcb[6] = f->r14;
	utcb[7] = f->r15;
}

static void mrs_from_utcb(struct trap_frame *f, const l4_word_t *utcb)
{
	f->r9 = utcb[0];
	f->rax = utcb[1];
	f->rbx = utcb[2];
	f->r10 = utcb[3];
	f->r12 = utcb[4];
	f->r13 = utcb[5];
	f->r14 = utcb[6];
	f->r15 = utcb[7];
}

/*
 * The registers of an Ipc's results: the message from the UTCB, the sender
 * in RSI (nil after an error or without a receive phase), the own local id
 * in RDI. RDX, R8 and RBP are cleared: they are clobbered by the ABI, and
 * the fastpath leaves them zero too.
 */
static void ipc_results(struct trap_frame *f, struct tcb *self, l4_word_t from)
{
	mrs_from_utcb(f, self->utcb);
	f->rsi = from;
	f->rdi = self->utcb_addr;
	f->rdx = 0;
	f->r8 = 0;
	f->rbp = 0;
}

static bool user_half(uint64_t a)
{
	return a < 0x0000800000000000ul;
}

static void do_ipc(struct trap_frame *f, struct tcb *self)
{
	l4_word_t from;

	/* The stub popped the caller's return address into RDI: the call
	 * returns there, unless ExchangeRegisters moves it meanwhile. */
	f->rip = f->rdi;
	mrs_to_utcb(f, self->utcb);
	/* While it waits in its receive phase, the fastpath may end the
	 * call by returning to f->rip; it checks nothing of it itself, nor
	 * for a timeout to cancel: there is none if this is set. */
	self->fast_resume = user_half(f->rip) &&
			    l4_time_is_never(l4_timeouts_receive(f->r8));
	sys_ipc(f->rsi, f->rdx, f->r8, &from);
	self = sched_current();
	self->fast_resume = false;
	ipc_results(f, self, from);
}

#if L4_FASTPATH
/*
 * The send-only case of the fastpath, in C (the assembly takes Call and
 * ReplyWait): untyped words to a thread that waits in the receive phase
 * of its own Ipc for the sender or anyone and is no more urgent than the
 * sender. The message goes into its UTCB, it joins the run queue, and the
 * sender goes on, as the slow path would leave both. False if any of that
 * does not hold; nothing has changed then.
 */
static bool fastpath_send(struct trap_frame *f, struct tcb *self)
{
	l4_msgtag_t tag = l4_msgtag(f->r9);
	unsigned u = l4_msgtag_untyped(tag);
	struct tcb *r;

	if (!fastpath_active() || f->rdx != L4_NILTHREAD_RAW ||
	    (f->r9 & 0xffc0) || !(f->rsi & L4_THREAD_LOCAL_MASK))
		return false;
	r = tcb_by_global(f->rsi);
	if (!r || r == self || r->state != TCB_WAIT_RECV || !r->fast_resume ||
	    r->halted || r->prio > self->prio ||
	    (r->from_spec != L4_ANYTHREAD_RAW && r->from_spec != self->id))
		return false;
	mrs_to_utcb(f, r->utcb); /* MR0-MR7 travel whatever u is */
	if (u > 7)
		memcpy(&r->utcb[8], &self->utcb[8],
		       (u - 7) * sizeof(l4_word_t));
	r->ipc_from = r->space == self->space ? self->utcb_addr : self->id;
	r->ipc_error = 0;
	r->partner = NULL;
	sched_ready(r);
	fastpath_hits++;
	/* The sender's results: MR0 0, no sender, its MR1-MR7 as they were. */
	f->rip = f->rdi;
	self->utcb[0] = 0;
	f->r9 = 0;
	f->rsi = L4_NILTHREAD_RAW;
	f->rdi = self->utcb_addr;
	f->rdx = 0;
	f->r8 = 0;
	f->rbp = 0;
	return true;
}
#endif

/*
 * A thread the fastpath blocked in its receive phase (entry.asm) was woken
 * by the slow path instead (a message the fastpath does not take, a
 * timeout, a cancel): its kernel stack holds nothing but its user frame,
 * and entry_fast_resumed arrives here to finish the Ipc as sys_ipc()
 * would have.
 */
void ipc_fast_resumed(struct trap_frame *f);
void ipc_fast_resumed(struct trap_frame *f)
{
	struct tcb *self = sched_current();
	l4_word_t from;

	self->fast_resume = false;
	/* Woken to page in for a string transfer: serve, and wait again. */
	while (xfer_serve(self))
		sched_block();
	self->ipc_recv_after = true; /* (the fastpath leaves it alone) */
	from = ipc_finish(self, self->ipc_error);
	f->vector = VEC_SYSCALL;
	ipc_results(f, self, from);
	thread_return_check(f);
}

static void do_exregs(struct trap_frame *f)
{
	struct exregs r = { f->rsi, f->rdx, f->r8, f->r9, f->r10, f->rdi };

	f->rax = sys_exchange_registers(f->rax, &r);
	f->rsi = r.control;
	f->rdx = r.sp;
	f->r8 = r.ip;
	f->r9 = r.flags;
	f->r10 = r.handle;
	f->rdi = r.pager;
}

static void do_unmap(struct trap_frame *f, struct tcb *self)
{
	mrs_to_utcb(f, self->utcb);
	sys_unmap(f->rdx);
	mrs_from_utcb(f, self->utcb);
}

/* Called by entry_syscall with interrupts disabled. */
void syscall_dispatch(struct trap_frame *f);
void syscall_dispatch(struct trap_frame *f)
{
	struct tcb *self = sched_current();
	uint64_t off = f->rip - USER_STUBS_VA;
	unsigned n = (unsigned)(off / STUB_SLOT);

	if (user_trial_syscall(f))
		return;
	if (f->rip < USER_STUBS_VA || n >= STUB_COUNT ||
	    off % STUB_SLOT != stub_return_offset(n) || !self->utcb) {
		exception_raise(6, 0); /* syscall outside the stubs: #UD */
		return;
	}
	switch (n) {
	case STUB_IPC:
#if L4_FASTPATH
		if (fastpath_send(f, self))
			break;
#endif
		do_ipc(f, self);
		break;
	case STUB_LIPC:
		do_ipc(f, self);
		break;
	case STUB_THREAD_CONTROL:
		f->rax = sys_thread_control(f->rdi, f->r8, f->rdx, f->rsi,
					    f->r9);
		break;
	case STUB_SPACE_CONTROL:
		f->rax = sys_space_control(f->rdi, f->rsi, f->rdx, f->r8, f->r9,
					   &f->rdx);
		break;
	case STUB_SCHEDULE:
		f->rax = sys_schedule(f->rdi, f->rdx, f->r8, f->rsi, f->r9,
				      &f->rdx);
		break;
	case STUB_EXCHANGE_REGISTERS:
		do_exregs(f);
		break;
	case STUB_THREAD_SWITCH:
		sys_thread_switch(f->rdi);
		break;
	case STUB_SYSTEM_CLOCK:
		f->rax = sys_system_clock();
		break;
	case STUB_UNMAP:
		do_unmap(f, self);
		break;
	case STUB_PROCESSOR_CONTROL:
		f->rax = sys_processor_control(f->rdi, f->rsi, f->rdx, f->r8);
		break;
	case STUB_NULL: /* the fastpath answers it in entry.asm */
		break;
	case STUB_MEMORY_CONTROL: {
		/* Attributes in RSI, R8, R10, RBX (RCX and R11 are lost to
		 * syscall; docs/abi.md); the fpages in MR0 (R9), MR1 (RAX)
		 * and the UTCB. */
		l4_word_t attr[4] = { f->rsi, f->r8, f->r10, f->rbx };

		self->utcb[0] = f->r9;
		self->utcb[1] = f->rax;
		f->rdx = sys_memory_control(f->rdx, attr);
		break;
	}
	}
	thread_return_check(f);
}

/* KernelInterface: lock; nop (F0 90) raises #UD. */
static bool kernel_interface(struct trap_frame *f, struct tcb *self)
{
	uint8_t insn[2];

	if (!arch_copy_from_user(insn, f->rip, 2) || insn[0] != 0xf0 ||
	    insn[1] != 0x90 || !self->space || !space_configured(self->space))
		return false;
	f->rax = l4_fpage_base(l4_fpage_raw(self->space->kip_area));
	f->rcx = L4_API_VERSION;
	f->rdx = L4_API_FLAGS;
	f->rsi = KIP_KERNEL_ID;
	f->rip += 2;
	return true;
}

static bool kdebug(struct trap_frame *f)
{
	uint8_t next[13]; /* the longest: nop; jmp; movabs */
	unsigned n = 0;

	while (n < sizeof(next) && arch_copy_from_user(&next[n], f->rip + n, 1))
		n++;
	return kdebug_call(next, n, &f->rax);
}

/* A trap from user mode (called by trap_dispatch). */
void user_trap(struct trap_frame *f)
{
	struct tcb *self = sched_current();

	user_trial_fault(f); /* returns unless a user trial runs */
	if (f->vector == 14) {
		uint64_t addr = read_cr2();
		unsigned access = (f->error & 2)  ? L4_FPAGE_W :
				  (f->error & 16) ? L4_FPAGE_X :
						    L4_FPAGE_R;

		if (!map_page_fault(addr, access, f->rip))
			exception_raise(14, f->error);
	} else if (f->vector == 7 && fpu_trap()) {
		/* the thread owns the FPU now */
	} else if (f->vector == 6 && kernel_interface(f, self)) {
		/* done */
	} else if (f->vector == 3 && kdebug(f)) {
		/* done */
	} else {
		exception_raise((unsigned)f->vector, f->error);
	}
	thread_return_check(f);
}

static bool canonical(uint64_t a)
{
	return a < 0x0000800000000000ul || a >= 0xffff800000000000ul;
}

/* Before returning to user mode: never to a non-canonical RIP (returning
 * there faults in ring 0); such a thread takes a page fault there instead,
 * as the hardware would make it. A kernel-half RIP is harmless: the fetch
 * faults in user mode. */
void thread_return_check(struct trap_frame *f)
{
	/* Once, outside the loop: a walk longer than a tick would otherwise
	 * find a new tick every time round. */
	kernel_kcheck();
	for (;;) {
		bool tick = clock_take_resched(); /* take both requests */
		bool wakeup = sched_take_resched();

		if (tick || wakeup) {
			schedule(); /* ExchangeRegisters may act meanwhile */
			continue;
		}
		if (sched_current()->halted) {
			sched_park(); /* until resumed */
			continue;
		}
		if (sched_current()->quantum_spent &&
		    f == tcb_user_frame(sched_current())) {
			thread_quantum_spent(); /* blocks for the reply */
			continue;
		}
		if (canonical(f->rip) || f != tcb_user_frame(sched_current()))
			return;
		if (!map_page_fault(f->rip, L4_FPAGE_X, f->rip))
			exception_raise(14, 0x14);
	}
}

void arch_exception_message(const struct tcb *t, uint64_t *mr)
{
	const struct trap_frame *f = tcb_user_frame(t);

	mr[L4_EXC_MR_RIP] = f->rip;
	mr[L4_EXC_MR_RBX] = f->rbx;
	mr[L4_EXC_MR_R10] = f->r10;
	mr[L4_EXC_MR_R12] = f->r12;
	mr[L4_EXC_MR_R13] = f->r13;
	mr[L4_EXC_MR_R14] = f->r14;
	mr[L4_EXC_MR_R15] = f->r15;
	mr[L4_EXC_MR_RAX] = f->rax;
	mr[L4_EXC_MR_RCX] = f->rcx;
	mr[L4_EXC_MR_RDX] = f->rdx;
	mr[L4_EXC_MR_RSI] = f->rsi;
	mr[L4_EXC_MR_RDI] = f->rdi;
	mr[L4_EXC_MR_RBP] = f->rbp;
	mr[L4_EXC_MR_R8] = f->r8;
	mr[L4_EXC_MR_R9] = f->r9;
	mr[L4_EXC_MR_R11] = f->r11;
	mr[L4_EXC_MR_RSP] = f->rsp;
	mr[L4_EXC_MR_RFLAGS] = f->rflags;
}

void arch_exception_reply(struct tcb *t, const uint64_t *mr, unsigned n)
{
	struct trap_frame *f = tcb_user_frame(t);
	uint64_t *slot[] = {
		[L4_EXC_MR_RIP] = &f->rip, [L4_EXC_MR_RBX] = &f->rbx,
		[L4_EXC_MR_R10] = &f->r10, [L4_EXC_MR_R12] = &f->r12,
		[L4_EXC_MR_R13] = &f->r13, [L4_EXC_MR_R14] = &f->r14,
		[L4_EXC_MR_R15] = &f->r15, [L4_EXC_MR_RAX] = &f->rax,
		[L4_EXC_MR_RCX] = &f->rcx, [L4_EXC_MR_RDX] = &f->rdx,
		[L4_EXC_MR_RSI] = &f->rsi, [L4_EXC_MR_RDI] = &f->rdi,
		[L4_EXC_MR_RBP] = &f->rbp, [L4_EXC_MR_R8] = &f->r8,
		[L4_EXC_MR_R9] = &f->r9,   [L4_EXC_MR_R11] = &f->r11,
		[L4_EXC_MR_RSP] = &f->rsp, [L4_EXC_MR_RFLAGS] = NULL,
	};

	for (unsigned i = 1; i < n && i <= L4_EXC_MR_RFLAGS; i++) {
		if (i == L4_EXC_MR_RFLAGS)
			arch_thread_set(t, ARCH_FLAGS, mr[i]);
		else
			*slot[i] = mr[i];
	}
}
