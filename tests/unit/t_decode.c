/* SPDX-License-Identifier: MIT */
/* t_decode.c - each decoder at its boundaries, frames built byte by byte. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "decode.h"

#define DLT_NULL	0
#define DLT_EN10MB	1
#define DLT_RAW		12
#define DLT_LOOP	108
#define DLT_SLL		113
#define DLT_SLL2	276

static uint8_t f[256];

/* Ethernet + IPv4 (IHL 5) + UDP 40000 -> 53 + 4 payload bytes = 46 bytes */
static size_t
eth_ipv4_udp(uint8_t *b)
{
	static const uint8_t fr[] = {
		2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x10, 0x08, 0x00,
		0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0,
		192, 0, 2, 10, 198, 51, 100, 53,
		0x9c, 0x40, 0, 53, 0, 12, 0, 0,
		'a', 'b', 'c', 'd',
	};
	memcpy(b, fr, sizeof(fr));
	return sizeof(fr);
}

/* Ethernet + IPv4 + TCP (doff 6, one option word) + 3 bytes = 61 bytes */
static size_t
eth_ipv4_tcp(uint8_t *b)
{
	static const uint8_t fr[] = {
		2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0x10, 0x08, 0x00,
		0x45, 0, 0, 47, 0, 1, 0x40, 0, 64, 6, 0, 0,
		192, 0, 2, 10, 198, 51, 100, 80,
		0x9c, 0x41, 0, 80, 0, 0, 0, 1, 0, 0, 0, 0, 0x60, 0x18, 0xff,
		0xff, 0, 0, 0, 0, 1, 1, 1, 0,
		'G', 'E', 'T',
	};
	memcpy(b, fr, sizeof(fr));
	return sizeof(fr);
}

static enum ls_dres
dec(int dlt, const uint8_t *b, size_t n, struct ls_packet *p)
{
	memset(p, 0, sizeof(*p));
	return decode_frame(dlt, b, (uint32_t)n, p);
}

static void
t_ethernet_ipv4_udp_gives_ports_and_offsets(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_int_equal(p.l3, L3_IPV4);
	assert_int_equal(p.proto, 17);
	assert_int_equal(p.sport, 40000);
	assert_int_equal(p.dport, 53);
	assert_int_equal(p.l3_off, 14);
	assert_int_equal(p.l3_len, 32);
	assert_int_equal(p.payload_off, 42);
	assert_int_equal(p.payload_len, 4);
	assert_int_equal(p.anom, ANOM_NONE);
}

static void
t_ethernet_padding_is_not_payload(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	memset(f + n, 0xee, 14);
	assert_int_equal(dec(DLT_EN10MB, f, n + 14, &p), DRES_OK);
	assert_int_equal(p.payload_len, 4);
}

static void
t_tcp_every_truncation_is_an_anomaly_within_bounds(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	for (size_t cut = 0; cut < n; cut++) {
		enum ls_dres r = dec(DLT_EN10MB, f, cut, &p);
		assert_int_not_equal(r, DRES_OK);
		assert_true(p.flags & (PKT_TRUNC | PKT_INVALID));
		if (p.anom == ANOM_NONE)
			fail_msg("cut %zu: no anomaly (r=%d)", cut, r);
		assert_true(p.payload_off + p.payload_len <= cut);
		assert_true(p.l3_off + p.l3_len <= cut || p.l3_len == 0);
	}
}

static void
t_tcp_whole_gives_flags_and_payload(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_int_equal(p.tcp_flags, 0x18);
	assert_int_equal(p.payload_len, 3);
	assert_memory_equal(f + p.payload_off, "GET", 3);
}

/* Cut by the capture's snap length after the headers (the wire held the
 * whole packet): the payload is short, the packet is not damaged.  (A snap
 * length that cuts a header, as tcpdump's [|tcp], stays an anomaly: live
 * runs keep at least 256 bytes.) */
static void
t_snap_length_cut_after_headers_is_no_anomaly(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	for (size_t cut = 58; cut < n; cut++) {
		memset(&p, 0, sizeof(p));
		p.wire_len = (uint32_t)n;
		assert_int_equal(decode_frame(DLT_EN10MB, f, (uint32_t)cut, &p),
		    DRES_TRUNC);
		assert_int_equal(p.anom, ANOM_NONE);
		assert_true(p.flags & PKT_TRUNC);
		assert_int_equal(p.l3, L3_IPV4);
		assert_true(p.payload_off + p.payload_len <= cut);
	}
}

