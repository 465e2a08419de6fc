/* SPDX-License-Identifier: MIT */
/*
 * rules.c - the rule file: YAML in, an immutable struct ls_ruleset out.
 *
 * The only libyaml user (with rules_design.c, handed the nodes of the
 * exposure_severity and by_design sections).  Two passes over the bytes:
 * an event pass that rejects what could cost memory or time before any
 * tree exists (aliases, so no billion laughs; nesting deeper than the
 * schema; too many events), then libyaml's document loader, and a walk of the tree against the schema
 * in docs/rules.md.  Every problem is reported as FILE:LINE:COLUMN, and the
 * walk goes on after an error so that one run shows them all.
 */
#include <errno.h>
#include <math.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <yaml.h>

#include "appname.h"
#include "encdns.h"
#include "file.h"
#include "rules.h"
#include "rules_design.h"
#include "rules_yaml.h"

#define MAX_DEPTH	6
#define MAX_EVENTS	(RULES_MAX_RULES * 64)
#define MAX_LIST	1024

struct ctx {
	const char		*name;
	FILE			*err;
	unsigned		 errors;
	yaml_document_t		*doc;
	struct ls_ruleset	*rs;
	struct ls_appnames	 apps;		/* nDPI's names, for app: */
};

static const char *const class_names[CLASS__COUNT] = {
	"none", "dns", "stun", "ipv6", "http", "ip"
};
static const char *const sev_names[] = {
	"info", "low", "medium", "high", "critical"
};
static const struct {
	uint32_t	 bit;
	const char	*name;
} proto_names[] = {
	{ PROTO_DNS, "dns" }, { PROTO_DOT, "dot" }, { PROTO_STUN, "stun" },
	{ PROTO_HTTP, "http" }, { PROTO_TLS, "tls" }, { PROTO_QUIC, "quic" },
	{ PROTO_MDNS, "mdns" }, { PROTO_LLMNR, "llmnr" }, { PROTO_NTP, "ntp" },
	{ PROTO_DHCP, "dhcp" }, { PROTO_ICMP, "icmp" }, { PROTO_DTLS, "dtls" },
	{ PROTO_DOH, "doh" },
};

const char *
class_name(enum ls_class c)
{
	return (unsigned)c < CLASS__COUNT ? class_names[c] : "?";
}

const char *
severity_name(enum ls_severity s)
{
	return (unsigned)s <= SEV_CRITICAL ? sev_names[s] : "?";
}

uint32_t
proto_bit(const char *name)
{
	for (size_t i = 0; i < sizeof(proto_names) / sizeof(proto_names[0]); i++)
		if (strcmp(proto_names[i].name, name) == 0)
			return proto_names[i].bit;
	return 0;
}

static void
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
err_at(struct ctx *x, const yaml_node_t *n, const char *fmt, ...)
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


static yaml_node_t *
node(struct ctx *x, int id)
{
	return yaml_document_get_node(x->doc, id);
}

/* Was this key already given earlier in the same mapping? */
static bool
dup_key(struct ctx *x, yaml_node_t *map, yaml_node_pair_t *at, const char *key)
{
	for (yaml_node_pair_t *q = map->data.mapping.pairs.start; q < at; q++) {
		yaml_node_t *k = node(x, q->key);
		const char *ks = k != NULL ? yaml_scalar(k) : NULL;
		if (ks != NULL && strcmp(ks, key) == 0) {
			err_at(x, node(x, at->key), "duplicate key `%s' (first "
			    "given at line %zu)", key, k->start_mark.line + 1);
			return true;
		}
	}
	return false;
}

