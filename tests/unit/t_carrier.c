/* SPDX-License-Identifier: MIT */
/*
 * t_carrier.c - the tunnel message recognisers (carrier.h) and the
 * header-only DNS and STUN checks: each on real bytes (OpenVPN 2.6 and
 * strongSwan 5.9 recordings, pcaps/real) and on what a snap length of 68
 * or 96 bytes leaves of them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <string.h>

#include "carrier.h"
#include "dns.h"
#include "flow.h"
#include "stun.h"
#include "tunnel.h"

/* pcaps/real/ikev2-psk-natt.pcap: the IKE_SA_INIT request's header (464
 * bytes on the wire), its response's (472), and the IKE_AUTH request on
 * 4500 behind the non-ESP marker (276) */
static const uint8_t ike_req[] = {
	0xfe, 0x76, 0x7c, 0x3b, 0xae, 0x97, 0x80, 0x86, 0, 0, 0, 0, 0, 0, 0, 0,
	0x21, 0x20, 0x22, 0x08, 0, 0, 0, 0, 0x00, 0x00, 0x01, 0xd0,
};
static const uint8_t ike_resp[] = {
	0xfe, 0x76, 0x7c, 0x3b, 0xae, 0x97, 0x80, 0x86, 0x65, 0x4d, 0x37, 0x50,
	0x42, 0x85, 0x71, 0xc8, 0x21, 0x20, 0x22, 0x20, 0, 0, 0, 0, 0x00, 0x00,
	0x01, 0xd8,
};
static const uint8_t ike_auth[] = {
	0, 0, 0, 0, 0xfe, 0x76, 0x7c, 0x3b, 0xae, 0x97, 0x80, 0x86, 0x65, 0x4d,
	0x37, 0x50, 0x42, 0x85, 0x71, 0xc8, 0x2e, 0x20, 0x23, 0x08, 0, 0, 0, 1,
	0x00, 0x00, 0x01, 0x10,
};

static void
ike_init_request_recognised(void **state)
{
	struct ike_hdr h;

	(void)state;
	assert_int_equal(carrier_ike(ike_req, sizeof(ike_req), 464, &h),
	    IKE_INIT_REQUEST);
	assert_true(h.spi_i == 0xfe767c3bae978086ull && h.spi_r == 0);
	assert_int_equal(h.exchange, 34);
}

static void
ike_init_response_recognised(void **state)
{
	struct ike_hdr h;

	(void)state;
	assert_int_equal(carrier_ike(ike_resp, sizeof(ike_resp), 472, &h),
	    IKE_INIT_RESPONSE);
	assert_true(h.spi_r == 0x654d3750428571c8ull);
}

static void
ike_behind_non_esp_marker_recognised(void **state)
{
	struct ike_hdr h;

	(void)state;
	assert_int_equal(carrier_ike(ike_auth, sizeof(ike_auth), 276, &h),
	    IKE_OTHER);
	assert_int_equal(h.exchange, 35);
}

static void
ike_cookie_response_with_spi_r_zero_is_a_response(void **state)
{
	uint8_t b[sizeof(ike_resp)];
	struct ike_hdr h;

	(void)state;
	/* N(COOKIE) / N(INVALID_KE_PAYLOAD): SPIr stays 0, R flag set */
	memcpy(b, ike_resp, sizeof(b));
	memset(b + 8, 0, 8);
	assert_int_equal(carrier_ike(b, sizeof(b), 472, &h),
	    IKE_INIT_RESPONSE);
}

static void
ike_length_must_match_the_udp_length(void **state)
{
	struct ike_hdr h;

	(void)state;
	assert_int_equal(carrier_ike(ike_req, sizeof(ike_req), 465, &h),
	    IKE_NONE);
}

static void
ike_header_cut_at_snap_68_still_judged(void **state)
{
	struct ike_hdr h;

	(void)state;
	/* 68 - 42 = 26 bytes: the length field cut in half */
	assert_int_equal(carrier_ike(ike_req, 26, 464, &h), IKE_INIT_REQUEST);
	/* behind the marker, 22 bytes of header: no message id */
	assert_int_equal(carrier_ike(ike_auth, 26, 276, &h), IKE_OTHER);
}

