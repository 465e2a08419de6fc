/* SPDX-License-Identifier: MIT */
/*
 * classify.c - nDPI 4.2 behind a small interface (STYLE.md R5).
 *
 * nDPI's headers bring dozens of unprefixed macros and system headers, so
 * only this file includes them.  The detection module is set up once with
 * every protocol enabled and Debian's protocol file (port rules such as HTTP
 * on 8080/81) when present.  Per flow, nDPI keeps an ndpi_flow_struct (about
 * 1 KiB): the engine feeds packets only until the verdict is final, then
 * frees it, so the cost of nDPI is paid by the first packets of each flow.
 *
 * nDPI's labels are mapped onto PROTO_* bits; the tunnel protocols (category
 * VPN, plus IPsec/GRE/IP-in-IP by IP protocol) make a flow a carrier.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ndpi_api.h>
#include <ndpi_main.h>

#include "classify.h"
#include "rules.h"

#ifndef LS_NDPI_PROTOS
#define LS_NDPI_PROTOS	"/usr/share/ndpi/ndpiProtos.txt"
#endif

/* ndpi_protocol2name's answers by (master, app): it formats with
 * snprintf, and every decided flow asks. */
#define NAME_CACHE	64

struct name_slot {
	uint32_t	key;		/* master << 16 | app, + 1; 0: empty */
	char		name[L7_NAME_MAX];
};

/* ndpi_network_ptree_match's answers by IPv4 address: the guess for a
 * flow nDPI never saw looks its two addresses up twice each, about 350
 * instructions a lookup, and nDPI's tree does not change after set-up. */
#define ADDR_MEMO	1024

struct addr_slot {
	uint32_t	host;
	uint16_t	proto;
	bool		set;
};

/* ndpi_guess_protocol_id's default-port lookups by port, TCP and UDP,
 * made when first asked (PORT_UNSET: not yet). */
#define PORT_UNSET	0xffff

struct ls_classifier {
	struct ndpi_detection_module_struct	*ndpi;
	struct name_slot			 names[NAME_CACHE];
	struct addr_slot			 hosts[ADDR_MEMO];
	uint16_t				*ports[2];	/* TCP, UDP */
	NDPI_PROTOCOL_BITMASK			 lean;	/* lean_bitmask */
	bool					 tinc_seen;
};

static void
proto_name(struct ls_classifier *c, ndpi_protocol p, char out[L7_NAME_MAX])
{
	uint32_t key = ((uint32_t)p.master_protocol << 16 | p.app_protocol) + 1;
	struct name_slot *s = &c->names[(key * 2654435761u) >> 26];

	if (s->key != key) {
		ndpi_protocol2name(c->ndpi, p, s->name, sizeof(s->name));
		s->key = key;
	}
	memcpy(out, s->name, L7_NAME_MAX);
}

static bool is_tunnel(struct ndpi_detection_module_struct *, uint16_t);

/*
 * The protocols whose dissectors run: those whose answer can change a
 * verdict (every tunnel protocol: a carrier), a class (DNS, STUN, HTTP, and
 * the local ones: mDNS, LLMNR, NetBIOS, SSDP, DHCP) or a reported field
 * (TLS and QUIC give the SNI, DoH/DoT).  nDPI runs every enabled dissector
 * over a flow's first packets, about 27,000 instructions for an unknown
 * UDP packet with all 250 enabled: a flood of new flows would be all nDPI.
 * Other applications are still named, from the host names nDPI knows (SNI,
 * Host, DNS names: TLS.YouTube) and its port and address guess at give-up.
 */