/* A scalar where a list is expected counts as a one-item list. */
static size_t
list_items(struct ctx *x, yaml_node_t *n, yaml_node_t **items, size_t max)
{
	if (n->type == YAML_SCALAR_NODE) {
		items[0] = n;
		return 1;
	}
	if (n->type != YAML_SEQUENCE_NODE) {
		err_at(x, n, "wrong type: expected a list");
		return 0;
	}
	size_t k = 0;
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		if (k == max) {
			err_at(x, n, "more than %zu items", max);
			break;
		}
		yaml_node_t *c = node(x, *it);
		if (c == NULL)
			continue;
		if (c->type != YAML_SCALAR_NODE) {
			err_at(x, c, "wrong type: expected a scalar");
			continue;
		}
		items[k++] = c;
	}
	return k;
}

static bool
parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	if (s == NULL || s[0] < '0' || s[0] > '9')
		return false;
	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno == 0 && *end == '\0' && *v <= max;
}



static void
parse_cidrs(struct ctx *x, yaml_node_t *n, struct ls_cidr **out, size_t *nout)
{
	yaml_node_t *items[MAX_LIST];
	size_t k = list_items(x, n, items, MAX_LIST);
	const char *why;

	*out = rules_xcalloc(k, sizeof(**out));
	*nout = 0;
	for (size_t i = 0; i < k; i++) {
		const char *s = yaml_scalar(items[i]);
		if (!cidr_parse(s, &(*out)[*nout], &why))
			err_at(x, items[i], "bad CIDR `%s': %s", s, why);
		else
			(*nout)++;
	}
}

