/* SPDX-License-Identifier: MIT */
/*
 * verdict.c - local, carrier, allowed or leak (see verdict.h).
 */
#include <netinet/in.h>
#include <string.h>

#include "carrier.h"
#include "flow.h"
#include "http.h"
#include "inspect.h"
#include "locality.h"
#include "pending.h"
#include "tunnel.h"
#include "verdict.h"

/*
 * An IPsec message (an IKE_SA_INIT not yet answered here, one IKE message,
 * one ESP header) of a flow whose server is already an IPsec carrier: the
 * other half of that tunnel (IKE on 500 beside NAT-T on 4500, a flow
 * picked up again after it expired).
 */
static bool
ipsec_half(const struct ls_verdict_cfg *v, const struct ls_flow *f)
{
	return v->tun != NULL &&
	    (f->eng.eflags & (EF_IKE_SEEN | EF_ESP_HDR)) &&
	    carrier_other_half(v->tun->ep, v->tun->n, f) != 0;
}

/* What the flow's own bytes say about a tunnel protocol. */
static enum carrier_why
tunnel_evidence(const struct ls_verdict_cfg *v, const struct ls_flow *f,
    const struct ls_pending *pd)
{
	uint32_t ef = f->eng.eflags;

	if (ef & EF_TUNNEL_HANDSHAKE)
		return CARRIER_BY_HANDSHAKE;
	if (!(ef & EF_PLAINTEXT) && ipsec_half(v, f))
		return CARRIER_BY_SHAPE;
	if (pd != NULL && pd->l7.carrier && !pd->l7.guessed &&
	    !(ef & (EF_DNS_SEEN | EF_HTTP_REQ)))
		return CARRIER_BY_NDPI;
	/* data alone: a run of one WireGuard receiver index or one ESP SPI
	 * (ESP as protocol 50: its header); never a port or a lone message */
	if ((ef & EF_TUNNEL_DATA) && !(ef & EF_PLAINTEXT))
		return CARRIER_BY_SHAPE;
	return CARRIER_NOT;
}

/*
 * An endpoint the OS named.  A WireGuard peer is exact; a host route
 * around the tunnel may also be a split route, so through one only what
 * nDPI cannot name (or names a VPN) counts: a proprietary VPN protocol,
 * never TLS, SSH or the like, and only once nDPI has said its last
 * (EF_NDPI_FINAL; the engine sets it when it gives up).  Plaintext is
 * never a carrier.
 */
static bool
os_carrier(const struct ls_carrier_set *cs, const struct ls_flow *f,
    const struct ls_pending *pd)
{
	if (f->eng.eflags & EF_PLAINTEXT)
		return false;
	switch (carrier_os_match(cs, f)) {
	case CARRIER_OS_EXACT:
		return true;
	case CARRIER_OS_ROUTE:
		return pd != NULL && (f->eng.eflags & EF_NDPI_FINAL) &&
		    (!pd->l7.known || pd->l7.guessed || pd->l7.carrier);
	default:
		return false;
	}
}

enum carrier_why
verdict_carrier(const struct ls_verdict_cfg *v, const struct ls_flow *f,
    const struct ls_pending *pd)
{
	/* -e given: exactly those endpoints, nothing else */
	if (v->carriers->nconfigured > 0)
		return carrier_configured(v->carriers, f) ?
		    CARRIER_BY_ENDPOINT : CARRIER_NOT;
	if (os_carrier(v->carriers, f, pd))
		return CARRIER_BY_OS;
	return tunnel_evidence(v, f, pd);
}

bool
verdict_ready(const struct ls_verdict_cfg *v, const struct ls_flow *f,
    const struct ls_pending *pd)
{
	uint32_t ef = f->eng.eflags;

	if (ef & (EF_HOUSEKEEP | EF_TUNNEL_HANDSHAKE))
		return true;
	/* wait for the server's answer (or the SA's next message) */
	if ((ef & (EF_OVPN_RESET | EF_IKE_SEEN)) && !(ef & EF_TUNNEL_DATA) &&
	    tunnel_evidence(v, f, pd) == CARRIER_NOT)
		return false;
	switch (verdict_carrier(v, f, pd)) {
	case CARRIER_BY_ENDPOINT:
	case CARRIER_BY_OS:
		return true;
	default:
		break;
	}
	/* a form POST whose body is still to come: wait for it (the
	 * password the leak exposes is in it) */
	if ((ef & EF_HTTP_REQ) && pd != NULL && pd->http != NULL &&
	    pd->http->body_left > 0 && !pd->http->body_begun)
		return false;
	if (ef & (EF_DNS_SEEN | EF_HTTP_REQ | EF_STUN_RESP))
		return true;
	if (ef & EF_STUN_REQ)
		return false;		/* wait for the mapped address */
	/* the bytes' say is settled whether or not -e makes it a carrier */
	switch (tunnel_evidence(v, f, pd)) {
	case CARRIER_BY_NDPI:
		return true;
	case CARRIER_BY_SHAPE:
		return true;
	default:
		break;
	}
	if (ef & EF_SELF_NAMED)
		return true;
	if ((ef & EF_NDPI_FINAL) && (ef & EF_PAYLOAD))
		return true;
	return f->eng.payload_pkts >= PEND_MAX_PAYLOAD;
}

const char *
verdict_carrier_name(const struct ls_flow *f)
{
	if (f->eng.eflags & (EF_OVPN_SHAPE | EF_OVPN_FRAMED))
		return "OpenVPN";
	if (f->eng.eflags & (EF_IKE_SHAPE | EF_ESP_SHAPE))
		return "IPsec";
	if (f->eng.eflags & (EF_WG_HANDSHAKE | EF_WG_DATA))
		return "WireGuard";
	return NULL;
}

enum ls_verdict
verdict_decide(const struct ls_verdict_cfg *v, struct ls_flow *f,
    const struct ls_pending *pd, struct ls_match *m)
{
	struct ls_flow_facts facts;

	/* DNS over TLS is TLS on TCP 853 (RFC 7858) */
	if (f->proto == IPPROTO_TCP && (f->sport == 853 || f->cport == 853) &&
	    (f->eng.protocols & PROTO_TLS))
		f->eng.protocols |= PROTO_DOT;

	if (verdict_carrier(v, f, pd) != CARRIER_NOT)
		return FS_CARRIER;
	if (f->eng.eflags & EF_HOUSEKEEP)
		return FS_LOCAL;
	if (locality_always_local(v->loc, f->proto, &f->cli, f->cport,
	    &f->srv, f->sport))
		return FS_LOCAL;

	memset(&facts, 0, sizeof(facts));
	facts.protocols = f->eng.protocols;
	facts.app = pd != NULL && pd->l7.known ? pd->l7.name : NULL;
	facts.ip_version = f->ip_version;
	facts.transport = f->proto;
	facts.cli = &f->cli;
	facts.srv = &f->srv;
	facts.cport = f->cport;
	facts.sport = f->sport;
	facts.nonlocal = locality_nonlocal_link(v->loc, &f->cli, &f->srv,
	    f->eng.link);
	facts.srv_unicast = !locality_dest_onlink(v->loc, &f->srv);
	facts.ipv6_global = addr_is_v6_global(&f->cli) ||
	    addr_is_v6_global(&f->srv);
	rules_match(v->rules, &facts, m);

	if (m->rule == NULL || m->rule->action == ACTION_ALLOW)
		return facts.nonlocal ? FS_ALLOWED : FS_LOCAL;
	return FS_LEAK;
}
