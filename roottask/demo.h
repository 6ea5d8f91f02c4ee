/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The demonstration: the root task shows the kernel at work before it
 * loads the boot modules. The boot tests (test/boot) expect its lines.
 */
#ifndef ROOTTASK_DEMO_H
#define ROOTTASK_DEMO_H

/* Print what the KIP says, start a second thread with ExchangeRegisters
 * and call it, and ask sigma0 for a page (at DEMO_PAGE). */
void demo_run(void);

#endif /* ROOTTASK_DEMO_H */
