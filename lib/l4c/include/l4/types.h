/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The machine word of the L4 X.2 amd64 ABI and the bit-field helpers that
 * the other <l4/...> headers build on. These headers are the single source
 * of the ABI: the kernel and user programs both include them, so they use
 * only <stdint.h>, <stdbool.h> and <stddef.h>, and define only constants and
 * static inline functions.
 */
#ifndef L4_TYPES_H
#define L4_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Every ABI value is a 64-bit little-endian word (a timeout is a 16-bit half
 * of one). The four kinds of word that are easy to confuse -- thread ids
 * (l4_threadid_t), message tags (l4_msgtag_t), flexpages (l4_fpage_t) and
 * timeouts (l4_time_t) -- are wrapped in a one-member struct, so that the
 * compiler rejects a tag where a thread id belongs. The wrapper costs nothing
 * (it travels in a register) and .raw is the word itself. All other words
 * (control words, error words, KIP info words, typed-item words) are plain
 * l4_word_t, built and taken apart by the functions beside their layouts.
 */
typedef uint64_t l4_word_t;

#define L4_WORD_BITS 64
#define L4_WORD_BYTES 8

/* A word with the low @n bits set. 0 <= n <= 64. */
static inline l4_word_t l4_mask(unsigned n)
{
	return n == 0 ? 0 : ~(l4_word_t)0 >> (L4_WORD_BITS - n);
}

/* Bits hi..lo of @w, moved down to bit 0. lo <= hi <= 63. */
static inline l4_word_t l4_bits(l4_word_t w, unsigned hi, unsigned lo)
{
	return (w >> lo) & l4_mask(hi - lo + 1);
}

/* @w with bits hi..lo replaced by the low bits of @v. lo <= hi <= 63. */
static inline l4_word_t l4_bits_set(l4_word_t w, unsigned hi, unsigned lo,
				    l4_word_t v)
{
	l4_word_t m = l4_mask(hi - lo + 1) << lo;

	return (w & ~m) | ((v << lo) & m);
}

/* Index of the most significant set bit of @w. @w must not be zero. */
static inline unsigned l4_msb(l4_word_t w)
{
	return (unsigned)(L4_WORD_BITS - 1 - __builtin_clzll(w));
}

/* The smallest s with 2^s >= @n, for sizing a flexpage. 1 <= n <= 2^63. */
static inline unsigned l4_log2_roundup(l4_word_t n)
{
	unsigned s = l4_msb(n);

	return ((l4_word_t)1 << s) < n ? s + 1 : s;
}

#endif /* L4_TYPES_H */
