# SPDX-License-Identifier: BSD-2-Clause
# The clock eviction policy of issue 5's swapping pager (pagers/lib), with
# a long random run against a model that steps the hand one frame at a time.
l4_host_test(clock SOURCES
	${CMAKE_CURRENT_LIST_DIR}/test_clock.c
	${L4_ROOT}/pagers/lib/src/clock.c)
target_include_directories(host_clock PRIVATE ${L4_ROOT}/pagers/lib/include)
