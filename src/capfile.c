/* SPDX-License-Identifier: MIT */
/*
 * capfile.c - record offsets and the snap-length check for capture files
 * (see capfile.h).
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "capfile.h"

#define PCAP_HDR	24	/* the classic file header */
#define KUZNETZOV	0xa1b2cd34u	/* records with 24-byte headers */

/* A pipe's read(2) that a signal interrupts (see capfile_open). */
static ssize_t
pipe_raw(void *arg, char *buf, size_t n)
{
	struct ls_capfile *cf = arg;
	ssize_t r;

	/* poll, unlike read with SA_RESTART, returns to us on a signal */
	for (;;) {
		struct pollfd p = { cf->fd, POLLIN, 0 };
		if (poll(&p, 1, -1) < 0 && errno == EINTR) {
			if (cf->interrupted != NULL && cf->interrupted(cf->arg))
				return -1;	/* errno EINTR */
			continue;
		}
		r = read(cf->fd, buf, n);
		if (r >= 0 || errno != EINTR)
			break;
		if (cf->interrupted != NULL && cf->interrupted(cf->arg))
			return -1;
	}
	return r;
}

/* A pipe read through stdio that still knows its position: the bytes
 * sniffed for the format first, then the pipe. */
static ssize_t
pipe_read(void *arg, char *buf, size_t n)
{
	struct ls_capfile *cf = arg;
	ssize_t r;

	if (cf->prepos < cf->npre) {
		r = (ssize_t)(cf->npre - cf->prepos);
		if ((size_t)r > n)
			r = (ssize_t)n;
		memcpy(buf, cf->pre + cf->prepos, (size_t)r);
		cf->prepos += (size_t)r;
	} else
		r = pipe_raw(arg, buf, n);
	if (r > 0) {
		for (size_t i = 0; cf->nmagic < 4 && i < (size_t)r; i++)
			cf->magic[cf->nmagic++] = (uint8_t)buf[i];
		cf->piped += (uint64_t)r;
	}
	return r;
}

/* Only ftell's question is answered: where are we. */
static int
pipe_seek(void *arg, off64_t *pos, int whence)
{
	struct ls_capfile *cf = arg;

	if (whence != SEEK_CUR || *pos != 0) {
		errno = ESPIPE;
		return -1;
	}
	*pos = (off64_t)cf->piped;
	return 0;
}

static int
pipe_close(void *arg)
{
	struct ls_capfile *cf = arg;

	return cf->fd > 0 ? close(cf->fd) : 0;	/* stdin stays open */
}

/* A compressed regular file's bytes, from its start. */
static ssize_t
file_read(void *arg, char *buf, size_t n)
{
	struct ls_capfile *cf = arg;

	return read(cf->fd, buf, n);
}

/* The first bytes of a pipe, to tell its format; false: a read error. */
static bool
pipe_sniff(struct ls_capfile *cf)
{
	while (cf->npre < sizeof(cf->pre)) {
		ssize_t r = pipe_raw(cf, (char *)cf->pre + cf->npre,
		    sizeof(cf->pre) - cf->npre);
		if (r < 0)
			return false;
		if (r == 0)
			break;
		cf->npre += (size_t)r;
	}
	cf->zfmt = decompress_sniff(cf->pre, cf->npre);
	return true;
}

/* fd (ours) behind a decompressing stream; the sniffed bytes first. */
static FILE *
open_compressed(struct ls_capfile *cf, const uint8_t *pre, size_t npre,
    ssize_t (*rd)(void *, char *, size_t))
{
	struct ls_zsource src = { rd, pipe_close, cf };

	cf->seekable = false;		/* pread sees the compressed bytes */
	cf->fp = decompress_open(cf->zfmt, pre, npre, &src, &cf->z);
	return cf->fp;
}