/* Is s digits only (what parse_uint reads), whatever its size? */
static bool
all_digits(const char *s)
{
	if (s[0] == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static bool
parse_port(struct ctx *x, yaml_node_t *at, const char *whole, const char *s,
    unsigned long *v)
{
	if (!all_digits(s)) {
		err_at(x, at, "port `%s': `%s' is not a number (a port is "
		    "0-65535, a range LO-HI)", whole, s);
		return false;
	}
	if (!parse_uint(s, 65535, v)) {
		err_at(x, at, "port `%s' out of range 0-65535", s);
		return false;
	}
	return true;
}

static void
parse_ports(struct ctx *x, yaml_node_t *n, struct ls_rule *r)
{
	yaml_node_t *items[MAX_LIST];
	size_t k = list_items(x, n, items, MAX_LIST);

	r->ports = rules_xcalloc(k, sizeof(*r->ports));
	for (size_t i = 0; i < k; i++) {
		const char *s = yaml_scalar(items[i]);
		char buf[32];
		const char *dash = strchr(s, '-');
		unsigned long lo, hi;

		if (dash != NULL && (size_t)(dash - s) < sizeof(buf)) {
			memcpy(buf, s, (size_t)(dash - s));
			buf[dash - s] = '\0';
			if (!parse_port(x, items[i], s, buf, &lo) ||
			    !parse_port(x, items[i], s, dash + 1, &hi))
				continue;
			if (lo > hi) {
				err_at(x, items[i], "bad port range `%s' "
				    "(expected LO-HI within 0-65535)", s);
				continue;
			}
		} else if (!parse_port(x, items[i], s, s, &lo))
			continue;
		else
			hi = lo;
		r->ports[r->nports].lo = (uint16_t)lo;
		r->ports[r->nports].hi = (uint16_t)hi;
		r->nports++;
	}
}

/*
 * A match list with nothing in it: read as absent it would make the rule
 * hold for every flow (an allow rule then hides every leak); it is never
 * what was meant, so it is an error.
 */
static bool
empty_list(struct ctx *x, yaml_node_t *v, const char *key)
{
	if (v->type != YAML_SEQUENCE_NODE ||
	    v->data.sequence.items.start != v->data.sequence.items.top)
		return false;
	err_at(x, v, "`%s' is an empty list: a rule cannot match on no "
	    "value (give at least one, or drop the key)", key);
	return true;
}

/* Each app must be a name nDPI gives, or the rule silently never holds. */
static void
parse_apps(struct ctx *x, yaml_node_t *v, struct ls_rule *r)
{
	yaml_node_t *items[MAX_LIST];
	size_t n = list_items(x, v, items, MAX_LIST);
	char hint[256];

	r->apps = rules_xcalloc(n, sizeof(*r->apps));
	for (size_t i = 0; i < n; i++) {
		const char *s = yaml_scalar(items[i]);
		if (!appname_check(&x->apps, s, hint, sizeof(hint)))
			err_at(x, items[i], "unknown app `%s': %s", s, hint);
		else
			r->apps[r->napps++] = rules_xstrdup(s);
	}
}

static void
parse_match(struct ctx *x, yaml_node_t *m, struct ls_rule *r)
{
	if (m->type == YAML_SCALAR_NODE && yaml_scalar(m)[0] == '\0')
		return;			/* `match:` with nothing */
	if (m->type != YAML_MAPPING_NODE) {
		err_at(x, m, "wrong type: `match' must be a mapping");
		return;
	}
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	    p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(x, p->key), *v = node(x, p->value);
		const char *key = k != NULL ? yaml_scalar(k) : NULL;
		yaml_node_t *items[MAX_LIST];
		size_t n;

		if (key == NULL || v == NULL) {
			err_at(x, k, "wrong type: keys must be scalars");
			continue;
		}
		if (dup_key(x, m, p, key) || empty_list(x, v, key))
			continue;
		if (strcmp(key, "protocol") == 0) {
			n = list_items(x, v, items, MAX_LIST);
			for (size_t i = 0; i < n; i++) {
				uint32_t b = proto_bit(yaml_scalar(items[i]));
				if (b == 0)
					err_at(x, items[i], "unknown protocol "
					    "`%s' (dns, dot, stun, http, tls, "
					    "quic, mdns, llmnr, ntp, dhcp, icmp, "
					    "dtls, doh)", yaml_scalar(items[i]));
				r->protocols |= b;
			}
		} else if (strcmp(key, "app") == 0) {
			parse_apps(x, v, r);
		} else if (strcmp(key, "ip_version") == 0) {
			const char *s = yaml_scalar(v);
			if (s == NULL || (strcmp(s, "4") != 0 &&
			    strcmp(s, "6") != 0))
				err_at(x, v, "ip_version must be 4 or 6");
			else
				r->ip_version = (uint8_t)(s[0] - '0');
		} else if (strcmp(key, "transport") == 0) {
			const char *s = yaml_scalar(v);
			unsigned long num;
			if (s == NULL)
				err_at(x, v, "wrong type: expected a scalar");
			else if (strcmp(s, "tcp") == 0)
				r->transport = IPPROTO_TCP;
			else if (strcmp(s, "udp") == 0)
				r->transport = IPPROTO_UDP;
			else if (strcmp(s, "icmp") == 0)
				r->transport = IPPROTO_ICMP;
			else if (strcmp(s, "icmpv6") == 0)
				r->transport = IPPROTO_ICMPV6;
			else if (parse_uint(s, 255, &num) && num > 0)
				r->transport = (uint8_t)num;
			else
				err_at(x, v, "unknown transport `%s' (tcp, udp, "
				    "icmp, icmpv6 or a protocol number 1-255)",
				    s);
		} else if (strcmp(key, "destination") == 0) {
			const char *s = yaml_scalar(v);
			if (s != NULL && strcmp(s, "nonlocal") == 0)
				r->dest = DEST_NONLOCAL;
			else if (s != NULL && strcmp(s, "unicast") == 0)
				r->dest = DEST_UNICAST;
			else if (s != NULL && strcmp(s, "any") == 0)
				r->dest = DEST_ANY;
			else
				err_at(x, v, "destination must be nonlocal, "
				    "unicast or any");
		} else if (strcmp(key, "ipv6_scope") == 0) {
			const char *s = yaml_scalar(v);
			if (s == NULL || strcmp(s, "global") != 0)
				err_at(x, v, "ipv6_scope must be global");
			else
				r->ipv6_global = true;
		} else if (strcmp(key, "remote") == 0) {
			parse_cidrs(x, v, &r->remote, &r->nremote);
		} else if (strcmp(key, "port") == 0) {
			parse_ports(x, v, r);
		} else
			err_at(x, k, "unknown key `%s' in match (expected "
			    "protocol, app, ip_version, transport, destination, "
			    "ipv6_scope, remote, port)", key);
	}
}

static bool
valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 63)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
			return false;
	}
	return true;
}

