/* SPDX-License-Identifier: MIT */
/*
 * live.h - live capture on every physical interface (or those named with
 * -i), polled together, with interfaces picked up and dropped as they come
 * and go, and signals handled between batches.
 */
#ifndef LIVE_H
#define LIVE_H

#include <signal.h>
#include <stddef.h>

struct ls_engine;

/*
 * Bytes kept of each packet.  The kernel ring's frames are sized by it (on
 * interfaces with offloads, up to 64 KiB each), so it decides how many
 * packets a burst can queue: 4096 holds every DNS query, HTTP request head,
 * TLS ClientHello and STUN message leaksniff reads, and 8 MiB of ring then
 * holds about 2,000 packets instead of 128.
 */
#define LIVE_SNAPLEN	4096

struct live_cfg {
	const char *const	*ifaces;	/* -i; none: every physical one */
	size_t			 nifaces;
	const char		*filter;	/* -f */
	const char		*user;		/* -Z: drop to this user, or NULL */
	const char		*sysfs;		/* "/sys/class/net" */
	int			 bufsize;	/* kernel buffer, 0: 8 MiB */
	bool			 no_kfilter;	/* carriers' packets not dropped */
	int			 snaplen;	/* 0: LIVE_SNAPLEN */
	double			 outage;	/* seconds of carrier silence */
	volatile sig_atomic_t	*stop, *hup, *usr1;
	int			*dlt;	/* set: the link type being read */
	void			(*on_hup)(void *arg);	/* reload, reopen */
	void			*arg;
};

/*
 * Returns 0 after a stop, with every flow ended (engine_end_source: the
 * sources live in the loop's state, which ends with it), -1 when nothing
 * could be opened.
 */
int	live_run(const struct live_cfg *, struct ls_engine *);

#endif /* LIVE_H */
