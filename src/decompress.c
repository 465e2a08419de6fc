/* SPDX-License-Identifier: MIT */
/*
 * decompress.c - a stdio stream of a gzip, zstd, xz or lz4 stream's
 * decompressed bytes (see decompress.h).
 *
 * One input buffer, decoded straight into the caller's (stdio's) buffer:
 * no copy of the decompressed bytes.  Concatenated members (gzip -c a b,
 * zstd frames, xz streams, lz4 frames) are read on as one stream.  The
 * input ends cleanly only at the end of a member; anything else is a cut
 * stream, reported as corrupt at the offset where the input ended.
 */
#define _GNU_SOURCE		/* fopencookie */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <lz4frame.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>

#include "decompress.h"

#define IN_BUF	(64u << 10)

struct ls_zstream {
	enum ls_zfmt	 fmt;
	struct ls_zsource src;
	uint8_t		*in;
	size_t		 inpos, inlen;
	uint64_t	 total;		/* compressed bytes taken in */
	uint64_t	 out;		/* decompressed bytes delivered */
	bool		 eof;		/* src has no more */
	bool		 at_end;	/* the last member ended */
	bool		 pending;	/* the decoder may hold more output */
	uint8_t		 head[8];
	size_t		 nhead;
	char		 why[192];
	union {
		z_stream	 z;
		ZSTD_DStream	*zd;
		lzma_stream	 x;
		LZ4F_dctx	*l4;
	} u;
};

enum ls_zfmt
decompress_sniff(const uint8_t *p, size_t n)
{
	static const uint8_t xz[6] = { 0xfd, '7', 'z', 'X', 'Z', 0x00 };

	if (n >= 2 && p[0] == 0x1f && p[1] == 0x8b)
		return LS_Z_GZIP;
	if (n >= 4 && memcmp(p, "\x28\xb5\x2f\xfd", 4) == 0)
		return LS_Z_ZSTD;
	if (n >= 6 && memcmp(p, xz, 6) == 0)
		return LS_Z_XZ;
	if (n >= 4 && memcmp(p, "\x04\x22\x4d\x18", 4) == 0)
		return LS_Z_LZ4;
	return LS_Z_NONE;
}

const char *
decompress_name(enum ls_zfmt fmt)
{
	switch (fmt) {
	case LS_Z_GZIP:	return "gzip";
	case LS_Z_ZSTD:	return "zstd";
	case LS_Z_XZ:	return "xz";
	case LS_Z_LZ4:	return "lz4";
	case LS_Z_NONE:	break;
	}
	return "plain";
}

/* Compressed bytes the decoder has consumed. */
static uint64_t
consumed(const struct ls_zstream *zs)
{
	return zs->total - (zs->inlen - zs->inpos);
}

static ssize_t
damage(struct ls_zstream *zs, const char *what)
{
	snprintf(zs->why, sizeof(zs->why), "corrupt %s stream at compressed "
	    "byte offset %llu: %s", decompress_name(zs->fmt),
	    (unsigned long long)consumed(zs), what);
	errno = EIO;
	return -1;
}

static const char *
xz_message(lzma_ret rc)
{
	switch (rc) {
	case LZMA_FORMAT_ERROR:	return "not in the .xz format";
	case LZMA_OPTIONS_ERROR: return "unsupported options";
	case LZMA_DATA_ERROR:	return "compressed data is corrupt";
	case LZMA_MEM_ERROR:	return "out of memory";
	case LZMA_MEMLIMIT_ERROR: return "memory limit reached";
	default:		return "decoder error";
	}
}

/*
 * One decoder step from the input buffer into buf: the bytes made, or -1
 * (why set).  finish: the input has ended.
 */
static ssize_t
step_gzip(struct ls_zstream *zs, char *buf, size_t n, bool finish)
{
	z_stream *z = &zs->u.z;
	int rc;

	if (zs->at_end) {
		if (zs->inpos == zs->inlen)
			return 0;
		inflateReset(z);	/* the next member */
		zs->at_end = false;
	}
	if (finish && zs->inpos == zs->inlen && !zs->pending)
		return damage(zs, "truncated: the input ends inside it");
	z->next_in = zs->in + zs->inpos;
	z->avail_in = (uInt)(zs->inlen - zs->inpos);
	z->next_out = (Bytef *)buf;
	z->avail_out = (uInt)n;
	rc = inflate(z, Z_NO_FLUSH);
	zs->inpos = zs->inlen - z->avail_in;
	if (rc == Z_STREAM_END)
		zs->at_end = true;
	else if (rc == Z_BUF_ERROR && finish && z->avail_out == n)
		return damage(zs, "truncated: the input ends inside it");
	else if (rc != Z_OK && rc != Z_BUF_ERROR)
		return damage(zs, z->msg != NULL ? z->msg : zError(rc));
	return (ssize_t)(n - z->avail_out);
}