static void
ike_other_versions_and_reserved_flags_refused(void **state)
{
	uint8_t b[sizeof(ike_req)];
	struct ike_hdr h;

	(void)state;
	memcpy(b, ike_req, sizeof(b));
	b[17] = 0x10;			/* IKEv1 */
	assert_int_equal(carrier_ike(b, sizeof(b), 464, &h), IKE_NONE);
	memcpy(b, ike_req, sizeof(b));
	b[19] = 0x09;			/* a reserved flag bit */
	assert_int_equal(carrier_ike(b, sizeof(b), 464, &h), IKE_NONE);
	memcpy(b, ike_req, sizeof(b));
	memset(b, 0, 8);		/* SPIi 0 */
	assert_int_equal(carrier_ike(b, sizeof(b), 464, &h), IKE_NONE);
}

static void
ike_track_needs_the_answer_to_its_own_request(void **state)
{
	struct carrier_track t;
	struct ike_hdr q, r;

	(void)state;
	memset(&t, 0, sizeof(t));
	carrier_ike(ike_req, sizeof(ike_req), 464, &q);
	carrier_ike(ike_resp, sizeof(ike_resp), 472, &r);
	assert_false(carrier_track_ike(&t, IKE_INIT_REQUEST, &q));
	r.spi_i ^= 1;			/* another SA's answer */
	assert_false(carrier_track_ike(&t, IKE_INIT_RESPONSE, &r));
	r.spi_i ^= 1;
	assert_true(carrier_track_ike(&t, IKE_INIT_RESPONSE, &r));
}

static void
ike_track_two_messages_of_one_sa(void **state)
{
	struct carrier_track t;
	struct ike_hdr h;

	(void)state;
	memset(&t, 0, sizeof(t));
	carrier_ike(ike_auth, sizeof(ike_auth), 276, &h);
	assert_false(carrier_track_ike(&t, IKE_OTHER, &h));
	assert_true(carrier_track_ike(&t, IKE_OTHER, &h));
}

/* --- ESP --------------------------------------------------------------- */

static const uint8_t esp_hdr[] = { 0xc0, 0x01, 0x00, 0x01, 0, 0, 0, 7 };

static void
esp_header_recognised_on_wire_length(void **state)
{
	uint32_t spi, seq;

	(void)state;
	assert_true(carrier_esp(esp_hdr, sizeof(esp_hdr), 100, &spi, &seq));
	assert_int_equal(spi, 0xc0010001);
	assert_int_equal(seq, 7);
	assert_false(carrier_esp(esp_hdr, sizeof(esp_hdr), 8, &spi, &seq));
}

static void
esp_reserved_spi_zero_sequence_and_keepalive_refused(void **state)
{
	static const uint8_t low[] = { 0, 0, 0, 0xff, 0, 0, 0, 1 };
	static const uint8_t seq0[] = { 0xc0, 1, 0, 1, 0, 0, 0, 0 };
	static const uint8_t keepalive[] = { 0xff };
	uint32_t spi, seq;

	(void)state;
	assert_false(carrier_esp(low, sizeof(low), 100, &spi, &seq));
	assert_false(carrier_esp(seq0, sizeof(seq0), 100, &spi, &seq));
	assert_false(carrier_esp(keepalive, 1, 1, &spi, &seq));
}

static void
esp_track_one_spi_climbing(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_false(carrier_track_esp(&t, 0, 0xc0010001, 5));
	assert_false(carrier_track_esp(&t, 0, 0xc0010001, 5));	/* replay */
	assert_true(carrier_track_esp(&t, 0, 0xc0010001, 6));
}

static void
esp_track_sequence_leap_is_not_esp(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	/* a DNS query retransmitted with other counts: ID+flags as the
	 * SPI, qdcount+ancount as the sequence (corpus fuzz-2006-06-26) */
	assert_false(carrier_track_esp(&t, 0, 0x9de10100, 0x00010000));
	assert_false(carrier_track_esp(&t, 0, 0x9de10100, 0x00900000));
}

static void
esp_track_spi_change_starts_again(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_false(carrier_track_esp(&t, 0, 0xc0010001, 5));
	assert_false(carrier_track_esp(&t, 0, 0xc0020002, 6));
	assert_false(carrier_track_esp(&t, 1, 0xc0020002, 7));
}

/* --- WireGuard ---------------------------------------------------------- */

static const uint8_t wg_data[16] = { 4, 0, 0, 0, 0x01, 0x00, 0xed, 0x5e,
	100, 0, 0, 0, 0, 0, 0, 0 };

static void
wg_transport_judged_on_wire_length_when_cut(void **state)
{
	uint32_t idx;

	(void)state;
	/* a header-only capture keeps the 16-byte header of a 112-byte message */
	assert_int_equal(carrier_wg_msg(wg_data, 16, 112, &idx), WG_SHAPE_OTHER);
	assert_int_equal(idx, 0x5eed0001);
	assert_int_equal(carrier_wg_msg(wg_data, 16, 113, &idx), WG_SHAPE_NONE);
}

