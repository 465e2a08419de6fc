/* SPDX-License-Identifier: MIT */
/* jsonw.c - one-line JSON writer; see jsonw.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

static bool
grow(struct jw *w, size_t need)
{
	size_t cap;
	char *nb;

	if (w->oom)
		return false;
	if (w->len + need <= w->cap)
		return true;
	cap = w->cap * 2;
	while (cap < w->len + need)
		cap *= 2;
	if (w->buf == w->stack) {
		if ((nb = malloc(cap)) != NULL)
			memcpy(nb, w->buf, w->len);
	} else
		nb = realloc(w->buf, cap);
	if (nb == NULL) {
		w->oom = true;
		return false;
	}
	w->buf = nb;
	w->cap = cap;
	return true;
}

static void
put(struct jw *w, const char *s, size_t n)
{
	if (grow(w, n)) {
		memcpy(w->buf + w->len, s, n);
		w->len += n;
	}
}

static void
put1(struct jw *w, char c)
{
	if (grow(w, 1))
		w->buf[w->len++] = c;
}

/* The separator, then "key": when there is a key (keys are ours: plain). */
static void
member(struct jw *w, const char *key)
{
	if (w->more[w->depth])
		put1(w, ',');
	w->more[w->depth] = true;
	if (key != NULL) {
		put1(w, '"');
		put(w, key, strlen(key));
		put(w, "\":", 2);
	}
}

static void
open1(struct jw *w, const char *key, char open, char close)
{
	member(w, key);
	put1(w, open);
	if (w->depth + 1 >= JW_DEPTH) {
		w->oom = true;		/* deeper than any event: refuse */
		return;
	}
	w->depth++;
	w->more[w->depth] = false;
	w->close[w->depth] = close;
}

void
jw_init(struct jw *w, char *stack, size_t cap)
{
	memset(w, 0, sizeof(*w));
	w->buf = w->stack = stack;
	w->cap = cap > 0 ? cap : 1;
	if (cap == 0)
		w->oom = true;
	put1(w, '{');
	w->close[0] = '}';
}

void
jw_obj(struct jw *w, const char *key)
{
	open1(w, key, '{', '}');
}

void
jw_arr(struct jw *w, const char *key)
{
	open1(w, key, '[', ']');
}

void
jw_end(struct jw *w)
{
	if (w->depth == 0)
		return;			/* the top level closes in jw_write */
	put1(w, w->close[w->depth]);
	w->depth--;
}

size_t
jw_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

void
jw_strn(struct jw *w, const char *key, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;

	member(w, key);
	put1(w, '"');
	for (size_t i = 0; i < n;) {
		size_t run = i;

		/* plain printable ASCII goes in one copy */
		while (run < n && u[run] >= 0x20 && u[run] < 0x80 &&
		    u[run] != '"' && u[run] != '\\')
			run++;
		if (run > i) {
			put(w, s + i, run - i);
			i = run;
			continue;
		}
		unsigned char c = u[i];
		if (c >= 0x80) {
			size_t k = jw_utf8_seq(u + i, n - i);
			if (k == 0) {
				put(w, "\xef\xbf\xbd", 3);
				i++;
			} else {
				put(w, s + i, k);
				i += k;
			}
			continue;
		}
		char e[6] = { '\\', 0, 0, 0, 0, 0 };
		size_t el = 2;
		switch (c) {
		case '"':  e[1] = '"'; break;
		case '\\': e[1] = '\\'; break;
		case '\b': e[1] = 'b'; break;
		case '\f': e[1] = 'f'; break;
		case '\n': e[1] = 'n'; break;
		case '\r': e[1] = 'r'; break;
		case '\t': e[1] = 't'; break;
		default:
			memcpy(e + 1, "u00", 3);
			e[4] = hex[c >> 4];
			e[5] = hex[c & 15];
			el = 6;
		}
		put(w, e, el);
		i++;
	}
	put1(w, '"');
}

void
jw_str(struct jw *w, const char *key, const char *s)
{
	jw_strn(w, key, s, strlen(s));
}

void
jw_int(struct jw *w, const char *key, int64_t v)
{
	char b[24];
	int n = snprintf(b, sizeof(b), "%" PRId64, v);

	member(w, key);
	put(w, b, (size_t)n);
}

void
jw_uint(struct jw *w, const char *key, uint64_t v)
{
	char b[24], *p = b + sizeof(b);

	member(w, key);
	do {				/* the common case, without printf */
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	put(w, p, (size_t)(b + sizeof(b) - p));
}

void
jw_double(struct jw *w, const char *key, double v)
{
	char b[32];
	int n;

	member(w, key);
	if (!(v == v) || v > 1e300 || v < -1e300)
		v = 0;			/* JSON has no NaN or infinity */
	n = snprintf(b, sizeof(b), "%.6g", v);
	put(w, b, n > 0 && (size_t)n < sizeof(b) ? (size_t)n : 0);
}

void
jw_true(struct jw *w, const char *key)
{
	member(w, key);
	put(w, "true", 4);
}

void
jw_bool(struct jw *w, const char *key, bool v)
{
	member(w, key);
	if (v)
		put(w, "true", 4);
	else
		put(w, "false", 5);
}

int
jw_write(struct jw *w, FILE *out)
{
	int r = 0;

	while (w->depth > 0)
		jw_end(w);
	put(w, "}\n", 2);
	if (w->oom || fwrite(w->buf, 1, w->len, out) != w->len)
		r = -1;
	if (w->buf != w->stack)
		free(w->buf);
	w->buf = w->stack;
	w->len = 0;
	return r;
}
