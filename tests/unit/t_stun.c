/* SPDX-License-Identifier: MIT */
/* t_stun.c - the STUN extractor: RFC 5769 test vectors and hostile input. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "stun.h"

/* RFC 5769 2.2: IPv4 response, mapped address 192.0.2.1:32853 */
static const uint8_t v4resp[] = {
	0x01, 0x01, 0x00, 0x3c, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01,
	0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b,
	0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x20,
	0x00, 0x20, 0x00, 0x08, 0x00, 0x01, 0xa1, 0x47, 0xe1, 0x12, 0xa6, 0x43,
	0x00, 0x08, 0x00, 0x14, 0x2b, 0x91, 0xf5, 0x99, 0xfd, 0x9e, 0x90, 0xc3,
	0x8c, 0x74, 0x89, 0xf9, 0x2a, 0xf9, 0xba, 0x53, 0xf0, 0x6b, 0xe7, 0xd7,
	0x80, 0x28, 0x00, 0x04, 0xc0, 0x7d, 0x4c, 0x96,
};

/* RFC 5769 2.3: IPv6 response, 2001:db8:1234:5678:11:2233:4455:6677 */
static const uint8_t v6resp[] = {
	0x01, 0x01, 0x00, 0x48, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01,
	0xbc, 0x34, 0xd6, 0x86, 0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x0b,
	0x74, 0x65, 0x73, 0x74, 0x20, 0x76, 0x65, 0x63, 0x74, 0x6f, 0x72, 0x20,
	0x00, 0x20, 0x00, 0x14, 0x00, 0x02, 0xa1, 0x47, 0x01, 0x13, 0xa9, 0xfa,
	0xa5, 0xd3, 0xf1, 0x79, 0xbc, 0x25, 0xf4, 0xb5, 0xbe, 0xd2, 0xb9, 0xd9,
	0x00, 0x08, 0x00, 0x14, 0xa3, 0x82, 0x95, 0x4e, 0x4b, 0xe6, 0x7b, 0xf1,
	0x17, 0x84, 0xc9, 0x7c, 0x82, 0x92, 0xc2, 0x75, 0xbf, 0xe3, 0xed, 0x41,
	0x80, 0x28, 0x00, 0x04, 0xc8, 0xfb, 0x0b, 0x4c,
};

static void
t_rfc5769_ipv4_response_gives_xor_mapped_address(void **state)
{
	struct ls_stun s;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(stun_extract(v4resp, sizeof(v4resp), &s), STUN_OK);
	assert_true(s.rfc5389);
	assert_true(s.has_mapped);
	assert_true(s.mapped_xor);
	assert_string_equal(addr_fmt(&s.mapped, buf), "192.0.2.1");
	assert_int_equal(s.mapped_port, 32853);
}

static void
t_rfc5769_ipv4_response_gives_software_and_type(void **state)
{
	char tn[STUN_TYPE_STRLEN];
	struct ls_stun s;

	(void)state;
	assert_int_equal(stun_extract(v4resp, sizeof(v4resp), &s), STUN_OK);
	assert_true(s.has_software);
	assert_int_equal(s.software_len, 11);
	assert_memory_equal(s.software, "test vector", 11);
	assert_int_equal(s.nattrs, 4);
	assert_string_equal(stun_type_name(s.type, tn), "Binding Success Response");
}

static void
t_rfc5769_ipv6_response_gives_xor_mapped_address(void **state)
{
	struct ls_stun s;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(stun_extract(v6resp, sizeof(v6resp), &s), STUN_OK);
	assert_string_equal(addr_fmt(&s.mapped, buf),
	    "2001:db8:1234:5678:11:2233:4455:6677");
	assert_int_equal(s.mapped_port, 32853);
}

static void
t_type_names_binding_allocate_error_and_unknown(void **state)
{
	char tn[STUN_TYPE_STRLEN];
	(void)state;
	assert_string_equal(stun_type_name(0x0001, tn), "Binding Request");
	assert_string_equal(stun_type_name(0x0003, tn), "Allocate Request");
	assert_string_equal(stun_type_name(0x0111, tn), "Binding Error Response");
	assert_string_equal(stun_type_name(0x0fff, tn), "Unknown");
}

static void
t_every_truncation_fails_cleanly(void **state)
{
	struct ls_stun s;

	(void)state;
	for (size_t cut = 0; cut < sizeof(v4resp); cut++)
		assert_int_not_equal(stun_extract(v4resp, cut, &s), STUN_OK);
}

static void
t_length_not_multiple_of_4_is_not_stun(void **state)
{
	uint8_t b[200];
	struct ls_stun s;

	(void)state;
	memcpy(b, v4resp, sizeof(v4resp));
	b[3] = 0x3d;
	assert_int_equal(stun_extract(b, sizeof(v4resp), &s), STUN_NOT_STUN);
}

