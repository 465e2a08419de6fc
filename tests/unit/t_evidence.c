/* SPDX-License-Identifier: MIT */
/*
 * t_evidence.c - the evidence writer: classic pcap for one link type (read
 * back with libpcap), pcapng once a second link type comes (libpcap reads
 * multi-IDB pcapng only when every IDB has one link type, so the blocks
 * are checked byte by byte), the header of an empty file, a bad path.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "evidence.h"
#include "pcapng.h"

static char path[64];

static int
setup(void **state)
{
	(void)state;
	snprintf(path, sizeof(path), "/tmp/t_evidence.%ld.pcap", (long)getpid());
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	unlink(path);
	return 0;
}

static uint8_t *
slurp(size_t *n)
{
	FILE *f = fopen(path, "rb");
	uint8_t *b = malloc(1 << 16);

	assert_non_null(f);
	assert_non_null(b);
	*n = fread(b, 1, 1 << 16, f);
	fclose(f);
	return b;
}

static uint32_t
u32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static uint16_t
u16(const uint8_t *p)
{
	uint16_t v;

	memcpy(&v, p, 2);
	return v;
}

static const uint8_t f1[60] = { 1, 2, 3, 4, 5, 6 };
static const uint8_t f2[41] = { 0x45, 0, 0, 41 };
static const uint8_t f3[7] = { 9, 8, 7, 6, 5, 4, 3 };

/* One link type: classic pcap, as libpcap reads it. */
static void
t_pcap(void **state)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	struct ls_evidence *ev = evidence_open(path, false);

	(void)state;
	assert_non_null(ev);
	evidence_write(ev, DLT_EN10MB, NULL, 1000001, sizeof(f1), 1514, f1);
	evidence_write(ev, DLT_EN10MB, NULL, 2000002, sizeof(f3), sizeof(f3), f3);
	assert_int_equal(evidence_close(ev, DLT_RAW), 0);

	pcap_t *p = pcap_open_offline(path, err);
	assert_non_null(p);
	assert_int_equal(pcap_datalink(p), DLT_EN10MB);
	assert_int_equal(pcap_next_ex(p, &h, &d), 1);
	assert_int_equal(h->ts.tv_sec, 1);
	assert_int_equal(h->ts.tv_usec, 1);
	assert_int_equal(h->caplen, sizeof(f1));
	assert_int_equal(h->len, 1514);
	assert_memory_equal(d, f1, sizeof(f1));
	assert_int_equal(pcap_next_ex(p, &h, &d), 1);
	assert_int_equal(h->ts.tv_usec, 2);
	assert_memory_equal(d, f3, sizeof(f3));
	assert_int_equal(pcap_next_ex(p, &h, &d), PCAP_ERROR_BREAK);
	pcap_close(p);
}

/* Check one EPB at b + *o: interface, time, lengths, bytes, padding. */
static void
epb(const uint8_t *b, size_t *o, uint32_t ifid, uint64_t ts,
    const uint8_t *frame, uint32_t caplen, uint32_t len)
{
	uint32_t total = 32 + ((caplen + 3) & ~3u);

	assert_int_equal(u32(b + *o), 6);
	assert_int_equal(u32(b + *o + 4), total);
	assert_int_equal(u32(b + *o + 8), ifid);
	assert_int_equal(((uint64_t)u32(b + *o + 12) << 32 | u32(b + *o + 16)),
	    ts);
	assert_int_equal(u32(b + *o + 20), caplen);
	assert_int_equal(u32(b + *o + 24), len);
	assert_memory_equal(b + *o + 28, frame, caplen);
	for (uint32_t i = caplen; i < ((caplen + 3) & ~3u); i++)
		assert_int_equal(b[*o + 28 + i], 0);
	assert_int_equal(u32(b + *o + total - 4), total);
	*o += total;
}

static void
idb(const uint8_t *b, size_t *o, uint16_t linktype)
{
	assert_int_equal(u32(b + *o), 1);
	assert_int_equal(u32(b + *o + 4), 20);
	assert_int_equal(u16(b + *o + 8), linktype);
	assert_int_equal(u32(b + *o + 12), 262144);
	assert_int_equal(u32(b + *o + 16), 20);
	*o += 20;
}

/*
 * Two link types: the pcap written so far becomes pcapng in place (SHB,
 * IDB EN10MB, its EPBs), then an IDB for RAW (file link type 101) and
 * packets of either interface.
 */
