/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * In-kernel benchmarks (bench/kbench.c), run instead of the normal job when
 * the command line says "kbench". Each figure is one line,
 *
 *   BENCH name=<name> unit=<unit> median=<m> min=<a> max=<b> n=<samples>
 *
 * with the unit from arch_timestamp_unit(). They never pass or fail.
 */
#ifndef KERNEL_KBENCH_H
#define KERNEL_KBENCH_H

void kbench_run(void);

#endif
