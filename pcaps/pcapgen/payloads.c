/* SPDX-License-Identifier: MIT */
/*
 * payloads.c - the payload bytes pcapgen puts in its frames: DNS queries
 * and answers (with EDNS), STUN bindings, HTTP requests and responses, a
 * TLS ClientHello, a QUIC Initial, WireGuard handshake and data messages,
 * OpenVPN control and data packets, DHCP, SMB2 NEGOTIATE, and seeded
 * random bytes that look encrypted.  Each builder writes into the caller's
 * buffer and returns the length; none knows about frames or files.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pcapgen.h"

static size_t
put_name(uint8_t *b, const char *name)
{
	size_t o = 0;

	while (*name != '\0') {
		const char *dot = strchr(name, '.');
		size_t n = dot != NULL ? (size_t)(dot - name) : strlen(name);
		b[o++] = (uint8_t)n;
		memcpy(b + o, name, n);
		o += n;
		name += n + (dot != NULL);
	}
	b[o++] = 0;
	return o;
}

size_t
pl_dns_query(uint8_t *b, uint16_t id, const char *name, uint16_t qtype)
{
	size_t o;

	b[0] = (uint8_t)(id >> 8); b[1] = (uint8_t)id;
	b[2] = 0x01; b[3] = 0x00;		/* RD */
	b[4] = 0; b[5] = 1;			/* QDCOUNT */
	memset(b + 6, 0, 6);
	o = 12 + put_name(b + 12, name);
	b[o++] = (uint8_t)(qtype >> 8); b[o++] = (uint8_t)qtype;
	b[o++] = 0; b[o++] = 1;			/* IN */
	return o;
}

/* A response echoing the question, with one A or AAAA answer or none. */
size_t
pl_dns_response(uint8_t *b, uint16_t id, const char *name, uint16_t qtype,
    const char *answer)
{
	size_t o = pl_dns_query(b, id, name, qtype);
	uint8_t a[16];
	bool v6;

	b[2] = 0x81; b[3] = 0x80;		/* QR RD RA, NOERROR */
	if (answer == NULL)
		return o;			/* NODATA */
	v6 = strchr(answer, ':') != NULL;
	b[7] = 1;				/* ANCOUNT */
	b[o++] = 0xc0; b[o++] = 12;		/* pointer to the question */
	b[o++] = 0; b[o++] = v6 ? 28 : 1;
	b[o++] = 0; b[o++] = 1;
	b[o++] = 0; b[o++] = 0; b[o++] = 0x0e; b[o++] = 0x10;	/* TTL 3600 */
	b[o++] = 0; b[o++] = v6 ? 16 : 4;
	inet_pton(v6 ? AF_INET6 : AF_INET, answer, a);
	memcpy(b + o, a, v6 ? 16 : 4);
	return o + (v6 ? 16 : 4);
}

/* Append an EDNS(0) OPT record (RFC 6891 6.1.2): 1232-byte UDP size. */
size_t
pl_dns_add_opt(uint8_t *b, size_t n)
{
	static const uint8_t opt[11] = { 0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0,
	    0, 0 };

	memcpy(b + n, opt, sizeof(opt));
	b[11]++;				/* ARCOUNT */
	return n + sizeof(opt);
}

static void
stun_header(uint8_t *b, uint16_t type, uint16_t len, uint8_t seed)
{
	b[0] = (uint8_t)(type >> 8); b[1] = (uint8_t)type;
	b[2] = (uint8_t)(len >> 8); b[3] = (uint8_t)len;
	b[4] = 0x21; b[5] = 0x12; b[6] = 0xa4; b[7] = 0x42;
	for (int i = 0; i < 12; i++)
		b[8 + i] = (uint8_t)(seed * 7 + i * 13);
}

size_t
pl_stun_request(uint8_t *b, uint8_t seed)
{
	static const char sw[] = "leaksniff-test";	/* 14 bytes, pad 2 */

	stun_header(b, 0x0001, 20, seed);
	b[20] = 0x80; b[21] = 0x22; b[22] = 0; b[23] = 14;
	memcpy(b + 24, sw, 14);
	b[38] = b[39] = 0;
	return 40;
}

