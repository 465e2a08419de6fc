/* SPDX-License-Identifier: MIT */
/*
 * encdns.c - DoT, DoQ and DoH outside the tunnel (see encdns.h).
 */
#include <netinet/in.h>
#include <string.h>

#include "encdns.h"
#include "event.h"
#include "rules.h"

static bool
label_byte(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

bool
encdns_name_ok(const char *s, const char **why)
{
	size_t n = s != NULL ? strlen(s) : 0, label = 0;

	if (n == 0 || n > 253) {
		*why = "a name is 1-253 bytes";
		return false;
	}
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.') {
			if (label == 0) {
				*why = "an empty label (two dots, or a dot at "
				    "an end)";
				return false;
			}
			label = 0;
		} else if (!label_byte(s[i])) {
			*why = "labels are letters, digits, `-' and `_'";
			return false;
		} else if (++label > 63) {
			*why = "a label is at most 63 bytes";
			return false;
		}
	}
	return true;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool
same_tail(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

bool
encdns_name_listed(const struct ls_ruleset *rs, const char *sni, size_t n)
{
	if (rs == NULL)
		return false;
	if (n > 0 && sni[n - 1] == '.')
		n--;
	for (size_t i = 0; i < rs->nresolver_names; i++) {
		const char *r = rs->resolver_names[i];
		size_t rn = strlen(r);

		if (n < rn || !same_tail(sni + n - rn, r, rn))
			continue;
		if (n == rn || sni[n - rn - 1] == '.')
			return true;	/* the name, or a name under it */
	}
	return false;
}

bool
encdns_addr_listed(const struct ls_ruleset *rs, const struct ls_addr *a)
{
	for (size_t i = 0; rs != NULL && i < rs->nresolver_addrs; i++)
		if (cidr_contains(&rs->resolver_addrs[i], a))
			return true;
	return false;
}

void
encdns_tag(const struct ls_ruleset *rs, struct ls_leak *l, uint32_t protocols)
{
	const struct ls_flow_view *v = &l->flow;
	bool enc = (protocols & (PROTO_TLS | PROTO_QUIC | PROTO_DOT)) != 0;
	bool transport = v->proto == IPPROTO_TCP || v->proto == IPPROTO_UDP;
	/* the address list matters on 853 and 443 only: not looked up else */
	bool listed = transport && (v->sport == 853 || v->sport == 443) &&
	    encdns_addr_listed(rs, &v->srv);
	bool dns = false;

	if (protocols & (PROTO_DOT | PROTO_DOH))
		dns = true;			/* TLS on 853, nDPI's DoH_DoT */
	else if (strstr(l->app, "DoH_DoT") != NULL)
		dns = true;
	else if (transport && v->sport == 853 && (enc || listed))
		dns = true;			/* DoT, DoQ */
	else if (enc && l->sni[0] != '\0' &&
	    encdns_name_listed(rs, l->sni, strlen(l->sni)))
		dns = true;			/* DoH by its name */
	else if (listed && v->sport == 443)
		dns = true;			/* DoH by its resolver */
	if (dns)
		l->xtags |= 1u << XTAG_ENCRYPTED_DNS;
}
