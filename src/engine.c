/* SPDX-License-Identifier: MIT */
/*
 * engine.c - the pipeline's wiring (see engine.h).
 *
 * engine_packet tries the carrier fast path (fastpath.h) and otherwise
 * takes packet_full: decode, flow lookup, and by the flow's verdict either
 * counters (local, allowed), tunnel liveness (carrier), evidence and names
 * (leak), or, while the flow is pending, inspection and nDPI until
 * verdict_ready says the evidence is in.  decide() applies the verdict:
 * stats, the leak record and its report, the held evidence.
 *
 * Time is packet time.  It moves with the packets (engine_tick lets it
 * move without them, live); the timers (outages, the due queues, flow
 * expiry) run only when one of them can be due, so a packet that changes
 * nothing costs a comparison or three.
 *
 * Each packet's bytes, times and number travel as a struct ls_pkt_ctx
 * handed down the calls; the engine keeps nothing of a packet.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "carrier.h"
#include "classify.h"
#include "decode.h"
#include "encdns.h"
#include "engine.h"
#include "fastpath.h"
#include "flow.h"
#include "icmperr.h"
#include "inspect.h"
#include "lanmsg.h"
#include "leak.h"
#include "localnet.h"
#include "locality.h"
#include "pending.h"
#include "report.h"
#include "serverip.h"
#include "routeinj.h"
#include "settle.h"
#include "slab.h"
#include "tunnel.h"
#include "verdict.h"
#include "warn.h"

#define PEND_MAX_NDPI		24	/* packets fed to nDPI at most */
#define STUN_WAIT_US		250000	/* for the answer with the address */
#define STUN_QUEUE		4096	/* STUN requests waiting at once */
#define EXPIRE_EVERY_US		1000000

struct ls_engine {
	struct ls_engine_cfg	 cfg;
	struct ls_reporter	*rep;
	struct ls_classifier	*cls;
	struct ls_flow_table	*flows;
	struct ls_slab		 pend_slab;	/* struct ls_pending */
	struct ls_slab		 leak_slab;	/* struct ls_leak */
	const struct ls_source	*src;
	struct ls_stats		 st;

	struct ls_locality	 loc;
	struct ls_carrier_set	 carriers;
	struct ls_verdict_cfg	 verdict;
	struct ls_tunnels	 tun;
	struct ls_dueq		 decideq;	/* every new flow */
	struct ls_dueq		 stunq;		/* STUN requests */
	struct ls_fastpath	 fast;
	struct ls_settle	 settle;	/* leaks waiting for their phase */
	struct ls_warner	 warn;		/* warnings to the reporters */
	struct ls_serverip	 sip;		/* the VPN server's address */
	struct ls_routeinj	 routeinj;	/* routes pushed around the tunnel */

	/* the capture: one file, or files that continue each other in time
	 * (a rotated capture), or a live interface; flows never cross it,
	 * nor a file's interfaces (src: the current packet's) */
	uint32_t		 iface;		/* base + ifno, in every flow key */
	uint32_t		 base;		/* the capture's index */
	const struct ls_source	*file;		/* the file (its first link type) */
	bool			 open;		/* begun and not ended */
	bool			 switching;	/* a next file begun, no packet yet */
	const struct ls_source	*prev_file;	/* the file before it */
	const struct ls_source	*prev_src;	/* its last packet's source */

	uint64_t		 now_us;
	uint64_t		 next_expire_us;
	uint64_t		 decide_us;
	bool			 have_time;
};

static void source_switch(struct ls_engine *, uint64_t ts_us);

/* --- deciding ------------------------------------------------------------ */

