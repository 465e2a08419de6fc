/* SPDX-License-Identifier: MIT */
/*
 * t_quic.c - the server name of a QUIC client Initial: RFC 9001's key
 * derivation (A.1) and client Initial (A.2), RFC 9369's v2 keys (A.1),
 * Initials sealed here with CRYPTO frames out of order or with a gap, and
 * packets that must give no name.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <gcrypt.h>

#include "quic.h"

/* RFC 9001 Appendix A.2: DCID 8394c8f03e515708, packet number 2, a
 * ClientHello with SNI example.com, padded to 1,200 bytes */
static const char a2_hex[] =
	"c000000001088394c8f03e5157080000449e7b9aec34d1b1c98dd7689fb8ec11"
	"d242b123dc9bd8bab936b47d92ec356c0bab7df5976d27cd449f63300099f399"
	"1c260ec4c60d17b31f8429157bb35a1282a643a8d2262cad67500cadb8e7378c"
	"8eb7539ec4d4905fed1bee1fc8aafba17c750e2c7ace01e6005f80fcb7df6212"
	"30c83711b39343fa028cea7f7fb5ff89eac2308249a02252155e2347b63d58c5"
	"457afd84d05dfffdb20392844ae812154682e9cf012f9021a6f0be17ddd0c208"
	"4dce25ff9b06cde535d0f920a2db1bf362c23e596d11a4f5a6cf3948838a3aec"
	"4e15daf8500a6ef69ec4e3feb6b1d98e610ac8b7ec3faf6ad760b7bad1db4ba3"
	"485e8a94dc250ae3fdb41ed15fb6a8e5eba0fc3dd60bc8e30c5c4287e53805db"
	"059ae0648db2f64264ed5e39be2e20d82df566da8dd5998ccabdae053060ae6c"
	"7b4378e846d29f37ed7b4ea9ec5d82e7961b7f25a9323851f681d582363aa5f8"
	"9937f5a67258bf63ad6f1a0b1d96dbd4faddfcefc5266ba6611722395c906556"
	"be52afe3f565636ad1b17d508b73d8743eeb524be22b3dcbc2c7468d54119c74"
	"68449a13d8e3b95811a198f3491de3e7fe942b330407abf82a4ed7c1b311663a"
	"c69890f4157015853d91e923037c227a33cdd5ec281ca3f79c44546b9d90ca00"
	"f064c99e3dd97911d39fe9c5d0b23a229a234cb36186c4819e8b9c5927726632"
	"291d6a418211cc2962e20fe47feb3edf330f2c603a9d48c0fcb5699dbfe58964"
	"25c5bac4aee82e57a85aaf4e2513e4f05796b07ba2ee47d80506f8d2c25e50fd"
	"14de71e6c418559302f939b0e1abd576f279c4b2e0feb85c1f28ff18f58891ff"
	"ef132eef2fa09346aee33c28eb130ff28f5b766953334113211996d20011a198"
	"e3fc433f9f2541010ae17c1bf202580f6047472fb36857fe843b19f5984009dd"
	"c324044e847a4f4a0ab34f719595de37252d6235365e9b84392b061085349d73"
	"203a4a13e96f5432ec0fd4a1ee65accdd5e3904df54c1da510b0ff20dcc0c77f"
	"cb2c0e0eb605cb0504db87632cf3d8b4dae6e705769d1de354270123cb11450e"
	"fc60ac47683d7b8d0f811365565fd98c4c8eb936bcab8d069fc33bd801b03ade"
	"a2e1fbc5aa463d08ca19896d2bf59a071b851e6c239052172f296bfb5e724047"
	"90a2181014f3b94a4e97d117b438130368cc39dbb2d198065ae3986547926cd2"
	"162f40a29f0c3c8745c0f50fba3852e566d44575c29d39a03f0cda721984b6f4"
	"40591f355e12d439ff150aab7613499dbd49adabc8676eef023b15b65bfc5ca0"
	"6948109f23f350db82123535eb8a7433bdabcb909271a6ecbcb58b936a88cd4e"
	"8f2e6ff5800175f113253d8fa9ca8885c2f552e657dc603f252e1a8e308f76f0"
	"be79e2fb8f5d5fbbe2e30ecadd220723c8c0aea8078cdfcb3868263ff8f09400"
	"54da48781893a7e49ad5aff4af300cd804a6b6279ab3ff3afb64491c85194aab"
	"760d58a606654f9f4400e8b38591356fbf6425aca26dc85244259ff2b19c41b9"
	"f96f3ca9ec1dde434da7d2d392b905ddf3d1f9af93d1af5950bd493f5aa731b4"
	"056df31bd267b6b90a079831aaf579be0a39013137aac6d404f518cfd4684064"
	"7e78bfe706ca4cf5e9c5453e9f7cfd2b8b4c8d169a44e55c88d4a9a7f9474241"
	"e221af44860018ab0856972e194cd934"
	;

