/* SPDX-License-Identifier: MIT */
/*
 * report.h - one reporter interface, two formats (text, JSON lines).
 *
 * The engine calls these as things happen; the reporter owns formatting
 * and escaping of every string that came from a packet.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"

struct ls_exposed;
struct ls_flow_view;
struct ls_lan_event;
struct ls_leak;
struct ls_source;
struct ls_stats;
struct ls_tunnel_event;
struct ls_warning;

struct ls_reporter;

struct reporter_ops {
	const char	*name;
	void		(*leak)(struct ls_reporter *, const struct ls_leak *);
	void		(*flow_end)(struct ls_reporter *, const struct ls_leak *);
	void		(*tunnel)(struct ls_reporter *,
			    const struct ls_tunnel_event *);
	void		(*lan)(struct ls_reporter *,
			    const struct ls_lan_event *);
	void		(*warning)(struct ls_reporter *,
			    const struct ls_warning *);
	void		(*end)(struct ls_reporter *, const struct ls_stats *,
			    const char *ndpi_version);
};

struct ls_reporter {
	const struct reporter_ops	*ops;
	FILE				*out;
	bool				 quiet;		/* text: summary only */
	bool				 color;
	unsigned			 write_errors;
	struct ls_exposed		*exposed;	/* text: for the summary */
};

/*
 * Pass an event on to the next reporter of a chain (alert, verify), if
 * there is one and it has that op.
 */
void	report_forward_leak(struct ls_reporter *next, const struct ls_leak *);
void	report_forward_flow_end(struct ls_reporter *next,
	    const struct ls_leak *);
void	report_forward_tunnel(struct ls_reporter *next,
	    const struct ls_tunnel_event *);
void	report_forward_lan(struct ls_reporter *next,
	    const struct ls_lan_event *);
void	report_forward_warning(struct ls_reporter *next,
	    const struct ls_warning *);
void	report_forward_end(struct ls_reporter *next, const struct ls_stats *,
	    const char *ndpi_version);

extern const struct reporter_ops report_text_ops;
extern const struct reporter_ops report_json_ops;

/* Shared helpers for the two formats. */
/* ISO 8601 UTC with microseconds: 2026-01-01T00:00:00.000000Z */
void	report_fmt_time(uint64_t ts_us, char buf[64]);
#define REPORT_PROTO_STRLEN	8
/* "TCP", "UDP", ... or the number, in buf (or a constant string). */
const char *report_proto_name(uint8_t proto, uint8_t ip_version,
	    char buf[REPORT_PROTO_STRLEN]);
/* "192.0.2.0/24" or "2001:db8::/64". */
#define REPORT_CIDR_STRLEN	(ADDR_STRLEN + 4)
struct ls_cidr;
const char *report_fmt_cidr(const struct ls_cidr *, char buf[REPORT_CIDR_STRLEN]);
/* Community ID v1 (seed 0) of a flow: "1:base64". */
void	report_community_id(const struct ls_flow_view *, char buf[64]);

#endif /* REPORT_H */