static void
count_decided(struct ls_engine *e, const struct ls_flow *f)
{
	uint64_t pkts = f->pkts[0] + f->pkts[1];

	/* the packets seen while pending now count under the verdict */
	switch (f->eng.verdict) {
	case FS_CARRIER:
		e->st.carrier_flows++;
		e->st.carrier_packets += pkts;
		break;
	case FS_LOCAL:
		e->st.local_flows++;
		e->st.local_packets += pkts;
		break;
	case FS_ALLOWED:
		e->st.allowed_flows++;
		e->st.allowed_packets += pkts;
		break;
	case FS_LEAK: {
		const struct ls_leak *l = f->eng.leak;

		e->st.leak_flows++;
		e->st.leak_flows_by_class[l->class]++;
		e->st.leak_packets += pkts;
		e->st.leak_packets_by_class[l->class] += pkts;
		e->st.leak_bytes += f->bytes[0] + f->bytes[1];
		break;
	}
	default:
		break;
	}
}

static void
leaked(struct ls_engine *e, struct ls_flow *f, struct ls_pending *pd,
    const struct ls_match *m, const struct ls_pkt_ctx *x)
{
	struct ls_leak *l = leak_new(f, pd, m, e->src, e->iface,
	    &e->leak_slab);

	if (l == NULL) {
		f->eng.verdict = FS_ALLOWED;	/* out of memory; counted */
		return;
	}
	encdns_tag(e->verdict.rules, l, f->eng.protocols);
	l->ts_us = x != NULL ? x->ts_us : f->last_us;
	l->pcap_cnt = x != NULL ? x->pcap_cnt : pd != NULL ? pd->last_cnt : 0;
	if (l->cause == CAUSE_NONE)
		l->cause = routeinj_cause(&e->routeinj, &l->flow.cli,
		    &l->flow.srv, l->flow.first_us);
	localnet_leak(&e->loc, l);
	f->eng.leak = l;
	f->eng.pinned = true;
}

/* A flow just decided a carrier: its packets so far are the tunnel's. */
static void
carrier_decided(struct ls_engine *e, struct ls_flow *f,
    const struct ls_pending *pd, const struct ls_pkt_ctx *x)
{
	/* the tunnel's life starts at the flow's first message (an OpenVPN
	 * client reset is known for one only at the server's answer) */
	if (pd != NULL && pd->first.len != 0 && (x == NULL ||
	    x->pcap_cnt != pd->first.pcap_cnt)) {
		uint32_t n = pd->first.len < PENDING_FIRST_BYTES ?
		    pd->first.len : PENDING_FIRST_BYTES;
		struct ls_packet fp = { .payload_len = n };
		struct ls_pkt_ctx fx = { &fp, pd->first.b, n, n,
		    pd->first.ts_us, pd->first.pcap_cnt, pd->first.dir };
		tunnel_seen(&e->tun, f, &fx);
	}
	if (x != NULL)
		tunnel_seen(&e->tun, f, x);
}

/* Decide pending flow f; x is the packet that settled it (NULL: time or
 * the flow's end did). */
static void
decide(struct ls_engine *e, struct ls_flow *f, const struct ls_pkt_ctx *x)
{
	struct ls_pending *pd = f->eng.pending;
	struct ls_match m;

	if (f->eng.verdict != FS_PENDING)
		return;
	if (pd != NULL && !pd->l7.known) {
		if (pd->ndpi != NULL && pd->ndpi_pkts > 0)
			classify_giveup(e->cls, pd->ndpi, &pd->l7);
		else		/* nDPI never fed: its guess alone */
			classify_guess(e->cls, f->proto, f->cli.b, f->cport,
			    f->srv.b, f->sport, &pd->l7);
		f->eng.protocols |= pd->l7.protocols;
	}
	f->eng.eflags |= EF_NDPI_FINAL;		/* nDPI has said its last */

	memset(&m, 0, sizeof(m));
	f->eng.verdict = verdict_decide(&e->verdict, f, pd, &m);
	if (f->eng.verdict == FS_CARRIER) {
		const char *n = verdict_carrier_name(f);
		if (pd != NULL && !pd->l7.carrier && n != NULL)
			snprintf(pd->l7.name, sizeof(pd->l7.name), "%s", n);
		if (f->eng.carrier == 0)	/* IPsec: its other half? */
			f->eng.carrier = carrier_other_half(e->tun.ep,
			    e->tun.n, f);
		carrier_decided(e, f, pd, x);
	} else if (f->eng.verdict == FS_LEAK)
		leaked(e, f, pd, &m, x);
	count_decided(e, f);
	if (f->eng.verdict == FS_LEAK) {
		if (pd != NULL && e->cfg.want_evidence)
			pending_flush(pd, e->cfg.evidence, e->cfg.evidence_arg,
			    f->eng.leak->src);
		settle_push(&e->settle, f->eng.leak, &e->tun);
	}
	pending_free(pd, &e->pend_slab);
	f->eng.pending = NULL;
}

