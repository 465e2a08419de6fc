/* SPDX-License-Identifier: MIT */
/*
 * rules_design.c - two sections of the rule file beside the rules: how bad
 * each exposure is, and the traffic an OS sends by design (docs/rules.md).
 *
 *   exposure_severity:        a leak's severity is the highest of its
 *     http_credentials: critical   rule's (or its by_design entry's) and
 *     eui64_mac: high              these, for what it exposes
 *   by_design:
 *     connectivity_check:     the tag a matching leak carries
 *       severity: low
 *       http: [connectivitycheck.gstatic.com/generate_204, ...]
 *       dns:  [connectivitycheck.gstatic.com, ...]
 *
 * rules.c hands over the YAML node of each section; problems are reported
 * as FILE:LINE:COLUMN like every other in the file, and parsing goes on
 * after one.  Matching (rules_design_http, rules_design_dns) is a linear
 * walk: the lists are a few dozen entries, looked at once per leak.
 * Host and DNS names compare without ASCII case and without a final dot;
 * a Host's port and a request target's query (Firefox asks
 * /success.txt?ipv4) are ignored; an absolute target (a proxy request,
 * http://host/path) is cut to its path.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "event.h"
#include "rules_design.h"
#include "rules_yaml.h"

#define MAX_ITEMS	1024
#define MAX_DESIGNS	64

struct dctx {
	const char		*name;
	FILE			*err;
	unsigned		 errors;
	yaml_document_t		*doc;
};

static void
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
err_at(struct dctx *x, const yaml_node_t *n, const char *fmt, ...)
{
	va_list ap;

	fprintf(x->err, "%s:%zu:%zu: ", x->name,
	    n != NULL ? n->start_mark.line + 1 : 1,
	    n != NULL ? n->start_mark.column + 1 : 1);
	va_start(ap, fmt);
	vfprintf(x->err, fmt, ap);
	va_end(ap);
	fputc('\n', x->err);
	x->errors++;
}




/* The pairs of a mapping, each key a scalar given once; NULL key: skip. */
static const char *
pair_key(struct dctx *x, yaml_node_t *map, yaml_node_pair_t *p,
    yaml_node_t **k, yaml_node_t **v)
{
	*k = yaml_document_get_node(x->doc, p->key);
	*v = yaml_document_get_node(x->doc, p->value);
	const char *key = yaml_scalar(*k);
	if (key == NULL || *v == NULL) {
		err_at(x, *k, "wrong type: keys must be scalars");
		return NULL;
	}
	for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < p; q++) {
		const char *o = yaml_scalar(yaml_document_get_node(x->doc, q->key));
		if (o != NULL && strcmp(o, key) == 0) {
			err_at(x, *k, "duplicate key `%s' (first given at line "
			    "%zu)", key, yaml_document_get_node(x->doc,
			    q->key)->start_mark.line + 1);
			return NULL;
		}
	}
	return key;
}

static bool
parse_sev(struct dctx *x, yaml_node_t *v, enum ls_severity *out)
{
	const char *s = yaml_scalar(v);

	for (int i = 0; s != NULL && i <= SEV_CRITICAL; i++)
		if (strcmp(s, severity_name((enum ls_severity)i)) == 0) {
			*out = (enum ls_severity)i;
			return true;
		}
	err_at(x, v, "unknown severity `%s' (info, low, medium, high, "
	    "critical)", s != NULL ? s : "(not a scalar)");
	return false;
}

static void
parse_exposure(struct dctx *x, yaml_node_t *v, struct ls_ruleset *rs)
{
	if (v->type != YAML_MAPPING_NODE) {
		err_at(x, v, "wrong type: `exposure_severity' must be a mapping "
		    "of exposure: severity");
		return;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k, *sv;
		const char *key = pair_key(x, v, p, &k, &sv);
		int e = -1;

		if (key == NULL)
			continue;
		for (int i = 0; i < EXPOSE__COUNT; i++)
			if (strcmp(key, expose_name((enum ls_expose)i)) == 0)
				e = i;
		if (e < 0) {
			err_at(x, k, "unknown exposure `%s' (real_address, "
			    "dns_name, tls_sni, http_host, http_credentials, "
			    "public_address, eui64_mac)", key);
			continue;
		}
		parse_sev(x, sv, &rs->expose_sev[e]);
	}
}

