/* SPDX-License-Identifier: MIT */
/*
 * readloop.c - the physical limit for leaksniff -r: read every packet of a
 * capture with libpcap and touch its first byte, nothing else.
 *
 *   readloop FILE        libpcap's own file open (4 KiB stdio reads)
 *   readloop -b FILE     fopen + 64 KiB setvbuf + pcap_fopen_offline
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pcap/pcap.h>

int
main(int argc, char **argv)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	unsigned long n = 0, sum = 0;
	pcap_t *p;
	int big = argc == 3 && strcmp(argv[1], "-b") == 0;

	if (argc != 2 && !big) {
		fprintf(stderr, "usage: readloop [-b] FILE\n");
		return 2;
	}
	if (big) {
		FILE *fp = fopen(argv[2], "rb");
		static char buf[65536];
		if (fp == NULL) {
			perror(argv[2]);
			return 2;
		}
		setvbuf(fp, buf, _IOFBF, sizeof(buf));
		p = pcap_fopen_offline(fp, errbuf);
	} else
		p = pcap_open_offline(argv[1], errbuf);
	if (p == NULL) {
		fprintf(stderr, "readloop: %s\n", errbuf);
		return 2;
	}
	while (pcap_next_ex(p, &h, &d) == 1) {
		n++;
		sum += h->caplen > 0 ? d[0] : 0;
	}
	printf("%lu packets (%lu)\n", n, sum & 1);
	pcap_close(p);
	return 0;
}