/* --- reporting ----------------------------------------------------------- */

/* A flow that leaked before the tunnel was connected and still sent
 * outside once it was. */
static void
mark_survivor(const struct ls_engine *e, struct ls_leak *l)
{
	if (l->phase != PHASE_CONNECTED && l->flow.last_us > l->ts_us &&
	    tunnel_phase_at(&e->tun, l->flow.last_us) == PHASE_CONNECTED)
		l->survivor = true;
}

static void
report_flow_end(struct ls_engine *e, struct ls_leak *l)
{
	mark_survivor(e, l);
	leak_finish(l);
	if (e->rep->ops->flow_end != NULL)
		e->rep->ops->flow_end(e->rep, l);
	leak_free(l, &e->leak_slab);
}

/* settle.c: l's phase is known. */
static void
on_settled(void *arg, struct ls_leak *l)
{
	struct ls_engine *e = arg;

	routeinj_settled(l);
	e->st.leak_flows_by_phase[l->phase]++;
	serverip_cause(&e->sip, l);
	e->st.leak_flows_by_cause[l->cause]++;
	leak_finish(l);
	if (l->killswitch) {
		e->st.killswitch_leaks++;
		tunnel_count_leak(&e->tun, l->ts_us);
	}
	if (e->rep->ops->leak != NULL)
		e->rep->ops->leak(e->rep, l);
	if (l->ended)
		report_flow_end(e, l);
}

/* --- flow end ------------------------------------------------------------ */

static void
on_flow_end(struct ls_flow *f, enum flow_end_reason why, void *arg)
{
	struct ls_engine *e = arg;

	fastpath_forget(&e->fast, f);
	if (f->eng.verdict == FS_PENDING)
		decide(e, f, NULL);
	if (why == END_TIMEOUT)
		e->st.flows_expired++;
	else if (why == END_EVICTED) {
		e->st.flows_evicted++;
		if (f->eng.verdict == FS_LEAK)
			e->st.flows_evicted_leak++;
	}
	if (f->eng.verdict == FS_LEAK) {
		struct ls_leak *l = f->eng.leak;

		leak_view(l, f);
		if (l->held)
			l->ended = true;	/* settle.c reports and frees it */
		else
			report_flow_end(e, l);
	} else
		leak_free(f->eng.leak, &e->leak_slab);
	f->eng.leak = NULL;
	pending_free(f->eng.pending, &e->pend_slab);
	f->eng.pending = NULL;
}

/* --- time ---------------------------------------------------------------- */

/* Decide the flows whose wait is over. */
static void
queues_tick(struct ls_engine *e, uint64_t now)
{
	struct ls_flow *f;

	while (dueq_ready(&e->stunq, now))
		if ((f = dueq_pop(&e->stunq)) != NULL &&
		    f->eng.verdict == FS_PENDING)
			decide(e, f, NULL);
	while (dueq_ready(&e->decideq, now))
		if ((f = dueq_pop(&e->decideq)) != NULL &&
		    f->eng.verdict == FS_PENDING)
			decide(e, f, NULL);
}

