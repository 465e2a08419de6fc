/* SPDX-License-Identifier: MIT */
/*
 * httpcred.c - the kinds of credentials in a plaintext HTTP request (see
 * httpcred.h).
 *
 * Headers: Authorization and Proxy-Authorization by scheme (RFC 9110
 * 11.6.2, 11.7.2: Basic RFC 7617, Bearer RFC 6750, Digest RFC 7616,
 * Negotiate RFC 4559 and NTLM), Cookie (RFC 6265 5.4: a session is as
 * good as a password), and the API key and token headers services use.
 * Pairs: application/x-www-form-urlencoded (the WHATWG URL standard's
 * serializer: '&' between pairs, '=' inside, '+' and %XX escapes), the
 * body of a form POST and the query of a request target alike.
 *
 * What is never looked at: JSON and multipart bodies, a key split across
 * two TCP segments, values (whether a password is right is not ours to
 * say; an empty value gives nothing away and does not count).  A
 * CSRF token (csrf_token, authenticity_token) is not a credential, and a
 * key is matched whole after its last [...] (user[password] is password),
 * so pagination tokens (page_token) and the like are not flagged.
 */
#include <string.h>

#include "cursor.h"
#include "httpcred.h"

static const char *const cred_names[HTTP_CRED__COUNT] = {
	"authorization:basic", "authorization:bearer", "authorization:digest",
	"authorization:negotiate", "authorization:other",
	"proxy-authorization:basic", "proxy-authorization:bearer",
	"proxy-authorization:digest", "proxy-authorization:negotiate",
	"proxy-authorization:other",
	"cookie", "header:api_key", "header:token",
	"form:password", "form:token", "form:api_key", "form:secret",
	"query:password", "query:token", "query:api_key", "query:secret",
};

const char *
httpcred_name(enum http_cred c)
{
	return (unsigned)c < HTTP_CRED__COUNT ? cred_names[c] : "?";
}

static uint8_t
lower(uint8_t c)
{
	return c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

/* Is a[0..n) the string b, ignoring ASCII case? */
static int
ieq(const uint8_t *a, size_t n, const char *b)
{
	size_t bn = strlen(b);

	if (bn != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != (uint8_t)b[i])
			return 0;
	return 1;
}

static int
in_list(const uint8_t *a, size_t n, const char *const *list)
{
	for (; *list != NULL; list++)
		if (ieq(a, n, *list))
			return 1;
	return 0;
}

/* The scheme of an Authorization value: 0..4 (an offset from BASIC). */
static unsigned
scheme_of(const uint8_t *v, size_t n)
{
	size_t t = 0;

	while (t < n && v[t] != ' ' && v[t] != '\t')
		t++;
	if (ieq(v, t, "basic"))
		return 0;
	if (ieq(v, t, "bearer"))
		return 1;
	if (ieq(v, t, "digest"))
		return 2;
	if (ieq(v, t, "negotiate") || ieq(v, t, "ntlm"))
		return 3;
	return 4;
}

uint32_t
httpcred_header(const uint8_t *name, size_t nlen, const uint8_t *value,
    size_t vlen)
{
	static const char *const api_key[] = {
		"x-api-key", "api-key", "apikey", "x-apikey", NULL
	};
	static const char *const token[] = {
		"x-auth-token", "x-access-token", "private-token",
		"x-amz-security-token", "x-goog-iam-authorization-token", NULL
	};

	if (vlen == 0)
		return 0;		/* nothing given away */
	if (ieq(name, nlen, "authorization"))
		return 1u << (HTTP_CRED_AUTH_BASIC + scheme_of(value, vlen));
	if (ieq(name, nlen, "proxy-authorization"))
		return 1u << (HTTP_CRED_PROXY_BASIC + scheme_of(value, vlen));
	if (ieq(name, nlen, "cookie"))
		return 1u << HTTP_CRED_COOKIE;
	if (in_list(name, nlen, api_key))
		return 1u << HTTP_CRED_HEADER_API_KEY;
	if (in_list(name, nlen, token))
		return 1u << HTTP_CRED_HEADER_TOKEN;
	return 0;
}

/* What a key names: 0 password, 1 token, 2 api_key, 3 secret, -1 none. */
static int
key_kind(const uint8_t *k, size_t n)
{
	static const char *const password[] = {
		"password", "passwd", "pass", "pwd", "pw", "passphrase",
		"passwort", "pword", NULL
	};
	static const char *const token[] = {
		"token", "access_token", "refresh_token", "id_token",
		"auth_token", "authtoken", "accesstoken", "session_token",
		"sessiontoken", "oauth_token", "bearer_token", "private_token",
		"jwt", NULL
	};
	static const char *const api_key[] = {
		"api_key", "apikey", "api-key", "app_key", "access_key",
		"accesskey", NULL
	};
	static const char *const secret[] = {
		"secret", "client_secret", "secret_key", "secretkey",
		"api_secret", "app_secret", "aws_secret_access_key", NULL
	};
	static const char *const suffix[] = { "password", "passwd", NULL };

	/* user[password] -> password */
	if (n > 2 && k[n - 1] == ']') {
		size_t o = n - 1;
		while (o > 0 && k[o - 1] != '[')
			o--;
		if (o > 0) {
			k += o;
			n = n - 1 - o;
		}
	}
	if (in_list(k, n, password))
		return 0;
	for (const char *const *s = suffix; *s != NULL; s++) {
		size_t sl = strlen(*s);
		if (n > sl && ieq(k + n - sl, sl, *s))
			return 0;	/* new_password, userpassword */
	}
	if (in_list(k, n, token))
		return 1;
	if (in_list(k, n, api_key))
		return 2;
	if (in_list(k, n, secret))
		return 3;
	return -1;
}

static int
hexval(uint8_t c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

uint32_t
httpcred_pairs(const uint8_t *s, size_t n, enum httpcred_where where)
{
	struct ls_cursor c = cur_init(s, n);
	unsigned base = where == HTTPCRED_QUERY ? HTTP_CRED_QUERY_PASSWORD :
	    HTTP_CRED_FORM_PASSWORD;
	uint32_t bits = 0;

	while (cur_remaining(&c) > 0) {
		uint8_t key[HTTPCRED_KEY_MAX];
		size_t kn = 0, vn = 0;
		int long_key = 0, eq = 0;

		/* the key, decoded, until '=' or the end of the pair */
		while (cur_remaining(&c) > 0) {
			uint8_t ch = cur_u8(&c);
			if (ch == '=') {
				eq = 1;
				break;
			}
			if (ch == '&')
				break;
			if (ch == '+')
				ch = ' ';
			else if (ch == '%') {
				uint8_t h, l;
				int hi = cur_peek_u8(&c, 0, &h) ? hexval(h) : -1;
				int lo = cur_peek_u8(&c, 1, &l) ? hexval(l) : -1;
				if (hi >= 0 && lo >= 0) {
					ch = (uint8_t)(hi << 4 | lo);
					cur_skip(&c, 2);
				}
			}
			if (kn < sizeof(key))
				key[kn++] = ch;
			else
				long_key = 1;
		}
		/* the value: only its length */
		if (eq)
			while (cur_remaining(&c) > 0 && cur_u8(&c) != '&')
				vn++;
		if (!eq || vn == 0 || long_key)
			continue;
		int k = key_kind(key, kn);
		if (k >= 0)
			bits |= 1u << (base + (unsigned)k);
	}
	return bits;
}
