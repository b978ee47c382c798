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

/* The next item of the scope line; a separator unless it is the first. */
static void
item(struct rst_out *o, enum rst_msg label, int *n)
{
	if ((*n)++ > 0)
		rst_out_raw(o, " &#183; ");
	rst_out_raw(o, "<strong>");
	rst_out_msg(o, label);
	rst_out_raw(o, ":</strong> ");
}

void
rst_html_scope(struct rst_out *o, const json_t *doc)
{
	const json_t *sc = json_object_get(doc, "scope");
	bool named = rst_jhas(sc, "named");
	int n = 0;

	rst_out_raw(o, "<p class=\"meta\" id=\"scope\"><strong>");
	rst_out_msg(o, RST_MSG_SCOPE);
	rst_out_raw(o, ":</strong> ");
	if (rst_jhas(sc, "repository") && !named) {
		rst_html_sentence(o, RST_MSG_SCOPE_FLEET, 1,
		    rst_jstr(sc, "repository"), NULL);
		n++;
	} else if (rst_jhas(sc, "repository")) {
		rst_out_msg(o, RST_MSG_C_REPOSITORY);
		rst_out_raw(o, " ");
		rst_out_html(o, rst_jstr(sc, "repository"));
		n++;
	} else if (!named) {
		rst_out_msg(o, RST_MSG_SCOPE_LOCAL);
		n++;
	}
	item(o, RST_MSG_HOST, &n);
	rst_out_html(o, rst_jstr(sc, "host"));
	item(o, RST_MSG_SCOPE_PROFILES, &n);
	names(o, json_object_get(sc, "profiles"), RST_MSG_NONE);
	if (rst_jhas(sc, "found")) {
		item(o, RST_MSG_SCOPE_FOUND, &n);
		names(o, json_object_get(sc, "found"), RST_MSG_NONE);
		item(o, RST_MSG_SCOPE_NAMED, &n);
		names(o, json_object_get(sc, "named"), RST_MSG_SCOPE_ALL);
	} else {
		item(o, RST_MSG_SCOPE_LEFT_OUT, &n);
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

/* A duration field, or unset ("not configured", "not recorded"). */
static void
dur_or_unset(struct rst_out *o, const json_t *obj, const char *key,
    enum rst_msg unset)
{
	if (rst_jhas(obj, key))
		rst_html_dur(o, obj, key);
	else
		rst_out_msg(o, unset);
}

/* A list of paths or globs: hidden, unset (null), or the list. */
static void
paths(struct rst_out *o, const json_t *s, const char *key,
    enum rst_msg empty, enum rst_msg unset)
{
	if (rst_jbool(s, "hidden"))
		rst_out_msg(o, RST_MSG_C_HIDDEN);
	else if (!rst_jhas(s, key))
		rst_out_msg(o, unset);
	else {
		rst_out_raw(o, "<code>");
		names(o, json_object_get(s, key), empty);
		rst_out_raw(o, "</code>");
	}
	rst_out_raw(o, "</td></tr>");
}

static void
sources(struct rst_out *o, const json_t *s, enum rst_msg unset)
{
	row(o, RST_MSG_C_SOURCES);
	paths(o, s, "paths", RST_MSG_NONE, unset);
	row(o, RST_MSG_C_EXCLUDES);
	paths(o, s, "exclude", RST_MSG_NOT_CONFIGURED, unset);
}

static void
where(struct rst_out *o, const json_t *c, enum rst_msg unset)
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
	if (json_is_object(ol) && !rst_jhas(ol, "days")) {
		snprintf(days, sizeof(days), "%lld", rst_jint(ol,
		    "locked_copies"));
		rst_html_sentence(o, RST_MSG_C_LOCK_SEEN, 1, days, NULL);
	} else if (json_is_object(ol)) {
		snprintf(days, sizeof(days), "%lld", rst_jint(ol, "days"));
		rst_html_sentence(o, RST_MSG_C_LOCK_DAYS, 2, days,
		    rst_jstr(ol, "mode") ? rst_jstr(ol, "mode") : "?");
	} else
		rst_out_msg(o, unset);
	rst_out_raw(o, "</td></tr>");
}

static void
plan(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *s = json_object_get(c, "schedule");
	const json_t *r = json_object_get(c, "retention");
	static const char *const keeps[] = { "keep_last", "keep_daily",
	    "keep_weekly", "keep_monthly" };
	size_t i, n = 0;

	row(o, RST_MSG_C_SCHEDULE);
	rst_out_msg(o, RST_MSG_KIND_BACKUP);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "backup_seconds", unset);
	rst_out_raw(o, " &#183; ");
	rst_out_msg(o, RST_MSG_KIND_DRILL);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "drill_seconds", unset);
	rst_out_raw(o, " &#183; ");
	rst_out_msg(o, RST_MSG_KIND_PRUNE);
	rst_out_raw(o, " ");
	dur_or_unset(o, s, "prune_seconds", unset);
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_RETENTION);
	for (i = 0; i < sizeof(keeps) / sizeof(keeps[0]); i++)
		if (rst_jhas(r, keeps[i]))
			rst_out_printf(o, "%s<code>%s = %lld</code>",
			    n++ ? ", " : "", keeps[i], rst_jint(r, keeps[i]));
	if (n == 0)
		rst_out_msg(o, unset);
	rst_out_raw(o, "</td></tr>");
}

