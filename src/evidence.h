/* SPDX-License-Identifier: MIT */
/*
 * evidence.h - the evidence file (-w): every packet of every leaked flow,
 * classic pcap while all have one link type, pcapng once there are more.
 */
#ifndef EVIDENCE_H
#define EVIDENCE_H

#include <stdbool.h>
#include <stdint.h>

struct ls_evidence;

/*
 * Create (truncate) path now, so that a bad path is one error at the start.
 * flush_each: write through after every packet (live: nothing lost on a
 * crash or kill).  Prints "leaksniff: PATH: why" and returns NULL.
 */
struct ls_evidence	*evidence_open(const char *path, bool flush_each);
/* One packet of a source of link type dlt (libpcap's DLT_ value) on
 * interface ifname (NULL: unnamed); a new pair is a new pcapng interface. */
void			 evidence_write(struct ls_evidence *, int dlt,
			    const char *ifname, uint64_t ts_us, uint32_t caplen, uint32_t len,
			    const uint8_t *frame);
/*
 * Flush and close; a file nothing was written to gets the pcap header of
 * empty_dlt.  Returns the number of packets that could not be written.
 */
uint64_t		 evidence_close(struct ls_evidence *, int empty_dlt);

#endif /* EVIDENCE_H */
