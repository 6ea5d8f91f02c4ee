# SPDX-License-Identifier: BSD-2-Clause
# The region map of issue 5's region mapper (pagers/lib), with a long
# random run against a model of who owns each page.
l4_host_test(regionmap SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_regionmap.c
	${L4_ROOT}/pagers/lib/src/regionmap.c)
target_include_directories(host_regionmap PRIVATE ${L4_ROOT}/pagers/lib/include)
