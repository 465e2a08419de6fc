/* SPDX-License-Identifier: MIT */
/*
 * report_text.c - the default, human-readable report.
 *
 * One line per leaked flow as it is found, one per tunnel change, then a
 * summary.  Every byte that came from a packet is escaped: printable ASCII
 * stays, backslash doubles, everything else (control bytes, ANSI escapes,
 * non-ASCII) becomes \xNN, so a hostile DNS name cannot drive the terminal.
 */
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "dns.h"
#include "event.h"
#include "http.h"
#include "report.h"
#include "report_exposed.h"
#include "stun.h"
#include "warn.h"

static void
put_escaped(FILE *o, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\\' || ch == '"') {
			fputc('\\', o);
			fputc(ch, o);
		}
		else if (ch >= 0x20 && ch < 0x7f)
			fputc(ch, o);
		else
			fprintf(o, "\\x%02x", ch);
	}
}

static void
put_endpoint(FILE *o, const struct ls_addr *a, uint16_t port, bool ports)
{
	char buf[ADDR_EP_STRLEN];

	fputs(ports ? addr_fmt_endpoint(a, port, buf) : addr_fmt(a, buf), o);
}

static const char *
iface_of(const struct ls_source *src)
{
	const char *s;

	if (src == NULL)
		return "-";
	if (src->iface != NULL)
		return src->iface;
	s = strrchr(src->name, '/');
	return s != NULL ? s + 1 : src->name;
}

static void
text_leak(struct ls_reporter *r, const struct ls_leak *l)
{
	const struct ls_flow_view *f = &l->flow;
	FILE *o = r->out;
	char ts[64], pn[REPORT_PROTO_STRLEN], sn[STUN_TYPE_STRLEN];
	bool ports = f->sport != 0 || f->cport != 0;

	if (r->quiet)
		return;
	report_fmt_time(l->ts_us, ts);
	fprintf(o, "%s %s LEAK %s %s %s ", ts, iface_of(l->src),
	    class_name(l->class), severity_name(l->severity),
	    report_proto_name(f->proto, f->ip_version, pn));
	put_endpoint(o, &f->cli, f->cport, ports);
	fputs(" -> ", o);
	put_endpoint(o, &f->srv, f->sport, ports);
	fprintf(o, " app=%s", l->app);
	if (l->dns != NULL) {
		const char *t = dns_type_name(l->dns->qtype);
		fputs(" dns=", o);
		put_escaped(o, l->dns->qname, l->dns->qname_len);
		if (t != NULL)
			fprintf(o, "/%s", t);
		else
			fprintf(o, "/TYPE%u", l->dns->qtype);
	}
	if (l->http != NULL) {
		fprintf(o, " http=");
		put_escaped(o, l->http->method, l->http->method_len);
		fputc(' ', o);
		put_escaped(o, l->http->host, l->http->host_len);
		put_escaped(o, l->http->url, l->http->url_len);
		if (l->http->ua_len > 0) {
			fputs(" ua=\"", o);
			put_escaped(o, l->http->user_agent, l->http->ua_len);
			fputc('"', o);
		}
		const char *sep = " credentials=";
		for (int k = 0; k < HTTP_CRED__COUNT; k++)
			if (l->http->creds & (1u << k)) {
				fprintf(o, "%s%s", sep, httpcred_name(k));
				sep = ",";
			}
	}
	if (l->stun != NULL) {
		fprintf(o, " stun=\"%s\"", stun_type_name(l->stun->type, sn));
		if (l->stun->has_mapped) {
			fputs(" public=", o);
			put_endpoint(o, &l->stun->mapped, l->stun->mapped_port,
			    true);
		}
	}
	if (l->sni[0] != '\0') {
		fputs(" sni=", o);
		put_escaped(o, l->sni, strlen(l->sni));
	}
	if (l->has_eui64)
		fprintf(o, " mac=%02x:%02x:%02x:%02x:%02x:%02x", l->eui64_mac[0],
		    l->eui64_mac[1], l->eui64_mac[2], l->eui64_mac[3],
		    l->eui64_mac[4], l->eui64_mac[5]);
	if (l->tags != (1u << l->class) || l->xtags != 0) {
		const char *sep = " tags=";
		for (int c = 1; c < CLASS__COUNT; c++)
			if (l->tags & (1u << c)) {
				fprintf(o, "%s%s", sep, class_name(c));
				sep = ",";
			}
		for (int t = 0; t < XTAG__COUNT; t++)
			if (l->xtags & (1u << t)) {
				fprintf(o, "%s%s", sep, xtag_name(t));
				sep = ",";
			}
	}
	fprintf(o, " rule=%s tunnel=%s phase=%s", l->rule->id,
	    tunnel_name(l->tunnel), phase_name(l->phase));
	if (l->cause != CAUSE_NONE)
		fprintf(o, " cause=%s", cause_name(l->cause));
	if (l->by_design != NULL)
		fprintf(o, " by_design=%s", l->by_design);
	if (l->evidence == EVIDENCE_PORT)
		fputs(" evidence=port", o);	/* payload goes without saying */
	if (l->killswitch)
		fputs(" KILL-SWITCH FAILURE", o);
	fputc('\n', o);
}

