; SPDX-License-Identifier: BSD-2-Clause
;
; Interrupt and exception entry. Every vector has a 16-byte stub that makes
; the stack look the same (pushing a zero where the CPU pushes no error code)
; and jumps to entry_common, which saves the general registers and calls
;
;     void trap_dispatch(struct trap_frame *frame);
;
; The frame, lowest address first (arch/x86_64/include/arch/trap.h):
;
;   rsp -> r15 r14 r13 r12 r11 r10 r9 r8 rbp rdi rsi rdx rcx rbx rax
;          vector  error  | rip  cs  rflags  rsp  ss   (pushed by the CPU)
;
; 176 bytes below the CPU-aligned frame, so RSP is 16-byte aligned at the
; call. An entry from user mode (CS.RPL = 3) swaps GS in and out.

bits 64
section .text

extern trap_dispatch

%define SEL_USER_DATA 0x20
%define SEL_USER_CODE 0x28
%define VEC_SYSCALL 0x100
%define PCPU_USER_RSP 0
%define THREAD_MAX 65536
%define CR0_TS 8

%include "arch/fastpath.inc"

extern tcb_table, sched_running, sched_slice_over, fastpath_veto
extern fastpath_hits, fpu_owner, fpu_ts, gdt_tss, arch_io_loaded_any
extern ushared_gs_page

; The general registers of struct trap_frame, rax pushed first (so r15 is
; at the lowest address), and their restore.
%macro PUSH_GPRS 0
	push rax
	push rbx
	push rcx
	push rdx
	push rsi
	push rdi
	push rbp
	push r8
	push r9
	push r10
	push r11
	push r12
	push r13
	push r14
	push r15
%endmacro

%macro POP_GPRS 0
	pop r15
	pop r14
	pop r13
	pop r12
	pop r11
	pop r10
	pop r9
	pop r8
	pop rbp
	pop rdi
	pop rsi
	pop rdx
	pop rcx
	pop rbx
	pop rax
%endmacro