static void
lean_bitmask(struct ndpi_detection_module_struct *m, NDPI_PROTOCOL_BITMASK *b)
{
	static const uint16_t wanted[] = {
		NDPI_PROTOCOL_DNS, NDPI_PROTOCOL_HTTP, NDPI_PROTOCOL_HTTP_PROXY,
		NDPI_PROTOCOL_HTTP_CONNECT, NDPI_PROTOCOL_STUN, NDPI_PROTOCOL_TLS,
		NDPI_PROTOCOL_QUIC, NDPI_PROTOCOL_MDNS, NDPI_PROTOCOL_LLMNR,
		NDPI_PROTOCOL_NETBIOS, NDPI_PROTOCOL_SSDP, NDPI_PROTOCOL_NTP,
		NDPI_PROTOCOL_DHCP, NDPI_PROTOCOL_DHCPV6, NDPI_PROTOCOL_DTLS,
		NDPI_PROTOCOL_DOH_DOT, NDPI_PROTOCOL_IP_ICMP,
		NDPI_PROTOCOL_IP_ICMPV6,
	};
	u_int n = ndpi_get_num_supported_protocols(m);

	NDPI_BITMASK_RESET(*b);
	for (size_t i = 0; i < sizeof(wanted) / sizeof(wanted[0]); i++)
		NDPI_BITMASK_ADD(*b, wanted[i]);
	for (u_int id = 1; id < n && id < NDPI_MAX_SUPPORTED_PROTOCOLS; id++)
		if (is_tunnel(m, (uint16_t)id))
			NDPI_BITMASK_ADD(*b, id);
}

/* The dissectors that matter enabled (every one: all), Debian's protocol
 * file (and its names) loaded. */
static struct ndpi_detection_module_struct *
module_new(bool all)
{
	struct ndpi_detection_module_struct *m;
	NDPI_PROTOCOL_BITMASK b;

	m = ndpi_init_detection_module(ndpi_no_prefs);
	if (m == NULL)
		return NULL;
	if (all)
		NDPI_BITMASK_SET_ALL(b);
	else
		lean_bitmask(m, &b);
	ndpi_set_protocol_detection_bitmask2(m, &b);
	if (access(LS_NDPI_PROTOS, R_OK) == 0)
		ndpi_load_protocols_file(m, LS_NDPI_PROTOS);
	ndpi_finalize_initialization(m);
	return m;
}

struct ls_classifier *
classify_new(void)
{
	struct ls_classifier *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->ndpi = module_new(false);
	if (c->ndpi == NULL) {
		free(c);
		return NULL;
	}
	lean_bitmask(c->ndpi, &c->lean);
	return c;
}

/*
 * The names ndpi_protocol2name builds "Master.App" from, read from a
 * module of their own (about 20 ms, so only when a rule names an app).
 */
char **
classify_app_names(size_t *n)
{
	struct ndpi_detection_module_struct *m = module_new(true);
	u_int k = m != NULL ? ndpi_get_num_supported_protocols(m) : 0;
	char **v = k > 0 ? calloc(k, sizeof(*v)) : NULL;
	size_t count = 0;

	for (u_int i = 0; v != NULL && i < k; i++) {
		const char *s = ndpi_get_proto_name(m, (u_int16_t)i);
		if (s != NULL && s[0] != '\0' && (v[count] = strdup(s)) != NULL)
			count++;
	}
	if (m != NULL)
		ndpi_exit_detection_module(m);
	*n = v != NULL ? count : 0;
	return v;
}

void
classify_app_names_free(char **v, size_t n)
{
	for (size_t i = 0; v != NULL && i < n; i++)
		free(v[i]);
	free(v);
}

void
classify_free(struct ls_classifier *c)
{
	if (c == NULL)
		return;
	ndpi_exit_detection_module(c->ndpi);
	free(c->ports[0]);
	free(c->ports[1]);
	free(c);
}

const char *
classify_version(void)
{
	return ndpi_revision();
}

void *
classify_flow_new(struct ls_classifier *c)
{
	(void)c;
	/* ndpi_free_flow() releases it with free(): no custom allocator. */
	return calloc(1, SIZEOF_FLOW_STRUCT);
}

void
classify_flow_free(void *fstate)
{
	if (fstate != NULL)
		ndpi_free_flow(fstate);
}

static uint32_t
proto_bits(uint16_t id, const struct ndpi_flow_struct *f)
{
	switch (id) {
	case NDPI_PROTOCOL_DNS:		return PROTO_DNS;
	case NDPI_PROTOCOL_HTTP:
	case NDPI_PROTOCOL_HTTP_PROXY:
	case NDPI_PROTOCOL_HTTP_CONNECT: return PROTO_HTTP;
	case NDPI_PROTOCOL_STUN:	return PROTO_STUN;
	case NDPI_PROTOCOL_TLS:		return PROTO_TLS;
	case NDPI_PROTOCOL_QUIC:	return PROTO_QUIC;
	case NDPI_PROTOCOL_MDNS:	return PROTO_MDNS;
	case NDPI_PROTOCOL_LLMNR:	return PROTO_LLMNR;
	case NDPI_PROTOCOL_NTP:		return PROTO_NTP;
	case NDPI_PROTOCOL_DHCP:
	case NDPI_PROTOCOL_DHCPV6:	return PROTO_DHCP;
	case NDPI_PROTOCOL_IP_ICMP:
	case NDPI_PROTOCOL_IP_ICMPV6:	return PROTO_ICMP;
	case NDPI_PROTOCOL_DTLS:	return PROTO_DTLS;
	case NDPI_PROTOCOL_DOH_DOT:
		/* DoT is TCP 853; the rest (DoH, DoQ) is HTTPS/QUIC. */
		if (f != NULL && (ntohs(f->dport) == 853 || ntohs(f->sport) == 853))
			return PROTO_DOT;
		return PROTO_DOH;
	default:			return 0;
	}
}

