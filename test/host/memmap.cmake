# SPDX-License-Identifier: BSD-2-Clause
# The physical memory map (kernel/memmap.c).
l4_host_test(memmap SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_memmap.c
	${L4_ROOT}/kernel/memmap.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
