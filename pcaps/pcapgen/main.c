/* SPDX-License-Identifier: MIT */
/*
 * main.c - pcapgen's command line: which captures to write, where.
 *
 *   pcapgen DIR            write every scenario into DIR
 *   pcapgen DIR NAME...    write only those
 *   pcapgen --list         name and purpose of each scenario
 *   pcapgen --bench N [--shape NAME] FILE
 *                          a benchmark capture of that shape (bulk.c)
 *   pcapgen --flood N FILE N new TCP flows (bulk.c)
 *   pcapgen --help         the usage, on stdout
 *
 * Exit status 0, or 2 for a bad command line or a file it could not write
 * (named on stderr).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pcapgen.h"


static const char usage[] =
    "usage: pcapgen DIR [NAME...]    write every scenario, or the NAMEd ones, into DIR\n"
    "       pcapgen --list           name and purpose of each scenario\n"
    "       pcapgen --bench N [--shape NAME] FILE\n"
    "                                a benchmark capture: exactly N packets (N >= 100)\n"
    "                                of shape NAME (default carrier1); prints its leak\n"
    "                                flows by class, one \"class count\" a line\n"
    "       pcapgen --flood N FILE   N new TCP flows around a WireGuard carrier\n"
    "       pcapgen --help           this text\n"
    "shapes (--shape):\n";

/* A packet or flow count: digits only, at least min. */
static bool
parse_count(const char *opt, const char *arg, unsigned long min,
    unsigned long *n)
{
	char *end;

	errno = 0;
	*n = strtoul(arg, &end, 10);
	if (arg[0] < '0' || arg[0] > '9' || *end != '\0' || errno != 0 ||
	    *n < min) {
		fprintf(stderr, "pcapgen: %s: `%s' is not a count of at least "
		    "%lu\n", opt, arg, min);
		return false;
	}
	return true;
}

static const struct scenario *
find_scenario(const char *name)
{
	for (const struct scenario *s = scenarios; s->name != NULL; s++)
		if (strcmp(name, s->name) == 0)
			return s;
	return NULL;
}

static bool
wanted(const struct scenario *s, char **names, int nnames)
{
	if (nnames == 0)
		return true;
	for (int i = 0; i < nnames; i++)
		if (strcmp(names[i], s->name) == 0)
			return true;
	return false;
}

/* pcapgen DIR [NAME...]: every name is checked before anything is written. */
static int
write_scenarios(const char *dir, char **names, int nnames)
{
	struct stat st;
	int rc = 0;

	for (int i = 0; i < nnames; i++)
		if (find_scenario(names[i]) == NULL) {
			fprintf(stderr, "pcapgen: no scenario `%s' (pcapgen "
			    "--list names them)\n", names[i]);
			rc = 2;
		}
	if (rc != 0)
		return rc;
	if (stat(dir, &st) != 0) {
		fprintf(stderr, "pcapgen: %s: %s\n", dir, strerror(errno));
		return 2;
	}
	if (!S_ISDIR(st.st_mode)) {
		fprintf(stderr, "pcapgen: %s: not a directory\n", dir);
		return 2;
	}
	for (const struct scenario *s = scenarios; s->name != NULL; s++)
		if (wanted(s, names, nnames) && s->run(dir, s) != 0)
			rc = 2;
	return rc;
}

int
main(int argc, char **argv)
{
	unsigned long n;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0)) {
		fputs(usage, stdout);
		bench_shapes(stdout);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (const struct scenario *s = scenarios; s->name != NULL; s++)
			printf("%-24s %s\n", s->name, s->what);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "--flood") == 0)
		return parse_count("--flood", argv[2], 1, &n) ?
		    flood_capture(argv[3], n) : 2;
	if (argc == 4 && strcmp(argv[1], "--bench") == 0)
		return parse_count("--bench", argv[2], 100, &n) ?
		    bench_capture(argv[3], "carrier1", n) : 2;
	if (argc == 6 && strcmp(argv[1], "--bench") == 0 &&
	    strcmp(argv[3], "--shape") == 0)
		return parse_count("--bench", argv[2], 100, &n) ?
		    bench_capture(argv[5], argv[4], n) : 2;
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2)
			fprintf(stderr, "pcapgen: bad command line at `%s'\n",
			    argv[1]);
		fputs(usage, stderr);
		bench_shapes(stderr);
		return 2;
	}
	return write_scenarios(argv[1], argv + 2, argc - 2);
}
