# SPDX-License-Identifier: BSD-2-Clause
# The mapping database (kernel/mdb.c), against a fake page-table side and,
# in a long random run, a naive reference model.
l4_host_test(mdb SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_mdb.c
	${L4_ROOT}/kernel/mdb.c
	${L4_ROOT}/kernel/panic.c
	${L4_ROOT}/kernel/printf.c)
