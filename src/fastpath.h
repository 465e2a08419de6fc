/* SPDX-License-Identifier: MIT */
/*
 * fastpath.h - the carrier fast path: the header bytes of the carrier
 * flows seen last.
 *
 * Most packets on a physical interface under a VPN are carriers': one
 * tunnel, or a few (a laptop with two WireGuard tunnels and OpenVPN), or
 * one per device on a span port.  When a carrier flow's packet has the
 * plain shape that decode_fast_shape() accepts, its address and port bytes
 * are remembered, once per direction, in a small table indexed by a hash
 * of those bytes; a later frame of the same shape whose bytes equal a
 * slot's is that flow's packet, and the engine counts it without decoding
 * or looking the flow up.  Two carriers in one slot take turns; anything
 * else takes the full path.
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
#include "verdict.h"

#define FASTPATH_BITS	8
#define FASTPATH_SLOTS	(1u << FASTPATH_BITS)

struct fp_slot {
	struct ls_flow	*f;		/* NULL: empty */
	uint64_t	 seq;		/* f's, when remembered */
	uint32_t	 iface;
	uint16_t	 ethertype;
	uint8_t		 off;		/* where key starts in the frame */
	uint8_t		 len;		/* its length (decode_fast_shape) */
	uint8_t		 dir;		/* enum flow_dir of these bytes */
	uint8_t		 key[36];	/* addresses (and ports) */
};

struct ls_fastpath {
	struct fp_slot	 slot[FASTPATH_SLOTS];
	unsigned	 used;		/* slots ever filled since the reset */
};

/* Remember carrier flow f from this packet of it, when it has the shape. */
void	fastpath_learn(struct ls_fastpath *, struct ls_flow *f,
	    const struct ls_source *, uint32_t iface, const uint8_t *frame,
	    uint32_t caplen, uint32_t len, enum flow_dir dir);
/* The flow is ending: forget it. */
void	fastpath_forget_slow(struct ls_fastpath *, const struct ls_flow *f);
/* Forget everything (a new source). */
void	fastpath_reset(struct ls_fastpath *);

static inline void
fastpath_forget(struct ls_fastpath *fp, const struct ls_flow *f)
{
	if (fp->used != 0 && f->eng.verdict == FS_CARRIER)
		fastpath_forget_slow(fp, f);
}

static inline uint64_t
fastpath_load64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static inline uint32_t
fastpath_load32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

/* The slot of key k (len 12 or 8: IPv4, 36 or 32: IPv6). */
static inline unsigned
fastpath_hash(const uint8_t *k, uint8_t len)
{
	uint64_t h = fastpath_load64(k) ^ (uint64_t)fastpath_load32(k + len - 4)
	    << 17;

	if (len >= 32)
		h ^= fastpath_load64(k + 16) ^ fastpath_load64(k + 24);
	h *= 0x9e3779b97f4a7c15ull;
	return (unsigned)(h >> (64 - FASTPATH_BITS));
}

/* memcmp() == 0 for the IPv4 cases (12 or 8 bytes) without a call. */
static inline bool
fastpath_eq(const uint8_t *a, const uint8_t *b, uint8_t len)
{
	if (len > 12)
		return memcmp(a, b, len) == 0;
	return fastpath_load64(a) == fastpath_load64(b) && (len == 8 ||
	    fastpath_load32(a + 8) == fastpath_load32(b + 8));
}

/* The remembered flow, when this frame is its packet (*dir its way). */
static inline __attribute__((always_inline)) struct ls_flow *
fastpath_match(const struct ls_fastpath *fp, const struct ls_source *src,
    uint32_t iface, const uint8_t *frame, uint32_t caplen, uint32_t len,
    enum flow_dir *dir)
{
	const struct fp_slot *s;
	uint16_t et;
	uint8_t off, l;

	if (fp->used == 0 || src == NULL || src->dlt != LS_DLT_EN10MB ||
	    !decode_fast_shape(frame, caplen, len, &et, &off, &l))
		return NULL;
	s = &fp->slot[fastpath_hash(frame + off, l)];
	if (s->f == NULL || s->iface != iface || s->ethertype != et ||
	    s->off != off || s->len != l || s->seq != s->f->seq ||
	    !fastpath_eq(frame + off, s->key, l))
		return NULL;
	*dir = (enum flow_dir)s->dir;
	return s->f;
}

#endif /* FASTPATH_H */