static void
text_flow_end(struct ls_reporter *r, const struct ls_leak *l)
{
	const struct ls_flow_view *f = &l->flow;

	if (r->exposed == NULL)
		r->exposed = exposed_new();
	exposed_add(r->exposed, l);
	if (r->quiet || l->nnames <= 1)
		return;
	/* The leak line named the first; list the rest once at the end. */
	FILE *o = r->out;
	char ts[64];

	report_fmt_time(f->last_us, ts);
	fprintf(o, "%s %s NAMES flow %llu asked %zu names:", ts,
	    iface_of(l->src), (unsigned long long)l->flow_id, l->nnames);
	for (size_t i = 0; i < l->nnames; i++) {
		fputc(' ', o);
		put_escaped(o, l->names[i], l->name_lens[i]);
	}
	if (l->names_cut)
		fputs(" ...", o);
	fputc('\n', o);
}

static void
text_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	FILE *o = r->out;
	char ts[64], pn[REPORT_PROTO_STRLEN];

	if (r->quiet)
		return;
	report_fmt_time(ev->ts_us, ts);
	if (ev->ifname[0] != '\0') {
		fprintf(o, "%s - TUNNEL %s interface %s (%s)\n", ts,
		    tunnel_name(ev->state), ev->ifname, ev->state == TUNNEL_UP ?
		    "the OS reports it up" : "the OS reports it down or gone");
		return;
	}
	fprintf(o, "%s %s TUNNEL %s ", ts, iface_of(ev->src),
	    tunnel_name(ev->state));
	put_endpoint(o, &ev->addr, ev->port, ev->port != 0);
	fprintf(o, "/%s", report_proto_name(ev->proto, 0, pn));
	if (ev->app[0] != '\0')
		fprintf(o, " app=%s", ev->app);
	if (ev->first)
		fputs(" (carrier appears)", o);
	else if (ev->state == TUNNEL_DOWN) {
		char st[64];
		report_fmt_time(ev->outage_start_us, st);
		fprintf(o, " (outage since the carrier's last packet at %s)",
		    st);
	} else if (ev->outage_end_us != 0) {
		char st[64];
		report_fmt_time(ev->outage_start_us, st);
		fprintf(o, " (carrier back, data flows: outage %s to ", st);
		report_fmt_time(ev->outage_end_us, st);
		fprintf(o, "%s, %.3f s)", st, (double)(ev->outage_end_us -
		    ev->outage_start_us) / 1e6);
	} else
		fputs(" (carrier back)", o);
	fputc('\n', o);
}

/* One outage in the summary: from the carrier's last packet to data. */
static void
text_outage(FILE *o, size_t n, const struct ls_outage_rec *r)
{
	char ts[64], pn[REPORT_PROTO_STRLEN];

	report_fmt_time(r->start_us, ts);
	fprintf(o, "summary: outage %zu: ", n);
	put_endpoint(o, &r->addr, r->port, r->port != 0);
	fprintf(o, "/%s from %s (its last packet)", report_proto_name(r->proto,
	    0, pn), ts);
	if (r->data_us != 0) {
		report_fmt_time(r->data_us, ts);
		fprintf(o, " to %s (data again), %.3f s", ts,
		    (double)(r->data_us - r->start_us) / 1e6);
	} else if (r->end_us != 0) {
		report_fmt_time(r->end_us, ts);
		fprintf(o, " to %s (a new handshake; no data by the end)", ts);
	} else
		fputs(", not back by the end", o);
	fprintf(o, ", %llu leaked flow%s inside\n",
	    (unsigned long long)r->leaks, r->leaks == 1 ? "" : "s");
}

