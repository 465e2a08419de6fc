/* SPDX-License-Identifier: MIT */
/*
 * report_json.c - JSON lines in the manner of Suricata's EVE (SPEC.md).
 *
 * jansson builds and escapes every object; leak events are rare enough that
 * building a tree per event costs nothing measurable.  Keys come out in
 * insertion order, compact, one object per line.  Strings from packets are
 * made valid UTF-8 first (each invalid byte becomes U+FFFD) and jansson
 * escapes control characters, so every line parses whatever the packet held.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "addr.h"
#include "dns.h"
#include "engine.h"
#include "flow.h"
#include "http.h"
#include "report.h"
#include "stun.h"

/* Length of the valid UTF-8 sequence at s (1..4), 0 if invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		cp = c & 0x07;
	} else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 ||
	    cp > 0x10ffff)) || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return len;
}

static json_t *
jbytes(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char *buf = malloc(n * 3 + 1);
	size_t o = 0;
	json_t *j;

	if (buf == NULL)
		return json_string("");
	for (size_t i = 0; i < n;) {
		size_t k = utf8_seq(u + i, n - i);
		if (k == 0) {
			memcpy(buf + o, "\xef\xbf\xbd", 3);
			o += 3;
			i++;
		} else {
			memcpy(buf + o, u + i, k);
			o += k;
			i += k;
		}
	}
	j = json_stringn(buf, o);
	free(buf);
	return j != NULL ? j : json_string("");
}

static json_t *
jaddr(const struct ls_addr *a)
{
	char buf[ADDR_STRLEN];

	return json_string(addr_fmt(a, buf));
}

static void
emit(struct ls_reporter *r, json_t *o)
{
	if (json_dumpf(o, r->out, JSON_COMPACT | JSON_PRESERVE_ORDER) != 0 ||
	    fputc('\n', r->out) == EOF)
		r->write_errors++;
	json_decref(o);
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

static json_t *
common(const struct ls_source *src, uint64_t ts_us, uint64_t flow_id,
    uint64_t pcap_cnt, const char *type)
{
	json_t *o = json_object();
	char ts[64];

	report_fmt_time(ts_us, ts);
	json_object_set_new(o, "timestamp", json_string(ts));
	if (flow_id != 0)
		json_object_set_new(o, "flow_id", json_integer((json_int_t)flow_id));
	if (src != NULL) {
		json_object_set_new(o, "in_iface", json_string(iface_of(src)));
		if (src->offline) {
			json_object_set_new(o, "pcap_filename",
			    json_string(src->name));
			if (pcap_cnt != 0)
				json_object_set_new(o, "pcap_cnt",
				    json_integer((json_int_t)pcap_cnt));
		}
	}
	json_object_set_new(o, "event_type", json_string(type));
	return o;
}

static void
tuple(json_t *o, const struct ls_flow *f)
{
	char cid[64];
	bool ports = f->proto == 6 || f->proto == 17 || f->proto == 132;

	json_object_set_new(o, "src_ip", jaddr(&f->cli));
	if (ports)
		json_object_set_new(o, "src_port", json_integer(f->cport));
	json_object_set_new(o, "dest_ip", jaddr(&f->srv));
	if (ports)
		json_object_set_new(o, "dest_port", json_integer(f->sport));
	json_object_set_new(o, "proto",
	    json_string(report_proto_name(f->proto, f->ip_version)));
	json_object_set_new(o, "ip_version", json_integer(f->ip_version));
	/* Community ID hashes ICMP type/code pairs, which the flow does not
	 * keep: rather no community_id than a wrong one */
	if (f->proto != 1 && f->proto != 58) {
		report_community_id(f, cid);
		json_object_set_new(o, "community_id", json_string(cid));
	}
}

static json_t *
leak_obj(const struct ls_leak *l)
{
	json_t *o = json_object(), *tags = json_array();

	json_object_set_new(o, "class", json_string(class_name(l->class)));
	for (int c = 1; c < CLASS__COUNT; c++)
		if (l->tags & (1u << c))
			json_array_append_new(tags, json_string(class_name(c)));
	json_object_set_new(o, "tags", tags);
	json_object_set_new(o, "rule", json_string(l->rule->id));
	json_object_set_new(o, "severity",
	    json_string(severity_name(l->rule->severity)));
	json_object_set_new(o, "tunnel", json_string(tunnel_name(l->tunnel)));
	if (l->tunnel == TUNNEL_DOWN)
		json_object_set_new(o, "killswitch_failure", json_true());
	return o;
}

