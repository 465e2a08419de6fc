/* SPDX-License-Identifier: MIT */
/*
 * report_json.c - JSON lines in the manner of Suricata's EVE (SPEC.md).
 *
 * Each event is appended member by member into one buffer (jsonw.h) and
 * written with one fwrite: keys in a fixed order, compact, one object per
 * line.  Strings from packets are made valid UTF-8 (each invalid byte
 * becomes U+FFFD) and control characters escaped, so every line parses
 * whatever the packet held.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dns.h"
#include "event.h"
#include "http.h"
#include "jsonw.h"
#include "report.h"
#include "report_exposed.h"
#include "stun.h"
#include "warn.h"

#define JW_STACK	4096

static void
jaddr(struct jw *w, const char *key, const struct ls_addr *a)
{
	char buf[ADDR_STRLEN];

	jw_str(w, key, addr_fmt(a, buf));
}

static void
emit(struct ls_reporter *r, struct jw *w)
{
	if (jw_write(w, r->out) != 0)
		r->write_errors++;
}

static const char *
iface_of(const struct ls_source *src)
{
	const char *s;

	if (src->iface != NULL)
		return src->iface;
	s = strrchr(src->name, '/');
	return s != NULL ? s + 1 : src->name;
}

static void
common(struct jw *w, const struct ls_source *src, uint64_t ts_us,
    uint64_t flow_id, uint64_t pcap_cnt, const char *type)
{
	char ts[64];

	report_fmt_time(ts_us, ts);
	jw_str(w, "timestamp", ts);
	if (flow_id != 0)
		jw_uint(w, "flow_id", flow_id);
	if (src != NULL) {
		jw_str(w, "in_iface", iface_of(src));
		if (src->offline) {
			jw_str(w, "pcap_filename", src->name);
			if (pcap_cnt != 0)
				jw_uint(w, "pcap_cnt", pcap_cnt);
		}
	}
	jw_str(w, "event_type", type);
}

static void
tuple(struct jw *w, const struct ls_flow_view *f)
{
	char cid[64], pn[REPORT_PROTO_STRLEN];
	bool ports = f->proto == IPPROTO_TCP || f->proto == IPPROTO_UDP ||
	    f->proto == IPPROTO_SCTP;

	jaddr(w, "src_ip", &f->cli);
	if (ports)
		jw_uint(w, "src_port", f->cport);
	jaddr(w, "dest_ip", &f->srv);
	if (ports)
		jw_uint(w, "dest_port", f->sport);
	jw_str(w, "proto", report_proto_name(f->proto, f->ip_version, pn));
	jw_uint(w, "ip_version", f->ip_version);
	if (f->proto == IPPROTO_ICMP || f->proto == IPPROTO_ICMPV6) {	/* as EVE: the first packet's */
		jw_uint(w, "icmp_type", f->icmp_type);
		jw_uint(w, "icmp_code", f->icmp_code);
	}
	report_community_id(f, cid);
	jw_str(w, "community_id", cid);
}

static void
leak_obj(struct jw *w, const struct ls_leak *l)
{
	jw_obj(w, "leak");
	jw_str(w, "class", class_name(l->class));
	jw_arr(w, "tags");
	for (int c = 1; c < CLASS__COUNT; c++)
		if (l->tags & (1u << c))
			jw_str(w, NULL, class_name(c));
	for (int t = 0; t < XTAG__COUNT; t++)
		if (l->xtags & (1u << t))
			jw_str(w, NULL, xtag_name(t));
	jw_end(w);
	jw_str(w, "rule", l->rule->id);
	jw_str(w, "severity", severity_name(l->severity));
	jw_str(w, "tunnel", tunnel_name(l->tunnel));
	jw_str(w, "phase", phase_name(l->phase));
	jw_bool(w, "killswitch_failure", l->killswitch);
	if (l->survivor)
		jw_true(w, "survivor");
	if (l->cause != CAUSE_NONE)
		jw_str(w, "cause", cause_name(l->cause));
	jw_arr(w, "exposes");
	for (int x = 0; x < EXPOSE__COUNT; x++)
		if (l->exposes & (1u << x))
			jw_str(w, NULL, expose_name(x));
	jw_end(w);
	if (l->has_eui64) {
		char mac[18];
		snprintf(mac, sizeof(mac), "%02x:%02x:%02x:%02x:%02x:%02x",
		    l->eui64_mac[0], l->eui64_mac[1], l->eui64_mac[2],
		    l->eui64_mac[3], l->eui64_mac[4], l->eui64_mac[5]);
		jw_str(w, "eui64_mac", mac);
	}
	if (l->by_design != NULL)
		jw_str(w, "by_design", l->by_design);
	jw_str(w, "evidence", evidence_name(l->evidence));	/* SPEC: last */
	jw_end(w);
}