/* One line: what was learned of the local network, and what refused. */
static void
text_lan(struct ls_reporter *r, const struct ls_lan_event *ev)
{
	const struct ls_lan *l = ev->lan;
	FILE *o = r->out;
	char ts[64], buf[REPORT_CIDR_STRLEN], ad[ADDR_STRLEN];

	if (r->quiet)
		return;
	report_fmt_time(ev->ts_us, ts);
	fprintf(o, "%s %s LAN learned from the %s:", ts, iface_of(ev->src),
	    ev->live ? "interfaces and traffic" : "capture");
	if (l->nprefixes == 0)
		fputs(" no prefix", o);
	for (size_t i = 0; i < l->nprefixes; i++)
		fprintf(o, " %s (%s)", report_fmt_cidr(&l->prefixes[i].cidr, buf),
		    lan_via_name(l->prefixes[i].via));
	if (l->prefixes_cut)
		fputs(" ...", o);
	if (l->ngateways > 0) {
		fputs("; gateway", o);
		for (size_t i = 0; i < l->ngateways; i++)
			fprintf(o, " %s", addr_fmt(&l->gateways[i], ad));
	}
	for (size_t i = 0; i < l->nrefused; i++)
		fprintf(o, "; REFUSED %s (%s): %s",
		    report_fmt_cidr(&l->refused[i].cidr, buf),
		    lan_via_name(l->refused[i].via), l->refused[i].why);
	fputc('\n', o);
}

/* One line per warning: what steers traffic around the tunnel. */
static void
text_warning(struct ls_reporter *r, const struct ls_warning *w)
{
	static const struct ls_addr none;
	FILE *o = r->out;
	char ts[64], ad[ADDR_STRLEN], buf[REPORT_CIDR_STRLEN];

	if (r->quiet)
		return;
	report_fmt_time(w->ts_us, ts);
	fprintf(o, "%s %s WARNING %s %s", ts, iface_of(w->src),
	    warn_kind_name(w->kind), severity_name(w->severity));
	if (w->via != NULL)
		fprintf(o, " via=%s", w->via);
	if (memcmp(&w->server, &none, sizeof(none)) != 0)
		fprintf(o, " from %s", addr_fmt(&w->server, ad));
	if (memcmp(&w->client, &none, sizeof(none)) != 0)
		fprintf(o, " to %s", addr_fmt(&w->client, ad));
	if (w->nroutes > 0) {
		const char *sep = " routes=";
		for (size_t i = 0; i < w->nroutes; i++) {
			fprintf(o, "%s%s", sep, report_fmt_cidr(&w->routes[i].dest,
			    buf));
			if (memcmp(&w->routes[i].via, &none, sizeof(none)) != 0)
				fprintf(o, "@%s", addr_fmt(&w->routes[i].via, ad));
			sep = ",";
		}
		if (w->routes_cut)
			fputs(",...", o);
		/* a targeted route's share is tiny, but not 0.000 */
		fprintf(o, w->public_share > 0 && w->public_share < 0.0005 ?
		    " public_share=%.2g" : " public_share=%.3f", w->public_share);
	}
	if (memcmp(&w->address, &none, sizeof(none)) != 0)
		fprintf(o, " address=%s", addr_fmt(&w->address, ad));
	if (w->name_len > 0) {
		fputs(" name=", o);
		put_escaped(o, w->name, w->name_len);
	}
	if (w->detail[0] != '\0')
		fprintf(o, " (%s)", w->detail);
	fputc('\n', o);
}

