/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * I/O fpages (ABI.md 6 and 11): x86 I/O ports as a second kind of
 * address space. Each space holds a set of ports, kept as an I/O
 * permission bitmap (bit clear = held) that the architecture loads when
 * the space runs. sigma0 holds every port at boot; an I/O fpage in a map
 * or grant item gives its ports to the receiver, Unmap with the flush bit
 * takes them from the caller's own space.
 *
 * Not yet: revocation along the chain of spaces that mapped the ports on
 * (the mapping database covers memory only).
 */
#ifndef KERNEL_IO_H
#define KERNEL_IO_H

#include <stdbool.h>
#include <stdint.h>

struct space;

/* Give @s every port (sigma0). False if out of memory. */
bool io_hold_all(struct space *s);

/* Does @s hold all of [port, port + n)? */
bool io_holds(const struct space *s, uint64_t port, uint64_t n);

/* Give [port, port + n) to @s. False (nothing changed) if out of memory. */
bool io_give(struct space *s, uint64_t port, uint64_t n);

/* Take [port, port + n) from @s. */
void io_take(struct space *s, uint64_t port, uint64_t n);

/* Free @s's bitmap (the space is going away). */
void io_release(struct space *s);

#endif
