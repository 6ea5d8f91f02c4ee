# SPDX-License-Identifier: BSD-2-Clause
# The kernel command line (kernel/cmdline.c).
l4_host_test(cmdline SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_cmdline.c
	${L4_ROOT}/kernel/cmdline.c)
