/* SPDX-License-Identifier: MIT */
/*
 * engine.c - the audit pipeline (see engine.h).
 *
 * Every packet is decoded, then goes to its flow.  A flow is PENDING until
 * something decides it, and decided exactly once:
 *
 *   local     housekeeping (DHCP, NDP, IGMP, MLD) or both ends local and no
 *             rule matches;
 *   carrier   a -e endpoint (exact address, port, protocol), or, with none
 *             given, a tunnel protocol by payload (nDPI, WireGuard shape);
 *   allowed   an allow rule matched, or no rule did;
 *   leak      a leak rule matched: one primary class, tags for the others.
 *
 * A pending flow is decided as soon as the evidence is in: a payload check
 * names DNS or HTTP; a STUN flow has its response (the mapped address) or
 * has waited decide_after; nDPI reached a final verdict on a flow that
 * carried payload; the flow carried PEND_MAX_PAYLOAD payload packets; it has
 * been pending for decide_after seconds of packet time; or it ends.  Deciding
 * on payload rather than port is what keeps WireGuard on UDP 53 a carrier
 * and not a DNS leak.
 *
 * Tunnel state is carrier liveness: a carrier endpoint silent for longer
 * than outage_after seconds of packet time is down; the tunnel is up while
 * any carrier is up, down when all known carriers are down, unknown before
 * the first.  A leak while it is down is a kill-switch failure.
 *
 * Decided flows cost a hash lookup and a few counters per packet; only
 * leaked DNS flows keep parsing (every name asked is reported).
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "classify.h"
#include "cursor.h"
#include "decode.h"
#include "dns.h"
#include "engine.h"
#include "flow.h"
#include "http.h"
#include "report.h"
#include "stun.h"
#include "tls.h"

#define PEND_MAX_PAYLOAD	8	/* payload packets before deciding anyway */
#define PEND_MAX_NDPI		24	/* packets fed to nDPI at most */
#define MAX_CARRIERS		64	/* tunnel endpoints tracked */
#define EVIDENCE_HOLD_PKTS	16	/* packets kept while pending (-w) */
#define EVIDENCE_HOLD_BYTES	65535
#define STUN_WAIT_US		250000	/* for the answer with the address */

/* eflags: what the pending checks found. */
enum {
	EF_DNS_SEEN	= 1u << 0,
	EF_STUN_REQ	= 1u << 1,
	EF_STUN_RESP	= 1u << 2,
	EF_HTTP_REQ	= 1u << 3,
	EF_NDPI_FINAL	= 1u << 4,
	EF_PAYLOAD	= 1u << 5,
	EF_WG_SHAPE	= 1u << 6,
	EF_HOUSEKEEP	= 1u << 7,
	EF_WG_HANDSHAKE	= 1u << 8,	/* WireGuard initiation/response */
	EF_OVPN_RESET	= 1u << 9,	/* OpenVPN client hard reset */
	EF_OVPN_SHAPE	= 1u << 10,	/* ... answered by a server reset */
	EF_FIRST_PL	= 1u << 11,	/* first payload packet seen */
	EF_SELF_NAMED	= 1u << 12,	/* TLS hello / QUIC Initial: no nDPI */
};

#define MAX_OS_TUNNELS	32

struct os_tunnel {
	char		name[16];
	bool		up;
};

struct carrier {
	struct ls_addr	addr;
	uint16_t	port;
	uint8_t		proto;
	enum ls_tunnel	state;
	uint64_t	last_us;
	char		app[48];
};

/* Packets of a pending flow, kept for the evidence file. */
struct held_pkt {
	struct held_pkt	*next;
	uint64_t	 ts_us;
	uint32_t	 caplen, len;
	uint8_t		 data[];
};

/* Engine-side state hung off flow->l7 while pending. */
struct pend {
	void		*ndpi;		/* classifier state */
	struct ls_l7	 l7;		/* last verdict */
	struct ls_dns	*dns;
	struct ls_http	*http;
	struct ls_stun	*stun;
	struct held_pkt	*held, **held_tail;
	unsigned	 nheld;
	uint8_t		 ndpi_pkts;
	uint64_t	 last_cnt;	/* pcap_cnt of its last packet */
};

struct pend_ref {
	struct ls_flow	*flow;
	uint64_t	 seq;
};

struct ls_engine {
	struct ls_engine_cfg	 cfg;
	struct ls_reporter	*rep;
	struct ls_classifier	*cls;
	struct ls_flow_table	*flows;
	const struct ls_source	*src;
	struct ls_stats		 st;

	/* pending flows in creation order: a ring of (flow, seq), and when
	 * each is due (never decreasing along the ring) */
	struct pend_ref		*pq;
	size_t			 pq_cap, pq_head, pq_len;
	uint64_t		*pq_due;
	/* STUN requests waiting for their answer, oldest first */
	struct pend_ref		*sq;
	size_t			 sq_cap, sq_head, sq_len;
	uint64_t		*sq_due;

	struct carrier		 carriers[MAX_CARRIERS];
	size_t			 ncarriers;
	uint64_t		 tunnel_due;	/* next time one may go quiet */
	/* the carrier fast path: the last carrier flow's raw header bytes */
	struct {
		struct ls_flow	*f;
		uint64_t	 seq;
		uint32_t	 iface;
		uint16_t	 ethertype;
		uint8_t		 off, len;
		enum flow_dir	 fwd_dir;
		uint8_t		 fwd[40], rev[40];
	}			 fast;
	struct os_tunnel	 os[MAX_OS_TUNNELS];
	size_t			 nos;
	uint64_t		 now_us;
	uint64_t		 next_expire_us;
	uint64_t		 pcap_cnt;
	uint64_t		 outage_us, decide_us;
	bool			 have_time;

	/* the packet being processed, for evidence and events */
	const uint8_t		*frame;
	uint32_t		 caplen, len;
	uint64_t		 ts_us;
	/* carrier endpoints the OS told us (WireGuard, host routes) */
	struct os_ep {
		struct ls_endpoint	ep;
		bool			route;	/* a host route, not exact */
		char			why[64];
	}			 os_ep[ENGINE_OS_EP_MAX];
	size_t			 nos_ep;
};

static const struct ls_cidr *builtin_local(size_t *n);

/* --- locality ------------------------------------------------------------ */

static const char *const local_prefixes[] = {
	"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16",
	"127.0.0.0/8", "224.0.0.0/4", "255.255.255.255/32",
	"fe80::/10", "fc00::/7", "ff00::/8", "::1/128",
};
#define NLOCAL	(sizeof(local_prefixes) / sizeof(local_prefixes[0]))

