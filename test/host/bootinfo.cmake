# SPDX-License-Identifier: BSD-2-Clause
# The boot information for the root task (kernel/bootinfo.c) and the
# Multiboot-1 information behind it (kernel/mbi.c).
l4_host_test(bootinfo SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_bootinfo.c
	${L4_ROOT}/kernel/bootinfo.c
	${L4_ROOT}/kernel/mbi.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
