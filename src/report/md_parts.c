/* SPDX-License-Identifier: ISC */
/*
 * The Markdown report's sections that md.c does not hold (see md.h).
 * Every text goes through the Markdown escaper, labels included.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "md.h"

static void
label(struct rst_out *o, enum rst_msg m)
{
	rst_out_md(o, rst_msg(o->lang, m));
}

/* The level as a word in brackets, so it reads without colour. */
void
rst_md_status(struct rst_out *o, const json_t *doc)
{
	const json_t *st = json_object_get(doc, "status");
	const char *lv = rst_jstr(st, "level");

	rst_out_raw(o, "> **");
	rst_out_raw(o, lv == NULL ? "[RED]" : strcmp(lv, "green") == 0 ?
	    "[GREEN]" : strcmp(lv, "amber") == 0 ? "[AMBER]" : "[RED]");
	rst_out_raw(o, " ");
	rst_out_md(o, rst_jstr(st, "text"));
	rst_out_raw(o, "**\n\n");
}

void
rst_md_report_id(struct rst_out *o, const struct rst_report_meta *m)
{
	if (m->report_id == NULL)
		return;
	rst_out_raw(o, "- **");
	label(o, RST_MSG_REPORT_ID);
	rst_out_raw(o, ":** ");
	rst_out_md(o, m->report_id);
	rst_out_raw(o, " - ");
	label(o, RST_MSG_REPORT_ID_NOTE);
	rst_out_raw(o, "\n");
}

void
rst_md_glossary(struct rst_out *o, const json_t *doc)
{
	const json_t *g;
	size_t i;

	rst_out_raw(o, "## ");
	label(o, RST_MSG_GLOSSARY);
	rst_out_raw(o, "\n\n");
	json_array_foreach(json_object_get(doc, "glossary"), i, g) {
		rst_out_raw(o, "- **");
		rst_out_md(o, rst_jstr(g, "term"));
		rst_out_raw(o, ":** ");
		rst_out_md(o, rst_jstr(g, "text"));
		rst_out_raw(o, "\n");
	}
	rst_out_raw(o, "\n");
}

static void
names(struct rst_out *o, const json_t *a, enum rst_msg empty)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0)
		label(o, empty);
	json_array_foreach(a, i, v) {
		if (i > 0)
			rst_out_raw(o, ", ");
		rst_out_md(o, json_string_value(v));
	}
}

static void
item(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "- **");
	label(o, m);
	rst_out_raw(o, ":** ");
}

void
rst_md_scope(struct rst_out *o, const json_t *doc)
{
	const json_t *sc = json_object_get(doc, "scope");

	item(o, RST_MSG_HOST);
	rst_out_md(o, rst_jstr(sc, "host"));
	rst_out_raw(o, "\n");
	item(o, RST_MSG_SCOPE_PROFILES);
	names(o, json_object_get(sc, "profiles"), RST_MSG_NONE);
	rst_out_raw(o, "\n");
	if (rst_jhas(sc, "found")) {
		item(o, RST_MSG_SCOPE_FOUND);
		names(o, json_object_get(sc, "found"), RST_MSG_NONE);
		rst_out_raw(o, "\n");
		item(o, RST_MSG_SCOPE_NAMED);
		names(o, json_object_get(sc, "named"), RST_MSG_SCOPE_ALL);
	} else {
		item(o, RST_MSG_SCOPE_LEFT_OUT);
		names(o, json_object_get(sc, "left_out"), RST_MSG_NONE);
	}
	rst_out_raw(o, "\n");
}

static void
dur_or(struct rst_out *o, const json_t *obj, const char *key,
    enum rst_msg unset)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		label(o, unset);
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(obj, key), s, sizeof(s));
	rst_out_md(o, s);
}

static void
dur(struct rst_out *o, const json_t *obj, const char *key)
{
	dur_or(o, obj, key, RST_MSG_NOT_CONFIGURED);
}

