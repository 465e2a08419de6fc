/* SPDX-License-Identifier: MIT */
/*
 * encdns.h - encrypted DNS outside the tunnel: the extra tag
 * encrypted_dns (event.h's XTAG_ENCRYPTED_DNS) on a leak that is DNS over
 * TLS, over QUIC or over HTTPS.
 *
 * Encrypted, such a query still goes around the tunnel: the resolver (a
 * public one, usually) sees the real address and every name, and an
 * observer sees that the client resolves outside the VPN.  A leaked flow
 * carries the tag when it is
 *   - DoT: TLS to TCP port 853 (RFC 7858), any server;
 *   - DoQ: QUIC to UDP port 853 (RFC 9250), any server;
 *   - DoH (RFC 8484): TLS or QUIC whose SNI is a listed resolver name or a
 *     name under one (dns.google, x.dns.nextdns.io), or anything to port
 *     443 of a listed resolver address (no other service answers there),
 *     or what nDPI names DoH_DoT;
 *   - port 853 of a listed resolver address, whatever its bytes showed
 *     (a DoT or DoQ attempt).
 * Plain DNS to a listed resolver (port 53) is not encrypted: no tag.
 * The lists are the rule file's `encrypted_dns:` (docs/rules.md); the
 * shipped default.yaml names the well-known public resolvers.
 */
#ifndef ENCDNS_H
#define ENCDNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"

struct ls_leak;
struct ls_ruleset;

/* A resolver name as the rule file may give it: 1-253 bytes, labels of
 * 1-63 letters, digits, '-' and '_', no final dot.  On false *why says
 * what is wrong. */
bool	encdns_name_ok(const char *s, const char **why);
/* Is sni (n bytes, raw) a listed resolver name or a name under one?
 * Case-insensitive; a final dot is ignored. */
bool	encdns_name_listed(const struct ls_ruleset *, const char *sni,
	    size_t n);
bool	encdns_addr_listed(const struct ls_ruleset *, const struct ls_addr *);
/* A new leak record of a flow whose protocols (PROTO_*) are known: tag
 * it encrypted_dns when it is DoT, DoQ or DoH as above. */
void	encdns_tag(const struct ls_ruleset *, struct ls_leak *,
	    uint32_t protocols);

#endif /* ENCDNS_H */
