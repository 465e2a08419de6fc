/* SPDX-License-Identifier: MIT */
/*
 * exposure.c - credentials, EUI-64 MACs, by-design traffic and the
 * severity they make (see exposure.h).
 *
 * Severity: a leak starts at its rule's severity; a by_design match (an
 * OS connectivity check, rules_design.c) replaces it with the entry's (low
 * in default.yaml), since the probe says only that the machine is online,
 * outside the tunnel; then every exposure listed in exposure_severity
 * raises it to at least that (http_credentials critical, public_address
 * and eui64_mac high in default.yaml), by_design or not: a probe that
 * carried a password would still be critical.
 *
 * By design: an HTTP flow is tagged when its first request matches an
 * entry by Host and path and no later request of the flow leaves it; a
 * DNS flow when every name it asked is one of the same entry's names (a
 * name the probe does not need, asked on the same socket, ends it).  The
 * record's leak event says what was known when it was reported; the flow
 * event at its end says the last word.
 *
 * The MAC is derived from the client's address only: the sender of the
 * flow's first packet, the machine whose leak it is.
 */
#include <string.h>

#include "dns.h"
#include "exposure.h"
#include "http.h"
#include "rules.h"

bool
exposure_eui64(const struct ls_addr *a, uint8_t mac[6])
{
	const uint8_t *b = a->b;

	if (addr_is_v4(a) || b[11] != 0xff || b[12] != 0xfe)
		return false;
	mac[0] = (uint8_t)(b[8] ^ 0x02);	/* the U/L bit back */
	mac[1] = b[9];
	mac[2] = b[10];
	mac[3] = b[13];
	mac[4] = b[14];
	mac[5] = b[15];
	if (mac[0] & 0x01)
		return false;			/* a group address: no NIC's */
	for (int i = 0; i < 6; i++)
		if (mac[i] != 0)
			return true;
	return false;
}

void
exposure_http_packet(struct ls_leak *l, const uint8_t *pl, size_t n)
{
	struct ls_http *h = l->http, r;

	if (h == NULL || n == 0)
		return;
	if (http_extract(pl, n, &r) == HTTP_REQUEST) {
		h->creds |= r.creds;
		h->body_left = r.body_left;
		if (rules_design_http(l->rule != NULL ? l->rule->set : NULL,
		    r.host, r.host_len, r.url, r.url_len) == NULL)
			l->design_off = true;
	} else if (h->body_left > 0)
		http_more_body(h, pl, n);
}

static const struct ls_design *
design_of(const struct ls_leak *l, const struct ls_ruleset *rs)
{
	const struct ls_design *d = NULL;

	if (rs == NULL || rs->ndesigns == 0 || l->design_off)
		return NULL;
	if (l->http != NULL)
		return rules_design_http(rs, l->http->host, l->http->host_len,
		    l->http->url, l->http->url_len);
	if (l->dns != NULL)
		d = rules_design_dns(rs, l->dns->qname, l->dns->qname_len);
	for (size_t i = 0; d != NULL && i < l->nnames; i++)
		if (rules_design_dns(rs, l->names[i], l->name_lens[i]) != d)
			return NULL;
	if (l->names_cut)
		return NULL;
	return d;
}

void
exposure_finish(struct ls_leak *l)
{
	const struct ls_ruleset *rs = l->rule != NULL ? l->rule->set : NULL;
	const struct ls_design *d;
	enum ls_severity sev = l->rule != NULL ? l->rule->severity : l->severity;

	if (l->http != NULL && l->http->creds != 0)
		l->exposes |= 1u << EXPOSE_HTTP_CREDENTIALS;
	l->has_eui64 = l->flow.ip_version == 6 &&
	    exposure_eui64(&l->flow.cli, l->eui64_mac);
	if (l->has_eui64)
		l->exposes |= 1u << EXPOSE_EUI64_MAC;
	d = design_of(l, rs);
	l->by_design = d != NULL ? d->tag : NULL;
	if (d != NULL)
		sev = d->severity;
	for (int x = 0; rs != NULL && x < EXPOSE__COUNT; x++)
		if ((l->exposes & (1u << x)) && rs->expose_sev[x] > sev)
			sev = rs->expose_sev[x];
	l->severity = sev;
}
