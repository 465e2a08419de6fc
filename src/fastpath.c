/* SPDX-License-Identifier: MIT */
/*
 * fastpath.c - remembering carrier flows for the fast path (fastpath.h).
 */
#include "fastpath.h"

static void
put(struct ls_fastpath *fp, struct ls_flow *f, uint32_t iface, uint16_t et,
    uint8_t off, uint8_t len, const uint8_t *key, enum flow_dir dir)
{
	struct fp_slot *s = &fp->slot[fastpath_hash(key, len)];

	s->f = f;
	s->seq = f->seq;
	s->iface = iface;
	s->ethertype = et;
	s->off = off;
	s->len = len;
	s->dir = (uint8_t)dir;
	memcpy(s->key, key, len);
	fp->used++;
}

void
fastpath_learn(struct ls_fastpath *fp, struct ls_flow *f,
    const struct ls_source *src, uint32_t iface, const uint8_t *frame,
    uint32_t caplen, uint32_t len, enum flow_dir dir)
{
	uint8_t rev[36];
	uint16_t et;
	uint8_t off, l, half;
	const uint8_t *k;

	if (src == NULL || src->dlt != LS_DLT_EN10MB ||
	    !decode_fast_shape(frame, caplen, len, &et, &off, &l))
		return;
	k = frame + off;
	half = (l == 8 || l == 32) ? l / 2 : (uint8_t)((l - 4) / 2);
	memcpy(rev, k + half, half);	/* the addresses swapped */
	memcpy(rev + half, k, half);
	if (l == 12 || l == 36) {	/* and the ports */
		memcpy(rev + 2 * half, k + 2 * half + 2, 2);
		memcpy(rev + 2 * half + 2, k + 2 * half, 2);
	}
	put(fp, f, iface, et, off, l, k, dir);
	put(fp, f, iface, et, off, l, rev,
	    dir == DIR_TOSERVER ? DIR_TOCLIENT : DIR_TOSERVER);
}

void
fastpath_forget_slow(struct ls_fastpath *fp, const struct ls_flow *f)
{
	for (unsigned i = 0; i < FASTPATH_SLOTS; i++)
		if (fp->slot[i].f == f)
			fp->slot[i].f = NULL;
}

void
fastpath_reset(struct ls_fastpath *fp)
{
	memset(fp, 0, sizeof(*fp));
}
