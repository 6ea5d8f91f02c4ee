# SPDX-License-Identifier: BSD-2-Clause
# The kernel's printf (kernel/printf.c), against the C library's.
l4_host_test(printf SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_printf.c
	${L4_ROOT}/kernel/printf.c)
