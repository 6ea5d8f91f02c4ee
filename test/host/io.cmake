# SPDX-License-Identifier: BSD-2-Clause
# I/O ports and their chains (kernel/io.c), against a naive model in a long
# random run.
l4_host_test(io SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_io.c
	${L4_ROOT}/kernel/io.c
	${L4_ROOT}/kernel/kmem.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
