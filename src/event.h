/* SPDX-License-Identifier: MIT */
/*
 * event.h - the records the engine hands to the reporters.
 *
 * This is the layer between the pipeline and everything that prints,
 * alerts or checks expectations: a reporter, alert or verifier includes
 * this header and never the flow table's or the engine's.  A leak record
 * carries a copy of its flow (struct ls_flow_view) taken when the flow
 * leaks and refreshed when it ends, so a record means the same whenever it
 * is read.
 */
#ifndef EVENT_H
#define EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "anomaly.h"
#include "rules.h"

enum ls_tunnel { TUNNEL_UNKNOWN = 0, TUNNEL_UP, TUNNEL_DOWN };

const char	*tunnel_name(enum ls_tunnel);

/* Where in the tunnel's life a leak happened (tunnel.h explains each). */
enum ls_phase {
	PHASE_BEFORE_TUNNEL = 0,	/* no carrier seen yet */
	PHASE_HANDSHAKE,		/* a carrier started, no data yet */
	PHASE_CONNECTED,
	PHASE_OUTAGE,			/* the carrier stopped */
	PHASE_RECONNECT,		/* a new handshake after an outage */
	PHASE__COUNT
};

const char	*phase_name(enum ls_phase);
/* "before_tunnel", ... back to the phase; -1 when no phase is so named. */
int		 phase_of(const char *);
/* The tunnel state a phase means: up only when connected. */
enum ls_tunnel	 phase_tunnel(enum ls_phase);
/* A kill-switch failure: a leak in an outage or a reconnect. */
bool		 phase_killswitch(enum ls_phase);

/* Where packets come from: one capture file or one live interface, or
 * one interface of a pcapng file (name the file's, ifno its number). */
struct ls_source {
	const char	*name;		/* file path ("-" stdin) or interface */
	const char	*iface;		/* interface name for in_iface */
	bool		 offline;
	int		 dlt;
	uint32_t	 index;		/* flows never cross sources */
	uint32_t	 ifno;		/* a file's interface: flows never cross */
};

/* A flow as the reporters see it.  Oriented by its first packet: the
 * sender is the client ("src" in JSON). */
struct ls_flow_view {
	struct ls_addr	 cli, srv;
	uint16_t	 cport, sport;
	uint8_t		 proto;		/* IPPROTO_* */
	uint8_t		 ip_version;
	uint8_t		 icmp_type;	/* ICMP/ICMPv6: of the first packet */
	uint8_t		 icmp_code;
	uint64_t	 first_us, last_us;
	uint64_t	 pkts[2], bytes[2];	/* [0] to server, [1] to client */
};

struct ls_dns;
struct ls_http;
struct ls_stun;

#define OUTAGE_LOG_MAX	1024	/* outages listed in the summary */
#define LEAK_MAX_NAMES	32	/* distinct DNS names kept per flow */

/* What the leak's class rests on (leak.c): the bytes of the message that
 * leaked, or a port number (nDPI's guess, a port-only rule, a payload the
 * snap length cut before it could be recognised). */
enum ls_basis { EVIDENCE_PAYLOAD = 0, EVIDENCE_PORT };

const char	*evidence_name(enum ls_basis);

/* Why a leak went around the tunnel, when something on the network is
 * known to have steered it (warn.h). */
enum ls_cause {
	CAUSE_NONE = 0,
	CAUSE_ROUTE_INJECTION,	/* an injected route covers its destination */
	CAUSE_LOCALNET,		/* a public address made on-link */
	CAUSE_SERVERIP,		/* to the VPN server's own address */
	CAUSE__COUNT
};

const char	*cause_name(enum ls_cause);

/* What a leak gives away: a bit each in ls_leak.exposes. */
enum ls_expose {
	EXPOSE_REAL_ADDRESS = 0,	/* always: the sender's address */
	EXPOSE_DNS_NAME,
	EXPOSE_TLS_SNI,
	EXPOSE_HTTP_HOST,
	EXPOSE_HTTP_CREDENTIALS,
	EXPOSE_PUBLIC_ADDRESS,		/* a STUN/TURN mapped address */
	EXPOSE_EUI64_MAC,		/* a MAC inside an IPv6 address */
	EXPOSE__COUNT
};

const char	*expose_name(enum ls_expose);

/* Tags beyond the classes (ls_leak.xtags, a bit each). */
enum ls_xtag {
	XTAG_ENCRYPTED_DNS = 0,		/* DoT, DoQ, DoH to a resolver */
	XTAG__COUNT
};

const char	*xtag_name(enum ls_xtag);

