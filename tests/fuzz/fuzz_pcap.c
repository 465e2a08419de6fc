/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pcap.c - a whole capture file through the pipeline: libpcap's file
 * parser (fmemopen + pcap_fopen_offline, no disk), the decoders, nDPI, the
 * extractors, the flow table and both reporters (to /dev/null).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

#include "decode.h"
#include "engine.h"
#include "report.h"
#include "rules.h"

static struct ls_ruleset *rules;
static FILE *devnull;
/* one engine for every input: nDPI's start-up costs 80 M instructions */
static struct ls_engine *eng;
static struct ls_reporter rep;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *pkt;
	FILE *fp;
	pcap_t *p;

	if (devnull == NULL) {
		devnull = fopen("/dev/null", "w");
		rules = rules_load("rules/default.yaml", stderr);
		if (rules == NULL)
			abort();
		rep.ops = &report_json_ops;
		rep.out = devnull;
		struct ls_engine_cfg cfg = {
			.rules = rules, .max_flows = 64, .outage_after = 5,
			.decide_after = 1,
		};
		eng = engine_new(&cfg, &rep);
		if (eng == NULL)
			abort();
	}
	if (size == 0)
		return 0;
	fp = fmemopen((void *)(uintptr_t)data, size, "rb");
	if (fp == NULL)
		return 0;
	p = pcap_fopen_offline(fp, errbuf);
	if (p == NULL) {
		fclose(fp);
		return 0;
	}
	if (!decode_supported(pcap_datalink(p))) {
		pcap_close(p);
		return 0;
	}
	rep.ops = size & 1 ? &report_text_ops : &report_json_ops;
	struct ls_engine *e = eng;
	struct ls_source src = { "fuzz", NULL, true, pcap_datalink(p), 0 };
	uint64_t n = 0;

	engine_begin_source(e, &src);
	while (pcap_next_ex(p, &h, &pkt) == 1 && n < 10000) {
		uint64_t ts = (uint64_t)h->ts.tv_sec * 1000000u +
		    (uint64_t)h->ts.tv_usec;
		engine_packet(e, ts, h->caplen, h->len, pkt, ++n);
	}
	engine_end_source(e);
	rep.ops->end(&rep, engine_stats(e), "fuzz");
	pcap_close(p);
	return 0;
}
