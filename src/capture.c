/* SPDX-License-Identifier: MIT */
/*
 * capture.c - the only libpcap user of the audit pipeline.
 *
 * Files are opened with fopen + a 64 KiB setvbuf; a pcapng goes to
 * pcapng.c (below), a classic pcap to pcap_fopen_offline: libpcap judges
 * the file header, and the file's records are then read by pcapfile.c in
 * large blocks, each handed
 * to the engine where it lies (libpcap's reader copied every packet
 * through two freads: most of its cost per packet).  A damaged record
 * (caplen beyond snaplen, a short header or body, a giant pcapng block)
 * ends the file with a message naming the packet number and the byte
 * offset where the record starts, after everything before the damage has
 * been processed.  A file's BPF filter runs here, not in libpcap, so that
 * every record is seen and counted.
 *
 * A pipe is read through capfile's counting stream, whose read waits in
 * poll(2), which a signal always interrupts (SA_RESTART or not): SIGTERM
 * or SIGINT ends a read blocked on a slow pipe at once, SIGUSR1 prints the
 * counters at once and the read goes on.  An interrupted read is reported
 * as an interruption, never as damage.
 *
 * A gzip, zstd, xz or lz4 capture (by its first bytes) is read through
 * capfile's decompressing stream: record offsets are then in the
 * decompressed bytes, and a damaged compressed stream is reported as that,
 * with its compressed byte offset, after the packets before it.
 *
 * A pcapng (its first byte 0x0a, which no classic magic has) is read by
 * pcapng.c instead of libpcap, which refuses a second link type and does
 * not say which interface a packet came from: each of the file's
 * interfaces becomes a source of its own (named by its if_name, else the
 * file's name, "#N" added for the Nth interface after the first), and the
 * engine is told when the interface changes.  A filter is compiled once
 * per interface, for its link type.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capfile.h"
#include "capture.h"
#include "decode.h"
#include "dlt.h"
#include "engine.h"
#include "pcapfile.h"
#include "pcapng.h"

#define FILE_BUF	(64u << 10)
#define IFNAME_MAX	96

struct ls_capture {
	pcap_t		*pcap;
	FILE		*fp;		/* files: owned by pcap once opened */
	char		*fbuf;
	char		*name;
	bool		 live;
	uint64_t	 cnt;		/* packets passed on (pcap_cnt) */
	struct ls_capfile cf;		/* files: where each record starts */
	struct ls_pcapfile pf;		/* classic pcap: its records */
	bool		 own;		/* read by pcapfile, not libpcap */
	struct bpf_program prog;	/* files: the filter, run in on_packet */
	bool		 filtered;
	struct capture_ctl ctl;
	/* pcapng: the reader and a source per interface */
	bool		 ng_on;
	struct ls_pcapng ng;
	const struct ls_source *file;
	struct ls_source_pool *pool;
	struct ls_source **isrc;	/* by the file-wide interface number */
	struct bpf_program *iprog;	/* the filter, for its link type */
	uint32_t	 nisrc, cur;
	char		*expr;
};

/* A signal came: SIGUSR1's counters now; true when the read must end. */
static bool
interrupted(void *arg)
{
	struct ls_capture *c = arg;

	if (c->ctl.usr1 != NULL && *c->ctl.usr1) {
		*c->ctl.usr1 = 0;
		if (c->ctl.on_usr1 != NULL)
			c->ctl.on_usr1(c->ctl.arg, c->name);
	}
	return c->ctl.stop != NULL && *c->ctl.stop;
}


/* A stream error: an interruption, the decompressor's damage or errno. */
static void
read_error(struct ls_capture *c, const char *when)
{
	if (c->ctl.stop != NULL && *c->ctl.stop)
		fprintf(stderr, "leaksniff: %s: interrupted %s\n", c->name, when);
	else if (capfile_zerror(&c->cf) != NULL)
		fprintf(stderr, "leaksniff: %s: %s\n", c->name,
		    capfile_zerror(&c->cf));
	else
		fprintf(stderr, "leaksniff: %s: %s\n", c->name, strerror(errno));
}

