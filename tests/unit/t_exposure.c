/* SPDX-License-Identifier: MIT */
/* t_exposure.c - EUI-64 MACs, the exposure_severity table, by_design
 * entries: parsing, errors with line:column, matching, the severity a
 * leak comes to. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "dns.h"
#include "event.h"
#include "exposure.h"
#include "http.h"
#include "leak.h"
#include "rules.h"

static char errbuf[8192];

static struct ls_ruleset *
parse(const char *y)
{
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");
	struct ls_ruleset *rs;

	memset(errbuf, 0, sizeof(errbuf));
	rs = rules_parse_buffer("r.yaml", (const uint8_t *)y, strlen(y), err);
	fclose(err);
	return rs;
}

#define BAD(yaml, text) do {						\
	assert_null(parse(yaml));					\
	if (strstr(errbuf, text) == NULL)				\
		fail_msg("expected `%s' in:\n%s", text, errbuf);	\
} while (0)

#define RULES "rules:\n  - id: http\n    class: http\n    severity: medium\n" \
	"  - id: dns\n    class: dns\n    severity: high\n"

static const char good[] =
    "version: 1\n"
    "exposure_severity:\n"
    "  http_credentials: critical\n"
    "  eui64_mac: high\n"
    "by_design:\n"
    "  connectivity_check:\n"
    "    severity: low\n"
    "    http: [connectivitycheck.gstatic.com/generate_204,\n"
    "           detectportal.firefox.com/success.txt]\n"
    "    dns: [connectivitycheck.gstatic.com, dns.msftncsi.com.]\n"
    RULES;

static struct ls_addr
a6(const char *s)
{
	struct ls_addr a;

	assert_true(addr_parse(s, &a));
	return a;
}

static void
t_eui64_decoded_with_ul_bit_flipped(void **state)
{
	/* MAC 02:00:5e:10:00:01 (locally administered): IID 0:5eff:fe10:1 */
	struct ls_addr a = a6("2001:db8:1::5eff:fe10:1");
	uint8_t mac[6];
	static const uint8_t want[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };

	(void)state;
	assert_true(exposure_eui64(&a, mac));
	assert_memory_equal(mac, want, 6);
}

static void
t_universal_mac_decoded(void **state)
{
	/* a universal MAC 00:1b:21:3a:4f:5c: IID 021b:21ff:fe3a:4f5c */
	struct ls_addr a = a6("2a01:4f8:1:2:21b:21ff:fe3a:4f5c");
	uint8_t mac[6];
	static const uint8_t want[6] = { 0x00, 0x1b, 0x21, 0x3a, 0x4f, 0x5c };

	(void)state;
	assert_true(exposure_eui64(&a, mac));
	assert_memory_equal(mac, want, 6);
}

static void
t_privacy_address_not_eui64(void **state)
{
	struct ls_addr a = a6("2001:db8:1:0:a1b2:c3d4:e5f6:789a");
	uint8_t mac[6];

	(void)state;
	assert_false(exposure_eui64(&a, mac));
}

static void
t_documentation_address_not_eui64(void **state)
{
	struct ls_addr a = a6("2001:db8::1"), b = a6("2001:db8:1::10");
	uint8_t mac[6];

	(void)state;
	assert_false(exposure_eui64(&a, mac));
	assert_false(exposure_eui64(&b, mac));
}

static void
t_group_bit_or_zero_mac_not_eui64(void **state)
{
	/* IID 0300:5eff:fe10:1 would be MAC 01:00:5e:...: a group address */
	struct ls_addr a = a6("2001:db8::300:5eff:fe10:1");
	struct ls_addr z = a6("2001:db8::200:ff:fe00:0");
	uint8_t mac[6];

	(void)state;
	assert_false(exposure_eui64(&a, mac));
	assert_false(exposure_eui64(&z, mac));
}

static void
t_ipv4_not_eui64(void **state)
{
	struct ls_addr a;
	uint8_t mac[6];

	(void)state;
	assert_true(addr_parse("198.51.100.255", &a));
	assert_false(exposure_eui64(&a, mac));
}

static void
t_design_sections_parse(void **state)
{
	struct ls_ruleset *rs = parse(good);

	(void)state;
	assert_non_null(rs);
	assert_int_equal(rs->expose_sev[EXPOSE_HTTP_CREDENTIALS], SEV_CRITICAL);
	assert_int_equal(rs->expose_sev[EXPOSE_EUI64_MAC], SEV_HIGH);
	assert_int_equal(rs->expose_sev[EXPOSE_DNS_NAME], SEV_INFO);
	assert_int_equal(rs->ndesigns, 1);
	assert_string_equal(rs->designs[0].tag, "connectivity_check");
	assert_int_equal(rs->designs[0].nhttp, 2);
	assert_string_equal(rs->designs[0].dns[1], "dns.msftncsi.com");
	rules_free(rs);
}

