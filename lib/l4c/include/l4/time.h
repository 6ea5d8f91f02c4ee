/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Timeouts (ABI.md section 7): 16-bit values, either a period relative to
 * now (m * 2^e microseconds) or an absolute point of the system clock.
 * Ipc takes two in one word, the send and the receive timeout; the UTCB's
 * XferTimeouts has the same layout.
 */
#ifndef L4_TIME_H
#define L4_TIME_H

#include <l4/types.h>

/*
 *              15 14                10 9                            0
 *             +--+--------------------+------------------------------+
 *   period    | 0|         e          |              m               |
 *             +--+-----------------+--+------------------------------+
 *   point     | 1|        e        | c|              m               |
 *             +--+-----------------+--+------------------------------+
 *
 * A period lasts m * 2^e microseconds: Never is 0x0000 (e = 0, m = 0),
 * Zero is 0x0400 (e = 1, m = 0; any e > 0 with m = 0 is zero). The longest
 * finite period is 1023 * 2^31 us, about 25 days. A point's meaning
 * depends on the clock when it is used (X.2 manual, "TimePoint"); this
 * header only packs and unpacks its fields. Field layout as in Pistachio's
 * L4_Time_t (user/include/l4/types.h).
 */
typedef struct {
	uint16_t raw;
} l4_time_t;

#define L4_TIME_POINT_BIT 0x8000u
#define L4_TIME_NEVER_RAW 0x0000u
#define L4_TIME_ZERO_RAW 0x0400u
#define L4_TIME_E_MAX 31u
#define L4_TIME_M_MAX 1023u
#define L4_TIME_US_MAX ((uint64_t)L4_TIME_M_MAX << L4_TIME_E_MAX)

#define L4_NEVER ((l4_time_t){ L4_TIME_NEVER_RAW })
#define L4_ZEROTIME ((l4_time_t){ L4_TIME_ZERO_RAW })

/* The timeout whose 16-bit value is @raw. */
static inline l4_time_t l4_time(uint16_t raw)
{
	return (l4_time_t){ raw };
}

/* The period of @m * 2^@e microseconds. e <= 31, m <= 1023. */
static inline l4_time_t l4_time_period(unsigned e, unsigned m)
{
	return l4_time((uint16_t)(((e & 0x1f) << 10) | (m & 0x3ff)));
}

/* The point with exponent @e, clock bit @c and mantissa @m. e <= 15. */
static inline l4_time_t l4_time_point(unsigned e, bool c, unsigned m)
{
	return l4_time((uint16_t)(L4_TIME_POINT_BIT | ((e & 0xf) << 11) |
				  (c ? 1u << 10 : 0) | (m & 0x3ff)));
}

static inline bool l4_time_is_point(l4_time_t t)
{
	return (t.raw & L4_TIME_POINT_BIT) != 0;
}

static inline bool l4_time_is_period(l4_time_t t)
{
	return !l4_time_is_point(t);
}

static inline bool l4_time_is_never(l4_time_t t)
{
	return t.raw == L4_TIME_NEVER_RAW;
}

/* True for every period of length zero, not only L4_ZEROTIME. */
static inline bool l4_time_is_zero(l4_time_t t)
{
	return l4_time_is_period(t) && !l4_time_is_never(t) &&
	       (t.raw & 0x3ff) == 0;
}

/* Mantissa, bits 9:0, of a period or a point. */
static inline unsigned l4_time_m(l4_time_t t)
{
	return t.raw & 0x3ffu;
}

/* Exponent of a period (bits 14:10). */
static inline unsigned l4_time_period_e(l4_time_t t)
{
	return (t.raw >> 10) & 0x1fu;
}

/* Exponent of a point (bits 14:11). */
static inline unsigned l4_time_point_e(l4_time_t t)
{
	return (t.raw >> 11) & 0xfu;
}

/* Clock bit of a point (bit 10). */
static inline bool l4_time_point_c(l4_time_t t)
{
	return (t.raw & (1u << 10)) != 0;
}

/*
 * The shortest period that lasts at least @us microseconds: 0 gives
 * L4_ZEROTIME, more than L4_TIME_US_MAX gives L4_NEVER. (Pistachio's
 * L4_TimePeriod rounds the mantissa down; this rounds up, so a timeout
 * never fires early.)
 */
static inline l4_time_t l4_time_from_us(uint64_t us)
{
	unsigned e = 0;

	if (us == 0)
		return L4_ZEROTIME;
	if (us > L4_TIME_US_MAX)
		return L4_NEVER;
	while (us > L4_TIME_M_MAX) {
		/* Halve, rounding up: m * 2^e must not fall below us. */
		us = (us >> 1) + (us & 1);
		e++;
	}
	return l4_time_period(e, (unsigned)us);
}

/*
 * Length of period @t in microseconds; L4_NEVER gives UINT64_MAX. A point
 * is not a length: @t must be a period.
 */
static inline uint64_t l4_time_to_us(l4_time_t t)
{
	if (l4_time_is_never(t) || l4_time_is_point(t))
		return UINT64_MAX;
	return (uint64_t)l4_time_m(t) << l4_time_period_e(t);
}

/*
 * Ipc's Timeouts word, also the UTCB's XferTimeouts:
 *
 *  63                    32 31                16 15                 0
 * +------------------------+--------------------+--------------------+
 * |           0            |    send timeout    |  receive timeout   |
 * +------------------------+--------------------+--------------------+
 */
static inline l4_word_t l4_timeouts(l4_time_t snd, l4_time_t rcv)
{
	return ((l4_word_t)snd.raw << 16) | rcv.raw;
}

static inline l4_time_t l4_timeouts_send(l4_word_t w)
{
	return l4_time((uint16_t)(w >> 16));
}

static inline l4_time_t l4_timeouts_receive(l4_word_t w)
{
	return l4_time((uint16_t)w);
}

#endif /* L4_TIME_H */