static const struct ls_cidr *
builtin_local(size_t *n)
{
	static struct ls_cidr tab[NLOCAL];
	static bool done;

	if (!done) {
		for (size_t i = 0; i < NLOCAL; i++)
			cidr_parse(local_prefixes[i], &tab[i], NULL);
		done = true;
	}
	*n = NLOCAL;
	return tab;
}

static bool
in_list(const struct ls_cidr *l, size_t n, const struct ls_addr *a)
{
	for (size_t i = 0; i < n; i++)
		if (cidr_contains(&l[i], a))
			return true;
	return false;
}

static bool
is_local(const struct ls_engine *e, const struct ls_addr *a)
{
	size_t n;
	const struct ls_cidr *b = builtin_local(&n);

	return in_list(b, n, a) || in_list(e->cfg.lan, e->cfg.nlan, a) ||
	    (e->cfg.rules != NULL &&
	    in_list(e->cfg.rules->local, e->cfg.rules->nlocal, a));
}

/* --- tunnel state -------------------------------------------------------- */

const char *
tunnel_name(enum ls_tunnel t)
{
	switch (t) {
	case TUNNEL_UP:		return "up";
	case TUNNEL_DOWN:	return "down";
	default:		return "unknown";
	}
}

static enum ls_tunnel
tunnel_state(const struct ls_engine *e)
{
	bool any_down = false;

	/* what the OS says about its tunnel interfaces wins over traffic */
	if (e->nos > 0) {
		for (size_t i = 0; i < e->nos; i++)
			if (e->os[i].up)
				return TUNNEL_UP;
		return TUNNEL_DOWN;
	}

	for (size_t i = 0; i < e->ncarriers; i++) {
		if (e->carriers[i].state == TUNNEL_UP)
			return TUNNEL_UP;
		any_down = true;
	}
	return any_down ? TUNNEL_DOWN : TUNNEL_UNKNOWN;
}

static void
tunnel_emit(struct ls_engine *e, const struct carrier *c, uint64_t ts,
    bool first, uint64_t pcap_cnt)
{
	struct ls_tunnel_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.ts_us = ts;
	ev.state = c->state;
	ev.first = first;
	ev.addr = c->addr;
	ev.port = c->port;
	ev.proto = c->proto;
	memcpy(ev.app, c->app, sizeof(ev.app));
	ev.src = e->src;
	ev.pcap_cnt = pcap_cnt;
	e->st.tunnel_events++;
	if (e->rep->ops->tunnel != NULL)
		e->rep->ops->tunnel(e->rep, &ev);
}

/* Mark carriers silent for longer than outage_after as down. */
static void
tunnel_tick(struct ls_engine *e, uint64_t now)
{
	uint64_t due = UINT64_MAX;

	/* nothing can go quiet before the earliest deadline last computed:
	 * last_us only grows, and a carrier coming up resets it */
	if (now < e->tunnel_due)
		return;
	for (size_t i = 0; i < e->ncarriers; i++) {
		struct carrier *c = &e->carriers[i];

		if (c->state != TUNNEL_UP)
			continue;
		if (now > c->last_us + e->outage_us) {
			c->state = TUNNEL_DOWN;
			tunnel_emit(e, c, c->last_us + e->outage_us, false, 0);
		} else if (c->last_us + e->outage_us + 1 < due)
			due = c->last_us + e->outage_us + 1;
	}
	e->tunnel_due = due;
}

static void tunnel_seen_slow(struct ls_engine *, struct ls_flow *);

/* A carrier packet: the carrier is alive.  The common case, a flow that
 * remembers its endpoint and a tunnel already up, is inline. */
static inline void
tunnel_seen(struct ls_engine *e, struct ls_flow *f)
{
	if (f->carrier != 0 && f->carrier <= e->ncarriers) {
		struct carrier *c = &e->carriers[f->carrier - 1];

		if (e->ts_us > c->last_us)
			c->last_us = e->ts_us;
		if (c->state == TUNNEL_UP)
			return;
	}
	tunnel_seen_slow(e, f);
}

static void __attribute__((noinline))
tunnel_seen_slow(struct ls_engine *e, struct ls_flow *f)
{
	const struct ls_addr *a;
	uint16_t port;
	struct carrier *c = NULL;

	/* the flow remembers its endpoint, which was down */
	if (f->carrier != 0 && f->carrier <= e->ncarriers) {
		c = &e->carriers[f->carrier - 1];
		c->state = TUNNEL_UP;
		e->tunnel_due = 0;
		tunnel_emit(e, c, e->ts_us, false, e->pcap_cnt);
		return;
	}

	/* The VPN server is the end that is not local (or the server end). */
	if (!is_local(e, &f->srv) || is_local(e, &f->cli)) {
		a = &f->srv;
		port = f->sport;
	} else {
		a = &f->cli;
		port = f->cport;
	}
	for (size_t i = 0; i < e->ncarriers; i++) {
		struct carrier *k = &e->carriers[i];
		if (k->port == port && k->proto == f->proto &&
		    addr_cmp(&k->addr, a) == 0) {
			c = k;
			f->carrier = (uint16_t)(i + 1);
			break;
		}
	}
	if (c == NULL) {
		if (e->ncarriers == MAX_CARRIERS)
			return;		/* tracked enough; state stays known */
		c = &e->carriers[e->ncarriers++];
		memset(c, 0, sizeof(*c));
		c->addr = *a;
		c->port = port;
		c->proto = f->proto;
		c->state = TUNNEL_UP;
		c->last_us = e->ts_us;
		e->tunnel_due = 0;
		f->carrier = (uint16_t)e->ncarriers;
		if (f->leak == NULL && f->l7 != NULL)
			memcpy(c->app, ((struct pend *)f->l7)->l7.name,
			    sizeof(c->app));
		tunnel_emit(e, c, e->ts_us, true, e->pcap_cnt);
		return;
	}
	if (e->ts_us > c->last_us)
		c->last_us = e->ts_us;
	if (c->state != TUNNEL_UP) {
		c->state = TUNNEL_UP;
		e->tunnel_due = 0;
		tunnel_emit(e, c, e->ts_us, false, e->pcap_cnt);
	}
}

/* --- pending state ------------------------------------------------------- */

static void
held_free(struct pend *pd)
{
	struct held_pkt *h = pd->held, *n;

	for (; h != NULL; h = n) {
		n = h->next;
		free(h);
	}
	pd->held = NULL;
	pd->held_tail = &pd->held;
	pd->nheld = 0;
}

