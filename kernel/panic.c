// SPDX-License-Identifier: BSD-2-Clause
/* panic(): say what broke and stop the machine with a failure status. */
#include <kernel/arch.h>
#include <kernel/panic.h>

void panic(const char *fmt, ...)
{
	va_list ap;
	char msg[256];

	va_start(ap, fmt);
	kvsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kprintf("\n" PANIC_MARKER "%s\n", msg);
	arch_shutdown(1);
}
