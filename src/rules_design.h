/* SPDX-License-Identifier: MIT */
/*
 * rules_design.h - the rule file's exposure_severity: table and by_design:
 * list, parsed from the YAML tree rules.c loaded (rules_design.c); their
 * matching is declared in rules.h.  Only rules.c includes this.
 */
#ifndef RULES_DESIGN_H
#define RULES_DESIGN_H

#include <stdbool.h>
#include <stdio.h>

#include <yaml.h>

#include "rules.h"

/* Is key a top-level key of ours? */
bool		rules_design_key(const char *key);
/* Parse the value v of top-level key into rs; every problem printed to
 * err as "name:line:col: message"; returns how many there were. */
unsigned	rules_design_parse(const char *name, FILE *err,
		    yaml_document_t *doc, const char *key, yaml_node_t *v,
		    struct ls_ruleset *rs);
void		rules_design_free(struct ls_ruleset *rs);

#endif /* RULES_DESIGN_H */