static void
pend_free(struct pend *pd)
{
	if (pd == NULL)
		return;
	classify_flow_free(pd->ndpi);
	free(pd->dns);
	free(pd->http);
	free(pd->stun);
	held_free(pd);
	free(pd);
}

static struct pend *
pend_get(struct ls_engine *e, struct ls_flow *f)
{
	struct pend *pd = f->l7;

	if (pd != NULL)
		return pd;
	pd = calloc(1, sizeof(*pd));
	if (pd == NULL)
		return NULL;
	pd->held_tail = &pd->held;
	pd->ndpi = classify_flow_new(e->cls);
	f->l7 = pd;
	return pd;
}

static void
hold_packet(struct ls_engine *e, struct pend *pd)
{
	struct held_pkt *h;

	if (!e->cfg.want_evidence || pd->nheld >= EVIDENCE_HOLD_PKTS ||
	    e->caplen > EVIDENCE_HOLD_BYTES)
		return;
	h = malloc(sizeof(*h) + e->caplen);
	if (h == NULL)
		return;
	h->next = NULL;
	h->ts_us = e->ts_us;
	h->caplen = e->caplen;
	h->len = e->len;
	memcpy(h->data, e->frame, e->caplen);
	*pd->held_tail = h;
	pd->held_tail = &h->next;
	pd->nheld++;
}

/* --- leak bookkeeping ---------------------------------------------------- */

static void
leak_free(struct ls_leak *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nnames; i++)
		free(l->names[i]);
	free(l->names);
	free(l->name_lens);
	free(l->qtypes);
	free(l->dns);
	free(l->http);
	free(l->stun);
	free(l);
}

static void
leak_add_name(struct ls_leak *l, const struct ls_dns *d)
{
	for (size_t i = 0; i < l->nnames; i++)
		if (l->name_lens[i] == d->qname_len &&
		    memcmp(l->names[i], d->qname, d->qname_len) == 0)
			return;
	if (l->nnames == LEAK_MAX_NAMES) {
		l->names_cut = true;
		return;
	}
	if (l->names == NULL) {
		l->names = calloc(LEAK_MAX_NAMES, sizeof(*l->names));
		l->name_lens = calloc(LEAK_MAX_NAMES, sizeof(*l->name_lens));
		l->qtypes = calloc(LEAK_MAX_NAMES, sizeof(*l->qtypes));
		if (l->names == NULL || l->name_lens == NULL ||
		    l->qtypes == NULL)
			return;
	}
	/* qname may hold NUL bytes: keep qname_len bytes plus a NUL. */
	char *s = malloc(d->qname_len + 1);
	if (s == NULL)
		return;
	memcpy(s, d->qname, d->qname_len);
	s[d->qname_len] = '\0';
	l->names[l->nnames] = s;
	l->name_lens[l->nnames] = (uint16_t)d->qname_len;
	l->qtypes[l->nnames] = d->qtype;
	l->nnames++;
}

/* --- payload checks ------------------------------------------------------ */

/* Remember a STUN request: it is decided by STUN_WAIT_US at the latest. */
static void
sq_push(struct ls_engine *e, struct ls_flow *f)
{
	size_t i;

	if (e->sq_len == e->sq_cap)
		return;		/* the pending queue still decides it */
	i = (e->sq_head + e->sq_len) % e->sq_cap;
	e->sq[i].flow = f;
	e->sq[i].seq = f->seq;
	e->sq_due[i] = e->ts_us + STUN_WAIT_US;
	e->sq_len++;
}

static bool
wg_shape(const uint8_t *p, size_t n)
{
	struct ls_cursor c = cur_init(p, n);
	uint32_t t = cur_le32(&c);

	if (!cur_ok(&c))
		return false;
	switch (t) {
	case 1:	return n == 148;
	case 2:	return n == 92;
	case 3:	return n == 64;
	case 4:	return n >= 32 && (n - 32) % 16 == 0;
	default: return false;
	}
}

/*
 * OpenVPN (ssl_pkt.h): opcode << 3 | key_id.  A flow whose first payload is
 * a client hard reset (v2: 7, v3: 10) answered by a server hard reset (8)
 * is OpenVPN whatever the port.  Over TCP a 2-byte length that matches the
 * segment comes first.
 */
static void
ovpn_shape(struct ls_flow *f, const uint8_t *p, size_t n, bool tcp, bool first,
    enum flow_dir dir)
{
	struct ls_cursor c = cur_init(p, n);
	uint8_t op;

	if (tcp) {
		uint16_t len = cur_be16(&c);
		if (!cur_ok(&c) || len != n - 2)
			return;
	}
	op = cur_u8(&c);
	if (!cur_ok(&c) || cur_remaining(&c) < 8 || (op & 0x07) != 0)
		return;
	op >>= 3;
	if (first && dir == DIR_TOSERVER && (op == 7 || op == 10))
		f->eflags |= EF_OVPN_RESET;
	else if ((f->eflags & EF_OVPN_RESET) && dir == DIR_TOCLIENT && op == 8)
		f->eflags |= EF_OVPN_SHAPE;
}

/* Housekeeping that is local whatever the addresses say. */
static bool
housekeeping(const struct ls_packet *p)
{
	if (p->proto == IPPROTO_IGMP)
		return true;
	if (p->proto == IPPROTO_UDP) {
		if ((p->sport == 67 && p->dport == 68) ||
		    (p->sport == 68 && p->dport == 67) ||
		    (p->sport == 546 && p->dport == 547) ||
		    (p->sport == 547 && p->dport == 546))
			return true;
	}
	if (p->proto == IPPROTO_ICMPV6) {
		switch (p->icmp_type) {
		case 130: case 131: case 132: case 143:	/* MLD */
		case 133: case 134: case 135: case 136: case 137: /* NDP */
			return true;
		}
	}
	return false;
}

/* The engine's own extractor settled the protocol: name it, no nDPI. */
static void
self_name(struct ls_engine *e, struct ls_flow *f, struct pend *pd,
    enum l7_self what, const char *host)
{
	if (f->eflags & EF_NDPI_FINAL)
		return;
	classify_named(e->cls, pd->ndpi, what, host, &pd->l7);
	f->protocols |= pd->l7.protocols;
	f->eflags |= EF_SELF_NAMED | EF_NDPI_FINAL;
}

