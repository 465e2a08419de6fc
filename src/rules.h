/* SPDX-License-Identifier: MIT */
/*
 * rules.h - the leak rule set: parsed once from YAML, then immutable.
 *
 * rules.c (with rules_design.c for its exposure_severity and by_design
 * sections) is the only user of libyaml.  It turns a rule file into a struct
 * ls_ruleset, rejecting unknown keys, wrong types, bad CIDRs, bad ports and
 * duplicate ids, empty match lists and app names nDPI never gives
 * (appname.c) with file:line:column.  rules_match() (rules_match.c)
 * evaluates a finished rule set against the facts the pipeline gathered
 * about one flow; it never sees YAML.  The schema is in docs/rules.md.
 */
#ifndef RULES_H
#define RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"

struct ls_ruleset;

/* Leak classes, in SPEC.md order. */
enum ls_class {
	CLASS_NONE = 0,
	CLASS_DNS,
	CLASS_STUN,
	CLASS_IPV6,
	CLASS_HTTP,
	CLASS_IP,
	CLASS__COUNT
};

enum ls_severity { SEV_INFO = 0, SEV_LOW, SEV_MEDIUM, SEV_HIGH, SEV_CRITICAL };

enum ls_action { ACTION_LEAK = 0, ACTION_ALLOW };

/* Which flows a rule looks at, by where the server end is. */
enum ls_dest {
	DEST_NONLOCAL = 0,	/* either end outside the local prefixes (default) */
	DEST_UNICAST,		/* server end unicast, local or not (DNS) */
	DEST_ANY,
};

/* Protocols the pipeline identifies, by payload or nDPI (bit set). */
enum {
	PROTO_DNS	= 1u << 0,	/* DNS over UDP or TCP, any port */
	PROTO_DOT	= 1u << 1,	/* DNS over TLS (853) */
	PROTO_STUN	= 1u << 2,	/* STUN / TURN */
	PROTO_HTTP	= 1u << 3,	/* plaintext HTTP/1.x */
	PROTO_TLS	= 1u << 4,
	PROTO_QUIC	= 1u << 5,
	PROTO_MDNS	= 1u << 6,
	PROTO_LLMNR	= 1u << 7,
	PROTO_NTP	= 1u << 8,
	PROTO_DHCP	= 1u << 9,	/* DHCP and DHCPv6 */
	PROTO_ICMP	= 1u << 10,	/* ICMP and ICMPv6 */
	PROTO_DTLS	= 1u << 11,
	PROTO_DOH	= 1u << 12,	/* nDPI's DoH_DoT on 443 */
};

struct ls_port_range {
	uint16_t	lo, hi;
};

struct ls_rule {
	char			*id;
	char			*description;
	enum ls_class		 class;		/* CLASS_NONE only for allow rules */
	enum ls_severity	 severity;
	enum ls_action		 action;
	/* match: every condition given must hold; an absent one always holds */
	uint32_t		 protocols;	/* PROTO_* any-of; 0 = absent */
	char			**apps;		/* nDPI names, any-of */
	size_t			 napps;
	uint8_t			 ip_version;	/* 4, 6 or 0 = absent */
	uint8_t			 transport;	/* IPPROTO_TCP/UDP/... or 0 */
	enum ls_dest		 dest;
	bool			 ipv6_global;	/* an end in 2000::/3 */
	struct ls_cidr		*remote;	/* server end in any of */
	size_t			 nremote;
	struct ls_port_range	*ports;		/* server port in any of */
	size_t			 nports;
	unsigned		 line;		/* where it was defined */
	const struct ls_ruleset	*set;		/* the set it belongs to */
};

/*
 * Traffic an OS sends by design outside any tunnel (the rule file's
 * by_design: section, rules_design.c): still a leak, tagged with the
 * entry's name and given its severity.  An HTTP request matches by Host
 * and path (the query ignored), a DNS flow when every name it asks is one
 * of the entry's names.
 */
