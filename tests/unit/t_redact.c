/* SPDX-License-Identifier: MIT */
/* t_redact.c - --redact: SipHash against its reference vectors, name
 * tokens (stable in a run, distinct for distinct names, different under
 * another key, a common TLD kept), addresses cut to /24 and /48, prefixes
 * widened, and each event's copy as the next reporter sees it: payload
 * fields dropped, names hashed, a field not on the allow list gone. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns.h"
#include "event.h"
#include "http.h"
#include "redact.h"
#include "report.h"
#include "stun.h"

static const uint8_t key_a[REDACT_KEY_LEN] = { 1, 2, 3, 4, 5, 6, 7, 8, 9,
    10, 11, 12, 13, 14, 15, 16 };
static const uint8_t key_b[REDACT_KEY_LEN] = { 16, 15, 14, 13, 12, 11, 10,
    9, 8, 7, 6, 5, 4, 3, 2, 1 };

/* --- a reporter that keeps what it was given ---------------------------- */

static const struct ls_leak *got_leak, *got_flow;
static const struct ls_tunnel_event *got_tun;
static const struct ls_lan_event *got_lan;
static const struct ls_warning *got_warn;
static const struct ls_stats *got_stats;

static void c_leak(struct ls_reporter *r, const struct ls_leak *l)
{ (void)r; got_leak = l; }
static void c_flow(struct ls_reporter *r, const struct ls_leak *l)
{ (void)r; got_flow = l; }
static void c_tun(struct ls_reporter *r, const struct ls_tunnel_event *e)
{ (void)r; got_tun = e; }
static void c_lan(struct ls_reporter *r, const struct ls_lan_event *e)
{ (void)r; got_lan = e; }
static void c_warn(struct ls_reporter *r, const struct ls_warning *w)
{ (void)r; got_warn = w; }
static void c_end(struct ls_reporter *r, const struct ls_stats *s,
    const char *v)
{ (void)r; (void)v; got_stats = s; }

static const struct reporter_ops capture_ops = {
	.name = "capture", .leak = c_leak, .flow_end = c_flow,
	.tunnel = c_tun, .lan = c_lan, .warning = c_warn, .end = c_end,
};
static struct ls_reporter capture = { &capture_ops, NULL, false, false, 0 };

static struct ls_rule rule = { .id = (char *)"dns", .class = CLASS_DNS };

static void
base_leak(struct ls_leak *l)
{
	memset(l, 0, sizeof(*l));
	l->class = CLASS_DNS;
	l->tags = 1u << CLASS_DNS;
	l->rule = &rule;
	assert_true(addr_parse("192.0.2.77", &l->flow.cli));
	assert_true(addr_parse("198.51.100.53", &l->flow.srv));
	l->flow.cport = 40000;
	l->flow.sport = 53;
	l->flow.proto = 17;
	l->flow.ip_version = 4;
	strcpy(l->app, "DNS");
}

static size_t
tok(const struct ls_redact *r, const char *s, char out[REDACT_NAME_STRLEN])
{
	return redact_name(r, s, strlen(s), out);
}

static struct ls_redact *
new_a(void)
{
	struct ls_redact *r = redact_new_key(key_a, &capture);

	assert_non_null(r);
	return r;
}

/* --- SipHash ------------------------------------------------------------- */

/* the paper's appendix A: key 00..0f, message 00..0e */
static void
t_siphash_matches_the_reference_vector(void **st)
{
	uint8_t k[16], m[15];

	(void)st;
	for (int i = 0; i < 16; i++)
		k[i] = (uint8_t)i;
	for (int i = 0; i < 15; i++)
		m[i] = (uint8_t)i;
	assert_true(redact_siphash(k, m, 15) == 0xa129ca6149be45e5ull);
	/* the reference implementation's vectors.h, first and ninth */
	assert_true(redact_siphash(k, m, 0) == 0x726fdb47dd0e0e31ull);
	assert_true(redact_siphash(k, m, 8) == 0x93f5f5799a932462ull);
}

