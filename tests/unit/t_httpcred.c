/* SPDX-License-Identifier: MIT */
/* t_httpcred.c - which credentials a request carries, never their values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "http.h"

#define BIT(k)	(1u << (k))

static uint32_t
creds(const char *s)
{
	struct ls_http h;

	assert_int_equal(http_extract((const uint8_t *)s, strlen(s), &h),
	    HTTP_REQUEST);
	return h.creds;
}

/* No field of the record holds the secret's bytes. */
static void
assert_not_kept(const struct ls_http *h, const char *secret)
{
	const uint8_t *p = (const uint8_t *)h;
	size_t n = strlen(secret);

	for (size_t i = 0; i + n <= sizeof(*h); i++)
		assert_false(memcmp(p + i, secret, n) == 0);
}

static void
t_basic_authorization_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("GET /admin HTTP/1.1\r\nHost: router.example\r\n"
	    "Authorization: Basic YWRtaW46aHVudGVyMg==\r\n\r\n"),
	    BIT(HTTP_CRED_AUTH_BASIC));
}

static void
t_bearer_authorization_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("GET /v1/me HTTP/1.1\r\nHost: api.example\r\n"
	    "authorization: bearer eyJhbGciOiJIUzI1NiJ9.e30.x\r\n\r\n"),
	    BIT(HTTP_CRED_AUTH_BEARER));
}

static void
t_proxy_authorization_is_its_own_kind(void **state)
{
	(void)state;
	assert_int_equal(creds("GET http://example.com/ HTTP/1.1\r\n"
	    "Host: example.com\r\nProxy-Authorization: NTLM TlRMTVNTUAAB\r\n\r\n"),
	    BIT(HTTP_CRED_PROXY_NEGOTIATE));
}

static void
t_unknown_scheme_is_other(void **state)
{
	(void)state;
	assert_int_equal(creds("GET / HTTP/1.1\r\nAuthorization: "
	    "AWS4-HMAC-SHA256 Credential=x\r\n\r\n"), BIT(HTTP_CRED_AUTH_OTHER));
}

static void
t_cookie_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("GET / HTTP/1.1\r\nHost: shop.example\r\n"
	    "Cookie: SESSIONID=8f1c2a\r\n\r\n"), BIT(HTTP_CRED_COOKIE));
}

static void
t_empty_cookie_gives_nothing(void **state)
{
	(void)state;
	assert_int_equal(creds("GET / HTTP/1.1\r\nCookie:   \r\n\r\n"), 0);
}

static void
t_api_key_header_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("GET / HTTP/1.1\r\nX-API-Key: k123\r\n\r\n"),
	    BIT(HTTP_CRED_HEADER_API_KEY));
}

static void
t_form_password_detected(void **state)
{
	struct ls_http h;
	const char *s = "POST /login HTTP/1.1\r\nHost: portal.example\r\n"
	    "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
	    "Content-Length: 33\r\n\r\nusername=alice&password=hunter2xy";

	(void)state;
	assert_int_equal(http_extract((const uint8_t *)s, strlen(s), &h),
	    HTTP_REQUEST);
	assert_int_equal(h.creds, BIT(HTTP_CRED_FORM_PASSWORD));
	assert_int_equal(h.body_left, 0);
	assert_not_kept(&h, "hunter2xy");
}

static void
t_form_percent_encoded_bracketed_key_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("POST /s HTTP/1.1\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\n\r\nuser%5Bpassword%5D=x"),
	    BIT(HTTP_CRED_FORM_PASSWORD));
}

static void
t_form_token_and_secret_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("POST /oauth/token HTTP/1.1\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\n\r\ngrant_type=refresh_token&"
	    "refresh_token=r1&client_secret=s2"),
	    BIT(HTTP_CRED_FORM_TOKEN) | BIT(HTTP_CRED_FORM_SECRET));
}

static void
t_form_without_secret_not_flagged(void **state)
{
	(void)state;
	assert_int_equal(creds("POST /search HTTP/1.1\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\nContent-Length: 40\r\n\r\n"
	    "q=passwords&page_token=abc&csrf_token=zz"), 0);
}

