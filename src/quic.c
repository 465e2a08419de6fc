/* SPDX-License-Identifier: MIT */
/*
 * quic.c - the server name of a QUIC client Initial; see quic.h.
 *
 * The Initial secret is HKDF-Extract(salt, DCID) with SHA-256; the
 * client's secret, key, IV and header protection key come from
 * HKDF-Expand-Label (RFC 8446 7.1) of it (RFC 9001 5.2, RFC 9369 3.3.1).
 * Header protection is removed with AES-128-ECB of the 16-byte sample
 * four bytes after the packet number's start (RFC 9001 5.4); the payload
 * is AES-128-GCM with the header as its associated data and the IV XOR
 * the packet number as its nonce (5.3).  A tag that does not match is no
 * name.  Then the frames: PADDING, PING, ACK and CRYPTO are walked, and
 * anything else ends the walk; CRYPTO data is put together from offset 0
 * for as far as it runs on within this packet, in whatever order its
 * frames came (Chrome sends a ClientHello in several, shuffled).
 *
 * libgcrypt's handles are opened on the first call and kept; each packet
 * only sets keys.  Every byte of the packet is read through the cursor;
 * the decrypted copy is walked through one as well.
 */
#include <string.h>

#include <gcrypt.h>

#include "cursor.h"
#include "quic.h"
#include "tls.h"

#define QUIC_PKT_MAX	65536	/* a UDP payload */
#define CRYPTO_MAX	4096	/* the CRYPTO data put together */
#define CRYPTO_FRAMES	32	/* CRYPTO frames remembered of a packet */
#define AEAD_TAG	16

static const uint8_t salt_v1[20] = {
	0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17,
	0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a,
};
static const uint8_t salt_v2[20] = {
	0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93,
	0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9,
};

static struct {
	bool		 tried, ok;
	gcry_md_hd_t	 hmac;		/* keyed per secret */
	gcry_md_hd_t	 extract[2];	/* keyed with v1's, v2's salt */
	gcry_cipher_hd_t ecb, gcm;
	uint8_t		 pkt[QUIC_PKT_MAX];
	uint8_t		 crypto[CRYPTO_MAX];
} q;

static bool
quic_init(void)
{
	if (q.tried)
		return q.ok;
	q.tried = true;
	if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
		gcry_check_version(NULL);
		gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
		gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
	}
	/* HMAC with a key set once: each use is a reset, the pads kept */
	if (gcry_md_open(&q.hmac, GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC) != 0 ||
	    gcry_md_open(&q.extract[0], GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC) ||
	    gcry_md_open(&q.extract[1], GCRY_MD_SHA256, GCRY_MD_FLAG_HMAC) ||
	    gcry_md_setkey(q.extract[0], salt_v1, sizeof(salt_v1)) != 0 ||
	    gcry_md_setkey(q.extract[1], salt_v2, sizeof(salt_v2)) != 0)
		return false;
	if (gcry_cipher_open(&q.ecb, GCRY_CIPHER_AES128, GCRY_CIPHER_MODE_ECB,
	    0) != 0 || gcry_cipher_open(&q.gcm, GCRY_CIPHER_AES128,
	    GCRY_CIPHER_MODE_GCM, 0) != 0)
		return false;
	q.ok = true;
	return true;
}

/* HMAC-SHA256 of data with h's key (set before) into out[32]. */
static bool
hmac(gcry_md_hd_t h, const void *data, size_t len, uint8_t out[32])
{
	gcry_md_reset(h);
	gcry_md_write(h, data, len);
	const unsigned char *d = gcry_md_read(h, GCRY_MD_SHA256);
	if (d == NULL)
		return false;
	memcpy(out, d, 32);
	return true;
}

/* HKDF-Expand-Label(secret, label, "", len) for len <= 32: one block,
 * with q.hmac keyed with the secret. */
static bool
expand_label(const char *label, uint8_t *out, size_t len)
{
	uint8_t info[2 + 1 + 6 + 20 + 1 + 1], t[32];
	size_t ll = strlen(label), n = 0;

	info[n++] = 0;
	info[n++] = (uint8_t)len;
	info[n++] = (uint8_t)(6 + ll);
	memcpy(info + n, "tls13 ", 6);
	n += 6;
	memcpy(info + n, label, ll);
	n += ll;
	info[n++] = 0;			/* empty context */
	info[n++] = 1;			/* the counter of block T(1) */
	if (!hmac(q.hmac, info, n, t))
		return false;
	memcpy(out, t, len);
	return true;
}

