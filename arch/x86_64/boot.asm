; SPDX-License-Identifier: BSD-2-Clause
;
; From GRUB's 32-bit protected mode to 64-bit C in the higher half.
;
; GRUB (multiboot2) jumps to _start with paging off, EAX = 0x36d76289 and
; EBX = physical address of the multiboot2 information (MBI). This file checks
; both, checks for long mode, switches to it with the early page tables below,
; and calls arch_boot(magic, mbi) on the kernel stack in the higher half.
;
; Early page tables (all 2 MiB pages, the first GiB of physical memory):
;
;   PML4[0]   --> boot_pdpt_lo[0]   --> boot_pd   identity, for the switch
;   PML4[256] --> boot_pdpt_lo[0]   --> boot_pd   direct map 0xffff800000000000
;   PML4[511] --> boot_pdpt_hi[510] --> boot_pd   kernel image 0xffffffff80000000
;
; paging_init() replaces them with the kernel's final tables.

%define MB2_MAGIC        0xe85250d6
%define MB2_BOOT_MAGIC   0x36d76289
%define KERNEL_VMA       0xffffffff80000000

bits 32

section .multiboot2 progbits alloc noexec nowrite align=8
mb2_header:
	dd MB2_MAGIC
	dd 0                            ; architecture: i386 protected mode
	dd mb2_header_end - mb2_header
	dd -(MB2_MAGIC + (mb2_header_end - mb2_header))
	; Module alignment tag: modules start on page boundaries.
	align 8
	dw 6, 0
	dd 8
	; No framebuffer tag: it makes GRUB 2.06 crash under Bochs.
	align 8
	dw 0, 0                         ; end tag
	dd 8
mb2_header_end:

section .boot.text progbits alloc exec nowrite align=16

; void _start(void)  [32-bit, paging off]
; In: EAX = multiboot2 magic, EBX = MBI physical address.
; Out: never returns; calls arch_boot(magic, mbi) in 64-bit mode.
global _start
_start:
	cli
	cld
	mov esp, boot_stack_top
	mov edi, eax                    ; keep magic and MBI for arch_boot
	mov esi, ebx

	cmp edi, MB2_BOOT_MAGIC
	jne .no_multiboot

	; Long mode needs CPUID leaf 0x80000001 with EDX bit 29.
	mov eax, 0x80000000
	cpuid
	cmp eax, 0x80000001
	jb .no_long_mode
	mov eax, 0x80000001
	cpuid
	test edx, 1 << 29
	jz .no_long_mode

	mov eax, cr4
	or eax, 1 << 5                  ; PAE
	mov cr4, eax
	mov eax, boot_pml4
	mov cr3, eax
	mov ecx, 0xc0000080             ; EFER
	rdmsr
	or eax, 1 << 8                  ; LME
	wrmsr
	mov eax, cr0
	or eax, (1 << 31) | (1 << 16) | 1 ; PG, WP, PE
	mov cr0, eax

	lgdt [boot_gdt_ptr]
	jmp 0x08:.long_mode

.no_multiboot:
	mov ebx, msg_no_multiboot
	jmp boot_die
.no_long_mode:
	mov ebx, msg_no_long_mode
	jmp boot_die

bits 64
.long_mode:
	mov ax, 0x10
	mov ds, ax
	mov es, ax
	mov ss, ax
	xor eax, eax
	mov fs, ax
	mov gs, ax
	mov rax, entry_higher_half      ; absolute: leave the identity map
	jmp rax

bits 32
; boot_die: print the NUL-terminated string at EBX on COM1 and port 0xE9,
; then leave the emulator with a failure status.
boot_die:
.next:
	mov al, [ebx]
	test al, al
	jz .done
	out 0xe9, al
	mov ah, al
	mov dx, 0x3fd                   ; COM1 line status
.wait:
	in al, dx
	test al, 0x20
	jz .wait
	mov al, ah
	mov dx, 0x3f8
	out dx, al
	inc ebx
	jmp .next
.done:
	mov al, 1                       ; QEMU isa-debug-exit: status 3
	out 0xf4, al
	mov dx, 0x8900                  ; Bochs shutdown port
	mov ebx, msg_shutdown
.sd:
	mov al, [ebx]
	test al, al
	jz .halt
	out dx, al
	inc ebx
	jmp .sd
.halt:
	hlt
	jmp .halt

section .boot.data progbits alloc noexec write align=4096
align 4096
boot_pml4:
	dq boot_pdpt_lo + 3
	times 255 dq 0
	dq boot_pdpt_lo + 3
	times 254 dq 0
	dq boot_pdpt_hi + 3
boot_pdpt_lo:
	dq boot_pd + 3
	times 511 dq 0
boot_pdpt_hi:
	times 510 dq 0
	dq boot_pd + 3
	dq 0
boot_pd:
%assign i 0
%rep 512
	dq (i << 21) | 0x83             ; present, writable, 2 MiB
%assign i i + 1
%endrep

boot_gdt:
	dq 0
	dq 0x00af9a000000ffff           ; 0x08: 64-bit code, DPL 0
	dq 0x00cf92000000ffff           ; 0x10: data, DPL 0
boot_gdt_ptr:
	dw boot_gdt_ptr - boot_gdt - 1
	dd boot_gdt

msg_no_multiboot:
	db "boot: not started by a multiboot2 loader", 13, 10, 0
msg_no_long_mode:
	db "boot: this CPU has no long mode (x86_64)", 13, 10, 0
msg_shutdown:
	db "Shutdown", 0

section .boot.bss nobits alloc noexec write align=16
boot_stack:
	resb 4096
boot_stack_top:

bits 64
section .text
extern arch_boot
extern kernel_stack_top

; void entry_higher_half(void)  [64-bit, boot page tables]
; In: EDI = multiboot2 magic, ESI = MBI physical address.
; Out: calls arch_boot(magic, mbi) on the kernel stack; never returns.
entry_higher_half:
	mov rsp, kernel_stack_top
	xor ebp, ebp
	mov edi, edi                    ; zero-extend both arguments
	mov esi, esi
	call arch_boot
.halt:
	cli
	hlt
	jmp .halt
