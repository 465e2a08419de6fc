/* SPDX-License-Identifier: MIT */
/*
 * engine.h - the audit pipeline: captured frames in, events out.
 *
 * For each packet: the carrier fast path (fastpath.h), or decode
 * (decode.h), find its flow (flow.h), and until the flow is decided
 * inspect its payload (inspect.h) and feed nDPI (classify.h); then decide
 * it once (verdict.h).  A leak becomes a leak record (leak.h) for the
 * reporters (event.h); carrier packets keep the tunnel's life (tunnel.h).
 * docs/architecture.md walks the whole pipeline.
 */
#ifndef ENGINE_H
#define ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "event.h"
#include "rules.h"

struct ls_engine;
struct ls_reporter;

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
	bool			 no_learn_lan;	/* --no-learn-lan */
	/* Evidence: every packet of every leaked flow. */
	void			(*evidence)(void *arg,
				    const struct ls_source *src, uint64_t ts_us,
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
/*
 * A file's packets from here on come from this one of its interfaces
 * (a pcapng of several: capture.c calls it when the interface changes).
 * Its link type decodes them, its name is their in_iface, and flows of
 * two interfaces are two flows even for one 5-tuple.
 */
void			 engine_set_interface(struct ls_engine *,
			    const struct ls_source *);
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

/* Live: learn the local network from this interface's own addresses. */
void	engine_learn_interface(struct ls_engine *, const char *ifname);

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
/* Live: the tunnel is connected as of the carriers' latest packets. */
bool			 engine_tunnel_connected(const struct ls_engine *);
/* Swap in a new rule set (SIGHUP); the old one must outlive its flows. */
void			 engine_set_rules(struct ls_engine *,
			    const struct ls_ruleset *);
/* End every flow of the current source (flow events) and close it. */
void			 engine_end_source(struct ls_engine *);
struct ls_stats		*engine_stats(struct ls_engine *);

#endif /* ENGINE_H */
