/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Flexpages and the typed items that carry them (ABI.md section 6). A
 * flexpage is a size-aligned, power-of-two region of an address space with
 * access rights; I/O flexpages name ranges of x86 I/O ports. Map and grant
 * items send flexpages, string items copy memory, the acceptor in BR0 says
 * what a receiver takes, and Unmap's control word says which MRs hold
 * flexpages to revoke.
 */
#ifndef L4_FPAGE_H
#define L4_FPAGE_H

#include <l4/types.h>

/*
 * Memory flexpage:
 *
 *  63                                    10 9          4  3  2  1  0
 * +----------------------------------------+-------------+--+--+--+--+
 * |             base >> 10                 |  s (log2)   | 0| r| w| x|
 * +----------------------------------------+-------------+--+--+--+--+
 *
 * The region is [base, base + 2^s), base aligned to 2^s; the smallest page
 * is s = 12. Nilpage is 0; the complete address space is s = 1, base 0.
 * Returned by Unmap, bits 2:0 hold the access status instead of rights:
 * the r/w/x accesses found since the last query (l4_fpage_status).
 */
typedef struct {
	l4_word_t raw;
} l4_fpage_t;

#define L4_FPAGE_NO_ACCESS 0u
#define L4_FPAGE_X 1u /* executable */
#define L4_FPAGE_W 2u /* writable */
#define L4_FPAGE_R 4u /* readable */
#define L4_FPAGE_RX 5u
#define L4_FPAGE_RW 6u
#define L4_FPAGE_RWX 7u

#define L4_FPAGE_RIGHTS_MASK 0x7ull
#define L4_FPAGE_BASE_MASK (~0x3ffull)
#define L4_FPAGE_MIN_LOG2 12 /* smallest page: 4 KiB */

#define L4_NILPAGE_RAW 0ull
#define L4_COMPLETE_SPACE_RAW (1ull << 4)
#define L4_NILPAGE ((l4_fpage_t){ L4_NILPAGE_RAW })
#define L4_COMPLETE_SPACE ((l4_fpage_t){ L4_COMPLETE_SPACE_RAW })

/* The flexpage whose word is @raw. */
static inline l4_fpage_t l4_fpage_raw(l4_word_t raw)
{
	return (l4_fpage_t){ raw };
}

/*
 * The flexpage of 2^@log2 bytes at @base with rights @rwx. @base is
 * rounded down to 2^log2 (and to 1 KiB). log2 <= 63; the smallest page is
 * L4_FPAGE_MIN_LOG2.
 */
static inline l4_fpage_t l4_fpage(l4_word_t base, unsigned log2, unsigned rwx)
{
	return l4_fpage_raw((base & ~l4_mask(log2) & L4_FPAGE_BASE_MASK) |
			    ((l4_word_t)(log2 & 0x3f) << 4) |
			    (rwx & L4_FPAGE_RIGHTS_MASK));
}

/* log2 of the size of @f (1 for the complete space, 0 for nilpage). */
static inline unsigned l4_fpage_log2(l4_fpage_t f)
{
	return (unsigned)l4_bits(f.raw, 9, 4);
}

/* Size of @f in bytes: 2^s, or 0 for s = 0. */
static inline l4_word_t l4_fpage_size(l4_fpage_t f)
{
	unsigned s = l4_fpage_log2(f);

	return s == 0 ? 0 : (l4_word_t)1 << s;
}

/* Base address of @f, aligned to its size. */
static inline l4_word_t l4_fpage_base(l4_fpage_t f)
{
	unsigned s = l4_fpage_log2(f);

	return f.raw & L4_FPAGE_BASE_MASK & ~l4_mask(s);
}

/* Access rights of @f (L4_FPAGE_R | L4_FPAGE_W | L4_FPAGE_X). */
static inline unsigned l4_fpage_rights(l4_fpage_t f)
{
	return (unsigned)(f.raw & L4_FPAGE_RIGHTS_MASK);
}

/* Access status of a flexpage returned by Unmap: r/w/x seen. */
static inline unsigned l4_fpage_status(l4_fpage_t f)
{
	return l4_fpage_rights(f);
}

static inline l4_fpage_t l4_fpage_with_rights(l4_fpage_t f, unsigned rwx)
{
	return l4_fpage_raw((f.raw & ~L4_FPAGE_RIGHTS_MASK) |
			    (rwx & L4_FPAGE_RIGHTS_MASK));
}

static inline l4_fpage_t l4_fpage_add_rights(l4_fpage_t f, unsigned rwx)
{
	return l4_fpage_raw(f.raw | (rwx & L4_FPAGE_RIGHTS_MASK));
}

static inline l4_fpage_t l4_fpage_remove_rights(l4_fpage_t f, unsigned rwx)
{
	return l4_fpage_raw(f.raw & ~(l4_word_t)(rwx & L4_FPAGE_RIGHTS_MASK));
}

