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

struct live_cfg {
	const char *const	*ifaces;	/* -i; none: every physical one */
	size_t			 nifaces;
	const char		*filter;	/* -f */
	const char		*user;		/* -Z: drop to this user, or NULL */
	const char		*sysfs;		/* "/sys/class/net" */
	int			 bufsize;	/* kernel buffer, 0: 8 MiB */
	bool			 no_kfilter;	/* carriers' packets not dropped */
	double			 outage;	/* seconds of carrier silence */
	volatile sig_atomic_t	*stop, *hup, *usr1;
	void			(*on_hup)(void *arg);	/* reload, reopen */
	void			*arg;
};

/* Returns 0 after a stop, -1 when nothing could be opened. */
int	live_run(const struct live_cfg *, struct ls_engine *);

#endif /* LIVE_H */