static void
details(struct jw *w, const struct ls_leak *l)
{
	char sn[STUN_TYPE_STRLEN];

	if (l->dns != NULL) {
		const char *t = dns_type_name(l->dns->qtype);
		char buf[16];

		if (t == NULL) {
			snprintf(buf, sizeof(buf), "TYPE%u", l->dns->qtype);
			t = buf;
		}
		jw_obj(w, "dns");
		jw_strn(w, "rrname", l->dns->qname, l->dns->qname_len);
		jw_str(w, "rrtype", t);
		jw_end(w);
	}
	if (l->stun != NULL) {
		jw_obj(w, "stun");
		jw_str(w, "type", stun_type_name(l->stun->type, sn));
		if (l->stun->has_mapped) {
			jaddr(w, "mapped_address", &l->stun->mapped);
			jw_uint(w, "mapped_port", l->stun->mapped_port);
		}
		if (l->stun->has_software)
			jw_strn(w, "software", l->stun->software,
			    l->stun->software_len);
		jw_end(w);
	}
	if (l->http != NULL) {
		jw_obj(w, "http");
		jw_strn(w, "method", l->http->method, l->http->method_len);
		jw_strn(w, "hostname", l->http->host, l->http->host_len);
		jw_strn(w, "url", l->http->url, l->http->url_len);
		if (l->http->ua_len > 0)
			jw_strn(w, "user_agent", l->http->user_agent,
			    l->http->ua_len);
		if (l->http->creds != 0) {
			jw_arr(w, "credentials");
			for (int k = 0; k < HTTP_CRED__COUNT; k++)
				if (l->http->creds & (1u << k))
					jw_str(w, NULL, httpcred_name(k));
			jw_end(w);
		}
		jw_end(w);
	}
	if (l->sni[0] != '\0') {
		jw_obj(w, "tls");
		jw_str(w, "sni", l->sni);
		jw_end(w);
	}
}

static void
json_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	const struct ls_flow_view *f = &l->flow;
	char stack[JW_STACK];
	struct jw w;

	jw_init(&w, stack, sizeof(stack));
	common(&w, l->src, l->ts_us, l->flow_id, l->pcap_cnt, "leak");
	tuple(&w, f);
	jw_str(&w, "app_proto", l->app);
	leak_obj(&w, l);
	details(&w, l);
	emit(r, &w);
}

static void
json_flow_end(struct ls_reporter *r, const struct ls_leak *l)
{
	const struct ls_flow_view *f = &l->flow;
	char stack[JW_STACK], ts[64];
	struct jw w;

	if (r->exposed == NULL)
		r->exposed = exposed_new();
	exposed_add(r->exposed, l);
	jw_init(&w, stack, sizeof(stack));
	common(&w, l->src, f->last_us, l->flow_id, 0, "flow");
	tuple(&w, f);
	jw_str(&w, "app_proto", l->app);
	jw_obj(&w, "flow");
	jw_uint(&w, "pkts_toserver", f->pkts[0]);
	jw_uint(&w, "pkts_toclient", f->pkts[1]);
	jw_uint(&w, "bytes_toserver", f->bytes[0]);
	jw_uint(&w, "bytes_toclient", f->bytes[1]);
	report_fmt_time(f->first_us, ts);
	jw_str(&w, "start", ts);
	report_fmt_time(f->last_us, ts);
	jw_str(&w, "end", ts);
	jw_end(&w);
	leak_obj(&w, l);
	details(&w, l);
	if (l->nnames > 0) {
		jw_arr(&w, "dns_names");
		for (size_t i = 0; i < l->nnames; i++)
			jw_strn(&w, NULL, l->names[i], l->name_lens[i]);
		jw_end(&w);
		if (l->names_cut)
			jw_true(&w, "dns_names_truncated");
	}
	emit(r, &w);
}

