/* SPDX-License-Identifier: ISC */
/*
 * The report's overall status, the first thing a reader sees: one level
 * per profile and for the whole report, with the data sets that hold it
 * back named in plain words (DESIGN.md, decision 24).
 *
 *   green  proven restorable within target (which needs a local or pinned
 *          key), its journal anchored, no open exception
 *   amber  proven, but the journal is not anchored or an exception that is
 *          not a security event is still open
 *   red    not proven, or any integrity finding (exit 4), or a security
 *          event still open
 *
 * It reads only the facts document, after the inventory has amended the
 * verdicts, so every format shows the same status.  Also the glossary.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* The short cause of a verdict reason, by code; 0 when none fits. */
static const struct {
	const char	*code;
	enum rst_msg	 why;
} causes[] = {
	{ "unreadable", RST_MSG_W_UNREADABLE },
	{ "journal_broken", RST_MSG_W_JOURNAL },
	{ "no_backup", RST_MSG_W_NO_BACKUP },
	{ "rpo_exceeded", RST_MSG_W_RPO },
	{ "rpo_negative", RST_MSG_W_RPO },
	{ "no_rpo_target", RST_MSG_W_NO_TARGET },
	{ "no_rto_target", RST_MSG_W_NO_TARGET },
	{ "no_drill", RST_MSG_W_NO_DRILL },
	{ "last_drill_failed", RST_MSG_W_DRILL_FAILED },
	{ "drill_rto_exceeded", RST_MSG_W_RTO },
	{ "snapshot_unchecked", RST_MSG_W_UNCHECKED },
	{ "snapshot_missing", RST_MSG_W_INTEGRITY },
	{ "snapshot_unverified", RST_MSG_W_INTEGRITY },
	{ "history_rewritten", RST_MSG_W_INTEGRITY },
	{ "key_unpinned", RST_MSG_W_KEY },
	{ "key_mismatch", RST_MSG_W_KEY },
};

bool
rst_report_anchored(const json_t *profile)
{
	return rst_jbool(json_object_get(profile, "journal"), "anchored");
}

static const char *
level_name(int level)
{
	return level == 2 ? "red" : level == 1 ? "amber" : "green";
}

/* Append one cause (deduplicated) to whys. */
static void
add_why(json_t *whys, const char *code, char *text)
{
	const json_t *w;
	size_t i;

	if (text == NULL)
		return;
	json_array_foreach(whys, i, w)
		if (strcmp(rst_jstr(w, "text"), text) == 0) {
			free(text);
			return;
		}
	json_array_append_new(whys, json_pack("{s:s, s:s}", "code", code,
	    "text", text));
	free(text);
}

static void
verdict_whys(const json_t *p, enum rst_lang l, json_t *whys)
{
	const json_t *r;
	char win[64];
	size_t i, k;

	rst_fmt_duration(l, rst_jnum(json_object_get(p, "targets"),
	    "drill_interval_seconds"), win, sizeof(win));
	json_array_foreach(json_object_get(json_object_get(p, "verdict"),
	    "reasons"), i, r) {
		if (rst_jbool(r, "ok") || rst_jstr(r, "code") == NULL)
			continue;
		for (k = 0; k < sizeof(causes) / sizeof(causes[0]); k++)
			if (strcmp(causes[k].code, rst_jstr(r, "code")) == 0)
				break;
		if (k < sizeof(causes) / sizeof(causes[0]))
			add_why(whys, rst_jstr(r, "code"), rst_msgf(l,
			    causes[k].why, 1, win));
		else if (rst_jstr(r, "text") != NULL)
			add_why(whys, rst_jstr(r, "code"),
			    strdup(rst_jstr(r, "text")));
	}
}

/* Open exceptions of a profile: security events and the others. */
static void
open_counts(const json_t *p, size_t *sec, size_t *other)
{
	const json_t *x;
	size_t i;

	*sec = *other = 0;
	json_array_foreach(json_object_get(p, "incidents"), i, x) {
		if (strcmp(rst_jstr(x, "status") ? rst_jstr(x, "status") : "",
		    "open") != 0)
			continue;
		if (rst_jbool(x, "security"))
			(*sec)++;
		else
			(*other)++;
	}
}

