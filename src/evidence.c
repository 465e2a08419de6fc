/* SPDX-License-Identifier: MIT */
/*
 * evidence.c - the evidence file (-w): every packet of every leaked flow.
 *
 * Written by hand, not with pcap_dump: libpcap 1.10 writes classic pcap
 * only, which holds one link type.  The file is classic pcap (the header
 * pcap_dump writes, host byte order, microseconds, snaplen 262144) as long
 * as every packet has the link type and interface of the first; when a
 * packet of another comes, the file is rewritten in place as pcapng (RFC
 * draft "PCAP Next Generation"): a Section Header Block, one Interface
 * Description Block per link type and interface name (the packet's
 * in_iface, written as if_name: a pcapng of several interfaces read with
 * -r keeps each packet's own), an Enhanced Packet Block per packet.
 * The rewrite runs from the last record back to the first: each EPB is
 * larger than the pcap record it replaces, so no record is overwritten
 * before it has been read.  A file that cannot seek (a pipe) cannot be
 * rewritten: packets of another link type are then counted as not written.
 *
 * The header is written with the first packet, or at close with the link
 * type the caller names, so a run without leaks still leaves a valid,
 * empty capture.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

#define EV_SNAPLEN	262144u
#define EV_MAX_IF	16
#define PCAP_HDR	24u
#define PCAP_REC	16u
#define SHB_LEN		28u
#define IDB_LEN		20u
#define EPB_FIXED	32u

/* libpcap's DLT_RAW is 12 on Linux; its file link type is LINKTYPE_RAW. */
#define DLT_RAW_LINUX	12
#define LINKTYPE_RAW	101

enum ev_format { EV_NONE, EV_PCAP, EV_PCAPNG };

struct ls_evidence {
	FILE		*f;
	char		*path;
	bool		 flush_each;
	enum ev_format	 format;
	int		 dlt[EV_MAX_IF];	/* pcapng interface i */
	char		 name[EV_MAX_IF][64];	/* its if_name, "" none */
	size_t		 nif;
	uint64_t	 errors;
	bool		 warned;
	uint8_t		*rec;		/* one record, for the rewrite */
};

static uint32_t
linktype(int dlt)
{
	return dlt == DLT_RAW_LINUX ? LINKTYPE_RAW : (uint32_t)dlt;
}

static void
put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static uint32_t
get32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint32_t
pad4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

static bool
put(struct ls_evidence *ev, const void *p, size_t n)
{
	return n == 0 || fwrite(p, 1, n, ev->f) == n;
}

static void
set_name(struct ls_evidence *ev, size_t i, const char *name)
{
	snprintf(ev->name[i], sizeof(ev->name[i]), "%s",
	    name != NULL ? name : "");
}

static bool
write_pcap_header(struct ls_evidence *ev, int dlt, const char *name)
{
	uint8_t h[PCAP_HDR];
	uint16_t major = 2, minor = 4;

	put32(h, 0xa1b2c3d4u);
	memcpy(h + 4, &major, 2);
	memcpy(h + 6, &minor, 2);
	put32(h + 8, 0);		/* thiszone */
	put32(h + 12, 0);		/* sigfigs */
	put32(h + 16, EV_SNAPLEN);
	put32(h + 20, linktype(dlt));
	ev->format = EV_PCAP;
	ev->dlt[0] = dlt;
	set_name(ev, 0, name);
	ev->nif = 1;
	return put(ev, h, sizeof(h));
}

static bool
write_shb(struct ls_evidence *ev)
{
	uint8_t b[SHB_LEN];
	uint16_t major = 1, minor = 0;

	put32(b, 0x0a0d0d0au);
	put32(b + 4, SHB_LEN);
	put32(b + 8, 0x1a2b3c4du);
	memcpy(b + 12, &major, 2);
	memcpy(b + 14, &minor, 2);
	memset(b + 16, 0xff, 8);	/* section length: not given */
	put32(b + 24, SHB_LEN);
	return put(ev, b, sizeof(b));
}

/* An IDB: its fixed part, if_name and opt_endofopt when named. */
static uint32_t
idb_len(const char *name)
{
	size_t n = strlen(name);

	return n == 0 ? IDB_LEN : IDB_LEN + 4 + pad4((uint32_t)n) + 4;
}

