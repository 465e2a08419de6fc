/* SPDX-License-Identifier: MIT */
/*
 * tls.c - ClientHello and QUIC Initial recognition; see tls.h.
 *
 * Every byte is read through the cursor.  Lengths inside the hello are
 * checked against what encloses them; a hello cut by the end of the
 * segment is still a hello, and the walk stops where the bytes stop.
 */
#include <string.h>

#include "cursor.h"
#include "tls.h"

#define TLS_HANDSHAKE		22
#define TLS_CLIENT_HELLO	1
#define TLS_EXT_SERVER_NAME	0

static void
read_sni(struct ls_cursor *ext, struct ls_tls *out)
{
	uint16_t list = cur_be16(ext);
	struct ls_cursor l = cur_init(ext->p, list <= cur_remaining(ext) ?
	    list : cur_remaining(ext));

	while (cur_ok(&l) && cur_remaining(&l) >= 3) {
		uint8_t type = cur_u8(&l);
		uint16_t n = cur_be16(&l);
		if (type != 0 || n == 0 || n > cur_remaining(&l)) {
			if (!cur_skip(&l, n))
				return;
			continue;
		}
		if (n > TLS_SNI_MAX)
			n = TLS_SNI_MAX;
		cur_bytes(&l, out->sni, n);
		out->sni[n] = '\0';
		out->sni_len = n;
		out->has_sni = true;
		return;
	}
}

/*
 * The ClientHello handshake message at c, of at most lim bytes (what the
 * record holds, or any length when it came without one): from its
 * legacy_version on, a short read is a hello cut by the segment.
 */
static bool
read_hello(struct ls_cursor *c, uint32_t lim, struct ls_tls *out)
{
	uint16_t ver, n;
	uint32_t hs_len;

	if (cur_u8(c) != TLS_CLIENT_HELLO)
		return false;
	hs_len = (uint32_t)cur_u8(c) << 16;
	hs_len |= cur_be16(c);
	ver = cur_be16(c);
	if (!cur_ok(c) || hs_len + 4 > lim || hs_len < 38 ||
	    (ver >> 8) != 3 || (ver & 0xff) > 4)
		return false;
	out->version = ver;
	cur_skip(c, 32);			/* random */
	cur_skip(c, cur_u8(c));			/* legacy_session_id */
	cur_skip(c, cur_be16(c));		/* cipher_suites */
	cur_skip(c, cur_u8(c));			/* legacy_compression_methods */
	n = cur_be16(c);			/* extensions */
	if (!cur_ok(c))
		return true;
	struct ls_cursor x = cur_init(c->p, n <= cur_remaining(c) ? n :
	    cur_remaining(c));
	while (cur_ok(&x) && cur_remaining(&x) >= 4) {
		uint16_t type = cur_be16(&x), elen = cur_be16(&x);
		if (type == TLS_EXT_SERVER_NAME && !out->has_sni) {
			struct ls_cursor e = cur_init(x.p, elen <=
			    cur_remaining(&x) ? elen : cur_remaining(&x));
			read_sni(&e, out);
		}
		if (!cur_skip(&x, elen))
			break;
	}
	out->complete = cur_ok(&x) && n <= cur_remaining(c);
	return true;
}

bool
tls_client_hello(const uint8_t *p, size_t len, struct ls_tls *out)
{
	struct ls_cursor c = cur_init(p, len);
	uint16_t rec_ver, rec_len;

	memset(out, 0, sizeof(*out));
	if (cur_u8(&c) != TLS_HANDSHAKE)
		return false;
	rec_ver = cur_be16(&c);
	rec_len = cur_be16(&c);
	if (!cur_ok(&c) || (rec_ver >> 8) != 3 || (rec_ver & 0xff) > 4 ||
	    rec_len < 4 || rec_len > 16384 + 256)
		return false;
	return read_hello(&c, rec_len, out);
}

bool
tls_hello_message(const uint8_t *p, size_t len, struct ls_tls *out)
{
	struct ls_cursor c = cur_init(p, len);

	memset(out, 0, sizeof(*out));
	return read_hello(&c, UINT32_C(1) << 24 | 3, out);
}

bool
quic_initial(const uint8_t *p, size_t len)
{
	struct ls_cursor c = cur_init(p, len);
	uint8_t b0 = cur_u8(&c);
	uint32_t ver = cur_be32(&c);
	uint8_t dcid = cur_u8(&c);

	if (!cur_ok(&c) || len < 1200 || (b0 & 0xc0) != 0xc0 || dcid > 20)
		return false;
	/* the Initial type is 0 in v1 and 1 in v2 (RFC 9369 3.2) */
	if (ver == 0x00000001)
		return ((b0 >> 4) & 3) == 0;
	if (ver == 0x6b3343cf)
		return ((b0 >> 4) & 3) == 1;
	return false;
}
