/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The boot modules' images, handed out read-only (<l4/names.h>,
 * L4_ROOT_MODULE_SIZE and L4_ROOT_MODULE_PAGE): the memory server builds
 * its module dataspaces on them. The root task reads the modules through
 * sigma0's identity mappings and maps their pages on from there, except
 * the last, partial page, which it copies once into a frame of its own
 * with zeros after the module's end.
 */
#ifndef ROOTTASK_MODULES_H
#define ROOTTASK_MODULES_H

#include <l4/msgtag.h>
#include <l4/types.h>

/*
 * True if the root task can read [start, start + size) at those addresses,
 * through sigma0's identity mappings: below its frames and clear of the
 * demonstration's page.
 */
bool modules_readable(l4_word_t start, l4_word_t size);

/* If @tag is one of the module requests, put its reply in the MRs and
 * return true; false for every other label. */
bool modules_request(l4_msgtag_t tag);

#endif /* ROOTTASK_MODULES_H */