/* --- names --------------------------------------------------------------- */

static void
t_same_name_same_token_within_a_run(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN], b[REDACT_NAME_STRLEN];

	(void)st;
	tok(r, "tracker.example.net", a);
	tok(r, "tracker.example.net", b);
	assert_string_equal(a, b);
	assert_int_equal(strncmp(a, "h-", 2), 0);
	redact_free(r);
}

static void
t_case_and_trailing_dot_do_not_change_the_token(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN], b[REDACT_NAME_STRLEN];

	(void)st;
	tok(r, "bank.example.com", a);
	tok(r, "BaNk.ExAmPlE.cOm.", b);	/* DNS 0x20, fully qualified */
	assert_string_equal(a, b);
	redact_free(r);
}

static void
t_different_names_different_tokens(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN], b[REDACT_NAME_STRLEN];

	(void)st;
	tok(r, "a.example.com", a);
	tok(r, "b.example.com", b);
	assert_string_not_equal(a, b);
	redact_free(r);
}

static void
t_another_key_gives_other_tokens(void **st)
{
	struct ls_redact *r = new_a(), *q = redact_new_key(key_b, &capture);
	char a[REDACT_NAME_STRLEN], b[REDACT_NAME_STRLEN];

	(void)st;
	tok(r, "a.example.com", a);
	tok(q, "a.example.com", b);
	assert_string_not_equal(a, b);
	redact_free(r);
	redact_free(q);
}

static void
t_random_keys_of_two_runs_differ(void **st)
{
	struct ls_redact *r = redact_new(&capture), *q = redact_new(&capture);
	char a[REDACT_NAME_STRLEN], b[REDACT_NAME_STRLEN];

	(void)st;
	assert_non_null(r);
	assert_non_null(q);
	tok(r, "a.example.com", a);
	tok(q, "a.example.com", b);
	assert_string_not_equal(a, b);
	redact_free(r);
	redact_free(q);
}

static void
t_token_is_h_dash_twelve_hex_digits_and_a_common_tld(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN];

	(void)st;
	assert_int_equal(tok(r, "tracker.example.net", a), 2 + 12 + 4);
	assert_int_equal(strspn(a + 2, "0123456789abcdef"), 12);
	assert_string_equal(a + 14, ".net");
	tok(r, "www.example.DE", a);
	assert_string_equal(a + 14, ".de");		/* a country code */
	tok(r, "1.100.51.198.in-addr.arpa", a);
	assert_string_equal(a + 14, ".arpa");
	redact_free(r);
}

static void
t_uncommon_tld_and_single_label_are_hashed_whole(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN];

	(void)st;
	assert_int_equal(tok(r, "nas.acmecorp", a), 14);	/* no ".acmecorp" */
	assert_int_equal(tok(r, "alices-laptop", a), 14);
	assert_int_equal(tok(r, "net", a), 14);		/* one label: no suffix */
	redact_free(r);
}

static void
t_root_name_stays_empty(void **st)
{
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN];

	(void)st;
	assert_int_equal(redact_name(r, ".", 1, a), 0);
	assert_string_equal(a, "");
	redact_free(r);
}

/* a hostile name becomes a token of [a-z0-9.-] alone: nothing to escape,
 * and a suffix with a control byte is not kept */
static void
t_hostile_name_gives_a_clean_token(void **st)
{
	static const char evil[] = "\x1b[31mred\x00x.c\x07m";
	struct ls_redact *r = new_a();
	char a[REDACT_NAME_STRLEN];

	(void)st;
	size_t n = redact_name(r, evil, sizeof(evil) - 1, a);
	assert_int_equal(n, 14);
	assert_int_equal(strspn(a, "h-0123456789abcdef"), n);
	redact_free(r);
}

/* the text format's escaping still runs over the copy: its output holds the
 * token, no control byte and none of the name */