static void __attribute__((noinline))
time_due(struct ls_engine *e)
{
	tunnel_tick(&e->tun, e->now_us);
	serverip_sync(&e->sip);
	queues_tick(e, e->now_us);
	settle_run(&e->settle, &e->tun);
	if (e->now_us >= e->next_expire_us) {
		flow_expire(e->flows, e->now_us, on_flow_end, e);
		e->next_expire_us = e->now_us + EXPIRE_EVERY_US;
	}
}

/* The clock moves with the packets; timers run only when one can be due. */
static inline bool
time_move(struct ls_engine *e, uint64_t ts)
{
	if (!e->have_time || ts > e->now_us) {
		e->now_us = ts;
		e->have_time = true;
	}
	return tunnel_due(&e->tun, e->now_us) ||
	    e->now_us >= e->next_expire_us ||
	    dueq_ready(&e->stunq, e->now_us) ||
	    dueq_ready(&e->decideq, e->now_us);
}

static inline void
time_advance(struct ls_engine *e, uint64_t ts)
{
	if (time_move(e, ts))
		time_due(e);
}

/* --- the packet path ----------------------------------------------------- */

/*
 * The carrier fast path (fastpath.h): a packet of the remembered carrier
 * flow is counted without decoding or hashing.  Whatever more a packet
 * asks for takes the full path instead: a timer due (the full path runs
 * them), a packet that may change the tunnel's state (tunnel_seen_fast
 * says no), a client packet that may settle a held leak (one later than
 * the carrier's client was last heard).  So the fast path calls nothing.
 */
static inline __attribute__((always_inline)) bool
fast_path(struct ls_engine *e, uint64_t ts_us, uint32_t caplen, uint32_t len,
    const uint8_t *frame)
{
	enum flow_dir dir;
	struct ls_flow *f;

	if (e->cfg.no_fastpath || (f = fastpath_match(&e->fast, e->src, e->iface,
	    frame, caplen, len, &dir)) == NULL ||
	    f->eng.verdict != FS_CARRIER || time_move(e, ts_us) ||
	    (dir == f->eng.carrier_dir && settle_waits_past(&e->settle,
	    tunnel_client_last(&e->tun, f))) ||
	    !tunnel_seen_fast(&e->tun, f, ts_us, dir))
		return false;
	e->st.packets++;
	e->st.bytes += len;
	e->st.ip_packets++;
	flow_touch(e->flows, f, ts_us);
	f->pkts[dir]++;
	f->bytes[dir] += len;
	e->st.carrier_packets++;
	e->st.fast_packets++;
	return true;
}

/*
 * Whether nDPI's answer for this packet of pending flow f could change
 * anything: not once it has said its last or seen enough, not for a TCP
 * packet without payload (the handshake tells it nothing: its port guess
 * comes without it, classify_guess, and most flows are settled by the
 * extractors at their first payload), not for a UDP datagram no dissector
 * it runs can claim (classify_udp_screen).
 */
static bool
ndpi_wants(struct ls_engine *e, const struct ls_flow *f,
    const struct ls_pending *pd, const struct ls_pkt_ctx *x)
{
	const struct ls_packet *p = x->p;

	if ((f->eng.eflags & EF_NDPI_FINAL) || pd->ndpi_pkts >= PEND_MAX_NDPI)
		return false;
	if (p->proto == IPPROTO_TCP)
		return p->payload_len > 0;
	if (p->proto == IPPROTO_UDP && p->payload_len > 0)
		return classify_udp_screen(e->cls, p->sport, p->dport,
		    x->frame + p->payload_off, p->payload_len);
	return true;
}