size_t
pl_stun_response(uint8_t *b, uint8_t seed, const char *mapped, uint16_t port)
{
	bool v6 = strchr(mapped, ':') != NULL;
	uint8_t a[16];
	size_t alen = v6 ? 16 : 4;

	stun_header(b, 0x0101, (uint16_t)(4 + 4 + alen), seed);
	b[20] = 0x00; b[21] = 0x20;			/* XOR-MAPPED-ADDRESS */
	b[22] = 0; b[23] = (uint8_t)(4 + alen);
	b[24] = 0; b[25] = v6 ? 2 : 1;
	b[26] = (uint8_t)((port >> 8) ^ 0x21);
	b[27] = (uint8_t)((port & 0xff) ^ 0x12);
	inet_pton(v6 ? AF_INET6 : AF_INET, mapped, a);
	for (size_t i = 0; i < alen; i++)
		b[28 + i] = a[i] ^ b[4 + i];	/* cookie, then transaction id */
	return 28 + alen;
}

size_t
pl_http_get(uint8_t *b, const char *host, const char *path)
{
	return (size_t)sprintf((char *)b, "GET %s HTTP/1.1\r\nHost: %s\r\n"
	    "User-Agent: leaksniff-test/1.0\r\nAccept: */*\r\n\r\n", path, host);
}

size_t
pl_http_ok(uint8_t *b)
{
	return (size_t)sprintf((char *)b, "HTTP/1.1 200 OK\r\nContent-Type: "
	    "text/html\r\nContent-Length: 13\r\n\r\n<p>hello</p>\n");
}

/*
 * A TLS 1.2 record with a TLS 1.3-style ClientHello (RFC 8446 4.1.2) and,
 * unless sni is NULL, a server_name extension (RFC 6066 3).
 */
size_t
pl_tls_client_hello(uint8_t *b, const char *sni)
{
	size_t n = sni != NULL ? strlen(sni) : 0, o = 0, hs, ext;
	static const uint8_t suites[] = { 0x13, 0x01, 0x13, 0x02, 0xc0, 0x2f,
	    0xc0, 0x30 };

	b[o++] = 0x16; b[o++] = 0x03; b[o++] = 0x01; o += 2;	/* record */
	hs = o;
	b[o++] = 0x01; o += 3;					/* ClientHello */
	b[o++] = 0x03; b[o++] = 0x03;
	for (int i = 0; i < 32; i++)
		b[o++] = (uint8_t)(i * 29 + 3);			/* random */
	b[o++] = 0;						/* session id */
	b[o++] = 0; b[o++] = sizeof(suites);
	memcpy(b + o, suites, sizeof(suites));
	o += sizeof(suites);
	b[o++] = 1; b[o++] = 0;					/* null compr. */
	ext = o;
	o += 2;
	if (sni != NULL) {			/* server_name */
		b[o++] = 0; b[o++] = 0;
		b[o++] = (uint8_t)((n + 5) >> 8); b[o++] = (uint8_t)(n + 5);
		b[o++] = (uint8_t)((n + 3) >> 8); b[o++] = (uint8_t)(n + 3);
		b[o++] = 0;
		b[o++] = (uint8_t)(n >> 8); b[o++] = (uint8_t)n;
		memcpy(b + o, sni, n);
		o += n;
	}
	/* supported_versions: TLS 1.3, 1.2 */
	b[o++] = 0; b[o++] = 0x2b; b[o++] = 0; b[o++] = 5; b[o++] = 4;
	b[o++] = 3; b[o++] = 4; b[o++] = 3; b[o++] = 3;
	/* supported_groups: x25519 */
	b[o++] = 0; b[o++] = 0x0a; b[o++] = 0; b[o++] = 4; b[o++] = 0;
	b[o++] = 2; b[o++] = 0; b[o++] = 0x1d;
	b[ext] = (uint8_t)((o - ext - 2) >> 8);
	b[ext + 1] = (uint8_t)(o - ext - 2);
	size_t hl = o - hs - 4;
	b[hs + 1] = (uint8_t)(hl >> 16);
	b[hs + 2] = (uint8_t)(hl >> 8);
	b[hs + 3] = (uint8_t)hl;
	b[3] = (uint8_t)((o - 5) >> 8);
	b[4] = (uint8_t)(o - 5);
	return o;
}

static uint8_t
prng(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return (uint8_t)(*s >> 16);
}

/* Bytes that look encrypted, the same for the same seed. */
size_t
pl_random(uint8_t *b, size_t len, uint32_t seed)
{
	uint32_t s = seed;

	for (size_t i = 0; i < len; i++)
		b[i] = prng(&s);
	return len;
}

