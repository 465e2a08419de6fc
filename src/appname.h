/* SPDX-License-Identifier: MIT */
/*
 * appname.h - is a rule's `app:' value a name nDPI can give a flow?
 *
 * A rule naming an app nDPI never reports matches nothing, silently: a
 * typo in an allow rule would leak nothing, one in a leak rule would hide
 * every leak it was written for.  So the rule parser asks here, and an
 * unknown name is an error that suggests the nearest known ones.
 */
#ifndef APPNAME_H
#define APPNAME_H

#include <stdbool.h>
#include <stddef.h>

#define APPNAME_SUGGEST	3	/* nearest names offered, at most */

/*
 * name is "Proto" or "Master.App" (each part a known name), compared
 * case-insensitively as rules_match does.  When it is unknown, returns
 * false and writes to hint what to say: the part that is unknown and up to
 * APPNAME_SUGGEST known names within a small edit distance of it.  When
 * nDPI's names cannot be had at all, every name is taken.
 */
struct ls_appnames {
	char	**names;	/* NULL: not loaded yet, or nDPI failed */
	size_t	  n;
	bool	  loaded;
};

/* names is loaded on first use (one rule file's parse) and freed with
 * appnames_free. */
bool	appname_check(struct ls_appnames *, const char *name, char *hint,
	    size_t hintlen);
void	appnames_free(struct ls_appnames *);

/* Optimal string alignment distance, case-insensitive; cut at max + 1. */
unsigned appname_distance(const char *a, const char *b, unsigned max);

#endif /* APPNAME_H */