static void
t_pcapng(void **state)
{
	struct ls_evidence *ev = evidence_open(path, false);
	size_t n, o = 0;

	(void)state;
	assert_non_null(ev);
	evidence_write(ev, DLT_EN10MB, NULL, 1000001, sizeof(f1), 1514, f1);
	evidence_write(ev, DLT_EN10MB, NULL, 1000002, sizeof(f3), sizeof(f3), f3);
	evidence_write(ev, DLT_RAW, NULL, 5000000, sizeof(f2), sizeof(f2), f2);
	evidence_write(ev, DLT_EN10MB, NULL, 6000000, sizeof(f3), 99, f3);
	evidence_write(ev, DLT_RAW, NULL, 7000000, sizeof(f2), sizeof(f2), f2);
	assert_int_equal(evidence_close(ev, DLT_EN10MB), 0);

	uint8_t *b = slurp(&n);
	/* SHB: type, length, byte-order magic, version 1.0, no length */
	assert_int_equal(u32(b), 0x0a0d0d0a);
	assert_int_equal(u32(b + 4), 28);
	assert_int_equal(u32(b + 8), 0x1a2b3c4d);
	assert_int_equal(u16(b + 12), 1);
	assert_int_equal(u16(b + 14), 0);
	assert_int_equal(u32(b + 16), 0xffffffff);
	assert_int_equal(u32(b + 20), 0xffffffff);
	assert_int_equal(u32(b + 24), 28);
	o = 28;
	idb(b, &o, 1);
	epb(b, &o, 0, 1000001, f1, sizeof(f1), 1514);
	epb(b, &o, 0, 1000002, f3, sizeof(f3), sizeof(f3));
	idb(b, &o, 101);
	epb(b, &o, 1, 5000000, f2, sizeof(f2), sizeof(f2));
	epb(b, &o, 0, 6000000, f3, sizeof(f3), 99);
	epb(b, &o, 1, 7000000, f2, sizeof(f2), sizeof(f2));
	assert_int_equal(o, n);		/* nothing else, nothing left over */
	free(b);
}

/*
 * One link type, two interfaces (a pcapng of eth0 and wlan0 read with -r):
 * the second name makes the file pcapng, each interface's IDB carries its
 * if_name, and each packet keeps its own (read back with src/pcapng.c).
 */
static void
t_pcapng_interfaces(void **state)
{
	struct ls_evidence *ev = evidence_open(path, false);
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	FILE *fp;

	(void)state;
	assert_non_null(ev);
	evidence_write(ev, DLT_EN10MB, "eth0", 1000001, sizeof(f1), 1514, f1);
	evidence_write(ev, DLT_EN10MB, "wlan0", 1000002, sizeof(f3),
	    sizeof(f3), f3);
	evidence_write(ev, DLT_EN10MB, "eth0", 1000003, sizeof(f3),
	    sizeof(f3), f3);
	assert_int_equal(evidence_close(ev, DLT_EN10MB), 0);

	assert_non_null(fp = fopen(path, "rb"));
	assert_int_equal(pcapng_open(&ng, fp), PCAPNG_PACKET);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 0);
	assert_int_equal(r.ts_us, 1000001);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 1);
	assert_memory_equal(r.data, f3, sizeof(f3));
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_PACKET);
	assert_int_equal(r.ifid, 0);
	assert_int_equal(pcapng_next(&ng, &r), PCAPNG_END);
	assert_int_equal(ng.nif, 2);
	assert_string_equal(ng.ifs[0].name, "eth0");
	assert_string_equal(ng.ifs[1].name, "wlan0");
	assert_int_equal(ng.ifs[1].linktype, 1);
	pcapng_free(&ng);
	fclose(fp);
}

/* Nothing written: still a valid capture, of the link type named. */
static void
t_empty(void **state)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	struct ls_evidence *ev = evidence_open(path, true);

	(void)state;
	assert_non_null(ev);
	assert_int_equal(evidence_close(ev, DLT_LINUX_SLL), 0);
	pcap_t *p = pcap_open_offline(path, err);
	assert_non_null(p);
	assert_int_equal(pcap_datalink(p), DLT_LINUX_SLL);
	assert_int_equal(pcap_next_ex(p, &h, &d), PCAP_ERROR_BREAK);
	pcap_close(p);
}

/* A bad path fails at open; a full disk counts every lost packet. */
static void
t_errors(void **state)
{
	FILE *saved = stderr;
	char buf[512] = "";

	(void)state;
	stderr = fmemopen(buf, sizeof(buf), "w");
	assert_null(evidence_open("/nonexistent/dir/x.pcap", false));
	struct ls_evidence *ev = evidence_open("/dev/full", true);
	assert_non_null(ev);
	evidence_write(ev, DLT_EN10MB, NULL, 1, sizeof(f1), sizeof(f1), f1);
	evidence_write(ev, DLT_EN10MB, NULL, 2, sizeof(f1), sizeof(f1), f1);
	assert_int_equal(evidence_close(ev, DLT_EN10MB), 2);
	fclose(stderr);
	stderr = saved;
	assert_non_null(strstr(buf, "/nonexistent/dir/x.pcap: No such file"));
	assert_non_null(strstr(buf, "/dev/full: write error"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(t_pcap, setup, teardown),
		cmocka_unit_test_setup_teardown(t_pcapng, setup, teardown),
		cmocka_unit_test_setup_teardown(t_pcapng_interfaces, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(t_empty, setup, teardown),
		cmocka_unit_test(t_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
