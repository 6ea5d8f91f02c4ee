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
%define PCPU_KERNEL_RSP 0
%define PCPU_USER_RSP 8

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
; stack, IF = 0 (FMASK). Builds a struct trap_frame with vector VEC_SYSCALL
; at the top of the current thread's kernel stack, calls
;
;     void syscall_dispatch(struct trap_frame *frame);
;
; and returns to user mode with sysret (or iretq, see entry_exit).
global entry_syscall
entry_syscall:
	swapgs
	mov [gs:PCPU_USER_RSP], rsp
	mov rsp, [gs:PCPU_KERNEL_RSP]
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
	; fall through

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
; thread's user trap frame.
extern thread_first_run
global entry_thread_start
entry_thread_start:
	call thread_first_run
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