static void
sentence(struct rst_out *o, enum rst_msg m, int n, const char *a,
    const char *b)
{
	char *s = rst_msgf(o->lang, m, n, a, b);

	if (s == NULL)
		o->bad = 1;
	rst_out_md(o, s);
	free(s);
}

/* Encryption, compression and part size. */
static void
config_stream(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *e = json_object_get(c, "encryption");
	const json_t *z = json_object_get(c, "compression");
	const char *mode = rst_jstr(e, "mode"), *alg = rst_jstr(z,
	    "algorithm");
	char n[32];

	item(o, RST_MSG_C_ENCRYPTION);
	snprintf(n, sizeof(n), "%lld", rst_jint(e, "recipients"));
	if (mode == NULL)
		label(o, unset);
	else if (strcmp(mode, "age") == 0 && rst_jhas(e, "recipients"))
		sentence(o, RST_MSG_C_ENC_AGE, 1, n, NULL);
	else if (strcmp(mode, "age") == 0)
		sentence(o, RST_MSG_C_ENC_AGE_FPR, 1, rst_jhas(e,
		    "recipients_sha256") ? rst_jstr(e, "recipients_sha256") :
		    "?", NULL);
	else
		label(o, RST_MSG_C_ENC_NONE);
	rst_out_raw(o, "\n");
	item(o, RST_MSG_C_COMPRESSION);
	snprintf(n, sizeof(n), "%lld", rst_jint(z, "level"));
	if (alg == NULL)
		label(o, unset);
	else if (rst_jhas(z, "level"))
		sentence(o, RST_MSG_C_COMPRESSION_LEVEL, 2, alg, n);
	else
		rst_out_md(o, alg);
	rst_out_raw(o, "\n");
	item(o, RST_MSG_C_PART_SIZE);
	if (rst_jhas(c, "part_size")) {
		rst_fmt_size(o->lang, rst_jnum(c, "part_size"), n, sizeof(n));
		rst_out_md(o, n);
	} else
		label(o, unset);
	rst_out_raw(o, "\n");
}

static void
config_where(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *r = json_object_get(c, "repository");
	const json_t *ol = json_object_get(c, "object_lock");
	char n[32];

	item(o, RST_MSG_C_REPOSITORY);
	rst_out_md(o, rst_jstr(r, "scheme"));
	rst_out_raw(o, "://");
	rst_out_md(o, rst_jstr(r, "host"));
	rst_out_raw(o, "\n");
	item(o, RST_MSG_C_OFFSITE);
	if (rst_jbool(c, "off_site"))
		sentence(o, RST_MSG_C_OFFSITE_YES, 1, rst_jstr(r, "host"),
		    NULL);
	else
		label(o, RST_MSG_C_OFFSITE_NO);
	rst_out_raw(o, "\n");
	item(o, RST_MSG_C_OBJECT_LOCK);
	snprintf(n, sizeof(n), "%lld", rst_jint(ol, rst_jhas(ol, "days") ?
	    "days" : "locked_copies"));
	if (json_is_object(ol) && !rst_jhas(ol, "days"))
		sentence(o, RST_MSG_C_LOCK_SEEN, 1, n, NULL);
	else if (json_is_object(ol))
		sentence(o, RST_MSG_C_LOCK_DAYS, 2, n, rst_jstr(ol, "mode") ?
		    rst_jstr(ol, "mode") : "?");
	else
		label(o, unset);
	rst_out_raw(o, "\n");
}

