# SPDX-License-Identifier: BSD-2-Clause
# The host GCC used as a freestanding x86_64 compiler (Debian ships no
# bare-metal x86_64-elf GCC). The freestanding flags are in flags.cmake.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_C_COMPILER gcc)
set(CMAKE_ASM_NASM_COMPILER nasm)
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)
