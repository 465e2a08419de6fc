/* SPDX-License-Identifier: MIT */
/*
 * fastpath.h - the carrier fast path: the last carrier flow's header bytes.
 *
 * Most packets on a physical interface under a VPN are the carrier's, one
 * flow in bursts.  When a carrier flow's packet has the plain shape that
 * decode_fast_shape() accepts, its address and port bytes are remembered,
 * in both directions; a later frame of the same shape whose bytes equal
 * them is that flow's packet, and the engine counts it without decoding
 * or hashing.  Anything else takes the full path.
 */
#ifndef FASTPATH_H
#define FASTPATH_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "decode.h"
#include "dlt.h"
#include "event.h"
#include "flow.h"

struct ls_fastpath {
	struct ls_flow	*f;		/* NULL: nothing remembered */
	uint64_t	 seq;		/* f's, when remembered */
	uint32_t	 iface;
	uint16_t	 ethertype;
	uint8_t		 off, len;
	enum flow_dir	 fwd_dir;
	uint8_t		 fwd[40], rev[40];
};

/* Remember carrier flow f from this packet of it, when it has the shape. */
void	fastpath_learn(struct ls_fastpath *, struct ls_flow *f,
	    const struct ls_source *, uint32_t iface, const uint8_t *frame,
	    uint32_t caplen, uint32_t len, enum flow_dir dir);

/* The flow is ending: forget it. */
static inline void
fastpath_forget(struct ls_fastpath *fp, const struct ls_flow *f)
{
	if (fp->f == f)
		fp->f = NULL;
}

/* memcmp() == 0 for the IPv4 case (12 bytes) without a call. */
static inline bool
fastpath_eq(const uint8_t *a, const uint8_t *b, uint8_t len)
{
	uint64_t a8, b8;
	uint32_t a4, b4;

	if (len != 12)
		return memcmp(a, b, len) == 0;
	memcpy(&a8, a, 8);
	memcpy(&b8, b, 8);
	memcpy(&a4, a + 8, 4);
	memcpy(&b4, b + 8, 4);
	return a8 == b8 && a4 == b4;
}

/* The remembered flow, when this frame is its packet (*dir its way,
 * *pl_off where its UDP payload starts). */
static inline __attribute__((always_inline)) struct ls_flow *
fastpath_match(const struct ls_fastpath *fp, const struct ls_source *src,
    uint32_t iface, const uint8_t *frame, uint32_t caplen, uint32_t len,
    enum flow_dir *dir, uint32_t *pl_off)
{
	uint16_t et;
	uint8_t off, l;

	if (fp->f == NULL || src == NULL || src->dlt != LS_DLT_EN10MB ||
	    iface != fp->iface ||
	    !decode_fast_shape(frame, caplen, len, &et, &off, &l) ||
	    et != fp->ethertype)
		return NULL;
	if (fastpath_eq(frame + off, fp->fwd, l))
		*dir = fp->fwd_dir;
	else if (fastpath_eq(frame + off, fp->rev, l))
		*dir = fp->fwd_dir == DIR_TOSERVER ? DIR_TOCLIENT :
		    DIR_TOSERVER;
	else
		return NULL;
	*pl_off = (uint32_t)off + l + 4;	/* past the UDP length, checksum;
						   caplen >= DECODE_FAST_MIN */
	return fp->f;
}

#endif /* FASTPATH_H */