static void
config_plan(struct rst_out *o, const json_t *c, enum rst_msg unset)
{
	const json_t *s = json_object_get(c, "schedule");
	const json_t *r = json_object_get(c, "retention");
	static const char *const keeps[] = { "keep_last", "keep_daily",
	    "keep_weekly", "keep_monthly" };
	size_t i, n = 0;

	item(o, RST_MSG_C_SCHEDULE);
	label(o, RST_MSG_KIND_BACKUP);
	rst_out_raw(o, " ");
	dur_or(o, s, "backup_seconds", unset);
	rst_out_raw(o, ", ");
	label(o, RST_MSG_KIND_DRILL);
	rst_out_raw(o, " ");
	dur_or(o, s, "drill_seconds", unset);
	rst_out_raw(o, ", ");
	label(o, RST_MSG_KIND_PRUNE);
	rst_out_raw(o, " ");
	dur_or(o, s, "prune_seconds", unset);
	rst_out_raw(o, "\n");
	item(o, RST_MSG_C_RETENTION);
	for (i = 0; i < sizeof(keeps) / sizeof(keeps[0]); i++)
		if (rst_jhas(r, keeps[i])) {
			rst_out_raw(o, n++ ? ", " : "");
			rst_out_md(o, keeps[i]);
			rst_out_printf(o, " = %lld", rst_jint(r, keeps[i]));
		}
	if (n == 0)
		label(o, unset);
	rst_out_raw(o, "\n");
}

/* A list of paths or globs: hidden, unset (null), or the list. */
static void
config_paths(struct rst_out *o, const json_t *s, const char *key,
    enum rst_msg empty, enum rst_msg unset)
{
	if (rst_jbool(s, "hidden"))
		label(o, RST_MSG_C_HIDDEN);
	else if (!rst_jhas(s, key))
		label(o, unset);
	else
		names(o, json_object_get(s, key), empty);
	rst_out_raw(o, "\n");
}

void
rst_md_config(struct rst_out *o, const json_t *p)
{
	const json_t *c = json_object_get(p, "config");
	const json_t *s = json_object_get(c, "sources");
	const char *src = rst_jstr(c, "source");
	bool rec = src != NULL && strcmp(src, "manifest") == 0;
	enum rst_msg unset = rec ? RST_MSG_C_NOT_RECORDED :
	    RST_MSG_NOT_CONFIGURED;
	const json_t *m = json_object_get(c, "manifest");

	rst_out_raw(o, "### ");
	label(o, RST_MSG_CONFIGURATION);
	rst_out_raw(o, "\n\n");
	if (rst_jhas(p, "evidence_from"))
		sentence(o, RST_MSG_EVIDENCE_FROM, 1,
		    rst_jstr(p, "evidence_from"), NULL);
	else
		label(o, RST_MSG_NO_EVIDENCE);
	rst_out_raw(o, "\n\n");
	if (!json_is_object(c)) {
		label(o, RST_MSG_C_UNKNOWN);
		rst_out_raw(o, "\n\n");
		return;
	}
	if (rec && rst_jhas(m, "snapshot"))
		sentence(o, RST_MSG_C_FROM_MANIFEST, 1, rst_jstr(m,
		    "snapshot"), NULL);
	else if (rec)
		label(o, RST_MSG_C_NO_MANIFEST);
	if (rec)
		rst_out_raw(o, "\n\n");
	item(o, RST_MSG_C_SOURCES);
	config_paths(o, s, "paths", RST_MSG_NONE, unset);
	item(o, RST_MSG_C_EXCLUDES);
	config_paths(o, s, "exclude", RST_MSG_NOT_CONFIGURED, unset);
	config_stream(o, c, unset);
	config_where(o, c, unset);
	config_plan(o, c, unset);
	rst_out_raw(o, "\n");
}

void
rst_md_table_head(struct rst_out *o, const enum rst_msg *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rst_out_raw(o, "| ");
		label(o, cols[i]);
		rst_out_raw(o, " ");
	}
	rst_out_raw(o, "|\n");
	for (i = 0; i < n; i++)
		rst_out_raw(o, "|---");
	rst_out_raw(o, "|\n");
}

static void
rpo_share(struct rst_out *o, const json_t *rp)
{
	char num[32], pct[40], in[64], all[64];
	char *s;

	if (!rst_jhas(rp, "target_seconds")) {
		label(o, RST_MSG_RPO_NO_TARGET);
		rst_out_raw(o, "\n\n");
		return;
	}
	rst_fmt_number(o->lang, rst_jnum(rp, "share_within") * 100, 1, num,
	    sizeof(num));
	snprintf(pct, sizeof(pct), "%s %%", num);
	rst_fmt_duration(o->lang, rst_jnum(rp, "within_seconds"), in,
	    sizeof(in));
	rst_fmt_duration(o->lang, rst_jnum(rp, "seconds"), all, sizeof(all));
	s = rst_msgf(o->lang, RST_MSG_RPO_SHARE, 4, pct, in, all,
	    rst_jstr(rp, "to") ? rst_jstr(rp, "to") : "?");
	if (s == NULL)
		o->bad = 1;
	rst_out_md(o, s);
	free(s);
	rst_out_raw(o, "\n\n");
}