static void
t_design_errors_name_line_and_column(void **state)
{
	(void)state;
	BAD("version: 1\nexposure_severity:\n  passwords: critical\n" RULES,
	    "r.yaml:3:3: unknown exposure `passwords'");
	BAD("version: 1\nexposure_severity:\n  eui64_mac: severe\n" RULES,
	    "r.yaml:3:14: unknown severity `severe'");
	BAD("version: 1\nby_design:\n  probe:\n    http: [http://a.example/x]\n"
	    RULES, "r.yaml:4:12: `http://a.example/x': write host/path, "
	    "without the scheme");
	BAD("version: 1\nby_design:\n  probe:\n    http: [a.example]\n" RULES,
	    "r.yaml:4:12: `a.example': expected host/path");
	BAD("version: 1\nby_design:\n  probe:\n    http: [a.example/x?y]\n"
	    RULES, "r.yaml:4:12: `a.example/x?y': a path without query");
	BAD("version: 1\nby_design:\n  probe:\n    severity: low\n" RULES,
	    "r.yaml:4:5: by_design entry `probe' has neither http nor dns");
	BAD("version: 1\nby_design:\n  Probe!:\n    dns: [a.example]\n" RULES,
	    "r.yaml:3:3: bad by_design name `Probe!'");
	BAD("version: 1\nby_design:\n  p:\n    dns: []\n" RULES,
	    "r.yaml:4:10: `dns' is an empty list");
	BAD("version: 1\nby_design:\n  p:\n    dns: [a.example]\n    url: x\n"
	    RULES, "r.yaml:5:5: unknown key `url' in by_design entry");
}

static void
t_probe_matched_by_host_and_path(void **state)
{
	struct ls_ruleset *rs = parse(good);
	const char *u = "/success.txt?ipv4";

	(void)state;
	assert_non_null(rules_design_http(rs, "connectivitycheck.gstatic.com",
	    29, "/generate_204", 13));
	assert_non_null(rules_design_http(rs, "DetectPortal.Firefox.com:80",
	    27, u, strlen(u)));
	assert_non_null(rules_design_http(rs, "detectportal.firefox.com", 24,
	    "http://detectportal.firefox.com/success.txt", 43));
	rules_free(rs);
}

static void
t_same_host_other_path_not_by_design(void **state)
{
	struct ls_ruleset *rs = parse(good);

	(void)state;
	assert_null(rules_design_http(rs, "connectivitycheck.gstatic.com", 29,
	    "/generate_2044", 14));
	assert_null(rules_design_http(rs, "connectivitycheck.gstatic.com", 29,
	    "/", 1));
	assert_null(rules_design_http(rs, "gstatic.com", 11, "/generate_204",
	    13));
	rules_free(rs);
}

static void
t_probe_dns_name_matched_exactly(void **state)
{
	struct ls_ruleset *rs = parse(good);

	(void)state;
	assert_non_null(rules_design_dns(rs, "DNS.msftncsi.com", 16));
	assert_non_null(rules_design_dns(rs, "dns.msftncsi.com.", 17));
	assert_null(rules_design_dns(rs, "x.dns.msftncsi.com", 18));
	assert_null(rules_design_dns(rs, "msftncsi.com", 12));
	rules_free(rs);
}

/* A leak record as leak_new makes it, for rule r of rs. */
static struct ls_leak *
mk_leak(const struct ls_ruleset *rs, const char *rule_id)
{
	struct ls_leak *l = calloc(1, sizeof(*l));

	assert_non_null(l);
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, rule_id) == 0)
			l->rule = &rs->rules[i];
	assert_non_null(l->rule);
	l->class = l->rule->class;
	l->severity = l->rule->severity;
	l->flow.ip_version = 4;
	assert_true(addr_parse("192.0.2.10", &l->flow.cli));
	return l;
}

static struct ls_http *
mk_http(const char *req)
{
	struct ls_http *h = malloc(sizeof(*h));

	assert_non_null(h);
	assert_int_equal(http_extract((const uint8_t *)req, strlen(req), h),
	    HTTP_REQUEST);
	return h;
}