static bool
write_idb(struct ls_evidence *ev, int dlt, const char *name)
{
	uint8_t b[IDB_LEN + 4 + 64 + 4] = { 0 };
	uint16_t lt = (uint16_t)linktype(dlt), reserved = 0;
	uint16_t code = 2, olen = (uint16_t)strlen(name);	/* if_name */
	uint32_t total = idb_len(name), at = 16;

	put32(b, 1);
	put32(b + 4, total);
	memcpy(b + 8, &lt, 2);
	memcpy(b + 10, &reserved, 2);
	put32(b + 12, EV_SNAPLEN);
	if (olen > 0) {
		memcpy(b + 16, &code, 2);
		memcpy(b + 18, &olen, 2);
		memcpy(b + 20, name, olen);
		at = 20 + pad4(olen) + 4;	/* opt_endofopt: zeros */
	}
	put32(b + at, total);
	return put(ev, b, total);
}

static uint32_t
epb_len(uint32_t caplen)
{
	return EPB_FIXED + pad4(caplen);
}

static bool
write_epb(struct ls_evidence *ev, uint32_t ifid, uint64_t ts_us,
    uint32_t caplen, uint32_t len, const uint8_t *frame)
{
	uint8_t h[28], t[8] = { 0 };
	uint32_t total = epb_len(caplen);

	put32(h, 6);
	put32(h + 4, total);
	put32(h + 8, ifid);
	put32(h + 12, (uint32_t)(ts_us >> 32));
	put32(h + 16, (uint32_t)ts_us);
	put32(h + 20, caplen);
	put32(h + 24, len);
	put32(t + pad4(caplen) - caplen, total);
	return put(ev, h, sizeof(h)) && put(ev, frame, caplen) &&
	    put(ev, t, pad4(caplen) - caplen + 4);
}

static bool
write_pcap_rec(struct ls_evidence *ev, uint64_t ts_us, uint32_t caplen,
    uint32_t len, const uint8_t *frame)
{
	uint8_t h[PCAP_REC];

	put32(h, (uint32_t)(ts_us / 1000000));
	put32(h + 4, (uint32_t)(ts_us % 1000000));
	put32(h + 8, caplen);
	put32(h + 12, len);
	return put(ev, h, sizeof(h)) && put(ev, frame, caplen);
}

/* Offsets of every record of the classic pcap written so far. */
static long *
pcap_offsets(struct ls_evidence *ev, size_t *n)
{
	long *off = NULL, pos = PCAP_HDR;
	size_t cap = 0;
	uint8_t h[PCAP_REC];

	*n = 0;
	if (fseek(ev->f, pos, SEEK_SET) != 0)
		return NULL;
	while (fread(h, 1, sizeof(h), ev->f) == sizeof(h)) {
		if (*n == cap) {
			long *o = realloc(off, (cap = cap * 2 + 256) * sizeof(*o));
			if (o == NULL) {
				free(off);
				return NULL;
			}
			off = o;
		}
		off[(*n)++] = pos;
		pos += (long)(PCAP_REC + get32(h + 8));
		if (fseek(ev->f, pos, SEEK_SET) != 0) {
			free(off);
			return NULL;
		}
	}
	if (off == NULL)
		off = malloc(sizeof(*off));
	return off;
}

/*
 * Classic pcap to pcapng, in place: SHB, IDB 0, then every record as an
 * EPB of interface 0, last record first.
 */
static bool
to_pcapng(struct ls_evidence *ev)
{
	size_t n;
	long *off, *noff;
	bool ok = false;

	if (fflush(ev->f) != 0 || fseek(ev->f, 0, SEEK_END) != 0)
		return false;
	if (ev->rec == NULL &&
	    (ev->rec = malloc(PCAP_REC + EV_SNAPLEN)) == NULL)
		return false;
	if ((off = pcap_offsets(ev, &n)) == NULL)
		return false;
	if ((noff = malloc((n + 1) * sizeof(*noff))) == NULL)
		goto out;
	noff[0] = (long)(SHB_LEN + idb_len(ev->name[0]));
	for (size_t i = 0; i < n; i++) {
		uint8_t h[PCAP_REC];
		if (fseek(ev->f, off[i], SEEK_SET) != 0 ||
		    fread(h, 1, sizeof(h), ev->f) != sizeof(h))
			goto out;
		noff[i + 1] = noff[i] + (long)epb_len(get32(h + 8));
	}
	for (size_t i = n; i-- > 0;) {
		uint8_t *r = ev->rec;
		if (fseek(ev->f, off[i], SEEK_SET) != 0 ||
		    fread(r, 1, PCAP_REC, ev->f) != PCAP_REC)
			goto out;
		uint32_t caplen = get32(r + 8);
		if (caplen > EV_SNAPLEN ||
		    fread(r + PCAP_REC, 1, caplen, ev->f) != caplen ||
		    fseek(ev->f, noff[i], SEEK_SET) != 0)
			goto out;
		uint64_t ts = (uint64_t)get32(r) * 1000000u + get32(r + 4);
		if (!write_epb(ev, 0, ts, caplen, get32(r + 12), r + PCAP_REC))
			goto out;
	}
	if (fseek(ev->f, 0, SEEK_SET) != 0 || !write_shb(ev) ||
	    !write_idb(ev, ev->dlt[0], ev->name[0]) || fseek(ev->f, noff[n], SEEK_SET) != 0)
		goto out;
	ev->format = EV_PCAPNG;
	ok = true;
out:
	free(off);
	free(noff);
	return ok;
}