static void
free_capture(struct ls_capture *c)
{
	if (c->pcap != NULL)
		pcap_close(c->pcap);	/* closes c->fp too */
	else if (c->fp != NULL && c->fp != stdin)
		fclose(c->fp);
	if (c->filtered)
		pcap_freecode(&c->prog);
	if (c->own)
		pcapfile_close(&c->pf);
	for (uint32_t i = 0; c->iprog != NULL && i < c->nisrc; i++)
		pcap_freecode(&c->iprog[i]);
	pcapng_free(&c->ng);
	free(c->iprog);
	free(c->isrc);
	free(c->expr);
	free(c->fbuf);
	free(c->name);
	free(c);
}

static bool
open_pcapng(struct ls_capture *c)
{
	int rc = pcapng_open(&c->ng, c->fp);

	c->ng_on = true;
	c->cur = UINT32_MAX;
	if (rc == PCAPNG_READERR)
		read_error(c, "before the capture header was read");
	else if (rc == PCAPNG_DAMAGE)
		fprintf(stderr, "leaksniff: %s: not a pcapng leaksniff can read: "
		    "at byte offset %llu%s: %s\n", c->name,
		    (unsigned long long)c->ng.at, c->cf.z != NULL ?
		    " of the decompressed stream" : "", c->ng.why);
	if (rc == PCAPNG_PACKET)
		return true;
	free_capture(c);
	return false;
}

/* libpcap's DLT for a file's link type (they differ for raw IP). */
static int
ng_dlt(uint32_t linktype)
{
	return linktype == LS_LINKTYPE_RAW ? LS_DLT_RAW : (int)linktype;
}

static bool
compile_for(struct ls_capture *c, uint32_t i, struct bpf_program *prog)
{
	pcap_t *d = pcap_open_dead(ng_dlt(c->ng.ifs[i].linktype), 262144);
	bool ok = d != NULL && pcap_compile(d, prog, c->expr, 1,
	    PCAP_NETMASK_UNKNOWN) == 0;

	if (!ok)
		fprintf(stderr, "leaksniff: %s: bad filter `%s' for interface %u "
		    "(link type %u): %s\n", c->name, c->expr, i,
		    c->ng.ifs[i].linktype, d != NULL ? pcap_geterr(d) :
		    "out of memory");
	if (d != NULL)
		pcap_close(d);
	return ok;
}

/* A source for each interface the reader met since the last call. */
static bool
add_interfaces(struct ls_capture *c)
{
	uint32_t n = c->ng.nif;
	struct ls_source **v = realloc(c->isrc, n * sizeof(*v));
	struct bpf_program *bp;
	const char *base = strrchr(c->name, '/');

	if (v == NULL)
		return false;
	c->isrc = v;
	if (c->expr != NULL) {
		if ((bp = realloc(c->iprog, n * sizeof(*bp))) == NULL)
			return false;
		c->iprog = bp;
	}
	base = base != NULL ? base + 1 : c->name;
	for (uint32_t i = c->nisrc; i < n; i++) {
		const struct ls_pcapng_if *f = &c->ng.ifs[i];
		struct ls_source *s = calloc(1, sizeof(*s) + IFNAME_MAX);
		char *nm = (char *)(s + 1);
		if (s == NULL || (c->pool != NULL && !capture_pool_add(c->pool,
		    s))) {
			free(s);
			return false;
		}
		if (c->file != NULL)
			*s = *c->file;
		else {
			s->name = c->name;
			s->offline = true;
		}
		s->dlt = ng_dlt(f->linktype);
		s->ifno = i;
		if (f->name[0] != '\0')
			snprintf(nm, IFNAME_MAX, "%s", f->name);
		else if (i == 0)
			snprintf(nm, IFNAME_MAX, "%s", base);
		else
			snprintf(nm, IFNAME_MAX, "%s#%u", base, i);
		s->iface = nm;
		c->isrc[i] = s;
		c->nisrc = i + 1;
		if (c->expr != NULL && !compile_for(c, i, &c->iprog[i])) {
			c->nisrc = i;
			return false;
		}
		if (i > 0 && !decode_supported(s->dlt))
			fprintf(stderr, "leaksniff: %s: interface %s: link type "
			    "%u is not supported: its packets are counted, not "
			    "audited\n", c->name, nm, f->linktype);
	}
	return true;
}