/* Shorter on the wire than its IP header claims: an anomaly. */
static void
t_packet_shorter_on_wire_than_ip_claims_is_ipv4_trunc(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	for (size_t cut = 58; cut < n; cut++) {
		memset(&p, 0, sizeof(p));
		p.wire_len = (uint32_t)cut;		/* the packet itself short */
		(void)decode_frame(DLT_EN10MB, f, (uint32_t)cut, &p);
		assert_int_equal(p.anom, ANOM_IPV4_TRUNC);
	}
}

static const uint8_t tag1[] = { 0x81, 0x00, 0x00, 0x0a };	/* VID 10 */
static const uint8_t tag2[] = { 0x88, 0xa8, 0x00, 0x64 };	/* VID 100 */

static void
t_one_vlan_tag_gives_its_vid(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = eth_ipv4_udp(f);

	(void)state;
	memcpy(g, f, 12);
	memcpy(g + 12, tag1, 4);
	memcpy(g + 16, f + 12, n - 12);
	assert_int_equal(dec(DLT_EN10MB, g, n + 4, &p), DRES_OK);
	assert_int_equal(p.vlan, 10);
	assert_int_equal(p.nvlan, 1);
	assert_int_equal(p.dport, 53);
}

static void
t_qinq_keeps_the_outer_vid(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = eth_ipv4_udp(f);

	(void)state;
	memcpy(g, f, 12);
	memcpy(g + 12, tag2, 4);
	memcpy(g + 16, tag1, 4);
	memcpy(g + 20, f + 12, n - 12);
	assert_int_equal(dec(DLT_EN10MB, g, n + 8, &p), DRES_OK);
	assert_int_equal(p.vlan, 100);
	assert_int_equal(p.nvlan, 2);
	assert_int_equal(p.dport, 53);
}

static void
t_three_vlan_tags_are_too_deep(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = eth_ipv4_udp(f);

	(void)state;
	memcpy(g, f, 12);
	memcpy(g + 12, tag2, 4);
	memcpy(g + 16, tag1, 4);
	memcpy(g + 20, tag1, 4);
	memcpy(g + 24, f + 12, n - 12);
	assert_int_equal(dec(DLT_EN10MB, g, n + 12, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_VLAN_TOO_DEEP);
}

static void
t_vlan_tag_cut_short_is_vlan_short(void **state)
{
	struct ls_packet p;
	uint8_t g[300];

	(void)state;
	eth_ipv4_udp(f);
	memcpy(g, f, 12);
	memcpy(g + 12, tag2, 4);
	assert_int_equal(dec(DLT_EN10MB, g, 15, &p), DRES_TRUNC);
	assert_int_equal(p.anom, ANOM_VLAN_SHORT);
}

static void
t_sll_has_protocol_at_14(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t ip = eth_ipv4_udp(f) - 14;

	(void)state;
	memset(g, 0, 16);
	g[14] = 0x08;
	memcpy(g + 16, f + 14, ip);
	assert_int_equal(dec(DLT_SLL, g, ip + 16, &p), DRES_OK);
	assert_int_equal(p.dport, 53);
}

static void
t_sll_shorter_than_16_is_sll_short(void **state)
{
	struct ls_packet p;
	uint8_t g[300];

	(void)state;
	memset(g, 0, 16);
	g[14] = 0x08;
	assert_int_equal(dec(DLT_SLL, g, 15, &p), DRES_TRUNC);
	assert_int_equal(p.anom, ANOM_SLL_SHORT);
}

static void
t_sll2_has_protocol_at_0(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t ip = eth_ipv4_udp(f) - 14;

	(void)state;
	memset(g, 0, 20);
	g[0] = 0x08;
	memcpy(g + 20, f + 14, ip);
	assert_int_equal(dec(DLT_SLL2, g, ip + 20, &p), DRES_OK);
	assert_int_equal(p.dport, 53);
}

static void
t_sll2_shorter_than_20_is_sll2_short(void **state)
{
	struct ls_packet p;
	uint8_t g[300];

	(void)state;
	memset(g, 0, 20);
	g[0] = 0x08;
	assert_int_equal(dec(DLT_SLL2, g, 19, &p), DRES_TRUNC);
	assert_int_equal(p.anom, ANOM_SLL2_SHORT);
}

/* A 4-byte loopback header with AF_INET (2) at byte b, then the datagram. */
static size_t
null_frame(uint8_t *g, int b)
{
	size_t ip = eth_ipv4_udp(f) - 14;

	memset(g, 0, 4);
	g[b] = 2;
	memcpy(g + 4, f + 14, ip);
	return ip + 4;
}

static void
t_null_family_in_little_endian(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = null_frame(g, 0);

	(void)state;
	assert_int_equal(dec(DLT_NULL, g, n, &p), DRES_OK);
	assert_int_equal(p.dport, 53);
}

static void
t_null_family_in_big_endian(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = null_frame(g, 3);

	(void)state;
	assert_int_equal(dec(DLT_NULL, g, n, &p), DRES_OK);
}

static void
t_loop_family_in_network_order(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = null_frame(g, 3);

	(void)state;
	assert_int_equal(dec(DLT_LOOP, g, n, &p), DRES_OK);
}

static void
t_loop_unknown_family_is_invalid(void **state)
{
	struct ls_packet p;
	uint8_t g[300];
	size_t n = null_frame(g, 3);

	(void)state;
	g[3] = 99;
	assert_int_equal(dec(DLT_LOOP, g, n, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_NULL_UNKNOWN_FAMILY);
}

static void
t_null_shorter_than_4_is_null_short(void **state)
{
	struct ls_packet p;
	uint8_t g[300];

	(void)state;
	null_frame(g, 3);
	assert_int_equal(dec(DLT_NULL, g, 3, &p), DRES_TRUNC);
	assert_int_equal(p.anom, ANOM_NULL_SHORT);
}

static void
t_raw_ip_starts_at_offset_0(void **state)
{
	struct ls_packet p;
	size_t ip = eth_ipv4_udp(f) - 14;

	(void)state;
	assert_int_equal(dec(DLT_RAW, f + 14, ip, &p), DRES_OK);
	assert_int_equal(p.dport, 53);
	assert_int_equal(p.l3_off, 0);
}

static void
t_arp_is_arp_not_ip(void **state)
{
	struct ls_packet p;
	uint8_t g[300];

	(void)state;
	eth_ipv4_udp(f);
	memset(g, 0, sizeof(g));
	memcpy(g, f, 14);
	g[12] = 0x08;
	g[13] = 0x06;
	assert_int_equal(dec(DLT_EN10MB, g, 42, &p), DRES_OK);
	assert_int_equal(p.l3, L3_ARP);
}

static void
t_supported_dlts_and_their_names(void **state)
{
	(void)state;
	assert_false(decode_supported(127));
	assert_true(decode_supported(276));
	assert_string_equal(decode_dlt_name(113), "LINUX_SLL");
}

static void
t_ipv4_ihl_below_5_is_invalid(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[14] = 0x44;				/* IHL 4 */
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_IPV4_IHL_LT_5);
}

static void
t_ipv4_total_length_below_header_is_invalid(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[16] = 0;
	f[17] = 19;				/* total length 19 < 20 */
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_IPV4_TOTLEN_LT_IHL);
}