static void
t_text_report_of_redacted_hostile_name_is_clean(void **st)
{
	static const char evil[] = "\x1b]0;pwned\x07.com";
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	struct ls_reporter text = { &report_text_ops, mem, false, false, 0 };
	struct ls_redact *r = redact_new_key(key_a, &text);
	struct ls_dns d;
	struct ls_leak l;

	(void)st;
	memset(&d, 0, sizeof(d));
	memcpy(d.qname, evil, sizeof(evil) - 1);
	d.qname_len = sizeof(evil) - 1;
	d.qtype = 1;
	base_leak(&l);
	l.dns = &d;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	fclose(mem);
	assert_non_null(strstr(buf, " dns=h-"));
	assert_non_null(strstr(buf, ".com/A "));
	assert_null(strstr(buf, "pwned"));
	for (size_t i = 0; i < len; i++)
		assert_true(buf[i] == '\n' || (buf[i] >= 0x20 && buf[i] < 0x7f));
	free(buf);
	redact_free(r);
}

static void
t_host_literal_is_cut_and_port_kept(void **st)
{
	struct ls_redact *r = new_a();
	char h[REDACT_HOST_STRLEN], n[REDACT_NAME_STRLEN];

	(void)st;
	redact_host(r, "198.51.100.7:8080", 17, h);
	assert_string_equal(h, "198.51.100.0:8080");
	redact_host(r, "[2001:db8:1:2::5]:443", 21, h);
	assert_string_equal(h, "[2001:db8:1::]:443");
	redact_host(r, "2001:db8:1:2::5", 15, h);
	assert_string_equal(h, "2001:db8:1::");
	redact_host(r, "Example.com:8080", 16, h);
	tok(r, "example.com", n);
	assert_int_equal(strncmp(h, n, strlen(n)), 0);
	assert_string_equal(h + strlen(n), ":8080");
	redact_free(r);
}

/* --- addresses ----------------------------------------------------------- */

static void
t_ipv4_cut_to_24(void **st)
{
	struct ls_addr a;
	char buf[ADDR_STRLEN];

	(void)st;
	assert_true(addr_parse("198.51.100.201", &a));
	redact_addr(&a);
	assert_string_equal(addr_fmt(&a, buf), "198.51.100.0");
	assert_true(addr_is_v4(&a));
}

static void
t_ipv6_cut_to_48(void **st)
{
	struct ls_addr a;
	char buf[ADDR_STRLEN];

	(void)st;
	assert_true(addr_parse("2001:db8:abcd:12:a:b:c:d", &a));
	redact_addr(&a);
	assert_string_equal(addr_fmt(&a, buf), "2001:db8:abcd::");
}

/* 6to4's /48 is an IPv4 address (2002:c633:6407:: is 198.51.100.7): cut as
 * one, to its /24 */
static void
t_6to4_cut_as_its_ipv4_address(void **st)
{
	struct ls_addr a;
	char buf[ADDR_STRLEN];

	(void)st;
	assert_true(addr_parse("2002:c633:6407:1::5", &a));
	redact_addr(&a);
	assert_string_equal(addr_fmt(&a, buf), "2002:c633:6400::");
}

