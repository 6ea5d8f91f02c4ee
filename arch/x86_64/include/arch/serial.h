/* SPDX-License-Identifier: BSD-2-Clause */
/* COM1, the kernel console. */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

void serial_init(void);

#endif