static void
t_ipv4_total_length_beyond_capture_is_truncated(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[17] = 200;				/* claims more than captured */
	dec(DLT_EN10MB, f, n, &p);
	assert_int_equal(p.anom, ANOM_IPV4_TRUNC);
	assert_true(p.flags & PKT_TRUNC);
	assert_int_equal(p.l3_len, 32);
}

static void
t_udp_length_beyond_ip_keeps_ip_payload(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[38] = 0;
	f[39] = 40;				/* UDP length beyond IP */
	dec(DLT_EN10MB, f, n, &p);
	assert_int_equal(p.anom, ANOM_UDP_LEN_GT_IP);
	assert_int_equal(p.payload_len, 4);
}

static void
t_udp_length_below_8_is_invalid(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[38] = 0;
	f[39] = 7;
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_UDP_LEN_LT_8);
}

static void
t_udp_length_shorter_than_datagram_bounds_payload(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[38] = 0;
	f[39] = 10;
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_int_equal(p.payload_len, 2);
}

static void
t_version_6_in_ipv4_frame_is_not_ipv4(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[14] = 0x65;
	dec(DLT_EN10MB, f, n, &p);
	assert_int_not_equal(p.l3, L3_IPV4);
}

static void
t_tcp_data_offset_below_20_is_invalid(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	f[46] = 0x40;				/* TCP data offset 4 */
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_TCP_HLEN_LT_20);
}

static void
t_tcp_data_offset_beyond_segment_is_hlen_gt_len(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_tcp(f);

	(void)state;
	f[46] = 0xf0;				/* 60 bytes: more than there is */
	assert_int_not_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_int_equal(p.anom, ANOM_TCP_HLEN_GT_LEN);
}

static void
t_ipv4_first_fragment_has_ports(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[20] = 0x20;				/* MF, offset 0: first fragment */
	f[21] = 0;
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_true(p.flags & PKT_FRAG);
	assert_false(p.flags & PKT_FRAG_LATER);
	assert_int_equal(p.dport, 53);
}

