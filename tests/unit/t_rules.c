/* SPDX-License-Identifier: MIT */
/* t_rules.c - the rule parser (each error, with its place) and matching. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "appname.h"
#include "rules.h"
#include "rules_builtin.h"

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

static void
t_errors(void **state)
{
	(void)state;
	BAD("version: 1\nrules:\n  - id: a\n    class: dns\n    match:\n"
	    "      protcol: dns\n", "r.yaml:6:7: unknown key `protcol' in match");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    match:\n"
	    "      remote: 10.0.0.1/8\n", "r.yaml:6:15: bad CIDR `10.0.0.1/8': "
	    "host bits set");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    match:\n"
	    "      port: [53, 70000]\n", "port `70000' out of range 0-65535");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    match:\n"
	    "      port: 90-80\n", "bad port range `90-80'");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n  - id: a\n"
	    "    class: dns\n", "r.yaml:5:5: duplicate rule id `a' (first "
	    "defined at line 3)");
	BAD("version: 1\nrules:\n  - id: a\n", "r.yaml:3:5: missing required "
	    "key `class'");
	BAD("version: 1\nrules:\n  - class: ip\n", "missing required key `id'");
	BAD("version: 2\nrules: []\n", "r.yaml:1:10: unsupported version");
	BAD("rules: []\n", "missing required key `version'");
	BAD("version: 1\nrules:\n  - id: a\n    class: leak\n",
	    "unknown class `leak'");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    severity: 9\n",
	    "unknown severity `9'");
	BAD("version: 1\nrules: {a: 1}\n", "`rules' must be a list");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    match:\n"
	    "      protocol: [dns, gopher]\n", "unknown protocol `gopher'");
	BAD("version: 1\nrules:\n  - id: a b\n    class: ip\n", "bad rule id");
	BAD("version: 1\nversion: 1\nrules: []\n", "r.yaml:2:1: duplicate key "
	    "`version' (first given at line 1)");
	BAD("version: 1\nrules: [\n", "YAML syntax error");
	BAD("", "empty rule file");
	BAD("version: 1\nrules: []\n---\nversion: 1\n", "more than one YAML "
	    "document");
	BAD("a: &x [1]\nb: *x\n", "anchors and aliases are not allowed");
	BAD("version: 1\nrules:\n  - id: a\n    class: ip\n    match:\n"
	    "      port: [[[[[[1]]]]]]\n", "nested deeper");
	BAD("version: 1\ntunnel:\n  outage_after: -3\nrules: []\n",
	    "outage_after must be a number");
	BAD("version: 1\nbogus: 1\nrules: []\n", "unknown key `bogus'");
	/* several problems: all of them are reported */
	BAD("version: 1\nrules:\n  - id: a\n    class: nope\n    severity: x\n",
	    "unknown class `nope'");
	assert_non_null(strstr(errbuf, "unknown severity `x'"));
}

static void
t_billion_laughs_and_size(void **state)
{
	static char big[RULES_MAX_BYTES + 16];
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");

	(void)state;
	BAD("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n"
	    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c]\n",
	    "r.yaml:1:4: YAML anchors and aliases are not allowed");
	memset(big, '#', sizeof(big));
	assert_null(rules_parse_buffer("big.yaml", (uint8_t *)big, sizeof(big),
	    err));
	fclose(err);
	assert_non_null(strstr(errbuf, "larger than"));
	static const uint8_t bin[] = { 'v', 0, 1 };
	err = fmemopen(errbuf, sizeof(errbuf), "w");
	assert_null(rules_parse_buffer("bin", bin, sizeof(bin), err));
	fclose(err);
	assert_non_null(strstr(errbuf, "binary data"));
}

static void
t_regress_duplicate_rules(void **state)
{
	FILE *err = fopen("/dev/null", "w");

	(void)state;
	/* a fuzzer finding: two `rules:' keys overflowed the rule array */
	assert_null(rules_load("tests/rules/regress-duplicate-rules-key.yaml",
	    err));
	fclose(err);
}

static struct ls_addr
A(const char *s)
{
	struct ls_addr a;
	assert_true(addr_parse(s, &a));
	return a;
}

static void
match(const struct ls_ruleset *rs, uint32_t protos, const char *cli,
    const char *srv, uint16_t sport, bool nonlocal, struct ls_match *m)
{
	struct ls_addr c = A(cli), s = A(srv);
	struct ls_flow_facts f = {
		.protocols = protos, .app = NULL,
		.ip_version = addr_is_v4(&s) ? 4 : 6, .transport = IPPROTO_UDP,
		.cli = &c, .srv = &s, .cport = 40000, .sport = sport,
		.nonlocal = nonlocal,
		.srv_unicast = !addr_is_multicast(&s) && !addr_is_broadcast(&s),
		.ipv6_global = addr_is_v6_global(&c) || addr_is_v6_global(&s),
	};
	rules_match(rs, &f, m);
}