static void
check_payload(struct ls_engine *e, struct ls_flow *f, struct pend *pd,
    const struct ls_packet *p, enum flow_dir dir)
{
	const uint8_t *pl = e->frame + p->payload_off;
	size_t n = p->payload_len;
	bool tcp = p->proto == IPPROTO_TCP;

	if (n == 0 || (p->proto != IPPROTO_UDP && !tcp))
		return;
	f->eflags |= EF_PAYLOAD;

	bool first = !(f->eflags & EF_FIRST_PL);
	f->eflags |= EF_FIRST_PL;
	/* A message of DNS's strict shape (one question, sane counts and
	 * class, a printable name) is DNS: random session ids do not take
	 * that shape, while a query's random ID may well read as an OpenVPN
	 * opcode or a WireGuard type. */
	bool dns_shape = dns_looks_like(pl, n, tcp);
	if (!dns_shape) {
		if (!tcp && wg_shape(pl, n)) {
			f->eflags |= EF_WG_SHAPE;
			if (n == 148 || n == 92)
				f->eflags |= EF_WG_HANDSHAKE;
		}
		ovpn_shape(f, pl, n, tcp, first, dir);
	}
	if (f->eflags & (EF_WG_HANDSHAKE | EF_OVPN_SHAPE))
		return;		/* a tunnel handshake is not DNS on port 53 */

	bool dns_port = p->sport == 53 || p->dport == 53 || p->sport == 853 ||
	    p->dport == 853 || p->sport == 5353 || p->dport == 5353 ||
	    p->sport == 5355 || p->dport == 5355;
	/* any port: the strict shape; a DNS port: any message that parses,
	 * hostile names included (they are what the reporter must show) */
	if (dns_shape || dns_port) {
		struct ls_dns d;
		bool parsed = dns_extract(pl, n, tcp, &d) == DNS_OK;

		if (dns_shape || (parsed && d.qdcount >= 1)) {
			if (parsed) {
				f->protocols |= PROTO_DNS;
				f->eflags |= EF_DNS_SEEN;
				self_name(e, f, pd, L7_DNS, d.qname);
				/* the flow's first message, query or answer */
				if (pd->dns == NULL && (pd->dns =
				    malloc(sizeof(*pd->dns))) != NULL)
					*pd->dns = d;
			}
			return;
		}
	}
	if (!tcp || n >= STUN_HDR_LEN) {
		struct ls_stun s;

		if (stun_extract(pl, n, &s) == STUN_OK) {
			f->protocols |= PROTO_STUN;
			self_name(e, f, pd, L7_STUN, NULL);
			bool req = (s.type & 0x0110) == 0;
			if (req && !(f->eflags & (EF_STUN_REQ | EF_STUN_RESP)))
				sq_push(e, f);
			f->eflags |= req ? EF_STUN_REQ : EF_STUN_RESP;
			if (pd->stun == NULL || (s.has_mapped &&
			    !pd->stun->has_mapped)) {
				if (pd->stun == NULL)
					pd->stun = malloc(sizeof(*pd->stun));
				if (pd->stun != NULL)
					*pd->stun = s;
			}
			return;
		}
	}
	if (first && !(f->eflags & EF_NDPI_FINAL)) {
		/* a TLS ClientHello or a QUIC Initial opens the flow: name it
		 * here, and spare nDPI the parse (JA3, QUIC decryption) */
		struct ls_tls t;
		bool hello = tcp && tls_client_hello(pl, n, &t);
		bool quic = !tcp && quic_initial(pl, n);
		if (hello || quic) {
			self_name(e, f, pd, quic ? L7_QUIC : L7_TLS,
			    hello && t.has_sni ? t.sni : NULL);
			return;
		}
	}
	if (tcp) {
		struct ls_http h;
		enum http_res r = http_extract(pl, n, &h);

		if (r == HTTP_REQUEST || r == HTTP_RESPONSE) {
			f->protocols |= PROTO_HTTP;
			self_name(e, f, pd, L7_HTTP, r == HTTP_REQUEST ?
			    h.host : NULL);
			if (r == HTTP_REQUEST) {
				f->eflags |= EF_HTTP_REQ;
				if (pd->http == NULL &&
				    (pd->http = malloc(sizeof(*pd->http))) != NULL)
					*pd->http = h;
			}
		}
	}
	(void)dir;
}

/* --- deciding ------------------------------------------------------------ */

static bool
endpoint_match(const struct ls_endpoint *ep, const struct ls_addr *a,
    uint16_t port, uint8_t proto)
{
	return addr_cmp(&ep->addr, a) == 0 && (ep->port == 0 ||
	    ep->port == port) && (ep->proto == 0 || ep->proto == proto);
}

static bool
is_configured_carrier(const struct ls_engine *e, const struct ls_flow *f)
{
	for (size_t i = 0; i < e->cfg.nendpoints; i++) {
		const struct ls_endpoint *ep = &e->cfg.endpoints[i];
		if (endpoint_match(ep, &f->srv, f->sport, f->proto) ||
		    endpoint_match(ep, &f->cli, f->cport, f->proto))
			return true;
	}
	return false;
}

/*
 * An endpoint the OS named as the VPN's (never with -e: -e wins).  A
 * WireGuard peer is exact; a host route around the tunnel may also be a
 * split route, so through one only what nDPI cannot name (or names a VPN)
 * counts: a proprietary VPN protocol, never TLS, SSH or the like.
 */
static bool
is_os_carrier(const struct ls_engine *e, const struct ls_flow *f,
    const struct pend *pd)
{
	if (e->cfg.nendpoints > 0)
		return false;
	for (size_t i = 0; i < e->nos_ep; i++) {
		const struct ls_endpoint *ep = &e->os_ep[i].ep;
		if (!endpoint_match(ep, &f->srv, f->sport, f->proto) &&
		    !endpoint_match(ep, &f->cli, f->cport, f->proto))
			continue;
		if (!e->os_ep[i].route)
			return true;
		if (pd != NULL && (!pd->l7.known || pd->l7.guessed ||
		    pd->l7.carrier))
			return true;
	}
	return false;
}

static void
evidence_flush(struct ls_engine *e, struct pend *pd)
{
	for (struct held_pkt *h = pd->held; h != NULL; h = h->next)
		e->cfg.evidence(e->cfg.evidence_arg, h->ts_us, h->caplen,
		    h->len, h->data);
	held_free(pd);
}