static void
t_length_beyond_payload_is_truncated(void **state)
{
	uint8_t b[200];
	struct ls_stun s;

	(void)state;
	memcpy(b, v4resp, sizeof(v4resp));
	b[3] = 0x40;
	assert_int_equal(stun_extract(b, sizeof(v4resp), &s), STUN_TRUNC);
}

static void
t_attribute_overrunning_message_is_bad_attr(void **state)
{
	uint8_t b[200];
	struct ls_stun s;

	(void)state;
	memcpy(b, v4resp, sizeof(v4resp));
	b[23] = 0x40;			/* SOFTWARE overruns the message */
	assert_int_equal(stun_extract(b, sizeof(v4resp), &s), STUN_BAD_ATTR);
}

static void
t_type_with_top_bits_set_is_not_stun(void **state)
{
	uint8_t b[200];
	struct ls_stun s;

	(void)state;
	memcpy(b, v4resp, sizeof(v4resp));
	b[0] = 0xc1;
	assert_int_equal(stun_extract(b, sizeof(v4resp), &s), STUN_NOT_STUN);
}

static void
t_no_cookie_and_not_rfc3489_shaped_is_not_stun(void **state)
{
	uint8_t b[200];
	struct ls_stun s;

	(void)state;
	memcpy(b, v4resp, sizeof(v4resp));
	b[4] = 0;
	b[0] = 0x0a;
	assert_int_equal(stun_extract(b, sizeof(v4resp), &s), STUN_NOT_STUN);
}

static void
t_attribute_walk_stops_at_max_attrs(void **state)
{
	size_t n = 20 + 4 * 10000;
	uint8_t *b = calloc(1, n);
	struct ls_stun s;

	(void)state;
	assert_non_null(b);
	memcpy(b, v4resp, 20);
	b[2] = (uint8_t)((n - 20) >> 8);
	b[3] = (uint8_t)(n - 20);
	/* 10,000 empty attributes: the walk stops at the cap */
	for (size_t i = 20; i < n; i += 4) {
		b[i] = 0x80;
		b[i + 1] = 0x99;
	}
	/* length field is 16 bits: 40,000 fits */
	assert_int_equal(stun_extract(b, n, &s), STUN_OK);
	assert_int_equal(s.nattrs, STUN_MAX_ATTRS);
	free(b);
}

/* classic Binding Response with MAPPED-ADDRESS 198.51.100.7:4000 */
static const uint8_t classic[] = {
	0x01, 0x01, 0x00, 0x0c, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
	13, 14, 15, 16, 0x00, 0x01, 0x00, 0x08, 0x00, 0x01, 0x0f, 0xa0,
	198, 51, 100, 7,
};

static void
t_rfc3489_response_gives_plain_mapped_address(void **state)
{
	struct ls_stun s;
	char buf[ADDR_STRLEN];

	(void)state;
	assert_int_equal(stun_extract(classic, sizeof(classic), &s), STUN_OK);
	assert_false(s.rfc5389);
	assert_true(s.has_mapped);
	assert_false(s.mapped_xor);
	assert_string_equal(addr_fmt(&s.mapped, buf), "198.51.100.7");
	assert_int_equal(s.mapped_port, 4000);
}

static void
t_rfc3489_shape_needs_exact_length(void **state)
{
	struct ls_stun s;

	(void)state;
	assert_int_equal(stun_extract(classic, sizeof(classic) - 1, &s),
	    STUN_NOT_STUN);
}

static void
t_random_bytes_almost_never_pass(void **state)
{
	uint8_t b[600];
	unsigned pass = 0;
	uint32_t r = 99;

	(void)state;
	for (int i = 0; i < 100000; i++) {
		size_t n = 20 + (size_t)(i % 580);
		for (size_t k = 0; k < n; k++) {
			r = r * 1103515245u + 12345u;
			b[k] = (uint8_t)(r >> 16);
		}
		struct ls_stun s;
		pass += stun_extract(b, n, &s) == STUN_OK;
	}
	assert_true(pass < 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_rfc5769_ipv4_response_gives_xor_mapped_address),
		cmocka_unit_test(t_rfc5769_ipv4_response_gives_software_and_type),
		cmocka_unit_test(t_rfc5769_ipv6_response_gives_xor_mapped_address),
		cmocka_unit_test(t_type_names_binding_allocate_error_and_unknown),
		cmocka_unit_test(t_every_truncation_fails_cleanly),
		cmocka_unit_test(t_length_not_multiple_of_4_is_not_stun),
		cmocka_unit_test(t_length_beyond_payload_is_truncated),
		cmocka_unit_test(t_attribute_overrunning_message_is_bad_attr),
		cmocka_unit_test(t_type_with_top_bits_set_is_not_stun),
		cmocka_unit_test(t_no_cookie_and_not_rfc3489_shaped_is_not_stun),
		cmocka_unit_test(t_attribute_walk_stops_at_max_attrs),
		cmocka_unit_test(t_rfc3489_response_gives_plain_mapped_address),
		cmocka_unit_test(t_rfc3489_shape_needs_exact_length),
		cmocka_unit_test(t_random_bytes_almost_never_pass),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
