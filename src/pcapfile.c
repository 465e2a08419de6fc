/* SPDX-License-Identifier: MIT */
/*
 * pcapfile.c - the records of a classic pcap file (see pcapfile.h).
 *
 * The block is refilled when the next record is not whole in it: what is
 * left moves to the front and fread appends.  A block holds at least one
 * record of the snapshot length, so every record that is not damage fits.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pcapfile.h"

#define BLOCK		(256u << 10)
#define NSEC_MAGIC	0xa1b23c4du
#define KUZNETZOV	0xa1b2cd34u

bool
pcapfile_open(struct ls_pcapfile *pf, FILE *fp, uint64_t offset,
    uint32_t magic, int minor, uint32_t snaplen, bool stream, int fd)
{
	memset(pf, 0, sizeof(*pf));
	pf->fp = fp;
	pf->fd = stream ? -1 : fd;
	pf->stream = stream;
	pf->base = offset;
	pf->swapped = magic == __builtin_bswap32(0xa1b2c3d4u) ||
	    magic == __builtin_bswap32(NSEC_MAGIC) ||
	    magic == __builtin_bswap32(KUZNETZOV);
	pf->nsec = magic == NSEC_MAGIC || magic == __builtin_bswap32(NSEC_MAGIC);
	pf->hdrlen = magic == KUZNETZOV || magic == __builtin_bswap32(KUZNETZOV) ?
	    24 : 16;
	pf->fix_len = minor < 3;
	pf->snaplen = snaplen;
	pf->cap = BLOCK;	/* a longer record grows it (next_slow) */
	pf->buf = malloc(pf->cap);
	return pf->buf != NULL;
}

void
pcapfile_close(struct ls_pcapfile *pf)
{
	free(pf->buf);
	pf->buf = NULL;
}

/* Make at least want unread bytes be in the block, or all the stream
 * gave before its end or a read error (pf->eof, pf->failed). */
static void
refill(struct ls_pcapfile *pf, size_t want)
{
	size_t left = pf->end - pf->pos;

	if (pf->pos > 0) {
		memmove(pf->buf, pf->buf + pf->pos, left);
		pf->base += pf->pos;
		pf->pos = 0;
		pf->end = left;
	}
	while (!pf->eof && pf->end < want) {
		/* a stream gives what it has: ask for no more than needed,
		 * or a packet would wait for the next ones */
		size_t ask = pf->stream ? want - pf->end : pf->cap - pf->end;
		size_t n;

		if (pf->fd >= 0) {
			ssize_t r;
			do
				r = pread(pf->fd, pf->buf + pf->end, ask,
				    (off_t)(pf->base + pf->end));
			while (r < 0 && errno == EINTR);
			if (r < 0) {
				pf->failed = pf->eof = true;
				break;
			}
			pf->end += (size_t)r;
			if (r == 0)
				pf->eof = true;
			continue;
		}
		n = fread(pf->buf + pf->end, 1, ask, pf->fp);
		pf->end += n;
		if (n < ask) {
			if (ferror(pf->fp)) {
				pf->failed = true;	/* what came stays */
				pf->eof = true;
			} else if (feof(pf->fp))
				pf->eof = true;
		}
	}
}

int
pcapfile_next_slow(struct ls_pcapfile *pf, struct ls_pcaprec *r)
{
	const uint8_t *h;
	uint32_t caplen, len, sub;
	size_t left;

	if (pf->end - pf->pos < pf->hdrlen)
		refill(pf, pf->hdrlen);
	left = pf->end - pf->pos;
	r->offset = pf->base + pf->pos;
	if (left < pf->hdrlen && pf->failed)
		return PCAPFILE_READ_ERROR;	/* before what it would say */
	if (left == 0)
		return PCAPFILE_END;
	if (left < pf->hdrlen) {
		snprintf(pf->why, sizeof(pf->why), "truncated dump file; tried "
		    "to read %u header bytes, only got %zu", pf->hdrlen, left);
		return PCAPFILE_DAMAGE;
	}
	h = pf->buf + pf->pos;
	caplen = pcapfile_u32(pf, h + 8);
	len = pcapfile_u32(pf, h + 12);
	if (pf->fix_len && caplen > len) {
		uint32_t t = caplen;	/* as libpcap: files before 2.3 */
		caplen = len;
		len = t;
	}
	if (caplen > pf->snaplen) {
		snprintf(pf->why, sizeof(pf->why), "a record of %" PRIu32
		    " captured bytes, longer than the file's snapshot length %"
		    PRIu32, caplen, pf->snaplen);
		return PCAPFILE_DAMAGE;
	}
	if (left - pf->hdrlen < caplen) {
		size_t need = pf->hdrlen + (size_t)caplen;
		if (need > pf->cap) {
			uint8_t *b = realloc(pf->buf, need);
			if (b == NULL) {
				errno = ENOMEM;
				return PCAPFILE_READ_ERROR;
			}
			pf->buf = b;
			pf->cap = need;
		}
		refill(pf, need);
		left = pf->end - pf->pos;
		h = pf->buf + pf->pos;
		if (left - pf->hdrlen < caplen && pf->failed)
			return PCAPFILE_READ_ERROR;
		if (left - pf->hdrlen < caplen) {
			snprintf(pf->why, sizeof(pf->why), "truncated dump "
			    "file; tried to read %" PRIu32 " captured bytes, "
			    "only got %zu", caplen, left - pf->hdrlen);
			return PCAPFILE_DAMAGE;
		}
	}
	sub = pcapfile_u32(pf, h + 4);
	r->ts_us = (uint64_t)pcapfile_u32(pf, h) * 1000000u +
	    (pf->nsec ? sub / 1000u : sub);
	r->caplen = caplen;
	r->len = len;
	r->data = h + pf->hdrlen;
	pf->pos += pf->hdrlen + (size_t)caplen;
	return PCAPFILE_REC;
}
