; SPDX-License-Identifier: BSD-2-Clause
;
; Program start for L4 user programs. The kernel (root servers) or the
; loader starts a thread at _start with any stack; crt0 switches to its own,
; finds the KIP and the system calls (l4_init), runs main, and then blocks
; for good.

bits 64
section .text
extern main
extern l4_init
extern l4_exit

global _start
_start:
	lea rsp, [rel crt0_stack_top]
	xor ebp, ebp
	call l4_init
	call main
	mov edi, eax
	call l4_exit
.hang:
	jmp .hang

section .bss
alignb 16
crt0_stack:
	resb 16384
crt0_stack_top:
