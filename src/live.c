/* SPDX-License-Identifier: MIT */
/*
 * live.c - the live capture loop.
 *
 * Every capture handle is non-blocking and polled together; a batch of up
 * to 256 packets is taken from each ready handle in turn, so one busy
 * interface cannot starve another.  Between batches, at most every 250 ms:
 * pending verdicts and outages advance on the wall clock (no packet may
 * come to advance them), SIGHUP/SIGUSR1 are handled, and, without -i, the
 * interface list is read again so a dock or a tethered phone is picked up
 * and a vanished interface closed.  Kernel drops are read with pcap_stats
 * when a handle closes and at the end, and go into the stats.
 *
 * Once the first handles are open the process gives up root (-Z, default
 * nobody) and every capability.  Interfaces that appear later are still
 * opened: their packet sockets come from the socket helper (sockd.c),
 * which keeps CAP_NET_RAW and nothing else.  Should the helper fail to
 * start, later interfaces cannot be opened and the log says so once.
 */
#include <net/if.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "addr.h"
#include "capture.h"
#include "decode.h"
#include "engine.h"
#include "iface.h"
#include "live.h"
#include "netlink.h"
#include "privdrop.h"
#include "sockd.h"
#include "wgnl.h"
#include "wguapi.h"

#define LIVE_MAX	64
#define RESCAN_US	2000000u

struct handle {
	struct ls_capture	*cap;
	struct ls_source	 src;
	char			 name[IFACE_NAME_MAX];
	int			 fd;
};

struct live {
	const struct live_cfg	*cfg;
	struct ls_engine	*eng;
	struct handle		 h[LIVE_MAX];
	size_t			 n;
	uint32_t		 next_index;
	size_t			 nfiltered;	/* carriers in the filter */
	char			*filter;	/* the drop filter, or NULL */
	bool			 probing;	/* carrier let in to see it live */
	uint64_t		 next_probe, probe_us, probe_mark;
	bool			 dropped;
	bool			 warned_dropped;
};

static uint64_t
now_us(void)
{
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000000u + (uint64_t)tv.tv_usec;
}

static bool
is_open(const struct live *l, const char *name)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->h[i].name, name) == 0)
			return true;
	return false;
}

static const char *
base_filter(const struct live *l)
{
	return l->cfg->filter != NULL ? l->cfg->filter : "";
}

static const char *
cur_filter(const struct live *l)
{
	return l->filter != NULL && !l->probing ? l->filter : base_filter(l);
}

static void
open_one(struct live *l, const char *name)
{
	struct handle *h;

	if (l->n == LIVE_MAX || is_open(l, name))
		return;
	if (l->dropped && sockd_pid() < 0) {
		if (!l->warned_dropped)
			fprintf(stderr, "leaksniff: %s: appeared after privileges "
			    "were dropped (-Z): not captured\n", name);
		l->warned_dropped = true;
		return;
	}
	h = &l->h[l->n];
	memset(h, 0, sizeof(*h));
	snprintf(h->name, sizeof(h->name), "%s", name);
	h->cap = capture_open_live(name, l->cfg->snaplen > 0 ? l->cfg->snaplen :
	    LIVE_SNAPLEN, l->cfg->bufsize);
	if (h->cap == NULL)
		return;
	if (!decode_supported(capture_dlt(h->cap))) {
		fprintf(stderr, "leaksniff: %s: link type %s is not supported\n",
		    name, capture_dlt_name(h->cap));
		capture_close(h->cap);
		return;
	}
	const char *flt = cur_filter(l);
	if (*flt != '\0' && !capture_set_filter(h->cap, flt)) {
		capture_close(h->cap);
		return;
	}
	h->fd = capture_fd(h->cap);
	if (h->fd < 0) {
		fprintf(stderr, "leaksniff: %s: cannot poll this interface\n",
		    name);
		capture_close(h->cap);
		return;
	}
	h->src.name = h->name;
	h->src.iface = h->name;
	h->src.offline = false;
	h->src.dlt = capture_dlt(h->cap);
	h->src.index = l->next_index++;
	l->n++;
	engine_learn_interface(l->eng, name);
	fprintf(stderr, "leaksniff: listening on %s (%s)\n", name,
	    capture_dlt_name(h->cap));
}

static void
close_one(struct live *l, size_t i)
{
	uint64_t k, f;
	struct ls_stats *st = engine_stats(l->eng);

	capture_drops(l->h[i].cap, &k, &f);
	st->kernel_drops += k;
	st->iface_drops += f;
	capture_close(l->h[i].cap);
	l->h[i] = l->h[l->n - 1];
	l->n--;
}

static void
rescan(struct live *l)
{
	struct iface_info ifs[LIVE_MAX];
	size_t n = iface_scan(l->cfg->sysfs, ifs, LIVE_MAX);

	for (size_t i = 0; i < n; i++)
		if (ifs[i].kind == IFK_PHYSICAL && ifs[i].up)
			open_one(l, ifs[i].name);
}

