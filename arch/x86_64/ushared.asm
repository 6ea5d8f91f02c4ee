; SPDX-License-Identifier: BSD-2-Clause
;
; The system-call stubs, one per 32-byte slot of a page mapped user-R-X at
; USER_STUBS_VA in every space (include/arch/ushared.h). User code reaches
; them with "call *ADDR", ADDR from the KIP, having loaded the registers of
; ABI.md section 1; callers save RBP and treat RBX, R8-R15 as clobbered.
;
; The kernel tells the calls apart by RCX, the address after each syscall.
;
;   Ipc, Lipc:        pop the return address into RDI and enter; the kernel
;                     returns straight to the caller (RCX = that address)
;                     with RDI = the caller's local id (its UTCB address).
;   Unmap, MemoryControl: enter; on return move the new MR0 from R9 to RCX,
;                     where the reference library expects it.
;   all others:       enter; return to the stub, which returns.

bits 64
section .user_stubs progbits alloc exec nowrite align=4096

%macro STUB_SIMPLE 0
	align 32
	syscall
	ret
%endmacro

%macro STUB_IPC 0
	align 32
	pop rdi
	syscall
	ud2                             ; never returns here
%endmacro

%macro STUB_MR0_IN_RCX 0
	align 32
	syscall
	mov rcx, r9
	ret
%endmacro

global user_stubs_start
user_stubs_start:
	STUB_IPC                        ; 0 Ipc
	STUB_IPC                        ; 1 Lipc
	STUB_SIMPLE                     ; 2 ThreadControl
	STUB_SIMPLE                     ; 3 SpaceControl
	STUB_SIMPLE                     ; 4 Schedule
	STUB_SIMPLE                     ; 5 ExchangeRegisters
	STUB_SIMPLE                     ; 6 ThreadSwitch
	STUB_SIMPLE                     ; 7 SystemClock
	STUB_MR0_IN_RCX                 ; 8 Unmap
	STUB_SIMPLE                     ; 9 ProcessorControl
	STUB_MR0_IN_RCX                 ; 10 MemoryControl
	STUB_SIMPLE                     ; 11 the null system call (ArchSyscall0)
	align 4096, db 0xcc             ; the rest of the page traps