static ssize_t
step_zstd(struct ls_zstream *zs, char *buf, size_t n, bool finish)
{
	ZSTD_inBuffer ib = { zs->in + zs->inpos, zs->inlen - zs->inpos, 0 };
	ZSTD_outBuffer ob = { buf, n, 0 };
	size_t r;

	if (finish && zs->at_end)
		return 0;
	r = ZSTD_decompressStream(zs->u.zd, &ob, &ib);
	zs->inpos += ib.pos;
	if (ZSTD_isError(r))
		return damage(zs, ZSTD_getErrorName(r));
	zs->at_end = r == 0;
	if (finish && !zs->at_end && ob.pos == 0)
		return damage(zs, "truncated: the input ends inside it");
	return (ssize_t)ob.pos;
}

static ssize_t
step_xz(struct ls_zstream *zs, char *buf, size_t n, bool finish)
{
	lzma_stream *x = &zs->u.x;
	lzma_ret rc;

	if (zs->at_end)
		return 0;
	x->next_in = zs->in + zs->inpos;
	x->avail_in = zs->inlen - zs->inpos;
	x->next_out = (uint8_t *)buf;
	x->avail_out = n;
	rc = lzma_code(x, finish ? LZMA_FINISH : LZMA_RUN);
	if (rc == LZMA_OK && finish && x->avail_out == n)
		rc = lzma_code(x, LZMA_FINISH);	/* no progress: say why */
	zs->inpos = zs->inlen - x->avail_in;
	if (rc == LZMA_STREAM_END)
		zs->at_end = true;
	else if (rc == LZMA_BUF_ERROR && finish)
		return damage(zs, "truncated: the input ends inside it");
	else if (rc != LZMA_OK && !(rc == LZMA_BUF_ERROR && !finish))
		return damage(zs, xz_message(rc));
	return (ssize_t)(n - x->avail_out);
}

static ssize_t
step_lz4(struct ls_zstream *zs, char *buf, size_t n, bool finish)
{
	size_t dst = n, src = zs->inlen - zs->inpos;
	size_t r;

	if (finish && zs->at_end)
		return 0;
	r = LZ4F_decompress(zs->u.l4, buf, &dst, zs->in + zs->inpos, &src,
	    NULL);
	zs->inpos += src;
	if (LZ4F_isError(r))
		return damage(zs, LZ4F_getErrorName(r));
	zs->at_end = r == 0;
	if (finish && !zs->at_end && dst == 0)
		return damage(zs, "truncated: the input ends inside it");
	return (ssize_t)dst;
}

static ssize_t
step(struct ls_zstream *zs, char *buf, size_t n, bool finish)
{
	ssize_t r;

	switch (zs->fmt) {
	case LS_Z_GZIP:	r = step_gzip(zs, buf, n, finish); break;
	case LS_Z_ZSTD:	r = step_zstd(zs, buf, n, finish); break;
	case LS_Z_XZ:	r = step_xz(zs, buf, n, finish); break;
	case LS_Z_LZ4:	r = step_lz4(zs, buf, n, finish); break;
	default:	errno = EINVAL; return -1;
	}
	zs->pending = r > 0 && (size_t)r == n;
	return r;
}

/* More compressed bytes after what is left; false: an error (errno). */
static bool
refill(struct ls_zstream *zs)
{
	ssize_t r;

	if (zs->inpos > 0) {
		memmove(zs->in, zs->in + zs->inpos, zs->inlen - zs->inpos);
		zs->inlen -= zs->inpos;
		zs->inpos = 0;
	}
	r = zs->src.read(zs->src.arg, (char *)zs->in + zs->inlen,
	    IN_BUF - zs->inlen);
	if (r < 0)
		return false;
	if (r == 0)
		zs->eof = true;
	zs->inlen += (size_t)r;
	zs->total += (uint64_t)r;
	return true;
}

static void
keep_head(struct ls_zstream *zs, const char *buf, size_t r)
{
	for (size_t i = 0; zs->nhead < sizeof(zs->head) && i < r; i++)
		zs->head[zs->nhead++] = (uint8_t)buf[i];
	zs->out += r;
}