static inline bool l4_fpage_is_nil(l4_fpage_t f)
{
	return f.raw == L4_NILPAGE_RAW;
}

/* True if @f is the complete address space, whatever its rights. */
static inline bool l4_fpage_is_complete(l4_fpage_t f)
{
	return (f.raw & ~L4_FPAGE_RIGHTS_MASK) == L4_COMPLETE_SPACE_RAW;
}

/*
 * I/O flexpage (x86 ports):
 *
 *  63          32 31            16 15        10 9           4  3        0
 * +--------------+----------------+------------+-------------+----------+
 * |      0       |   port base    |  s (log2)  | 0 0 0 0 1 0 | 0  r w x |
 * +--------------+----------------+------------+-------------+----------+
 *
 * Ports [base, base + 2^s), base aligned to 2^s; s = 16 with base 0 is the
 * whole port space. Bits 9:4 hold 2, a size no memory flexpage can have,
 * and mark the word as an I/O flexpage. ABI.md section 6 says "bits 9:4 all
 * ones"; this follows Pistachio instead, whose kernel and user library
 * agree on 2 (kernel/src/glue/v4-x86/io_fpage.h: is_valid_page() tests
 * two == 2; user/include/l4/amd64/arch.h: L4_IoFpage sets __two = 2), so
 * that programs built against Pistachio's library work unchanged. The
 * kernel ignores the rights of an I/O flexpage.
 */
#define L4_IOFPAGE_ID 2u
#define L4_IO_SPACE_LOG2 16
#define L4_COMPLETE_IO_SPACE_RAW \
	(((l4_word_t)L4_IO_SPACE_LOG2 << 10) | (L4_IOFPAGE_ID << 4))

/* The I/O flexpage of 2^@log2 ports at @port. log2 <= 16. */
static inline l4_fpage_t l4_iofpage(l4_word_t port, unsigned log2, unsigned rwx)
{
	l4_word_t base = port & 0xffff & ~l4_mask(log2);

	return l4_fpage_raw((base << 16) | ((l4_word_t)(log2 & 0x3f) << 10) |
			    (L4_IOFPAGE_ID << 4) |
			    (rwx & L4_FPAGE_RIGHTS_MASK));
}

/* True if @f is an I/O flexpage. */
static inline bool l4_fpage_is_io(l4_fpage_t f)
{
	return l4_bits(f.raw, 9, 4) == L4_IOFPAGE_ID;
}

static inline l4_word_t l4_iofpage_port(l4_fpage_t f)
{
	return l4_bits(f.raw, 31, 16);
}

static inline unsigned l4_iofpage_log2(l4_fpage_t f)
{
	return (unsigned)l4_bits(f.raw, 15, 10);
}

/*
 * Map and grant items, two words each:
 *
 *  63                                    10 9          4  3     1  0
 * +----------------------------------------+-------------+--------+--+
 * |          send base >> 10               |   000000    |  type  | C|
 * +----------------------------------------+-------------+--------+--+
 * |                 flexpage to send, with the rights to give         |
 * +-------------------------------------------------------------------+
 *
 * type 100 = map, 101 = grant. C (continuation) says another typed item
 * follows. The send base chooses which part of a larger receive window the
 * flexpage lands in.
 */
#define L4_ITEM_CONTINUE 1ull
#define L4_ITEM_TYPE_MAP 4u
#define L4_ITEM_TYPE_GRANT 5u

static inline l4_word_t l4_item_word0(unsigned type, l4_word_t send_base,
				      bool more)
{
	return (send_base & L4_FPAGE_BASE_MASK) | ((l4_word_t)(type & 7) << 1) |
	       (more ? L4_ITEM_CONTINUE : 0);
}

/* First word of a map item sending from @send_base. */
static inline l4_word_t l4_mapitem_word0(l4_word_t send_base, bool more)
{
	return l4_item_word0(L4_ITEM_TYPE_MAP, send_base, more);
}

/* First word of a grant item sending from @send_base. */
static inline l4_word_t l4_grantitem_word0(l4_word_t send_base, bool more)
{
	return l4_item_word0(L4_ITEM_TYPE_GRANT, send_base, more);
}

/* Type field (bits 3:1) of the first word @w0 of a typed item. */
static inline unsigned l4_item_type(l4_word_t w0)
{
	return (unsigned)l4_bits(w0, 3, 1);
}

static inline bool l4_item_is_map(l4_word_t w0)
{
	return l4_item_type(w0) == L4_ITEM_TYPE_MAP;
}

static inline bool l4_item_is_grant(l4_word_t w0)
{
	return l4_item_type(w0) == L4_ITEM_TYPE_GRANT;
}

/* True if @w0 starts a string item (bit 3 zero). */
static inline bool l4_item_is_string(l4_word_t w0)
{
	return (w0 & 8) == 0;
}

/* True if another typed item follows the one starting with @w0. */
static inline bool l4_item_continues(l4_word_t w0)
{
	return (w0 & L4_ITEM_CONTINUE) != 0;
}