static void
t_default_rules(void **state)
{
	struct ls_ruleset *rs = rules_load("rules/default.yaml", stderr);
	struct ls_match m;

	(void)state;
	assert_non_null(rs);
	/* DNS to a local resolver is a leak */
	match(rs, PROTO_DNS, "192.168.1.2", "192.168.1.1", 53, false, &m);
	assert_non_null(m.rule);
	assert_int_equal(m.rule->class, CLASS_DNS);
	assert_int_equal(m.tags, 1u << CLASS_DNS);
	/* mDNS to the multicast group is not */
	match(rs, PROTO_DNS | PROTO_MDNS, "192.168.1.2", "224.0.0.251", 5353,
	    false, &m);
	assert_null(m.rule);
	/* STUN to the internet */
	match(rs, PROTO_STUN, "192.168.1.2", "198.51.100.3", 3478, true, &m);
	assert_int_equal(m.rule->class, CLASS_STUN);
	assert_int_equal(m.tags, 1u << CLASS_STUN);
	/* HTTP over global IPv6: class ipv6, tags ipv6 + http, not ip */
	match(rs, PROTO_HTTP, "2001:db8:1::10", "2001:db8:2::80", 80, true, &m);
	assert_int_equal(m.rule->class, CLASS_IPV6);
	assert_int_equal(m.tags, 1u << CLASS_IPV6 | 1u << CLASS_HTTP);
	/* anything else leaving the LAN */
	match(rs, 0, "192.168.1.2", "198.51.100.1", 22, true, &m);
	assert_int_equal(m.rule->class, CLASS_IP);
	assert_int_equal(m.tags, 1u << CLASS_IP);
	/* LAN only */
	match(rs, 0, "192.168.1.2", "192.168.1.3", 445, false, &m);
	assert_null(m.rule);
	rules_free(rs);
	rules_free(NULL);
}

static void
t_allow_and_conditions(void **state)
{
	struct ls_ruleset *rs = parse(
	    "version: 1\n"
	    "local: [198.18.0.0/15]\n"
	    "tunnel: {outage_after: 12.5}\n"
	    "rules:\n"
	    "  - id: ntp-ok\n    action: allow\n    match:\n"
	    "      remote: 198.51.100.123/32\n      port: 123\n"
	    "  - id: corp\n    class: ip\n    severity: low\n    match:\n"
	    "      remote: [203.0.113.0/24]\n      port: [\"1000-2000\", 22]\n"
	    "      transport: udp\n      ip_version: 4\n"
	    "  - id: any\n    class: ip\n");
	struct ls_match m;

	(void)state;
	if (rs == NULL)
		fail_msg("%s", errbuf);
	assert_int_equal(rs->nlocal, 1);
	assert_true(rs->outage_after == 12.5);
	match(rs, 0, "192.0.2.10", "198.51.100.123", 123, true, &m);
	assert_string_equal(m.rule->id, "ntp-ok");
	assert_int_equal(m.rule->action, ACTION_ALLOW);
	assert_int_equal(m.tags, 0);
	match(rs, 0, "192.0.2.10", "203.0.113.5", 1500, true, &m);
	assert_string_equal(m.rule->id, "corp");
	assert_int_equal(m.rule->severity, SEV_LOW);
	match(rs, 0, "192.0.2.10", "203.0.113.5", 2001, true, &m);
	assert_string_equal(m.rule->id, "any");
	assert_int_equal(proto_bit("stun"), PROTO_STUN);
	assert_int_equal(proto_bit("nope"), 0);
	assert_string_equal(class_name(CLASS_HTTP), "http");
	assert_string_equal(severity_name(SEV_CRITICAL), "critical");
	rules_free(rs);
}

#define RULE_HEAD	"version: 1\nrules:\n  - id: a\n"

static void
t_allow_rule_with_empty_address_list_is_an_error(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    action: allow\n    match:\n      remote: []\n",
	    "r.yaml:6:15: `remote' is an empty list");
}

static void
t_empty_port_app_and_protocol_lists_are_errors(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    action: allow\n    match:\n      port: []\n",
	    "r.yaml:6:13: `port' is an empty list");
	BAD(RULE_HEAD "    action: allow\n    match:\n      app: []\n",
	    "r.yaml:6:12: `app' is an empty list");
	BAD(RULE_HEAD "    class: dns\n    match:\n      protocol: []\n",
	    "r.yaml:6:17: `protocol' is an empty list");
}

static void
t_unknown_app_is_an_error_naming_the_nearest_names(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    class: ip\n    match:\n      app: [Tor, Gogle]\n",
	    "r.yaml:6:18: unknown app `Gogle': `Gogle' is not a protocol "
	    "name nDPI gives; nearest: Google");
	BAD(RULE_HEAD "    class: ip\n    match:\n      app: Wireguardd\n",
	    "nearest: WireGuard");
	/* the unknown part of Master.App is the one named */
	BAD(RULE_HEAD "    class: ip\n    match:\n      app: TLS.Gooogle\n",
	    "unknown app `TLS.Gooogle': `Gooogle' is not");
	/* at most three suggestions */
	assert_null(parse(RULE_HEAD "    class: ip\n    match:\n      app: Xq\n"));
	const char *near = strstr(errbuf, "nearest: ");
	if (near != NULL) {
		size_t commas = 0;
		for (const char *c = near; *c != '\0' && *c != '\n'; c++)
			commas += *c == ',';
		assert_true(commas <= 2);
	}
}

