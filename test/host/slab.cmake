# SPDX-License-Identifier: BSD-2-Clause
# Slab caches (kernel/slab.c) over the kernel page pool (kernel/kmem.c),
# with a long random run of several caches against a reference set.
l4_host_test(slab SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_slab.c
	${L4_ROOT}/kernel/slab.c
	${L4_ROOT}/kernel/kmem.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