/* Encryption, compression and part size. */
static void
stream(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *e = json_object_get(c, "encryption");
	const json_t *z = json_object_get(c, "compression");
	const char *mode = rst_jstr(e, "mode"), *alg = rst_jstr(z,
	    "algorithm");
	char n[32];

	row(o, RST_MSG_C_ENCRYPTION);
	snprintf(n, sizeof(n), "%lld", rst_jint(e, "recipients"));
	if (mode == NULL)
		rst_out_msg(o, unset);
	else if (strcmp(mode, "age") == 0 && rst_jhas(e, "recipients"))
		rst_html_sentence(o, RST_MSG_C_ENC_AGE, 1, n, NULL);
	else if (strcmp(mode, "age") == 0)
		rst_html_sentence(o, RST_MSG_C_ENC_AGE_FPR, 1, rst_jhas(e,
		    "recipients_sha256") ? rst_jstr(e, "recipients_sha256") :
		    "?", NULL);
	else
		rst_out_msg(o, RST_MSG_C_ENC_NONE);
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_COMPRESSION);
	snprintf(n, sizeof(n), "%lld", rst_jint(z, "level"));
	if (alg == NULL)
		rst_out_msg(o, unset);
	else if (rst_jhas(z, "level"))
		rst_html_sentence(o, RST_MSG_C_COMPRESSION_LEVEL, 2, alg, n);
	else
		rst_out_html(o, alg);
	rst_out_raw(o, "</td></tr>");
	row(o, RST_MSG_C_PART_SIZE);
	if (rst_jhas(c, "part_size"))
		rst_html_size(o, c, "part_size");
	else
		rst_out_msg(o, unset);
	rst_out_raw(o, "</td></tr>");
}

/* Where the block comes from, for a profile not configured here. */
static void
origin(struct rst_out *o, const json_t *c)
{
	const json_t *m = json_object_get(c, "manifest");

	rst_out_raw(o, "<p class=\"config-source\">");
	if (rst_jhas(m, "snapshot"))
		rst_html_sentence(o, RST_MSG_C_FROM_MANIFEST, 1, rst_jstr(m,
		    "snapshot"), NULL);
	else
		rst_out_msg(o, RST_MSG_C_NO_MANIFEST);
	rst_out_raw(o, "</p>");
}

void
rst_html_config(struct rst_out *o, const json_t *p)
{
	const json_t *c = json_object_get(p, "config");
	const char *src = rst_jstr(c, "source");
	bool rec = src != NULL && strcmp(src, "manifest") == 0;
	enum rst_msg unset = rec ? RST_MSG_C_NOT_RECORDED :
	    RST_MSG_NOT_CONFIGURED;

	rst_out_raw(o, "<p class=\"evidence-from\">");
	if (rst_jhas(p, "evidence_from"))
		rst_html_sentence(o, RST_MSG_EVIDENCE_FROM, 1,
		    rst_jstr(p, "evidence_from"), NULL);
	else
		rst_out_msg(o, RST_MSG_NO_EVIDENCE);
	rst_out_raw(o, "</p>");
	if (rec)
		origin(o, c);
	rst_out_raw(o, "<div class=\"scroll\"><table class=\"facts "
	    "config\"><caption>");
	rst_out_msg(o, RST_MSG_CONFIGURATION);
	rst_out_raw(o, "</caption>");
	if (!json_is_object(c)) {
		row(o, RST_MSG_CONFIGURATION);
		rst_out_msg(o, RST_MSG_C_UNKNOWN);
		rst_out_raw(o, "</td></tr></table></div>\n");
		return;
	}
	sources(o, json_object_get(c, "sources"), unset);
	stream(o, c, unset);
	where(o, c, unset);
	plan(o, c, unset);
	rst_out_raw(o, "</table></div>\n");
}
