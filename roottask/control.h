/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the command line gives a program beyond its name (loader.c reads
 * it): a quota of dataspace pages that the memory server asks for
 * (L4_ROOT_QUOTA), and the word "admin", which lets the program kill
 * others (L4_ROOT_KILL, <l4/names.h>).
 */
#ifndef ROOTTASK_CONTROL_H
#define ROOTTASK_CONTROL_H

#include <l4/msgtag.h>

#include "program.h"

/* Read the words after the name in @cmdline into @p's quota and admin.
 * Unknown words are left alone. */
void control_parse(struct program *p, const char *cmdline);

/* True if @tag from @p is the memory server's answer to the L4_DS_SWEEP
 * the root task sent it: an answer nobody waits for, to be dropped. */
bool control_notice_answer(l4_msgtag_t tag, const struct program *p);

/* If @tag is L4_ROOT_QUOTA or L4_ROOT_KILL from program @p, put the reply
 * in the MRs and return true; false for every other label. */
bool control_request(l4_msgtag_t tag, struct program *p);

#endif /* ROOTTASK_CONTROL_H */
