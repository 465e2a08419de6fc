/* SPDX-License-Identifier: MIT */
/*
 * pcapfile.h - the records of a classic pcap file, read where they lie.
 *
 * libpcap opens the file and judges its header (magic, version, link type,
 * snapshot length: capture.c); the records after it are read here, in
 * large blocks (a plain regular file with pread at its offsets, past
 * stdio, whose copy cost 100 instructions per packet; a pipe or a
 * decompressor through the same stream), and each record's bytes are
 * handed on from the block with no copy.  libpcap's own reader costs two fread
 * calls and a copy of every packet: on `make bench`'s capture that is
 * about 550 of the 590 instructions per packet of a bare pcap_next_ex
 * loop (docs/performance.md).  The records mean what libpcap makes of
 * them: microsecond time stamps (a nanosecond file's are divided), the
 * byte order of the header, Kuznetzov's 24-byte record headers, and the
 * caplen/len swap of files older than version 2.3.  What libpcap would
 * cut without a word (a record over the snapshot length) is damage here,
 * and so is a record cut short by the end of the file; damage is named
 * with the same words libpcap uses, at the offset of the record's first
 * byte.
 */
#ifndef PCAPFILE_H
#define PCAPFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct ls_pcaprec {
	uint64_t	 ts_us;
	uint32_t	 caplen, len;
	const uint8_t	*data;
	uint64_t	 offset;	/* of the record header in the file */
};

struct ls_pcapfile {
	FILE		*fp;
	int		 fd;		/* >= 0: a plain regular file, read
					   with pread, past stdio's copy */
	uint8_t		*buf;
	size_t		 cap;		/* bytes buf holds */
	size_t		 pos, end;	/* unread bytes: buf[pos..end) */
	uint64_t	 base;		/* file offset of buf[0] */
	unsigned	 hdrlen;	/* 16, or 24 (Kuznetzov) */
	uint32_t	 snaplen;
	bool		 swapped;
	bool		 nsec;
	bool		 fix_len;	/* version < 2.3: caplen, len swapped */
	bool		 stream;	/* a pipe or decompressor: read no
					   further than the record */
	bool		 eof;
	bool		 failed;	/* a read error (ferror), or EINTR:
					   what came before it is still read */
	char		 why[160];	/* damage, when pcapfile_next said so */
};

enum { PCAPFILE_END = 0, PCAPFILE_REC = 1, PCAPFILE_DAMAGE = -1,
    PCAPFILE_READ_ERROR = -2 };

/* Records from fp, whose header libpcap has read (offset: where the
 * first record starts; magic: its first four bytes, little-endian; stream:
 * a pipe or a decompressor, where a read may wait; fd: the descriptor of
 * a plain regular file, read directly at its offsets, or -1).  false: out
 * of memory. */
bool	pcapfile_open(struct ls_pcapfile *, FILE *fp, uint64_t offset,
	    uint32_t magic, int minor, uint32_t snaplen, bool stream, int fd);
void	pcapfile_close(struct ls_pcapfile *);
/* The next record: PCAPFILE_REC (r filled; its bytes stay valid until the
 * next call), PCAPFILE_END, PCAPFILE_DAMAGE (why says what, r->offset
 * where) or PCAPFILE_READ_ERROR (errno; EINTR: a signal ended a read). */
int	pcapfile_next_slow(struct ls_pcapfile *, struct ls_pcaprec *r);

static inline uint32_t
pcapfile_u32(const struct ls_pcapfile *pf, const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 |
	    (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return pf->swapped ? __builtin_bswap32(v) : v;
}

/* The common case inline: a whole record in the block, under the snap
 * length, of a file that needs no fix. */
static inline int
pcapfile_next(struct ls_pcapfile *pf, struct ls_pcaprec *r)
{
	size_t left = pf->end - pf->pos;

	if (left >= 16 && pf->hdrlen == 16 && !pf->nsec && !pf->fix_len) {
		const uint8_t *h = pf->buf + pf->pos;
		uint32_t caplen = pcapfile_u32(pf, h + 8);
		if (caplen <= pf->snaplen && left - 16 >= caplen) {
			r->ts_us = (uint64_t)pcapfile_u32(pf, h) * 1000000u +
			    pcapfile_u32(pf, h + 4);
			r->caplen = caplen;
			r->len = pcapfile_u32(pf, h + 12);
			r->data = h + 16;
			r->offset = pf->base + pf->pos;
			pf->pos += 16 + (size_t)caplen;
			return PCAPFILE_REC;
		}
	}
	return pcapfile_next_slow(pf, r);
}

#endif /* PCAPFILE_H */
