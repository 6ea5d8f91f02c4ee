// SPDX-License-Identifier: BSD-2-Clause
/*
 * The console server (<l4/console.h>): it asks sigma0 for COM1's ports,
 * registers as "console" with the name server, and prints what its clients
 * send, byte by byte, waiting for the transmitter each time. (The kernel
 * prints on COM1 too, for its own messages and the kernel debugger's; the
 * two may interleave.)
 */
#include <l4/console.h>
#include <l4/kdebug.h>
#include <l4/printf.h>
#include <l4/protocol.h>
#include <l4/sigma0.h>
#include <l4/syscalls.h>

#define COM1 0x3f8
#define COM1_LSR (COM1 + 5)
#define LSR_THRE 0x20 /* the transmitter holding register is empty */

static uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void outb(uint16_t port, uint8_t v)
{
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static void putc_com1(char c)
{
	for (unsigned spin = 0; spin < 100000; spin++)
		if (inb(COM1_LSR) & LSR_THRE)
			break;
	outb(COM1, (uint8_t)c);
}

/* The request @tag: print it, and put the reply label in MR0. */
static void serve(l4_msgtag_t tag, l4_threadid_t from)
{
	unsigned u = l4_msgtag_untyped(tag);
	l4_word_t n = l4_mr(1);

	if (l4_msgtag_label(tag) != L4_CONSOLE_WRITE ||
	    l4_msgtag_typed(tag) != 0 || u < 2 || n == 0 ||
	    n > L4_CONSOLE_MAX || u != 1 + (n + 7) / 8) {
		l4_set_mr(0, l4_msgtag_make(L4_NAMES_EINVAL, 0, 0).raw);
		return;
	}
	for (l4_word_t i = 0; i < n; i++) {
		char c = (char)(l4_mr(2 + (unsigned)(i / 8)) >> (8 * (i % 8)));

		if (c == '\n')
			putc_com1('\r');
		putc_com1(c);
	}
	l4_set_mr(0, l4_msgtag_make(L4_NAMES_OK, 0, 0).raw);
}

int main(void)
{
	l4_fpage_t ports = l4_iofpage(COM1, 3, 0), got;
	l4_threadid_t names;

	got = l4_sigma0_get_page(l4_sigma0_id(), ports, L4_SIGMA0_ATTR_DEFAULT,
				 ports);
	if (l4_fpage_is_nil(got)) {
		l4_printf("console: sigma0 gave no COM1 ports; stopping\n");
		return 1;
	}
	if (l4_root_lookup("names", &names) != L4_NAMES_OK ||
	    l4_names_register(names, "console") != L4_NAMES_OK) {
		l4_printf("console: could not register with the name "
			  "server; stopping\n");
		return 1;
	}
	l4_printf("console: COM1 is mine, serving as \"console\"\n");
	l4_server_loop(serve);
}
