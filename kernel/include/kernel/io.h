/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * I/O fpages (ABI.md 6 and 11): x86 I/O ports as a second kind of
 * address space. Each space holds a set of ports, kept as an I/O
 * permission bitmap (bit clear = held) that the architecture loads when
 * the space runs. sigma0 holds every port at boot; an I/O fpage in a map
 * or grant item gives its ports to the receiver, and Unmap of an I/O
 * fpage takes them from every space they were mapped on to, from there on
 * down (and with the flush bit from the caller's own space too).
 *
 * The chains: for each port a space holds from a map, an edge to the
 * space it got the port from (its parent for that port); one parent per
 * space and port, none for sigma0. A small fixed table of edges, walked
 * whole: ports are few and mapped rarely.
 *
 * Invariants (io_check()): an edge's two ends hold its port, and are not
 * the same space; no two edges lead to the same space for one port.
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

/*
 * Map (or with @grant, move) [port, port + n), which @from holds, to @to,
 * recording @from as @to's parent for each port (a parent it had before is
 * replaced; on a grant @to takes @from's place in the chains). False, with
 * nothing changed, if kernel memory or the table of edges runs out.
 */
bool io_map(struct space *from, struct space *to, uint64_t port, uint64_t n,
	    bool grant);

/* Take [port, port + n) from every space that got them from @s, at any
 * depth; with @flush from @s too. */
void io_unmap(struct space *s, uint64_t port, uint64_t n, bool flush);

/* Free @s's bitmap and take its ports from the spaces below it (the space
 * is going away). */
void io_release(struct space *s);

/* Check the invariants above; panics if one is broken. */
void io_check(void);

#endif