static void
details(json_t *o, const struct ls_leak *l)
{
	if (l->dns != NULL) {
		json_t *d = json_object();
		const char *t = dns_type_name(l->dns->qtype);
		char buf[16];

		if (t == NULL) {
			snprintf(buf, sizeof(buf), "TYPE%u", l->dns->qtype);
			t = buf;
		}
		json_object_set_new(d, "rrname",
		    jbytes(l->dns->qname, l->dns->qname_len));
		json_object_set_new(d, "rrtype", json_string(t));
		json_object_set_new(o, "dns", d);
	}
	if (l->stun != NULL) {
		json_t *s = json_object();

		json_object_set_new(s, "type",
		    json_string(stun_type_name(l->stun->type)));
		if (l->stun->has_mapped) {
			json_object_set_new(s, "mapped_address",
			    jaddr(&l->stun->mapped));
			json_object_set_new(s, "mapped_port",
			    json_integer(l->stun->mapped_port));
		}
		if (l->stun->has_software)
			json_object_set_new(s, "software",
			    jbytes(l->stun->software, l->stun->software_len));
		json_object_set_new(o, "stun", s);
	}
	if (l->http != NULL) {
		json_t *h = json_object();

		json_object_set_new(h, "method",
		    jbytes(l->http->method, l->http->method_len));
		json_object_set_new(h, "hostname",
		    jbytes(l->http->host, l->http->host_len));
		json_object_set_new(h, "url",
		    jbytes(l->http->url, l->http->url_len));
		if (l->http->ua_len > 0)
			json_object_set_new(h, "user_agent",
			    jbytes(l->http->user_agent, l->http->ua_len));
		json_object_set_new(o, "http", h);
	}
	if (l->sni[0] != '\0') {
		json_t *t = json_object();

		json_object_set_new(t, "sni", jbytes(l->sni, strlen(l->sni)));
		json_object_set_new(o, "tls", t);
	}
}

static void
json_leak(struct ls_reporter *r, const struct ls_flow *f)
{
	const struct ls_leak *l = f->leak;
	json_t *o = common(l->src, l->ts_us, l->flow_id, l->pcap_cnt, "leak");

	tuple(o, f);
	json_object_set_new(o, "app_proto", json_string(l->app));
	json_object_set_new(o, "leak", leak_obj(l));
	details(o, l);
	emit(r, o);
}

static void
json_flow_end(struct ls_reporter *r, const struct ls_flow *f)
{
	const struct ls_leak *l = f->leak;
	json_t *o = common(l->src, f->last_us, l->flow_id, 0, "flow");
	json_t *fl = json_object();
	char ts[64];

	tuple(o, f);
	json_object_set_new(o, "app_proto", json_string(l->app));
	json_object_set_new(fl, "pkts_toserver", json_integer((json_int_t)f->pkts[0]));
	json_object_set_new(fl, "pkts_toclient", json_integer((json_int_t)f->pkts[1]));
	json_object_set_new(fl, "bytes_toserver", json_integer((json_int_t)f->bytes[0]));
	json_object_set_new(fl, "bytes_toclient", json_integer((json_int_t)f->bytes[1]));
	report_fmt_time(f->first_us, ts);
	json_object_set_new(fl, "start", json_string(ts));
	report_fmt_time(f->last_us, ts);
	json_object_set_new(fl, "end", json_string(ts));
	json_object_set_new(o, "flow", fl);
	json_object_set_new(o, "leak", leak_obj(l));
	details(o, l);
	if (l->nnames > 0) {
		json_t *a = json_array();
		for (size_t i = 0; i < l->nnames; i++)
			json_array_append_new(a, jbytes(l->names[i],
			    strlen(l->names[i])));
		json_object_set_new(o, "dns_names", a);
		if (l->names_cut)
			json_object_set_new(o, "dns_names_truncated", json_true());
	}
	emit(r, o);
}