static void
put_le32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v; b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16); b[3] = (uint8_t)(v >> 24);
}

static void
put_be32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)(v >> 24); b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8); b[3] = (uint8_t)v;
}

/*
 * WireGuard messages (whitepaper 5.4, little-endian indices):
 *
 *   initiation (148)  1 | 0 0 0 | sender | ephemeral 32 | static 48 |
 *                     timestamp 28 | mac1 16 | mac2 16
 *   response (92)     2 | 0 0 0 | sender | receiver | ephemeral 32 |
 *                     empty 16 | mac1 16 | mac2 16
 *   data (32 + 16n)   4 | 0 0 0 | receiver | counter (8) | packet + tag 16
 *
 * nDPI pairs the indices: the response's receiver is the initiation's
 * sender, and each side's data carries the other side's index.
 */
/* An initiation (type 1, 148 bytes) from sender index `sender'. */
size_t
pl_wg_init_idx(uint8_t *b, uint32_t sender, uint32_t seed)
{
	pl_random(b, 148, seed);
	put_le32(b, 1);
	put_le32(b + 4, sender);
	return 148;
}

size_t
pl_wg_init(uint8_t *b)
{
	return pl_wg_init_idx(b, WG_IDX_CLIENT, 7);
}

/* A response (type 2, 92 bytes): its sender and the initiator's index. */
size_t
pl_wg_resp_idx(uint8_t *b, uint32_t sender, uint32_t receiver, uint32_t seed)
{
	pl_random(b, 92, seed);
	put_le32(b, 2);
	put_le32(b + 4, sender);
	put_le32(b + 8, receiver);
	return 92;
}

size_t
pl_wg_resp(uint8_t *b)
{
	return pl_wg_resp_idx(b, WG_IDX_SERVER, WG_IDX_CLIENT, 8);
}

/* inner: the padded inner packet's length, a multiple of 16; 0 is a
 * keepalive. */
size_t
pl_wg_data_idx(uint8_t *b, uint32_t receiver, uint64_t counter, size_t inner,
    uint32_t seed)
{
	size_t len = 32 + (inner + 15) / 16 * 16;

	pl_random(b, len, seed);
	put_le32(b, 4);
	put_le32(b + 4, receiver);
	put_le32(b + 8, (uint32_t)counter);
	put_le32(b + 12, (uint32_t)(counter >> 32));
	return len;
}

size_t
pl_wg_data(uint8_t *b, int to_server, uint64_t counter, size_t inner,
    uint32_t seed)
{
	return pl_wg_data_idx(b, to_server ? WG_IDX_SERVER : WG_IDX_CLIENT,
	    counter, inner, seed);
}

/*
 * OpenVPN control packets with tls-auth (openvpn/src/openvpn/ssl_pkt.h,
 * reliable.c), HMAC-SHA1:
 *
 *   opcode << 3 | key id (1) | session id (8) | HMAC (20) |
 *   replay packet id (4) | time (4) | ack count (1) |
 *   [acked ids (4 each) | remote session id (8)] | message id (4) | TLS
 *
 * P_ACK_V1 has no message id.  nDPI 4.2 finds the replay id 1 at offset
 * 29 in the hard resets and the client's session id echoed in the
 * server's.  Over TCP each packet is prefixed with its 2-byte length.
 */
static const uint8_t ovpn_sid[2][2][8] = {
	{ { 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7 },	/* client */
	  { 0xb0, 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7 } },	/* server */
	/* the session of a restarted client */
	{ { 0xc0, 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7 },
	  { 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7 } },
};

size_t
pl_ovpn_ctl(uint8_t *b, uint8_t opcode, int server, uint32_t replay_id,
    int ack, int msg_id, const uint8_t *data, size_t n, int tcp)
{
	return pl_ovpn_ctl_sess(b, 0, opcode, server, replay_id, ack, msg_id,
	    data, n, tcp);
}