/* Send base of a map or grant item. */
static inline l4_word_t l4_item_send_base(l4_word_t w0)
{
	return w0 & L4_FPAGE_BASE_MASK;
}

/*
 * String item: a first word, then one address per substring.
 *
 *  63                                    10  9  8         4  3  2  1  0
 * +----------------------------------------+--+------------+--+-----+--+
 * |             string length              | c| substrings | 0| hh  | C|
 * |                                        |  |    - 1     |  |     |  |
 * +----------------------------------------+--+------------+--+-----+--+
 * |                     address of substring 1                        |
 * |                              ...                                  |
 *
 * c: compound string, another string item of the same string follows;
 * hh: cache-allocation hints (0: default), as in Pistachio's
 * user/include/l4/message.h (L4_CacheAllocationHint uses bits 2:1);
 * C: in a message, another typed item follows (the kernel does not read
 * it: t counts the words); in the receive buffers (BR1 onwards), set on
 * the first item of a string when another string buffer follows, as the
 * reference library writes it.
 */
#define L4_STRING_COMPOUND (1ull << 9)
#define L4_STRING_SUBSTRINGS_MAX 32

/* First word of a string item of @n substrings of @length bytes each. */
static inline l4_word_t l4_stringitem_word0(l4_word_t length, unsigned n,
					    bool compound, bool more)
{
	return (length << 10) | (compound ? L4_STRING_COMPOUND : 0) |
	       ((l4_word_t)((n - 1) & 0x1f) << 4) |
	       (more ? L4_ITEM_CONTINUE : 0);
}

static inline l4_word_t l4_stringitem_length(l4_word_t w0)
{
	return w0 >> 10;
}

/* Number of substrings (and so of address words after @w0). */
static inline unsigned l4_stringitem_substrings(l4_word_t w0)
{
	return (unsigned)l4_bits(w0, 8, 4) + 1;
}

static inline bool l4_stringitem_is_compound(l4_word_t w0)
{
	return (w0 & L4_STRING_COMPOUND) != 0;
}

static inline unsigned l4_stringitem_hints(l4_word_t w0)
{
	return (unsigned)l4_bits(w0, 2, 1);
}

/*
 * Acceptor, in BR0 of the receiver:
 *
 *  63                                                4  3     1  0
 * +---------------------------------------------------+--------+--+
 * |         receive window: flexpage bits 63:4        |  000   | s|
 * +---------------------------------------------------+--------+--+
 *
 * Map and grant items land inside the receive window (nilpage: none are
 * accepted); s: string items are accepted into the buffers in BR1 onwards.
 * Pistachio's kernel acceptor_t (kernel/src/api/v4/ipc.h) has the same
 * layout; its bit 1 (ctrlxfer) is an extension beyond X.2, not used here.
 */
#define L4_ACCEPT_STRINGS 1ull
#define L4_ACCEPT_UNTYPED 0ull /* untyped words only */

/* An acceptor for map/grant items into @window, and strings if @strings. */
static inline l4_word_t l4_acceptor(l4_fpage_t window, bool strings)
{
	return (window.raw & ~0xfull) | (strings ? L4_ACCEPT_STRINGS : 0);
}

/* The receive window of acceptor @a, with no rights. */
static inline l4_fpage_t l4_acceptor_window(l4_word_t a)
{
	return l4_fpage_raw(a & ~0xfull);
}

static inline bool l4_acceptor_strings(l4_word_t a)
{
	return (a & L4_ACCEPT_STRINGS) != 0;
}

/*
 * Unmap control word:
 *
 *  63                                     7  6  5                0
 * +----------------------------------------+--+------------------+
 * |                   0                    | f|        k         |
 * +----------------------------------------+--+------------------+
 *
 * MR0..MRk hold the flexpages to unmap, each with the rights to revoke; f
 * (flush) also revokes them in the caller's own space. On return each MR
 * holds the flexpage with its access status in bits 2:0. As Pistachio's
 * sys_unmap reads it (kernel/src/api/v4/space.cc: num = control & 0x3f,
 * flush = control & (1 << 6)).
 */
#define L4_UNMAP_FLUSH (1ull << 6)
#define L4_UNMAP_K_MASK 0x3full

/* Control word for unmapping the flexpages in MR0..MR@k. k <= 63. */
static inline l4_word_t l4_unmap_control(unsigned k, bool flush)
{
	return (k & L4_UNMAP_K_MASK) | (flush ? L4_UNMAP_FLUSH : 0);
}

/* Index of the last MR holding a flexpage. */
static inline unsigned l4_unmap_k(l4_word_t control)
{
	return (unsigned)(control & L4_UNMAP_K_MASK);
}

static inline bool l4_unmap_flush(l4_word_t control)
{
	return (control & L4_UNMAP_FLUSH) != 0;
}

#endif /* L4_FPAGE_H */