static const uint8_t a1_dcid[8] = {
	0x83, 0x94, 0xc8, 0xf0, 0x3e, 0x51, 0x57, 0x08,
};

static size_t
unhex(const char *h, uint8_t *b)
{
	size_t n = strlen(h) / 2;

	for (size_t i = 0; i < n; i++) {
		unsigned v;
		sscanf(h + 2 * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	return n;
}

static size_t
a2(uint8_t *b)
{
	return unhex(a2_hex, b);
}

static void
assert_hex(const uint8_t *got, size_t n, const char *want)
{
	uint8_t w[64];

	assert_int_equal(unhex(want, w), n);
	assert_memory_equal(got, w, n);
}

/* A ClientHello handshake message (no record header) naming sni, with
 * padding extension bytes after it when pad > 0. */
static size_t
hello_msg(uint8_t *b, const char *sni, size_t pad)
{
	size_t o = 0, n = strlen(sni), ext;

	b[o++] = 1; o += 3;			/* ClientHello, length */
	b[o++] = 3; b[o++] = 3;			/* legacy_version */
	memset(b + o, 0xab, 32); o += 32;	/* random */
	b[o++] = 0;				/* session id */
	b[o++] = 0; b[o++] = 2; b[o++] = 0x13; b[o++] = 0x01;
	b[o++] = 1; b[o++] = 0;			/* compression */
	ext = o; o += 2;
	if (pad > 0) {				/* padding (RFC 7685) first */
		b[o++] = 0; b[o++] = 21;
		b[o++] = (uint8_t)(pad >> 8); b[o++] = (uint8_t)pad;
		memset(b + o, 0, pad); o += pad;
	}
	b[o++] = 0; b[o++] = 0;			/* server_name */
	b[o++] = (uint8_t)((n + 5) >> 8); b[o++] = (uint8_t)(n + 5);
	b[o++] = (uint8_t)((n + 3) >> 8); b[o++] = (uint8_t)(n + 3);
	b[o++] = 0;
	b[o++] = (uint8_t)(n >> 8); b[o++] = (uint8_t)n;
	memcpy(b + o, sni, n); o += n;
	b[ext] = (uint8_t)((o - ext - 2) >> 8);
	b[ext + 1] = (uint8_t)(o - ext - 2);
	b[1] = 0; b[2] = (uint8_t)((o - 4) >> 8); b[3] = (uint8_t)(o - 4);
	return o;
}

/* A CRYPTO frame of msg[off, off + len) at f; its length. */
static size_t
crypto_frame(uint8_t *f, const uint8_t *msg, size_t off, size_t len)
{
	size_t o = 0;

	f[o++] = 0x06;
	f[o++] = (uint8_t)(0x40 | off >> 8); f[o++] = (uint8_t)off;
	f[o++] = (uint8_t)(0x40 | len >> 8); f[o++] = (uint8_t)len;
	memcpy(f + o, msg + off, len);
	return o + len;
}

/*
 * Seal frames (padded with PADDING to make a 1,200-byte packet) as a
 * client Initial of version v with DCID a1_dcid and packet number 0,
 * the way a client does (RFC 9001 5.3, 5.4); the packet's length.
 */
static size_t
seal(uint8_t *pkt, uint32_t v, const uint8_t *frames, size_t flen)
{
	struct quic_keys k;
	gcry_cipher_hd_t gcm, ecb;
	size_t o = 0, pn_off, hdr, plen = 1200 - 26 - 16;
	uint8_t mask[16];

	assert_true(quic_client_keys(v, a1_dcid, sizeof(a1_dcid), &k));
	assert_true(flen <= plen);
	pkt[o++] = v == QUIC_V2 ? 0xd3 : 0xc3;	/* Initial, 4-byte number */
	pkt[o++] = (uint8_t)(v >> 24); pkt[o++] = (uint8_t)(v >> 16);
	pkt[o++] = (uint8_t)(v >> 8); pkt[o++] = (uint8_t)v;
	pkt[o++] = sizeof(a1_dcid);
	memcpy(pkt + o, a1_dcid, sizeof(a1_dcid)); o += sizeof(a1_dcid);
	pkt[o++] = 0;				/* SCID */
	pkt[o++] = 0;				/* token */
	pkt[o++] = (uint8_t)(0x40 | (4 + plen + 16) >> 8);
	pkt[o++] = (uint8_t)(4 + plen + 16);
	pn_off = o;
	memset(pkt + o, 0, 4); o += 4;		/* packet number 0 */
	hdr = o;
	memcpy(pkt + o, frames, flen);
	memset(pkt + o + flen, 0, plen - flen);
	assert_int_equal(gcry_cipher_open(&gcm, GCRY_CIPHER_AES128,
	    GCRY_CIPHER_MODE_GCM, 0), 0);
	assert_int_equal(gcry_cipher_setkey(gcm, k.key, 16), 0);
	assert_int_equal(gcry_cipher_setiv(gcm, k.iv, 12), 0);
	assert_int_equal(gcry_cipher_authenticate(gcm, pkt, hdr), 0);
	assert_int_equal(gcry_cipher_encrypt(gcm, pkt + hdr, plen, NULL, 0), 0);
	assert_int_equal(gcry_cipher_gettag(gcm, pkt + hdr + plen, 16), 0);
	gcry_cipher_close(gcm);
	assert_int_equal(gcry_cipher_open(&ecb, GCRY_CIPHER_AES128,
	    GCRY_CIPHER_MODE_ECB, 0), 0);
	assert_int_equal(gcry_cipher_setkey(ecb, k.hp, 16), 0);
	assert_int_equal(gcry_cipher_encrypt(ecb, mask, 16, pkt + pn_off + 4,
	    16), 0);
	gcry_cipher_close(ecb);
	pkt[0] ^= mask[0] & 0x0f;
	for (size_t i = 0; i < 4; i++)
		pkt[pn_off + i] ^= mask[1 + i];
	return hdr + plen + 16;
}

static void
t_rfc9001_a1_client_keys_derive(void **state)
{
	struct quic_keys k;

	(void)state;
	assert_true(quic_client_keys(QUIC_V1, a1_dcid, sizeof(a1_dcid), &k));
	assert_hex(k.key, 16, "1f369613dd76d5467730efcbe3b1a22d");
	assert_hex(k.iv, 12, "fa044b2f42a3fd3b46fb255c");
	assert_hex(k.hp, 16, "9f50449e04a0e810283a1e9933adedd2");
}

static void
t_rfc9369_a1_v2_client_keys_derive(void **state)
{
	struct quic_keys k;

	(void)state;
	assert_true(quic_client_keys(QUIC_V2, a1_dcid, sizeof(a1_dcid), &k));
	assert_hex(k.key, 16, "8b1a0bc121284290a29e0971b5cd045d");
	assert_hex(k.iv, 12, "91f73e2351d8fa91660e909f");
	assert_hex(k.hp, 16, "45b95e15235d6f45a6b19cbcb0294ba9");
}

static void
t_rfc9001_a2_initial_gives_example_com(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	assert_int_equal(n, 1200);
	assert_true(quic_initial_sni(b, n, sni, sizeof(sni)));
	assert_string_equal(sni, "example.com");
}

static void
t_name_is_cut_to_the_buffer(void **state)
{
	uint8_t b[1200];
	char sni[8];

	(void)state;
	assert_true(quic_initial_sni(b, a2(b), sni, sizeof(sni)));
	assert_string_equal(sni, "example");
}

static void
t_flipped_ciphertext_byte_gives_no_sni(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	b[600] ^= 0x01;
	assert_false(quic_initial_sni(b, n, sni, sizeof(sni)));
}

static void
t_cut_initial_gives_no_sni(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	for (size_t len = 0; len < n; len++)
		assert_false(quic_initial_sni(b, len, sni, sizeof(sni)));
}

static void
t_handshake_long_header_gives_no_sni(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	b[0] = (uint8_t)((b[0] & 0xcf) | 0x20);	/* type 2: Handshake */
	assert_false(quic_initial_sni(b, n, sni, sizeof(sni)));
}

static void
t_short_header_gives_no_sni(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	b[0] &= 0x7f;				/* header form 0 */
	assert_false(quic_initial_sni(b, n, sni, sizeof(sni)));
}

static void
t_unknown_version_gives_no_sni(void **state)
{
	uint8_t b[1200];
	char sni[256];
	size_t n = a2(b);

	(void)state;
	b[1] = 0xff; b[2] = 0x00; b[3] = 0x00; b[4] = 0x1d;	/* draft-29 */
	assert_false(quic_initial_sni(b, n, sni, sizeof(sni)));
}

static void
t_crypto_frames_out_of_order_are_put_together(void **state)
{
	uint8_t msg[600], fr[1200], pkt[1200];
	char sni[256];
	size_t m = hello_msg(msg, "www.shuffled.example", 300), o = 0;

	(void)state;
	/* Chrome's way: the hello in pieces, the first piece not first */
	o += crypto_frame(fr + o, msg, 200, m - 200);
	fr[o++] = 0x01;				/* PING */
	o += crypto_frame(fr + o, msg, 0, 120);
	fr[o++] = 0x00;				/* PADDING */
	o += crypto_frame(fr + o, msg, 100, 100);	/* overlaps */
	assert_true(quic_initial_sni(pkt, seal(pkt, QUIC_V1, fr, o), sni,
	    sizeof(sni)));
	assert_string_equal(sni, "www.shuffled.example");
}

static void
t_crypto_data_after_a_gap_gives_no_sni(void **state)
{
	uint8_t msg[600], fr[1200], pkt[1200];
	char sni[256];
	size_t m = hello_msg(msg, "www.gap.example", 300), o = 0;

	(void)state;
	/* bytes 120 to 200 went in another packet: the name is past them */
	o += crypto_frame(fr + o, msg, 200, m - 200);
	o += crypto_frame(fr + o, msg, 0, 120);
	assert_false(quic_initial_sni(pkt, seal(pkt, QUIC_V1, fr, o), sni,
	    sizeof(sni)));
}

static void
t_unknown_frame_ends_the_walk(void **state)
{
	uint8_t msg[600], fr[1200], pkt[1200];
	char sni[256];
	size_t m = hello_msg(msg, "www.stop.example", 0), o = 0;

	(void)state;
	fr[o++] = 0x1c; fr[o++] = 0; fr[o++] = 0; fr[o++] = 0;	/* CLOSE */
	o += crypto_frame(fr + o, msg, 0, m);
	assert_false(quic_initial_sni(pkt, seal(pkt, QUIC_V1, fr, o), sni,
	    sizeof(sni)));
}

static void
t_quic_v2_initial_gives_its_name(void **state)
{
	uint8_t msg[600], fr[1200], pkt[1200];
	char sni[256];
	size_t m = hello_msg(msg, "v2.example", 0);
	size_t o = crypto_frame(fr, msg, 0, m);

	(void)state;
	assert_true(quic_initial_sni(pkt, seal(pkt, QUIC_V2, fr, o), sni,
	    sizeof(sni)));
	assert_string_equal(sni, "v2.example");
}

static void
t_v1_packet_under_the_v2_version_gives_no_sni(void **state)
{
	uint8_t msg[600], fr[1200], pkt[1200];
	char sni[256];
	size_t m = hello_msg(msg, "v1.example", 0);
	size_t o = crypto_frame(fr, msg, 0, m), n = seal(pkt, QUIC_V1, fr, o);

	(void)state;
	/* v1's Initial type bits under v2's number are a 0-RTT packet */
	pkt[1] = 0x6b; pkt[2] = 0x33; pkt[3] = 0x43; pkt[4] = 0xcf;
	assert_false(quic_initial_sni(pkt, n, sni, sizeof(sni)));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_rfc9001_a1_client_keys_derive),
		cmocka_unit_test(t_rfc9369_a1_v2_client_keys_derive),
		cmocka_unit_test(t_rfc9001_a2_initial_gives_example_com),
		cmocka_unit_test(t_name_is_cut_to_the_buffer),
		cmocka_unit_test(t_flipped_ciphertext_byte_gives_no_sni),
		cmocka_unit_test(t_cut_initial_gives_no_sni),
		cmocka_unit_test(t_handshake_long_header_gives_no_sni),
		cmocka_unit_test(t_short_header_gives_no_sni),
		cmocka_unit_test(t_unknown_version_gives_no_sni),
		cmocka_unit_test(t_crypto_frames_out_of_order_are_put_together),
		cmocka_unit_test(t_crypto_data_after_a_gap_gives_no_sni),
		cmocka_unit_test(t_unknown_frame_ends_the_walk),
		cmocka_unit_test(t_quic_v2_initial_gives_its_name),
		cmocka_unit_test(t_v1_packet_under_the_v2_version_gives_no_sni),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