static void
json_tunnel(struct ls_reporter *r, const struct ls_tunnel_event *ev)
{
	json_t *o, *t;
	char ep[ADDR_STRLEN + 16], a[ADDR_STRLEN];

	if (ev->ifname[0] != '\0') {
		o = common(NULL, ev->ts_us, 0, 0, "tunnel");
		t = json_object();
		json_object_set_new(t, "state",
		    json_string(tunnel_name(ev->state)));
		json_object_set_new(t, "change", json_string(ev->state ==
		    TUNNEL_UP ? "up" : "down"));
		json_object_set_new(t, "interface", json_string(ev->ifname));
		json_object_set_new(t, "source", json_string("os"));
		json_object_set_new(o, "tunnel", t);
		emit(r, o);
		return;
	}
	o = common(ev->src, ev->ts_us, 0, ev->pcap_cnt, "tunnel");
	t = json_object();

	addr_fmt(&ev->addr, a);
	if (addr_is_v4(&ev->addr))
		snprintf(ep, sizeof(ep), "%s:%u", a, ev->port);
	else
		snprintf(ep, sizeof(ep), "[%s]:%u", a, ev->port);
	json_object_set_new(t, "state", json_string(tunnel_name(ev->state)));
	json_object_set_new(t, "change", json_string(ev->first ? "appeared" :
	    ev->state == TUNNEL_DOWN ? "quiet" : "back"));
	json_object_set_new(t, "endpoint", json_string(ep));
	json_object_set_new(t, "proto",
	    json_string(report_proto_name(ev->proto, 0)));
	if (ev->app[0] != '\0')
		json_object_set_new(t, "app_proto", json_string(ev->app));
	json_object_set_new(o, "tunnel", t);
	emit(r, o);
}

static void
json_end(struct ls_reporter *r, const struct ls_stats *s, const char *ver)
{
	json_t *o = json_object(), *st = json_object(), *by = json_object();
	json_t *an = json_object();

	json_object_set_new(o, "event_type", json_string("stats"));
	json_object_set_new(st, "packets", json_integer((json_int_t)s->packets));
	json_object_set_new(st, "bytes", json_integer((json_int_t)s->bytes));
	json_object_set_new(st, "flows", json_integer((json_int_t)s->flows));
	json_object_set_new(st, "leak_flows", json_integer((json_int_t)s->leak_flows));
	for (int c = 1; c < CLASS__COUNT; c++)
		json_object_set_new(by, class_name(c),
		    json_integer((json_int_t)s->leak_flows_by_class[c]));
	json_object_set_new(st, "leak_flows_by_class", by);
	json_object_set_new(st, "leak_packets", json_integer((json_int_t)s->leak_packets));
	json_object_set_new(st, "killswitch_leaks", json_integer((json_int_t)s->killswitch_leaks));
	json_object_set_new(st, "carrier_flows", json_integer((json_int_t)s->carrier_flows));
	json_object_set_new(st, "carrier_packets", json_integer((json_int_t)s->carrier_packets));
	json_object_set_new(st, "local_packets", json_integer((json_int_t)s->local_packets));
	json_object_set_new(st, "allowed_packets", json_integer((json_int_t)s->allowed_packets));
	json_object_set_new(st, "untracked_packets", json_integer((json_int_t)s->untracked_packets));
	json_object_set_new(st, "local_flows", json_integer((json_int_t)s->local_flows));
	json_object_set_new(st, "allowed_flows", json_integer((json_int_t)s->allowed_flows));
	json_object_set_new(st, "non_ip_packets", json_integer((json_int_t)s->non_ip_packets));
	json_object_set_new(st, "frag_unattributed", json_integer((json_int_t)s->frag_later));
	json_object_set_new(st, "anomaly_packets", json_integer((json_int_t)s->anomaly_packets));
	for (int a = 1; a < ANOM__COUNT; a++)
		if (s->anomalies[a] > 0)
			json_object_set_new(an, anom_name(a),
			    json_integer((json_int_t)s->anomalies[a]));
	json_object_set_new(st, "anomalies", an);
	json_object_set_new(st, "flows_expired", json_integer((json_int_t)s->flows_expired));
	json_object_set_new(st, "flows_evicted", json_integer((json_int_t)s->flows_evicted));
	json_object_set_new(st, "flows_evicted_leak", json_integer((json_int_t)s->flows_evicted_leak));
	json_object_set_new(st, "kernel_drops", json_integer((json_int_t)s->kernel_drops));
	json_object_set_new(st, "iface_drops", json_integer((json_int_t)s->iface_drops));
	json_object_set_new(st, "tunnel_events", json_integer((json_int_t)s->tunnel_events));
	json_object_set_new(st, "evidence_write_errors", json_integer((json_int_t)s->evidence_write_errors));
	json_object_set_new(st, "ndpi_version", json_string(ver != NULL ? ver : ""));
	json_object_set_new(o, "stats", st);
	emit(r, o);
}

const struct reporter_ops report_json_ops = {
	.name		= "json",
	.leak		= json_leak,
	.flow_end	= json_flow_end,
	.tunnel		= json_tunnel,
	.end		= json_end,
};