static void
decide(struct ls_engine *e, struct ls_flow *f, bool at_packet)
{
	struct pend *pd = f->l7;
	struct ls_flow_facts facts;
	struct ls_match m;

	if (f->state != FS_PENDING)
		return;
	if (pd != NULL && !pd->l7.known && pd->ndpi != NULL) {
		classify_giveup(e->cls, pd->ndpi, &pd->l7);
		f->protocols |= pd->l7.protocols;
	}

	/* DNS over TLS is TLS on TCP 853 (RFC 7858) */
	if (f->proto == IPPROTO_TCP && (f->sport == 853 || f->cport == 853) &&
	    (f->protocols & PROTO_TLS))
		f->protocols |= PROTO_DOT;

	/* carrier */
	bool carrier;
	if (e->cfg.nendpoints > 0)
		carrier = is_configured_carrier(e, f);
	else
		carrier = (is_os_carrier(e, f, pd) && !(f->eflags & (EF_DNS_SEEN |
		    EF_HTTP_REQ | EF_STUN_REQ | EF_STUN_RESP))) ||
		    (f->eflags & (EF_WG_HANDSHAKE | EF_OVPN_SHAPE)) ||
		    (pd != NULL && pd->l7.carrier && !pd->l7.guessed &&
		    !(f->eflags & (EF_DNS_SEEN | EF_HTTP_REQ))) ||
		    ((f->eflags & EF_WG_SHAPE) && !(f->eflags & (EF_DNS_SEEN |
		    EF_STUN_REQ | EF_STUN_RESP | EF_HTTP_REQ)));
	if (carrier) {
		if (pd != NULL && !pd->l7.carrier) {
			const char *n = f->eflags & EF_OVPN_SHAPE ? "OpenVPN" :
			    f->eflags & (EF_WG_HANDSHAKE | EF_WG_SHAPE) ?
			    "WireGuard" : NULL;
			if (n != NULL)
				snprintf(pd->l7.name, sizeof(pd->l7.name), "%s", n);
		}
		f->state = FS_CARRIER;
		e->st.carrier_flows++;
		if (at_packet)
			tunnel_seen(e, f);
		goto done;
	}
	if (f->eflags & EF_HOUSEKEEP) {
		f->state = FS_LOCAL;
		e->st.local_flows++;
		goto done;
	}

	memset(&facts, 0, sizeof(facts));
	facts.protocols = f->protocols;
	facts.app = pd != NULL && pd->l7.known ? pd->l7.name : NULL;
	facts.ip_version = f->ip_version;
	facts.transport = f->proto;
	facts.cli = &f->cli;
	facts.srv = &f->srv;
	facts.cport = f->cport;
	facts.sport = f->sport;
	facts.nonlocal = !is_local(e, &f->cli) || !is_local(e, &f->srv);
	facts.srv_unicast = !addr_is_multicast(&f->srv) &&
	    !addr_is_broadcast(&f->srv);
	facts.ipv6_global = addr_is_v6_global(&f->cli) ||
	    addr_is_v6_global(&f->srv);
	rules_match(e->cfg.rules, &facts, &m);

	if (m.rule == NULL || m.rule->action == ACTION_ALLOW) {
		if (facts.nonlocal) {
			f->state = FS_ALLOWED;
			e->st.allowed_flows++;
		} else {
			f->state = FS_LOCAL;
			e->st.local_flows++;
		}
		goto done;
	}

	struct ls_leak *l = calloc(1, sizeof(*l));
	if (l == NULL) {
		f->state = FS_ALLOWED;	/* cannot happen in practice; counted */
		e->st.allowed_flows++;
		goto done;
	}
	l->class = m.rule->class;
	l->tags = m.tags;
	l->rule = m.rule;
	l->tunnel = tunnel_state(e);
	l->ts_us = at_packet ? e->ts_us : f->last_us;
	l->pcap_cnt = at_packet ? e->pcap_cnt : pd != NULL ? pd->last_cnt : 0;
	l->flow_id = ((uint64_t)(e->src != NULL ? e->src->index : 0) << 40) |
	    ((f->seq & ((1ull << 40) - 1)) + 1);	/* never 0 */
	l->src = e->src;
	if (pd != NULL) {
		memcpy(l->app, pd->l7.name, sizeof(l->app));
		if (pd->l7.protocols & (PROTO_TLS | PROTO_QUIC | PROTO_DOT |
		    PROTO_DOH))
			memcpy(l->sni, pd->l7.host, sizeof(l->sni));
		l->dns = pd->dns;
		pd->dns = NULL;
		l->http = pd->http;
		pd->http = NULL;
		l->stun = pd->stun;
		pd->stun = NULL;
		if (l->dns != NULL)
			leak_add_name(l, l->dns);
	} else
		strcpy(l->app, "Unknown");
	f->leak = l;
	f->state = FS_LEAK;
	f->pinned = true;
	e->st.leak_flows++;
	e->st.leak_flows_by_class[l->class]++;
	e->st.leak_packets += f->pkts[0] + f->pkts[1];
	e->st.leak_packets_by_class[l->class] += f->pkts[0] + f->pkts[1];
	e->st.leak_bytes += f->bytes[0] + f->bytes[1];
	if (l->tunnel == TUNNEL_DOWN)
		e->st.killswitch_leaks++;
	if (e->rep->ops->leak != NULL)
		e->rep->ops->leak(e->rep, f);
	if (pd != NULL && e->cfg.want_evidence)
		evidence_flush(e, pd);
done:
	/* the packets held while pending now count under the verdict */
	if (f->state == FS_CARRIER)
		e->st.carrier_packets += f->pkts[0] + f->pkts[1];
	else if (f->state == FS_LOCAL)
		e->st.local_packets += f->pkts[0] + f->pkts[1];
	else if (f->state == FS_ALLOWED)
		e->st.allowed_packets += f->pkts[0] + f->pkts[1];
	pend_free(pd);
	f->l7 = NULL;
}

/* Is the evidence in for a pending flow? */
static bool
ready(const struct ls_engine *e, const struct ls_flow *f, const struct pend *pd)
{
	if (f->eflags & (EF_HOUSEKEEP | EF_WG_HANDSHAKE | EF_OVPN_SHAPE))
		return true;
	if (f->eflags & EF_OVPN_RESET)
		return false;		/* wait for the server's reset */
	if (e->cfg.nendpoints > 0 && is_configured_carrier(e, f))
		return true;
	if (is_os_carrier(e, f, NULL) && !(f->eflags & (EF_DNS_SEEN | EF_HTTP_REQ |
	    EF_STUN_REQ | EF_STUN_RESP)))
		return true;
	if (f->eflags & (EF_DNS_SEEN | EF_HTTP_REQ))
		return true;
	if (f->eflags & EF_STUN_RESP)
		return true;
	if (f->eflags & EF_STUN_REQ)
		return false;		/* wait for the mapped address */
	if (pd != NULL && pd->l7.carrier && pd->l7.known)
		return true;
	if ((f->eflags & EF_WG_SHAPE) && f->pkts[0] + f->pkts[1] >= 2)
		return true;
	if (f->eflags & EF_SELF_NAMED)
		return true;
	if ((f->eflags & EF_NDPI_FINAL) && (f->eflags & EF_PAYLOAD))
		return true;
	if (f->l7_pkts >= PEND_MAX_PAYLOAD)
		return true;
	return false;
}