static bool
is_tunnel(struct ndpi_detection_module_struct *m, uint16_t id)
{
	switch (id) {
	case NDPI_PROTOCOL_UNKNOWN:
		return false;
	case NDPI_PROTOCOL_WIREGUARD:
	case NDPI_PROTOCOL_OPENVPN:
	case NDPI_PROTOCOL_IP_IPSEC:
	case NDPI_PROTOCOL_IP_GRE:
	case NDPI_PROTOCOL_IP_IP_IN_IP:
	case NDPI_PROTOCOL_PPTP:
	case NDPI_PROTOCOL_CISCOVPN:
	case NDPI_PROTOCOL_TINC:
	case NDPI_PROTOCOL_HOTSPOT_SHIELD:
	case NDPI_PROTOCOL_FORTICLIENT:
		return true;
	default:
		break;
	}
	/* Tor is category VPN in nDPI but it is not the user's VPN... it is
	 * still an encrypted tunnel, and counting it as a carrier is what a
	 * Tor-based setup expects. */
	return ndpi_get_proto_category(m, (ndpi_protocol){ id, id,
	    NDPI_PROTOCOL_CATEGORY_UNSPECIFIED }) == NDPI_PROTOCOL_CATEGORY_VPN;
}

static void
fill(struct ls_classifier *c, struct ndpi_flow_struct *f, ndpi_protocol p,
    struct ls_l7 *out)
{
	out->master_id = p.master_protocol;
	out->app_id = p.app_protocol;
	out->known = p.master_protocol != NDPI_PROTOCOL_UNKNOWN ||
	    p.app_protocol != NDPI_PROTOCOL_UNKNOWN;
	out->protocols = proto_bits(p.master_protocol, f) |
	    proto_bits(p.app_protocol, f);
	out->carrier = is_tunnel(c->ndpi, p.master_protocol) ||
	    is_tunnel(c->ndpi, p.app_protocol);
	proto_name(c, p, out->name);
	if (f != NULL) {
		size_t n = strnlen(f->host_server_name,
		    sizeof(f->host_server_name));
		if (n >= sizeof(out->host))
			n = sizeof(out->host) - 1;
		memcpy(out->host, f->host_server_name, n);
		out->host[n] = '\0';
	}
}

void
classify_packet(struct ls_classifier *c, void *fstate, const uint8_t *l3,
    size_t l3len, uint64_t ts_ms, struct ls_l7 *out)
{
	struct ndpi_flow_struct *f = fstate;
	ndpi_protocol p;

	memset(out, 0, sizeof(*out));
	if (l3len > UINT16_MAX)
		l3len = UINT16_MAX;
	p = ndpi_detection_process_packet(c->ndpi, f, l3,
	    (unsigned short)l3len, ts_ms);
	fill(c, f, p, out);
	out->final = out->known && !ndpi_extra_dissection_possible(c->ndpi, f);
	if (p.master_protocol == NDPI_PROTOCOL_TINC ||
	    p.app_protocol == NDPI_PROTOCOL_TINC)
		c->tinc_seen = true;		/* see classify_udp_screen */
}

/*
 * A flow the engine recognised itself (TLS, QUIC, DNS, HTTP, STUN): name
 * it the way nDPI would from the host name it carries (SNI, query name,
 * Host header), through nDPI's host automaton alone, the cheap part: so
 * TLS.Google, or a VPN known by its host names, still comes out as such,
 * without nDPI's full parse of the packet (JA3 strings, QUIC decryption).
 */
