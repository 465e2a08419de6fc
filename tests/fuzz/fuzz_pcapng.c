/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pcapng.c - a whole pcapng through leaksniff's own reader
 * (src/pcapng.c, fmemopen, no disk) and on into the pipeline with a
 * source per interface, as capture.c does: the interface and its link type
 * change per packet (engine_set_interface).  The reader's promises are
 * checked: a packet's bytes lie inside its block, its interface is one the
 * file described, and damage is named at a block inside the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "engine.h"
#include "pcapng.h"
#include "report.h"
#include "rules.h"

#define NSRC	8

static struct ls_ruleset *rules;
static FILE *devnull;
/* one engine for every input: nDPI's start-up costs 80 M instructions */
static struct ls_engine *eng;
static struct ls_reporter rep;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[NSRC] = { "if0", "if1", "if2", "if3", "if4",
	    "if5", "if6", "if7" };
	struct ls_source file = { "fuzz", NULL, true, 1, 0, 0 };
	struct ls_source src[NSRC];
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	uint32_t cur = UINT32_MAX;
	uint64_t n = 0;
	FILE *fp;
	int rc;

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
	rc = pcapng_open(&ng, fp);
	rep.ops = size & 1 ? &report_text_ops : &report_json_ops;
	engine_begin_source(eng, &file);
	while (rc == PCAPNG_PACKET && n < 10000 &&
	    (rc = pcapng_next(&ng, &r)) == PCAPNG_PACKET) {
		if (r.ifid >= ng.nif || r.data < ng.buf ||
		    r.data + r.caplen > ng.buf + ng.cap || ng.off > size)
			abort();
		if (r.ifid != cur) {
			struct ls_source *s = &src[r.ifid % NSRC];
			*s = file;
			s->iface = names[r.ifid % NSRC];
			s->dlt = (int)ng.ifs[r.ifid].linktype;
			s->ifno = r.ifid;
			cur = r.ifid;
			engine_set_interface(eng, s);
		}
		engine_packet(eng, r.ts_us, r.caplen, r.len, r.data, ++n);
	}
	if (rc == PCAPNG_DAMAGE && ng.at > size)
		abort();
	engine_end_source(eng);
	rep.ops->end(&rep, engine_stats(eng), "fuzz");
	pcapng_free(&ng);
	fclose(fp);
	return 0;
}
