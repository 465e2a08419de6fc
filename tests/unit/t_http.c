/* SPDX-License-Identifier: MIT */
/* t_http.c - request and status lines, headers, and what is not HTTP. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

static enum http_res
ex(const char *s, struct ls_http *h)
{
	return http_extract((const uint8_t *)s, strlen(s), h);
}

static void
t_request_with_crlf_gives_method_url_host_agent(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GET /a?b=c HTTP/1.1\r\nhOsT:  example.com \r\n"
	    "User-agent: curl/8.0\r\nAccept: */*\r\n\r\n", &h), HTTP_REQUEST);
	assert_string_equal(h.method, "GET");
	assert_string_equal(h.url, "/a?b=c");
	assert_string_equal(h.host, "example.com");
	assert_int_equal(h.host_len, 11);
	assert_string_equal(h.user_agent, "curl/8.0");
	assert_int_equal(h.version_minor, 1);
}

static void
t_request_with_bare_lf_and_no_host(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("POST /x HTTP/1.0\nContent-Length: 0\n\n", &h),
	    HTTP_REQUEST);
	assert_int_equal(h.host_len, 0);
	assert_string_equal(h.method, "POST");
}

static void
t_request_line_cut_by_capture_still_counts(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GET /very/long/pa", &h), HTTP_REQUEST);
	assert_string_equal(h.url, "/very/long/pa");
}

static void
t_complete_request_line_without_version_is_not_http(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GET /x\r\n\r\n", &h), HTTP_NOT_HTTP);
}

static void
t_status_line_gives_status(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("HTTP/1.1 404 Not Found\r\n\r\n", &h),
	    HTTP_RESPONSE);
	assert_int_equal(h.status, 404);
}

static void
t_status_not_3_digits_100_to_999_is_not_http(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("HTTP/1.1 2x0 OK\r\n", &h), HTTP_NOT_HTTP);
	assert_int_equal(ex("HTTP/1.1 099 Low\r\n", &h), HTTP_NOT_HTTP);
}

static void
t_binary_and_other_protocols_are_not_http(void **state)
{
	struct ls_http h;
	static const uint8_t bin[] = { 0x16, 0x03, 0x01, 0x02, 0x00, 0x01 };

	(void)state;
	assert_int_equal(http_extract(bin, sizeof(bin), &h), HTTP_NOT_HTTP);
	assert_int_equal(ex("SSH-2.0-OpenSSH_9.2\r\n", &h), HTTP_NOT_HTTP);
}

static void
t_unknown_or_lowercase_method_is_not_http(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GETX / HTTP/1.1\r\n", &h), HTTP_NOT_HTTP);
	assert_int_equal(ex("get / HTTP/1.1\r\n", &h), HTTP_NOT_HTTP);
}

static void
t_empty_target_or_http2_version_is_not_http(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GET  HTTP/1.1\r\n", &h), HTTP_NOT_HTTP);
	assert_int_equal(ex("GET / HTTP/2.0\r\n", &h), HTTP_NOT_HTTP);
}

static void
t_bare_method_or_nothing_is_not_http(void **state)
{
	struct ls_http h;

	(void)state;
	assert_int_equal(ex("GET", &h), HTTP_NOT_HTTP);
	assert_int_equal(http_extract(NULL, 0, &h), HTTP_NOT_HTTP);
}

static void
t_url_longer_than_max_is_cut(void **state)
{
	static char big[HTTP_SCAN_MAX * 2];
	struct ls_http h;
	int n;

	(void)state;
	/* a URL longer than HTTP_URL_MAX is cut, not overrun */
	n = snprintf(big, sizeof(big), "GET /");
	memset(big + n, 'u', 2000);
	n += 2000;
	n += snprintf(big + n, sizeof(big) - (size_t)n,
	    " HTTP/1.1\r\nHost: h\r\n\r\n");
	assert_int_equal(http_extract((uint8_t *)big, (size_t)n, &h),
	    HTTP_REQUEST);
	assert_int_equal(h.url_len, HTTP_URL_MAX);
	assert_int_equal(h.url[HTTP_URL_MAX], '\0');
	assert_string_equal(h.host, "h");
}

static void
t_host_longer_than_field_is_cut(void **state)
{
	static char big[HTTP_SCAN_MAX * 2];
	struct ls_http h;
	int n;

	(void)state;
	n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\nHost: ");
	memset(big + n, 'h', 1000);
	n += 1000;
	n += snprintf(big + n, sizeof(big) - (size_t)n, "\r\n\r\n");
	assert_int_equal(http_extract((uint8_t *)big, (size_t)n, &h),
	    HTTP_REQUEST);
	assert_int_equal(h.host_len, HTTP_FIELD_MAX);
}

static void
t_host_after_max_headers_is_not_looked_for(void **state)
{
	static char big[HTTP_SCAN_MAX * 2];
	struct ls_http h;
	int n;

	(void)state;
	n = snprintf(big, sizeof(big), "GET / HTTP/1.1\r\n");
	for (int i = 0; i < HTTP_MAX_HEADERS + 5; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n, "X-%d: y\r\n", i);
	n += snprintf(big + n, sizeof(big) - (size_t)n, "Host: late\r\n\r\n");
	assert_int_equal(http_extract((uint8_t *)big, (size_t)n, &h),
	    HTTP_REQUEST);
	assert_int_equal(h.host_len, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_request_with_crlf_gives_method_url_host_agent),
		cmocka_unit_test(t_request_with_bare_lf_and_no_host),
		cmocka_unit_test(t_request_line_cut_by_capture_still_counts),
		cmocka_unit_test(t_complete_request_line_without_version_is_not_http),
		cmocka_unit_test(t_status_line_gives_status),
		cmocka_unit_test(t_status_not_3_digits_100_to_999_is_not_http),
		cmocka_unit_test(t_binary_and_other_protocols_are_not_http),
		cmocka_unit_test(t_unknown_or_lowercase_method_is_not_http),
		cmocka_unit_test(t_empty_target_or_http2_version_is_not_http),
		cmocka_unit_test(t_bare_method_or_nothing_is_not_http),
		cmocka_unit_test(t_url_longer_than_max_is_cut),
		cmocka_unit_test(t_host_longer_than_field_is_cut),
		cmocka_unit_test(t_host_after_max_headers_is_not_looked_for),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