static void
wg_type_without_receiver_index_is_too_little(void **state)
{
	uint32_t idx;

	(void)state;
	assert_int_equal(carrier_wg_msg(wg_data, 4, 112, &idx), WG_SHAPE_NONE);
}

static void
wg_track_one_receiver_index_per_direction(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_false(carrier_track_wg(&t, 0, 0x5eed0001));
	assert_false(carrier_track_wg(&t, 1, 0x0bad0002));	/* its own */
	assert_true(carrier_track_wg(&t, 0, 0x5eed0001));
	assert_true(carrier_track_wg(&t, 1, 0x0bad0002));
}

static void
wg_track_changing_index_is_not_wireguard(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	assert_false(carrier_track_wg(&t, 0, 1));
	assert_false(carrier_track_wg(&t, 0, 2));
	assert_false(carrier_track_wg(&t, 0, 3));
}

/* --- OpenVPN ------------------------------------------------------------ */

/* pcaps/real: tls-crypt's client reset over UDP (54 bytes), tls-auth's
 * over TCP (44: a length of 42) */
static const uint8_t ovpn_udp[] = { 0x38, 0x7f, 0xb3, 0xf7, 0x0f, 0x58, 0x8a,
	0x46, 0x01, 0x00 };
static const uint8_t ovpn_tcp[] = { 0x00, 0x2a, 0x38, 0xa2, 0x06, 0x0a, 0xca,
	0xf5, 0x3e, 0xf3, 0xb8 };

static void
ovpn_tls_crypt_client_reset_recognised(void **state)
{
	(void)state;
	assert_int_equal(carrier_ovpn_op(ovpn_udp, sizeof(ovpn_udp), 54, false),
	    OVPN_CLIENT_RESET);
}

static void
ovpn_tcp_length_judged_on_wire_when_cut(void **state)
{
	(void)state;
	assert_int_equal(carrier_ovpn_op(ovpn_tcp, sizeof(ovpn_tcp), 44, true),
	    OVPN_CLIENT_RESET);
	assert_int_equal(carrier_ovpn_op(ovpn_tcp, sizeof(ovpn_tcp), 45, true),
	    OVPN_NONE);
}

static void
ovpn_tcp_framing_alone_at_snap_68_both_ways(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	/* the real tls-auth session's first segments: 44, 56, 335 bytes */
	assert_false(carrier_track_framed(&t, 0, ovpn_tcp, 2, 44));
	assert_false(carrier_track_framed(&t, 1,
	    (const uint8_t *)"\x00\x36", 2, 56));
	assert_true(carrier_track_framed(&t, 0,
	    (const uint8_t *)"\x01\x4d", 2, 335));
}

static void
ovpn_tcp_framing_broken_once_is_not_openvpn(void **state)
{
	struct carrier_track t;

	(void)state;
	memset(&t, 0, sizeof(t));
	/* a TLS record's first bytes (0x16 0x03) are no such length */
	assert_false(carrier_track_framed(&t, 0,
	    (const uint8_t *)"\x16\x03", 2, 517));
	assert_false(carrier_track_framed(&t, 1, ovpn_tcp, 2, 44));
	assert_false(carrier_track_framed(&t, 0, ovpn_tcp, 2, 44));
}

/* --- IPsec's halves ----------------------------------------------------- */

static void
ipsec_natt_is_the_other_half_of_ike(void **state)
{
	struct ls_carrier_ep ep[2];
	struct ls_flow f;

	(void)state;
	memset(ep, 0, sizeof(ep));
	memset(&f, 0, sizeof(f));
	assert_true(addr_parse("198.51.100.7", &ep[0].addr));
	ep[0].port = 51820, ep[0].proto = IPPROTO_UDP;	/* WireGuard */
	assert_true(addr_parse("203.0.113.1", &ep[1].addr));
	ep[1].port = 500, ep[1].proto = IPPROTO_UDP;
	assert_true(addr_parse("192.0.2.10", &f.cli));
	assert_true(addr_parse("203.0.113.1", &f.srv));
	f.cport = f.sport = 4500, f.proto = IPPROTO_UDP;
	assert_int_equal(carrier_other_half(ep, 2, &f), 2);
	f.cport = f.sport = 0, f.proto = IPPROTO_ESP;
	assert_int_equal(carrier_other_half(ep, 2, &f), 2);
	f.sport = 51820, f.cport = 40000, f.proto = IPPROTO_UDP;
	assert_int_equal(carrier_other_half(ep, 2, &f), 0);
	f.cport = f.sport = 4500;
	assert_true(addr_parse("203.0.113.2", &f.srv));	/* another server */
	assert_int_equal(carrier_other_half(ep, 2, &f), 0);
}