void
classify_named(struct ls_classifier *c, void *fstate, enum l7_self what,
    const char *host, struct ls_l7 *out)
{
	static const uint16_t ids[] = {
		[L7_TLS] = NDPI_PROTOCOL_TLS, [L7_QUIC] = NDPI_PROTOCOL_QUIC,
		[L7_DNS] = NDPI_PROTOCOL_DNS, [L7_HTTP] = NDPI_PROTOCOL_HTTP,
		[L7_STUN] = NDPI_PROTOCOL_STUN,
	};
	struct ndpi_flow_struct *f = fstate;
	uint16_t master = ids[what];
	ndpi_protocol p = { master, master, NDPI_PROTOCOL_CATEGORY_UNSPECIFIED };
	ndpi_protocol_match_result m;
	char h[L7_HOST_MAX];
	size_t n = host != NULL ? strnlen(host, sizeof(h) - 1) : 0;

	memset(out, 0, sizeof(*out));
	if (n > 0 && f != NULL) {
		memcpy(h, host, n);
		h[n] = '\0';
		memset(&m, 0, sizeof(m));
		uint16_t id = ndpi_match_host_subprotocol(c->ndpi, f, h,
		    (u_int)n, &m, master);
		if (id != NDPI_PROTOCOL_UNKNOWN && id != master)
			p.app_protocol = id;
		if (what == L7_TLS || what == L7_QUIC)
			memcpy(out->host, h, n + 1);
	}
	out->master_id = p.master_protocol;
	out->app_id = p.app_protocol;
	out->known = true;
	out->final = true;
	out->protocols = proto_bits(master, NULL);
	out->carrier = is_tunnel(c->ndpi, p.app_protocol);
	proto_name(c, p, out->name);
}

void
classify_giveup(struct ls_classifier *c, void *fstate, struct ls_l7 *out)
{
	struct ndpi_flow_struct *f = fstate;
	uint8_t guessed = 0;
	ndpi_protocol p;

	memset(out, 0, sizeof(*out));
	p = ndpi_detection_giveup(c->ndpi, f, 1, &guessed);
	fill(c, f, p, out);
	out->final = true;
	out->guessed = guessed != 0;
}

static uint32_t
v4_host(const uint8_t a[16])
{
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };

	if (memcmp(a, mapped, 12) != 0)
		return 0;
	return (uint32_t)a[12] << 24 | (uint32_t)a[13] << 16 |
	    (uint32_t)a[14] << 8 | a[15];
}

/* nDPI's protocol for an IPv4 address (host order), from its address
 * tree: ndpi_network_ptree_match, remembered. */
static uint16_t
host_proto(struct ls_classifier *c, uint32_t host)
{
	struct addr_slot *s = &c->hosts[(host * 2654435761u) >> 22];

	if (!s->set || s->host != host) {
		struct in_addr a = { htonl(host) };

		s->proto = ndpi_network_ptree_match(c->ndpi, &a);
		s->host = host;
		s->set = true;
	}
	return s->proto;
}

/* nDPI's protocol for a default port (ndpi_guess_protocol_id with the
 * port on both sides: its range tree), remembered; 0 if none. */
static uint16_t
port_proto(struct ls_classifier *c, uint8_t proto, uint16_t port)
{
	int k = proto == IPPROTO_UDP;
	uint8_t user;

	if (c->ports[k] == NULL) {
		c->ports[k] = malloc(65536 * sizeof(uint16_t));
		if (c->ports[k] == NULL)
			return ndpi_guess_protocol_id(c->ndpi, NULL, proto,
			    port, port, &user);
		memset(c->ports[k], 0xff, 65536 * sizeof(uint16_t));
	}
	if (c->ports[k][port] == PORT_UNSET)
		c->ports[k][port] = ndpi_guess_protocol_id(c->ndpi, NULL, proto,
		    port, port, &user);
	return c->ports[k][port];
}

/* Whether lean_bitmask enables the dissector of protocol id. */
static bool
enabled(struct ls_classifier *c, uint16_t id)
{
	return id != NDPI_PROTOCOL_UNKNOWN && id < NDPI_MAX_SUPPORTED_PROTOCOLS &&
	    NDPI_COMPARE_PROTOCOL_TO_BITMASK(c->lean, id) != 0;
}