static void
t_ipv4_later_fragment_has_no_l4(void **state)
{
	struct ls_packet p;
	size_t n = eth_ipv4_udp(f);

	(void)state;
	f[20] = 0x20;
	f[21] = 0x10;				/* offset 128: later fragment */
	assert_int_equal(dec(DLT_EN10MB, f, n, &p), DRES_OK);
	assert_true(p.flags & PKT_FRAG_LATER);
	assert_int_equal(p.dport, 0);
	assert_false(p.flags & PKT_HAS_L4);
}

/* IPv6 + hop-by-hop + fragment header + UDP */
static size_t
ipv6_ext(uint8_t *b, uint16_t frag_off)
{
	size_t o = 0;
	b[o++] = 0x60; b[o++] = 0; b[o++] = 0; b[o++] = 0;
	b[o++] = 0; b[o++] = 8 + 8 + 8 + 2;	/* payload length */
	b[o++] = 0;				/* next: hop-by-hop */
	b[o++] = 64;
	memset(b + o, 0, 32);
	b[o] = 0x20; b[o + 1] = 0x01; b[o + 2] = 0x0d; b[o + 3] = 0xb8;
	b[o + 15] = 0x10;
	b[o + 16] = 0x20; b[o + 17] = 0x01; b[o + 18] = 0x0d; b[o + 19] = 0xb8;
	b[o + 31] = 0x53;
	o += 32;
	b[o++] = 44; b[o++] = 0; memset(b + o, 0, 6); o += 6;	/* HBH */
	b[o++] = 17; b[o++] = 0;
	b[o++] = (uint8_t)(frag_off >> 8); b[o++] = (uint8_t)frag_off;
	b[o++] = 0; b[o++] = 0; b[o++] = 0; b[o++] = 1;		/* frag */
	b[o++] = 0x9c; b[o++] = 0x40; b[o++] = 0; b[o++] = 53;
	b[o++] = 0; b[o++] = 10; b[o++] = 0; b[o++] = 0;		/* UDP */
	b[o++] = 'h'; b[o++] = 'i';
	return o;
}

static void
t_ipv6_extension_chain_reaches_udp(void **state)
{
	struct ls_packet p;
	size_t n = ipv6_ext(f, 0x0001);		/* offset 0, M set */

	(void)state;
	assert_int_equal(dec(DLT_RAW, f, n, &p), DRES_OK);
	assert_int_equal(p.l3, L3_IPV6);
	assert_int_equal(p.proto, 17);
	assert_int_equal(p.dport, 53);
	assert_int_equal(p.payload_len, 2);
	assert_true(p.flags & PKT_FRAG);
	assert_int_equal(p.anom, ANOM_IPV6_FRAG);
}

static void
t_ipv6_later_fragment_has_no_ports(void **state)
{
	struct ls_packet p;
	size_t n = ipv6_ext(f, 0x0100);		/* offset 32: later fragment */

	(void)state;
	assert_int_equal(dec(DLT_RAW, f, n, &p), DRES_OK);
	assert_true(p.flags & PKT_FRAG_LATER);
	assert_int_equal(p.dport, 0);
}

static void
t_ipv6_cut_inside_extension_headers_is_truncated(void **state)
{
	struct ls_packet p;

	(void)state;
	ipv6_ext(f, 0x0001);
	assert_int_equal(dec(DLT_RAW, f, 44, &p), DRES_TRUNC);
	assert_int_equal(p.anom, ANOM_IPV6_TRUNC);
}

static void
t_ipv6_nine_extension_headers_are_too_many(void **state)
{
	struct ls_packet p;
	uint8_t g[200];

	(void)state;
	ipv6_ext(f, 0x0001);
	memcpy(g, f, 40);
	g[6] = 60;
	for (int i = 0; i < 9; i++) {
		g[40 + 8 * i] = i < 8 ? 60 : 59;
		g[41 + 8 * i] = 0;
		memset(g + 42 + 8 * i, 0, 6);
	}
	g[4] = 0;
	g[5] = 72;
	assert_int_equal(dec(DLT_RAW, g, 112, &p), DRES_INVALID);
	assert_int_equal(p.anom, ANOM_IPV6_EXT_TOO_MANY);
}

/* IPv4 inside IPv6 (next header 4); returns the frame's length. */
static size_t
ip_in_ip(uint8_t *g)
{
	size_t ip = eth_ipv4_udp(f) - 14;

	memset(g, 0, 40);
	g[0] = 0x60;
	g[4] = 0;
	g[5] = (uint8_t)ip;
	g[6] = 4;
	g[7] = 64;
	g[8] = 0x20; g[9] = 0x01;
	memcpy(g + 40, f + 14, ip);
	return 40 + ip;
}

