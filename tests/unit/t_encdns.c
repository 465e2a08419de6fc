/* SPDX-License-Identifier: MIT */
/* t_encdns.c - the resolver list of the rule file (encrypted_dns: names
 * and addresses, parsed and checked) and the encrypted_dns tag it gives
 * DoT, DoQ and DoH leaks, and not plain DNS or other TLS. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "encdns.h"
#include "event.h"
#include "rules.h"
#include "rules_builtin.h"

static char errbuf[4096];

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

static const char LIST[] =
    "version: 1\n"
    "encrypted_dns:\n"
    "  names: [dns.google, cloudflare-dns.com]\n"
    "  addresses: [8.8.8.8, 45.90.28.0/24, 2620:fe::fe]\n"
    "rules:\n"
    "  - id: ip\n"
    "    class: ip\n";

static bool
listed(const struct ls_ruleset *rs, const char *name)
{
	return encdns_name_listed(rs, name, strlen(name));
}

static bool
addr_listed(const struct ls_ruleset *rs, const char *a)
{
	struct ls_addr x;

	assert_true(addr_parse(a, &x));
	return encdns_addr_listed(rs, &x);
}

/* A leak of proto to srv:sport with the given SNI; tagged? */
static bool
tagged(const struct ls_ruleset *rs, uint8_t proto, const char *srv,
    uint16_t sport, const char *sni, uint32_t protocols)
{
	struct ls_leak l;

	memset(&l, 0, sizeof(l));
	l.flow.proto = proto;
	l.flow.sport = sport;
	assert_true(addr_parse(srv, &l.flow.srv));
	snprintf(l.sni, sizeof(l.sni), "%s", sni != NULL ? sni : "");
	strcpy(l.app, "TLS");
	encdns_tag(rs, &l, protocols);
	return (l.xtags & (1u << XTAG_ENCRYPTED_DNS)) != 0;
}

static void
t_listed_name_matches_itself(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_non_null(rs);
	assert_true(listed(rs, "dns.google"));
	rules_free(rs);
}

static void
t_name_under_a_listed_one_matches(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_true(listed(rs, "mozilla.cloudflare-dns.com"));
	rules_free(rs);
}

static void
t_name_match_ignores_case_and_a_final_dot(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_true(listed(rs, "DNS.Google."));
	rules_free(rs);
}

static void
t_name_ending_in_a_listed_one_without_a_dot_is_not_listed(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_false(listed(rs, "evildns.google"));
	assert_false(listed(rs, "google"));
	rules_free(rs);
}

static void
t_listed_address_and_prefix_match(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_true(addr_listed(rs, "8.8.8.8"));
	assert_true(addr_listed(rs, "45.90.28.77"));
	assert_true(addr_listed(rs, "2620:fe::fe"));
	assert_false(addr_listed(rs, "8.8.8.9"));
	rules_free(rs);
}

static void
t_bad_resolver_name_is_an_error_at_its_place(void **st)
{
	(void)st;
	assert_null(parse("version: 1\nencrypted_dns:\n  names: [dns..google]\n"
	    "rules:\n  - id: ip\n    class: ip\n"));
	assert_non_null(strstr(errbuf, "r.yaml:3:11: bad resolver name "
	    "`dns..google': an empty label"));
}

static void
t_unknown_key_in_encrypted_dns_is_an_error(void **st)
{
	(void)st;
	assert_null(parse("version: 1\nencrypted_dns:\n  hosts: [dns.google]\n"
	    "rules:\n  - id: ip\n    class: ip\n"));
	assert_non_null(strstr(errbuf, "r.yaml:3:3: unknown key `hosts' in "
	    "encrypted_dns (expected names, addresses)"));
}

static void
t_bad_resolver_address_is_an_error(void **st)
{
	(void)st;
	assert_null(parse("version: 1\nencrypted_dns:\n  addresses: [8.8.8]\n"
	    "rules:\n  - id: ip\n    class: ip\n"));
	assert_non_null(strstr(errbuf, "r.yaml:3:15: bad CIDR `8.8.8'"));
}

