/* SPDX-License-Identifier: MIT */
/*
 * http.h - plaintext HTTP/1.x request and status line extractor (RFC 9112).
 *
 * Scans at most HTTP_SCAN_MAX bytes of one TCP payload for CRLF (or bare LF)
 * terminated lines, with caps on header count and line length.  Copies the
 * method, request target, Host and User-Agent; never writes into the packet.
 * Which credentials the request carries (httpcred.h: Authorization,
 * Cookie, a form POST's password, a token in the query) are kept as a kind
 * each, never their values.
 */
#ifndef HTTP_H
#define HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "httpcred.h"

#define HTTP_SCAN_MAX		4096	/* bytes of payload looked at */
#define HTTP_MAX_HEADERS	64
#define HTTP_METHOD_MAX		16
#define HTTP_URL_MAX		512
#define HTTP_FIELD_MAX		256

enum http_res {
	HTTP_REQUEST = 0,	/* a request line was found */
	HTTP_RESPONSE,		/* a status line was found */
	HTTP_NOT_HTTP,
};

struct ls_http {
	bool		request;
	uint16_t	status;		/* responses */
	uint8_t		version_minor;	/* HTTP/1.x */
	size_t		method_len, url_len, host_len, ua_len;
	char		method[HTTP_METHOD_MAX + 1];
	char		url[HTTP_URL_MAX + 1];		/* request target, cut */
	char		host[HTTP_FIELD_MAX + 1];	/* Host header */
	char		user_agent[HTTP_FIELD_MAX + 1];
	uint32_t	creds;		/* 1u << enum http_cred */
	bool		form;		/* an x-www-form-urlencoded body */
	uint32_t	body_left;	/* form bytes still to come after this
					   payload (Content-Length) */
	bool		body_begun;	/* a byte of the form body was seen */
};

enum http_res	 http_extract(const uint8_t *payload, size_t len,
		    struct ls_http *out);
/*
 * A later segment of a request whose form body did not fit in the first
 * (h->body_left > 0): its credentials join h->creds, and body_left counts
 * down by the segment's length.
 */
void		 http_more_body(struct ls_http *h, const uint8_t *payload,
		    size_t len);

#endif /* HTTP_H */
