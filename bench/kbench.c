// SPDX-License-Identifier: BSD-2-Clause
/*
 * In-kernel benchmarks of the foundations: the cost of reading the
 * timestamp counter (the harness floor) and of the bare syscall/sysret
 * round trip from user mode, the floor under every system call. The IPC
 * benchmarks (bench/ images) come with the kernel core.
 */
#include <kernel/arch.h>
#include <kernel/kbench.h>
#include <kernel/printf.h>

#include <arch/user_trial.h>

#define SAMPLES 21
#define LOOPS 1000

static void sort(uint64_t *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			uint64_t t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static void report(const char *name, uint64_t *v, int n)
{
	sort(v, n);
	kprintf("BENCH name=%s unit=%s median=%lu min=%lu max=%lu n=%d\n", name,
		arch_timestamp_unit(), v[n / 2], v[0], v[n - 1], n);
}

/* Two back-to-back timestamp reads: what every other figure includes. */
static void bench_timestamp(void)
{
	uint64_t v[SAMPLES];

	for (int i = 0; i < SAMPLES + 3; i++) { /* three to warm up */
		uint64_t t0 = arch_timestamp();
		uint64_t t1 = arch_timestamp();

		if (i >= 3)
			v[i - 3] = t1 - t0;
	}
	report("timestamp_read_pair", v, SAMPLES);
}

/*
 * User code: LOOPS times "mov edi, 1; syscall; dec r12d; jnz", timed with
 * rdtsc in user mode; the kernel's echo path (entry_syscall) is cmp, jne,
 * inc, sysret. The figure per iteration includes the three loop
 * instructions and the syscall itself.
 */
static const uint8_t syscall_loop[] = {
	0x0f, 0x31,					  /* rdtsc */
	0x48, 0xc1, 0xe2,	  0x20,			  /* shl rdx, 32 */
	0x48, 0x09, 0xd0,				  /* or rax, rdx */
	0x49, 0x89, 0xc5,				  /* mov r13, rax */
	0x41, 0xbc, LOOPS & 0xff, LOOPS >> 8, 0x00, 0x00, /* mov r12d, N */
	0xbf, 0x01, 0x00,	  0x00,	      0x00,	  /* 1: mov edi, 1 */
	0x0f, 0x05,					  /* syscall */
	0x41, 0xff, 0xcc,				  /* dec r12d */
	0x75, 0xf4,					  /* jnz 1b */
	0x0f, 0x31,					  /* rdtsc */
	0x48, 0xc1, 0xe2,	  0x20,			  /* shl rdx, 32 */
	0x48, 0x09, 0xd0,				  /* or rax, rdx */
	0x4c, 0x29, 0xe8,				  /* sub rax, r13 */
	0x31, 0xff,					  /* xor edi, edi */
	0x0f, 0x05, /* syscall: leave with rax */
};

static void bench_syscall_loop(void)
{
	uint64_t v[SAMPLES];
	struct user_trial t;
	int n = 0;

	for (int i = 0; i < SAMPLES + 3; i++) {
		if (!user_trial_run(syscall_loop, sizeof(syscall_loop), 0,
				    &t) ||
		    t.faulted || t.timed_out) {
			kprintf("kbench: the syscall loop did not run\n");
			return;
		}
		if (i >= 3)
			v[n++] = t.value / LOOPS;
	}
	report("syscall_sysret_loop_iteration", v, n);
}

void kbench_run(void)
{
	kprintf("kbench: unit is %s\n", arch_timestamp_unit());
	bench_timestamp();
	bench_syscall_loop();
}
