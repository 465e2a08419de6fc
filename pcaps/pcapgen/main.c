/* SPDX-License-Identifier: MIT */
/*
 * main.c - pcapgen's command line: which captures to write, where.
 *
 *   pcapgen DIR            write every scenario into DIR
 *   pcapgen DIR NAME...    write only those
 *   pcapgen --list         name and purpose of each scenario
 *   pcapgen --bench N FILE the benchmark capture (bulk.c)
 *   pcapgen --flood N FILE N new TCP flows (bulk.c)
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapgen.h"


int
main(int argc, char **argv)
{
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (const struct scenario *s = scenarios; s->name != NULL; s++)
			printf("%-24s %s\n", s->name, s->what);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--flood") == 0)
		return flood_capture(argv[3], strtoul(argv[2], NULL, 10));
	if (argc == 4 && strcmp(argv[1], "--bench") == 0) {
		char *end;
		unsigned long n = strtoul(argv[2], &end, 10);
		if (*end != '\0' || n < 100) {
			fprintf(stderr, "pcapgen: --bench: `%s' is not a packet "
			    "count of at least 100\n", argv[2]);
			return 2;
		}
		return bench_capture(argv[3], n);
	}
	if (argc < 2) {
		fprintf(stderr, "usage: pcapgen DIR [NAME...] | pcapgen --list | "
		    "pcapgen --bench NPACKETS FILE\n");
		return 2;
	}
	for (const struct scenario *s = scenarios; s->name != NULL; s++) {
		bool want = argc == 2;
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], s->name) == 0)
				want = true;
		if (want)
			s->run(argv[1], s);
	}
	for (int i = 2; i < argc; i++) {
		bool known = false;
		for (const struct scenario *s = scenarios; s->name != NULL; s++)
			known |= strcmp(argv[i], s->name) == 0;
		if (!known) {
			fprintf(stderr, "pcapgen: no scenario `%s'\n", argv[i]);
			rc = 2;
		}
	}
	return rc;
}
