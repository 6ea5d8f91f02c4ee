# SPDX-License-Identifier: BSD-2-Clause
#
# Compiler and linker flags shared by every freestanding target (kernel and
# user level). Warnings are errors with both toolchains.
set(L4_C_FLAGS
	-std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector
	-fno-builtin -fno-common -fno-asynchronous-unwind-tables
	-mno-red-zone -mgeneral-regs-only -mno-sse -mno-mmx
	-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes
	-Wmissing-prototypes -Wno-unused-parameter)
set(L4_LINK_FLAGS -nostdlib -static -Wl,--build-id=none
	-Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack)

if(CMAKE_C_COMPILER_ID STREQUAL "Clang")
	list(APPEND L4_LINK_FLAGS -fuse-ld=lld)
else()
	list(APPEND L4_C_FLAGS -Wno-missing-field-initializers)
	list(APPEND L4_LINK_FLAGS -no-pie -Wl,--no-warn-rwx-segments)
endif()

set(L4_KERNEL_C_FLAGS ${L4_C_FLAGS} -mcmodel=kernel)
set(CMAKE_ASM_NASM_OBJECT_FORMAT elf64)
set(CMAKE_ASM_NASM_FLAGS "-Werror")
