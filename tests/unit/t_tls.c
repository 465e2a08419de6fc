/* SPDX-License-Identifier: MIT */
/* t_tls.c - ClientHello recognition and server_name; QUIC Initials. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>

#include "tls.h"

/* A ClientHello with one cipher suite and the given SNI (or none). */
static size_t
hello(uint8_t *b, const char *sni, uint16_t recver)
{
	size_t o = 0, n = sni != NULL ? strlen(sni) : 0, hs, ext;

	b[o++] = 22; b[o++] = recver >> 8; b[o++] = recver & 0xff;
	o += 2;					/* record length */
	hs = o;
	b[o++] = 1; o += 3;			/* ClientHello, length */
	b[o++] = 3; b[o++] = 3;			/* legacy_version */
	memset(b + o, 0xab, 32); o += 32;	/* random */
	b[o++] = 0;				/* session id */
	b[o++] = 0; b[o++] = 2; b[o++] = 0x13; b[o++] = 0x01;
	b[o++] = 1; b[o++] = 0;			/* compression */
	ext = o; o += 2;
	b[o++] = 0; b[o++] = 0x17; b[o++] = 0; b[o++] = 0;	/* ems */
	if (sni != NULL) {
		b[o++] = 0; b[o++] = 0;
		b[o++] = (uint8_t)((n + 5) >> 8); b[o++] = (uint8_t)(n + 5);
		b[o++] = (uint8_t)((n + 3) >> 8); b[o++] = (uint8_t)(n + 3);
		b[o++] = 0;
		b[o++] = (uint8_t)(n >> 8); b[o++] = (uint8_t)n;
		memcpy(b + o, sni, n); o += n;
	}
	b[ext] = (uint8_t)((o - ext - 2) >> 8); b[ext + 1] = (uint8_t)(o - ext - 2);
	b[hs + 1] = 0; b[hs + 2] = (uint8_t)((o - hs - 4) >> 8);
	b[hs + 3] = (uint8_t)(o - hs - 4);
	b[3] = (uint8_t)((o - 5) >> 8); b[4] = (uint8_t)(o - 5);
	return o;
}

static void
t_client_hello_gives_its_server_name(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "www.example.com", 0x0301);

	(void)state;
	assert_true(tls_client_hello(b, n, &t));
	assert_true(t.has_sni);
	assert_true(t.complete);
	assert_string_equal(t.sni, "www.example.com");
	assert_int_equal(t.version, 0x0303);
}

static void
t_client_hello_without_sni_is_a_hello(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, NULL, 0x0303);

	(void)state;
	assert_true(tls_client_hello(b, n, &t));
	assert_false(t.has_sni);
}

static void
t_cut_hello_is_a_hello_from_11_bytes_sni_only_whole(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "www.example.com", 0x0301);

	(void)state;
	/* every prefix: no crash; long enough for the header: still a hello,
	 * the SNI only when all of it is there */
	for (size_t k = 0; k < n; k++) {
		bool h = tls_client_hello(b, k, &t);
		assert_true(h == (k >= 11));
		if (t.has_sni)
			assert_string_equal(t.sni, "www.example.com");
		assert_false(t.complete && k < n);
	}
}

static void
t_server_hello_is_not_a_client_hello(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "a.example", 0x0301);

	(void)state;
	b[5] = 2;				/* ServerHello */
	assert_false(tls_client_hello(b, n, &t));
}

static void
t_application_data_record_is_not_a_hello(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "a.example", 0x0301);

	(void)state;
	b[0] = 23;				/* application data */
	assert_false(tls_client_hello(b, n, &t));
}

static void
t_sslv2_record_version_is_not_a_hello(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "a.example", 0x0205);	/* SSLv2-ish version */

	(void)state;
	assert_false(tls_client_hello(b, n, &t));
}

