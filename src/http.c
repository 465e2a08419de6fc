/* SPDX-License-Identifier: MIT */
/*
 * http.c - plaintext HTTP/1.x request and status lines (RFC 9112 3, 4).
 *
 *   request-line = method SP request-target SP HTTP-version CRLF
 *   status-line  = HTTP-version SP status-code SP [ reason-phrase ] CRLF
 *
 * Only known methods count, so binary payloads never match.  At most
 * HTTP_SCAN_MAX bytes and HTTP_MAX_HEADERS lines are looked at; a line longer
 * than the scan window stops the scan, keeping what was found.  A request
 * line cut by the capture (no CRLF yet) still counts when the method and a
 * target are there: a truncated capture of a real request is still a leak.
 *
 * Credentials (httpcred.c): every header up to the blank line, the query
 * of the target, and a form body (RFC 9110 8.3: Content-Type
 * application/x-www-form-urlencoded) as far as the scan window and
 * Content-Length go; what the Content-Length says is still to come is
 * scanned in the next segments (http_more_body).
 */
#include <string.h>

#include "cursor.h"
#include "http.h"

static const char *const methods[] = {
	"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE",
	"PATCH", "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK",
	"UNLOCK", "SEARCH", "REPORT", "SUBSCRIBE", "NOTIFY", "M-SEARCH",
};

static void
copy(char *dst, size_t cap, size_t *dlen, const uint8_t *src, size_t n)
{
	if (n > cap)
		n = cap;
	memcpy(dst, src, n);
	dst[n] = '\0';
	*dlen = n;
}

static bool
ieq(const uint8_t *a, size_t n, const char *b)
{
	if (strlen(b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		uint8_t x = a[i], y = (uint8_t)b[i];
		if (x >= 'A' && x <= 'Z')
			x = (uint8_t)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (uint8_t)(y + 32);
		if (x != y)
			return false;
	}
	return true;
}

/* Next line [*pos, eol) in buf; returns false at the end. */
static bool
next_line(const uint8_t *buf, size_t len, size_t *pos, size_t *start,
    size_t *end, bool *complete)
{
	if (*pos >= len)
		return false;
	*start = *pos;
	const uint8_t *nl = memchr(buf + *pos, '\n', len - *pos);
	if (nl == NULL) {
		*end = len;
		*pos = len;
		*complete = false;
		return true;
	}
	*end = (size_t)(nl - buf);
	*pos = *end + 1;
	if (*end > *start && buf[*end - 1] == '\r')
		(*end)--;
	*complete = true;
	return true;
}

static void
trim(const uint8_t *b, size_t *s, size_t *e)
{
	while (*s < *e && (b[*s] == ' ' || b[*s] == '\t'))
		(*s)++;
	while (*e > *s && (b[*e - 1] == ' ' || b[*e - 1] == '\t'))
		(*e)--;
}

/* Content-Type: application/x-www-form-urlencoded [; params] */
static bool
form_type(const uint8_t *v, size_t n)
{
	static const char t[] = "application/x-www-form-urlencoded";
	size_t tl = sizeof(t) - 1;

	if (n < tl || !ieq(v, tl, t))
		return false;
	return n == tl || v[tl] == ';' || v[tl] == ' ' || v[tl] == '\t';
}

/* Content-Length: digits only (RFC 9110 8.6), capped. */
static bool
content_length(const uint8_t *v, size_t n, uint64_t *cl)
{
	*cl = 0;
	if (n == 0 || n > 15)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return false;
		*cl = *cl * 10 + (uint64_t)(v[i] - '0');
	}
	return true;
}

void
http_more_body(struct ls_http *h, const uint8_t *payload, size_t len)
{
	struct ls_cursor c = cur_init(payload, len);
	size_t n = len < h->body_left ? len : h->body_left;

	if (n > HTTP_SCAN_MAX)
		n = HTTP_SCAN_MAX;
	h->creds |= httpcred_pairs(c.p, n < cur_remaining(&c) ? n :
	    cur_remaining(&c), HTTPCRED_FORM);
	h->body_left = len >= h->body_left ? 0 : h->body_left - (uint32_t)len;
	h->body_begun = h->body_begun || len > 0;
}