bool
capture_pool_add(struct ls_source_pool *p, struct ls_source *s)
{
	if (p->n == p->cap) {
		size_t n = p->cap * 2 + 8;
		struct ls_source **v = realloc(p->v, n * sizeof(*v));
		if (v == NULL)
			return false;
		p->v = v;
		p->cap = n;
	}
	p->v[p->n++] = s;
	return true;
}

void
capture_pool_free(struct ls_source_pool *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof(*p));
}

void
capture_set_source(struct ls_capture *c, const struct ls_source *file,
    struct ls_source_pool *pool)
{
	c->file = file;
	c->pool = pool;
}

struct ls_capture *
capture_open_file(const char *path, const struct capture_ctl *ctl)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct ls_capture *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->name = strdup(path);
	if (ctl != NULL)
		c->ctl = *ctl;
	if ((c->fp = capfile_open(&c->cf, path, interrupted, c)) == NULL) {
		if (errno == EINTR)
			fprintf(stderr, "leaksniff: %s: interrupted before the "
			    "capture header was read\n", path);
		else
			fprintf(stderr, "leaksniff: %s: %s\n", path,
			    strerror(errno));
		goto err;
	}
	c->fbuf = malloc(FILE_BUF);
	if (c->fbuf != NULL)
		setvbuf(c->fp, c->fbuf, _IOFBF, FILE_BUF);
	int first = getc(c->fp);
	if (first != EOF)
		(void)ungetc(first, c->fp);
	if (first == (PCAPNG_MAGIC & 0xff))
		return open_pcapng(c) ? c : NULL;
	c->pcap = pcap_fopen_offline_with_tstamp_precision(c->fp,
	    PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (c->pcap == NULL) {
		if (c->ctl.stop != NULL && *c->ctl.stop)
			fprintf(stderr, "leaksniff: %s: interrupted before the "
			    "capture header was read\n", path);
		else if (capfile_zerror(&c->cf) != NULL)
			fprintf(stderr, "leaksniff: %s: %s\n", path,
			    capfile_zerror(&c->cf));
		else if (c->cf.z != NULL)
			fprintf(stderr, "leaksniff: %s: %s data, decompressed, is "
			    "not a capture libpcap can read: %s\n", path,
			    decompress_name(c->cf.zfmt), errbuf);
		else
			fprintf(stderr, "leaksniff: %s: not a capture libpcap can "
			    "read: %s\n", path, errbuf);
		if (c->fp != stdin)
			fclose(c->fp);
		c->fp = NULL;
		goto err;
	}
	capfile_start(&c->cf, pcap_major_version(c->pcap),
	    (uint32_t)pcap_snapshot(c->pcap));
	if (!c->cf.pcapng && !c->cf.lost && c->cf.nmagic == 4) {
		const uint8_t *m = c->cf.magic;	/* as the file holds it */
		uint32_t le = (uint32_t)m[0] | (uint32_t)m[1] << 8 |
		    (uint32_t)m[2] << 16 | (uint32_t)m[3] << 24;
		c->own = pcapfile_open(&c->pf, c->fp, c->cf.next, le,
		    pcap_minor_version(c->pcap),
		    (uint32_t)pcap_snapshot(c->pcap),
		    !c->cf.regular, c->cf.seekable && c->cf.z == NULL ?
		    c->cf.fd : -1);
	}
	return c;
err:
	free(c->fbuf);
	free(c->name);
	free(c);
	return NULL;
}