static void
parse_rule(struct ctx *x, yaml_node_t *n, struct ls_rule *r)
{
	yaml_node_t *class_node = NULL, *id_node = NULL;

	r->severity = SEV_MEDIUM;
	r->line = (unsigned)n->start_mark.line + 1;
	if (n->type != YAML_MAPPING_NODE) {
		err_at(x, n, "wrong type: a rule must be a mapping");
		return;
	}
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(x, p->key), *v = node(x, p->value);
		const char *key = k != NULL ? yaml_scalar(k) : NULL;
		const char *s;

		if (key == NULL || v == NULL) {
			err_at(x, k, "wrong type: keys must be scalars");
			continue;
		}
		if (dup_key(x, n, p, key))
			continue;
		s = yaml_scalar(v);
		if (strcmp(key, "match") == 0) {
			parse_match(x, v, r);
			continue;
		}
		if (s == NULL) {
			err_at(x, v, "wrong type: `%s' must be a scalar", key);
			continue;
		}
		if (strcmp(key, "id") == 0) {
			id_node = v;
			if (!valid_id(s))
				err_at(x, v, "bad rule id `%s' (1-63 of "
				    "A-Z a-z 0-9 . _ -)", s);
			free(r->id);
			r->id = rules_xstrdup(s);
		} else if (strcmp(key, "description") == 0) {
			free(r->description);
			r->description = rules_xstrdup(s);
		} else if (strcmp(key, "class") == 0) {
			class_node = v;
			r->class = CLASS_NONE;
			for (int c = 1; c < CLASS__COUNT; c++)
				if (strcmp(s, class_names[c]) == 0)
					r->class = (enum ls_class)c;
			if (r->class == CLASS_NONE)
				err_at(x, v, "unknown class `%s' (dns, stun, "
				    "ipv6, http, ip)", s);
		} else if (strcmp(key, "severity") == 0) {
			bool ok = false;
			for (int i = 0; i <= SEV_CRITICAL; i++)
				if (strcmp(s, sev_names[i]) == 0) {
					r->severity = (enum ls_severity)i;
					ok = true;
				}
			if (!ok)
				err_at(x, v, "unknown severity `%s' (info, low, "
				    "medium, high, critical)", s);
		} else if (strcmp(key, "action") == 0) {
			if (strcmp(s, "leak") == 0)
				r->action = ACTION_LEAK;
			else if (strcmp(s, "allow") == 0)
				r->action = ACTION_ALLOW;
			else
				err_at(x, v, "unknown action `%s' (leak, allow)",
				    s);
		} else
			err_at(x, k, "unknown key `%s' in rule (expected id, "
			    "description, class, severity, action, match)", key);
	}
	if (id_node == NULL)
		err_at(x, n, "missing required key `id'");
	if (r->action == ACTION_LEAK && class_node == NULL)
		err_at(x, n, "missing required key `class' (needed when "
		    "action is leak)");
}

