// SPDX-License-Identifier: BSD-2-Clause
/*
 * A small printf for the kernel console and for strings. Host tests compare
 * it with the C library's snprintf over a table of formats.
 */
#include <stdbool.h>
#include <stdint.h>

#include <kernel/arch.h>
#include <kernel/printf.h>

struct spec {
	bool left, zero, alt, space, plus;
	int width, prec; /* prec < 0: none */
	int length;	 /* 'H' hh, 'h', 0, 'l', 'L' ll, 'z', 't' */
};

struct sink {
	void (*out)(char c, void *arg);
	void *arg;
	int count;
};

static void emit(struct sink *s, char c)
{
	s->out(c, s->arg);
	s->count++;
}

static void emit_pad(struct sink *s, char c, int n)
{
	while (n-- > 0)
		emit(s, c);
}

/* Print @digits (already converted, most significant first) with sign or
 * prefix @pre, applying width, precision and the zero flag. */
static void emit_number(struct sink *s, const struct spec *sp,
			const char *digits, int ndigits, const char *pre)
{
	int npre = 0, zeros = 0, len, pad;

	while (pre[npre])
		npre++;
	if (sp->prec >= 0 && sp->prec > ndigits)
		zeros = sp->prec - ndigits;
	len = npre + zeros + ndigits;
	pad = sp->width > len ? sp->width - len : 0;
	if (sp->zero && !sp->left && sp->prec < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		emit_pad(s, ' ', pad);
	for (int i = 0; i < npre; i++)
		emit(s, pre[i]);
	emit_pad(s, '0', zeros);
	for (int i = 0; i < ndigits; i++)
		emit(s, digits[i]);
	if (sp->left)
		emit_pad(s, ' ', pad);
}

static void format_int(struct sink *s, const struct spec *sp, char conv,
		       uint64_t v, bool negative)
{
	const char *xdigits = "0123456789abcdef";
	unsigned base = 10;
	char buf[24], digits[24];
	const char *pre = "";
	int n = 0;

	if (conv == 'o')
		base = 8;
	if (conv == 'x' || conv == 'X')
		base = 16;
	if (conv == 'X')
		xdigits = "0123456789ABCDEF";
	do {
		buf[n++] = xdigits[v % base];
		v /= base;
	} while (v);
	if (sp->prec == 0 && n == 1 && buf[0] == '0')
		n = 0; /* "%.0d" of zero prints nothing */
	for (int i = 0; i < n; i++)
		digits[i] = buf[n - 1 - i];

	if (negative)
		pre = "-";
	else if (sp->plus && base == 10 && conv != 'u')
		pre = "+";
	else if (sp->space && base == 10 && conv != 'u')
		pre = " ";
	else if (sp->alt && base == 16 && n && !(n == 1 && digits[0] == '0'))
		pre = conv == 'X' ? "0X" : "0x";
	else if (sp->alt && base == 8 && sp->prec <= n &&
		 (n == 0 || digits[0] != '0'))
		pre = "0"; /* unless the precision already leads with a 0 */
	emit_number(s, sp, digits, n, pre);
}

static uint64_t fetch_unsigned(va_list *ap, int length)
{
	switch (length) {
	case 'H':
		return (unsigned char)va_arg(*ap, unsigned int);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned int);
	case 'l':
		return va_arg(*ap, unsigned long);
	case 'L':
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	case 't':
		return (uint64_t)va_arg(*ap, ptrdiff_t);
	}
	return va_arg(*ap, unsigned int);
}

static int64_t fetch_signed(va_list *ap, int length)
{
	switch (length) {
	case 'H':
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case 'L':
		return va_arg(*ap, long long);
	case 'z':
	case 't':
		return va_arg(*ap, ptrdiff_t);
	}
	return va_arg(*ap, int);
}

/* Print the @n characters at @str (NULs too), padded to the width. */
static void emit_field(struct sink *s, const struct spec *sp, const char *str,
		       int n)
{
	int pad = sp->width > n ? sp->width - n : 0;

	if (!sp->left)
		emit_pad(s, ' ', pad);
	for (int i = 0; i < n; i++)
		emit(s, str[i]);
	if (sp->left)
		emit_pad(s, ' ', pad);
}

static void format_string(struct sink *s, const struct spec *sp,
			  const char *str)
{
	int n = 0;

	if (!str)
		str = "(null)";
	while ((sp->prec < 0 || n < sp->prec) && str[n])
		n++;
	emit_field(s, sp, str, n);
}

/* Parse flags, width, precision and length at *fmt into @sp. */
static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .prec = -1 };
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else if (*fmt == '#')
			sp->alt = true;
		else if (*fmt == ' ')
			sp->space = true;
		else if (*fmt == '+')
			sp->plus = true;
		else
			break;
	}
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		fmt++;
	}
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	if (*fmt == '.') {
		fmt++;
		sp->prec = 0;
		if (*fmt == '*') {
			sp->prec = va_arg(*ap, int);
			fmt++;
		}
		while (*fmt >= '0' && *fmt <= '9')
			sp->prec = sp->prec * 10 + (*fmt++ - '0');
	}
	if (fmt[0] == 'h' && fmt[1] == 'h') {
		sp->length = 'H';
		fmt += 2;
	} else if (fmt[0] == 'l' && fmt[1] == 'l') {
		sp->length = 'L';
		fmt += 2;
	} else if (*fmt == 'h' || *fmt == 'l' || *fmt == 'z' || *fmt == 't') {
		sp->length = *fmt++;
	}
	return fmt;
}

int kvformat(void (*out)(char c, void *arg), void *arg, const char *fmt,
	     va_list ap)
{
	struct sink s = { out, arg, 0 };
	va_list args;

	va_copy(args, ap);
	for (; *fmt; fmt++) {
		struct spec sp;
		int64_t v;

		if (*fmt != '%') {
			emit(&s, *fmt);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		switch (*fmt) {
		case 'c':
			emit_field(&s, &sp, (char[]){ (char)va_arg(args, int) },
				   1);
			break;
		case 's':
			format_string(&s, &sp, va_arg(args, const char *));
			break;
		case 'd':
		case 'i':
			v = fetch_signed(&args, sp.length);
			format_int(&s, &sp, 'd',
				   v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
			break;
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			format_int(&s, &sp, *fmt,
				   fetch_unsigned(&args, sp.length), false);
			break;
		case 'p':
			sp.alt = true;
			format_int(&s, &sp, 'x', (uint64_t)va_arg(args, void *),
				   false);
			break;
		case '%':
			emit(&s, '%');
			break;
		case 0:
			fmt--; /* a lone '%' at the end */
			break;
		default:
			emit(&s, '%');
			emit(&s, *fmt);
		}
	}
	va_end(args);
	return s.count;
}

struct buffer {
	char *buf;
	size_t size, len;
};

static void buffer_out(char c, void *arg)
{
	struct buffer *b = arg;

	if (b->len + 1 < b->size)
		b->buf[b->len] = c;
	b->len++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct buffer b = { buf, size, 0 };
	int n = kvformat(buffer_out, &b, fmt, ap);

	if (size)
		buf[b.len < size ? b.len : size - 1] = 0;
	return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static void console_out(char c, void *arg)
{
	arch_console_putc(c);
}

int kprintf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = kvformat(console_out, NULL, fmt, ap);
	va_end(ap);
	return n;
}