FILE *
capfile_open(struct ls_capfile *cf, const char *path,
    bool (*interrupted)(void *arg), void *arg)
{
	static const cookie_io_functions_t io = {
		.read = pipe_read, .seek = pipe_seek, .close = pipe_close,
	};
	uint8_t head[LS_Z_SNIFF];
	ssize_t nhead = 0;
	struct stat st;
	FILE *fp;

	memset(cf, 0, sizeof(*cf));
	cf->interrupted = interrupted;
	cf->arg = arg;
	fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	cf->fd = fileno(fp);
	cf->seekable = fstat(cf->fd, &st) == 0 && S_ISREG(st.st_mode);
	cf->regular = cf->seekable;
	if (cf->seekable) {
		nhead = pread(cf->fd, head, sizeof(head), 0);
		cf->zfmt = decompress_sniff(head, nhead > 0 ? (size_t)nhead : 0);
	}
	if (cf->seekable && cf->zfmt == LS_Z_NONE) {
		memcpy(cf->magic, head, 4);
		cf->nmagic = nhead >= 4 ? 4 : 0;
		cf->fp = fp;
		return fp;
	}
	/* a pipe or a compressed file: our own descriptor behind a stream */
	if (fp != stdin) {
		cf->fd = dup(cf->fd);
		fclose(fp);
		if (cf->fd < 0)
			return NULL;
	}
	if (cf->seekable)
		cf->fp = open_compressed(cf, NULL, 0, file_read);
	else if (!pipe_sniff(cf))
		cf->fp = NULL;
	else if (cf->zfmt != LS_Z_NONE)
		cf->fp = open_compressed(cf, cf->pre, cf->npre, pipe_raw);
	else
		cf->fp = fopencookie(cf, "rb", io);
	if (cf->fp == NULL && cf->fd > 0) {
		int e = errno;
		close(cf->fd);
		errno = e;
	}
	return cf->fp;
}

static uint64_t
position(const struct ls_capfile *cf)
{
	long off = ftell(cf->fp);

	return off >= 0 ? (uint64_t)off : 0;
}

void
capfile_start(struct ls_capfile *cf, int major, uint32_t snaplen)
{
	uint32_t m = 0;

	if (cf->z != NULL)
		cf->nmagic = decompress_head(cf->z, cf->magic, 4);
	for (size_t i = 0; i < cf->nmagic; i++)
		m = m << 8 | cf->magic[i];
	cf->pcapng = major != 2;
	cf->snaplen = snaplen;
	cf->hdrlen = m == KUZNETZOV || m == __builtin_bswap32(KUZNETZOV) ?
	    24 : 16;
	cf->next = cf->mark = position(cf);
	if (!cf->pcapng && cf->next != PCAP_HDR)
		cf->lost = true;	/* not the layout this counts */
}

bool
capfile_record_slow(struct ls_capfile *cf, uint32_t caplen)
{
	if (cf->pcapng) {
		/* libpcap itself refuses blocks over the snap length */
		cf->records++;
		cf->mark = position(cf);
		return true;
	}
	uint64_t start = cf->next;
	cf->next += cf->hdrlen + (uint64_t)caplen;
	/* libpcap cuts a longer record to exactly the snap length */
	if (cf->lost) {
		cf->records++;
		return true;
	}
	uint64_t now = position(cf);
	if (now == cf->next) {
		cf->records++;
		return true;
	}
	if (now < cf->next) {
		cf->lost = true;	/* the count is wrong: stop judging */
		cf->records++;
		return true;
	}
	snprintf(cf->why, sizeof(cf->why), "a record of %" PRIu64 " captured "
	    "bytes, longer than the file's snapshot length %" PRIu32,
	    now - start - cf->hdrlen, cf->snaplen);
	cf->next = start;
	return false;
}

/* pcapng, seekable: walk the blocks from the last packet to the bad one. */
static uint64_t
block_walk(const struct ls_capfile *cf, uint64_t now)
{
	uint64_t at = cf->mark;
	uint32_t bom = 0;
	bool swap;

	/* the byte order of the section header at 0 (one section assumed) */
	if (pread(cf->fd, &bom, 4, 8) != 4)
		return at;
	swap = bom != 0x1a2b3c4du;
	while (at < now) {
		uint8_t h[8];
		uint32_t len;

		if (pread(cf->fd, h, 8, (off_t)at) != 8)
			break;
		memcpy(&len, h + 4, 4);
		if (swap)
			len = __builtin_bswap32(len);
		if (len < 12 || (len & 3) != 0 || at + len >= now)
			break;
		at += len;
	}
	return at;
}

uint64_t
capfile_damage_at(struct ls_capfile *cf)
{
	if (!cf->pcapng)
		return cf->next;
	if (!cf->seekable)
		return cf->mark;
	return block_walk(cf, position(cf));
}

const char *
capfile_zerror(const struct ls_capfile *cf)
{
	return cf->z != NULL ? decompress_error(cf->z) : NULL;
}
