/* SPDX-License-Identifier: MIT */
/*
 * inspect.c - payload inspection of pending flows (see inspect.h).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>

#include "carrier.h"
#include "classify.h"
#include "dns.h"
#include "http.h"
#include "inspect.h"
#include "pending.h"
#include "quic.h"
#include "rules.h"
#include "stun.h"
#include "tls.h"

/* The extractors settled the protocol: name it, no nDPI. */
static void
self_name(struct ls_classifier *cls, struct ls_flow *f, struct ls_pending *pd,
    enum l7_self what, const char *host)
{
	if (f->eng.eflags & EF_NDPI_FINAL)
		return;
	classify_named(cls, pending_ndpi(cls, pd), what, host, &pd->l7);
	f->eng.protocols |= pd->l7.protocols;
	f->eng.eflags |= EF_SELF_NAMED | EF_NDPI_FINAL;
}

static bool
dns_port(const struct ls_packet *p)
{
	static const uint16_t ports[] = { 53, 853, 5353, 5355 };

	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++)
		if (p->sport == ports[i] || p->dport == ports[i])
			return true;
	return false;
}

/* WireGuard: a handshake settles it; data only by a run of one receiver
 * index (a capture that starts mid-session has nothing else). */
static void
shape_wg(struct ls_flow *f, struct carrier_track *t, const uint8_t *pl,
    size_t n, size_t wire, enum flow_dir dir)
{
	uint32_t idx;
	enum wg_shape w = carrier_wg_msg(pl, n, wire, &idx);

	if (w == WG_SHAPE_NONE)
		return;
	f->eng.eflags |= EF_WG_SHAPE;
	if (w == WG_SHAPE_HANDSHAKE)
		f->eng.eflags |= EF_WG_HANDSHAKE;
	else if (idx != 0 && carrier_track_wg(t, dir, idx))
		f->eng.eflags |= EF_WG_DATA;
}

/* IPsec over UDP: IKE (an exchange of one SA), or ESP in UDP. */
static void
shape_ipsec(struct ls_flow *f, struct carrier_track *t, const uint8_t *pl,
    size_t n, size_t wire, enum flow_dir dir)
{
	struct ike_hdr h;
	enum ike_msg m = carrier_ike(pl, n, wire, &h);
	uint32_t spi, seq;

	if (m != IKE_NONE) {
		f->eng.eflags |= EF_IKE_SEEN;
		if (m == IKE_INIT_REQUEST && dir == DIR_TOSERVER)
			f->eng.eflags |= EF_IKE_REQ;
		if (carrier_track_ike(t, m, &h))
			f->eng.eflags |= EF_IKE_SHAPE;
		return;
	}
	if (!carrier_esp(pl, n, wire, &spi, &seq))
		return;
	f->eng.eflags |= EF_ESP_HDR;
	/* ESP-in-UDP is NAT-T's, on 4500 (RFC 3948): elsewhere a run of one
	 * 4-byte id and a climbing counter is KCP, uTP, a game's protocol */
	if ((f->sport == 4500 || f->cport == 4500) &&
	    carrier_track_esp(t, dir, spi, seq))
		f->eng.eflags |= EF_ESP_SHAPE;
}

/* The tunnel shapes; a message of DNS's strict shape never is one. */
static void
tunnel_shapes(struct ls_flow *f, struct ls_pending *pd,
    const struct ls_packet *p, const uint8_t *pl, size_t n, size_t wire,
    bool tcp, bool first, enum flow_dir dir)
{
	if (!tcp) {
		shape_wg(f, &pd->trk, pl, n, wire, dir);
		shape_ipsec(f, &pd->trk, pl, n, wire, dir);
	}
	else if (n == 2 && wire > n && !dns_port(p) &&
	    carrier_track_framed(&pd->trk, dir, pl, n, wire))
		f->eng.eflags |= EF_OVPN_FRAMED;
	enum ovpn_op op = carrier_ovpn_op(pl, n, wire, tcp);
	if (first && dir == DIR_TOSERVER && op == OVPN_CLIENT_RESET)
		f->eng.eflags |= EF_OVPN_RESET;
	else if ((f->eng.eflags & EF_OVPN_RESET) && dir == DIR_TOCLIENT &&
	    op == OVPN_SERVER_RESET)
		f->eng.eflags |= EF_OVPN_SHAPE;
}

/* ESP as IP protocol 50: its header is all there is to judge. */
static void
inspect_esp(struct ls_flow *f, const uint8_t *pl, size_t n, size_t wire)
{
	uint32_t spi, seq;

	if (carrier_esp(pl, n, wire, &spi, &seq))
		f->eng.eflags |= EF_ESP_SHAPE;
}


/* DNS: true when the payload was DNS (parsed or not: nothing else then). */
static bool
inspect_dns(struct ls_classifier *cls, struct ls_flow *f,
    struct ls_pending *pd, const uint8_t *pl, size_t n, size_t wire, bool tcp,
    bool strict)
{
	struct ls_dns d;
	bool parsed = dns_extract(pl, n, tcp, &d) == DNS_OK;
	bool resp;

	if (!parsed && wire > n && dns_header_cut(pl, n, wire, tcp, &resp)) {
		/* the snap length left its header: DNS, no name to show */
		f->eng.protocols |= PROTO_DNS;
		f->eng.eflags |= EF_DNS_SEEN;
		self_name(cls, f, pd, L7_DNS, NULL);
		return true;
	}
	if (!strict && !(parsed && d.qdcount >= 1))
		return false;
	if (parsed) {
		f->eng.protocols |= PROTO_DNS;
		f->eng.eflags |= EF_DNS_SEEN;
		self_name(cls, f, pd, L7_DNS, d.qname);
		/* the flow's first message, query or answer */
		if (pd->dns == NULL && (pd->dns = malloc(sizeof(*pd->dns))) !=
		    NULL)
			*pd->dns = d;
	}
	return true;
}

