// SPDX-License-Identifier: BSD-2-Clause
/* Exception IPC; see exception.h. */
#include <kernel/arch.h>
#include <kernel/exception.h>
#include <kernel/ipc.h>
#include <kernel/printf.h>
#include <kernel/sched.h>
#include <kernel/tcb.h>
#include <kernel/thread.h>

#include <l4/errors.h>
#include <l4/msgtag.h>
#include <l4/protocol.h>
#include <l4/utcb.h>

void exception_raise(unsigned vector, uint64_t error)
{
	struct tcb *self = sched_current();
	l4_word_t handler = self->utcb ? self->utcb[L4_UTCB_EXCEPTION_HANDLER] :
					 0;
	l4_word_t msg[L4_EXC_UNTYPED + 1], reply[L4_EXC_UNTYPED + 1], err;
	char why[96];

	if (handler == 0) {
		ksnprintf(why, sizeof(why),
			  "exception %u (error %#lx) at %#lx, no exception "
			  "handler",
			  vector, error, arch_thread_get(self, ARCH_IP));
		thread_halt_current(why);
		return;
	}
	msg[0] = l4_exception_tag().raw;
	arch_exception_message(self, msg);
	msg[L4_EXC_MR_NUMBER] = vector;
	err = ipc_kernel_call(handler, msg, L4_EXC_UNTYPED + 1, 0, reply,
			      L4_EXC_UNTYPED + 1, 0);
	if (err) {
		ksnprintf(why, sizeof(why),
			  "exception %u at %#lx: handler %#lx: %s", vector,
			  arch_thread_get(self, ARCH_IP), handler,
			  l4_ipc_error_name(l4_ipc_error_code(err)));
		thread_halt_current(why);
		return;
	}
	arch_exception_reply(self, reply,
			     1 + l4_msgtag_untyped(l4_msgtag(reply[0])));
}