/* A scalar or a list of them, at least one. */
static size_t
items(struct dctx *x, yaml_node_t *n, const char *key, yaml_node_t **out)
{
	size_t k = 0;

	if (n->type == YAML_SCALAR_NODE && yaml_scalar(n)[0] != '\0') {
		out[0] = n;
		return 1;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		err_at(x, n, "wrong type: `%s' must be a list", key);
		return 0;
	}
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *c = yaml_document_get_node(x->doc, *it);
		if (k == MAX_ITEMS) {
			err_at(x, n, "more than %d items", MAX_ITEMS);
			break;
		}
		if (yaml_scalar(c) == NULL) {
			err_at(x, c, "wrong type: expected a scalar");
			continue;
		}
		out[k++] = c;
	}
	if (k == 0 && n->type == YAML_SEQUENCE_NODE &&
	    n->data.sequence.items.start == n->data.sequence.items.top)
		err_at(x, n, "`%s' is an empty list (give at least one, or "
		    "drop the key)", key);
	return k;
}

/* A host name as we keep it: lowercase, no final dot; NULL: not one. */
static char *
norm_name(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0 || n > 253)
		return NULL;
	char *d = rules_xcalloc(n + 1, 1);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_')) {
			free(d);
			return NULL;
		}
		d[i] = c;
	}
	return d;
}

static void
parse_http_list(struct dctx *x, yaml_node_t *v, struct ls_design *d)
{
	yaml_node_t *it[MAX_ITEMS];
	size_t n = items(x, v, "http", it);

	d->http = rules_xcalloc(n, sizeof(*d->http));
	for (size_t i = 0; i < n; i++) {
		const char *s = yaml_scalar(it[i]), *slash = strchr(s, '/');
		char *host;

		if (strstr(s, "://") != NULL) {
			err_at(x, it[i], "`%s': write host/path, without the "
			    "scheme", s);
			continue;
		}
		if (slash == NULL) {
			err_at(x, it[i], "`%s': expected host/path (the path "
			    "the probe asks for, from its `/')", s);
			continue;
		}
		if ((host = norm_name(s, (size_t)(slash - s))) == NULL) {
			err_at(x, it[i], "`%s': bad host name (letters, digits, "
			    "- . _)", s);
			continue;
		}
		if (strpbrk(slash, "?# \t") != NULL) {
			free(host);
			err_at(x, it[i], "`%s': a path without query, fragment "
			    "or spaces (the query of a request is ignored)", s);
			continue;
		}
		d->http[d->nhttp].host = host;
		d->http[d->nhttp].path = rules_xstrdup(slash);
		d->nhttp++;
	}
}

static void
parse_dns_list(struct dctx *x, yaml_node_t *v, struct ls_design *d)
{
	yaml_node_t *it[MAX_ITEMS];
	size_t n = items(x, v, "dns", it);

	d->dns = rules_xcalloc(n, sizeof(*d->dns));
	for (size_t i = 0; i < n; i++) {
		const char *s = yaml_scalar(it[i]);
		char *name = norm_name(s, strlen(s));
		if (name == NULL)
			err_at(x, it[i], "`%s': bad DNS name (letters, digits, "
			    "- . _)", s);
		else
			d->dns[d->ndns++] = name;
	}
}

static bool
valid_tag(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 63)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
			return false;
	return true;
}

static void
parse_design(struct dctx *x, yaml_node_t *k, yaml_node_t *v,
    struct ls_design *d)
{
	bool have_list = false;

	d->tag = rules_xstrdup(yaml_scalar(k));
	d->severity = SEV_LOW;
	d->line = (unsigned)k->start_mark.line + 1;
	if (!valid_tag(d->tag))
		err_at(x, k, "bad by_design name `%s' (1-63 of a-z 0-9 _)",
		    d->tag);
	if (v->type != YAML_MAPPING_NODE) {
		err_at(x, v, "wrong type: `%s' must be a mapping with severity, "
		    "http, dns", d->tag);
		return;
	}
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *pk, *pv;
		const char *key = pair_key(x, v, p, &pk, &pv);