static bool
inspect_stun(struct ls_classifier *cls, struct ls_flow *f,
    struct ls_pending *pd, const uint8_t *pl, size_t n, size_t wire,
    bool *first_req)
{
	struct ls_stun s;

	/* cut by the snap length, its header still names it */
	if (stun_extract(pl, n, &s) != STUN_OK &&
	    !(wire > n && stun_header_cut(pl, n, wire, &s)))
		return false;
	f->eng.protocols |= PROTO_STUN;
	self_name(cls, f, pd, L7_STUN, NULL);
	bool req = (s.type & 0x0110) == 0;
	*first_req = req && !(f->eng.eflags & (EF_STUN_REQ | EF_STUN_RESP));
	f->eng.eflags |= req ? EF_STUN_REQ : EF_STUN_RESP;
	if (pd->stun == NULL || (s.has_mapped && !pd->stun->has_mapped)) {
		if (pd->stun == NULL)
			pd->stun = malloc(sizeof(*pd->stun));
		if (pd->stun != NULL)
			*pd->stun = s;
	}
	return true;
}

static void
inspect_http(struct ls_classifier *cls, struct ls_flow *f,
    struct ls_pending *pd, const uint8_t *pl, size_t n, enum flow_dir dir)
{
	struct ls_http h;
	enum http_res r = http_extract(pl, n, &h);

	if (dir == DIR_TOSERVER && pd->http != NULL &&
	    pd->http->body_left > 0) {
		if (r == HTTP_NOT_HTTP)
			http_more_body(pd->http, pl, n);	/* a form's body */
		else
			pd->http->body_begun = true;	/* none came: no wait */
	}
	if (r != HTTP_REQUEST && r != HTTP_RESPONSE)
		return;
	f->eng.protocols |= PROTO_HTTP;
	self_name(cls, f, pd, L7_HTTP, r == HTTP_REQUEST ? h.host : NULL);
	if (r == HTTP_REQUEST) {
		f->eng.eflags |= EF_HTTP_REQ;
		if (pd->http == NULL &&
		    (pd->http = malloc(sizeof(*pd->http))) != NULL)
			*pd->http = h;
	}
}

enum inspect_res
inspect_payload(struct ls_classifier *cls, struct ls_flow *f,
    struct ls_pending *pd, const struct ls_pkt_ctx *x, enum flow_dir dir)
{
	const struct ls_packet *p = x->p;
	const uint8_t *pl = x->frame + p->payload_off;
	size_t n = p->payload_len;
	/* what the headers claim, when the snap length cut what the wire
	 * held (a packet shorter on the wire than its claim is damaged:
	 * then only what is there counts) */
	size_t wire = n;
	bool tcp = p->proto == IPPROTO_TCP;

	if (p->payload_claimed > n &&
	    (uint64_t)p->payload_off + p->payload_claimed <= p->wire_len)
		wire = p->payload_claimed;
	if (p->proto == IPPROTO_ESP) {
		inspect_esp(f, pl, n, wire);
		return INSPECT_NONE;
	}
	if (p->proto != IPPROTO_UDP && !tcp)
		return INSPECT_NONE;
	if (wire > n)
		f->eng.eflags |= EF_CUT;	/* what it was may not show */
	if (n == 0)
		return INSPECT_NONE;
	f->eng.eflags |= EF_PAYLOAD;

	bool first = !(f->eng.eflags & EF_FIRST_PL);
	f->eng.eflags |= EF_FIRST_PL;
	/* A message of DNS's strict shape (one question, sane counts and
	 * class, a printable name) is DNS: random session ids do not take
	 * that shape, while a query's random ID may well read as an OpenVPN
	 * opcode or a WireGuard type. */
	bool dns_shape = dns_looks_like(pl, n, tcp);
	if (!dns_shape)
		tunnel_shapes(f, pd, p, pl, n, wire, tcp, first, dir);
	if (f->eng.eflags & (EF_TUNNEL_HANDSHAKE | EF_TUNNEL_DATA))
		return INSPECT_NONE;	/* not DNS on port 53 */

	/* any port: the strict shape; a DNS port: any message that parses,
	 * hostile names included (they are what the reporter must show) */
	if ((dns_shape || dns_port(p)) &&
	    inspect_dns(cls, f, pd, pl, n, wire, tcp, dns_shape))
		return INSPECT_NONE;
	if (!tcp || n >= STUN_HDR_LEN) {
		bool first_req = false;
		if (inspect_stun(cls, f, pd, pl, n, wire, &first_req))
			return first_req ? INSPECT_STUN_REQUEST : INSPECT_NONE;
	}
	if (first && !(f->eng.eflags & EF_NDPI_FINAL)) {
		/* a TLS ClientHello or a QUIC Initial opens the flow: name it
		 * here, and spare nDPI the parse of a ClientHello (JA3) */
		struct ls_tls t;
		bool hello = tcp && tls_client_hello(pl, n, &t);
		bool quic = !tcp && quic_initial(pl, n);
		if (hello) {
			self_name(cls, f, pd, L7_TLS, t.has_sni ? t.sni : NULL);
			return INSPECT_NONE;
		}
		if (quic) {
			/* its name is in CRYPTO frames encrypted with keys
			 * anyone can derive from its header (RFC 9001 5.2) */
			bool named = quic_initial_sni(pl, n, t.sni,
			    sizeof(t.sni));
			self_name(cls, f, pd, L7_QUIC, named ? t.sni : NULL);
			return INSPECT_NONE;
		}
	}
	if (tcp)
		inspect_http(cls, f, pd, pl, n, dir);
	return INSPECT_NONE;
}