/*
 * Once carriers are known, keep their packets in the kernel: the "drop"
 * filter excludes every packet to or from a carrier endpoint, so a tunnel
 * running flat out costs leaksniff nothing.  Its liveness (the tunnel
 * state) is then sampled: every probe interval (a quarter of the outage
 * time, at most 1 s) the plain filter goes back in until the first carrier
 * packet arrives, and the drop filter returns.  A carrier that has gone
 * quiet keeps the plain filter in place, so the outage is seen as before;
 * and so does a tunnel that is not connected (in an outage, or
 * reconnecting: a new session's keepalive is not the end of it, its
 * first data is), so that the packets that end an outage or a reconnect
 * are all seen, as an audit of the same traffic sees them.
 * libpcap filters whatever is already in the ring with the new program,
 * so swapping filters loses no other packet.
 */
static void
set_all(struct live *l, const char *f)
{
	for (size_t i = 0; i < l->n; i++)
		(void)capture_set_filter(l->h[i].cap, f);
}

static void
update_filter(struct live *l, uint64_t now)
{
	size_t n = engine_carrier_count(l->eng), len = 256;
	char *f, a[ADDR_STRLEN];
	struct ls_addr addr;
	uint16_t port;
	uint8_t proto;
	uint64_t seen = engine_stats(l->eng)->carrier_packets;

	if (l->filter != NULL) {
		if (l->probing && seen != l->probe_mark &&
		    engine_tunnel_connected(l->eng)) {
			l->probing = false;		/* alive: drop again */
			l->next_probe = now + l->probe_us;
			set_all(l, l->filter);
		} else if (!l->probing && now >= l->next_probe) {
			l->probing = true;
			l->probe_mark = seen;
			set_all(l, base_filter(l));
		}
	}
	if (n == l->nfiltered || n == 0)
		return;
	len += n * 128 + strlen(base_filter(l));
	if ((f = malloc(len)) == NULL)
		return;
	size_t o = (size_t)snprintf(f, len, "%s%s%snot (",
	    l->cfg->filter != NULL ? "(" : "",
	    l->cfg->filter != NULL ? l->cfg->filter : "",
	    l->cfg->filter != NULL ? ") and " : "");
	for (size_t i = 0; i < n && o < len; i++) {
		engine_carrier(l->eng, i, &addr, &port, &proto);
		o += (size_t)snprintf(f + o, len - o, "%s(host %s and %s port %u)",
		    i > 0 ? " or " : "", addr_fmt(&addr, a),
		    proto == 6 ? "tcp" : "udp", port);
	}
	if (o + 2 > len) {
		free(f);
		return;
	}
	strcat(f, ")");
	for (size_t i = 0; i < l->n; i++)
		if (!capture_set_filter(l->h[i].cap, f)) {
			free(f);
			return;
		}
	free(l->filter);
	l->filter = f;
	l->nfiltered = n;
	l->probing = false;
	l->next_probe = now + l->probe_us;
	fprintf(stderr, "leaksniff: kernel filter: %s (carrier liveness "
	    "sampled every %llu ms)\n", f,
	    (unsigned long long)(l->probe_us / 1000));
}

static void
os_endpoint(struct live *l, const struct ls_endpoint *ep, bool add,
    const char *why)
{
	char a[ADDR_EP_STRLEN];

	if (!engine_os_endpoint(l->eng, ep, false, add, why))
		return;
	if (ep->port != 0)
		fprintf(stderr, "leaksniff: carrier endpoint %s/%s %s (%s)\n",
		    addr_fmt_endpoint(&ep->addr, ep->port, a),
		    ep->proto == 6 ? "tcp" : "udp",
		    add ? "learned" : "withdrawn", why);
	else
		fprintf(stderr, "leaksniff: carrier endpoint %s %s (%s)\n",
		    addr_fmt(&ep->addr, a), add ? "learned" : "withdrawn", why);
}

/*
 * A tunnel interface changed.  WireGuard says where its peers are: the
 * kernel's over generic netlink, a userspace one (wireguard-go, boringtun)
 * on its UAPI socket.  Both answer root (CAP_NET_ADMIN) only, so this
 * works for tunnels seen before the privilege drop (the usual case: the
 * VPN is up when leaksniff starts) and is skipped quietly after it.
 */
static void
on_os_tunnel(const char *name, bool up, void *arg)
{
	struct live *l = arg;
	struct ls_endpoint ep[8];
	char why[64];
	int n;

	engine_os_tunnel(l->eng, name, up, now_us());
	if (!up || l->dropped)
		return;
	if ((n = wg_nl_endpoints(name, ep, 8)) <= 0 &&
	    (n = wg_uapi_endpoints(WG_UAPI_DIR, name, ep, 8)) <= 0)
		return;
	snprintf(why, sizeof(why), "WireGuard peer of %s", name);
	for (int i = 0; i < n; i++)
		os_endpoint(l, &ep[i], true, why);
}

/*
 * A host route around the tunnel, added or removed: the path to the VPN
 * server (OpenVPN's redirect-gateway def1 adds one), or a split route.
 * Which, the traffic says: through it, what nDPI cannot name counts as
 * the carrier (a VPN protocol it does not know), and DNS, HTTP, STUN, TLS
 * or anything else it can name is reported as a leak, as everywhere.
 */
