/* SPDX-License-Identifier: MIT */
/*
 * capture.c - the only libpcap user of the audit pipeline.
 *
 * Files are opened with fopen + a 64 KiB setvbuf + pcap_fopen_offline:
 * libpcap's own open reads in 4 KiB steps, which costs a third of the read
 * time on large captures, and a buffer much larger than 64 KiB no longer
 * stays in the cache between the read and libpcap's copy (1 MiB was ~15%
 * slower on the bench capture).  Packets are read in batches through
 * pcap_dispatch; a damaged record (caplen beyond snaplen, a short header,
 * a giant pcapng block) ends the file with a message naming the packet
 * number and byte offset, after everything before the damage has been
 * processed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "capture.h"
#include "decode.h"
#include "engine.h"

#define FILE_BUF	(64u << 10)

struct ls_capture {
	pcap_t		*pcap;
	FILE		*fp;		/* files: owned by pcap once opened */
	char		*fbuf;
	char		*name;
	bool		 live;
	uint64_t	 cnt;
};

struct ls_evidence {
	pcap_t		*dead;
	pcap_dumper_t	*dump;
	char		*path;
	int		 dlt;
	bool		 flush_each;
	uint64_t	 errors;
};

struct ls_capture *
capture_open_file(const char *path)
{
	char errbuf[PCAP_ERRBUF_SIZE] = "";
	struct ls_capture *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->name = strdup(path);
	if (strcmp(path, "-") == 0)
		c->fp = stdin;
	else if ((c->fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "leaksniff: %s: %s\n", path, strerror(errno));
		goto err;
	}
	c->fbuf = malloc(FILE_BUF);
	if (c->fbuf != NULL)
		setvbuf(c->fp, c->fbuf, _IOFBF, FILE_BUF);
	c->pcap = pcap_fopen_offline_with_tstamp_precision(c->fp,
	    PCAP_TSTAMP_PRECISION_MICRO, errbuf);
	if (c->pcap == NULL) {
		fprintf(stderr, "leaksniff: %s: not a capture libpcap can read: "
		    "%s\n", path, errbuf);
		if (c->fp != stdin)
			fclose(c->fp);
		c->fp = NULL;
		goto err;
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
	if (c->pcap != NULL)
		pcap_close(c->pcap);	/* closes c->fp too */
	free(c->fbuf);
	free(c->name);
	free(c);
}

int
capture_dlt(const struct ls_capture *c)
{
	return pcap_datalink(c->pcap);
}

const char *
capture_dlt_name(const struct ls_capture *c)
{
	const char *n = pcap_datalink_val_to_name(pcap_datalink(c->pcap));
	return n != NULL ? n : "unknown";
}

bool
capture_set_filter(struct ls_capture *c, const char *expr)
{
	struct bpf_program prog;

	if (pcap_compile(c->pcap, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) != 0) {
		fprintf(stderr, "leaksniff: %s: bad filter `%s': %s\n", c->name,
		    expr, pcap_geterr(c->pcap));
		return false;
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

int
capture_run(struct ls_capture *c, struct ls_engine *e, volatile int *stop)
{
	struct dispatch_ctx d = { c, e };
	int rc;

	for (;;) {
		if (stop != NULL && *stop)
			return 0;
		rc = pcap_dispatch(c->pcap, RUN_BATCH, on_packet, (u_char *)&d);
		if (rc > 0)
			continue;
		if (rc == 0) {
			if (!c->live)
				return 0;	/* end of file */
			continue;		/* live timeout */
		}
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		/* PCAP_ERROR: the file is damaged at this record */
		long off = c->live ? -1 : ftell(pcap_file(c->pcap));
		if (off >= 0)
			fprintf(stderr, "leaksniff: %s: packet %llu at byte "
			    "offset %ld: %s\n", c->name,
			    (unsigned long long)c->cnt + 1, off,
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

static void
on_packet(u_char *arg, const struct pcap_pkthdr *h, const u_char *data)
{
	struct dispatch_ctx *d = (struct dispatch_ctx *)arg;
	uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u + (uint64_t)h->ts.tv_usec;

	d->c->cnt++;
	engine_packet(d->e, ts, h->caplen, h->len, data, d->c->cnt);
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

struct ls_evidence *
evidence_open(const char *path, int dlt, bool flush_each)
{
	struct ls_evidence *ev = calloc(1, sizeof(*ev));

	if (ev == NULL)
		return NULL;
	ev->dlt = dlt;
	ev->flush_each = flush_each;
	ev->path = strdup(path);
	ev->dead = pcap_open_dead(dlt, 262144);
	if (ev->dead == NULL)
		goto err;
	ev->dump = pcap_dump_open(ev->dead, path);
	if (ev->dump == NULL) {
		fprintf(stderr, "leaksniff: %s: %s\n", path,
		    pcap_geterr(ev->dead));
		pcap_close(ev->dead);
		goto err;
	}
	return ev;
err:
	free(ev->path);
	free(ev);
	return NULL;
}

void
evidence_write(void *arg, uint64_t ts_us, uint32_t caplen, uint32_t len,
    const uint8_t *frame)
{
	struct ls_evidence *ev = arg;
	struct pcap_pkthdr h;

	h.ts.tv_sec = (time_t)(ts_us / 1000000);
	h.ts.tv_usec = (suseconds_t)(ts_us % 1000000);
	h.caplen = caplen;
	h.len = len;
	pcap_dump((u_char *)ev->dump, &h, frame);
	if ((ev->flush_each && pcap_dump_flush(ev->dump) != 0) ||
	    ferror(pcap_dump_file(ev->dump))) {
		if (ev->errors == 0)
			fprintf(stderr, "leaksniff: %s: write error: %s\n",
			    ev->path, strerror(errno));
		ev->errors++;
		clearerr(pcap_dump_file(ev->dump));
	}
}

uint64_t
evidence_close(struct ls_evidence *ev)
{
	uint64_t errors;

	if (ev == NULL)
		return 0;
	if (pcap_dump_flush(ev->dump) != 0) {
		fprintf(stderr, "leaksniff: %s: write error: %s\n", ev->path,
		    strerror(errno));
		ev->errors++;
	}
	pcap_dump_close(ev->dump);
	pcap_close(ev->dead);
	errors = ev->errors;
	free(ev->path);
	free(ev);
	return errors;
}