/* --- DNS and STUN, header only ------------------------------------------ */

/* dns-udp-v4's query cut at 68 bytes: 26 of its 33 bytes */
static const uint8_t dns_q[] = { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0,
	0, 0, 3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c' };

static void
dns_header_named_when_the_rest_is_cut(void **state)
{
	bool resp;

	(void)state;
	assert_true(dns_header_cut(dns_q, sizeof(dns_q), 33, false, &resp));
	assert_false(resp);
	/* not cut: dns_extract's to judge */
	assert_false(dns_header_cut(dns_q, sizeof(dns_q), sizeof(dns_q),
	    false, &resp));
}

static void
dns_header_cut_refuses_random_bytes(void **state)
{
	uint8_t b[sizeof(dns_q)];
	bool resp;

	(void)state;
	memcpy(b, dns_q, sizeof(b));
	b[5] = 7;			/* seven questions */
	assert_false(dns_header_cut(b, sizeof(b), 33, false, &resp));
	memcpy(b, dns_q, sizeof(b));
	b[14] = 0x01;			/* a control byte in the name */
	assert_false(dns_header_cut(b, sizeof(b), 33, false, &resp));
}

/* a Binding Request's header, 20 bytes of a 28-byte message */
static const uint8_t stun_req[] = { 0x00, 0x01, 0x00, 0x08, 0x21, 0x12,
	0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 0x80, 0x22 };

static void
stun_header_named_when_the_rest_is_cut(void **state)
{
	struct ls_stun s;

	(void)state;
	assert_true(stun_header_cut(stun_req, sizeof(stun_req), 28, &s));
	assert_int_equal(s.type, 0x0001);
	assert_false(stun_header_cut(stun_req, sizeof(stun_req), 32, &s));
}

static void
stun_header_cut_needs_the_magic_cookie(void **state)
{
	uint8_t b[sizeof(stun_req)];
	struct ls_stun s;

	(void)state;
	memcpy(b, stun_req, sizeof(b));
	b[4] = 0x22;
	assert_false(stun_header_cut(b, sizeof(b), 28, &s));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ike_init_request_recognised),
		cmocka_unit_test(ike_init_response_recognised),
		cmocka_unit_test(ike_behind_non_esp_marker_recognised),
		cmocka_unit_test(ike_cookie_response_with_spi_r_zero_is_a_response),
		cmocka_unit_test(ike_length_must_match_the_udp_length),
		cmocka_unit_test(ike_header_cut_at_snap_68_still_judged),
		cmocka_unit_test(ike_other_versions_and_reserved_flags_refused),
		cmocka_unit_test(ike_track_needs_the_answer_to_its_own_request),
		cmocka_unit_test(ike_track_two_messages_of_one_sa),
		cmocka_unit_test(esp_header_recognised_on_wire_length),
		cmocka_unit_test(esp_reserved_spi_zero_sequence_and_keepalive_refused),
		cmocka_unit_test(esp_track_one_spi_climbing),
		cmocka_unit_test(esp_track_sequence_leap_is_not_esp),
		cmocka_unit_test(esp_track_spi_change_starts_again),
		cmocka_unit_test(wg_transport_judged_on_wire_length_when_cut),
		cmocka_unit_test(wg_type_without_receiver_index_is_too_little),
		cmocka_unit_test(wg_track_one_receiver_index_per_direction),
		cmocka_unit_test(wg_track_changing_index_is_not_wireguard),
		cmocka_unit_test(ovpn_tls_crypt_client_reset_recognised),
		cmocka_unit_test(ovpn_tcp_length_judged_on_wire_when_cut),
		cmocka_unit_test(ovpn_tcp_framing_alone_at_snap_68_both_ways),
		cmocka_unit_test(ovpn_tcp_framing_broken_once_is_not_openvpn),
		cmocka_unit_test(ipsec_natt_is_the_other_half_of_ike),
		cmocka_unit_test(dns_header_named_when_the_rest_is_cut),
		cmocka_unit_test(dns_header_cut_refuses_random_bytes),
		cmocka_unit_test(stun_header_named_when_the_rest_is_cut),
		cmocka_unit_test(stun_header_cut_needs_the_magic_cookie),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
