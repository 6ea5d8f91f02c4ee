// SPDX-License-Identifier: BSD-2-Clause
/* User printf: a small formatter over a buffer; see l4/printf.h. */
#include <stdbool.h>
#include <stdint.h>

#include <l4/kdebug.h>
#include <l4/console.h>
#include <l4/printf.h>

struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_number(struct out *o, uint64_t v, unsigned base, bool neg,
		       int width, bool zero, bool left)
{
	char digits[24];
	int n = 0, len;

	do {
		digits[n++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	len = n + (neg ? 1 : 0);
	if (!left && !zero)
		for (; width > len; width--)
			put(o, ' ');
	if (neg)
		put(o, '-');
	if (!left && zero)
		for (; width > len; width--)
			put(o, '0');
	while (n)
		put(o, digits[--n]);
	if (left)
		for (; width > len; width--)
			put(o, ' ');
}

int l4_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		bool zero = false, left = false, lng = false;
		int width = 0;
		const char *s;
		int64_t v;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		fmt++;
		for (; *fmt == '0' || *fmt == '-'; fmt++)
			*fmt == '0' ? (zero = true) : (left = true);
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		while (*fmt == 'l') {
			lng = true;
			fmt++;
		}
		switch (*fmt) {
		case 'c':
			put(&o, (char)va_arg(ap, int));
			break;
		case 's':
			s = va_arg(ap, const char *);
			for (s = s ? s : "(null)"; *s; s++)
				put(&o, *s);
			break;
		case 'd':
		case 'i':
			v = lng ? va_arg(ap, long) : va_arg(ap, int);
			put_number(&o, v < 0 ? -(uint64_t)v : (uint64_t)v, 10,
				   v < 0, width, zero, left);
			break;
		case 'u':
		case 'x':
			put_number(&o,
				   lng ? va_arg(ap, unsigned long) :
					 va_arg(ap, unsigned),
				   *fmt == 'x' ? 16 : 10, false, width, zero,
				   left);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (uintptr_t)va_arg(ap, void *), 16, false,
				   width, zero, left);
			break;
		case '%':
			put(&o, '%');
			break;
		default:
			return -1;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = 0;
	return (int)o.len;
}

int l4_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = l4_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int l4_printf(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = l4_vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (l4_is_nil_thread(l4_console_server) ||
	    l4_console_write(l4_console_server, buf,
			     (size_t)n < sizeof(buf) ?
				     (size_t)n :
				     sizeof(buf) - 1) != L4_NAMES_OK)
		l4_kdb_puts(buf);
	return n;
}
