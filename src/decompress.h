/* SPDX-License-Identifier: MIT */
/*
 * decompress.h - compressed captures read as plain ones: the format is
 * told by the first bytes (gzip 1f 8b, zstd 28 b5 2f fd, xz fd 37 7a 58 5a
 * 00, lz4 frame 04 22 4d 18), never by the name, and a stdio stream yields
 * the decompressed bytes, streaming through a 64 KiB buffer.  The
 * compressed bytes come from a read function the caller gives (a file's
 * descriptor, a pipe's poll-waiting read), after the bytes already taken
 * off it to tell the format.  A damaged or cut stream ends the read with
 * an error (errno EIO) and a message naming the compressed byte offset.
 */
#ifndef DECOMPRESS_H
#define DECOMPRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

enum ls_zfmt { LS_Z_NONE, LS_Z_GZIP, LS_Z_ZSTD, LS_Z_XZ, LS_Z_LZ4 };

#define LS_Z_SNIFF	6	/* bytes enough to tell every format */

struct ls_zsource {
	ssize_t	(*read)(void *arg, char *buf, size_t n);	/* -1: errno */
	int	(*close)(void *arg);				/* may be NULL */
	void	*arg;
};

struct ls_zstream;

/* The format the first n bytes say; LS_Z_NONE: not compressed (or too
 * short to tell). */
enum ls_zfmt	 decompress_sniff(const uint8_t *p, size_t n);
const char	*decompress_name(enum ls_zfmt);
/*
 * A stream of the decompressed bytes of fmt: first pre[0..npre) then what
 * src reads.  *zs (may be NULL) is the state, valid until fclose, for the
 * two questions below.  NULL with errno set on failure (src not closed).
 */
FILE		*decompress_open(enum ls_zfmt fmt, const uint8_t *pre,
		    size_t npre, const struct ls_zsource *src,
		    struct ls_zstream **zs);
/* The first n (<= 8) decompressed bytes delivered so far; their count. */
size_t		 decompress_head(const struct ls_zstream *, uint8_t *out,
		    size_t n);
/* NULL, or what is wrong with the compressed stream (with its offset). */
const char	*decompress_error(const struct ls_zstream *);

#endif /* DECOMPRESS_H */
