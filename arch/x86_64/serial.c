// SPDX-License-Identifier: BSD-2-Clause
/*
 * The kernel console: COM1 (16550 UART at 0x3f8, 115200 8N1, polled) and
 * Bochs's port 0xE9, which QEMU ignores unless given -debugcon.
 */
#include <kernel/arch.h>

#include <arch/cpu.h>
#include <arch/serial.h>

#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_DLL 0
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THRE 0x20

/* Program COM1 for 115200 baud, 8 data bits, no parity, one stop bit. */
void serial_init(void)
{
	outb(COM1 + UART_IER, 0x00);
	outb(COM1 + UART_LCR, 0x80); /* divisor latch */
	outb(COM1 + UART_DLL, 1);    /* 115200 / 1 */
	outb(COM1 + UART_DLM, 0);
	outb(COM1 + UART_LCR, 0x03); /* 8N1 */
	outb(COM1 + UART_FCR, 0xc7); /* FIFOs on and cleared */
	outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
}

static void serial_putc(char c)
{
	unsigned spin = 1u << 20; /* do not hang on a missing UART */

	while (!(inb(COM1 + UART_LSR) & LSR_THRE) && --spin)
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void arch_console_putc(char c)
{
	if (c == '\n')
		arch_console_putc('\r');
	outb(0xe9, (uint8_t)c);
	serial_putc(c);
}

int arch_console_getc(bool wait)
{
	do {
		if (inb(COM1 + UART_LSR) & 0x01)
			return inb(COM1 + UART_DATA);
	} while (wait);
	return -1;
}