/* encrypted_dns: {names: [...], addresses: [...]} (encdns.h). */
static void
parse_resolvers(struct ctx *x, yaml_node_t *v, struct ls_ruleset *rs)
{
	if (v->type != YAML_MAPPING_NODE) {
		err_at(x, v, "wrong type: `encrypted_dns' must be a mapping");
		return;
	}
	for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
	    q < v->data.mapping.pairs.top; q++) {
		yaml_node_t *k = node(x, q->key), *l = node(x, q->value);
		const char *key = k != NULL ? yaml_scalar(k) : NULL, *why;
		yaml_node_t *items[MAX_LIST];

		if (key == NULL || l == NULL || dup_key(x, v, q, key))
			continue;
		if (strcmp(key, "addresses") == 0) {
			parse_cidrs(x, l, &rs->resolver_addrs,
			    &rs->nresolver_addrs);
			continue;
		}
		if (strcmp(key, "names") != 0) {
			err_at(x, k, "unknown key `%s' in encrypted_dns "
			    "(expected names, addresses)", key);
			continue;
		}
		size_t n = list_items(x, l, items, MAX_LIST);
		rs->resolver_names = rules_xcalloc(n, sizeof(char *));
		for (size_t i = 0; i < n; i++)
			if (!encdns_name_ok(yaml_scalar(items[i]), &why))
				err_at(x, items[i], "bad resolver name `%s': %s",
				    yaml_scalar(items[i]), why);
			else
				rs->resolver_names[rs->nresolver_names++] =
				    rules_xstrdup(yaml_scalar(items[i]));
	}
}

static void
parse_top(struct ctx *x, yaml_node_t *root)
{
	struct ls_ruleset *rs = x->rs;
	bool have_version = false, have_rules = false;

	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		err_at(x, root, "wrong type: the rule file must be a mapping "
		    "with version and rules");
		return;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(x, p->key), *v = node(x, p->value);
		const char *key = k != NULL ? yaml_scalar(k) : NULL;

		if (key == NULL || v == NULL) {
			err_at(x, k, "wrong type: keys must be scalars");
			continue;
		}
		if (dup_key(x, root, p, key))
			continue;
		if (strcmp(key, "version") == 0) {
			have_version = true;
			if (yaml_scalar(v) == NULL ||
			    strcmp(yaml_scalar(v), "1") != 0)
				err_at(x, v, "unsupported version (expected 1)");
			rs->version = 1;
		} else if (strcmp(key, "local") == 0) {
			parse_cidrs(x, v, &rs->local, &rs->nlocal);
		} else if (strcmp(key, "tunnel") == 0) {
			if (v->type != YAML_MAPPING_NODE) {
				err_at(x, v, "wrong type: `tunnel' must be a "
				    "mapping");
				continue;
			}
			for (yaml_node_pair_t *q = v->data.mapping.pairs.start;
			    q < v->data.mapping.pairs.top; q++) {
				yaml_node_t *tk = node(x, q->key);
				yaml_node_t *tv = node(x, q->value);
				const char *tkey = tk ? yaml_scalar(tk) : NULL;
				if (tkey == NULL || tv == NULL ||
				    dup_key(x, v, q, tkey))
					continue;
				if (strcmp(tkey, "outage_after") == 0) {
					const char *s = yaml_scalar(tv);
					char *end;
					double d = s != NULL ? strtod(s, &end) : 0;
					if (s == NULL || end == s || *end != '\0' ||
					    !(d > 0) || d > 86400)
						err_at(x, tv, "outage_after must be "
						    "a number of seconds, 0 < s "
						    "<= 86400");
					else
						rs->outage_after = d;
				} else
					err_at(x, tk, "unknown key `%s' in tunnel "
					    "(expected outage_after)", tkey);
			}
		} else if (strcmp(key, "encrypted_dns") == 0) {
			parse_resolvers(x, v, rs);
		} else if (strcmp(key, "rules") == 0) {
			have_rules = true;
			if (v->type != YAML_SEQUENCE_NODE) {
				err_at(x, v, "wrong type: `rules' must be a list");
				continue;
			}
			size_t n = (size_t)(v->data.sequence.items.top -
			    v->data.sequence.items.start);
			if (n > RULES_MAX_RULES) {
				err_at(x, v, "%zu rules: more than %u", n,
				    RULES_MAX_RULES);
				continue;
			}
			rs->rules = rules_xcalloc(n, sizeof(*rs->rules));
			for (size_t i = 0; i < n; i++) {
				yaml_node_t *rn = node(x,
				    v->data.sequence.items.start[i]);
				if (rn == NULL)
					continue;
				struct ls_rule *r = &rs->rules[rs->nrules++];
				parse_rule(x, rn, r);
				r->set = rs;
				for (size_t j = 0; r->id != NULL &&
				    j + 1 < rs->nrules; j++)
					if (rs->rules[j].id != NULL &&
					    strcmp(rs->rules[j].id, r->id) == 0) {
						err_at(x, rn, "duplicate rule id "
						    "`%s' (first defined at line "
						    "%u)", r->id,
						    rs->rules[j].line);
						break;
					}
			}
		} else if (rules_design_key(key)) {
			x->errors += rules_design_parse(x->name, x->err, x->doc,
			    key, v, rs);
		} else
			err_at(x, k, "unknown key `%s' (expected version, local, "
			    "tunnel, encrypted_dns, exposure_severity, by_design, "
			    "rules)", key);
	}
	if (!have_version)
		err_at(x, root, "missing required key `version'");
	if (!have_rules)
		err_at(x, root, "missing required key `rules'");
}

