/* SPDX-License-Identifier: MIT */
/*
 * fastpath.c - remembering a carrier flow for the fast path (fastpath.h).
 */
#include "fastpath.h"

void
fastpath_learn(struct ls_fastpath *fp, struct ls_flow *f,
    const struct ls_source *src, uint32_t iface, const uint8_t *frame,
    uint32_t caplen, uint32_t len, enum flow_dir dir)
{
	uint16_t et;
	uint8_t off, l, half;

	if (src == NULL || src->dlt != LS_DLT_EN10MB ||
	    !decode_fast_shape(frame, caplen, len, &et, &off, &l))
		return;
	half = (uint8_t)((l - 4) / 2);	/* one address */
	fp->f = f;
	fp->seq = f->seq;
	fp->iface = iface;
	fp->ethertype = et;
	fp->off = off;
	fp->len = l;
	fp->fwd_dir = dir;
	memcpy(fp->fwd, frame + off, l);
	memcpy(fp->rev, frame + off + half, half);
	memcpy(fp->rev + half, frame + off, half);
	memcpy(fp->rev + 2 * half, frame + off + 2 * half + 2, 2);
	memcpy(fp->rev + 2 * half + 2, frame + off + 2 * half, 2);
}