/* One profile's level (0 green, 1 amber, 2 red) and its causes. */
static int
profile_status(json_t *p, enum rst_lang l)
{
	json_t *whys = json_array(), *f;
	size_t i, sec, other, integ = 0;
	char n[32];
	int level = 0;

	open_counts(p, &sec, &other);
	json_array_foreach(json_object_get(p, "findings"), i, f)
		integ += rst_jbool(f, "integrity");
	if (!rst_jbool(json_object_get(p, "verdict"), "restorable")) {
		verdict_whys(p, l, whys);
		level = 2;
	}
	if (integ > 0 || sec > 0) {
		add_why(whys, "integrity", rst_msgf(l, integ > 0 ?
		    RST_MSG_W_INTEGRITY : RST_MSG_W_SECURITY, 0));
		level = 2;
	}
	if (level < 2 && !rst_report_anchored(p)) {
		add_why(whys, "not_anchored", rst_msgf(l,
		    RST_MSG_W_NOT_ANCHORED, 0));
		level = 1;
	}
	if (level < 2 && other > 0) {
		snprintf(n, sizeof(n), "%zu", other);
		add_why(whys, "open_exceptions", rst_msgf(l,
		    RST_MSG_W_OPEN_EXC, 1, n));
		level = 1;
	}
	json_object_set_new(p, "status", json_pack("{s:s, s:o}", "level",
	    level_name(level), "causes", whys));
	return level;
}

static int
app(struct rst_buf *b, const char *s)
{
	return rst_buf_append(b, s, strlen(s)) != 0;
}

/* "name (cause, cause); name (cause)" for the profiles at level. */
static char *
name_list(const json_t *profiles, const char *level)
{
	struct rst_buf b = RST_BUF_INIT;
	const json_t *p, *w, *st;
	size_t i, k, n = 0;
	int bad = 0;

	json_array_foreach(profiles, i, p) {
		st = json_object_get(p, "status");
		if (strcmp(rst_jstr(st, "level"), level) != 0)
			continue;
		bad |= app(&b, n++ ? "; " : "");
		bad |= app(&b, rst_jstr(p, "name"));
		bad |= app(&b, " (");
		json_array_foreach(json_object_get(st, "causes"), k, w) {
			bad |= app(&b, k ? ", " : "");
			bad |= app(&b, rst_jstr(w, "text"));
		}
		bad |= app(&b, ")");
	}
	bad |= rst_buf_append(&b, "", 1) != 0;
	if (bad) {
		rst_buf_release(&b);
		return NULL;
	}
	return (char *)b.data;
}

void
rst_report_status(json_t *doc, enum rst_lang l)
{
	json_t *profiles = json_object_get(doc, "profiles"), *p, *names;
	const json_t *in = json_object_get(doc, "integrity");
	size_t i, n = json_array_size(profiles), at[3] = { 0, 0, 0 };
	char a[32], b[32], *list, *text;
	int level = 0, pl;

	names = json_array();
	json_array_foreach(profiles, i, p) {
		pl = profile_status(p, l);
		at[pl]++;
		if (pl > level)
			level = pl;
		if (pl == 2)
			json_array_append(names, json_object_get(p, "name"));
	}
	if (n == 0 || rst_jnum(in, "broken") > 0 ||
	    rst_jnum(in, "findings") > 0)
		level = 2;
	snprintf(b, sizeof(b), "%zu", n);
	snprintf(a, sizeof(a), "%zu", level == 2 ? at[2] : at[0] + at[1]);
	list = name_list(profiles, level_name(level));
	if (level == 2 && at[2] == 0)
		text = rst_msgf(l, RST_MSG_ST_RED_JOURNALS, 0);
	else if (level == 2)
		text = rst_msgf(l, RST_MSG_ST_RED, 3, a, b, list ? list : "");
	else if (level == 1)
		text = rst_msgf(l, RST_MSG_ST_AMBER, 3, a, b, list ? list : "");
	else
		text = rst_msgf(l, RST_MSG_ST_GREEN, 1, b);
	free(list);
	json_object_set_new(doc, "status", json_pack("{s:s, s:s?, s:o}",
	    "level", level_name(level), "text", text, "not_proven", names));
	free(text);
}

json_t *
rst_report_glossary(enum rst_lang l)
{
	static const struct {
		const char	*id;
		enum rst_msg	 term, text;
	} terms[] = {
		{ "rpo", RST_MSG_RPO, RST_MSG_G_RPO },
		{ "rto", RST_MSG_RTO, RST_MSG_G_RTO },
		{ "drill", RST_MSG_KIND_DRILL, RST_MSG_G_DRILL },
		{ "snapshot", RST_MSG_SNAPSHOT, RST_MSG_G_SNAPSHOT },
		{ "journal", RST_MSG_JOURNAL, RST_MSG_G_JOURNAL },
	};
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "id",
		    terms[i].id, "term", rst_msg(l, terms[i].term), "text",
		    rst_msg(l, terms[i].text)));
	return a;
}
