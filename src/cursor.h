/* SPDX-License-Identifier: MIT */
/*
 * cursor.h - the one way to read packet bytes.
 *
 * Every byte leaksniff reads from a packet goes through a struct ls_cursor.
 * A read past the captured end returns 0 and sets a sticky short_read flag;
 * decoders check the flag once at the end of a header instead of after every
 * field (tcpdump's GET_* guarantee, without longjmp).  Nothing here allocates
 * and nothing here can read outside [p, p + left).
 */
#ifndef CURSOR_H
#define CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct ls_cursor {
	const uint8_t	*base;		/* start of the buffer, for offsets */
	const uint8_t	*p;		/* next unread byte */
	size_t		 left;		/* captured bytes remaining */
	bool		 short_read;	/* sticky: some read ran past the end */
};

static inline struct ls_cursor
cur_init(const uint8_t *buf, size_t len)
{
	struct ls_cursor c = { buf, buf, buf == NULL ? 0 : len, false };
	return c;
}

/* Offset of the next unread byte from the start of the buffer. */
static inline size_t
cur_offset(const struct ls_cursor *c)
{
	return (size_t)(c->p - c->base);
}

static inline size_t
cur_remaining(const struct ls_cursor *c)
{
	return c->left;
}

static inline bool
cur_ok(const struct ls_cursor *c)
{
	return !c->short_read;
}

static inline void
cur_fail(struct ls_cursor *c)
{
	c->short_read = true;
	c->p += c->left;
	c->left = 0;
}

static inline uint8_t
cur_u8(struct ls_cursor *c)
{
	if (c->left < 1) {
		cur_fail(c);
		return 0;
	}
	uint8_t v = c->p[0];
	c->p++;
	c->left--;
	return v;
}

static inline uint16_t
cur_be16(struct ls_cursor *c)
{
	if (c->left < 2) {
		cur_fail(c);
		return 0;
	}
	uint16_t v = (uint16_t)((unsigned)c->p[0] << 8 | c->p[1]);
	c->p += 2;
	c->left -= 2;
	return v;
}

static inline uint32_t
cur_be32(struct ls_cursor *c)
{
	if (c->left < 4) {
		cur_fail(c);
		return 0;
	}
	uint32_t v = (uint32_t)c->p[0] << 24 | (uint32_t)c->p[1] << 16 |
	    (uint32_t)c->p[2] << 8 | c->p[3];
	c->p += 4;
	c->left -= 4;
	return v;
}

/* Little-endian 32 bits: BSD NULL/loopback headers, WireGuard types. */
static inline uint32_t
cur_le32(struct ls_cursor *c)
{
	if (c->left < 4) {
		cur_fail(c);
		return 0;
	}
	uint32_t v = (uint32_t)c->p[3] << 24 | (uint32_t)c->p[2] << 16 |
	    (uint32_t)c->p[1] << 8 | c->p[0];
	c->p += 4;
	c->left -= 4;
	return v;
}

/* Skip n bytes; on a short buffer skip to the end and set the flag. */
static inline bool
cur_skip(struct ls_cursor *c, size_t n)
{
	if (c->left < n) {
		cur_fail(c);
		return false;
	}
	c->p += n;
	c->left -= n;
	return true;
}

/* Copy n bytes out; on a short buffer copy nothing, zero dst, set the flag. */
static inline bool
cur_bytes(struct ls_cursor *c, void *dst, size_t n)
{
	if (c->left < n) {
		memset(dst, 0, n);
		cur_fail(c);
		return false;
	}
	memcpy(dst, c->p, n);
	c->p += n;
	c->left -= n;
	return true;
}

/* Look at the byte at offset off from the cursor without consuming it. */
static inline bool
cur_peek_u8(const struct ls_cursor *c, size_t off, uint8_t *v)
{
	if (off >= c->left)
		return false;
	*v = c->p[off];
	return true;
}

/*
 * A child cursor over the next `claimed` bytes a header says follow.  When
 * fewer were captured the child holds what there is and *truncated is set;
 * the parent advances past what the child covers either way.
 */
static inline struct ls_cursor
cur_sub(struct ls_cursor *c, size_t claimed, bool *truncated)
{
	size_t n = claimed <= c->left ? claimed : c->left;
	struct ls_cursor sub = { c->base, c->p, n, false };

	*truncated = n < claimed;
	c->p += n;
	c->left -= n;
	return sub;
}

/* Shrink the cursor to at most n remaining bytes (a trailer, padding). */
static inline void
cur_limit(struct ls_cursor *c, size_t n)
{
	if (n < c->left)
		c->left = n;
}

/* Re-seat at absolute offset off of the same buffer of total length len. */
static inline bool
cur_seek(struct ls_cursor *c, size_t off, size_t len)
{
	if (off > len) {
		cur_fail(c);
		return false;
	}
	c->p = c->base + off;
	c->left = len - off;
	return true;
}

#endif /* CURSOR_H */
