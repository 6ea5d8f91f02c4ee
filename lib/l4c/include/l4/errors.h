/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Error reports (ABI.md section 8). A failed IPC sets the E bit of the
 * returned tag and leaves an IPC error word in the UTCB's ErrorCode; a
 * failed ThreadControl, SpaceControl or Schedule returns 0 and leaves one
 * of the system-call error codes there.
 */
#ifndef L4_ERRORS_H
#define L4_ERRORS_H

#include <l4/types.h>

/*
 * IPC error word:
 *
 *  63                                              4  3         1  0
 * +-------------------------------------------------+------------+--+
 * |        offset: bytes transferred (codes 4-7)    |    code    | p|
 * +-------------------------------------------------+------------+--+
 *
 * p: the phase that failed, 0 send, 1 receive. Built as in Pistachio's
 * kernel/src/api/v4/ipc.h: ((code + (offset << 3)) << 1) | phase.
 */
#define L4_IPC_PHASE_SEND 0u
#define L4_IPC_PHASE_RECEIVE 1u

#define L4_IPC_ETIMEOUT 1u	    /* timeout before the transfer began */
#define L4_IPC_ENOPARTNER 2u	    /* partner does not exist */
#define L4_IPC_ECANCELED 3u	    /* cancelled by another thread */
#define L4_IPC_EMSGOVERFLOW 4u	    /* message did not fit the buffers */
#define L4_IPC_EXFERTIMEOUT_SELF 5u /* xfer timeout, invoker's space */
#define L4_IPC_EXFERTIMEOUT_PEER 6u /* xfer timeout, partner's space */
#define L4_IPC_EABORTED 7u	    /* aborted by another thread */

/* The IPC error word for @code in @phase after @offset bytes. */
static inline l4_word_t l4_ipc_error(unsigned code, unsigned phase,
				     l4_word_t offset)
{
	return (offset << 4) | ((l4_word_t)(code & 7) << 1) | (phase & 1);
}

static inline unsigned l4_ipc_error_code(l4_word_t err)
{
	return (unsigned)l4_bits(err, 3, 1);
}

/* True if the receive phase failed, false if the send phase did. */
static inline bool l4_ipc_error_is_receive(l4_word_t err)
{
	return (err & 1) != 0;
}

/* Bytes transferred before the failure (meaningful for codes 4 to 7). */
static inline l4_word_t l4_ipc_error_offset(l4_word_t err)
{
	return err >> 4;
}

/* A short name for IPC error code @code. */
static inline const char *l4_ipc_error_name(unsigned code)
{
	switch (code) {
	case L4_IPC_ETIMEOUT:
		return "timeout";
	case L4_IPC_ENOPARTNER:
		return "non-existing partner";
	case L4_IPC_ECANCELED:
		return "cancelled";
	case L4_IPC_EMSGOVERFLOW:
		return "message overflow";
	case L4_IPC_EXFERTIMEOUT_SELF:
		return "xfer timeout in invoker's space";
	case L4_IPC_EXFERTIMEOUT_PEER:
		return "xfer timeout in partner's space";
	case L4_IPC_EABORTED:
		return "aborted";
	default:
		return "no error";
	}
}

/*
 * ErrorCode after a failed ThreadControl, SpaceControl, Schedule (and
 * ExchangeRegisters). Values as in Pistachio's user/include/l4/thread.h.
 */
#define L4_ERR_OK 0u
#define L4_ERR_NO_PRIVILEGE 1u
#define L4_ERR_INVALID_THREAD 2u
#define L4_ERR_INVALID_SPACE 3u
#define L4_ERR_INVALID_SCHEDULER 4u
#define L4_ERR_INVALID_PARAM 5u
#define L4_ERR_UTCB_AREA 6u
#define L4_ERR_KIP_AREA 7u
#define L4_ERR_NO_MEM 8u

/* A short name for system-call error code @code. */
static inline const char *l4_error_name(l4_word_t code)
{
	switch (code) {
	case L4_ERR_OK:
		return "ok";
	case L4_ERR_NO_PRIVILEGE:
		return "no privilege";
	case L4_ERR_INVALID_THREAD:
		return "invalid thread";
	case L4_ERR_INVALID_SPACE:
		return "invalid space";
	case L4_ERR_INVALID_SCHEDULER:
		return "invalid scheduler";
	case L4_ERR_INVALID_PARAM:
		return "invalid parameter";
	case L4_ERR_UTCB_AREA:
		return "invalid UTCB area";
	case L4_ERR_KIP_AREA:
		return "invalid KIP area";
	case L4_ERR_NO_MEM:
		return "out of memory";
	default:
		return "unknown error";
	}
}

#endif /* L4_ERRORS_H */