%define HAS_ERROR(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

align 16
global entry_vectors_start
entry_vectors_start:
%assign v 0
%rep 256
align 16
%if HAS_ERROR(v) == 0
	push 0
%endif
	push v
	jmp entry_common
%assign v v + 1
%endrep

align 16
entry_common:
	PUSH_GPRS
	test byte [rsp + 18 * 8], 3     ; CS of the interrupted context
	jz .from_kernel
	swapgs
.from_kernel:
	cld
	mov rdi, rsp
	call trap_dispatch
global entry_trap_return
entry_trap_return:
	test byte [rsp + 18 * 8], 3
	jz .to_kernel
	swapgs
.to_kernel:
	POP_GPRS
	add rsp, 16                     ; vector and error code
	iretq

; bool arch_probe_read(const volatile void *addr, uint8_t *val)
; bool arch_probe_write(volatile void *addr, uint8_t val)
; In: RDI address, RSI result pointer or value. Out: EAX 1, or 0 if the
; access faulted: trap_dispatch() finds the faulting RIP in probe_table and
; resumes at its fixup with EAX still 0.
global arch_probe_read
arch_probe_read:
	xor eax, eax
.insn:
	movzx ecx, byte [rdi]
	mov [rsi], cl
	mov eax, 1
.fixup:
	ret

global arch_probe_write
arch_probe_write:
	xor eax, eax
.insn:
	mov [rdi], sil
	mov eax, 1
.fixup:
	ret

; bool uaccess_copy(void *dst, const void *src, size_t n)
; Copy n bytes; EAX 0 if a byte faulted (the copy stops there), else 1.
; Used only by arch_copy_*_user(), which checks the user range and opens
; user access (stac) where SMAP is on.
global uaccess_copy
uaccess_copy:
	xor eax, eax
	mov rcx, rdx
.insn:
	rep movsb
	mov eax, 1
.fixup:
	ret

section .rodata
align 8
global probe_table
global probe_table_end
probe_table:
	dq arch_probe_read.insn, arch_probe_read.fixup
	dq arch_probe_write.insn, arch_probe_write.fixup
	dq uaccess_copy.insn, uaccess_copy.fixup
probe_table_end:

section .text

extern syscall_dispatch

; void entry_syscall(void)  [from user mode via syscall]
; In: RCX = user RIP (identifies the stub), R11 = user RFLAGS, RSP = user
; stack, IF = 0 (FMASK). The null system call and the IPC fastpath come
; first (with L4_FASTPATH); everything else builds a struct trap_frame with
; vector VEC_SYSCALL at the top of the current thread's kernel stack, calls
;
;     void syscall_dispatch(struct trap_frame *frame);
;
; and returns to user mode with sysret (or iretq, see entry_exit).
global entry_syscall
entry_syscall:
%if L4_FASTPATH
	cmp rcx, [rel ipc_stub_return]
	je fastpath_ipc
	cmp rcx, [rel null_stub_return]
	je .null
%endif
	swapgs
	mov [gs:PCPU_USER_RSP], rsp
	mov rsp, [rel gdt_tss + TSS_RSP0]
.frame:
	push SEL_USER_DATA | 3          ; ss
	push qword [gs:PCPU_USER_RSP]   ; rsp
	push r11                        ; rflags
	push SEL_USER_CODE | 3          ; cs
	push rcx                        ; rip
	push 0                          ; error
	push VEC_SYSCALL                ; vector
	PUSH_GPRS
	cld
	mov rdi, rsp
	call syscall_dispatch
	jmp entry_exit

%if L4_FASTPATH
; The null system call: nothing to do, nothing changed, not even GS.
.null:
	o64 sysret

; The IPC fastpath (docs/fastpath.md): Call and ReplyWait with untyped
; words only, to a partner that waits for it and runs next. The sender A
; blocks in its receive phase, the receiver B returns from its own Ipc, and
; the words travel in the registers they came in (MR0-7 in R9, RAX, RBX,
; R10, R12-R15); MR8 and up are copied from UTCB to UTCB.
;
; Until the commit point it only reads, with RBP, RCX and R11 as scratch:
; any guard that fails goes to the slow path with every input register as
; it came (RCX and R11 put back). The sender's frame gets RIP, RSP and
; RFLAGS either way, and the slow path writes the same values.
;
;   RBP = A (current)   RCX = B (destination)   RSP = A's kernel stack top
fastpath_ipc:
	swapgs
	mov rbp, [rel gdt_tss + TSS_RSP0]
	mov [rbp + FRAME_RSP], rsp
	mov [rbp + FRAME_RFLAGS], r11
	mov [rbp + FRAME_RIP], rdi      ; the stub popped the return address
	mov rsp, rbp
	mov rbp, [rel sched_running]

	; The message: untyped words only, no flags (t = 0, bits 15:6 clear).
	test r9d, 0xffc0
	jnz .slow
	; The return address in the user half, so that sysret may go there.
	cmp rdi, [rel user_half_end]
	jae .slow
	; The receive phase never times out.
	test r8w, r8w
	jnz .slow
	; The destination, by global id: number 63:32, version to match. A
	; number of THREAD_MAX or more lands on a TCB whose id differs.
	mov rcx, rsi
	shr rcx, 32
	and ecx, THREAD_MAX - 1
	mov rcx, [tcb_table + rcx * 8]  ; never NULL (tcb.c: tcb_none)
	cmp [rcx + TCB_ID], rsi
	jne .slow
	; B waits in the receive phase of its own Ipc, not halted, with no
	; timeout, for A or for anyone.
	cmp dword [rcx + TCB_STATE], TCB_WAITS_FAST
	jne .slow
	cmp qword [rcx + TCB_FROM_SPEC], -1
	je .accepted
	mov r11, [rbp + TCB_ID]
	cmp [rcx + TCB_FROM_SPEC], r11
	jne .slow
.accepted:
	; B runs next: nothing more urgent is ready (A ran; no wakeup or tick
	; is pending), and B is at least as urgent as A.
	mov r11b, [rcx + TCB_PRIO]
	cmp r11b, [rbp + TCB_PRIO]
	jb .slow
	cmp dword [rel fastpath_veto], 0
	jne .slow
	; The receive phase: from B (Call) or from anyone (ReplyWait). A's
	; partner is written now: it means nothing until A waits, and the
	; slow path writes it again.
	cmp rdx, rsi
	jne .reply_wait
	mov [rbp + TCB_PARTNER], rcx
.receive_ok:
	; B's space, if it never held I/O ports (else the slow path loads
	; them); A's ports, if any, are simply denied again.
	mov r11, [rcx + TCB_SPACE]
	cmp r11, [rbp + TCB_SPACE]
	je .same_space
	cmp qword [r11 + SPACE_IO_GEN], 0
	jne .slow
	mov r11, [r11 + SPACE_CR3]
	mov cr3, r11
	cmp byte [rel arch_io_loaded_any], 0
	jne .io_deny

	; Commit: nothing fails from here on. RSI is what B's Ipc returns as
	; its sender: A's global id from another space, its local id (UTCB
	; address) from B's own (.same_space), as the slow path's sender_id().
