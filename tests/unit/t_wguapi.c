/* SPDX-License-Identifier: MIT */
/* t_wguapi.c - WireGuard UAPI answers: endpoints found, the rest ignored. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <string.h>

#include "addr.h"
#include "wguapi.h"
#include "wgpeers.h"

/* What wireguard-go answers to get=1 (keys shortened). */
static const char answer[] =
    "private_key=e84b5a6d2717c1003a13b431570353dbaca9146cf150c5f8575680feba52027a\n"
    "listen_port=41000\n"
    "public_key=b85996fecc9c7f1fc6d2572a76eda11d59bcd20be8e543b15ce4bd85a8e75a33\n"
    "preshared_key=0000000000000000000000000000000000000000000000000000000000000000\n"
    "protocol_version=1\n"
    "endpoint=203.0.113.1:51820\n"
    "last_handshake_time_sec=1764032400\n"
    "tx_bytes=38333\n"
    "allowed_ip=0.0.0.0/0\n"
    "public_key=58402e695ba1772b1cc9309755f043251ea77fdcf10fbe63989ceb7e19321376\n"
    "endpoint=[2001:db8::1]:443\n"
    "public_key=662e14fd594556f522604703340351258903b64f35553763f19426ab2a515c58\n"
    "allowed_ip=198.51.100.0/24\n"
    "errno=0\n"
    "\n"
    "endpoint=198.51.100.99:1\n";		/* after the end: not read */

static void
t_both_peer_endpoints_are_found(void **state)
{
	struct ls_endpoint ep[8];
	int n = wg_uapi_parse(answer, sizeof(answer) - 1, ep, 8);

	(void)state;
	assert_int_equal(n, 2);
	assert_fixture_peers(ep);
}

static void
t_more_endpoints_than_room_gives_the_first(void **state)
{
	struct ls_endpoint ep[1];

	(void)state;
	assert_int_equal(wg_uapi_parse(answer, sizeof(answer) - 1, ep, 1), 1);
}

static void
t_junk_endpoints_are_skipped_the_good_one_kept(void **state)
{
	/* junk, no port, overlong, truncated: nothing, no crash */
	static const char bad[] = "endpoint=\nendpoint=203.0.113.1\n"
	    "endpoint=300.1.1.1:5\nendpoint=[2001:db8::1:5\n"
	    "endpoint=203.0.113.1:51820000000000000000000000000000000000000"
	    "00000000000000000000000000000000000000000000000000000000000000"
	    "0000000000000000000000000000000000000000000000000000000000000\n"
	    "endpoint=203.0.113.1:7";
	struct ls_endpoint e2[8];

	(void)state;
	assert_int_equal(wg_uapi_parse(bad, sizeof(bad) - 1, e2, 8), 1);
	assert_int_equal(e2[0].port, 7);
}

static void
t_empty_answer_gives_none(void **state)
{
	struct ls_endpoint e2[8];

	(void)state;
	assert_int_equal(wg_uapi_parse("", 0, e2, 8), 0);
}

static void
t_missing_socket_is_minus_1(void **state)
{
	struct ls_endpoint ep[1];

	(void)state;
	assert_int_equal(wg_uapi_endpoints("/nonexistent", "wg0", ep, 1), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_both_peer_endpoints_are_found),
		cmocka_unit_test(t_more_endpoints_than_room_gives_the_first),
		cmocka_unit_test(t_junk_endpoints_are_skipped_the_good_one_kept),
		cmocka_unit_test(t_empty_answer_gives_none),
		cmocka_unit_test(t_missing_socket_is_minus_1),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
