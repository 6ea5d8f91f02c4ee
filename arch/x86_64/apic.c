// SPDX-License-Identifier: BSD-2-Clause
/*
 * Local APIC and its timer, the kernel's only clock. The legacy 8259 PIC is
 * moved to vectors 0x20-0x2f and masked. The timer is calibrated against the
 * PIT (channel 2, 10 ms one-shot), then runs periodically.
 */
#include <kernel/arch.h>
#include <kernel/panic.h>
#include <kernel/printf.h>

#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/trap.h>

#define APIC_ID 0x020
#define APIC_TPR 0x080
#define APIC_EOI 0x0b0
#define APIC_SVR 0x0f0
#define APIC_ESR 0x280
#define APIC_LVT_TIMER 0x320
#define APIC_LVT_LINT0 0x350
#define APIC_LVT_LINT1 0x360
#define APIC_LVT_ERROR 0x370
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0

#define LVT_MASKED (1u << 16)
#define LVT_PERIODIC (1u << 17)
#define LVT_EXTINT (7u << 8)
#define SVR_ENABLE (1u << 8)
#define APIC_BASE_ENABLE (1ul << 11)

#define PIT_HZ 1193182u
#define CALIBRATE_HZ 100u /* calibrate over 1/100 s */

static inline uint32_t apic_read(unsigned reg)
{
	return *(volatile uint32_t *)(APIC_VIRT + reg);
}

static inline void apic_write(unsigned reg, uint32_t v)
{
	*(volatile uint32_t *)(APIC_VIRT + reg) = v;
}

uint64_t apic_phys_base(void)
{
	return rdmsr(MSR_APIC_BASE) & 0x000ffffffffff000ul;
}

static void pic_disable(void)
{
	static const uint8_t init[][2] = {
		/* ICW1: edge triggered, cascaded, ICW4 follows */
		{ 0x20, 0x11 },
		{ 0xa0, 0x11 },
		/* ICW2: vector bases */
		{ 0x21, VEC_PIC_BASE },
		{ 0xa1, VEC_PIC_BASE + 8 },
		/* ICW3: the slave hangs on IRQ 2 */
		{ 0x21, 0x04 },
		{ 0xa1, 0x02 },
		/* ICW4: 8086 mode */
		{ 0x21, 0x01 },
		{ 0xa1, 0x01 },
		/* OCW1: mask every line */
		{ 0x21, 0xff },
		{ 0xa1, 0xff },
	};

	for (unsigned i = 0; i < sizeof(init) / sizeof(init[0]); i++)
		outb(init[i][0], init[i][1]);
}

/* Enable the local APIC with its timer masked and the PIC wired through
 * LINT0. Needs the APIC mapped at APIC_VIRT (paging_init()). */
void apic_init(void)
{
	pic_disable();
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE);
	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	/* Virtual wire: the PIC's output reaches the CPU through LINT0 as
	 * ExtINT (its lines stay masked until a handler attaches one). */
	apic_write(APIC_LVT_LINT0, LVT_EXTINT);
	apic_write(APIC_LVT_LINT1, LVT_MASKED);
	apic_write(APIC_LVT_ERROR, VEC_APIC_ERROR);
	apic_write(APIC_ESR, 0);
}

/* APIC timer counts (divide by 16) in 1/CALIBRATE_HZ s, measured with PIT
 * channel 2, whose output is readable in port 0x61 bit 5. */
static uint64_t tsc_khz, bus_khz; /* (arch_frequencies()) */

static uint32_t apic_timer_calibrate(void)
{
	uint16_t count = PIT_HZ / CALIBRATE_HZ;
	unsigned spin = 1u << 28;
	uint64_t tsc0;
	uint32_t counted;

	outb(0x61, (inb(0x61) & ~0x02) | 0x01); /* gate on, speaker off */
	outb(0x43, 0xb0); /* channel 2, lobyte/hibyte, mode 0 */
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	apic_write(APIC_TIMER_DIVIDE, 0x3); /* divide by 16 */
	apic_write(APIC_TIMER_INIT, 0xffffffff);
	tsc0 = arch_timestamp();
	while (!(inb(0x61) & 0x20) && --spin)
		;
	if (!spin)
		panic("apic: the PIT never counted down; cannot calibrate");
	counted = 0xffffffff - apic_read(APIC_TIMER_CURRENT);
	/* The same interval for the KIP's processor descriptor: the TSC
	 * (what rdtsc counts: cycles, or instructions under Bochs) and the
	 * bus clock that drives the APIC timer. */
	tsc_khz = (arch_timestamp() - tsc0) * CALIBRATE_HZ / 1000;
	bus_khz = (uint64_t)counted * 16 * CALIBRATE_HZ / 1000;
	return counted;
}

void arch_frequencies(uint64_t *internal_khz, uint64_t *external_khz)
{
	*internal_khz = tsc_khz;
	*external_khz = bus_khz;
}

/* Start the periodic timer interrupt (VEC_TIMER) at @hz. */
void apic_timer_start(unsigned hz)
{
	uint32_t per_calibration = apic_timer_calibrate();
	uint64_t per_tick = (uint64_t)per_calibration * CALIBRATE_HZ / hz;

	if (per_tick == 0)
		panic("apic: timer too slow for %u Hz", hz);
	kprintf("apic: timer %lu kHz (bus / 16), %u Hz tick; rdtsc %lu kHz\n",
		(uint64_t)per_calibration * CALIBRATE_HZ / 1000, hz, tsc_khz);
	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, (uint32_t)per_tick);
}

void apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

uint32_t apic_error_status(void)
{
	apic_write(APIC_ESR, 0);
	return apic_read(APIC_ESR);
}

static uint16_t pic_mask = 0xffff;

static void pic_write_mask(void)
{
	outb(0x21, (uint8_t)pic_mask);
	outb(0xa1, (uint8_t)(pic_mask >> 8));
}

void arch_irq_mask(unsigned line)
{
	pic_mask |= (uint16_t)(1u << line);
	pic_write_mask();
}

void arch_irq_unmask(unsigned line)
{
	pic_mask &= (uint16_t) ~(1u << line);
	if (line >= 8)
		pic_mask &= (uint16_t) ~(1u << 2); /* the cascade */
	pic_write_mask();
}

bool arch_irq_available(unsigned line)
{
	return line < 16 && line != 2;
}

/*
 * A PIC interrupt at @vector. Spurious IRQ 7 and 15 (the in-service bit is
 * clear) are dropped; a real one is masked, acknowledged at the PIC and
 * passed on. Returns the line, or -1.
 */
int pic_interrupt(unsigned vector)
{
	unsigned line = vector - VEC_PIC_BASE;
	uint8_t isr;

	if (line == 7 || line == 15) {
		outb(line == 7 ? 0x20 : 0xa0, 0x0b); /* read the ISR */
		isr = inb(line == 7 ? 0x20 : 0xa0);
		if (!(isr & 0x80)) {
			if (line == 15)
				outb(0x20, 0x20); /* the master saw IRQ 2 */
			return -1;
		}
	}
	arch_irq_mask(line);
	if (line >= 8)
		outb(0xa0, 0x20);
	outb(0x20, 0x20);
	return (int)line;
}

bool arch_phys_device(unsigned i, uint64_t *start, uint64_t *end)
{
	if (i > 0)
		return false;
	*start = apic_phys_base();
	*end = *start + 4096;
	return true;
}