.commit:
	mov rsi, [rbp + TCB_ID]
.commit_from_set:
	; A waits for the reply (Call: from B; ReplyWait: from anyone). Its
	; saved kernel RSP is 0: its stack holds only its user frame, and if
	; the slow path switches to it, arch_switch() makes it resume in
	; entry_fast_resumed.
	mov word [rbp + TCB_STATE], TCB_WAIT_RECV | (1 << 8) ; fast_resume
	mov [rbp + TCB_FROM_SPEC], rdx
	mov qword [rbp + TCB_KSP], 0
	; B has its message and runs. (Its partner, ipc_error, ipc_from and
	; ipc_recv_* mean something only while it is in an IPC: they stay.)
	mov dword [rcx + TCB_STATE], TCB_READY ; fast_resume 0 (the others
	inc qword [rel fastpath_hits]          ; of the word are 0 already)
	; The switch (arch_switch without the call): current thread, kernel
	; stack, UTCB word, FPU access.
	mov [rel sched_running], rcx
	mov rsp, [rcx + TCB_KSTACK_TOP]
	mov [rel gdt_tss + TSS_RSP0], rsp
	mov rdi, [rcx + TCB_UTCB_ADDR]
	mov [rel ushared_gs_page], rdi  ; what user %gs:0 reads
	cmp qword [rel fpu_owner], 0
	jne .fpu
.fpu_done:
	test r9d, 0x38                  ; more than 7 untyped words?
	jnz .copy
