/* SPDX-License-Identifier: MIT */
/*
 * capfile.h - where each record of a capture file starts, so that damage
 * is reported at the record's first byte, and the check libpcap leaves
 * out: a classic pcap record longer than the file's snapshot length is cut
 * to it by libpcap without a word; here it is damage.
 *
 * Classic pcap records are counted (header + captured bytes), which holds
 * on a pipe too; pcapng blocks are found from the last packet's end
 * (pread over the file when it is seekable).  A pipe is read through a
 * counting stream, so its position is known as a file's is.  No libpcap
 * here: capture.c passes what it knows.
 *
 * A compressed file or pipe (told by its first bytes, decompress.h) is
 * read through a decompressing stream; record offsets are then offsets in
 * the decompressed bytes.  A plain file is read as before, unwrapped.
 */
#ifndef CAPFILE_H
#define CAPFILE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "decompress.h"

struct ls_capfile {
	FILE		*fp;
	int		 fd;		/* the file's descriptor */
	bool		 seekable;	/* a regular file: pread works */
	bool		 regular;	/* a regular file, compressed or not:
					   a read never waits */
	bool		 pcapng;
	bool		 lost;		/* the count stopped adding up: no checks */
	unsigned	 hdrlen;	/* classic record header: 16 or 24 */
	uint32_t	 snaplen;
	uint64_t	 next;		/* classic: where the next record starts */
	uint64_t	 mark;		/* pcapng: the end of the last packet */
	uint64_t	 records;	/* records read whole */
	uint64_t	 piped;		/* bytes read from a pipe so far */
	uint8_t		 magic[4];	/* the file's first bytes */
	size_t		 nmagic;
	char		 why[128];	/* set: the damage capfile_record found */
	struct ls_zstream *z;		/* compressed: the decoder (fp's) */
	enum ls_zfmt	 zfmt;
	uint8_t		 pre[LS_Z_SNIFF];	/* a plain pipe's sniffed bytes */
	size_t		 npre, prepos;
	bool		(*interrupted)(void *arg);	/* a pipe's read */
	void		*arg;
};

/*
 * Open path ("-": stdin) for reading.  NULL with errno set on failure.
 * A pipe's read waits in poll(2); when a signal interrupts it,
 * interrupted(arg) says whether the read ends (EINTR) or goes on.
 */
FILE	*capfile_open(struct ls_capfile *, const char *path,
	    bool (*interrupted)(void *arg), void *arg);
/* Once libpcap has read the file header: its version and snap length. */
void	 capfile_start(struct ls_capfile *, int major, uint32_t snaplen);
/* One record delivered with caplen bytes; false: it is damage (why says
 * what), and it must not be used.  Inline: it runs for every packet, and
 * only a classic record at the snap length needs a look at the file. */
bool	 capfile_record_slow(struct ls_capfile *, uint32_t caplen);

/* The common case alone: a classic record under the snap length,
 * counted; false when capfile_record must look (nothing done then). */
static inline bool
capfile_record_fast(struct ls_capfile *cf, uint32_t caplen)
{
	if (!cf->pcapng && caplen < cf->snaplen) {
		cf->next += cf->hdrlen + (uint64_t)caplen;
		cf->records++;
		return true;
	}
	return false;
}

static inline bool
capfile_record(struct ls_capfile *cf, uint32_t caplen)
{
	return capfile_record_fast(cf, caplen) ||
	    capfile_record_slow(cf, caplen);
}
/* Offset of the first byte of the record libpcap failed on. */
uint64_t capfile_damage_at(struct ls_capfile *);
/* NULL, or the compressed stream's damage (its format and offset). */
const char *capfile_zerror(const struct ls_capfile *);

#endif /* CAPFILE_H */