/*
 * Line and column (from 1) of byte off, the way libyaml counts its marks:
 * a line ends at \n, \r\n or \r; a column is a character, not a byte.
 */
static void
byte_mark(const uint8_t *buf, size_t len, size_t off, size_t *line,
    size_t *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		if (buf[i] == '\n' || (buf[i] == '\r' &&
		    (i + 1 >= len || buf[i + 1] != '\n'))) {
			(*line)++;
			*col = 1;
		} else if (buf[i] != '\r' && (buf[i] & 0xc0) != 0x80)
			(*col)++;
	}
}

/*
 * libyaml's error, at its place.  A reader error (a byte that is not
 * UTF-8, a control character) has no problem_mark, only the byte offset.
 */
static void
yaml_problem(struct ctx *x, const yaml_parser_t *p, const uint8_t *buf,
    size_t len, const char *what)
{
	size_t line = p->problem_mark.line + 1, col = p->problem_mark.column + 1;

	if (p->error == YAML_READER_ERROR) {
		byte_mark(buf, len, p->problem_offset, &line, &col);
		fprintf(x->err, "%s:%zu:%zu: bad byte", x->name, line, col);
		if (p->problem_value >= 0 && p->problem_value <= 0xff)
			fprintf(x->err, " 0x%02x", (unsigned)p->problem_value);
		fprintf(x->err, ": %s\n", p->problem != NULL ? p->problem :
		    "unknown");
	} else
		fprintf(x->err, "%s:%zu:%zu: %s: %s%s%s\n", x->name, line, col,
		    what, p->problem != NULL ? p->problem : "unknown",
		    p->context != NULL ? " " : "",
		    p->context != NULL ? p->context : "");
	x->errors++;
}

