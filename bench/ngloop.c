/* SPDX-License-Identifier: MIT */
/*
 * ngloop.c - the readloop of bench/readloop.c through leaksniff's own
 * pcapng reader (src/pcapng.c), for docs/performance.md: read every
 * packet, touch its first byte, count the interfaces.
 *
 *   cc -O2 -Isrc -o ngloop bench/ngloop.c src/pcapng.c
 *   ngloop FILE
 */
#include <stdio.h>

#include "pcapng.h"

int
main(int argc, char **argv)
{
	static char buf[65536];
	struct ls_pcapng ng;
	struct ls_pcapng_rec r;
	unsigned long n = 0, sum = 0;
	FILE *fp;
	int rc;

	if (argc != 2 || (fp = fopen(argv[1], "rb")) == NULL) {
		fprintf(stderr, "usage: ngloop FILE\n");
		return 2;
	}
	setvbuf(fp, buf, _IOFBF, sizeof(buf));
	rc = pcapng_open(&ng, fp);
	while (rc == PCAPNG_PACKET && (rc = pcapng_next(&ng, &r)) ==
	    PCAPNG_PACKET) {
		n++;
		sum += r.caplen > 0 ? r.data[0] : 0;
	}
	if (rc != PCAPNG_END)
		fprintf(stderr, "ngloop: %s: at byte %llu: %s\n", argv[1],
		    (unsigned long long)ng.at, ng.why);
	printf("%lu packets, %u interfaces (%lu)\n", n, ng.nif, sum & 1);
	pcapng_free(&ng);
	fclose(fp);
	return rc != PCAPNG_END;
}