static void
json_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	char stack[JW_STACK], ep[ADDR_EP_STRLEN], pn[REPORT_PROTO_STRLEN];
	struct jw w;

	jw_init(&w, stack, sizeof(stack));
	if (ev->ifname[0] != '\0') {
		common(&w, NULL, ev->ts_us, 0, 0, "tunnel");
		jw_obj(&w, "tunnel");
		jw_str(&w, "state", tunnel_name(ev->state));
		jw_str(&w, "change", ev->state == TUNNEL_UP ? "up" : "down");
		jw_str(&w, "interface", ev->ifname);
		jw_str(&w, "source", "os");
		jw_end(&w);
		emit(r, &w);
		return;
	}
	common(&w, ev->src, ev->ts_us, 0, ev->pcap_cnt, "tunnel");
	jw_obj(&w, "tunnel");
	jw_str(&w, "state", tunnel_name(ev->state));
	jw_str(&w, "change", ev->first ? "appeared" :
	    ev->state == TUNNEL_DOWN ? "quiet" : "back");
	jw_str(&w, "endpoint", addr_fmt_endpoint(&ev->addr, ev->port, ep));
	jw_str(&w, "proto", report_proto_name(ev->proto, 0, pn));
	if (ev->app[0] != '\0')
		jw_str(&w, "app_proto", ev->app);
	if (ev->outage_start_us != 0) {
		char ts[64];
		report_fmt_time(ev->outage_start_us, ts);
		jw_str(&w, "outage_start", ts);
		if (ev->outage_end_us != 0) {
			report_fmt_time(ev->outage_end_us, ts);
			jw_str(&w, "outage_end", ts);
		}
	}
	jw_end(&w);
	emit(r, &w);
}

static void
json_lan(struct ls_reporter *r, const struct ls_lan_event *ev)
{
	const struct ls_lan *l = ev->lan;
	char stack[JW_STACK], buf[REPORT_CIDR_STRLEN];
	struct jw w;

	jw_init(&w, stack, sizeof(stack));
	common(&w, ev->src, ev->ts_us, 0, 0, "lan");
	jw_obj(&w, "lan");
	jw_arr(&w, "prefixes");
	for (size_t i = 0; i < l->nprefixes; i++) {
		jw_obj(&w, NULL);
		jw_str(&w, "prefix", report_fmt_cidr(&l->prefixes[i].cidr, buf));
		jw_str(&w, "via", lan_via_name(l->prefixes[i].via));
		jw_end(&w);
	}
	jw_end(&w);
	if (l->prefixes_cut)
		jw_true(&w, "prefixes_truncated");
	jw_arr(&w, "gateways");
	for (size_t i = 0; i < l->ngateways; i++)
		jaddr(&w, NULL, &l->gateways[i]);
	jw_end(&w);
	jw_str(&w, "source", ev->live ? "interfaces" : "capture");
	jw_arr(&w, "refused");
	for (size_t i = 0; i < l->nrefused; i++) {
		jw_obj(&w, NULL);
		jw_str(&w, "prefix", report_fmt_cidr(&l->refused[i].cidr, buf));
		jw_str(&w, "via", lan_via_name(l->refused[i].via));
		jw_str(&w, "reason", l->refused[i].why);
		jw_end(&w);
	}
	jw_end(&w);
	jw_end(&w);
	emit(r, &w);
}

static void
json_warning(struct ls_reporter *r, const struct ls_warning *wn)
{
	char stack[JW_STACK], buf[REPORT_CIDR_STRLEN];
	struct jw w;
	static const struct ls_addr none;

	jw_init(&w, stack, sizeof(stack));
	common(&w, wn->src, wn->ts_us, 0, wn->pcap_cnt, "warning");
	jw_obj(&w, "warning");
	jw_str(&w, "kind", warn_kind_name(wn->kind));
	jw_str(&w, "severity", severity_name(wn->severity));
	if (wn->via != NULL)
		jw_str(&w, "via", wn->via);
	if (memcmp(&wn->server, &none, sizeof(none)) != 0)
		jaddr(&w, "server", &wn->server);
	if (memcmp(&wn->client, &none, sizeof(none)) != 0)
		jaddr(&w, "client", &wn->client);
	if (wn->nroutes > 0) {
		jw_arr(&w, "routes");
		for (size_t i = 0; i < wn->nroutes; i++) {
			jw_obj(&w, NULL);
			jw_str(&w, "dest", report_fmt_cidr(&wn->routes[i].dest,
			    buf));
			if (memcmp(&wn->routes[i].via, &none, sizeof(none)) != 0)
				jaddr(&w, "via", &wn->routes[i].via);
			jw_end(&w);
		}
		jw_end(&w);
		if (wn->routes_cut)
			jw_true(&w, "routes_truncated");
		jw_double(&w, "public_share", wn->public_share);
	}
	if (memcmp(&wn->address, &none, sizeof(none)) != 0)
		jaddr(&w, "address", &wn->address);
	if (wn->name_len > 0)
		jw_strn(&w, "name", wn->name, wn->name_len);
	if (wn->detail[0] != '\0')
		jw_str(&w, "detail", wn->detail);
	jw_end(&w);
	emit(r, &w);
}

