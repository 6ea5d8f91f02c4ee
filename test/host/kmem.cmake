# SPDX-License-Identifier: BSD-2-Clause
# The kernel page pool (kernel/kmem.c).
l4_host_test(kmem SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_kmem.c
	${L4_ROOT}/kernel/kmem.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
