/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the audit pipeline: decoded packets in, leak events out.
 *
 * For each packet: decode, find its flow, and until the flow is decided feed
 * the payload checks (DNS, STUN, HTTP, WireGuard shape) and nDPI; then decide
 * once: local, carrier, allowed or leak (rules_match).  Decided flows take a
 * fast path: counters, tunnel liveness, evidence, DNS names.  Tunnel state
 * comes from carrier liveness on packet time.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "anomaly.h"
#include "rules.h"

struct ls_flow;
struct ls_engine;
struct ls_reporter;

/* A -e endpoint: port 0 and proto 0 mean "any". */
struct ls_endpoint {
	struct ls_addr	addr;
	uint16_t	port;
	uint8_t		proto;
};

#define ENGINE_OS_EP_MAX	32

enum ls_tunnel { TUNNEL_UNKNOWN = 0, TUNNEL_UP, TUNNEL_DOWN };

/* Where packets come from: one capture file or one live interface. */
struct ls_source {
	const char	*name;		/* file path ("-" stdin) or interface */
	const char	*iface;		/* interface name for in_iface */
	bool		 offline;
	int		 dlt;
	uint32_t	 index;		/* flows never cross sources */
};

enum flow_state {
	FS_PENDING = 0,
	FS_LOCAL,
	FS_CARRIER,
	FS_ALLOWED,	/* an allow rule, or no rule matched */
	FS_LEAK,
};

struct ls_dns;
struct ls_http;
struct ls_stun;

#define LEAK_MAX_NAMES	32	/* distinct DNS names kept per flow */

/* Everything known about a leaked flow; allocated when it leaks. */
struct ls_leak {
	enum ls_class		 class;
	uint32_t		 tags;		/* 1u << class */
	const struct ls_rule	*rule;
	enum ls_tunnel		 tunnel;
	uint64_t		 ts_us;		/* the packet that made it a leak */
	uint64_t		 pcap_cnt;
	uint64_t		 flow_id;
	const struct ls_source	*src;
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
};

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
	char			 ifname[16];	/* set: an OS tunnel interface */
};

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
	uint64_t	killswitch_leaks;	/* leaks while tunnel down */
	uint64_t	anomalies[ANOM__COUNT];
	uint64_t	anomaly_packets;
	uint64_t	flows_expired, flows_evicted, flows_evicted_leak;
	uint64_t	kernel_drops, iface_drops;	/* live */
	uint64_t	tunnel_events;
	uint64_t	evidence_write_errors;
	bool		live;		/* drops are then always reported */
};

struct ls_engine_cfg {
	const struct ls_ruleset	*rules;
	const struct ls_cidr	*lan;		/* -L */
	size_t			 nlan;
	const struct ls_endpoint *endpoints;	/* -e */
	size_t			 nendpoints;
	size_t			 max_flows;
	double			 outage_after;	/* seconds */
	double			 decide_after;	/* seconds a flow may stay pending */
	bool			 want_evidence;
	bool			 no_fastpath;	/* tests: every packet the long way */
	/* Evidence: every packet of every leaked flow. */
	void			(*evidence)(void *arg, uint64_t ts_us,
				    uint32_t caplen, uint32_t len,
				    const uint8_t *frame);
	void			*evidence_arg;
};

struct ls_engine	*engine_new(const struct ls_engine_cfg *,
			    struct ls_reporter *);
void			 engine_free(struct ls_engine *);
void			 engine_begin_source(struct ls_engine *,
			    const struct ls_source *);
void			 engine_packet(struct ls_engine *, uint64_t ts_us,
			    uint32_t caplen, uint32_t len, const uint8_t *frame,
			    uint64_t pcap_cnt);
/* Live: switch to another source without ending anything. */
void			 engine_set_source(struct ls_engine *,
			    const struct ls_source *);
/*
 * Live: a carrier endpoint the OS names, added or withdrawn: a userspace
 * WireGuard's peer (exact), or the host route around the tunnel (route:
 * only traffic nDPI cannot name, or names a VPN, counts).  A flow to it is
 * a carrier unless it shows DNS, HTTP or STUN; -e, when given, wins.
 * Returns whether the set changed.  proto 0 and port 0 match any.
 */
bool	engine_os_endpoint(struct ls_engine *, const struct ls_endpoint *,
	    bool route, bool add, const char *why);

/* Live: let time pass without packets (pending verdicts, outages). */
void			 engine_tick(struct ls_engine *, uint64_t now_us);
/* Live: the OS says tunnel interface `name' went up or down (rtnetlink).
 * Once any is known, the tunnel state follows them rather than traffic. */
void			 engine_os_tunnel(struct ls_engine *, const char *name,
			    bool up, uint64_t now_us);
/* Carrier endpoints known so far (live: the kernel filter keeps their
 * bulk packets out of user space). */
size_t			 engine_carrier_count(const struct ls_engine *);
void			 engine_carrier(const struct ls_engine *, size_t i,
			    struct ls_addr *addr, uint16_t *port,
			    uint8_t *proto);
/* Swap in a new rule set (SIGHUP); the old one must outlive its flows. */
void			 engine_set_rules(struct ls_engine *,
			    const struct ls_ruleset *);
/* End every flow of the current source (flow events) and close it. */
void			 engine_end_source(struct ls_engine *);
struct ls_stats		*engine_stats(struct ls_engine *);
const char		*tunnel_name(enum ls_tunnel);

#endif /* ENGINE_H */
