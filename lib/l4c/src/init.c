// SPDX-License-Identifier: BSD-2-Clause
/* Finding the kernel: the KIP and its system-call stubs (crt0 calls it). */
#include <l4/kdebug.h>
#include <l4/printf.h>
#include <l4/syscalls.h>

void *l4_kip;
l4_word_t l4_sys_ipc, l4_sys_lipc, l4_sys_thread_control, l4_sys_space_control,
	l4_sys_schedule, l4_sys_exchange_registers, l4_sys_thread_switch,
	l4_sys_system_clock, l4_sys_unmap, l4_sys_processor_control,
	l4_sys_memory_control, l4_sys_null;

void l4_init(void)
{
	l4_word_t version, flags, id;

	l4_kip = l4_kernel_interface(&version, &flags, &id);
	l4_sys_ipc = l4_kip_syscall(l4_kip, L4_KIP_OFF_IPC);
	l4_sys_lipc = l4_kip_syscall(l4_kip, L4_KIP_OFF_LIPC);
	l4_sys_thread_control =
		l4_kip_syscall(l4_kip, L4_KIP_OFF_THREAD_CONTROL);
	l4_sys_space_control = l4_kip_syscall(l4_kip, L4_KIP_OFF_SPACE_CONTROL);
	l4_sys_schedule = l4_kip_syscall(l4_kip, L4_KIP_OFF_SCHEDULE);
	l4_sys_exchange_registers =
		l4_kip_syscall(l4_kip, L4_KIP_OFF_EXCHANGE_REGISTERS);
	l4_sys_thread_switch = l4_kip_syscall(l4_kip, L4_KIP_OFF_THREAD_SWITCH);
	l4_sys_system_clock = l4_kip_syscall(l4_kip, L4_KIP_OFF_SYSTEM_CLOCK);
	l4_sys_unmap = l4_kip_syscall(l4_kip, L4_KIP_OFF_UNMAP);
	l4_sys_processor_control =
		l4_kip_syscall(l4_kip, L4_KIP_OFF_PROCESSOR_CONTROL);
	l4_sys_memory_control =
		l4_kip_syscall(l4_kip, L4_KIP_OFF_MEMORY_CONTROL);
	l4_sys_null = l4_kip_syscall(l4_kip, L4_KIP_OFF_ARCH_SYSCALL0);
}

/* main returned: say so and block for good. */
void l4_exit(int status)
{
	l4_printf("%s exited with status %d\n", "program", status);
	l4_sleep_forever();
	__builtin_unreachable();
}