/* The same in session `sess' (0 or 1: a restarted client's). */
size_t
pl_ovpn_ctl_sess(uint8_t *b, int sess, uint8_t opcode, int server,
    uint32_t replay_id, int ack, int msg_id, const uint8_t *data, size_t n,
    int tcp)
{
	const uint8_t (*sid)[8] = ovpn_sid[sess != 0];
	size_t o = tcp ? 2 : 0, start = o;
	uint32_t s = replay_id * 31 + (uint32_t)server;

	b[o++] = (uint8_t)(opcode << 3);
	memcpy(b + o, sid[server != 0], 8);
	o += 8;
	for (int i = 0; i < 20; i++)
		b[o++] = prng(&s);			/* HMAC */
	put_be32(b + o, replay_id);
	put_be32(b + o + 4, (uint32_t)(BASE_TIME + 1));	/* net_time */
	o += 8;
	if (ack == OVPN_NO_ACK)
		b[o++] = 0;
	else {
		b[o++] = 1;
		put_be32(b + o, (uint32_t)ack);
		memcpy(b + o + 4, sid[server == 0], 8);
		o += 12;
	}
	if (msg_id >= 0) {
		put_be32(b + o, (uint32_t)msg_id);
		o += 4;
	}
	if (n > 0)
		memcpy(b + o, data, n);
	o += n;
	if (tcp) {
		b[0] = (uint8_t)((o - start) >> 8);
		b[1] = (uint8_t)(o - start);
	}
	return o;
}

/* P_DATA_V2: opcode 9 | key id 0, peer id (3), packet id (4), AEAD. */
size_t
pl_ovpn_data(uint8_t *b, uint32_t packet_id, size_t len, uint32_t seed,
    int tcp)
{
	return pl_ovpn_data_peer(b, 1, packet_id, len, seed, tcp);
}

/* P_DATA_V2 with peer id `peer' (the server gives each session one). */
size_t
pl_ovpn_data_peer(uint8_t *b, uint32_t peer, uint32_t packet_id, size_t len,
    uint32_t seed, int tcp)
{
	size_t o = tcp ? 2 : 0;

	pl_random(b + o, len, seed);
	b[o] = 9 << 3;
	b[o + 1] = (uint8_t)(peer >> 16);
	b[o + 2] = (uint8_t)(peer >> 8);
	b[o + 3] = (uint8_t)peer;
	put_be32(b + o + 4, packet_id);
	if (tcp) {
		b[0] = (uint8_t)(len >> 8);
		b[1] = (uint8_t)len;
	}
	return o + len;
}

/*
 * DHCP (RFC 2131, options RFC 2132): a DISCOVER from the client, or the
 * router's OFFER of 192.0.2.10, padded to the 300-byte BOOTP minimum.
 */
size_t
pl_dhcp(uint8_t *b, int offer)
{
	static const uint8_t disc_opts[] = { 53, 1, 1, 61, 7, 1, 0x02, 0, 0,
	    0, 0, 0x10, 12, 6, 'l', 'a', 'p', 't', 'o', 'p', 55, 4, 1, 3, 6,
	    15, 255 };
	static const uint8_t offer_opts[] = { 53, 1, 2, 54, 4, 192, 0, 2, 1,
	    51, 4, 0, 1, 0x51, 0x80, 1, 4, 255, 255, 255, 0, 3, 4, 192, 0, 2,
	    1, 6, 4, 192, 0, 2, 1, 255 };
	const uint8_t *opts = offer ? offer_opts : disc_opts;
	size_t on = offer ? sizeof(offer_opts) : sizeof(disc_opts);

	memset(b, 0, 300);
	b[0] = offer ? 2 : 1;			/* BOOTREPLY : BOOTREQUEST */
	b[1] = 1; b[2] = 6;			/* Ethernet, 6-byte MAC */
	put_be32(b + 4, 0x3903f326);		/* xid */
	b[10] = 0x80;				/* broadcast flag */
	if (offer) {
		b[16] = 192; b[17] = 0; b[18] = 2; b[19] = 10;	/* yiaddr */
		b[20] = 192; b[21] = 0; b[22] = 2; b[23] = 1;	/* siaddr */
	}
	memcpy(b + 28, mac_client, 6);		/* chaddr */
	put_be32(b + 236, 0x63825363);		/* magic cookie */
	memcpy(b + 240, opts, on);
	return 300;
}

/*
 * SMB2 NEGOTIATE (MS-SMB2 2.2.3, 2.2.4) behind the 4-byte NetBIOS
 * session header of direct TCP (RFC 1002 4.3.1; MS-SMB2 2.1).
 */
