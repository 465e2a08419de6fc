/* SPDX-License-Identifier: MIT */
/*
 * rules_match.c - evaluating a finished rule set against one flow's facts:
 * the first matching rule gives the class, every other leak rule that
 * matches before an allow rule adds a tag.  No YAML here (rules.c).
 */
#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "rules.h"

/* "DNS" matches "DNS", "DNS.Google" and "HTTP.DNS"-style names. */
static bool
app_match(const char *want, const char *app)
{
	size_t n = strlen(want);
	const char *dot;

	if (app == NULL)
		return false;
	if (strcasecmp(want, app) == 0)
		return true;
	if (strncasecmp(want, app, n) == 0 && app[n] == '.')
		return true;
	dot = strchr(app, '.');
	return dot != NULL && strcasecmp(want, dot + 1) == 0;
}

static bool
rule_matches(const struct ls_rule *r, const struct ls_flow_facts *f)
{
	switch (r->dest) {
	case DEST_NONLOCAL:
		if (!f->nonlocal)
			return false;
		break;
	case DEST_UNICAST:
		if (!f->srv_unicast)
			return false;
		break;
	case DEST_ANY:
		break;
	}
	if (r->protocols != 0 && (r->protocols & f->protocols) == 0)
		return false;
	if (r->ip_version != 0 && r->ip_version != f->ip_version)
		return false;
	if (r->transport != 0 && r->transport != f->transport)
		return false;
	if (r->ipv6_global && !f->ipv6_global)
		return false;
	if (r->napps > 0) {
		bool any = false;
		for (size_t i = 0; i < r->napps && !any; i++)
			any = app_match(r->apps[i], f->app);
		if (!any)
			return false;
	}
	if (r->nremote > 0) {
		bool any = false;
		for (size_t i = 0; i < r->nremote && !any; i++)
			any = f->srv != NULL && cidr_contains(&r->remote[i], f->srv);
		if (!any)
			return false;
	}
	if (r->nports > 0) {
		bool any = false;
		for (size_t i = 0; i < r->nports && !any; i++)
			any = f->sport >= r->ports[i].lo &&
			    f->sport <= r->ports[i].hi;
		if (!any)
			return false;
	}
	return true;
}

void
rules_match(const struct ls_ruleset *rs, const struct ls_flow_facts *f,
    struct ls_match *m)
{
	m->rule = NULL;
	m->tags = 0;
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->nrules; i++) {
		const struct ls_rule *r = &rs->rules[i];

		if (!rule_matches(r, f))
			continue;
		if (r->action == ACTION_ALLOW) {
			if (m->rule == NULL)
				m->rule = r;
			break;
		}
		if (m->rule == NULL)
			m->rule = r;
		m->tags |= 1u << r->class;
	}
	/* `ip' is "any other flow": it tags only flows it classifies */
	if (m->rule != NULL && m->rule->class != CLASS_IP)
		m->tags &= ~(1u << CLASS_IP);
}
