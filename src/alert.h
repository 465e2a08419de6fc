/* SPDX-License-Identifier: MIT */
/*
 * alert.h - alerting for people running leaksniff alongside their VPN:
 * syslog (journald picks it up) and a command run once per leaked flow.
 */
#ifndef ALERT_H
#define ALERT_H

#include <stdbool.h>
#include <stdint.h>

struct ls_reporter;
struct ls_alert;

#define ALERT_BURST	5	/* --exec: commands at once ... */
#define ALERT_PER_MIN	10	/* ... and per minute after that */

/*
 * A reporter that passes every event on to `next` and, for each leak,
 * logs it to syslog (when use_syslog) and runs exec_cmd with /bin/sh -c
 * (when not NULL): the event as one JSON line on its stdin and as
 * LEAKSNIFF_* variables in its environment.  Commands are rate-limited
 * (a token bucket: ALERT_BURST, then ALERT_PER_MIN a minute); what is
 * suppressed is counted and said at the end.
 */
struct ls_alert		*alert_new(bool use_syslog, const char *exec_cmd,
			    struct ls_reporter *next);
struct ls_reporter	*alert_reporter(struct ls_alert *);
void			 alert_free(struct ls_alert *);

#endif /* ALERT_H */
