# SPDX-License-Identifier: BSD-2-Clause
# Clang for a bare-metal x86_64 target, linked with lld.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER clang)
set(CMAKE_C_COMPILER_TARGET x86_64-unknown-none-elf)
set(CMAKE_ASM_NASM_COMPILER nasm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
