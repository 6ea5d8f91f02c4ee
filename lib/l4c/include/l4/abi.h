/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The whole L4 X.2 amd64 ABI: every constant, layout and encoding of the
 * system-call interface (ABI.md), one concept per header. The kernel and
 * user programs include this or the single headers they need.
 */
#ifndef L4_ABI_H
#define L4_ABI_H

#include <l4/types.h>
#include <l4/thread.h>
#include <l4/msgtag.h>
#include <l4/fpage.h>
#include <l4/time.h>
#include <l4/utcb.h>
#include <l4/kip.h>
#include <l4/bootinfo.h>
#include <l4/mbi.h>
#include <l4/errors.h>
#include <l4/protocol.h>
#include <l4/schedule.h>

#endif /* L4_ABI_H */