/* A packet of a pending flow: inspect it, feed nDPI, decide when ready. */
static void
pending_packet(struct ls_engine *e, struct ls_flow *f,
    const struct ls_pkt_ctx *x, enum flow_dir dir)
{
	const struct ls_packet *p = x->p;
	struct ls_pending *pd;

	e->st.pending_packets++;
	if ((pd = pending_get(&e->pend_slab, f)) == NULL)
		return;
	if (e->cfg.want_evidence)
		pending_hold(pd, x);
	pd->last_cnt = x->pcap_cnt;
	pending_first(pd, x);
	if (!(f->eng.eflags & EF_HOUSEKEEP)) {
		if (p->payload_len > 0 && f->eng.payload_pkts < UINT8_MAX)
			f->eng.payload_pkts++;
		if (inspect_payload(e->cls, f, pd, x, dir) ==
		    INSPECT_STUN_REQUEST)
			dueq_push(&e->stunq, f, x->ts_us + STUN_WAIT_US);
		if (ndpi_wants(e, f, pd, x) && pending_ndpi(e->cls, pd) != NULL) {
			classify_packet(e->cls, pd->ndpi, x->frame + p->l3_off,
			    p->l3_len, x->ts_us / 1000, &pd->l7);
			pd->ndpi_pkts++;
			f->eng.protocols |= pd->l7.protocols;
			if (pd->l7.final)
				f->eng.eflags |= EF_NDPI_FINAL;
		}
	}
	if (verdict_ready(&e->verdict, f, pd))
		decide(e, f, x);
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
	struct ls_pkt_ctx x = { &p, frame, caplen, len, ts_us, pcap_cnt, 0 };
	struct ls_packet q;		/* what an ICMP error quotes */
	struct ls_lanmsg lm;		/* DHCP, NDP, ARP: parsed once */
	const struct ls_packet *fp = &p;
	struct ls_flow *f;
	enum flow_dir dir;
	bool created;

	e->st.packets++;
	e->st.bytes += len;
	p.ts_us = ts_us;
	p.wire_len = len;
	p.cap_len = caplen;
	if (e->switching)
		source_switch(e, ts_us);
	p.iface = e->iface;
	decode_frame(e->src != NULL ? e->src->dlt : 1, frame, caplen, &p);
	if (p.anom != ANOM_NONE) {
		e->st.anomalies[p.anom]++;
		e->st.anomaly_packets++;
	}
	time_advance(e, ts_us);
	lanmsg_parse(&p, frame, &lm);
	if (lm.kind != LANMSG_NONE) {
		lanlearn_msg(&e->loc, &x, e->src, &lm);
		routeinj_packet(&e->routeinj, &p, &lm, e->src, pcap_cnt);
	}

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
	if (icmperr_quote(&p, frame, &q))
		fp = &q;
	f = flow_lookup(e->flows, fp, &dir, &created, on_flow_end, e);
	if (f == NULL) {
		e->st.untracked_packets++;	/* table full of leaked flows */
		return;
	}
	if (fp == &q)		/* the error answers the quoted packet */
		dir = dir == DIR_TOSERVER ? DIR_TOCLIENT : DIR_TOSERVER;
	x.dir = (uint8_t)dir;
	if (p.sport == 53 && fp == &p && f->eng.verdict != FS_CARRIER)
		serverip_dns(&e->sip, &x, e->src);	/* a plaintext answer */
	f->pkts[dir]++;
	f->bytes[dir] += len;
	if (created) {
		e->st.flows++;
		if (locality_housekeeping(fp))
			f->eng.eflags |= EF_HOUSEKEEP;
		dueq_push(&e->decideq, f, f->first_us + e->decide_us);
		tunnel_flow_new(&e->tun, f, ts_us);
		f->eng.link = lanlearn_flow(&e->loc, fp, &x, e->src);
	}

	switch (f->eng.verdict) {
	case FS_CARRIER:
		e->st.carrier_packets++;
		if (fp == &q)
			return;		/* an error about it: no sign of life */
		tunnel_seen(&e->tun, f, &x);
		if (settle_waiting(&e->settle))
			settle_run(&e->settle, &e->tun);
		fastpath_learn(&e->fast, f, e->src, e->iface, frame, caplen,
		    len, dir);
		return;
	case FS_LOCAL:
		e->st.local_packets++;
		return;
	case FS_ALLOWED:
		e->st.allowed_packets++;
		return;
	case FS_LEAK: {
		struct ls_leak *l = f->eng.leak;

		e->st.leak_packets++;
		e->st.leak_packets_by_class[l->class]++;
		e->st.leak_bytes += len;
		if (e->cfg.want_evidence)
			e->cfg.evidence(e->cfg.evidence_arg, e->src, ts_us,
			    caplen, len, frame);
		if (fp == &p)
			leak_packet(l, &x);
		return;
	}
	default:
		if (fp == &q)
			e->st.pending_packets++;	/* nothing to inspect */
		else
			pending_packet(e, f, &x, dir);
		return;
	}
}