static void
t_form_empty_password_not_flagged(void **state)
{
	(void)state;
	assert_int_equal(creds("POST /login HTTP/1.1\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\n\r\nuser=a&password=&x=1"), 0);
}

static void
t_password_in_other_body_type_not_looked_at(void **state)
{
	(void)state;
	assert_int_equal(creds("POST /login HTTP/1.1\r\nContent-Type: "
	    "text/plain\r\n\r\npassword=hunter2"), 0);
}

static void
t_query_token_detected(void **state)
{
	(void)state;
	assert_int_equal(creds("GET /feed?access_token=abc&x=1#password=no "
	    "HTTP/1.1\r\nHost: h\r\n\r\n"), BIT(HTTP_CRED_QUERY_TOKEN));
}

static void
t_body_cut_by_snap_length_does_not_crash(void **state)
{
	const char *s = "POST /login HTTP/1.1\r\nContent-Type: "
	    "application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n"
	    "user=alice&passwd=h";
	struct ls_http h;

	(void)state;
	/* every cut of the payload: no read past it, no bogus kinds */
	for (size_t n = 0; n <= strlen(s); n++) {
		if (http_extract((const uint8_t *)s, n, &h) != HTTP_REQUEST)
			continue;
		assert_int_equal(h.creds & ~BIT(HTTP_CRED_FORM_PASSWORD), 0);
	}
	assert_int_equal(http_extract((const uint8_t *)s, strlen(s), &h),
	    HTTP_REQUEST);
	assert_int_equal(h.creds, BIT(HTTP_CRED_FORM_PASSWORD));
	assert_int_equal(h.body_left, 500 - strlen("user=alice&passwd=h"));
}

static void
t_form_body_in_next_segment_detected(void **state)
{
	const char *hd = "POST /login HTTP/1.1\r\nHost: portal.example\r\n"
	    "Content-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 24\r\n\r\n";
	const char *body = "email=a%40b.c&pwd=secret";
	struct ls_http h;

	(void)state;
	assert_int_equal(http_extract((const uint8_t *)hd, strlen(hd), &h),
	    HTTP_REQUEST);
	assert_int_equal(h.creds, 0);
	assert_int_equal(h.body_left, 24);
	http_more_body(&h, (const uint8_t *)body, strlen(body));
	assert_int_equal(h.creds, BIT(HTTP_CRED_FORM_PASSWORD));
	assert_int_equal(h.body_left, 0);
}

static void
t_every_kind_has_a_name(void **state)
{
	(void)state;
	for (int k = 0; k < HTTP_CRED__COUNT; k++)
		assert_string_not_equal(httpcred_name(k), "?");
	assert_string_equal(httpcred_name(HTTP_CRED__COUNT), "?");
	assert_string_equal(httpcred_name(HTTP_CRED_FORM_PASSWORD),
	    "form:password");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_basic_authorization_detected),
		cmocka_unit_test(t_bearer_authorization_detected),
		cmocka_unit_test(t_proxy_authorization_is_its_own_kind),
		cmocka_unit_test(t_unknown_scheme_is_other),
		cmocka_unit_test(t_cookie_detected),
		cmocka_unit_test(t_empty_cookie_gives_nothing),
		cmocka_unit_test(t_api_key_header_detected),
		cmocka_unit_test(t_form_password_detected),
		cmocka_unit_test(t_form_percent_encoded_bracketed_key_detected),
		cmocka_unit_test(t_form_token_and_secret_detected),
		cmocka_unit_test(t_form_without_secret_not_flagged),
		cmocka_unit_test(t_form_empty_password_not_flagged),
		cmocka_unit_test(t_password_in_other_body_type_not_looked_at),
		cmocka_unit_test(t_query_token_detected),
		cmocka_unit_test(t_body_cut_by_snap_length_does_not_crash),
		cmocka_unit_test(t_form_body_in_next_segment_detected),
		cmocka_unit_test(t_every_kind_has_a_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