struct ls_design_http {
	char			*host;		/* lowercase, no port */
	char			*path;		/* from the '/' on */
};

struct ls_design {
	char			*tag;		/* "connectivity_check" */
	enum ls_severity	 severity;
	struct ls_design_http	*http;
	size_t			 nhttp;
	char			**dns;		/* lowercase, no final dot */
	size_t			 ndns;
	unsigned		 line;
};

/* Room for every enum ls_expose (event.h), by index. */
#define RULES_EXPOSE_MAX	16

struct ls_ruleset {
	char			*path;
	unsigned		 version;
	struct ls_cidr		*local;		/* extra local prefixes */
	size_t			 nlocal;
	double			 outage_after;	/* seconds of carrier silence; 0 = default */
	struct ls_rule		*rules;
	size_t			 nrules;
	/* encrypted_dns: public resolvers, by name (a TLS/QUIC SNI: the
	 * name or under it) and by address (encdns.h) */
	char			**resolver_names;
	size_t			 nresolver_names;
	struct ls_cidr		*resolver_addrs;
	size_t			 nresolver_addrs;
	/* exposure_severity: a leak is at least this bad for each thing it
	 * exposes (SEV_INFO: not listed, adds nothing) */
	enum ls_severity	 expose_sev[RULES_EXPOSE_MAX];
	struct ls_design	*designs;	/* by_design: */
	size_t			 ndesigns;
	struct ls_ruleset	*next;		/* older sets kept after a reload */
};

/* Facts the pipeline gathered about one flow, oriented client -> server. */
struct ls_flow_facts {
	uint32_t		 protocols;	/* PROTO_* */
	const char		*app;		/* nDPI "Master.App" name or NULL */
	uint8_t			 ip_version;
	uint8_t			 transport;	/* IPPROTO_* */
	const struct ls_addr	*cli, *srv;
	uint16_t		 cport, sport;
	bool			 nonlocal;	/* an end outside the local prefixes */
	bool			 srv_unicast;	/* server end not multicast/broadcast */
	bool			 ipv6_global;	/* an end in 2000::/3 */
};

struct ls_match {
	const struct ls_rule	*rule;		/* first match: primary class; NULL: none */
	uint32_t		 tags;		/* 1u << class of every leak rule that matched */
};

/*
 * Load and validate a rule file.  Every problem is printed to err as
 * "file:line:column: message" (all of them, not just the first); returns
 * NULL when there was any.  Files over RULES_MAX_BYTES, YAML aliases,
 * nesting deeper than the schema and more than RULES_MAX_RULES rules are
 * rejected before they can cost memory or time.
 */
#define RULES_MAX_BYTES	(1u << 20)
#define RULES_MAX_RULES	4096
struct ls_ruleset	*rules_load(const char *path, FILE *err);
/* The same from memory; name is what errors call the file. */
struct ls_ruleset	*rules_parse_buffer(const char *name, const uint8_t *buf,
			    size_t len, FILE *err);
/* Frees the set and every older one chained behind it. */
void			 rules_free(struct ls_ruleset *);

/* First matching rule (allow or leak) and the tags of all leak rules. */
void			 rules_match(const struct ls_ruleset *,
			    const struct ls_flow_facts *, struct ls_match *);

const char		*class_name(enum ls_class);	/* "dns", ... */
const char		*severity_name(enum ls_severity);
/* The by_design entry an HTTP request (Host, request target) or a DNS
 * name matches, or NULL (rules_design.c). */
const struct ls_design	*rules_design_http(const struct ls_ruleset *,
			    const char *host, size_t hlen, const char *url,
			    size_t ulen);
const struct ls_design	*rules_design_dns(const struct ls_ruleset *,
			    const char *name, size_t n);
/* "dns" -> PROTO_DNS, 0 when unknown. */
uint32_t		 proto_bit(const char *name);

#endif /* RULES_H */