bool
quic_client_keys(uint32_t v, const uint8_t *dcid, size_t dcid_len,
    struct quic_keys *out)
{
	uint8_t initial[32], client[32];
	bool v2 = v == QUIC_V2;

	if ((v != QUIC_V1 && !v2) || !quic_init() || dcid_len > QUIC_CID_MAX)
		return false;
	return hmac(q.extract[v2], dcid, dcid_len, initial) &&
	    gcry_md_setkey(q.hmac, initial, sizeof(initial)) == 0 &&
	    expand_label("client in", client, 32) &&
	    gcry_md_setkey(q.hmac, client, sizeof(client)) == 0 &&
	    expand_label(v2 ? "quicv2 key" : "quic key", out->key, 16) &&
	    expand_label(v2 ? "quicv2 iv" : "quic iv", out->iv, 12) &&
	    expand_label(v2 ? "quicv2 hp" : "quic hp", out->hp, 16);
}

/* A variable-length integer (RFC 9000 16). */
static uint64_t
cur_varint(struct ls_cursor *c)
{
	uint8_t b = cur_u8(c);
	uint64_t v = b & 0x3f;
	unsigned n = (1u << (b >> 6)) - 1;

	while (n-- > 0)
		v = v << 8 | cur_u8(c);
	return v;
}

/* Skip a run of zero bytes (PADDING frames), eight at a time. */
static void
skip_zeros(struct ls_cursor *c)
{
	uint64_t w;
	uint8_t b;

	while (cur_remaining(c) >= 8) {
		struct ls_cursor t = *c;
		if (!cur_bytes(&t, &w, 8) || w != 0)
			break;
		*c = t;
	}
	while (cur_peek_u8(c, 0, &b) && b == 0)
		cur_skip(c, 1);
}

struct crypto_frag {
	uint64_t	 off;
	uint64_t	 len;
	const uint8_t	*data;
};

/* Put the CRYPTO fragments together from offset 0 as far as they run on;
 * the length put together. */
static size_t
reassemble(const struct crypto_frag *fr, size_t nfr)
{
	size_t have = 0;
	bool grew = true;

	while (grew && have < CRYPTO_MAX) {
		grew = false;
		for (size_t i = 0; i < nfr; i++) {
			if (fr[i].off > have || fr[i].off + fr[i].len <= have)
				continue;
			size_t from = (size_t)(have - fr[i].off);
			size_t n = (size_t)(fr[i].len - from);
			if (n > CRYPTO_MAX - have)
				n = CRYPTO_MAX - have;
			memcpy(q.crypto + have, fr[i].data + from, n);
			have += n;
			grew = true;
		}
	}
	return have;
}

/* Walk the frames of a decrypted Initial; the CRYPTO data from 0. */
static size_t
walk_frames(struct ls_cursor *c)
{
	struct crypto_frag fr[CRYPTO_FRAMES];
	size_t nfr = 0;

	while (cur_ok(c) && cur_remaining(c) > 0) {
		uint64_t type = cur_varint(c), k;
		switch (type) {
		case 0x00:		/* PADDING: a run of them at once */
			skip_zeros(c);
			continue;
		case 0x01:		/* PING */
			continue;
		case 0x02:		/* ACK */
		case 0x03:		/* ACK with ECN counts */
			cur_varint(c);			/* largest */
			cur_varint(c);			/* delay */
			k = cur_varint(c);		/* range count */
			cur_varint(c);			/* first range */
			while (cur_ok(c) && k-- > 0) {
				cur_varint(c);		/* gap */
				cur_varint(c);		/* range length */
			}
			if (type == 0x03) {
				cur_varint(c);
				cur_varint(c);
				cur_varint(c);
			}
			continue;
		case 0x06: {		/* CRYPTO */
			uint64_t off = cur_varint(c), len = cur_varint(c);
			const uint8_t *data = c->p;
			if (!cur_ok(c) || len > cur_remaining(c))
				break;
			cur_skip(c, (size_t)len);
			if (nfr < CRYPTO_FRAMES && len > 0 && off < CRYPTO_MAX)
				fr[nfr++] = (struct crypto_frag){ off, len,
				    data };
			continue;
		}
		default:
			break;
		}
		break;
	}
	return reassemble(fr, nfr);
}

/*
 * Copy the Initial at c into q.pkt, remove its header protection and
 * decrypt it; the plaintext's length into *plen, its start in q.pkt
 * into *poff.
 */