		if (key == NULL)
			continue;
		if (strcmp(key, "severity") == 0)
			parse_sev(x, pv, &d->severity);	/* default: low */
		else if (strcmp(key, "http") == 0) {
			have_list = true;
			parse_http_list(x, pv, d);
		} else if (strcmp(key, "dns") == 0) {
			have_list = true;
			parse_dns_list(x, pv, d);
		} else
			err_at(x, pk, "unknown key `%s' in by_design entry "
			    "(expected severity, http, dns)", key);
	}
	if (!have_list)
		err_at(x, v, "by_design entry `%s' has neither http nor dns",
		    d->tag);
}

static void
parse_by_design(struct dctx *x, yaml_node_t *v, struct ls_ruleset *rs)
{
	if (v->type != YAML_MAPPING_NODE) {
		err_at(x, v, "wrong type: `by_design' must be a mapping of "
		    "name: {severity, http, dns}");
		return;
	}
	size_t n = (size_t)(v->data.mapping.pairs.top -
	    v->data.mapping.pairs.start);
	if (n > MAX_DESIGNS) {
		err_at(x, v, "%zu by_design entries: more than %d", n,
		    MAX_DESIGNS);
		return;
	}
	rs->designs = rules_xcalloc(n, sizeof(*rs->designs));
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k, *dv;
		if (pair_key(x, v, p, &k, &dv) == NULL)
			continue;
		parse_design(x, k, dv, &rs->designs[rs->ndesigns++]);
	}
}

bool
rules_design_key(const char *key)
{
	return strcmp(key, "exposure_severity") == 0 ||
	    strcmp(key, "by_design") == 0;
}

unsigned
rules_design_parse(const char *name, FILE *err, yaml_document_t *doc,
    const char *key, yaml_node_t *v, struct ls_ruleset *rs)
{
	struct dctx x = { name, err, 0, doc };

	if (strcmp(key, "exposure_severity") == 0)
		parse_exposure(&x, v, rs);
	else
		parse_by_design(&x, v, rs);
	return x.errors;
}

void
rules_design_free(struct ls_ruleset *rs)
{
	for (size_t i = 0; i < rs->ndesigns; i++) {
		struct ls_design *d = &rs->designs[i];
		free(d->tag);
		for (size_t j = 0; j < d->nhttp; j++) {
			free(d->http[j].host);
			free(d->http[j].path);
		}
		free(d->http);
		for (size_t j = 0; j < d->ndns; j++)
			free(d->dns[j]);
		free(d->dns);
	}
	free(rs->designs);
}

/* --- matching ------------------------------------------------------------ */

/* Is the name a[0..n) (any case, a final dot or not) the kept name b? */
static bool
name_is(const char *a, size_t n, const char *b)
{
	if (n > 0 && a[n - 1] == '.')
		n--;
	return strlen(b) == n && strncasecmp(a, b, n) == 0;
}

const struct ls_design *
rules_design_http(const struct ls_ruleset *rs, const char *host, size_t hlen,
    const char *url, size_t ulen)
{
	if (rs == NULL || hlen == 0 || ulen == 0)
		return NULL;
	/* Host: name[:port] */
	const char *colon = memchr(host, ':', hlen);
	if (colon != NULL)
		hlen = (size_t)(colon - host);
	/* http://host/path (absolute form) -> /path */
	if (ulen > 7 && strncasecmp(url, "http://", 7) == 0) {
		const char *sl = memchr(url + 7, '/', ulen - 7);
		if (sl == NULL)
			return NULL;
		ulen -= (size_t)(sl - url);
		url = sl;
	}
	size_t plen = 0;
	while (plen < ulen && url[plen] != '?' && url[plen] != '#')
		plen++;
	for (size_t i = 0; i < rs->ndesigns; i++) {
		const struct ls_design *d = &rs->designs[i];
		for (size_t j = 0; j < d->nhttp; j++)
			if (name_is(host, hlen, d->http[j].host) &&
			    strlen(d->http[j].path) == plen &&
			    memcmp(d->http[j].path, url, plen) == 0)
				return d;
	}
	return NULL;
}

const struct ls_design *
rules_design_dns(const struct ls_ruleset *rs, const char *name, size_t n)
{
	if (rs == NULL || n == 0)
		return NULL;
	for (size_t i = 0; i < rs->ndesigns; i++) {
		const struct ls_design *d = &rs->designs[i];
		for (size_t j = 0; j < d->ndns; j++)
			if (name_is(name, n, d->dns[j]))
				return d;
	}
	return NULL;
}