static void
t_ipv4_inside_ipv6_is_decoded_as_inner(void **state)
{
	struct ls_packet p;
	uint8_t g[200];
	size_t n = ip_in_ip(g);

	(void)state;
	assert_int_equal(dec(DLT_RAW, g, n, &p), DRES_OK);
	assert_true(p.flags & PKT_INNER);
	assert_int_equal(p.ip_version, 4);
	assert_int_equal(p.l3_off, 40);
	assert_int_equal(p.dport, 53);
}

static void
t_broken_inner_header_keeps_l3_within_frame(void **state)
{
	struct ls_packet p;
	uint8_t g[200];
	size_t n = ip_in_ip(g);

	(void)state;
	g[40 + 2] = 0;
	g[40 + 3] = 10;
	dec(DLT_RAW, g, n, &p);
	assert_true(p.l3_off + p.l3_len <= n);
}

static void
t_every_anomaly_has_a_name(void **state)
{
	(void)state;
	for (int a = 0; a < ANOM__COUNT; a++) {
		const char *n = anom_name((enum ls_anom)a);
		assert_non_null(n);
		assert_string_not_equal(n, "decode.unknown");
	}
	assert_string_equal(anom_name(ANOM__COUNT), "decode.unknown");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_ethernet_ipv4_udp_gives_ports_and_offsets),
		cmocka_unit_test(t_ethernet_padding_is_not_payload),
		cmocka_unit_test(t_tcp_every_truncation_is_an_anomaly_within_bounds),
		cmocka_unit_test(t_tcp_whole_gives_flags_and_payload),
		cmocka_unit_test(t_snap_length_cut_after_headers_is_no_anomaly),
		cmocka_unit_test(t_packet_shorter_on_wire_than_ip_claims_is_ipv4_trunc),
		cmocka_unit_test(t_one_vlan_tag_gives_its_vid),
		cmocka_unit_test(t_qinq_keeps_the_outer_vid),
		cmocka_unit_test(t_three_vlan_tags_are_too_deep),
		cmocka_unit_test(t_vlan_tag_cut_short_is_vlan_short),
		cmocka_unit_test(t_sll_has_protocol_at_14),
		cmocka_unit_test(t_sll_shorter_than_16_is_sll_short),
		cmocka_unit_test(t_sll2_has_protocol_at_0),
		cmocka_unit_test(t_sll2_shorter_than_20_is_sll2_short),
		cmocka_unit_test(t_null_family_in_little_endian),
		cmocka_unit_test(t_null_family_in_big_endian),
		cmocka_unit_test(t_loop_family_in_network_order),
		cmocka_unit_test(t_loop_unknown_family_is_invalid),
		cmocka_unit_test(t_null_shorter_than_4_is_null_short),
		cmocka_unit_test(t_raw_ip_starts_at_offset_0),
		cmocka_unit_test(t_arp_is_arp_not_ip),
		cmocka_unit_test(t_supported_dlts_and_their_names),
		cmocka_unit_test(t_ipv4_ihl_below_5_is_invalid),
		cmocka_unit_test(t_ipv4_total_length_below_header_is_invalid),
		cmocka_unit_test(t_ipv4_total_length_beyond_capture_is_truncated),
		cmocka_unit_test(t_udp_length_beyond_ip_keeps_ip_payload),
		cmocka_unit_test(t_udp_length_below_8_is_invalid),
		cmocka_unit_test(t_udp_length_shorter_than_datagram_bounds_payload),
		cmocka_unit_test(t_version_6_in_ipv4_frame_is_not_ipv4),
		cmocka_unit_test(t_tcp_data_offset_below_20_is_invalid),
		cmocka_unit_test(t_tcp_data_offset_beyond_segment_is_hlen_gt_len),
		cmocka_unit_test(t_ipv4_first_fragment_has_ports),
		cmocka_unit_test(t_ipv4_later_fragment_has_no_l4),
		cmocka_unit_test(t_ipv6_extension_chain_reaches_udp),
		cmocka_unit_test(t_ipv6_later_fragment_has_no_ports),
		cmocka_unit_test(t_ipv6_cut_inside_extension_headers_is_truncated),
		cmocka_unit_test(t_ipv6_nine_extension_headers_are_too_many),
		cmocka_unit_test(t_ipv4_inside_ipv6_is_decoded_as_inner),
		cmocka_unit_test(t_broken_inner_header_keeps_l3_within_frame),
		cmocka_unit_test(t_every_anomaly_has_a_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