struct ls_capture *
capture_open_live(const char *iface, int snaplen, int bufsize)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct ls_capture *c = calloc(1, sizeof(*c));
	int rc;

	if (c == NULL)
		return NULL;
	c->name = strdup(iface);
	c->live = true;
	c->pcap = pcap_create(iface, errbuf);
	if (c->pcap == NULL) {
		fprintf(stderr, "leaksniff: %s: %s\n", iface, errbuf);
		goto err;
	}
	pcap_set_snaplen(c->pcap, snaplen);
	pcap_set_promisc(c->pcap, 0);
	pcap_set_immediate_mode(c->pcap, 1);
	pcap_set_buffer_size(c->pcap, bufsize > 0 ? bufsize : 8 << 20);
	pcap_set_timeout(c->pcap, 100);
	rc = pcap_activate(c->pcap);
	if (rc < 0) {
		fprintf(stderr, "leaksniff: %s: cannot capture: %s\n", iface,
		    pcap_geterr(c->pcap));
		pcap_close(c->pcap);
		goto err;
	}
	return c;
err:
	free(c->name);
	free(c);
	return NULL;
}

void
capture_close(struct ls_capture *c)
{
	if (c == NULL)
		return;
	if (c->pool == NULL)	/* no one keeps the interfaces' sources */
		for (uint32_t i = 0; i < c->nisrc; i++)
			free(c->isrc[i]);
	free_capture(c);
}

int
capture_dlt(const struct ls_capture *c)
{
	if (!c->ng_on)
		return pcap_datalink(c->pcap);
	/* the first interface leaksniff decodes, else the first */
	for (uint32_t i = 0; i < c->ng.nif; i++)
		if (decode_supported(ng_dlt(c->ng.ifs[i].linktype)))
			return ng_dlt(c->ng.ifs[i].linktype);
	return c->ng.nif > 0 ? ng_dlt(c->ng.ifs[0].linktype) : LS_DLT_EN10MB;
}

const char *
capture_dlt_name(const struct ls_capture *c)
{
	const char *n = pcap_datalink_val_to_name(capture_dlt(c));
	return n != NULL ? n : "unknown";
}

