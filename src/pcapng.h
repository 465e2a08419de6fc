/* SPDX-License-Identifier: MIT */
/*
 * pcapng.h - the pcapng file reader: every section, every interface, each
 * packet with the interface it was captured on.
 *
 * libpcap 1.10 refuses a pcapng whose interfaces have different link types
 * and does not say which interface a packet came from; a capture of a
 * multi-homed host (dumpcap -i eth0 -i wlan0) needs both.  This reader
 * takes the blocks one by one from a stdio stream (a file, a pipe, a
 * decompressing stream: capfile.h), so it reads whatever libpcap read, and
 * names the byte offset of the block where the damage starts.
 *
 * Blocks read: Section Header (either byte order, any number of sections),
 * Interface Description (if_name, if_description, if_tsresol,
 * if_tsoffset), Enhanced Packet, Simple Packet, the obsolete Packet Block.
 * Every other block (name resolution, statistics, decryption secrets,
 * custom, unknown) is skipped by its length.  docs/performance.md has the
 * measurements that chose this over libwiretap.
 */
#ifndef PCAPNG_H
#define PCAPNG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAPNG_MAGIC		0x0a0d0d0au	/* the SHB's block type */
#define PCAPNG_MAX_BLOCK	(16u << 20)	/* libpcap's limit too */
#define PCAPNG_MAX_IF		65536u		/* interfaces in one file */

struct ls_pcapng_if {
	uint32_t	linktype;
	uint32_t	snaplen;	/* 0: none */
	char		name[64];	/* if_name, "" when absent */
	char		descr[64];	/* if_description, "" when absent */
	bool		pow2;		/* if_tsresol: 2^-exp, else 10^-exp */
	uint8_t		exp;		/* 6 when absent (microseconds) */
	int64_t		tsoffset;	/* if_tsoffset, seconds */
};

struct ls_pcapng_rec {
	uint32_t	 ifid;		/* file-wide interface number */
	uint32_t	 caplen, len;
	uint64_t	 ts_us;
	const uint8_t	*data;
};

enum {
	PCAPNG_PACKET	= 1,
	PCAPNG_END	= 0,
	PCAPNG_DAMAGE	= -1,	/* why and at say what and where */
	PCAPNG_READERR	= -2,	/* the stream failed (errno; EINTR) */
};

struct ls_pcapng {
	FILE		*fp;
	uint8_t		*buf;		/* the current block, whole */
	size_t		 cap;
	uint64_t	 off;		/* the next block's first byte */
	uint64_t	 at;		/* the current block's first byte */
	bool		 be;		/* the section is big-endian */
	bool		 held;		/* buf holds a block not yet handed on */
	uint32_t	 base;		/* file-wide number of the section's if 0 */
	struct ls_pcapng_if *ifs;	/* file-wide, every section's */
	uint32_t	 nif, capif;
	uint64_t	 packets;	/* packets handed on */
	uint64_t	 last_us;	/* an SPB has no time: the last one's */
	char		 why[160];
};

/*
 * Start reading fp (positioned at the file's first byte): the section
 * header and the blocks up to the first
 * interface or packet, so that the first link type is known.
 * PCAPNG_PACKET: ready; else as pcapng_next.
 */
int	pcapng_open(struct ls_pcapng *, FILE *fp);
/* The next packet; interfaces met on the way are in ifs[] (nif grows). */
int	pcapng_next(struct ls_pcapng *, struct ls_pcapng_rec *);
/* Timestamp units of interface i to microseconds since the epoch. */
uint64_t pcapng_ts_us(const struct ls_pcapng_if *, uint64_t ts);
void	pcapng_free(struct ls_pcapng *);

#endif /* PCAPNG_H */