struct ls_evidence *
evidence_open(const char *path, bool flush_each)
{
	struct ls_evidence *ev = calloc(1, sizeof(*ev));

	if (ev == NULL || (ev->path = strdup(path)) == NULL) {
		fprintf(stderr, "leaksniff: %s: out of memory\n", path);
		free(ev);
		return NULL;
	}
	ev->flush_each = flush_each;
	if ((ev->f = fopen(path, "w+b")) == NULL &&
	    (ev->f = fopen(path, "wb")) == NULL) {	/* a FIFO, /dev/stdout */
		fprintf(stderr, "leaksniff: %s: %s\n", path, strerror(errno));
		free(ev->path);
		free(ev);
		return NULL;
	}
	return ev;
}

/* The interface for dlt and name, added (and the file made pcapng) when
 * new. */
static int
iface_of(struct ls_evidence *ev, int dlt, const char *name)
{
	for (size_t i = 0; i < ev->nif; i++)
		if (ev->dlt[i] == dlt && strcmp(ev->name[i], name) == 0)
			return (int)i;
	if (ev->nif == EV_MAX_IF)
		return -1;
	if (ev->format == EV_PCAP && !to_pcapng(ev)) {
		if (!ev->warned)
			fprintf(stderr, "leaksniff: %s: leaked packets of another "
			    "link type are not written (the file cannot be "
			    "rewritten as pcapng)\n", ev->path);
		ev->warned = true;
		return -1;
	}
	if (!write_idb(ev, dlt, name))
		return -1;
	ev->dlt[ev->nif] = dlt;
	set_name(ev, ev->nif, name);
	return (int)ev->nif++;
}

static void
write_error(struct ls_evidence *ev)
{
	if (ev->errors == 0)
		fprintf(stderr, "leaksniff: %s: write error: %s\n", ev->path,
		    strerror(errno));
	ev->errors++;
	clearerr(ev->f);
}

void
evidence_write(struct ls_evidence *ev, int dlt, const char *ifname,
    uint64_t ts_us, uint32_t caplen, uint32_t len, const uint8_t *frame)
{
	char name[64];
	bool ok;

	snprintf(name, sizeof(name), "%s", ifname != NULL ? ifname : "");

	if (caplen > EV_SNAPLEN)
		caplen = EV_SNAPLEN;
	if (ev->format == EV_NONE && !write_pcap_header(ev, dlt, name)) {
		write_error(ev);
		ev->format = EV_NONE;
		return;
	}
	if (ev->format == EV_PCAP && dlt == ev->dlt[0] &&
	    strcmp(name, ev->name[0]) == 0)
		ok = write_pcap_rec(ev, ts_us, caplen, len, frame);
	else {
		int i = iface_of(ev, dlt, name);
		if (i < 0) {
			ev->errors++;
			return;
		}
		ok = write_epb(ev, (uint32_t)i, ts_us, caplen, len, frame);
	}
	if (!ok || (ev->flush_each && fflush(ev->f) != 0) || ferror(ev->f))
		write_error(ev);
}

uint64_t
evidence_close(struct ls_evidence *ev, int empty_dlt)
{
	uint64_t errors;

	if (ev == NULL)
		return 0;
	if (ev->format == EV_NONE)
		(void)write_pcap_header(ev, empty_dlt, NULL);
	if (fclose(ev->f) != 0) {
		fprintf(stderr, "leaksniff: %s: write error: %s\n", ev->path,
		    strerror(errno));
		ev->errors++;
	}
	errors = ev->errors;
	free(ev->rec);
	free(ev->path);
	free(ev);
	return errors;
}
