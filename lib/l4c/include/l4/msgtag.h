/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The message tag, MR0 of every message (ABI.md section 4): how many
 * untyped words and typed-item words follow in MR1 onwards, the flags the
 * kernel reports, and the label, which says what the message means. The
 * untyped words come first, then the typed items.
 */
#ifndef L4_MSGTAG_H
#define L4_MSGTAG_H

#include <l4/types.h>

/*
 *  63                                16 15 14 13 12 11       6 5        0
 * +------------------------------------+--+--+--+--+----------+----------+
 * |               label                | E| X| r| p|    t     |    u     |
 * +------------------------------------+--+--+--+--+----------+----------+
 *
 * u: untyped words, t: typed-item words, p: propagated, r: redirected,
 * X: cross-processor, E: error (details in the UTCB's ErrorCode,
 * <l4/errors.h>). Flag order as in Pistachio's kernel msg_tag_t
 * (kernel/src/api/v4/ipc.h): propagated 12, redirected 13, xcpu 14,
 * error 15.
 *
 * The label is a word of which only the low 48 bits travel, in bits 63:16.
 * l4_msgtag_label() returns those 48 bits zero-extended (as Pistachio's
 * L4_Label does). Kernel protocols use negative labels, written as 64-bit
 * words (<l4/protocol.h>): the page-fault label (l4_word_t)-2 << 4 is
 * 0xFFFFFFFFFFFFFFE0 as a word, 0xFFFFFFFFFFE0 in the label field, and the
 * tag of a read fault (rwx = 4, u = 2) is 0xFFFFFFFFFFE40002. Compare
 * labels with l4_msgtag_has_label(), which truncates both sides alike.
 */
typedef struct {
	l4_word_t raw;
} l4_msgtag_t;

#define L4_MSGTAG_PROPAGATED (1ull << 12)
#define L4_MSGTAG_REDIRECTED (1ull << 13)
#define L4_MSGTAG_XCPU (1ull << 14)
#define L4_MSGTAG_ERROR (1ull << 15)
#define L4_MSGTAG_FLAGS (0xfull << 12)

#define L4_MSGTAG_LABEL_SHIFT 16
#define L4_MSGTAG_LABEL_BITS 48
#define L4_MSGTAG_LABEL_MASK ((1ull << L4_MSGTAG_LABEL_BITS) - 1)

/* MR1..MR63 can carry words: u + t <= 63. */
#define L4_MSGTAG_WORDS_MAX 63

#define L4_NILTAG ((l4_msgtag_t){ 0 })

/* The tag whose word is @raw. */
static inline l4_msgtag_t l4_msgtag(l4_word_t raw)
{
	return (l4_msgtag_t){ raw };
}

/* The low 48 bits of @label, as they appear in a tag's label field. */
static inline l4_word_t l4_label_field(l4_word_t label)
{
	return label & L4_MSGTAG_LABEL_MASK;
}

/*
 * A tag with label @label, @u untyped and @t typed-item words and no
 * flags. u, t < 64; the caller keeps u + t <= 63.
 */
static inline l4_msgtag_t l4_msgtag_make(l4_word_t label, unsigned u,
					 unsigned t)
{
	return l4_msgtag((label << L4_MSGTAG_LABEL_SHIFT) |
			 ((l4_word_t)(t & 0x3f) << 6) | (u & 0x3f));
}

static inline unsigned l4_msgtag_untyped(l4_msgtag_t tag)
{
	return (unsigned)l4_bits(tag.raw, 5, 0);
}

static inline unsigned l4_msgtag_typed(l4_msgtag_t tag)
{
	return (unsigned)l4_bits(tag.raw, 11, 6);
}

/* Words after MR0: untyped plus typed. */
static inline unsigned l4_msgtag_words(l4_msgtag_t tag)
{
	return l4_msgtag_untyped(tag) + l4_msgtag_typed(tag);
}

/* The 48-bit label field, zero-extended. */
static inline l4_word_t l4_msgtag_label(l4_msgtag_t tag)
{
	return tag.raw >> L4_MSGTAG_LABEL_SHIFT;
}

/* True if @tag carries label @label (compared in its low 48 bits). */
static inline bool l4_msgtag_has_label(l4_msgtag_t tag, l4_word_t label)
{
	return l4_msgtag_label(tag) == l4_label_field(label);
}

static inline bool l4_msgtag_is_propagated(l4_msgtag_t tag)
{
	return (tag.raw & L4_MSGTAG_PROPAGATED) != 0;
}

static inline bool l4_msgtag_is_redirected(l4_msgtag_t tag)
{
	return (tag.raw & L4_MSGTAG_REDIRECTED) != 0;
}

static inline bool l4_msgtag_is_xcpu(l4_msgtag_t tag)
{
	return (tag.raw & L4_MSGTAG_XCPU) != 0;
}

/* True if the IPC that returned @tag failed (see <l4/errors.h>). */
static inline bool l4_msgtag_is_error(l4_msgtag_t tag)
{
	return (tag.raw & L4_MSGTAG_ERROR) != 0;
}

static inline l4_msgtag_t l4_msgtag_with_label(l4_msgtag_t tag, l4_word_t label)
{
	return l4_msgtag(l4_bits_set(tag.raw, 63, 16, label));
}

static inline l4_msgtag_t l4_msgtag_with_untyped(l4_msgtag_t tag, unsigned u)
{
	return l4_msgtag(l4_bits_set(tag.raw, 5, 0, u));
}

static inline l4_msgtag_t l4_msgtag_with_typed(l4_msgtag_t tag, unsigned t)
{
	return l4_msgtag(l4_bits_set(tag.raw, 11, 6, t));
}

/* @tag with the flag bits in @flags (L4_MSGTAG_*) set. */
static inline l4_msgtag_t l4_msgtag_with_flags(l4_msgtag_t tag, l4_word_t flags)
{
	return l4_msgtag(tag.raw | (flags & L4_MSGTAG_FLAGS));
}

/* @tag with all four flag bits cleared. */
static inline l4_msgtag_t l4_msgtag_clear_flags(l4_msgtag_t tag)
{
	return l4_msgtag(tag.raw & ~L4_MSGTAG_FLAGS);
}

#endif /* L4_MSGTAG_H */