.copied:
	; Return to B's user mode with the frame its Ipc left.
	mov rcx, [rsp + FRAME_RIP]
	mov r11, [rsp + FRAME_RFLAGS]
	mov rsp, [rsp + FRAME_RSP]
	xor ebp, ebp                    ; (RDX, R8: the sender's, no secret)
	swapgs
	o64 sysret

.reply_wait:                            ; from anyone, and nobody may be
	cmp rdx, -1                     ; queued to send to A already
	jne .slow
	lea r11, [rbp + TCB_SENDERS]
	cmp [r11], r11
	jne .slow
	mov qword [rbp + TCB_PARTNER], 0
	jmp .receive_ok

.same_space:                            ; B sees A by its local id
	mov rsi, [rbp + TCB_UTCB_ADDR]
	jmp .commit_from_set

.io_deny:                               ; no I/O bitmap: every port denied
	mov word [rel gdt_tss + TSS_IOMAP_BASE], TSS_NO_IOMAP
	mov byte [rel arch_io_loaded_any], 0
	jmp .commit

.fpu:                                   ; some thread's FPU state is live
	cmp rcx, [rel fpu_owner]
	je .fpu_own
	cmp byte [rel fpu_ts], 0
	jne .fpu_done                   ; not B's and locked away already
	mov r11, cr0                    ; A's: trap B's first use
	or r11, CR0_TS
	mov cr0, r11
	mov byte [rel fpu_ts], 1
	jmp .fpu_done
.fpu_own:                               ; B's: let it use it
	clts
	mov byte [rel fpu_ts], 0
	jmp .fpu_done

.copy:                                  ; MR8 .. MRu, UTCB to UTCB
	mov r8, rsi                     ; B's sender, kept
	mov r11, rdi
	mov rsi, [rbp + TCB_UTCB]
	mov rdi, [rcx + TCB_UTCB]
	add rsi, 8 * 8
	add rdi, 8 * 8
	mov ecx, r9d
	and ecx, 63
	sub ecx, 7
	rep movsq
	mov rdi, r11
	mov rsi, r8
	jmp .copied

.slow:                                  ; as the slow path's entry leaves it
	mov rsp, [rel gdt_tss + TSS_RSP0]
	mov r11, [rsp + FRAME_RSP]
	mov [gs:PCPU_USER_RSP], r11
	mov r11, [rsp + FRAME_RFLAGS]
	mov rcx, [rel ipc_stub_return]
	jmp entry_syscall.frame

section .rodata
align 8
ipc_stub_return:
	dq USER_STUBS_VA + STUB_IPC * STUB_SLOT + 3     ; after pop rdi; syscall
null_stub_return:
	dq USER_STUBS_VA + STUB_NULL * STUB_SLOT + 2    ; after syscall
user_half_end:
	dq 0x0000800000000000
section .text
%endif

; A thread the fastpath blocked, woken by the slow path: arch_switch_stacks
; "returns" here with RSP at its user frame (arch_switch() built the switch
; frame, see the fastpath's commit). Built with or without the fastpath.
extern ipc_fast_resumed
global entry_fast_resumed
entry_fast_resumed:
	mov rdi, rsp
	call ipc_fast_resumed
	jmp entry_exit

; entry_exit: return to user mode from the trap frame at RSP. A frame that
; came from syscall leaves through sysret, unless its RIP is not canonical
; (sysret to a non-canonical RIP faults in ring 0): the kernel never lets
; that happen (thread_return_check), and iretq is the fallback.
global entry_exit
entry_exit:
	cmp qword [rsp + 15 * 8], VEC_SYSCALL
	jne entry_trap_return
	mov rax, [rsp + 17 * 8]         ; rip
	sar rax, 47                     ; canonical: 0 or -1
	add rax, 1                      ; ... now 1 or 0
	cmp rax, 1
	ja entry_trap_return
	POP_GPRS
	mov rcx, [rsp + 16]             ; rip
	mov r11, [rsp + 32]             ; rflags
	mov rsp, [rsp + 40]             ; user rsp
	swapgs
	o64 sysret

; void entry_thread_start(void)
; The first "return" of a new thread: arch_switch() pops the callee-saved
; registers of its initial switch frame and returns here with RSP at the
; thread's user trap frame. Its IP comes from a start-up message or from
; ExchangeRegisters and may be anything: thread_return_check() sees to it
; (and to a halt or a pending reschedule) as for every other way out.
extern thread_first_run
extern thread_return_check
global entry_thread_start
entry_thread_start:
	call thread_first_run
	mov rdi, rsp
	call thread_return_check
	jmp entry_exit

; void arch_switch_stacks(uint64_t *save_rsp, uint64_t new_rsp)
; Save the callee-saved registers and RSP of the running kernel context in
; *save_rsp and continue the context whose RSP is new_rsp.
global arch_switch_stacks
arch_switch_stacks:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [rdi], rsp
	mov rsp, rsi
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

; uint64_t user_trial_enter(uint64_t rip, uint64_t rsp)
; Enter ring 3 at RIP with stack RSP and interrupts on. Returns (through
; user_trial_leave) the value the trial ends with. Saves the callee-saved
; registers and the kernel RSP in trial_kernel_rsp.
global user_trial_enter
user_trial_enter:
	push rbx
	push rbp
	push r12
	push r13
	push r14
	push r15
	mov [rel trial_kernel_rsp], rsp
	push SEL_USER_DATA | 3          ; SS
	push rsi                        ; RSP
	push 0x202                      ; RFLAGS: IF
	push SEL_USER_CODE | 3          ; CS
	push rdi                        ; RIP
	xor eax, eax                    ; leak nothing of the kernel
	xor ebx, ebx
	xor ecx, ecx
	xor edx, edx
	xor esi, esi
	xor edi, edi
	xor ebp, ebp
	xor r8d, r8d
	xor r9d, r9d
	xor r10d, r10d
	xor r11d, r11d
	xor r12d, r12d
	xor r13d, r13d
	xor r14d, r14d
	xor r15d, r15d
	swapgs
	iretq

; _Noreturn void user_trial_leave(uint64_t result)
; Abandon the current stack and return @result from user_trial_enter.
; Kernel GS must be in place.
global user_trial_leave
user_trial_leave:
	mov rax, rdi
	mov rsp, [rel trial_kernel_rsp]
	pop r15
	pop r14
	pop r13
	pop r12
	pop rbp
	pop rbx
	ret

section .bss
alignb 8
trial_kernel_rsp:
	resq 1
; The boot (later idle) stack, with an unmapped guard page below it
; (paging.c): an overflow faults instead of overwriting .bss and .data.
alignb 4096
global kernel_stack_guard
kernel_stack_guard:
	resb 4096
kernel_stack:
	resb 16384
global kernel_stack_top
kernel_stack_top:
