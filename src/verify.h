/* SPDX-License-Identifier: MIT */
/*
 * verify.h - regression mode (-x): compare what a run found with an
 * expectations file, for VPN client teams testing in CI.  The format is in
 * docs/expect.md.
 */
#ifndef VERIFY_H
#define VERIFY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "report.h"

struct ls_verify;

/* Parse; every problem is printed as FILE:LINE:COL: message.  NULL on error. */
struct ls_verify	*verify_load(const char *path, FILE *err);
struct ls_verify	*verify_parse_buffer(const char *name, const char *buf,
			    size_t len, FILE *err);
void			 verify_free(struct ls_verify *);

/*
 * A reporter that records every leak and tunnel change, then passes the
 * event on to `next` (which may be NULL).
 */
struct ls_reporter	*verify_reporter(struct ls_verify *,
			    struct ls_reporter *next);
/*
 * Compare; print the differences to out.  True when everything holds.
 * incomplete: why the audit did not read everything (a capture unreadable,
 * damaged, or the run interrupted), or NULL.  Expectations only hold on a
 * complete audit: then the differences are still printed, the last line
 * says why nothing is confirmed, and the answer is false.
 */
bool			 verify_check(struct ls_verify *,
			    const struct ls_stats *, const char *incomplete,
			    FILE *out);

#endif /* VERIFY_H */
