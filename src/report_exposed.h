/* SPDX-License-Identifier: MIT */
/*
 * report_exposed.h - what the run's leaks gave away, for the text
 * summary: the distinct DNS names, TLS SNI, HTTP hosts, public (STUN
 * mapped) addresses and EUI-64 MACs, and the flows per credential kind
 * (report_exposed.c).
 */
#ifndef REPORT_EXPOSED_H
#define REPORT_EXPOSED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct ls_leak;
struct ls_exposed;

#define EXPOSED_SHOWN	10	/* listed per line, then "... and N more" */
#define EXPOSED_KEPT	4096	/* distinct values counted per kind */

struct ls_exposed	*exposed_new(void);		/* NULL: no memory */
/* Add what a leak record exposes, once per leaked flow, at its end (when
 * every name it asked is known); a value seen before is not counted
 * again. */
void			 exposed_add(struct ls_exposed *, const struct ls_leak *);
/* The summary lines; esc writes a packet's bytes escaped. */
void			 exposed_print(const struct ls_exposed *, FILE *,
			    void (*esc)(FILE *, const char *, size_t));
/* For the JSON stats: how many distinct values of each kind (the name
 * of kind k: "dns_names", "tls_sni", "http_hosts", "public_addresses",
 * "eui64_macs"; NULL past the last), and the flows per credential kind. */
const char		*exposed_kind_name(int k);
size_t			 exposed_distinct(const struct ls_exposed *, int k);
uint64_t		 exposed_cred_flows(const struct ls_exposed *, int cred);
void			 exposed_free(struct ls_exposed *);

#endif /* REPORT_EXPOSED_H */