static void
on_route(const struct ls_addr *dst, int oif, bool add, void *arg)
{
	struct live *l = arg;
	struct ls_endpoint ep;
	char ifn[IF_NAMESIZE] = "?", a[ADDR_STRLEN];

	(void)if_indextoname((unsigned)oif, ifn);
	memset(&ep, 0, sizeof(ep));
	ep.addr = *dst;
	if (!engine_os_endpoint(l->eng, &ep, true, add, "host route"))
		return;
	fprintf(stderr, "leaksniff: host route around the tunnel %s: %s via "
	    "%s (the VPN server's, or a split route through which traffic "
	    "leaves outside the VPN)\n", add ? "added" : "removed",
	    addr_fmt(dst, a), ifn);
}

static void
report_counters(struct live *l)
{
	const struct ls_stats *s = engine_stats(l->eng);
	uint64_t kd = s->kernel_drops;

	for (size_t i = 0; i < l->n; i++) {
		uint64_t k, f;
		capture_drops(l->h[i].cap, &k, &f);
		kd += k;
	}
	fprintf(stderr, "leaksniff: %zu interfaces, %llu packets, %llu flows, "
	    "%llu leaked flows, %llu carrier flows, %llu dropped by the kernel\n",
	    l->n, (unsigned long long)s->packets, (unsigned long long)s->flows,
	    (unsigned long long)s->leak_flows,
	    (unsigned long long)s->carrier_flows, (unsigned long long)kd);
}

int
live_run(const struct live_cfg *cfg, struct ls_engine *eng)
{
	struct live l;
	struct pollfd pfd[LIVE_MAX + 1];
	uint64_t last_scan = 0;
	struct ls_nl *nl = nl_open();

	memset(&l, 0, sizeof(l));
	l.cfg = cfg;
	l.eng = eng;
	l.probe_us = cfg->outage > 0 && cfg->outage < 4 ?
	    (uint64_t)(cfg->outage * 250000) : 1000000;
	if (cfg->nifaces > 0)
		for (size_t i = 0; i < cfg->nifaces; i++)
			open_one(&l, cfg->ifaces[i]);
	else
		rescan(&l);
	if (l.n == 0) {
		fprintf(stderr, "leaksniff: no interface to capture on%s\n",
		    cfg->nifaces > 0 ? "" : " (no physical interface is up)");
		return -1;
	}
	/* tunnels, their endpoints and host routes, while still root */
	if (nl != NULL) {
		nl_set_route_fn(nl, on_route);
		nl_request_dump(nl);
		nl_read(nl, on_os_tunnel, &l);
	}
	if (cfg->user != NULL) {
		if (strcmp(cfg->user, "root") != 0 && sockd_start(cfg->user) != 0)
			fprintf(stderr, "leaksniff: interfaces that appear from "
			    "now on cannot be opened\n");
		if (privdrop(cfg->user) != 0) {
			sockd_stop();
			return -1;
		}
		l.dropped = true;
		fprintf(stderr, "leaksniff: running as %s with no capabilities"
		    "%s\n", cfg->user, sockd_pid() > 0 ?
		    "; new interfaces are opened by the socket helper" : "");
	}
	while (!*cfg->stop) {
		for (size_t i = 0; i < l.n; i++) {
			pfd[i].fd = l.h[i].fd;
			pfd[i].events = POLLIN;
			pfd[i].revents = 0;
		}
		pfd[l.n].fd = nl != NULL ? nl_fd(nl) : -1;
		pfd[l.n].events = POLLIN;
		pfd[l.n].revents = 0;
		int r = poll(pfd, l.n + 1, 250);
		if (r > 0 && nl != NULL && pfd[l.n].revents != 0)
			nl_read(nl, on_os_tunnel, &l);
		for (size_t i = 0; r > 0 && i < l.n; i++) {
			if (pfd[i].revents == 0)
				continue;
			engine_set_source(eng, &l.h[i].src);
			if (cfg->dlt != NULL)
				*cfg->dlt = l.h[i].src.dlt;
			if (capture_dispatch(l.h[i].cap, eng) < 0 ||
			    (pfd[i].revents & (POLLERR | POLLNVAL))) {
				close_one(&l, i);
				break;	/* pfd indexes moved */
			}
		}
		uint64_t now = now_us();
		engine_tick(eng, now);
		if (!cfg->no_kfilter)
			update_filter(&l, now);
		if (*cfg->usr1) {
			*cfg->usr1 = 0;
			report_counters(&l);
		}
		if (*cfg->hup) {
			*cfg->hup = 0;
			if (cfg->on_hup != NULL)
				cfg->on_hup(cfg->arg);
		}
		if (cfg->nifaces == 0 && now - last_scan > RESCAN_US) {
			rescan(&l);
			last_scan = now;
		}
	}
	while (l.n > 0)
		close_one(&l, l.n - 1);
	/* the flows' sources are l.h[].src: end them while l lives */
	engine_end_source(eng);
	nl_close(nl);
	sockd_stop();
	free(l.filter);
	return 0;
}