void
rst_md_rpo(struct rst_out *o, const json_t *p)
{
	static const enum rst_msg cols[] = { RST_MSG_START, RST_MSG_END,
	    RST_MSG_LENGTH, RST_MSG_EXC_CLOSED_BY };
	const json_t *rp = json_object_get(p, "rpo_period"), *iv, *by, *m;
	char every[64];
	size_t i;

	if (!json_is_object(rp))
		return;
	rst_out_raw(o, "### ");
	label(o, RST_MSG_RPO_PERIOD);
	rst_out_raw(o, "\n\n");
	rpo_share(o, rp);
	if (json_array_size(json_object_get(rp, "over")) > 0) {
		rst_md_table_head(o, cols, sizeof(cols) / sizeof(cols[0]));
		json_array_foreach(json_object_get(rp, "over"), i, iv) {
			by = json_object_get(iv, "closed_by");
			rst_out_raw(o, "| ");
			rst_out_md(o, rst_jstr(iv, "start"));
			rst_out_raw(o, " | ");
			rst_out_md(o, rst_jstr(iv, "end"));
			rst_out_raw(o, " | ");
			dur(o, iv, "seconds");
			rst_out_raw(o, " | ");
			if (json_is_object(by)) {
				rst_out_printf(o, "seq %lld, ", rst_jint(by,
				    "seq"));
				rst_out_md(o, rst_jstr(by, "ts"));
			} else
				label(o, RST_MSG_STILL_OPEN);
			rst_out_raw(o, " |\n");
		}
		rst_out_raw(o, "\n");
	} else if (rst_jhas(rp, "target_seconds")) {
		label(o, RST_MSG_RPO_NONE_OVER);
		rst_out_raw(o, "\n\n");
	}
	if (!rst_jhas(rp, "schedule_seconds")) {
		label(o, RST_MSG_MISSED_NO_SCHEDULE);
		rst_out_raw(o, "\n\n");
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(rp, "schedule_seconds"), every,
	    sizeof(every));
	if (rst_jint(rp, "missed_runs") == 0) {
		sentence(o, RST_MSG_MISSED_NONE, 1, every, NULL);
		rst_out_raw(o, "\n\n");
		return;
	}
	label(o, RST_MSG_MISSED_RUNS);
	rst_out_printf(o, ": %lld\n\n", rst_jint(rp, "missed_runs"));
	json_array_foreach(json_object_get(rp, "missed"), i, m) {
		rst_out_raw(o, "- ");
		label(o, RST_MSG_DUE);
		rst_out_raw(o, " ");
		rst_out_md(o, rst_jstr(m, "due"));
		rst_out_raw(o, "\n");
	}
	rst_out_raw(o, "\n");
}

static void
exc_kind(struct rst_out *o, const json_t *x)
{
	enum rst_msg m;
	const char *k = rst_jstr(x, "kind");

	if (k != NULL && strcmp(k, "rpo") == 0)
		label(o, RST_MSG_X_RPO);
	else if (rst_msg_kind(k, &m) == 0)
		label(o, m);
	else
		rst_out_md(o, k);
	if (rst_jbool(x, "security")) {
		rst_out_raw(o, " **");
		label(o, RST_MSG_SECURITY_EVENT);
		rst_out_raw(o, "**");
	}
	if (json_is_false(json_object_get(x, "completed"))) {
		rst_out_raw(o, ", ");
		label(o, RST_MSG_NOT_COMPLETED);
	}
	if (rst_jhas(x, "exit")) {
		rst_out_raw(o, " (");
		label(o, RST_MSG_EXIT);
		rst_out_printf(o, " %lld)", rst_jint(x, "exit"));
	}
}