/*
 * Whether a UDP datagram could be claimed by one of the dissectors
 * lean_bitmask enables, so that nDPI's answer for it could change a verdict
 * or a reported field.  nDPI 4.2's UDP dissectors there:
 * - by port: DNS and LLMNR (53, 5355), mDNS (5353), NetBIOS (137, 138),
 *   NTP (123), DHCP (67, 68), DHCPv6 (546, 547), CiscoVPN (10000): a port
 *   up to 1024, or one nDPI gives an enabled protocol by default;
 * - by the first byte: STUN (a message type under 0x40; WhatsApp's 0x80),
 *   WireGuard (1 to 4), DTLS (content types 20 to 23), OpenVPN (an opcode
 *   of 1 to 11 over the key id: 0x08 to 0x5f), QUIC (a long header,
 *   0x80 and up), SSDP ("M-SEARCH", "NOTIFY", "HTTP/");
 * - tinc over UDP, only after nDPI has seen its TCP meta connection.
 * What is left is a datagram from 0x60 to 0x7f (text in lower case:
 * BitTorrent's DHT, JSON; QUIC's short header) between two other ports:
 * no enabled dissector can name it, so it never costs an nDPI run (about
 * 4,800 instructions a packet).  Enabling a dissector in lean_bitmask means
 * checking this list; t_classify feeds nDPI what the screen holds back.
 */
bool
classify_udp_screen(struct ls_classifier *c, uint16_t sport, uint16_t dport,
    const uint8_t *payload, size_t n)
{
	if (n == 0 || payload[0] < 0x60 || payload[0] >= 0x80 ||
	    c->tinc_seen || sport <= 1024 || dport <= 1024)
		return true;
	return enabled(c, port_proto(c, IPPROTO_UDP, sport)) ||
	    enabled(c, port_proto(c, IPPROTO_UDP, dport));
}

void
classify_guess_ndpi(struct ls_classifier *c, uint8_t proto,
    const uint8_t cli[16], uint16_t cport, const uint8_t srv[16],
    uint16_t sport, struct ls_l7 *out)
{
	ndpi_protocol p;

	memset(out, 0, sizeof(*out));
	p = ndpi_guess_undetected_protocol(c->ndpi, NULL, proto, v4_host(cli),
	    cport, v4_host(srv), sport);
	fill(c, NULL, p, out);
	out->final = true;
	out->guessed = out->known;
}

/*
 * ndpi_guess_undetected_protocol without a flow, for TCP and UDP with both
 * ports set, from remembered lookups: an address nDPI knows names the
 * application (the client's first), a default port (the lower first, as
 * nDPI takes it for the server's) the master; else the port alone.  What
 * nDPI does besides cannot answer here: its BitTorrent cache is filled by a
 * dissector lean_bitmask leaves out, and its Skype check after a TLS port
 * asks the address tree that has already said nothing.  t_classify holds
 * the two answers equal.
 */
void
classify_guess(struct ls_classifier *c, uint8_t proto, const uint8_t cli[16],
    uint16_t cport, const uint8_t srv[16], uint16_t sport, struct ls_l7 *out)
{
	ndpi_protocol p = { NDPI_PROTOCOL_UNKNOWN, NDPI_PROTOCOL_UNKNOWN,
	    NDPI_PROTOCOL_CATEGORY_UNSPECIFIED };
	uint16_t ip, port, lo, hi;

	if ((proto != IPPROTO_TCP && proto != IPPROTO_UDP) || cport == 0 ||
	    sport == 0 || (proto == IPPROTO_UDP && cport == 17500 &&
	    sport == 17500)) {		/* nDPI's own special cases */
		classify_guess_ndpi(c, proto, cli, cport, srv, sport, out);
		return;
	}
	memset(out, 0, sizeof(*out));
	if ((ip = host_proto(c, v4_host(cli))) == NDPI_PROTOCOL_UNKNOWN)
		ip = host_proto(c, v4_host(srv));
	lo = cport < sport ? cport : sport;
	hi = cport < sport ? sport : cport;
	if ((port = port_proto(c, proto, lo)) == NDPI_PROTOCOL_UNKNOWN)
		port = port_proto(c, proto, hi);
	if (ip != NDPI_PROTOCOL_UNKNOWN) {
		p.app_protocol = ip;
		p.master_protocol = port != ip ? port : NDPI_PROTOCOL_UNKNOWN;
	} else
		p.app_protocol = port;
	fill(c, NULL, p, out);
	out->final = true;
	out->guessed = out->known;
}
