/* SPDX-License-Identifier: MIT */
/*
 * expect.h - regression mode (-x): compare what a run found with an
 * expectations file, for VPN client teams testing in CI.  The format is in
 * docs/expect.md.
 */
#ifndef EXPECT_H
#define EXPECT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

struct ls_expect;

/* Parse; every problem is printed as FILE:LINE:COL: message.  NULL on error. */
struct ls_expect	*expect_load(const char *path, FILE *err);
struct ls_expect	*expect_parse_buffer(const char *name, const char *buf,
			    size_t len, FILE *err);
void			 expect_free(struct ls_expect *);

/*
 * A reporter that records every leak and tunnel change, then passes the
 * event on to `next` (which may be NULL).
 */
struct ls_reporter	*expect_reporter(struct ls_expect *,
			    struct ls_reporter *next);
/* Compare; print the differences to out.  True when everything holds. */
bool			 expect_check(struct ls_expect *,
			    const struct ls_stats *, FILE *out);

#endif /* EXPECT_H */