enum http_res
http_extract(const uint8_t *payload, size_t len, struct ls_http *out)
{
	struct ls_cursor c = cur_init(payload, len < HTTP_SCAN_MAX ? len :
	    HTTP_SCAN_MAX);
	const uint8_t *b = c.p;
	size_t n = cur_remaining(&c), pos = 0, s, e;
	bool complete;

	memset(out, 0, sizeof(*out));
	if (n < 5 || !next_line(b, n, &pos, &s, &e, &complete))
		return HTTP_NOT_HTTP;

	/* status line */
	if (e - s >= 12 && memcmp(b + s, "HTTP/1.", 7) == 0 &&
	    b[s + 7] >= '0' && b[s + 7] <= '9' && b[s + 8] == ' ') {
		unsigned st = 0;
		for (int i = 9; i < 12; i++) {
			if (b[s + i] < '0' || b[s + i] > '9')
				return HTTP_NOT_HTTP;
			st = st * 10 + (unsigned)(b[s + i] - '0');
		}
		if (st < 100 || (e - s > 12 && b[s + 12] != ' '))
			return HTTP_NOT_HTTP;
		out->status = (uint16_t)st;
		out->version_minor = (uint8_t)(b[s + 7] - '0');
		return HTTP_RESPONSE;
	}

	/* request line: METHOD SP target [SP HTTP/1.x] */
	const uint8_t *sp = memchr(b + s, ' ', e - s);
	if (sp == NULL)
		return HTTP_NOT_HTTP;
	size_t mlen = (size_t)(sp - (b + s));
	bool known = false;
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (strlen(methods[i]) == mlen &&
		    memcmp(methods[i], b + s, mlen) == 0)
			known = true;
	if (!known)
		return HTTP_NOT_HTTP;
	size_t ts = s + mlen + 1, te;
	const uint8_t *sp2 = memchr(b + ts, ' ', e - ts);
	if (sp2 != NULL) {
		te = (size_t)(sp2 - b);
		size_t vs = te + 1;
		if (e - vs != 8 || memcmp(b + vs, "HTTP/1.", 7) != 0 ||
		    b[vs + 7] < '0' || b[vs + 7] > '9')
			return HTTP_NOT_HTTP;
		out->version_minor = (uint8_t)(b[vs + 7] - '0');
	} else {
		/* no version: only when the capture cut the line */
		if (complete)
			return HTTP_NOT_HTTP;
		te = e;
	}
	if (te == ts)
		return HTTP_NOT_HTTP;
	/* hostile targets (escapes, bad UTF-8) are still requests: the
	 * reporter escapes them; only the separators are impossible */
	for (size_t i = ts; i < te; i++)
		if (b[i] == ' ' || b[i] == '\r' || b[i] == '\n' || b[i] == 0)
			return HTTP_NOT_HTTP;
	out->request = true;
	copy(out->method, HTTP_METHOD_MAX, &out->method_len, b + s, mlen);
	copy(out->url, HTTP_URL_MAX, &out->url_len, b + ts, te - ts);
	const uint8_t *q = memchr(b + ts, '?', te - ts);
	if (q != NULL) {
		size_t qs = (size_t)(q - b) + 1, qe = te;
		const uint8_t *frag = memchr(b + qs, '#', qe - qs);
		if (frag != NULL)
			qe = (size_t)(frag - b);
		out->creds |= httpcred_pairs(b + qs, qe - qs, HTTPCRED_QUERY);
	}

	bool ended = false, has_cl = false;
	uint64_t cl = 0;
	for (unsigned h = 0; h < HTTP_MAX_HEADERS &&
	    next_line(b, n, &pos, &s, &e, &complete); h++) {
		if (!complete)
			break;		/* cut */
		if (e == s) {
			ended = true;	/* end of headers */
			break;
		}
		const uint8_t *colon = memchr(b + s, ':', e - s);
		if (colon == NULL)
			continue;
		size_t ns = s, ne = (size_t)(colon - b), vs = ne + 1, ve = e;
		trim(b, &vs, &ve);
		if (ieq(b + ns, ne - ns, "host") && out->host_len == 0)
			copy(out->host, HTTP_FIELD_MAX, &out->host_len, b + vs,
			    ve - vs);
		else if (ieq(b + ns, ne - ns, "user-agent") && out->ua_len == 0)
			copy(out->user_agent, HTTP_FIELD_MAX, &out->ua_len,
			    b + vs, ve - vs);
		else if (ieq(b + ns, ne - ns, "content-type"))
			out->form = form_type(b + vs, ve - vs);
		else if (ieq(b + ns, ne - ns, "content-length"))
			has_cl = content_length(b + vs, ve - vs, &cl);
		else
			out->creds |= httpcred_header(b + ns, ne - ns, b + vs,
			    ve - vs);
	}
	if (out->form && ended) {
		/* the body: what this payload holds of it, the rest later */
		size_t here = len - pos, scan = n - pos;
		if (has_cl && cl < here)
			here = (size_t)cl;
		if (scan > here)
			scan = here;
		out->creds |= httpcred_pairs(b + pos, scan, HTTPCRED_FORM);
		out->body_begun = here > 0;
		if (has_cl && cl > here)
			out->body_left = cl - here > UINT32_MAX ? UINT32_MAX :
			    (uint32_t)(cl - here);
	}
	return HTTP_REQUEST;
}
