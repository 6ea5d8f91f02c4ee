# SPDX-License-Identifier: BSD-2-Clause
# The scheduler's ready queues (kernel/runqueue.c), with a long random run
# against a reference model of one array FIFO per priority.
l4_host_test(runqueue SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_runqueue.c
	${L4_ROOT}/kernel/runqueue.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