static void
t_known_app_names_are_accepted_in_any_case(void **state)
{
	struct ls_ruleset *rs;

	(void)state;
	rs = parse(RULE_HEAD "    class: ip\n    match:\n      app: [Tor, "
	    "dns.google, TLS.Google, Z39.50, Unknown, wireguard]\n");
	if (rs == NULL)
		fail_msg("%s", errbuf);
	assert_int_equal(rs->rules[0].napps, 6);
	rules_free(rs);
}

static void
t_appname_distance_counts_transpositions(void **state)
{
	(void)state;
	assert_int_equal(appname_distance("Tro", "Tor", 3), 1);
	assert_int_equal(appname_distance("gogle", "Google", 3), 1);
	assert_int_equal(appname_distance("abc", "abc", 3), 0);
	assert_int_equal(appname_distance("abcdefgh", "zzzzzzzz", 3), 4);
}

static void
t_port_that_is_not_a_number_says_so(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    class: ip\n    match:\n      port: abc\n",
	    "r.yaml:6:13: port `abc': `abc' is not a number");
	BAD(RULE_HEAD "    class: ip\n    match:\n      port: 5000-x\n",
	    "port `5000-x': `x' is not a number");
	BAD(RULE_HEAD "    class: ip\n    match:\n      port: 99999\n",
	    "port `99999' out of range 0-65535");
}

static void
t_bad_utf8_byte_is_reported_at_its_line_and_column(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    class: ip\n    description: \"ab\xff\"\n",
	    "r.yaml:5:21: bad byte 0xff: invalid leading UTF-8 octet");
	/* a column counts characters: the two bytes of e-acute are one */
	BAD(RULE_HEAD "    class: ip\n    description: \"\xc3\xa9\xff\"\n",
	    "r.yaml:5:20: bad byte 0xff");
	/* \r\n ends a line once */
	BAD("version: 1\r\nrules:\r\n  - id: \xfe\r\n", "r.yaml:3:9: bad byte");
}

static void
t_control_character_is_reported_at_its_line_and_column(void **state)
{
	(void)state;
	BAD(RULE_HEAD "    class: ip\n    description: ab\x01\n",
	    "r.yaml:5:20: bad byte 0x01: control characters are not allowed");
}

static void
t_nul_byte_is_reported_at_its_line_and_column(void **state)
{
	static const char y[] = RULE_HEAD "    class: ip\n    description: a\0b\n";

	(void)state;
	memset(errbuf, 0, sizeof(errbuf));
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");
	assert_null(rules_parse_buffer("r.yaml", (const uint8_t *)y,
	    sizeof(y) - 1, err));
	fclose(err);
	if (strstr(errbuf, "r.yaml:5:19: binary data") == NULL)
		fail_msg("%s", errbuf);
}

static void
t_builtin_rules_are_default_yaml_and_parse(void **state)
{
	FILE *f = fopen("rules/default.yaml", "rb");
	static unsigned char file[1 << 16];
	size_t n;
	struct ls_ruleset *rs;

	(void)state;
	assert_non_null(f);
	n = fread(file, 1, sizeof(file), f);
	fclose(f);
	assert_int_equal(n, rules_builtin_len);
	assert_memory_equal(file, rules_builtin, n);
	rs = rules_parse_buffer(RULES_BUILTIN_NAME, rules_builtin,
	    rules_builtin_len, stderr);
	assert_non_null(rs);
	assert_true(rs->nrules > 0);
	rules_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_errors),
		cmocka_unit_test(t_billion_laughs_and_size),
		cmocka_unit_test(t_regress_duplicate_rules),
		cmocka_unit_test(t_default_rules),
		cmocka_unit_test(t_allow_and_conditions),
		cmocka_unit_test(t_allow_rule_with_empty_address_list_is_an_error),
		cmocka_unit_test(t_empty_port_app_and_protocol_lists_are_errors),
		cmocka_unit_test(t_unknown_app_is_an_error_naming_the_nearest_names),
		cmocka_unit_test(t_known_app_names_are_accepted_in_any_case),
		cmocka_unit_test(t_appname_distance_counts_transpositions),
		cmocka_unit_test(t_port_that_is_not_a_number_says_so),
		cmocka_unit_test(t_bad_utf8_byte_is_reported_at_its_line_and_column),
		cmocka_unit_test(t_control_character_is_reported_at_its_line_and_column),
		cmocka_unit_test(t_nul_byte_is_reported_at_its_line_and_column),
		cmocka_unit_test(t_builtin_rules_are_default_yaml_and_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