size_t
pl_smb2_negotiate(uint8_t *b, int response)
{
	size_t body = response ? 65 : 36 + 4, n = 4 + 64 + body;

	memset(b, 0, n);
	put_be32(b, (uint32_t)(n - 4));
	b[4] = 0xfe; b[5] = 'S'; b[6] = 'M'; b[7] = 'B';
	b[8] = 64;				/* StructureSize */
	b[18] = 1;				/* credits */
	if (response)
		b[20] = 1;			/* SERVER_TO_REDIR */
	b[68] = response ? 65 : 36;		/* body StructureSize */
	if (response) {
		b[70] = 1;			/* signing enabled */
		b[72] = 0x10; b[73] = 0x02;	/* dialect 2.1 */
		for (int i = 0; i < 16; i++)
			b[76 + i] = (uint8_t)(0x40 + i);	/* server GUID */
		b[96] = 0x00; b[97] = 0x00; b[98] = 0x10;	/* max sizes */
		b[100] = 0x00; b[101] = 0x00; b[102] = 0x10;
		b[104] = 0x00; b[105] = 0x00; b[106] = 0x10;
		b[124] = 128;			/* security buffer offset */
	} else {
		b[70] = 2;			/* DialectCount */
		b[72] = 1;			/* signing enabled */
		for (int i = 0; i < 16; i++)
			b[80 + i] = (uint8_t)(0x20 + i);	/* client GUID */
		b[104] = 0x02; b[105] = 0x02;	/* 2.0.2 */
		b[106] = 0x10; b[107] = 0x02;	/* 2.1 */
	}
	return n;
}

/*
 * A QUIC version 1 client Initial (RFC 9000 17.2.2), 1,200 bytes, to
 * DCID 5ec0ffee00112233, SCID c11e47, packet number 0.  Its plaintext is
 * a CRYPTO frame with a TLS 1.3 ClientHello (SNI www.example.com, ALPN
 * h3, x25519, quic_transport_parameters) and PADDING; it is protected
 * with the Initial keys RFC 9001 5.2 derives from the DCID (AES-128-GCM
 * and AES header protection), so nDPI can decrypt it and read the SNI.
 * The bytes were computed once and are kept as they are: pcapgen links
 * no crypto library.
 */
static const char quic_initial_hex[] =
	"cc00000001085ec0ffee0011223303c11e4700449b05a1ccff55468352f52d13"
	"e1e2881a43689c657ab1063ff1faf20805183375d9cfe42feebc64120317b10a"
	"f053ae9ef9b95fddd9c6e456e4d17423c9b1cd6ec9b12a6fab2b9271e74bb8d4"
	"d10665ca3d5d350ffae774b88abd2d5ce1b853e1c25e0f4401a8d1ea0e0459a6"
	"71b231c627396cdec510bcf8df5461cc283de08e434c740952d9447439c1a988"
	"100b71002d0833c9dc2b2420bb9459212d70cd4e59fcdad01e2ad2e3c837348b"
	"4e99b0c8a8d01cba0b8608d5c19e447372eeeef44704cc83e8ceada564c2fdea"
	"615d8addec0d1de19579fc6be487c693acbe8087033a7c0473d6389d80ede62d"
	"53095fe7ac93fbb858343d4a058766a2d3ee8ec6636cc7a9bb7a4334af982d35"
	"f0113d21edbb1d15ea8be8c58247f88b98f9cda83516fa9bfcb83aceeb470a15"
	"dad849746eafb62e2131a0debdff9db060b6fd1752d03420cb8dbab1d190ddf1"
	"b0c1ba4c983fc52fe936f273bf267f23fddc25f968828b81a8c9faaa84a4f1a4"
	"cc58dc3b224e63bbd0856a22de251fc5ff0fadde395e2aa9f86cc1ee018f635e"
	"64cb4f6c854710738c2fcf28a9385f6bc6e5b740f8f92dca796d8e86b871a301"
	"347be8bcee8324304b8d30170836342cc76abda3fc96d023dbf0179b2b53cb84"
	"94c3b5f9bddac8b4c82a0151ea0a904b2cc9440c005e586673e0dadd586387b5"
	"a83c0920d16a298eb01e14bb41c7fb7cc4b612cdc1a2a925d2ec02ac68aab3e1"
	"8f6a7df6f0818b852cce3807bb6b1eb2e764f4cc7aa46874339091ff0fc40ea1"
	"6eff531d2562658d01d6cc8b452944db03c980dd661db15c39aebe43b39888ae"
	"b418630f8a4799ebbe7c6be3d5d0668d6e42051c43103c9ea959b74e761b1587"
	"70f160ca2a9b115176f98ff6e669997eb481fc59b940465d76b877d4a4155725"
	"82c1cd565f4f34d2a7d7e621d0653732959956b1414621fa9ac1c38e1b36ba9a"
	"0bc46d87e70f59f66e307e0c331640baacfb314b062afb5017efab13ca194289"
	"c8390cc397085f1407fae3e4143abf7324e37caf3f74ee0f5ad0c5eedddc4fbb"
	"de41b8582209fb2763489f27585bf5b4775d3bdd0e943c12116c1e562ba22c93"
	"755934439d30287b7e9688f915d49627e950c9321ba52a32dc89e0466e7c0478"
	"6499b95842e932db38edd3b1acd3804770038b8410d0cb6e1ce084735724a48c"
	"deb07e8383ba49c450e88bfc8ad647925bd2e2e581d7a17f7bd60d647c2126e8"
	"e4d8895e43ae55e713deab7a4d331a81b054e794aa18631ded4e71bd6fd12895"
	"4a75ea4cb40e0911af7d483b086f23d09295ba4286d7834d98fc51cf451b9a42"
	"cbce09b9ba4b5f8aeff70f2ff315bfac8634ee1078f4815e6563c8c72dcb0f3c"
	"93b34c7ce6b7702344a33998f1cbda57698f3d43c18abee42daf77f2f1a6a114"
	"b06239e6a718739f5ac19d98834061dc6b59202045d5ab575fa092e4934d870e"
	"cd63766d4f974ecf10e6e60c7f7dcbd3e5065df49dca6a1f2f9a6fdbf7a4e973"
	"73a489bf60b3774b179998d21562c51ffb40f81a47a7f8f8249082a74e4ef088"
	"f97b8550adebafc3984cda512b1e940d74a6376827e5921c698a0fd3a9da6c98"
	"d435e53ecd0b1c60353be5f512e3b05de5cfd64ce78915e0e0865d75cb9af8ea"
	"7b11236f667e9b0d2f72196189b35f0d";