static void
t_6to4_prefix_widened_to_40(void **st)
{
	struct ls_cidr c;
	char buf[REPORT_CIDR_STRLEN];

	(void)st;
	assert_true(cidr_parse("2002:c633:6407::/48", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "2002:c633:6400::/40");
	assert_true(cidr_parse("2002::/16", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "2002::/16");
}

static void
t_prefix_longer_than_the_cut_is_widened_shorter_kept(void **st)
{
	struct ls_cidr c;
	char buf[REPORT_CIDR_STRLEN];

	(void)st;
	assert_true(cidr_parse("203.0.113.7/32", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "203.0.113.0/24");
	assert_true(cidr_parse("2001:db8:1:2::/64", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "2001:db8:1::/48");
	assert_true(cidr_parse("0.0.0.0/1", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "0.0.0.0/1");
	assert_true(cidr_parse("10.0.0.0/8", &c, NULL));
	redact_cidr(&c);
	assert_string_equal(report_fmt_cidr(&c, buf), "10.0.0.0/8");
}

/* --- the events ---------------------------------------------------------- */

static void
t_leak_flow_addresses_cut_ports_kept(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_leak l;
	char buf[ADDR_STRLEN];

	(void)st;
	base_leak(&l);
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	assert_non_null(got_leak);
	assert_ptr_not_equal(got_leak, &l);
	assert_string_equal(addr_fmt(&got_leak->flow.cli, buf), "192.0.2.0");
	assert_string_equal(addr_fmt(&got_leak->flow.srv, buf), "198.51.100.0");
	assert_int_equal(got_leak->flow.cport, 40000);
	assert_int_equal(got_leak->flow.sport, 53);
	assert_ptr_equal(got_leak->rule, &rule);
	redact_free(r);
}

/* the Community ID a format computes from the copy is the cut tuple's */
static void
t_community_id_is_over_the_cut_tuple(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_leak l;
	struct ls_flow_view cut;
	char real[64], got[64], want[64];

	(void)st;
	base_leak(&l);
	report_community_id(&l.flow, real);
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	report_community_id(&got_leak->flow, got);
	cut = l.flow;
	redact_addr(&cut.cli);
	redact_addr(&cut.srv);
	report_community_id(&cut, want);
	assert_string_equal(got, want);
	assert_string_not_equal(got, real);
	redact_free(r);
}

static void
t_http_url_and_user_agent_dropped_host_hashed(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_http h;
	struct ls_leak l;
	char n[REDACT_NAME_STRLEN];

	(void)st;
	memset(&h, 0, sizeof(h));
	h.request = true;
	strcpy(h.method, "GET");
	h.method_len = 3;
	strcpy(h.host, "bank.example.com");
	h.host_len = 16;
	strcpy(h.url, "/account?id=42");
	h.url_len = 14;
	strcpy(h.user_agent, "curl/8.0");
	h.ua_len = 8;
	base_leak(&l);
	l.http = &h;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	const struct ls_http *g = got_leak->http;
	assert_non_null(g);
	assert_int_equal(g->url_len, 0);
	assert_string_equal(g->url, "");
	assert_int_equal(g->ua_len, 0);
	assert_string_equal(g->user_agent, "");
	assert_string_equal(g->method, "GET");
	tok(r, "bank.example.com", n);
	assert_string_equal(g->host, n);
	assert_int_equal(g->host_len, strlen(n));
	redact_free(r);
}

/* any field added to ls_http later is not on the allow list: a request
 * full of 0x5a bytes comes out with none of them; the credential kinds
 * (static names, never a value) are kept */
static void
t_http_fields_not_on_the_allow_list_are_dropped(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_http h;
	struct ls_leak l;

	(void)st;
	memset(&h, 0x5a, sizeof(h));
	h.request = true;
	h.status = 0;
	h.version_minor = 1;
	h.method_len = 4;
	memcpy(h.method, "POST", 5);
	h.host_len = 0;
	h.url_len = sizeof(h.url) - 1;
	h.ua_len = sizeof(h.user_agent) - 1;
	h.creds = 1u << HTTP_CRED_FORM_PASSWORD;	/* kinds: kept */
	base_leak(&l);
	l.http = &h;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	assert_int_equal(got_leak->http->creds, h.creds);
	const uint8_t *p = (const uint8_t *)got_leak->http;
	for (size_t i = 0; i < sizeof(h); i++)
		if (i < offsetof(struct ls_http, creds) ||
		    i >= offsetof(struct ls_http, creds) + sizeof(h.creds))
			assert_int_not_equal(p[i], 0x5a);
	redact_free(r);
}

/* the MAC an EUI-64 address embeds names the device: dropped, while
 * exposes still says eui64_mac */
static void
t_eui64_mac_dropped_exposure_kept(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_leak l;
	static const uint8_t zero[6];

	(void)st;
	base_leak(&l);
	l.has_eui64 = true;
	memset(l.eui64_mac, 0x5a, sizeof(l.eui64_mac));
	l.exposes = 1u << EXPOSE_EUI64_MAC;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	assert_false(got_leak->has_eui64);
	assert_memory_equal(got_leak->eui64_mac, zero, sizeof(zero));
	assert_int_equal(got_leak->exposes, 1u << EXPOSE_EUI64_MAC);
	redact_free(r);
}

/* STUN: the SOFTWARE string (it names the client) and the transaction
 * id go, the mapped address is cut */
static void
t_stun_software_and_tid_dropped_mapped_cut(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_stun s;
	struct ls_leak l;
	char buf[ADDR_STRLEN];

	(void)st;
	memset(&s, 0, sizeof(s));
	s.type = 0x0101;
	s.has_mapped = true;
	assert_true(addr_parse("203.0.113.99", &s.mapped));
	s.mapped_port = 61000;
	s.has_software = true;
	strcpy(s.software, "Chrome 120 on alice-pc");
	s.software_len = strlen(s.software);
	memset(s.tid, 0x77, sizeof(s.tid));
	base_leak(&l);
	l.stun = &s;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	const struct ls_stun *g = got_leak->stun;
	assert_false(g->has_software);
	assert_int_equal(g->software_len, 0);
	assert_string_equal(g->software, "");
	assert_null(memchr(g->tid, 0x77, sizeof(g->tid)));
	assert_true(g->has_mapped);
	assert_string_equal(addr_fmt(&g->mapped, buf), "203.0.113.0");
	assert_int_equal(g->mapped_port, 61000);
	assert_int_equal(g->type, 0x0101);
	redact_free(r);
}

static void
t_dns_rrname_and_sni_hashed(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_dns d;
	struct ls_leak l;
	char n[REDACT_NAME_STRLEN];

	(void)st;
	memset(&d, 0, sizeof(d));
	strcpy(d.qname, "vpn-check.example.org");
	d.qname_len = strlen(d.qname);
	d.qtype = 28;
	base_leak(&l);
	l.dns = &d;
	strcpy(l.sni, "vpn-check.example.org");
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	tok(r, "vpn-check.example.org", n);
	assert_string_equal(got_leak->dns->qname, n);
	assert_int_equal(got_leak->dns->qname_len, strlen(n));
	assert_int_equal(got_leak->dns->qtype, 28);
	assert_string_equal(got_leak->sni, n);
	redact_free(r);
}

static void
t_every_name_of_the_names_list_hashed(void **st)
{
	struct ls_redact *r = new_a();
	char *names[3] = { (char *)"a.example.com", (char *)"b.example.com",
	    (char *)"a\0b.example.com" };
	uint16_t lens[3] = { 13, 13, 15 }, qt[3] = { 1, 28, 1 };
	struct ls_leak l;
	char n[REDACT_NAME_STRLEN];

	(void)st;
	base_leak(&l);
	l.names = names;
	l.name_lens = lens;
	l.qtypes = qt;
	l.nnames = 3;
	redact_reporter(r)->ops->flow_end(redact_reporter(r), &l);
	assert_int_equal(got_flow->nnames, 3);
	for (size_t i = 0; i < 3; i++) {
		redact_name(r, names[i], lens[i], n);
		assert_string_equal(got_flow->names[i], n);
		assert_int_equal(got_flow->name_lens[i], strlen(n));
		assert_int_equal(got_flow->qtypes[i], qt[i]);
	}
	assert_string_not_equal(got_flow->names[0], got_flow->names[2]);
	redact_free(r);
}

static void
t_app_cut_to_the_master_protocol(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_leak l;

	(void)st;
	base_leak(&l);
	strcpy(l.app, "TLS.YouTube");
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	assert_string_equal(got_leak->app, "TLS");
	redact_free(r);
}

static void
t_source_keeps_only_the_base_name(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_source src = { "/home/alice/caps/cafe.pcap", NULL, true, 1, 0 };
	struct ls_leak l;

	(void)st;
	base_leak(&l);
	l.src = &src;
	redact_reporter(r)->ops->leak(redact_reporter(r), &l);
	assert_string_equal(got_leak->src->name, "cafe.pcap");
	assert_true(got_leak->src->offline);
	redact_free(r);
}

static void
t_tunnel_endpoint_cut(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_tunnel_event ev;
	char buf[ADDR_STRLEN];

	(void)st;
	memset(&ev, 0, sizeof(ev));
	ev.state = TUNNEL_UP;
	assert_true(addr_parse("203.0.113.1", &ev.addr));
	ev.port = 51820;
	strcpy(ev.app, "WireGuard");
	redact_reporter(r)->ops->tunnel(redact_reporter(r), &ev);
	assert_string_equal(addr_fmt(&got_tun->addr, buf), "203.0.113.0");
	assert_int_equal(got_tun->port, 51820);
	assert_string_equal(got_tun->app, "WireGuard");
	redact_free(r);
}

static void
t_lan_prefixes_widened_gateways_cut(void **st)
{
	struct ls_redact *r = new_a();
	static struct ls_lan lan;
	struct ls_lan_event ev = { 0, NULL, &lan, false };
	char buf[REPORT_CIDR_STRLEN];

	(void)st;
	memset(&lan, 0, sizeof(lan));
	assert_true(cidr_parse("2001:db8:5:6::/64", &lan.prefixes[0].cidr,
	    NULL));
	assert_true(cidr_parse("192.168.1.0/24", &lan.prefixes[1].cidr, NULL));
	lan.nprefixes = 2;
	assert_true(addr_parse("192.168.1.1", &lan.gateways[0]));
	lan.ngateways = 1;
	redact_reporter(r)->ops->lan(redact_reporter(r), &ev);
	const struct ls_lan *g = got_lan->lan;
	assert_string_equal(report_fmt_cidr(&g->prefixes[0].cidr, buf),
	    "2001:db8:5::/48");
	assert_string_equal(report_fmt_cidr(&g->prefixes[1].cidr, buf),
	    "192.168.1.0/24");
	assert_string_equal(addr_fmt(&g->gateways[0], buf), "192.168.1.0");
	redact_free(r);
}

static void
t_warning_name_hashed_addresses_cut(void **st)
{
	struct ls_redact *r = new_a();
	static struct ls_warning w;
	char buf[REPORT_CIDR_STRLEN], n[REDACT_NAME_STRLEN];

	(void)st;
	memset(&w, 0, sizeof(w));
	w.kind = WARN_SERVERIP_DNS;
	assert_true(addr_parse("192.168.1.1", &w.server));
	assert_true(addr_parse("192.168.1.23", &w.client));
	assert_true(addr_parse("203.0.113.1", &w.address));
	strcpy(w.name, "vpn.example.com");
	w.name_len = strlen(w.name);
	assert_true(cidr_parse("198.51.100.7/32", &w.routes[0].dest, NULL));
	assert_true(addr_parse("192.168.1.1", &w.routes[0].via));
	w.nroutes = 1;
	w.public_share = 0.25;
	strcpy(w.detail, "a static line");
	redact_reporter(r)->ops->warning(redact_reporter(r), &w);
	assert_string_equal(addr_fmt(&got_warn->server, buf), "192.168.1.0");
	assert_string_equal(addr_fmt(&got_warn->client, buf), "192.168.1.0");
	assert_string_equal(addr_fmt(&got_warn->address, buf), "203.0.113.0");
	assert_string_equal(report_fmt_cidr(&got_warn->routes[0].dest, buf),
	    "198.51.100.0/24");
	assert_string_equal(addr_fmt(&got_warn->routes[0].via, buf),
	    "192.168.1.0");
	tok(r, "vpn.example.com", n);
	assert_string_equal(got_warn->name, n);
	assert_int_equal(got_warn->name_len, strlen(n));
	assert_true(got_warn->public_share == 0.25);
	assert_string_equal(got_warn->detail, "a static line");
	redact_free(r);
}

/* detail is static text by contract; an address put there is cut anyway,
 * the words around it kept */
static void
t_address_in_a_warning_detail_is_cut(void **st)
{
	struct ls_redact *r = new_a();
	static struct ls_warning w;

	(void)st;
	memset(&w, 0, sizeof(w));
	strcpy(w.detail, "a decade: via 192.168.1.77, and 2001:db8:1:2::9.");
	redact_reporter(r)->ops->warning(redact_reporter(r), &w);
	assert_string_equal(got_warn->detail,
	    "a decade: via 192.168.1.0, and 2001:db8:1::.");
	redact_free(r);
}

static void
t_stats_outage_log_cut_counters_kept(void **st)
{
	struct ls_redact *r = new_a();
	struct ls_outage_rec log[1];
	struct ls_stats s;
	char buf[ADDR_STRLEN];

	(void)st;
	memset(&s, 0, sizeof(s));
	memset(log, 0, sizeof(log));
	assert_true(addr_parse("203.0.113.1", &log[0].addr));
	log[0].port = 51820;
	s.outage_log = log;
	s.outage_log_len = 1;
	s.leak_flows = 7;
	redact_reporter(r)->ops->end(redact_reporter(r), &s, "x");
	assert_int_equal(got_stats->leak_flows, 7);
	assert_int_equal(got_stats->outage_log_len, 1);
	assert_string_equal(addr_fmt(&got_stats->outage_log[0].addr, buf),
	    "203.0.113.0");
	assert_string_equal(addr_fmt(&log[0].addr, buf), "203.0.113.1");
	redact_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_siphash_matches_the_reference_vector),
		cmocka_unit_test(t_same_name_same_token_within_a_run),
		cmocka_unit_test(t_case_and_trailing_dot_do_not_change_the_token),
		cmocka_unit_test(t_different_names_different_tokens),
		cmocka_unit_test(t_another_key_gives_other_tokens),
		cmocka_unit_test(t_random_keys_of_two_runs_differ),
		cmocka_unit_test(t_token_is_h_dash_twelve_hex_digits_and_a_common_tld),
		cmocka_unit_test(t_uncommon_tld_and_single_label_are_hashed_whole),
		cmocka_unit_test(t_root_name_stays_empty),
		cmocka_unit_test(t_hostile_name_gives_a_clean_token),
		cmocka_unit_test(t_text_report_of_redacted_hostile_name_is_clean),
		cmocka_unit_test(t_host_literal_is_cut_and_port_kept),
		cmocka_unit_test(t_ipv4_cut_to_24),
		cmocka_unit_test(t_ipv6_cut_to_48),
		cmocka_unit_test(t_6to4_cut_as_its_ipv4_address),
		cmocka_unit_test(t_6to4_prefix_widened_to_40),
		cmocka_unit_test(t_prefix_longer_than_the_cut_is_widened_shorter_kept),
		cmocka_unit_test(t_leak_flow_addresses_cut_ports_kept),
		cmocka_unit_test(t_community_id_is_over_the_cut_tuple),
		cmocka_unit_test(t_http_url_and_user_agent_dropped_host_hashed),
		cmocka_unit_test(t_http_fields_not_on_the_allow_list_are_dropped),
		cmocka_unit_test(t_eui64_mac_dropped_exposure_kept),
		cmocka_unit_test(t_stun_software_and_tid_dropped_mapped_cut),
		cmocka_unit_test(t_dns_rrname_and_sni_hashed),
		cmocka_unit_test(t_every_name_of_the_names_list_hashed),
		cmocka_unit_test(t_app_cut_to_the_master_protocol),
		cmocka_unit_test(t_source_keeps_only_the_base_name),
		cmocka_unit_test(t_tunnel_endpoint_cut),
		cmocka_unit_test(t_lan_prefixes_widened_gateways_cut),
		cmocka_unit_test(t_warning_name_hashed_addresses_cut),
		cmocka_unit_test(t_address_in_a_warning_detail_is_cut),
		cmocka_unit_test(t_stats_outage_log_cut_counters_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
