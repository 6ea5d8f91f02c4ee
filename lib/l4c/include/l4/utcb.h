/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The user thread control block (ABI.md section 2): the message registers,
 * buffer registers and thread control registers of one thread, in memory
 * its user code reads and writes directly. The UTCB address is the thread's
 * local id and the address of MR0; `mov %gs:0, reg` yields it. Fields are
 * named by word index relative to that address (byte offset = 8 * index).
 */
#ifndef L4_UTCB_H
#define L4_UTCB_H

#include <l4/types.h>

/*
 * A UTCB occupies a 1 KiB, 1 KiB-aligned block of the space's UTCB area.
 * The UTCB address lies 512 bytes into the block, so that fields below MR0
 * fit:
 *
 *   block + 0x400  +-------------------------------+
 *                  |  MR63 ... MR0        (0..63)  |  bytes    0 ..  511
 *   UTCB address ->+-------------------------------+
 *                  |  WordSizeMask          (-1)   |  byte   -8
 *                  |  (reserved)        (-2, -3)   |
 *                  |  ThreadWord0, 1    (-4, -5)   |
 *                  |  VirtualSender/ActualSender   |  -6
 *                  |  IntendedReceiver      (-7)   |
 *                  |  XferTimeouts          (-8)   |
 *                  |  ErrorCode             (-9)   |
 *                  |  PreemptFlags, CopFlags (-10) |  bytes 0 and 1 of it
 *                  |  ExceptionHandler     (-11)   |
 *                  |  Pager                (-12)   |
 *                  |  UserDefinedHandle    (-13)   |
 *                  |  ProcessorNo          (-14)   |
 *                  |  MyGlobalId           (-15)   |  byte -120
 *                  |  BR0 ... BR32   (-16 .. -48)  |  bytes -128 .. -384
 *                  |  (kernel use)                 |  down to -512
 *   block + 0      +-------------------------------+
 *
 * Word indices as in ABI.md section 2 and Pistachio's
 * user/include/l4/amd64/vregs.h. The UTCB address is block + 0x200, and
 * the UtcbLocation given to ThreadControl is the block (Pistachio:
 * kernel/src/glue/v4-amd64/tcb.h, set_utcb_location(): "utcb address
 * points to mr0 at offset 0x200"; glue/v4-amd64/utcb.h draws the layout
 * from -512 to 511).
 */
#define L4_UTCB_SIZE 1024
#define L4_UTCB_ALIGN_LOG2 10
#define L4_UTCB_MR0_OFFSET 0x200 /* UTCB address - UtcbLocation */

#define L4_NUM_MRS 64
#define L4_NUM_BRS 33

/* Word indices, relative to the UTCB address. */
#define L4_UTCB_MR(i) (i)
#define L4_UTCB_WORD_SIZE_MASK (-1)
#define L4_UTCB_THREAD_WORD0 (-4)
#define L4_UTCB_THREAD_WORD1 (-5)
#define L4_UTCB_SENDER (-6) /* VirtualSender (in), ActualSender (out) */
#define L4_UTCB_INTENDED_RECEIVER (-7)
#define L4_UTCB_XFER_TIMEOUTS (-8)
#define L4_UTCB_ERROR_CODE (-9)
#define L4_UTCB_FLAGS (-10) /* byte 0 PreemptFlags, byte 1 CopFlags */
#define L4_UTCB_EXCEPTION_HANDLER (-11)
#define L4_UTCB_PAGER (-12)
#define L4_UTCB_USER_DEFINED_HANDLE (-13)
#define L4_UTCB_PROCESSOR_NO (-14)
#define L4_UTCB_MY_GLOBAL_ID (-15)
#define L4_UTCB_BR(i) (-16 - (int)(i)) /* signed even for unsigned i */