/* --- flow end ------------------------------------------------------------ */

static void
on_flow_end(struct ls_flow *f, enum flow_end_reason why, void *arg)
{
	struct ls_engine *e = arg;

	if (e->fast.f == f)
		e->fast.f = NULL;
	if (f->state == FS_PENDING)
		decide(e, f, false);
	if (why == END_TIMEOUT)
		e->st.flows_expired++;
	else if (why == END_EVICTED) {
		e->st.flows_evicted++;
		if (f->state == FS_LEAK)
			e->st.flows_evicted_leak++;
	}
	if (f->state == FS_LEAK && e->rep->ops->flow_end != NULL)
		e->rep->ops->flow_end(e->rep, f);
	leak_free(f->leak);
	f->leak = NULL;
	pend_free(f->l7);
	f->l7 = NULL;
}

/* --- the packet path ----------------------------------------------------- */

static void
pq_push(struct ls_engine *e, struct ls_flow *f)
{
	if (e->pq_len == e->pq_cap) {
		/* full: the oldest entries are long decided or gone */
		e->pq_head = (e->pq_head + 1) % e->pq_cap;
		e->pq_len--;
	}
	size_t i = (e->pq_head + e->pq_len) % e->pq_cap;
	e->pq[i].flow = f;
	e->pq[i].seq = f->seq;
	uint64_t due = f->first_us + e->decide_us;
	if (e->pq_len > 0) {	/* never before the one ahead (time went back) */
		uint64_t prev = e->pq_due[(i + e->pq_cap - 1) % e->pq_cap];
		if (due < prev)
			due = prev;
	}
	e->pq_due[i] = due;
	e->pq_len++;
}

/* Decide flows that have been pending for decide_after. */
static void
pq_tick(struct ls_engine *e, uint64_t now)
{
	while (e->sq_len > 0 && e->sq_due[e->sq_head] <= now) {
		struct pend_ref *r = &e->sq[e->sq_head];
		if (r->flow->seq == r->seq && r->flow->state == FS_PENDING)
			decide(e, r->flow, false);
		e->sq_head = (e->sq_head + 1) % e->sq_cap;
		e->sq_len--;
	}
	while (e->pq_len > 0) {
		struct pend_ref *r = &e->pq[e->pq_head];
		struct ls_flow *f = r->flow;

		if (e->pq_due[e->pq_head] > now)
			break;
		if (f->seq == r->seq && f->state == FS_PENDING)
			decide(e, f, false);
		e->pq_head = (e->pq_head + 1) % e->pq_cap;
		e->pq_len--;
	}
}

/*
 * Would pq_tick do anything now?  Only the heads' times are read: a head
 * whose flow was decided early (or reused) stays until its time, which
 * comes no later than that of any entry behind it.
 */
static inline bool
queues_due(const struct ls_engine *e, uint64_t now)
{
	return (e->sq_len > 0 && e->sq_due[e->sq_head] <= now) ||
	    (e->pq_len > 0 && e->pq_due[e->pq_head] <= now);
}

static void __attribute__((noinline))
time_due(struct ls_engine *e)
{
	tunnel_tick(e, e->now_us);
	pq_tick(e, e->now_us);
	if (e->now_us >= e->next_expire_us) {
		flow_expire(e->flows, e->now_us, on_flow_end, e);
		e->next_expire_us = e->now_us + 1000000;
	}
}

/* The clock moves with the packets; timers run only when one can be due. */
static inline void
time_advance(struct ls_engine *e, uint64_t ts)
{
	if (!e->have_time || ts > e->now_us) {
		e->now_us = ts;
		e->have_time = true;
	}
	if (e->now_us >= e->tunnel_due || e->now_us >= e->next_expire_us ||
	    queues_due(e, e->now_us))
		time_due(e);
}

/*
 * The carrier fast path.  Most packets on a physical interface under a VPN
 * are the carrier's, one flow in bursts.  An Ethernet frame carrying plain
 * UDP over IPv4 (no options, not a fragment) or IPv6 (no extension
 * header), with every length consistent, is exactly what decode_frame
 * reads without an anomaly; for such a frame the addresses and ports are
 * contiguous bytes.  When they equal the last carrier flow's, in either
 * direction, the packet is that flow's: counted as flow_lookup and the
 * FS_CARRIER case would, without decoding or hashing.  Anything else takes
 * the full path.
 */
static inline __attribute__((always_inline)) bool
fast_shape(const uint8_t *b, uint32_t caplen, uint32_t wirelen, uint16_t *et,
    uint8_t *off, uint8_t *len)
{
	/* the headers captured; the payload may be cut by the snap length
	 * (decode_frame: truncated, not an anomaly) but not on the wire */
	if (caplen < 14 + 40 + 8)
		return false;
	*et = (uint16_t)(b[12] << 8 | b[13]);
	if (*et == 0x0800) {
		uint32_t tot = (uint32_t)(b[16] << 8 | b[17]);
		uint32_t ulen = (uint32_t)(b[38] << 8 | b[39]);
		if (b[14] != 0x45 || ((b[20] << 8 | b[21]) & 0x3fff) != 0 ||
		    b[23] != 17 || tot < 28 || 14 + tot > wirelen ||
		    ulen != tot - 20)
			return false;
		*off = 26;
		*len = 12;
		return true;
	}
	if (*et == 0x86dd) {
		uint32_t plen = (uint32_t)(b[18] << 8 | b[19]);
		uint32_t ulen = (uint32_t)(b[58] << 8 | b[59]);
		if ((b[14] >> 4) != 6 || b[20] != 17 || plen < 8 ||
		    54 + plen > wirelen || ulen != plen)
			return false;
		*off = 22;
		*len = 36;
		return true;
	}
	return false;
}