/* Everything known about a leaked flow; made when it leaks (leak.c). */
struct ls_leak {
	enum ls_class		 class;
	uint32_t		 tags;		/* 1u << class */
	const struct ls_rule	*rule;
	enum ls_tunnel		 tunnel;	/* these three: once settled */
	enum ls_phase		 phase;
	bool			 killswitch;
	bool			 survivor;	/* went on after the tunnel was back */
	bool			 held;		/* waiting for its phase (settle.h) */
	bool			 ended;		/* its flow ended while held */
	enum ls_basis		 evidence;
	enum ls_severity	 severity;	/* the rule's, then leak_finish */
	enum ls_cause		 cause;
	uint32_t		 exposes;	/* 1u << enum ls_expose */
	uint32_t		 xtags;		/* 1u << enum ls_xtag */
	const char		*by_design;	/* e.g. "connectivity_check" */
	uint64_t		 ts_us;		/* the packet that made it a leak */
	uint64_t		 pcap_cnt;
	uint64_t		 flow_id;
	const struct ls_source	*src;
	struct ls_flow_view	 flow;
	char			 app[48];	/* nDPI name */
	char			 sni[80];	/* TLS SNI / QUIC, from nDPI */
	struct ls_dns		*dns;		/* first DNS question */
	struct ls_http		*http;		/* first request */
	struct ls_stun		*stun;		/* best STUN message (mapped addr) */
	char			**names;	/* every distinct DNS name asked */
	uint16_t		*name_lens;	/* a name may hold NUL bytes */
	uint16_t		*qtypes;
	size_t			 nnames;
	bool			 names_cut;	/* more than LEAK_MAX_NAMES */
	/* exposure.c: the MAC the client's IPv6 address embeds (EUI-64;
	 * derived from the address: --redact drops it with the address);
	 * HTTP credential kinds are in http->creds, with the payload */
	bool			 has_eui64;
	uint8_t			 eui64_mac[6];
	bool			 design_off;	/* a later request is no probe */
};

/* A carrier appeared, went quiet or came back; or (ifname set) the OS
 * said a tunnel interface went up or down. */
struct ls_tunnel_event {
	uint64_t		 ts_us;
	enum ls_tunnel		 state;		/* UP: appeared or back; DOWN: quiet */
	bool			 first;		/* first sighting of this carrier */
	struct ls_addr		 addr;
	uint16_t		 port;
	uint8_t			 proto;
	char			 app[48];
	const struct ls_source	*src;
	uint64_t		 pcap_cnt;	/* packet that revealed it (0: timer) */
	uint64_t		 outage_start_us; /* DOWN: the carrier's last packet */
	uint64_t		 outage_end_us;	/* UP after an outage: its first
						   packet back (0: none) */
	char			 ifname[16];	/* set: an OS tunnel interface */
};

/* One outage of one carrier, for the summary. */
struct ls_outage_rec {
	struct ls_addr		 addr;		/* the carrier endpoint */
	uint16_t		 port;
	uint8_t			 proto;
	uint64_t		 start_us;	/* its last packet before */
	uint64_t		 end_us;	/* its first packet back, 0: never */
	uint64_t		 data_us;	/* data again, 0: never */
	uint64_t		 leaks;		/* leaked flows inside it */
};

/*
 * The local network leaksniff learned (locality.h, lanlearn.c): on-link
 * prefixes and neighbours, gateways, and what it refused to learn.
 * Reported once per capture (offline) or when it changes (live).
 */
#define LAN_MAX_PREFIXES	64
#define LAN_MAX_GATEWAYS	8
#define LAN_MAX_REFUSED		16
#define LAN_MAX_NEIGH		64	/* neighbours' MACs kept (the oldest go) */

enum lan_via {
	LAN_VIA_DHCP = 0,	/* a lease: address and mask */
	LAN_VIA_DHCP_ROUTE,	/* an on-link classless route (option 121) */
	LAN_VIA_RA,		/* a router advertisement's on-link prefix */
	LAN_VIA_ARP,		/* an address answered in ARP */
	LAN_VIA_NDP,		/* an address answered in neighbour discovery */
	LAN_VIA_IFACE,		/* live: an interface's own prefix */
	LAN_VIA__COUNT
};

const char	*lan_via_name(enum lan_via);

struct ls_lan_prefix {
	struct ls_cidr	 cidr;
	uint8_t		 via;		/* enum lan_via */
};

struct ls_lan_refused {
	struct ls_cidr	 cidr;
	uint8_t		 via;
	const char	*why;		/* static text */
};

/* An address and the MAC its ARP or neighbour discovery message gave. */
enum {
	NEIGH_NO_OVERRIDE = 1u << 0,	/* an NA with the O flag clear: a
					   proxy's answer (RFC 4861 7.2.8) */
};

struct ls_lan_neigh {
	struct ls_addr	 addr;
	uint8_t		 mac[6];
	uint8_t		 flags;		/* NEIGH_* */
};