static void
t_credentials_raise_severity_to_the_table(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "http");

	(void)state;
	l->http = mk_http("GET /admin HTTP/1.1\r\nHost: r.example\r\n"
	    "Authorization: Basic YTpi\r\n\r\n");
	leak_finish(l);
	assert_true(l->exposes & (1u << EXPOSE_HTTP_CREDENTIALS));
	assert_int_equal(l->severity, SEV_CRITICAL);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_no_table_keeps_rule_severity(void **state)
{
	struct ls_ruleset *rs = parse("version: 1\n" RULES);
	struct ls_leak *l = mk_leak(rs, "http");

	(void)state;
	l->http = mk_http("GET / HTTP/1.1\r\nHost: r.example\r\nCookie: a=b\r\n\r\n");
	leak_finish(l);
	assert_true(l->exposes & (1u << EXPOSE_HTTP_CREDENTIALS));
	assert_int_equal(l->severity, SEV_MEDIUM);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_eui64_client_exposes_mac_and_raises_severity(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "http");

	(void)state;
	l->flow.ip_version = 6;
	l->flow.cli = a6("2001:db8:1:0:200:5eff:fe10:1");
	leak_finish(l);
	assert_true(l->has_eui64);
	assert_true(l->exposes & (1u << EXPOSE_EUI64_MAC));
	assert_int_equal(l->severity, SEV_HIGH);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_probe_is_by_design_and_low(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "http");

	(void)state;
	l->http = mk_http("GET /generate_204 HTTP/1.1\r\nHost: "
	    "connectivitycheck.gstatic.com\r\n\r\n");
	leak_finish(l);
	assert_non_null(l->by_design);
	assert_string_equal(l->by_design, "connectivity_check");
	assert_int_equal(l->severity, SEV_LOW);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_later_request_elsewhere_ends_by_design(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "http");
	const char *next = "GET /track HTTP/1.1\r\nHost: "
	    "connectivitycheck.gstatic.com\r\n\r\n";

	(void)state;
	l->http = mk_http("GET /generate_204 HTTP/1.1\r\nHost: "
	    "connectivitycheck.gstatic.com\r\n\r\n");
	exposure_http_packet(l, (const uint8_t *)next, strlen(next));
	leak_finish(l);
	assert_null(l->by_design);
	assert_int_equal(l->severity, SEV_MEDIUM);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_dns_flow_by_design_only_when_every_name_is(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "dns");
	struct ls_dns d;

	(void)state;
	memset(&d, 0, sizeof(d));
	strcpy(d.qname, "dns.msftncsi.com");
	d.qname_len = strlen(d.qname);
	l->dns = malloc(sizeof(d));
	*l->dns = d;
	leak_add_name(l, &d);
	leak_finish(l);
	assert_non_null(l->by_design);
	assert_int_equal(l->severity, SEV_LOW);
	strcpy(d.qname, "www.example.com");
	d.qname_len = strlen(d.qname);
	leak_add_name(l, &d);
	leak_finish(l);
	assert_null(l->by_design);
	assert_int_equal(l->severity, SEV_HIGH);
	leak_free(l, NULL);
	rules_free(rs);
}

static void
t_credentials_on_a_probe_still_critical(void **state)
{
	struct ls_ruleset *rs = parse(good);
	struct ls_leak *l = mk_leak(rs, "http");

	(void)state;
	l->http = mk_http("GET /generate_204 HTTP/1.1\r\nHost: "
	    "connectivitycheck.gstatic.com\r\nCookie: NID=1\r\n\r\n");
	leak_finish(l);
	assert_non_null(l->by_design);
	assert_int_equal(l->severity, SEV_CRITICAL);
	leak_free(l, NULL);
	rules_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_eui64_decoded_with_ul_bit_flipped),
		cmocka_unit_test(t_universal_mac_decoded),
		cmocka_unit_test(t_privacy_address_not_eui64),
		cmocka_unit_test(t_documentation_address_not_eui64),
		cmocka_unit_test(t_group_bit_or_zero_mac_not_eui64),
		cmocka_unit_test(t_ipv4_not_eui64),
		cmocka_unit_test(t_design_sections_parse),
		cmocka_unit_test(t_design_errors_name_line_and_column),
		cmocka_unit_test(t_probe_matched_by_host_and_path),
		cmocka_unit_test(t_same_host_other_path_not_by_design),
		cmocka_unit_test(t_probe_dns_name_matched_exactly),
		cmocka_unit_test(t_credentials_raise_severity_to_the_table),
		cmocka_unit_test(t_no_table_keeps_rule_severity),
		cmocka_unit_test(t_eui64_client_exposes_mac_and_raises_severity),
		cmocka_unit_test(t_probe_is_by_design_and_low),
		cmocka_unit_test(t_later_request_elsewhere_ends_by_design),
		cmocka_unit_test(t_dns_flow_by_design_only_when_every_name_is),
		cmocka_unit_test(t_credentials_on_a_probe_still_critical),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
