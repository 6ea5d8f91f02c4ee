/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Thread ids (ABI.md section 5). A global id names a thread system-wide by
 * its thread number and a version; a local id names a thread of the
 * caller's own address space by the address of its UTCB. The low six bits
 * tell them apart: never all zero in a global id, always zero in a local
 * one.
 */
#ifndef L4_THREAD_H
#define L4_THREAD_H

#include <l4/types.h>

/*
 *            63                     32 31                    6 5      0
 *           +-------------------------+-----------------------+--------+
 *   global  |      thread number      |  version (bits 5:0 not all zero)
 *           +-------------------------+--------------------------------+
 *   local   |          UTCB address, bits 63:6                | 000000 |
 *           +-------------------------------------------------+--------+
 *
 * Special ids: nil = 0, any = all ones (-1), any-local = all ones above six
 * zero bits (-64). The 32/32 split of a global id is Pistachio's
 * (kernel/src/api/v4/config.h: L4_GLOBAL_THREADNO_BITS_64 = 32,
 * L4_GLOBAL_VERSION_BITS_64 = 32); how many number bits are significant is
 * in the KIP's ThreadInfo.
 */
typedef struct {
	l4_word_t raw;
} l4_threadid_t;

#define L4_THREAD_NUMBER_SHIFT 32
#define L4_THREAD_VERSION_MASK 0xffffffffull
#define L4_THREAD_LOCAL_MASK 0x3full /* zero in a local id */

#define L4_NILTHREAD_RAW 0ull
#define L4_ANYTHREAD_RAW (~0ull)
#define L4_ANYLOCALTHREAD_RAW (~0ull << 6)

#define L4_NILTHREAD ((l4_threadid_t){ L4_NILTHREAD_RAW })
#define L4_ANYTHREAD ((l4_threadid_t){ L4_ANYTHREAD_RAW })
#define L4_ANYLOCALTHREAD ((l4_threadid_t){ L4_ANYLOCALTHREAD_RAW })

/* The thread id whose word is @raw. */
static inline l4_threadid_t l4_threadid(l4_word_t raw)
{
	return (l4_threadid_t){ raw };
}

/*
 * The global id of thread @number, version @version. The caller keeps
 * @number within 32 bits and gives a valid version (l4_is_valid_version).
 */
static inline l4_threadid_t l4_global_id(l4_word_t number, l4_word_t version)
{
	return l4_threadid((number << L4_THREAD_NUMBER_SHIFT) |
			   (version & L4_THREAD_VERSION_MASK));
}

/* True if @version can be the version of a global id. */
static inline bool l4_is_valid_version(l4_word_t version)
{
	return version <= L4_THREAD_VERSION_MASK &&
	       (version & L4_THREAD_LOCAL_MASK) != 0;
}

/* The local id of the thread whose UTCB is at @utcb (64-byte aligned). */
static inline l4_threadid_t l4_local_id(l4_word_t utcb)
{
	return l4_threadid(utcb & ~L4_THREAD_LOCAL_MASK);
}

/* Thread number of global id @t. */
static inline l4_word_t l4_thread_number(l4_threadid_t t)
{
	return t.raw >> L4_THREAD_NUMBER_SHIFT;
}

/* Version of global id @t. */
static inline l4_word_t l4_thread_version(l4_threadid_t t)
{
	return t.raw & L4_THREAD_VERSION_MASK;
}

/* UTCB address named by local id @t. */
static inline l4_word_t l4_local_id_utcb(l4_threadid_t t)
{
	return t.raw;
}

static inline bool l4_is_nil_thread(l4_threadid_t t)
{
	return t.raw == L4_NILTHREAD_RAW;
}

static inline bool l4_is_any_thread(l4_threadid_t t)
{
	return t.raw == L4_ANYTHREAD_RAW;
}

static inline bool l4_is_any_local_thread(l4_threadid_t t)
{
	return t.raw == L4_ANYLOCALTHREAD_RAW;
}

/*
 * True if @t has the form of a local id (low six bits zero). Like
 * Pistachio's L4_IsLocalId this is a bit test: nil and any-local pass it.
 */
static inline bool l4_is_local_id(l4_threadid_t t)
{
	return (t.raw & L4_THREAD_LOCAL_MASK) == 0;
}

/* True if @t has the form of a global id. Any (-1) passes. */
static inline bool l4_is_global_id(l4_threadid_t t)
{
	return (t.raw & L4_THREAD_LOCAL_MASK) != 0;
}

/*
 * True if @t is a local id that names one thread: a local id that is
 * neither nil nor any-local. Such ids are turned into global ones (through
 * MyGlobalId in the named UTCB) before the kernel sees them (ABI.md
 * section 1).
 */
static inline bool l4_is_specific_local_id(l4_threadid_t t)
{
	return l4_is_local_id(t) && !l4_is_nil_thread(t) &&
	       !l4_is_any_local_thread(t);
}

/*
 * True if @a and @b are the same id word. A local and a global id of one
 * thread differ; compare ids of the same form.
 */
static inline bool l4_same_thread(l4_threadid_t a, l4_threadid_t b)
{
	return a.raw == b.raw;
}

#endif /* L4_THREAD_H */