bool
capture_set_filter(struct ls_capture *c, const char *expr)
{
	struct bpf_program prog;

	if (c->ng_on) {		/* compiled per interface, before the run */
		if (c->nisrc > 0 || c->expr != NULL ||
		    (c->expr = strdup(expr)) == NULL)
			return false;
		for (uint32_t i = 0; i < c->ng.nif; i++) {
			if (!compile_for(c, i, &prog))
				return false;
			pcap_freecode(&prog);
		}
		return true;
	}
	if (pcap_compile(c->pcap, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		fprintf(stderr, "leaksniff: %s: bad filter `%s': %s\n", c->name,
		    expr, pcap_geterr(c->pcap));
		return false;
	}
	if (!c->live) {
		if (c->filtered)
			pcap_freecode(&c->prog);
		c->prog = prog;
		c->filtered = true;
		return true;
	}
	if (pcap_setfilter(c->pcap, &prog) != 0) {
		fprintf(stderr, "leaksniff: %s: cannot set filter: %s\n",
		    c->name, pcap_geterr(c->pcap));
		pcap_freecode(&prog);
		return false;
	}
	pcap_freecode(&prog);
	return true;
}

/* Packets read per pcap_dispatch() call: one call, one stop check. */
#define RUN_BATCH	1024

static void on_packet(u_char *, const struct pcap_pkthdr *, const u_char *);

struct dispatch_ctx {
	struct ls_capture	*c;
	struct ls_engine	*e;
};

/* A pcapng: its own reader, a source per interface. */
static int
run_pcapng(struct ls_capture *c, struct ls_engine *e)
{
	struct ls_pcapng_rec r;
	unsigned batch = RUN_BATCH - 1;	/* the first check at once */
	int rc;

	for (;;) {
		if (++batch == RUN_BATCH) {
			batch = 0;
			if (interrupted(c))
				return CAPTURE_INTERRUPTED;
		}
		rc = pcapng_next(&c->ng, &r);
		if (rc != PCAPNG_PACKET)
			break;
		if (c->ng.nif > c->nisrc && !add_interfaces(c)) {
			fprintf(stderr, "leaksniff: %s: packet %llu: %s\n",
			    c->name, (unsigned long long)c->ng.packets,
			    c->expr != NULL ? "no filter for its interface" :
			    "out of memory");
			return -1;
		}
		if (r.ifid != c->cur) {
			c->cur = r.ifid;
			engine_set_interface(e, c->isrc[r.ifid]);
		}
		if (c->expr != NULL) {
			struct pcap_pkthdr h = { { (time_t)(r.ts_us / 1000000),
			    (suseconds_t)(r.ts_us % 1000000) }, r.caplen, r.len };
			if (!pcap_offline_filter(&c->iprog[r.ifid], &h, r.data))
				continue;
		}
		c->cnt++;
		engine_packet(e, r.ts_us, r.caplen, r.len, r.data, c->cnt);
	}
	if (rc == PCAPNG_END)
		return 0;
	if (rc == PCAPNG_READERR && interrupted(c))
		return CAPTURE_INTERRUPTED;	/* not damage */
	if (rc == PCAPNG_READERR && capfile_zerror(&c->cf) == NULL)
		fprintf(stderr, "leaksniff: %s: packet %llu at byte offset %llu: "
		    "%s\n", c->name, (unsigned long long)c->ng.packets + 1,
		    (unsigned long long)c->ng.at, strerror(errno));
	else if (rc == PCAPNG_READERR)
		read_error(c, "");
	else
		fprintf(stderr, "leaksniff: %s: packet %llu at byte offset "
		    "%llu%s: %s\n", c->name,
		    (unsigned long long)c->ng.packets + 1,
		    (unsigned long long)c->ng.at, c->cf.z != NULL ?
		    " of the decompressed stream" : "", c->ng.why);
	return -1;
}

/* A classic file's read ended (pcapfile's rc, r->offset the record's
 * start): say why when it is not the file's end. */
static int
records_end(struct ls_capture *c, int rc, const struct ls_pcaprec *r)
{
	int err = errno;

	if (rc == PCAPFILE_END && capfile_zerror(&c->cf) == NULL)
		return 0;
	if (rc == PCAPFILE_READ_ERROR && interrupted(c))
		return CAPTURE_INTERRUPTED;	/* not damage */
	if (capfile_zerror(&c->cf) != NULL)
		fprintf(stderr, "leaksniff: %s: %s\n", c->name,
		    capfile_zerror(&c->cf));
	else
		fprintf(stderr, "leaksniff: %s: packet %llu at byte offset "
		    "%llu%s: %s\n", c->name,
		    (unsigned long long)c->cf.records + 1,
		    (unsigned long long)r->offset,
		    c->cf.z != NULL ? " of the decompressed stream" : "",
		    rc == PCAPFILE_DAMAGE ? c->pf.why : strerror(err));
	return -1;
}

/* A classic file: its records straight from pcapfile's block. */
static int
run_records(struct ls_capture *c, struct ls_engine *e)
{
	struct ls_pcaprec r;
	int rc;

	for (;;) {
		if (interrupted(c))
			return CAPTURE_INTERRUPTED;
		for (int i = 0; i < RUN_BATCH; i++) {
			if ((rc = pcapfile_next(&c->pf, &r)) != PCAPFILE_REC)
				return records_end(c, rc, &r);
			c->cf.records++;
			if (c->filtered) {
				struct pcap_pkthdr h;
				h.ts.tv_sec = (time_t)(r.ts_us / 1000000u);
				h.ts.tv_usec = (suseconds_t)(r.ts_us % 1000000u);
				h.caplen = r.caplen;
				h.len = r.len;
				if (!pcap_offline_filter(&c->prog, &h, r.data))
					continue;
			}
			c->cnt++;
			engine_packet(e, r.ts_us, r.caplen, r.len, r.data,
			    c->cnt);
		}
	}
}

int
capture_run(struct ls_capture *c, struct ls_engine *e)
{
	struct dispatch_ctx d = { c, e };
	int rc;

	if (c->ng_on)
		return run_pcapng(c, e);
	if (c->own)
		return run_records(c, e);
	for (;;) {
		if (interrupted(c))
			return CAPTURE_INTERRUPTED;
		rc = pcap_dispatch(c->pcap, RUN_BATCH, on_packet, (u_char *)&d);
		if (rc > 0)
			continue;
		if (rc == 0) {
			if (!c->live)
				return 0;	/* end of file */
			continue;		/* live timeout */
		}
		if (rc == PCAP_ERROR_BREAK && c->cf.why[0] == '\0')
			return 0;
		if (rc != PCAP_ERROR_BREAK && interrupted(c))
			return CAPTURE_INTERRUPTED;	/* not damage */
		/* the file is damaged at this record */
		if (!c->live && capfile_zerror(&c->cf) != NULL)
			fprintf(stderr, "leaksniff: %s: %s\n", c->name,
			    capfile_zerror(&c->cf));
		else if (!c->live)
			fprintf(stderr, "leaksniff: %s: packet %llu at byte "
			    "offset %llu%s: %s\n", c->name,
			    (unsigned long long)c->cf.records + 1,
			    (unsigned long long)(rc == PCAP_ERROR_BREAK ?
			    c->cf.next : capfile_damage_at(&c->cf)),
			    c->cf.z != NULL ? " of the decompressed stream" : "",
			    rc == PCAP_ERROR_BREAK ? c->cf.why :
			    pcap_geterr(c->pcap));
		else
			fprintf(stderr, "leaksniff: %s: packet %llu: %s\n",
			    c->name, (unsigned long long)c->cnt + 1,
			    pcap_geterr(c->pcap));
		return -1;
	}
}

int
capture_fd(struct ls_capture *c)
{
	char errbuf[PCAP_ERRBUF_SIZE];

	if (pcap_setnonblock(c->pcap, 1, errbuf) != 0)
		return -1;
	return pcap_get_selectable_fd(c->pcap);
}

/* Everything on_packet leaves out: live, a filter, a record to look at. */
static void __attribute__((noinline))
on_packet_full(struct dispatch_ctx *d, const struct pcap_pkthdr *h,
    const u_char *data)
{
	struct ls_capture *c = d->c;
	uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;

	if (!c->live) {
		if (!capfile_record(&c->cf, h->caplen)) {
			pcap_breakloop(c->pcap);	/* damage: stop here */
			return;
		}
		if (c->filtered && !pcap_offline_filter(&c->prog, h, data))
			return;
	}
	c->cnt++;
	engine_packet(d->e, ts, h->caplen, h->len, data, c->cnt);
}

/* A packet of a file, unfiltered, its record plain: straight on, with no
 * call but the engine's (a tail call). */
static void
on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct dispatch_ctx *d = (struct dispatch_ctx *)arg;
	struct ls_capture *c = d->c;

	if (c->live || c->filtered || !capfile_record_fast(&c->cf, h->caplen)) {
		on_packet_full(d, h, data);
		return;
	}
	c->cnt++;
	engine_packet(d->e, (uint64_t)h->ts.tv_sec * 1000000u +
	    (uint64_t)h->ts.tv_usec, h->caplen, h->len, data, c->cnt);
}

int
capture_dispatch(struct ls_capture *c, struct ls_engine *e)
{
	struct dispatch_ctx d = { c, e };
	int n = pcap_dispatch(c->pcap, 256, on_packet, (u_char *)&d);

	if (n == PCAP_ERROR) {
		fprintf(stderr, "leaksniff: %s: capture stopped: %s\n", c->name,
		    pcap_geterr(c->pcap));
		return -1;
	}
	return n < 0 ? 0 : n;
}

void
capture_drops(struct ls_capture *c, uint64_t *kernel, uint64_t *iface)
{
	struct pcap_stat ps;

	*kernel = *iface = 0;
	if (!c->live || pcap_stats(c->pcap, &ps) != 0)
		return;
	*kernel = ps.ps_drop;
	*iface = ps.ps_ifdrop;
}