void
engine_packet(struct ls_engine *e, uint64_t ts_us, uint32_t caplen,
    uint32_t len, const uint8_t *frame, uint64_t pcap_cnt)
{
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
	slab_init(&e->pend_slab, sizeof(struct ls_pending), 256);
	slab_init(&e->leak_slab, sizeof(struct ls_leak), 256);
	e->rep = rep;
	e->warn.rep = rep;
	e->warn.counts = e->st.warnings_by_kind;
	serverip_init(&e->sip, &e->carriers, &e->tun, &e->warn);
	routeinj_init(&e->routeinj, &e->warn);
	if (e->cfg.max_flows == 0)
		e->cfg.max_flows = 262144;
	e->decide_us = (uint64_t)(cfg->decide_after * 1e6);
	if (getrandom(&seed, sizeof(seed), GRND_NONBLOCK) != sizeof(seed))
		seed = 0x9e3779b97f4a7c15ull;
	locality_init(&e->loc, cfg->lan, cfg->nlan, cfg->rules);
	e->loc.learn = !cfg->no_learn_lan;
	e->loc.endpoints = cfg->endpoints;
	e->loc.nendpoints = cfg->nendpoints;
	e->loc.tun = &e->tun;
	e->loc.ln.warn = &e->warn;
	e->carriers.configured = cfg->endpoints;
	e->carriers.nconfigured = cfg->nendpoints;
	e->verdict.loc = &e->loc;
	e->verdict.carriers = &e->carriers;
	e->verdict.rules = cfg->rules;
	e->verdict.tun = &e->tun;
	tunnel_init(&e->tun, &e->loc, rep, &e->st,
	    (uint64_t)(cfg->outage_after * 1e6));
	e->tun.lag_us = e->decide_us;
	settle_init(&e->settle, on_settled, e);
	e->cls = classify_new();
	e->flows = flow_table_new(e->cfg.max_flows, seed);
	bool q1 = dueq_init(&e->decideq, e->cfg.max_flows, true);
	bool q2 = dueq_init(&e->stunq, STUN_QUEUE, false);
	if (e->cls == NULL || e->flows == NULL || !q1 || !q2) {
		engine_free(e);
		return NULL;
	}
	return e;
}

static void
capture_start(struct ls_engine *e, const struct ls_source *src)
{
	e->src = e->file = src;
	e->base = e->iface = src->index;
	e->open = true;
	e->switching = false;
	tunnel_begin_source(&e->tun, src);
	serverip_begin_source(&e->sip);
	e->have_time = false;
	e->now_us = 0;
	e->next_expire_us = 0;
	dueq_clear(&e->decideq);
}

/*
 * A file begun while another is open continues it (a capture rotated by
 * tcpdump -C/-G or a dumpcap ring buffer) when its first packet comes no
 * earlier than the last one read and its link type is the same: flows,
 * carriers and outages go on across the two.  Otherwise it is audited as
 * a capture of its own, with a note.  Decided at that first packet.
 */
void
engine_begin_source(struct ls_engine *e, const struct ls_source *src)
{
	if (!e->open) {
		capture_start(e, src);
		return;
	}
	if (!e->switching) {
		e->prev_file = e->file;
		e->prev_src = e->src;
	}
	e->src = e->file = src;
	e->switching = true;
	fastpath_reset(&e->fast);	/* its first packet goes the full way */
}

