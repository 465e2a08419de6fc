/* SPDX-License-Identifier: MIT */
/*
 * httpcred.h - which credentials a plaintext HTTP request gives away.
 *
 * http.c hands each header, the query string of the request target and a
 * form body (application/x-www-form-urlencoded) to these; they answer with
 * a bit per kind of credential (enum http_cred) and never keep a byte of
 * the secret: a report says "authorization:basic" or "form:password",
 * never the password.  Bounded: keys are compared on their first
 * HTTPCRED_KEY_MAX bytes after percent-decoding, values only measured.
 */
#ifndef HTTPCRED_H
#define HTTPCRED_H

#include <stddef.h>
#include <stdint.h>

#define HTTPCRED_KEY_MAX	40	/* longest key compared */

/* The kinds, a bit each in ls_http.creds (1u << kind). */
enum http_cred {
	/* Authorization: by its scheme (RFC 9110 11.6.2) */
	HTTP_CRED_AUTH_BASIC = 0,
	HTTP_CRED_AUTH_BEARER,
	HTTP_CRED_AUTH_DIGEST,
	HTTP_CRED_AUTH_NEGOTIATE,	/* Negotiate, NTLM */
	HTTP_CRED_AUTH_OTHER,
	/* Proxy-Authorization (RFC 9110 11.7.2), the same schemes */
	HTTP_CRED_PROXY_BASIC,
	HTTP_CRED_PROXY_BEARER,
	HTTP_CRED_PROXY_DIGEST,
	HTTP_CRED_PROXY_NEGOTIATE,
	HTTP_CRED_PROXY_OTHER,
	HTTP_CRED_COOKIE,		/* a Cookie header: session keys */
	HTTP_CRED_HEADER_API_KEY,	/* X-API-Key, Api-Key */
	HTTP_CRED_HEADER_TOKEN,		/* X-Auth-Token, Private-Token, ... */
	/* a form body's keys: password, token, api_key, secret */
	HTTP_CRED_FORM_PASSWORD,
	HTTP_CRED_FORM_TOKEN,
	HTTP_CRED_FORM_API_KEY,
	HTTP_CRED_FORM_SECRET,
	/* the same keys in the request target's query string */
	HTTP_CRED_QUERY_PASSWORD,
	HTTP_CRED_QUERY_TOKEN,
	HTTP_CRED_QUERY_API_KEY,
	HTTP_CRED_QUERY_SECRET,
	HTTP_CRED__COUNT
};

/* "authorization:basic", "cookie", "form:password", ... */
const char	*httpcred_name(enum http_cred);

/* The credential one header (name: value, both trimmed) carries: a bit
 * or 0. */
uint32_t	 httpcred_header(const uint8_t *name, size_t nlen,
		    const uint8_t *value, size_t vlen);

/* Where key=value pairs come from: they differ only in the bits given. */
enum httpcred_where { HTTPCRED_FORM = 0, HTTPCRED_QUERY };

/*
 * The credentials in key=value pairs joined by '&' (a form body, or a
 * query string without its '?'): a bit for each key that names a secret
 * and has a value of at least one byte.  A pair cut at the end of s (a
 * snap length, a segment boundary) counts when its value has begun.
 */
uint32_t	 httpcred_pairs(const uint8_t *s, size_t n,
		    enum httpcred_where where);

#endif /* HTTPCRED_H */