static void
exc_row(struct rst_out *o, const json_t *x, bool follow)
{
	const json_t *by = json_object_get(x, "closed_by"), *r;
	size_t i;

	rst_out_raw(o, "| ");
	rst_out_md(o, rst_jstr(x, "ts"));
	rst_out_raw(o, " | ");
	if (rst_jhas(x, "seq"))
		rst_out_printf(o, "%lld", rst_jint(x, "seq"));
	rst_out_raw(o, " | ");
	exc_kind(o, x);
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_jstr(x, "host"));
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_jstr(x, "user"));
	if (follow) {
		rst_out_raw(o, " | ");
		rst_out_md(o, rst_jstr(x, "snapshot"));
		if (rst_jhas(x, "manifest_sha256")) {
			rst_out_raw(o, " ");
			rst_out_md(o, rst_jstr(x, "manifest_sha256"));
		}
		rst_out_raw(o, " | ");
		label(o, json_is_object(by) ? RST_MSG_EXC_CLOSED :
		    RST_MSG_EXC_OPEN);
		rst_out_raw(o, " | ");
		if (json_is_object(by)) {
			rst_out_printf(o, "seq %lld, ", rst_jint(by, "seq"));
			rst_out_md(o, rst_jstr(by, "ts"));
		}
		rst_out_raw(o, " | ");
		if (rst_jhas(x, "remediation_seconds"))
			dur(o, x, "remediation_seconds");
	}
	rst_out_raw(o, " | ");
	if (rst_jstr(x, "reason_text") != NULL)
		rst_out_md(o, rst_jstr(x, "reason_text"));
	json_array_foreach(json_object_get(x, "reasons"), i, r) {
		rst_out_raw(o, i ? "; " : rst_jstr(x, "reason_text") ?
		    " — " : "");
		rst_out_md(o, json_string_value(r));
	}
	rst_out_raw(o, " |\n");
}

void
rst_md_exceptions(struct rst_out *o, const json_t *p)
{
	static const enum rst_msg cols[] = { RST_MSG_DATE, RST_MSG_SEQ,
	    RST_MSG_KIND, RST_MSG_HOST, RST_MSG_USER, RST_MSG_SNAPSHOT,
	    RST_MSG_EXC_STATUS, RST_MSG_EXC_CLOSED_BY, RST_MSG_EXC_TTR,
	    RST_MSG_REASONS };
	static const enum rst_msg ocols[] = { RST_MSG_DATE, RST_MSG_SEQ,
	    RST_MSG_KIND, RST_MSG_HOST, RST_MSG_USER, RST_MSG_REASONS };
	const json_t *xs = json_object_get(p, "incidents"), *x;
	const json_t *ops = json_object_get(p, "operator_errors");
	size_t i;

	rst_out_raw(o, "### ");
	label(o, RST_MSG_EXCEPTIONS);
	rst_out_raw(o, "\n\n");
	if (json_array_size(xs) == 0)
		label(o, RST_MSG_EXC_NONE);
	else {
		label(o, RST_MSG_SECURITY_NOTE);
		rst_out_raw(o, "\n\n");
		rst_md_table_head(o, cols, sizeof(cols) / sizeof(cols[0]));
		json_array_foreach(xs, i, x)
			exc_row(o, x, true);
	}
	rst_out_raw(o, "\n");
	if (json_array_size(ops) == 0)
		return;
	rst_out_raw(o, "### ");
	label(o, RST_MSG_OPERATOR_ERRORS);
	rst_out_raw(o, "\n\n");
	label(o, RST_MSG_OPERATOR_NOTE);
	rst_out_raw(o, "\n\n");
	rst_md_table_head(o, ocols, sizeof(ocols) / sizeof(ocols[0]));
	json_array_foreach(ops, i, x)
		exc_row(o, x, false);
	rst_out_raw(o, "\n");
}