size_t
pl_quic_initial(uint8_t *b)
{
	size_t n = (sizeof(quic_initial_hex) - 1) / 2;

	for (size_t i = 0; i < n; i++) {
		unsigned v;
		sscanf(quic_initial_hex + 2 * i, "%2x", &v);
		b[i] = (uint8_t)v;
	}
	return n;
}

/*
 * IKEv2 (RFC 7296 3.1) and ESP (RFC 4303 2), as strongSwan sends them:
 *
 *   IKE header (28)   SPIi 8 | SPIr 8 | next payload | version 0x20 |
 *                     exchange | flags | message id 4 | length 4
 *   ESP               SPI 4 | sequence 4 | IV 8 | payload, padding, pad
 *                     length, next header (a multiple of 16) | ICV 16
 *
 * Over UDP 4500 IKE follows the 4-byte non-ESP marker (RFC 3948 2.2).
 * `body' is the length of the encrypted or cleartext payloads after the
 * header, random bytes.
 */
size_t
pl_ike(uint8_t *b, int natt, uint64_t spi_i, uint64_t spi_r, uint8_t np,
    uint8_t exchange, uint8_t flags, uint32_t msgid, size_t body,
    uint32_t seed)
{
	size_t o = natt ? 4 : 0;

	memset(b, 0, o);
	put_be32(b + o, (uint32_t)(spi_i >> 32));
	put_be32(b + o + 4, (uint32_t)spi_i);
	put_be32(b + o + 8, (uint32_t)(spi_r >> 32));
	put_be32(b + o + 12, (uint32_t)spi_r);
	b[o + 16] = np;
	b[o + 17] = 0x20;
	b[o + 18] = exchange;
	b[o + 19] = flags;
	put_be32(b + o + 20, msgid);
	put_be32(b + o + 24, (uint32_t)(28 + body));
	pl_random(b + o + 28, body, seed);
	return o + 28 + body;
}

/* An ESP packet carrying an inner packet of `inner' bytes (AES-GCM). */
size_t
pl_esp(uint8_t *b, uint32_t spi, uint32_t seq, size_t inner, uint32_t seed)
{
	size_t len = 16 + (inner + 2 + 15) / 16 * 16 + 16;

	pl_random(b, len, seed);
	put_be32(b, spi);
	put_be32(b + 4, seq);
	return len;
}