static void
t_resolver_name_syntax(void **st)
{
	const char *why;
	char big[80];

	(void)st;
	assert_true(encdns_name_ok("dns.nextdns.io", &why));
	assert_false(encdns_name_ok("dns.google.", &why));
	assert_false(encdns_name_ok("dns google", &why));
	assert_false(encdns_name_ok("", &why));
	memset(big, 'a', 64);
	big[64] = '\0';
	assert_false(encdns_name_ok(big, &why));
}

static void
t_shipped_rules_list_the_public_resolvers(void **st)
{
	FILE *err = fmemopen(errbuf, sizeof(errbuf), "w");
	struct ls_ruleset *rs = rules_parse_buffer("default.yaml",
	    rules_builtin, rules_builtin_len, err);

	(void)st;
	fclose(err);
	assert_non_null(rs);
	assert_true(listed(rs, "dns.google"));
	assert_true(listed(rs, "mozilla.cloudflare-dns.com"));
	assert_true(listed(rs, "doh.mullvad.net"));
	assert_true(addr_listed(rs, "1.1.1.1"));
	assert_true(addr_listed(rs, "9.9.9.9"));
	assert_true(addr_listed(rs, "2001:4860:4860::8888"));
	assert_false(addr_listed(rs, "198.51.100.53"));
	rules_free(rs);
}

static void
t_tls_to_853_is_dot_whatever_the_server(void **st)
{
	(void)st;
	assert_true(tagged(NULL, IPPROTO_TCP, "198.51.100.53", 853, NULL,
	    PROTO_TLS));
}

static void
t_quic_to_udp_853_is_doq(void **st)
{
	(void)st;
	assert_true(tagged(NULL, IPPROTO_UDP, "198.51.100.53", 853, NULL,
	    PROTO_QUIC));
}

static void
t_tls_with_a_resolver_sni_is_doh(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_true(tagged(rs, IPPROTO_TCP, "198.51.100.88", 443,
	    "dns.google", PROTO_TLS));
	rules_free(rs);
}

static void
t_port_443_of_a_resolver_address_is_doh(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_true(tagged(rs, IPPROTO_TCP, "8.8.8.8", 443, NULL, 0));
	rules_free(rs);
}

static void
t_plain_dns_to_a_resolver_is_not_encrypted(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_false(tagged(rs, IPPROTO_UDP, "8.8.8.8", 53, NULL, PROTO_DNS));
	rules_free(rs);
}

static void
t_tls_to_a_web_server_is_not_encrypted_dns(void **st)
{
	struct ls_ruleset *rs = parse(LIST);

	(void)st;
	assert_false(tagged(rs, IPPROTO_TCP, "198.51.100.80", 443,
	    "www.example.com", PROTO_TLS));
	rules_free(rs);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(t_listed_name_matches_itself),
		cmocka_unit_test(t_name_under_a_listed_one_matches),
		cmocka_unit_test(t_name_match_ignores_case_and_a_final_dot),
		cmocka_unit_test(t_name_ending_in_a_listed_one_without_a_dot_is_not_listed),
		cmocka_unit_test(t_listed_address_and_prefix_match),
		cmocka_unit_test(t_bad_resolver_name_is_an_error_at_its_place),
		cmocka_unit_test(t_unknown_key_in_encrypted_dns_is_an_error),
		cmocka_unit_test(t_bad_resolver_address_is_an_error),
		cmocka_unit_test(t_resolver_name_syntax),
		cmocka_unit_test(t_shipped_rules_list_the_public_resolvers),
		cmocka_unit_test(t_tls_to_853_is_dot_whatever_the_server),
		cmocka_unit_test(t_quic_to_udp_853_is_doq),
		cmocka_unit_test(t_tls_with_a_resolver_sni_is_doh),
		cmocka_unit_test(t_port_443_of_a_resolver_address_is_doh),
		cmocka_unit_test(t_plain_dns_to_a_resolver_is_not_encrypted),
		cmocka_unit_test(t_tls_to_a_web_server_is_not_encrypted_dns),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
