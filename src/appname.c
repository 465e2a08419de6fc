/* SPDX-License-Identifier: MIT */
/*
 * appname.c - checking `app:' names against nDPI's list (see appname.h),
 * with "did you mean" by edit distance: Levenshtein plus adjacent
 * transpositions ("Tro" is one step from "Tor"), case-insensitive.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "appname.h"
#include "classify.h"

#define MAX_LEN		64	/* longer values get no suggestion */
#define MAX_DIST	3

static unsigned
min3(unsigned a, unsigned b, unsigned c)
{
	unsigned m = a < b ? a : b;
	return m < c ? m : c;
}

unsigned
appname_distance(const char *a, const char *b, unsigned max)
{
	size_t n = strlen(a), m = strlen(b);
	unsigned rows[3][MAX_LEN + 1];
	unsigned *pp = rows[0], *p = rows[1], *c = rows[2];

	if (n > MAX_LEN || m > MAX_LEN)
		return max + 1;
	for (size_t j = 0; j <= m; j++)
		p[j] = (unsigned)j;
	for (size_t i = 1; i <= n; i++) {
		unsigned best;
		c[0] = (unsigned)i;
		best = c[0];
		for (size_t j = 1; j <= m; j++) {
			int ai = tolower((unsigned char)a[i - 1]);
			int bj = tolower((unsigned char)b[j - 1]);
			unsigned cost = ai != bj;
			c[j] = min3(p[j] + 1, c[j - 1] + 1, p[j - 1] + cost);
			if (i > 1 && j > 1 &&
			    ai == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == bj &&
			    pp[j - 2] + 1 < c[j])
				c[j] = pp[j - 2] + 1;
			if (c[j] < best)
				best = c[j];
		}
		if (best > max)
			return max + 1;
		unsigned *t = pp;
		pp = p;
		p = c;
		c = t;
	}
	return p[m] > max ? max + 1 : p[m];
}

static bool
known(const char *const *names, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && strncasecmp(names[i], s, len) == 0)
			return true;
	return false;
}

/* "`part' is not ...; nearest: A, B, C" into hint. */
static void
suggest(const char *const *names, size_t n, const char *part, char *hint,
    size_t hintlen)
{
	size_t best[APPNAME_SUGGEST];
	unsigned dist[APPNAME_SUGGEST];
	size_t k = 0, len = strlen(part);
	int w;

	for (size_t i = 0; i < n; i++) {
		unsigned d = appname_distance(part, names[i], MAX_DIST);
		if (d > MAX_DIST || d >= len)
			continue;
		/* keep the APPNAME_SUGGEST nearest, the first listed on ties */
		size_t at = k;
		while (at > 0 && dist[at - 1] > d)
			at--;
		if (at == APPNAME_SUGGEST)
			continue;
		if (k < APPNAME_SUGGEST)
			k++;
		memmove(best + at + 1, best + at, (k - 1 - at) * sizeof(*best));
		memmove(dist + at + 1, dist + at, (k - 1 - at) * sizeof(*dist));
		best[at] = i;
		dist[at] = d;
	}
	w = snprintf(hint, hintlen, "`%s' is not a protocol name nDPI "
	    "gives", part);
	for (size_t i = 0; i < k && w >= 0 && (size_t)w < hintlen; i++)
		w += snprintf(hint + w, hintlen - (size_t)w, "%s%s",
		    i == 0 ? "; nearest: " : ", ", names[best[i]]);
}

/* name split at dot into two known names? */
static bool
known_pair(const char *const *names, size_t n, const char *name,
    const char *dot)
{
	return known(names, n, name, (size_t)(dot - name)) &&
	    known(names, n, dot + 1, strlen(dot + 1));
}

void
appnames_free(struct ls_appnames *a)
{
	classify_app_names_free(a->names, a->n);
	a->names = NULL;
	a->n = 0;
	a->loaded = false;
}

bool
appname_check(struct ls_appnames *a, const char *name, char *hint,
    size_t hintlen)
{
	if (!a->loaded) {
		a->names = classify_app_names(&a->n);
		a->loaded = true;
	}
	size_t n = a->n;
	const char *const *names = (const char *const *)a->names;
	const char *dot = strchr(name, '.');
	char part[MAX_LEN + 1];

	hint[0] = '\0';
	if (names == NULL || known(names, n, name, strlen(name)))
		return true;
	/* "Master.App"; a name may hold a dot itself (Z39.50) */
	for (const char *d = dot; d != NULL; d = strchr(d + 1, '.'))
		if (known_pair(names, n, name, d))
			return true;
	if (dot == NULL || !known(names, n, name, (size_t)(dot - name))) {
		size_t l = dot != NULL ? (size_t)(dot - name) : strlen(name);
		if (l > MAX_LEN)
			l = MAX_LEN;
		memcpy(part, name, l);
		part[l] = '\0';
		suggest(names, n, part, hint, hintlen);
	} else
		suggest(names, n, dot + 1, hint, hintlen);
	return false;
}