/* Remember a carrier flow's packet for the fast path. */
static void
fast_learn(struct ls_engine *e, struct ls_flow *f, const uint8_t *frame,
    uint32_t caplen, enum flow_dir dir)
{
	uint16_t et;
	uint8_t off, len, half;

	if (e->src == NULL || e->src->dlt != 1 ||
	    !fast_shape(frame, caplen, e->len, &et, &off, &len))
		return;
	half = (uint8_t)((len - 4) / 2);	/* one address */
	e->fast.f = f;
	e->fast.seq = f->seq;
	e->fast.iface = e->src->index;
	e->fast.ethertype = et;
	e->fast.off = off;
	e->fast.len = len;
	e->fast.fwd_dir = dir;
	memcpy(e->fast.fwd, frame + off, len);
	memcpy(e->fast.rev, frame + off + half, half);
	memcpy(e->fast.rev + half, frame + off, half);
	memcpy(e->fast.rev + 2 * half, frame + off + 2 * half + 2, 2);
	memcpy(e->fast.rev + 2 * half + 2, frame + off + 2 * half, 2);
}

/* memcmp() == 0 for the IPv4 case (12 bytes) without a call. */
static inline bool
fast_eq(const uint8_t *a, const uint8_t *b, uint8_t len)
{
	uint64_t a8, b8;
	uint32_t a4, b4;

	if (len != 12)
		return memcmp(a, b, len) == 0;
	memcpy(&a8, a, 8);
	memcpy(&b8, b, 8);
	memcpy(&a4, a + 8, 4);
	memcpy(&b4, b + 8, 4);
	return a8 == b8 && a4 == b4;
}

static inline __attribute__((always_inline)) bool
fast_path(struct ls_engine *e, uint64_t ts_us, uint32_t caplen, uint32_t len,
    const uint8_t *frame)
{
	struct ls_flow *f = e->fast.f;
	enum flow_dir dir;
	uint16_t et;
	uint8_t off, l;

	if (f == NULL || e->cfg.no_fastpath || e->src == NULL ||
	    e->src->dlt != 1 || e->src->index != e->fast.iface ||
	    !fast_shape(frame, caplen, len, &et, &off, &l) ||
	    et != e->fast.ethertype)
		return false;
	if (fast_eq(frame + off, e->fast.fwd, l))
		dir = e->fast.fwd_dir;
	else if (fast_eq(frame + off, e->fast.rev, l))
		dir = e->fast.fwd_dir == DIR_TOSERVER ? DIR_TOCLIENT :
		    DIR_TOSERVER;
	else
		return false;
	e->st.packets++;
	e->st.bytes += len;
	time_advance(e, ts_us);
	/* time may have ended the flow (on_flow_end forgets it) */
	if (e->fast.f != f || f->seq != e->fast.seq || f->state != FS_CARRIER) {
		e->st.packets--;
		e->st.bytes -= len;
		return false;
	}
	e->st.ip_packets++;
	flow_touch(e->flows, f, ts_us);
	f->pkts[dir]++;
	f->bytes[dir] += len;
	e->st.carrier_packets++;
	e->st.fast_packets++;
	tunnel_seen(e, f);
	return true;
}

/*
 * The full path: decode, flow lookup, verdicts.  Kept out of line so that
 * engine_packet, which most packets leave through the fast path, needs no
 * stack frame of its own.
 */
static void __attribute__((noinline))
packet_full(struct ls_engine *e, uint64_t ts_us, uint32_t caplen,
    uint32_t len, const uint8_t *frame, uint64_t pcap_cnt)
{
	struct ls_packet p;
	struct ls_flow *f;
	enum flow_dir dir;
	bool created;

	e->st.packets++;
	e->st.bytes += len;
	e->frame = frame;
	e->caplen = caplen;
	e->len = len;	/* ts_us and pcap_cnt: set by engine_packet */

	p.ts_us = ts_us;
	p.wire_len = len;
	p.cap_len = caplen;
	p.iface = e->src != NULL ? e->src->index : 0;
	decode_frame(e->src != NULL ? e->src->dlt : 1, frame, caplen, &p);
	if (p.anom != ANOM_NONE) {
		e->st.anomalies[p.anom]++;
		e->st.anomaly_packets++;
	}
	time_advance(e, ts_us);

	if (p.l3 != L3_IPV4 && p.l3 != L3_IPV6) {
		e->st.non_ip_packets++;
		e->st.local_packets++;
		return;
	}
	e->st.ip_packets++;
	if (p.flags & PKT_FRAG_LATER) {
		e->st.frag_later++;
		return;
	}
	f = flow_lookup(e->flows, &p, &dir, &created, on_flow_end, e);
	if (f == NULL) {
		e->st.untracked_packets++;	/* table full of leaked flows */
		return;
	}
	f->pkts[dir]++;
	f->bytes[dir] += len;
	if (created) {
		e->st.flows++;
		if (housekeeping(&p))
			f->eflags |= EF_HOUSEKEEP;
		pq_push(e, f);
	}

	switch (f->state) {
	case FS_CARRIER:
		e->st.carrier_packets++;
		tunnel_seen(e, f);
		fast_learn(e, f, frame, caplen, dir);
		return;
	case FS_LOCAL:
		e->st.local_packets++;
		return;
	case FS_ALLOWED:
		e->st.allowed_packets++;
		return;
	case FS_LEAK: {
		struct ls_leak *l = f->leak;

		e->st.leak_packets++;
		e->st.leak_packets_by_class[l->class]++;
		e->st.leak_bytes += len;
		if (e->cfg.want_evidence)
			e->cfg.evidence(e->cfg.evidence_arg, ts_us, caplen, len,
			    frame);
		if (p.payload_len > 0 && (l->dns != NULL ||
		    (l->tags & (1u << CLASS_DNS)))) {
			struct ls_dns d;
			bool tcp = p.proto == IPPROTO_TCP;
			if (dns_extract(frame + p.payload_off, p.payload_len,
			    tcp, &d) == DNS_OK && !d.response)
				leak_add_name(l, &d);
		}
		if (l->stun != NULL && !l->stun->has_mapped &&
		    p.payload_len >= STUN_HDR_LEN) {
			struct ls_stun s;
			if (stun_extract(frame + p.payload_off, p.payload_len,
			    &s) == STUN_OK && s.has_mapped)
				*l->stun = s;
		}
		return;
	}
	default:
		break;
	}

	/* pending */
	e->st.pending_packets++;
	struct pend *pd = pend_get(e, f);
	if (pd == NULL)
		return;
	hold_packet(e, pd);
	pd->last_cnt = pcap_cnt;
	if (!(f->eflags & EF_HOUSEKEEP)) {
		if (p.payload_len > 0 && f->l7_pkts < UINT8_MAX)
			f->l7_pkts++;
		check_payload(e, f, pd, &p, dir);
		/* nDPI sees a TCP flow's first packet (its port guess at
		 * give-up needs one) and then only packets with payload: the
		 * rest of the handshake tells it nothing, and most flows are
		 * settled by the extractors at their first payload */
		if (!(f->eflags & EF_NDPI_FINAL) && pd->ndpi != NULL &&
		    pd->ndpi_pkts < PEND_MAX_NDPI && (p.payload_len > 0 ||
		    p.proto != IPPROTO_TCP || pd->ndpi_pkts == 0)) {
			classify_packet(e->cls, pd->ndpi, frame + p.l3_off,
			    p.l3_len, ts_us / 1000, &pd->l7);
			pd->ndpi_pkts++;
			f->protocols |= pd->l7.protocols;
			if (pd->l7.final)
				f->eflags |= EF_NDPI_FINAL;
		}
	}
	if (ready(e, f, pd))
		decide(e, f, true);
}