static bool
decrypt_initial(struct ls_cursor *c, size_t *poff, size_t *plen)
{
	const uint8_t *start = c->p;
	uint8_t b0 = cur_u8(c), dcid[QUIC_CID_MAX], scid_len, dcid_len;
	uint32_t v = cur_be32(c);
	struct quic_keys k;

	if (!cur_ok(c) || (b0 & 0xc0) != 0xc0)
		return false;
	/* the Initial type is 0 in v1 and 1 in v2 (RFC 9369 3.2) */
	if (!((v == QUIC_V1 && ((b0 >> 4) & 3) == 0) ||
	    (v == QUIC_V2 && ((b0 >> 4) & 3) == 1)))
		return false;
	dcid_len = cur_u8(c);
	if (dcid_len > QUIC_CID_MAX || !cur_bytes(c, dcid, dcid_len))
		return false;
	scid_len = cur_u8(c);
	if (scid_len > QUIC_CID_MAX || !cur_skip(c, scid_len))
		return false;
	uint64_t token = cur_varint(c);
	if (!cur_ok(c) || token > cur_remaining(c) ||
	    !cur_skip(c, (size_t)token))
		return false;
	uint64_t length = cur_varint(c);
	size_t pn_off = (size_t)(c->p - start);
	/* the packet number (1 to 4 bytes) and the 16-byte sample 4 bytes
	 * after its start, which leaves room for the tag */
	if (!cur_ok(c) || length > cur_remaining(c) || length < 4 + 16)
		return false;
	size_t total = pn_off + (size_t)length;
	struct ls_cursor whole = cur_init(start, total);
	if (total > sizeof(q.pkt) || !cur_bytes(&whole, q.pkt, total))
		return false;
	if (!quic_client_keys(v, dcid, dcid_len, &k))
		return false;

	uint8_t mask[16];
	if (gcry_cipher_setkey(q.ecb, k.hp, sizeof(k.hp)) != 0 ||
	    gcry_cipher_encrypt(q.ecb, mask, sizeof(mask), q.pkt + pn_off + 4,
	    16) != 0)
		return false;
	q.pkt[0] ^= mask[0] & 0x0f;
	size_t pn_len = (q.pkt[0] & 3) + 1;
	uint64_t pn = 0;
	for (size_t i = 0; i < pn_len; i++) {
		q.pkt[pn_off + i] ^= mask[1 + i];
		pn = pn << 8 | q.pkt[pn_off + i];
	}
	/* a client's first Initial: the truncated number is the number
	 * (RFC 9000 A.3 with no packet received yet) */
	uint8_t nonce[12];
	memcpy(nonce, k.iv, sizeof(nonce));
	for (size_t i = 0; i < 8; i++)
		nonce[11 - i] ^= (uint8_t)(pn >> (8 * i));

	size_t hdr = pn_off + pn_len;
	size_t ct = total - hdr - AEAD_TAG;
	if (gcry_cipher_setkey(q.gcm, k.key, sizeof(k.key)) != 0 ||
	    gcry_cipher_setiv(q.gcm, nonce, sizeof(nonce)) != 0 ||
	    gcry_cipher_authenticate(q.gcm, q.pkt, hdr) != 0 ||
	    gcry_cipher_decrypt(q.gcm, q.pkt + hdr, ct, NULL, 0) != 0 ||
	    gcry_cipher_checktag(q.gcm, q.pkt + hdr + ct, AEAD_TAG) != 0)
		return false;
	*poff = hdr;
	*plen = ct;
	return true;
}

bool
quic_frames_sni(const uint8_t *frames, size_t len, char *sni, size_t size)
{
	struct ls_cursor f = cur_init(frames, len);
	size_t have = walk_frames(&f);
	struct ls_tls t;

	if (size == 0 || have == 0 || !tls_hello_message(q.crypto, have, &t) ||
	    !t.has_sni)
		return false;
	size_t m = t.sni_len < size - 1 ? t.sni_len : size - 1;
	memcpy(sni, t.sni, m);
	sni[m] = '\0';
	return true;
}

bool
quic_initial_sni(const uint8_t *p, size_t len, char *sni, size_t size)
{
	struct ls_cursor c = cur_init(p, len);
	size_t off, n;

	if (size == 0 || !quic_init() || !decrypt_initial(&c, &off, &n))
		return false;
	return quic_frames_sni(q.pkt + off, n, sni, size);
}