static void
text_end(struct ls_reporter *r, const struct ls_stats *s, const char *ver)
{
	FILE *o = r->out;
	const char *sep;

	(void)ver;
	fprintf(o, "summary: %llu leaked flow%s", (unsigned long long)s->leak_flows,
	    s->leak_flows == 1 ? "" : "s");
	sep = " (";
	for (int c = 1; c < CLASS__COUNT; c++) {
		if (s->leak_flows_by_class[c] == 0)
			continue;
		fprintf(o, "%s%s %llu", sep, class_name(c),
		    (unsigned long long)s->leak_flows_by_class[c]);
		sep = ", ";
	}
	if (sep[0] == ',')
		fputc(')', o);
	fprintf(o, ", %llu leaked packets, %llu bytes\n",
	    (unsigned long long)s->leak_packets,
	    (unsigned long long)s->leak_bytes);
	if (s->killswitch_leaks > 0)
		fprintf(o, "summary: %llu leaked flow%s during an outage or "
		    "reconnect: KILL-SWITCH FAILURE\n",
		    (unsigned long long)s->killswitch_leaks,
		    s->killswitch_leaks == 1 ? "" : "s");
	if (s->leak_flows > 0) {
		sep = "summary: leaked flows by phase: ";
		for (int p = 0; p < PHASE__COUNT; p++) {
			if (s->leak_flows_by_phase[p] == 0)
				continue;
			fprintf(o, "%s%s %llu", sep, phase_name(p),
			    (unsigned long long)s->leak_flows_by_phase[p]);
			sep = ", ";
		}
		fputc('\n', o);
	}
	for (int k = 0; k < WARN__COUNT; k++)
		if (s->warnings_by_kind[k] > 0)
			fprintf(o, "summary: %llu %s warning%s\n",
			    (unsigned long long)s->warnings_by_kind[k],
			    warn_kind_name(k), s->warnings_by_kind[k] == 1 ?
			    "" : "s");
	for (int c = 1; c < CAUSE__COUNT; c++)
		if (s->leak_flows_by_cause[c] > 0)
			fprintf(o, "summary: %llu leaked flow%s caused by %s\n",
			    (unsigned long long)s->leak_flows_by_cause[c],
			    s->leak_flows_by_cause[c] == 1 ? "" : "s",
			    cause_name(c));
	exposed_print(r->exposed, o, put_escaped);
	exposed_free(r->exposed);
	r->exposed = NULL;
	if (s->outages > 0)
		fprintf(o, "summary: %llu outage%s of a carrier\n",
		    (unsigned long long)s->outages, s->outages == 1 ? "" : "s");
	for (size_t i = 0; i < s->outage_log_len; i++)
		text_outage(o, i + 1, &s->outage_log[i]);
	fprintf(o, "summary: %llu packets (%llu IP, %llu non-IP), %llu flows: "
	    "%llu carrier, %llu local, %llu allowed, %llu leaked\n",
	    (unsigned long long)s->packets, (unsigned long long)s->ip_packets,
	    (unsigned long long)s->non_ip_packets,
	    (unsigned long long)s->flows, (unsigned long long)s->carrier_flows,
	    (unsigned long long)s->local_flows,
	    (unsigned long long)s->allowed_flows,
	    (unsigned long long)s->leak_flows);
	fprintf(o, "summary: packets by verdict: %llu carrier, %llu local, "
	    "%llu allowed, %llu leaked\n",
	    (unsigned long long)s->carrier_packets,
	    (unsigned long long)s->local_packets,
	    (unsigned long long)s->allowed_packets,
	    (unsigned long long)s->leak_packets);
	if (s->anomaly_packets > 0) {
		fprintf(o, "summary: %llu packets with decode anomalies:",
		    (unsigned long long)s->anomaly_packets);
		for (int a = 1; a < ANOM__COUNT; a++)
			if (s->anomalies[a] > 0)
				fprintf(o, " %s %llu", anom_name(a),
				    (unsigned long long)s->anomalies[a]);
		fputc('\n', o);
	}
	if (s->frag_later > 0)
		fprintf(o, "summary: %llu non-first IP fragments (no ports; "
		    "not attributed to a flow)\n",
		    (unsigned long long)s->frag_later);
	if (s->flows_evicted > 0)
		fprintf(o, "summary: %llu flows evicted (table full), %llu of "
		    "them leaks\n", (unsigned long long)s->flows_evicted,
		    (unsigned long long)s->flows_evicted_leak);
	if (s->untracked_packets > 0)
		fprintf(o, "summary: %llu packets not tracked: the flow table "
		    "was full of unreported leaks (raise --max-flows)\n",
		    (unsigned long long)s->untracked_packets);
	if (s->live || s->kernel_drops > 0 || s->iface_drops > 0)
		fprintf(o, "summary: %llu packets dropped by the kernel, %llu "
		    "by the interface\n", (unsigned long long)s->kernel_drops,
		    (unsigned long long)s->iface_drops);
	if (s->evidence_write_errors > 0)
		fprintf(o, "summary: %llu evidence packets could not be "
		    "written\n", (unsigned long long)s->evidence_write_errors);
	if (s->inputs_failed > 0)
		fprintf(o, "summary: INCOMPLETE: %u of %u inputs could not be "
		    "read to their end (the errors say where); the counts cover "
		    "only what was read\n", s->inputs_failed, s->inputs);
	if (s->interrupted)
		fprintf(o, "summary: INTERRUPTED: the audit is incomplete; the "
		    "counts cover only the %llu packets read before the "
		    "signal\n", (unsigned long long)s->packets);
}

const struct reporter_ops report_text_ops = {
	.name		= "text",
	.leak		= text_leak,
	.flow_end	= text_flow_end,
	.tunnel		= text_tunnel,
	.lan		= text_lan,
	.warning	= text_warning,
	.end		= text_end,
};