/* First pass: events only, to refuse aliases, depth and size bombs. */
static bool
prescan(struct ctx *x, const uint8_t *buf, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned depth = 0, docs = 0;
	size_t events = 0;
	bool ok = true;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			yaml_problem(x, &p, buf, len, "YAML syntax error");
			ok = false;
			break;
		}
		yaml_event_type_t t = ev.type;
		yaml_mark_t m = ev.start_mark;
		if (t == YAML_ALIAS_EVENT || ((t == YAML_SCALAR_EVENT ||
		    t == YAML_SEQUENCE_START_EVENT ||
		    t == YAML_MAPPING_START_EVENT) &&
		    ((t == YAML_SCALAR_EVENT && ev.data.scalar.anchor) ||
		    (t == YAML_SEQUENCE_START_EVENT &&
		    ev.data.sequence_start.anchor) ||
		    (t == YAML_MAPPING_START_EVENT &&
		    ev.data.mapping_start.anchor)))) {
			fprintf(x->err, "%s:%zu:%zu: YAML anchors and aliases "
			    "are not allowed in rule files\n", x->name,
			    m.line + 1, m.column + 1);
			x->errors++;
			ok = false;
		}
		if (t == YAML_SEQUENCE_START_EVENT ||
		    t == YAML_MAPPING_START_EVENT) {
			if (++depth > MAX_DEPTH) {
				fprintf(x->err, "%s:%zu:%zu: nested deeper than "
				    "the schema allows (%d levels)\n", x->name,
				    m.line + 1, m.column + 1, MAX_DEPTH);
				x->errors++;
				ok = false;
			}
		} else if (t == YAML_SEQUENCE_END_EVENT ||
		    t == YAML_MAPPING_END_EVENT)
			depth--;
		else if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			fprintf(x->err, "%s:%zu:%zu: more than one YAML "
			    "document\n", x->name, m.line + 1, m.column + 1);
			x->errors++;
			ok = false;
		}
		yaml_event_delete(&ev);
		if (++events > MAX_EVENTS) {
			fprintf(x->err, "%s:%zu:%zu: too large (more than %d "
			    "YAML events)\n", x->name, m.line + 1,
			    m.column + 1, MAX_EVENTS);
			x->errors++;
			ok = false;
		}
		if (!ok || t == YAML_STREAM_END_EVENT)
			break;
	}
	if (ok && docs == 0) {
		fprintf(x->err, "%s:1:1: empty rule file\n", x->name);
		x->errors++;
		ok = false;
	}
	yaml_parser_delete(&p);
	return ok;
}

struct ls_ruleset *
rules_parse_buffer(const char *name, const uint8_t *buf, size_t len,
    FILE *err)
{
	struct ctx x = { name, err, 0, NULL, NULL, { NULL, 0, false } };
	yaml_parser_t p;
	yaml_document_t doc;

	if (len > RULES_MAX_BYTES) {
		fprintf(err, "%s:1:1: %zu bytes: larger than %u\n", name, len,
		    RULES_MAX_BYTES);
		return NULL;
	}
	const uint8_t *nul = memchr(buf, '\0', len);
	if (nul != NULL) {
		size_t line, col;
		byte_mark(buf, len, (size_t)(nul - buf), &line, &col);
		fprintf(err, "%s:%zu:%zu: binary data (a NUL byte at offset "
		    "%zu)\n", name, line, col, (size_t)(nul - buf));
		return NULL;
	}
	if (!prescan(&x, buf, len))
		return NULL;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, buf, len);
	if (!yaml_parser_load(&p, &doc)) {
		yaml_problem(&x, &p, buf, len, "YAML error");
		yaml_parser_delete(&p);
		return NULL;
	}
	x.doc = &doc;
	x.rs = rules_xcalloc(1, sizeof(*x.rs));
	x.rs->path = rules_xstrdup(name);
	parse_top(&x, yaml_document_get_root_node(&doc));
	appnames_free(&x.apps);
	yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	if (x.errors > 0) {
		rules_free(x.rs);
		return NULL;
	}
	return x.rs;
}

struct ls_ruleset *
rules_load(const char *path, FILE *err)
{
	size_t n;
	char *buf = file_read(path, RULES_MAX_BYTES, &n, err);
	struct ls_ruleset *rs;

	if (buf == NULL)
		return NULL;
	rs = rules_parse_buffer(path, (const uint8_t *)buf, n, err);
	free(buf);
	return rs;
}

void
rules_free(struct ls_ruleset *rs)
{
	if (rs == NULL)
		return;
	rules_free(rs->next);
	for (size_t i = 0; i < rs->nrules; i++) {
		struct ls_rule *r = &rs->rules[i];
		free(r->id);
		free(r->description);
		for (size_t j = 0; j < r->napps; j++)
			free(r->apps[j]);
		free(r->apps);
		free(r->remote);
		free(r->ports);
	}
	free(rs->rules);
	for (size_t i = 0; i < rs->nresolver_names; i++)
		free(rs->resolver_names[i]);
	free(rs->resolver_names);
	free(rs->resolver_addrs);
	rules_design_free(rs);
	free(rs->local);
	free(rs->path);
	free(rs);
}
