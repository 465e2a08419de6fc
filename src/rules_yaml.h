/* SPDX-License-Identifier: MIT */
/*
 * rules_yaml.h - the small helpers every rule-file parser shares (rules.c,
 * rules_design.c): a node's scalar text, and allocations that end the run
 * when memory is out (a rule file is read once, at start-up).
 */
#ifndef RULES_YAML_H
#define RULES_YAML_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

/* n's text when it is a scalar; NULL for anything else (or no node). */
static inline const char *
yaml_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE ?
	    (const char *)n->data.scalar.value : NULL;
}

static inline char *
rules_xstrdup(const char *s)
{
	char *d = strdup(s);

	if (d == NULL) {
		perror("strdup");
		exit(2);
	}
	return d;
}

static inline void *
rules_xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n == 0 ? 1 : n, sz);

	if (p == NULL) {
		perror("calloc");
		exit(2);
	}
	return p;
}

#endif /* RULES_YAML_H */
