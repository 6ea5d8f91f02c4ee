/* SPDX-License-Identifier: BSD-2-Clause */
/* A program's command line for the asking (<l4/args.h>). */
#ifndef ROOTTASK_ARGS_H
#define ROOTTASK_ARGS_H

#include <l4/msgtag.h>

#include "program.h"

/* Answer L4_ROOT_ARGS from a thread of @p: the reply into the MRs. */
void args_reply(struct program *p, l4_msgtag_t tag);

#endif /* ROOTTASK_ARGS_H */