struct ls_lan {
	struct ls_lan_prefix	prefixes[LAN_MAX_PREFIXES];
	size_t			nprefixes;
	bool			prefixes_cut;	/* more than LAN_MAX_PREFIXES */
	struct ls_addr		gateways[LAN_MAX_GATEWAYS];
	size_t			ngateways;
	/* the gateways' MACs (bit i of gateway_has_mac: gateway_mac[i]
	 * known) and the neighbours' (a ring); not reported, only used */
	uint8_t			gateway_mac[LAN_MAX_GATEWAYS][6];
	uint8_t			gateway_has_mac;
	struct ls_lan_neigh	neigh[LAN_MAX_NEIGH];
	size_t			nneigh, neigh_next;
	uint64_t		neigh_bloom[16];	/* a bit per address
						   hash: most lookups miss */
	struct ls_lan_refused	refused[LAN_MAX_REFUSED];
	size_t			nrefused;
	unsigned		change;		/* bumped on every change */
};

/* The lan event: what was learned so far, when and from where. */
struct ls_lan_event {
	uint64_t		 ts_us;
	const struct ls_source	*src;
	const struct ls_lan	*lan;
	bool			 live;		/* "interfaces" as well */
};

/*
 * Something on the network steers traffic around the tunnel (warn.h):
 * a route injected by DHCP or a router advertisement (TunnelVision), a
 * public prefix made on-link (LocalNet), a name resolved to the VPN
 * server's address (ServerIP).  Each module that sees one fills what it
 * knows; the rest stays zero.
 */
#define WARN_MAX_ROUTES	32

enum ls_warn_kind {
	WARN_ROUTE_INJECTION = 0,
	WARN_LOCALNET,
	WARN_SERVERIP_DNS,
	WARN__COUNT
};

const char	*warn_kind_name(enum ls_warn_kind);

struct ls_warn_route {
	struct ls_cidr	 dest;
	struct ls_addr	 via;		/* the router it points at (0: none) */
};

struct ls_warning {
	uint64_t		 ts_us;
	const struct ls_source	*src;
	uint64_t		 pcap_cnt;	/* the packet that said it */
	enum ls_warn_kind	 kind;
	enum ls_severity	 severity;
	const char		*via;		/* "dhcp_option_121", "ra_rdnss", ... */
	struct ls_addr		 server;	/* who said it (DHCP server, router) */
	struct ls_addr		 client;	/* to whom (0: everyone) */
	struct ls_warn_route	 routes[WARN_MAX_ROUTES];
	size_t			 nroutes;
	bool			 routes_cut;
	double			 public_share;	/* of the public space (0..1) */
	struct ls_addr		 address;	/* localnet: the public address
						   sent on-link; serverip_dns:
						   the endpoint's */
	char			 name[256];	/* serverip_dns: the name */
	size_t			 name_len;
	char			 detail[128];	/* one line, static text */
};

/* Counters of a run; the last thing every reporter is given. */
struct ls_stats {
	uint64_t	packets, bytes;
	uint64_t	ip_packets, non_ip_packets;
	uint64_t	local_packets, carrier_packets, leak_packets;
	uint64_t	allowed_packets, pending_packets;
	uint64_t	untracked_packets;	/* no flow could be had */
	uint64_t	fast_packets;	/* counted by the carrier fast path */
	uint64_t	frag_later;	/* non-first fragments: no ports */
	uint64_t	flows, leak_flows, carrier_flows, local_flows;
	uint64_t	allowed_flows;
	uint64_t	leak_flows_by_class[CLASS__COUNT];
	uint64_t	leak_packets_by_class[CLASS__COUNT];
	uint64_t	leak_bytes;
	uint64_t	killswitch_leaks;	/* leaks in outage or reconnect */
	uint64_t	leak_flows_by_phase[PHASE__COUNT];
	uint64_t	outages;
	const struct ls_outage_rec *outage_log;	/* the first OUTAGE_LOG_MAX */
	size_t		outage_log_len;
	uint64_t	anomalies[ANOM__COUNT];
	uint64_t	anomaly_packets;
	uint64_t	flows_expired, flows_evicted, flows_evicted_leak;
	uint64_t	kernel_drops, iface_drops;	/* live */
	uint64_t	tunnel_events;
	uint64_t	warnings_by_kind[WARN__COUNT];
	uint64_t	leak_flows_by_cause[CAUSE__COUNT];
	uint64_t	evidence_write_errors;
	bool		live;		/* drops are then always reported */
	bool		interrupted;	/* SIGINT/SIGTERM ended the read early */
	uint32_t	inputs;		/* -r files named */
	uint32_t	inputs_failed;	/* of them: unreadable, or damaged
					 * before their end */
};

#endif /* EVENT_H */
