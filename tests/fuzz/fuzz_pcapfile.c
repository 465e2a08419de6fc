/* SPDX-License-Identifier: MIT */
/*
 * fuzz_pcapfile.c - the classic pcap record reader: the first 8 bytes
 * choose the magic (byte order, precision, Kuznetzov), version and snap
 * length, the rest is the records; every record handed on must lie
 * inside the input and under the snap length.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "pcapfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint32_t magics[] = { 0xa1b2c3d4u, 0xd4c3b2a1u,
	    0xa1b23c4du, 0x4d3cb2a1u, 0xa1b2cd34u, 0x34cdb2a1u };
	struct ls_pcapfile pf;
	struct ls_pcaprec r;
	uint32_t snap;
	FILE *fp;

	if (size < 8)
		return 0;
	memcpy(&snap, data + 4, 4);
	snap %= 1u << 20;		/* as libpcap bounds it per link type */
	fp = fmemopen((void *)(uintptr_t)(data + 8), size - 8, "rb");
	if (fp == NULL)
		return 0;
	if (pcapfile_open(&pf, fp, 24, magics[data[0] % 6], data[1] % 5,
	    snap, data[2] & 1, -1)) {
		int rc;
		while ((rc = pcapfile_next(&pf, &r)) == PCAPFILE_REC)
			if (r.caplen > snap || r.offset < 24 ||
			    r.offset - 24 + r.caplen > size - 8)
				__builtin_trap();
		pcapfile_close(&pf);
	}
	fclose(fp);
	return 0;
}