static ssize_t
z_read(void *arg, char *buf, size_t n)
{
	struct ls_zstream *zs = arg;

	if (zs->why[0] != '\0') {
		errno = EIO;
		return -1;
	}
	for (bool stalled = false;;) {
		size_t before = zs->inpos;
		bool finish = zs->eof && (zs->inpos == zs->inlen || stalled);

		if (zs->inpos < zs->inlen || zs->pending || finish) {
			ssize_t r = step(zs, buf, n, finish);
			if (r < 0)
				return -1;
			if (r > 0 || finish) {
				keep_head(zs, buf, (size_t)r);
				return r;
			}
			if (zs->inpos != before)
				continue;	/* headers, no output yet */
		}
		if (zs->eof) {
			stalled = true;	/* left over input the decoder refused */
			continue;
		}
		if (!refill(zs))
			return -1;
	}
}

/* Only ftell's question is answered: where in the decompressed bytes. */
static int
z_seek(void *arg, off64_t *pos, int whence)
{
	struct ls_zstream *zs = arg;

	if (whence != SEEK_CUR || *pos != 0) {
		errno = ESPIPE;
		return -1;
	}
	*pos = (off64_t)zs->out;
	return 0;
}

static void
z_free(struct ls_zstream *zs)
{
	switch (zs->fmt) {
	case LS_Z_GZIP:	inflateEnd(&zs->u.z); break;
	case LS_Z_ZSTD:	ZSTD_freeDStream(zs->u.zd); break;
	case LS_Z_XZ:	lzma_end(&zs->u.x); break;
	case LS_Z_LZ4:	LZ4F_freeDecompressionContext(zs->u.l4); break;
	case LS_Z_NONE:	break;
	}
	free(zs->in);
	free(zs);
}

static int
z_close(void *arg)
{
	struct ls_zstream *zs = arg;
	int rc = zs->src.close != NULL ? zs->src.close(zs->src.arg) : 0;

	z_free(zs);
	return rc;
}

static bool
z_init(struct ls_zstream *zs)
{
	switch (zs->fmt) {
	case LS_Z_GZIP:
		return inflateInit2(&zs->u.z, 16 + MAX_WBITS) == Z_OK;
	case LS_Z_ZSTD:
		zs->u.zd = ZSTD_createDStream();
		return zs->u.zd != NULL &&
		    !ZSTD_isError(ZSTD_initDStream(zs->u.zd));
	case LS_Z_XZ:
		zs->u.x = (lzma_stream)LZMA_STREAM_INIT;
		return lzma_stream_decoder(&zs->u.x, UINT64_MAX,
		    LZMA_CONCATENATED) == LZMA_OK;
	case LS_Z_LZ4:
		return !LZ4F_isError(LZ4F_createDecompressionContext(&zs->u.l4,
		    LZ4F_VERSION));
	case LS_Z_NONE:
		break;
	}
	return false;
}

FILE *
decompress_open(enum ls_zfmt fmt, const uint8_t *pre, size_t npre,
    const struct ls_zsource *src, struct ls_zstream **out)
{
	static const cookie_io_functions_t io = {
		.read = z_read, .seek = z_seek, .close = z_close,
	};
	struct ls_zstream *zs = calloc(1, sizeof(*zs));
	FILE *fp;

	if (zs == NULL || npre > IN_BUF)
		goto fail;
	zs->fmt = fmt;
	zs->src = *src;
	if ((zs->in = malloc(IN_BUF)) == NULL)
		goto fail;
	if (npre > 0)
		memcpy(zs->in, pre, npre);
	zs->inlen = npre;
	zs->total = npre;
	if (!z_init(zs)) {
		zs->fmt = LS_Z_NONE;	/* nothing to end */
		errno = errno != 0 ? errno : ENOMEM;
		goto fail;
	}
	if ((fp = fopencookie(zs, "rb", io)) == NULL)
		goto fail;
	if (out != NULL)
		*out = zs;
	return fp;
fail:
	if (zs != NULL) {
		zs->src.close = NULL;
		z_free(zs);
	}
	if (errno == 0)
		errno = ENOMEM;
	return NULL;
}

size_t
decompress_head(const struct ls_zstream *zs, uint8_t *out, size_t n)
{
	if (n > zs->nhead)
		n = zs->nhead;
	memcpy(out, zs->head, n);
	return n;
}

const char *
decompress_error(const struct ls_zstream *zs)
{
	return zs->why[0] != '\0' ? zs->why : NULL;
}