static void
json_end(struct ls_reporter *r, const struct ls_stats *s, const char *ver)
{
	char stack[JW_STACK];
	struct jw w;

	jw_init(&w, stack, sizeof(stack));
	jw_str(&w, "event_type", "stats");
	jw_obj(&w, "stats");
	jw_uint(&w, "packets", s->packets);
	jw_uint(&w, "bytes", s->bytes);
	jw_uint(&w, "flows", s->flows);
	jw_uint(&w, "leak_flows", s->leak_flows);
	jw_obj(&w, "leak_flows_by_class");
	for (int c = 1; c < CLASS__COUNT; c++)
		jw_uint(&w, class_name(c), s->leak_flows_by_class[c]);
	jw_end(&w);
	jw_uint(&w, "leak_packets", s->leak_packets);
	jw_uint(&w, "killswitch_leaks", s->killswitch_leaks);
	jw_obj(&w, "leak_flows_by_phase");
	for (int p = 0; p < PHASE__COUNT; p++)
		jw_uint(&w, phase_name(p), s->leak_flows_by_phase[p]);
	jw_end(&w);
	jw_uint(&w, "outages", s->outages);
	jw_uint(&w, "carrier_flows", s->carrier_flows);
	jw_uint(&w, "carrier_packets", s->carrier_packets);
	jw_uint(&w, "local_packets", s->local_packets);
	jw_uint(&w, "allowed_packets", s->allowed_packets);
	jw_uint(&w, "untracked_packets", s->untracked_packets);
	jw_uint(&w, "local_flows", s->local_flows);
	jw_uint(&w, "allowed_flows", s->allowed_flows);
	jw_uint(&w, "non_ip_packets", s->non_ip_packets);
	jw_uint(&w, "frag_unattributed", s->frag_later);
	jw_uint(&w, "anomaly_packets", s->anomaly_packets);
	jw_obj(&w, "anomalies");
	for (int a = 1; a < ANOM__COUNT; a++)
		if (s->anomalies[a] > 0)
			jw_uint(&w, anom_name(a), s->anomalies[a]);
	jw_end(&w);
	jw_uint(&w, "flows_expired", s->flows_expired);
	jw_uint(&w, "flows_evicted", s->flows_evicted);
	jw_uint(&w, "flows_evicted_leak", s->flows_evicted_leak);
	jw_uint(&w, "kernel_drops", s->kernel_drops);
	jw_uint(&w, "iface_drops", s->iface_drops);
	jw_uint(&w, "tunnel_events", s->tunnel_events);
	jw_obj(&w, "warnings");
	for (int k = 0; k < WARN__COUNT; k++)
		jw_uint(&w, warn_kind_name(k), s->warnings_by_kind[k]);
	jw_end(&w);
	jw_obj(&w, "leak_flows_by_cause");
	for (int c = 1; c < CAUSE__COUNT; c++)
		jw_uint(&w, cause_name(c), s->leak_flows_by_cause[c]);
	jw_end(&w);
	jw_obj(&w, "exposed");		/* distinct values; flows per kind */
	for (int k = 0; exposed_kind_name(k) != NULL; k++)
		jw_uint(&w, exposed_kind_name(k), exposed_distinct(r->exposed, k));
	jw_obj(&w, "credentials");
	for (int c = 0; c < HTTP_CRED__COUNT; c++)
		if (exposed_cred_flows(r->exposed, c) > 0)
			jw_uint(&w, httpcred_name(c),
			    exposed_cred_flows(r->exposed, c));
	jw_end(&w);
	jw_end(&w);
	exposed_free(r->exposed);
	r->exposed = NULL;
	jw_uint(&w, "evidence_write_errors", s->evidence_write_errors);
	if (s->interrupted)	/* only then: other runs' output is unchanged */
		jw_true(&w, "interrupted");
	if (s->inputs_failed > 0) {	/* the same */
		jw_uint(&w, "inputs", s->inputs);
		jw_uint(&w, "inputs_failed", s->inputs_failed);
	}
	jw_str(&w, "ndpi_version", ver != NULL ? ver : "");
	jw_end(&w);
	emit(r, &w);
}

const struct reporter_ops report_json_ops = {
	.name		= "json",
	.leak		= json_leak,
	.flow_end	= json_flow_end,
	.tunnel		= json_tunnel,
	.lan		= json_lan,
	.warning	= json_warning,
	.end		= json_end,
};
