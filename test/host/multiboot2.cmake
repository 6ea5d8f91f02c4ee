# SPDX-License-Identifier: BSD-2-Clause
# Reading the multiboot2 boot information (arch/x86_64/multiboot2.c).
l4_host_test(multiboot2 SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_multiboot2.c
	${L4_ROOT}/arch/x86_64/multiboot2.c)
