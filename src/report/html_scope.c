/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's scope line (host, profiles in and left out, for a
 * fleet the journals found and named) and each profile's configuration
 * block, from the facts document's "scope" and profiles[].config.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "html.h"

static void
names(struct rst_out *o, const json_t *a, enum rst_msg empty)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0) {
		rst_out_msg(o, empty);
		return;
	}
	json_array_foreach(a, i, v) {
		if (i > 0)
			rst_out_raw(o, ", ");
		rst_out_html(o, json_string_value(v));
	}
}

static void
item(struct rst_out *o, enum rst_msg label)
{
	rst_out_raw(o, " &#183; <strong>");
	rst_out_msg(o, label);
	rst_out_raw(o, ":</strong> ");
}

void
rst_html_scope(struct rst_out *o, const json_t *doc)
{
	const json_t *sc = json_object_get(doc, "scope");
	bool named = rst_jhas(sc, "named");

	rst_out_raw(o, "<p class=\"meta\" id=\"scope\"><strong>");
	rst_out_msg(o, RST_MSG_SCOPE);
	rst_out_raw(o, ":</strong> ");
	if (rst_jhas(sc, "repository") && !named)
		rst_html_sentence(o, RST_MSG_SCOPE_FLEET, 1,
		    rst_jstr(sc, "repository"), NULL);
	else if (rst_jhas(sc, "repository")) {
		rst_out_msg(o, RST_MSG_C_REPOSITORY);
		rst_out_raw(o, " ");
		rst_out_html(o, rst_jstr(sc, "repository"));
	} else if (!named)
		rst_out_msg(o, RST_MSG_SCOPE_LOCAL);
	item(o, RST_MSG_HOST);
	rst_out_html(o, rst_jstr(sc, "host"));
	item(o, RST_MSG_SCOPE_PROFILES);
	names(o, json_object_get(sc, "profiles"), RST_MSG_NONE);
	if (rst_jhas(sc, "found")) {
		item(o, RST_MSG_SCOPE_FOUND);
		names(o, json_object_get(sc, "found"), RST_MSG_NONE);
		item(o, RST_MSG_SCOPE_NAMED);
		names(o, json_object_get(sc, "named"), RST_MSG_SCOPE_ALL);
	} else {
		item(o, RST_MSG_SCOPE_LEFT_OUT);
		names(o, json_object_get(sc, "left_out"), RST_MSG_NONE);
	}
	rst_out_raw(o, "</p>");
}

static void
row(struct rst_out *o, enum rst_msg label)
{
	rst_out_raw(o, "<tr><th scope=\"row\">");
	rst_out_msg(o, label);
	rst_out_raw(o, "</th><td>");
}

/* A duration field, or "not configured". */
static void
dur_or_unset(struct rst_out *o, const json_t *obj, const char *key)
{
	if (rst_jhas(obj, key))
		rst_html_dur(o, obj, key);
	else
		rst_out_msg(o, RST_MSG_NOT_CONFIGURED);
}

static void
sources(struct rst_out *o, const json_t *s)
{
	row(o, RST_MSG_C_SOURCES);
	if (rst_jbool(s, "hidden"))
		rst_out_msg(o, RST_MSG_C_HIDDEN);
	else {
		rst_out_raw(o, "<code>");
		names(o, json_object_get(s, "paths"), RST_MSG_NONE);
		rst_out_raw(o, "</code>");
	}
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_EXCLUDES);
	if (rst_jbool(s, "hidden"))
		rst_out_msg(o, RST_MSG_C_HIDDEN);
	else {
		rst_out_raw(o, "<code>");
		names(o, json_object_get(s, "exclude"), RST_MSG_NOT_CONFIGURED);
		rst_out_raw(o, "</code>");
	}
	rst_out_raw(o, "</td></tr>");
}

