/* SPDX-License-Identifier: MIT */
/*
 * rules_builtin.h - rules/default.yaml as bytes in the binary, generated
 * at build time (the Makefile's od step), so a binary with no installed
 * rule file still audits with the default rules.
 */
#ifndef RULES_BUILTIN_H
#define RULES_BUILTIN_H

#include <stddef.h>

#define RULES_BUILTIN_NAME	"(built-in default.yaml)"

extern const unsigned char	rules_builtin[];
extern const size_t		rules_builtin_len;

#endif /* RULES_BUILTIN_H */
