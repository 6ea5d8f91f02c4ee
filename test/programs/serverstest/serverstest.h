/* SPDX-License-Identifier: BSD-2-Clause */
/* serverstest's cases: one TEST line each (main.c). */
#ifndef SERVERSTEST_H
#define SERVERSTEST_H

#include <l4/thread.h>
#include <l4/types.h>

/* The quota its command line in test/boot/CMakeLists.txt gives it. */
#define SERVERSTEST_QUOTA 100

/* Print case @name's TEST line, passed if @ok (else where it is). */
void report(const char *name, bool ok, const char *file, int line);

#define CASE(name, expr) report(name, (expr), __FILE_NAME__, __LINE__)

/* The memory server's module, copy, quota and death cases, at @mem. */
void memory_tests(l4_threadid_t mem);

#endif /* SERVERSTEST_H */