static void __attribute__((noinline))
source_switch(struct ls_engine *e, uint64_t ts_us)
{
	const struct ls_source *src = e->src, *file = e->file;
	const struct ls_source *prev = e->prev_file;
	char a[64], b[64];

	e->switching = false;
	if (!e->have_time || (ts_us >= e->now_us && file->dlt == prev->dlt)) {
		tunnel_set_source(&e->tun, src);
		return;
	}
	report_fmt_time(ts_us, a);
	report_fmt_time(e->now_us, b);
	fprintf(stderr, "leaksniff: %s: %s (%s) before the end of %s (%s): "
	    "audited as a capture of its own, not as its continuation\n",
	    file->name, file->dlt != prev->dlt ? "another link type, begins" :
	    "begins", a, prev->name, b);
	e->src = e->prev_src;
	engine_end_source(e);
	capture_start(e, file);
	engine_set_interface(e, src);
}

void
engine_set_interface(struct ls_engine *e, const struct ls_source *src)
{
	e->src = src;
	e->iface = e->base + src->ifno;
	if (!e->switching)	/* else source_switch decides, then sets it */
		tunnel_set_source(&e->tun, src);
}

void
engine_set_source(struct ls_engine *e, const struct ls_source *src)
{
	e->src = e->file = src;
	e->base = e->iface = src->index;
	e->open = true;
	tunnel_set_source(&e->tun, src);
}

void
engine_tick(struct ls_engine *e, uint64_t now_us)
{
	time_advance(e, now_us);
	lanlearn_report(&e->loc, e->rep, e->src, e->now_us, true);
}

void
engine_learn_interface(struct ls_engine *e, const char *ifname)
{
	lanlearn_interface(&e->loc, ifname);
}

void
engine_os_tunnel(struct ls_engine *e, const char *name, bool up,
    uint64_t now_us)
{
	tunnel_os(&e->tun, name, up, now_us);
}

size_t
engine_carrier_count(const struct ls_engine *e)
{
	return e->tun.n;
}

void
engine_carrier(const struct ls_engine *e, size_t i, struct ls_addr *addr,
    uint16_t *port, uint8_t *proto)
{
	*addr = e->tun.ep[i].addr;
	*port = e->tun.ep[i].port;
	*proto = e->tun.ep[i].proto;
}

bool
engine_tunnel_connected(const struct ls_engine *e)
{
	return tunnel_connected_now(&e->tun);
}

bool
engine_os_endpoint(struct ls_engine *e, const struct ls_endpoint *ep,
    bool route, bool add, const char *why)
{
	return carrier_os_endpoint(&e->carriers, ep, route, add, why);
}

void
engine_set_rules(struct ls_engine *e, const struct ls_ruleset *rs)
{
	e->cfg.rules = rs;
	e->verdict.rules = rs;
	locality_set_rules(&e->loc, rs);
}

/* The input ended: every held leak is settled now. */
static void
settle_all(struct ls_engine *e)
{
	tunnel_end_input(&e->tun);
	settle_run(&e->settle, &e->tun);
}

void
engine_end_source(struct ls_engine *e)
{
	settle_all(e);
	serverip_sync(&e->sip);
	flow_end_all(e->flows, on_flow_end, e);
	dueq_clear(&e->decideq);
	lanlearn_report(&e->loc, e->rep, e->src, e->now_us,
	    e->src != NULL && !e->src->offline);
	e->open = false;
	e->switching = false;
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
	settle_all(e);
	if (e->flows != NULL)
		flow_table_free(e->flows, on_flow_end, e);
	settle_free(&e->settle);
	tunnel_free(&e->tun);
	serverip_free(&e->sip);
	classify_free(e->cls);
	dueq_free(&e->decideq);
	dueq_free(&e->stunq);
	slab_free(&e->pend_slab);
	slab_free(&e->leak_slab);
	free(e);
}