void
engine_packet(struct ls_engine *e, uint64_t ts_us, uint32_t caplen,
    uint32_t len, const uint8_t *frame, uint64_t pcap_cnt)
{
	e->ts_us = ts_us;
	e->pcap_cnt = pcap_cnt;
	if (!fast_path(e, ts_us, caplen, len, frame))
		packet_full(e, ts_us, caplen, len, frame, pcap_cnt);
}

/* --- set-up -------------------------------------------------------------- */

struct ls_engine *
engine_new(const struct ls_engine_cfg *cfg, struct ls_reporter *rep)
{
	struct ls_engine *e = calloc(1, sizeof(*e));
	uint64_t seed = 0;

	if (e == NULL)
		return NULL;
	e->cfg = *cfg;
	e->rep = rep;
	if (e->cfg.max_flows == 0)
		e->cfg.max_flows = 262144;
	e->outage_us = (uint64_t)(cfg->outage_after * 1e6);
	e->decide_us = (uint64_t)(cfg->decide_after * 1e6);
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != sizeof(seed))
		seed = 0x9e3779b97f4a7c15ull;
	e->cls = classify_new();
	e->flows = flow_table_new(e->cfg.max_flows, seed);
	e->pq_cap = e->cfg.max_flows;
	e->pq = calloc(e->pq_cap, sizeof(*e->pq));
	e->pq_due = calloc(e->pq_cap, sizeof(*e->pq_due));
	e->sq_cap = 4096;
	e->sq = calloc(e->sq_cap, sizeof(*e->sq));
	e->sq_due = calloc(e->sq_cap, sizeof(*e->sq_due));
	if (e->cls == NULL || e->flows == NULL || e->pq == NULL ||
	    e->pq_due == NULL ||
	    e->sq == NULL || e->sq_due == NULL) {
		engine_free(e);
		return NULL;
	}
	return e;
}

void
engine_begin_source(struct ls_engine *e, const struct ls_source *src)
{
	e->src = src;
	e->ncarriers = 0;
	e->tunnel_due = 0;
	e->have_time = false;
	e->now_us = 0;
	e->next_expire_us = 0;
	e->pq_head = e->pq_len = 0;
}

void
engine_set_source(struct ls_engine *e, const struct ls_source *src)
{
	e->src = src;
}

void
engine_tick(struct ls_engine *e, uint64_t now_us)
{
	time_advance(e, now_us);
}

void
engine_os_tunnel(struct ls_engine *e, const char *name, bool up,
    uint64_t now_us)
{
	struct os_tunnel *t = NULL;
	struct ls_tunnel_event ev;

	for (size_t i = 0; i < e->nos; i++)
		if (strcmp(e->os[i].name, name) == 0)
			t = &e->os[i];
	if (t == NULL) {
		if (e->nos == MAX_OS_TUNNELS)
			return;
		t = &e->os[e->nos++];
		snprintf(t->name, sizeof(t->name), "%s", name);
	} else if (t->up == up)
		return;
	t->up = up;
	memset(&ev, 0, sizeof(ev));
	ev.ts_us = now_us;
	ev.state = up ? TUNNEL_UP : TUNNEL_DOWN;
	ev.src = e->src;
	snprintf(ev.ifname, sizeof(ev.ifname), "%s", name);
	e->st.tunnel_events++;
	if (e->rep->ops->tunnel != NULL)
		e->rep->ops->tunnel(e->rep, &ev);
}

size_t
engine_carrier_count(const struct ls_engine *e)
{
	return e->ncarriers;
}

void
engine_carrier(const struct ls_engine *e, size_t i, struct ls_addr *addr,
    uint16_t *port, uint8_t *proto)
{
	*addr = e->carriers[i].addr;
	*port = e->carriers[i].port;
	*proto = e->carriers[i].proto;
}

bool
engine_os_endpoint(struct ls_engine *e, const struct ls_endpoint *ep,
    bool route, bool add, const char *why)
{
	size_t i;

	for (i = 0; i < e->nos_ep; i++)
		if (addr_cmp(&e->os_ep[i].ep.addr, &ep->addr) == 0 &&
		    e->os_ep[i].ep.port == ep->port &&
		    e->os_ep[i].ep.proto == ep->proto)
			break;
	if (!add) {
		if (i == e->nos_ep)
			return false;
		e->os_ep[i] = e->os_ep[--e->nos_ep];
		return true;
	}
	if (i < e->nos_ep || e->nos_ep == ENGINE_OS_EP_MAX)
		return false;
	e->os_ep[i].ep = *ep;
	e->os_ep[i].route = route;
	snprintf(e->os_ep[i].why, sizeof(e->os_ep[i].why), "%s", why);
	e->nos_ep++;
	return true;
}

void
engine_set_rules(struct ls_engine *e, const struct ls_ruleset *rs)
{
	e->cfg.rules = rs;
}

void
engine_end_source(struct ls_engine *e)
{
	flow_end_all(e->flows, on_flow_end, e);
	e->pq_head = e->pq_len = 0;
}

struct ls_stats *
engine_stats(struct ls_engine *e)
{
	return &e->st;
}

void
engine_free(struct ls_engine *e)
{
	if (e == NULL)
		return;
	flow_table_free(e->flows, on_flow_end, e);
	classify_free(e->cls);
	free(e->pq);
	free(e->pq_due);
	free(e->sq);
	free(e->sq_due);
	free(e);
}