static void
t_http_is_not_a_hello(void **state)
{
	struct ls_tls t;

	(void)state;
	assert_false(tls_client_hello((const uint8_t *)"GET / HTTP/1.1\r\n", 16, &t));
}

static void
t_sni_length_past_its_extension_reads_no_name(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "www.example.com", 0x0301);

	(void)state;
	/* an SNI length past its extension: no name read from beyond */
	b[n - 16] = 0xff;			/* name length high byte */
	assert_true(tls_client_hello(b, n, &t));
	assert_false(t.has_sni);
}

static void
t_quic_v1_initial_padded_to_1200_is_initial(void **state)
{
	uint8_t b[1300];

	(void)state;
	memset(b, 0, sizeof(b));
	b[0] = 0xc3; b[4] = 1; b[5] = 8;	/* v1 Initial, DCID 8 */
	assert_true(quic_initial(b, 1200));
	assert_false(quic_initial(b, 1199));	/* not padded: not a client's */
}

static void
t_quic_v1_handshake_is_not_initial(void **state)
{
	uint8_t b[1300];

	(void)state;
	memset(b, 0, sizeof(b));
	b[0] = 0xe3; b[4] = 1; b[5] = 8;	/* v1 Handshake */
	assert_false(quic_initial(b, 1200));
}

static void
t_quic_v2_initial_is_type_1(void **state)
{
	uint8_t b[1300];

	(void)state;
	memset(b, 0, sizeof(b));
	b[5] = 8;
	b[0] = 0xd3; b[1] = 0x6b; b[2] = 0x33; b[3] = 0x43; b[4] = 0xcf;
	assert_true(quic_initial(b, 1200));	/* v2 Initial is type 1 */
}

static void
t_quic_short_header_or_3_bytes_is_not_initial(void **state)
{
	uint8_t b[1300];

	(void)state;
	memset(b, 0, sizeof(b));
	b[0] = 0x43; b[4] = 1; b[5] = 8;	/* short header */
	assert_false(quic_initial(b, 1200));
	b[0] = 0xc3;
	assert_false(quic_initial(b, 3));
}

static void
t_hello_message_without_record_header_gives_its_server_name(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "quic.example", 0x0303);

	(void)state;
	assert_false(tls_hello_message(b, n, &t));	/* a record */
	assert_true(tls_hello_message(b + 5, n - 5, &t));
	assert_true(t.has_sni);
	assert_true(t.complete);
	assert_string_equal(t.sni, "quic.example");
}

static void
t_hello_message_cut_before_its_name_is_a_hello_without_one(void **state)
{
	uint8_t b[600];
	struct ls_tls t;
	size_t n = hello(b, "quic.example", 0x0303);

	(void)state;
	assert_true(tls_hello_message(b + 5, n - 5 - 6, &t));
	assert_false(t.has_sni);
	assert_false(t.complete);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_client_hello_gives_its_server_name),
		cmocka_unit_test(t_client_hello_without_sni_is_a_hello),
		cmocka_unit_test(t_cut_hello_is_a_hello_from_11_bytes_sni_only_whole),
		cmocka_unit_test(t_server_hello_is_not_a_client_hello),
		cmocka_unit_test(t_application_data_record_is_not_a_hello),
		cmocka_unit_test(t_sslv2_record_version_is_not_a_hello),
		cmocka_unit_test(t_http_is_not_a_hello),
		cmocka_unit_test(t_sni_length_past_its_extension_reads_no_name),
		cmocka_unit_test(t_hello_message_without_record_header_gives_its_server_name),
		cmocka_unit_test(t_hello_message_cut_before_its_name_is_a_hello_without_one),
		cmocka_unit_test(t_quic_v1_initial_padded_to_1200_is_initial),
		cmocka_unit_test(t_quic_v1_handshake_is_not_initial),
		cmocka_unit_test(t_quic_v2_initial_is_type_1),
		cmocka_unit_test(t_quic_short_header_or_3_bytes_is_not_initial),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