/* Byte offsets from the UTCB address, for assembly and the kernel. */
#define L4_UTCB_OFF(index) (8 * (index))
#define L4_UTCB_OFF_MR0 0
#define L4_UTCB_OFF_WORD_SIZE_MASK (-8)
#define L4_UTCB_OFF_THREAD_WORD0 (-32)
#define L4_UTCB_OFF_THREAD_WORD1 (-40)
#define L4_UTCB_OFF_SENDER (-48)
#define L4_UTCB_OFF_INTENDED_RECEIVER (-56)
#define L4_UTCB_OFF_XFER_TIMEOUTS (-64)
#define L4_UTCB_OFF_ERROR_CODE (-72)
#define L4_UTCB_OFF_PREEMPT_FLAGS (-80) /* a byte */
#define L4_UTCB_OFF_COP_FLAGS (-79)	/* a byte */
#define L4_UTCB_OFF_EXCEPTION_HANDLER (-88)
#define L4_UTCB_OFF_PAGER (-96)
#define L4_UTCB_OFF_USER_DEFINED_HANDLE (-104)
#define L4_UTCB_OFF_PROCESSOR_NO (-112)
#define L4_UTCB_OFF_MY_GLOBAL_ID (-120)
#define L4_UTCB_OFF_BR0 (-128)

/*
 * PreemptFlags, byte 0 of word -10:
 *
 *    7     6     5     4          0
 * +-----+-----+-----+--------------+
 * |  I  |  d  |  s  |      0       |
 * +-----+-----+-----+--------------+
 *
 * s: signal preemption to the scheduler with a preemption IPC
 * (<l4/protocol.h>); d: delay preemption (up to the delay granted by
 * Schedule's PreemptionControl); I: set by the kernel when a preemption
 * was delayed. Bits as in Pistachio's kernel/src/api/v4/preempt.h
 * (signaled 5, delayed 6, pending 7). CopFlags, byte 1: bit n says that
 * coprocessor n may hold live state (Pistachio's L4_Set_CopFlag).
 */
#define L4_PREEMPT_SIGNAL (1u << 5)
#define L4_PREEMPT_DELAY (1u << 6)
#define L4_PREEMPT_PENDING (1u << 7)

/* UTCB address of the thread whose UtcbLocation is @location. */
static inline l4_word_t l4_utcb_from_location(l4_word_t location)
{
	return location + L4_UTCB_MR0_OFFSET;
}

/* UtcbLocation (start of the 1 KiB block) of the UTCB at @utcb. */
static inline l4_word_t l4_utcb_location(l4_word_t utcb)
{
	return utcb - L4_UTCB_MR0_OFFSET;
}

/* Word @index (L4_UTCB_*) of the UTCB at @utcb. */
static inline l4_word_t l4_utcb_get(const l4_word_t *utcb, int index)
{
	return utcb[index];
}

static inline void l4_utcb_set(l4_word_t *utcb, int index, l4_word_t w)
{
	utcb[index] = w;
}

static inline l4_word_t l4_utcb_mr(const l4_word_t *utcb, unsigned i)
{
	return utcb[L4_UTCB_MR((int)i)];
}

static inline void l4_utcb_set_mr(l4_word_t *utcb, unsigned i, l4_word_t w)
{
	utcb[L4_UTCB_MR((int)i)] = w;
}

static inline l4_word_t l4_utcb_br(const l4_word_t *utcb, unsigned i)
{
	return utcb[L4_UTCB_BR((int)i)];
}

static inline void l4_utcb_set_br(l4_word_t *utcb, unsigned i, l4_word_t w)
{
	utcb[L4_UTCB_BR((int)i)] = w;
}

/* PreemptFlags of the UTCB at @utcb. */
static inline unsigned l4_utcb_preempt_flags(const l4_word_t *utcb)
{
	return (unsigned)(utcb[L4_UTCB_FLAGS] & 0xff);
}

/* CopFlags of the UTCB at @utcb. */
static inline unsigned l4_utcb_cop_flags(const l4_word_t *utcb)
{
	return (unsigned)((utcb[L4_UTCB_FLAGS] >> 8) & 0xff);
}

#endif /* L4_UTCB_H */