static void
where(struct rst_out *o, const json_t *c)
{
	const json_t *r = json_object_get(c, "repository");
	const json_t *ol = json_object_get(c, "object_lock");
	char days[32];

	row(o, RST_MSG_C_REPOSITORY);
	rst_out_html(o, rst_jstr(r, "scheme"));
	rst_out_raw(o, "://");
	rst_out_html(o, rst_jstr(r, "host"));
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_OFFSITE);
	if (rst_jbool(c, "off_site"))
		rst_html_sentence(o, RST_MSG_C_OFFSITE_YES, 1, rst_jstr(r,
		    "host"), NULL);
	else
		rst_out_msg(o, RST_MSG_C_OFFSITE_NO);
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_OBJECT_LOCK);
	if (json_is_object(ol)) {
		snprintf(days, sizeof(days), "%lld", rst_jint(ol, "days"));
		rst_html_sentence(o, RST_MSG_C_LOCK_DAYS, 2, days,
		    rst_jstr(ol, "mode") ? rst_jstr(ol, "mode") : "?");
	} else
		rst_out_msg(o, RST_MSG_NOT_CONFIGURED);
	rst_out_raw(o, "</td></tr>");
}

static void
plan(struct rst_out *o, const json_t *c)
{
	const json_t *s = json_object_get(c, "schedule");
	const json_t *r = json_object_get(c, "retention");
	static const char *const keeps[] = { "keep_last", "keep_daily",
	    "keep_weekly", "keep_monthly" };
	size_t i, n = 0;

	row(o, RST_MSG_C_SCHEDULE);
	rst_out_msg(o, RST_MSG_KIND_BACKUP);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "backup_seconds");
	rst_out_raw(o, " &#183; ");
	rst_out_msg(o, RST_MSG_KIND_DRILL);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "drill_seconds");
	rst_out_raw(o, " &#183; ");
	rst_out_msg(o, RST_MSG_KIND_PRUNE);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "prune_seconds");
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_RETENTION);
	for (i = 0; i < sizeof(keeps) / sizeof(keeps[0]); i++)
		if (rst_jhas(r, keeps[i]))
			rst_out_printf(o, "%s<code>%s = %lld</code>",
			    n++ ? ", " : "", keeps[i], rst_jint(r, keeps[i]));
	if (n == 0)
		rst_out_msg(o, RST_MSG_NOT_CONFIGURED);
	rst_out_raw(o, "</td></tr>");
}

void
rst_html_config(struct rst_out *o, const json_t *p)
{
	const json_t *c = json_object_get(p, "config");
	const json_t *e = json_object_get(c, "encryption");
	char n[32];

	rst_out_raw(o, "<p class=\"evidence-from\">");
	if (rst_jhas(p, "evidence_from"))
		rst_html_sentence(o, RST_MSG_EVIDENCE_FROM, 1,
		    rst_jstr(p, "evidence_from"), NULL);
	else
		rst_out_msg(o, RST_MSG_NO_EVIDENCE);
	rst_out_raw(o, "</p><div class=\"scroll\"><table class=\"facts "
	    "config\"><caption>");
	rst_out_msg(o, RST_MSG_CONFIGURATION);
	rst_out_raw(o, "</caption>");
	if (!json_is_object(c)) {
		row(o, RST_MSG_CONFIGURATION);
		rst_out_msg(o, RST_MSG_C_UNKNOWN);
		rst_out_raw(o, "</td></tr></table></div>\n");
		return;
	}
	sources(o, json_object_get(c, "sources"));
	row(o, RST_MSG_C_ENCRYPTION);
	snprintf(n, sizeof(n), "%lld", rst_jint(e, "recipients"));
	if (strcmp(rst_jstr(e, "mode") ? rst_jstr(e, "mode") : "", "age") == 0)
		rst_html_sentence(o, RST_MSG_C_ENC_AGE, 1, n, NULL);
	else
		rst_out_msg(o, RST_MSG_C_ENC_NONE);
	rst_out_raw(o, "</td></tr>");
	where(o, c);
	plan(o, c);
	rst_out_raw(o, "</table></div>\n");
}
