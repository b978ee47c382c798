/* SPDX-License-Identifier: ISC */
/*
 * The report's tables, once for every format (see sections.h): each
 * table is a column spec, a caption and the rows it takes from the
 * document: the control mapping, the RPO over the period, the drills, the
 * latest backups and the retention state.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "sections.h"

#define MAX_IDS		30

#define NCOLS(c)	(sizeof(c) / sizeof((c)[0]))

static void
text_cell(struct rst_out *o, const json_t *row, const char *key)
{
	o->mk->text(o, rst_jstr(row, key));
}

static void
code_cell(struct rst_out *o, const json_t *row, const char *key)
{
	rst_sect_wrap(o, RST_W_CODE, rst_jstr(row, key));
}

static void
pill_cell(struct rst_out *o, const json_t *row, const char *key)
{
	o->mk->pill(o, rst_jstr(row, key));
}

/* "full", or "incremental N" (backups.c). */
static void
type_cell(struct rst_out *o, const json_t *row, const char *key)
{
	char s[128];

	(void)key;
	rst_report_backup_type(o->lang, row, s, sizeof(s));
	o->mk->text(o, s);
}

static void
int_cell(struct rst_out *o, const json_t *row, const char *key)
{
	rst_out_printf(o, "%lld", rst_jint(row, key));
}

static void
dur_cell(struct rst_out *o, const json_t *row, const char *key)
{
	rst_sect_dur(o, row, key);
}

static void
size_cell(struct rst_out *o, const json_t *row, const char *key)
{
	rst_sect_size(o, row, key);
}

/* "KEY_seconds / KEY_target_seconds": a measure against its target. */
static void
target_cell(struct rst_out *o, const json_t *row, const char *key)
{
	char m[64], t[64];

	snprintf(m, sizeof(m), "%s_seconds", key);
	snprintf(t, sizeof(t), "%s_target_seconds", key);
	rst_sect_dur(o, row, m);
	rst_out_raw(o, " / ");
	rst_sect_dur(o, row, t);
}

/* The record that closed an interval or an exception, or "still open". */
static void
closed_cell(struct rst_out *o, const json_t *row, const char *key)
{
	const json_t *by = json_object_get(row, key);

	if (json_is_object(by)) {
		rst_out_printf(o, "seq %lld, ", rst_jint(by, "seq"));
		o->mk->text(o, rst_jstr(by, "ts"));
	} else {
		rst_out_raw(o, RST_MKS(o, WARN));
		rst_sect_label(o, RST_MSG_STILL_OPEN);
	}
}

static void
files_cell(struct rst_out *o, const json_t *d, const char *key)
{
	static const struct { const char *k; enum rst_msg m; } f[] = {
		{ "missing", RST_MSG_MISSING }, { "changed", RST_MSG_CHANGED },
		{ "extra", RST_MSG_EXTRA },
	};
	size_t i;

	rst_sect_count(o, RST_MSG_N_VERIFIED_FILES, rst_jint(d, key));
	if (rst_jnum(d, "missing") + rst_jnum(d, "changed") +
	    rst_jnum(d, "extra") <= 0)
		return;
	for (i = 0; i < NCOLS(f); i++) {
		rst_out_raw(o, i == 0 ? RST_MKS(o, BR) : ", ");
		rst_out_printf(o, "%lld ", rst_jint(d, f[i].k));
		rst_sect_label(o, f[i].m);
	}
}

/* Whether a check failed (one without a result did not pass). */
static bool
failed(const json_t *c)
{
	const char *r = rst_jstr(c, "result");

	return r == NULL || strcmp(r, "pass") != 0;
}

/* A drill's checks, each with its output unless it passed; its cause. */
static void
checks_cell(struct rst_out *o, const json_t *d, const char *key)
{
	const json_t *c;
	size_t i, n = 0;

	rst_out_raw(o, RST_MKS(o, CHECKS));
	json_array_foreach(json_object_get(d, key), i, c) {
		rst_out_raw(o, n++ > 0 ? RST_MKS(o, CHECK_SEP) : "");
		rst_out_raw(o, RST_MKS(o, CHECK));
		o->mk->pill(o, rst_jstr(c, "result"));
		rst_out_raw(o, " ");
		o->mk->text(o, rst_jstr(c, "name"));
		rst_out_raw(o, " (");
		rst_sect_dur(o, c, "seconds");
		rst_out_raw(o, ")");
		if (failed(c) && rst_jstr(c, "output") != NULL &&
		    rst_jstr(c, "output")[0] != '\0')
			o->mk->output(o, rst_jstr(c, "output"));
		rst_out_raw(o, RST_MKS(o, CHECK_END));
	}
	rst_out_raw(o, RST_MKS(o, CHECKS_END));
	if (rst_jstr(d, "reason_text") != NULL ||
	    json_array_size(json_object_get(d, "reasons")) > 0) {
		rst_out_raw(o, n > 0 ? RST_MKS(o, CHECK_SEP) : "");
		o->mk->cause(o, d);
	}
}

static void
thead(struct rst_out *o, const struct rst_table *t)
{
	size_t i;

	RST_MK(o, table, t->caption, t->hidden, t->stack);
	for (i = 0; i < t->n; i++) {
		rst_out_raw(o, RST_MKS(o, TH));
		rst_sect_label(o, t->cols[i].label);
		if (t->cols[i].per_too) {
			rst_out_raw(o, " / ");
			rst_sect_label(o, t->cols[i].per);
		}
		rst_out_raw(o, RST_MKS(o, TH_END));
	}
	rst_out_raw(o, RST_MKS(o, THEAD_END));
	for (i = 0; i < t->n; i++)
		rst_out_raw(o, RST_MKS(o, RULE));
	rst_out_raw(o, RST_MKS(o, RULE_END));
}

void
rst_sect_table(struct rst_out *o, const struct rst_table *t,
    const json_t *items)
{
	size_t n = json_array_size(items), i, k, c;
	const json_t *row;

	thead(o, t);
	for (k = 0; k < n && k < t->most; k++) {
		i = t->newest_first ? n - 1 - k : k;
		row = json_array_get(items, i);
		RST_MK(o, row, t->marked != NULL && t->marked(row));
		for (c = 0; c < t->n; c++) {
			o->mk->cell(o, c, t->cols[c].cls, t->stack ?
			    &t->cols[c] : NULL);
			t->cols[c].cell(o, row, t->cols[c].key);
		}
		rst_out_raw(o, RST_MKS(o, ROW_END));
	}
	rst_out_raw(o, RST_MKS(o, TABLE_END));
}

/* The rows of items from first to last (or last to first), n at most. */
static void
table(struct rst_out *o, enum rst_msg caption, bool hidden,
    const struct rst_col *cols, size_t ncols, const json_t *items,
    bool newest_first, size_t most)
{
	const struct rst_table t = { caption, hidden, false, cols, ncols,
	    newest_first, most, NULL };

	rst_sect_table(o, &t, items);
}

/* The profile's name, a link to its part. */
static void
ref_cell(struct rst_out *o, const json_t *p, const char *key)
{
	o->mk->ref(o, rst_jstr(p, key));
}

static void
verdict_cell(struct rst_out *o, const json_t *p, const char *key)
{
	bool yes = rst_jbool(json_object_get(p, key), "restorable");

	o->mk->flag(o, yes, yes ? RST_MSG_VERDICT_YES : RST_MSG_VERDICT_NO);
}

/* A profile's measure (key: "rpo" or "rto") against its target. */
static void
measure_cell(struct rst_out *o, const json_t *p, const char *key)
{
	const json_t *tg = json_object_get(p, "targets");
	char t[32];

	snprintf(t, sizeof(t), "%s_seconds", key);
	if (strcmp(key, "rpo") == 0)
		rst_sect_dur(o, json_object_get(p, "rpo"), "seconds");
	else
		rst_sect_dur(o, json_object_get(p, "last_drill"), t);
	rst_out_raw(o, " / ");
	rst_sect_dur(o, tg, t);
}

static void
drill_cell(struct rst_out *o, const json_t *p, const char *key)
{
	const json_t *ld = json_object_get(p, key);

	if (!json_is_object(ld)) {
		rst_sect_label(o, RST_MSG_NONE);
		return;
	}
	o->mk->pill(o, rst_jstr(ld, "result"));
	rst_out_raw(o, " ");
	o->mk->text(o, rst_jstr(ld, "ts"));
}

static void
count_cell(struct rst_out *o, const json_t *p, const char *key)
{
	const json_t *b = json_object_get(p, key);

	rst_out_printf(o, "%lld / %lld", rst_jint(b, "count"),
	    rst_jint(b, "failed"));
}

static void
journal_cell(struct rst_out *o, const json_t *p, const char *key)
{
	rst_sect_label(o, rst_jbool(json_object_get(p, key), "verified") ?
	    RST_MSG_VERIFIED : RST_MSG_NOT_VERIFIED);
}

void
rst_sect_summary(struct rst_out *o, const json_t *doc)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_PROFILE, 0, false, NULL, "name", ref_cell },
		{ RST_MSG_VERDICT, 0, false, NULL, "verdict", verdict_cell },
		{ RST_MSG_RPO, RST_MSG_TARGET, true, "num", "rpo",
		    measure_cell },
		{ RST_MSG_LAST_DRILL, 0, false, NULL, "last_drill",
		    drill_cell },
		{ RST_MSG_RTO, RST_MSG_TARGET, true, "num", "rto",
		    measure_cell },
		{ RST_MSG_BACKUPS, RST_MSG_FAILED, true, "num", "backups",
		    count_cell },
		{ RST_MSG_JOURNAL, 0, false, NULL, "journal", journal_cell },
	};

	table(o, RST_MSG_SUMMARY, true, cols, NCOLS(cols),
	    json_object_get(doc, "profiles"), false, SIZE_MAX);
}

/* The line where a journal stops verifying, and that line's text. */
static void
bad_line_cell(struct rst_out *o, const json_t *pb, const char *key)
{
	if (rst_jhas(pb, key))
		rst_out_printf(o, "%lld", rst_jint(pb, key));
	if (rst_jhas(pb, "first_bad_text"))
		rst_sect_wrap(o, RST_W_PRE, rst_jstr(pb, "first_bad_text"));
}

void
rst_sect_problems(struct rst_out *o, const json_t *in)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_JOURNAL, 0, false, NULL, "profile", text_cell },
		{ RST_MSG_FIRST_BAD_LINE, 0, false, NULL, "first_bad_line",
		    bad_line_cell },
		{ RST_MSG_DETAILS, 0, false, NULL, "problem", text_cell },
	};

	table(o, RST_MSG_INTEGRITY, true, cols, NCOLS(cols),
	    json_object_get(in, "problems"), false, SIZE_MAX);
}

/* The framework's name and the control's number ("ISO/IEC ... A.8.13"). */
static void
control_cell(struct rst_out *o, const json_t *row, const char *key)
{
	rst_sect_wrap(o, RST_W_STRONG, rst_jstr(row, "framework"));
	rst_out_raw(o, " ");
	o->mk->text(o, rst_jstr(row, key));
}

void
rst_sect_controls(struct rst_out *o, const json_t *doc)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_CONTROL, 0, false, NULL, "control", control_cell },
		{ RST_MSG_REQUIREMENT, 0, false, NULL, "title", text_cell },
		{ RST_MSG_EVIDENCE, 0, false, NULL, "evidence", text_cell },
	};

	table(o, RST_MSG_CONTROLS, true, cols, NCOLS(cols),
	    json_object_get(doc, "controls"), false, SIZE_MAX);
}

/* The share of the period within the RPO target, in one sentence. */
void
rst_sect_rpo_share(struct rst_out *o, const json_t *rp)
{
	char num[32], pct[40], in[64], all[64], *s;

	RST_MK(o, para, "rpo-share");
	if (!rst_jhas(rp, "target_seconds")) {
		rst_sect_label(o, RST_MSG_RPO_NO_TARGET);
		rst_out_raw(o, RST_MKS(o, PARA_END));
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
	o->mk->text(o, s);
	free(s);
	rst_out_raw(o, RST_MKS(o, PARA_END));
}

/* The RPO chart's data in one sentence (the chart's text in HTML). */
void
rst_sect_rpo_text(struct rst_out *o, const json_t *rp)
{
	char hi[64], tg[64], n[32], *s;

	if (rst_jhas(rp, "max_seconds"))
		rst_fmt_duration(o->lang, rst_jnum(rp, "max_seconds"), hi,
		    sizeof(hi));
	else
		snprintf(hi, sizeof(hi), "-");
	if (rst_jhas(rp, "target_seconds"))
		rst_fmt_duration(o->lang, rst_jnum(rp, "target_seconds"), tg,
		    sizeof(tg));
	else
		snprintf(tg, sizeof(tg), "%s", rst_msg(o->lang,
		    RST_MSG_NOT_CONFIGURED));
	snprintf(n, sizeof(n), "%zu", json_array_size(json_object_get(rp,
	    "over")));
	s = rst_msgf(o->lang, RST_MSG_CHART_RPO_TEXT, 3, hi, tg, n);
	if (s == NULL)
		o->bad = 1;
	RST_MK(o, para, "chart-text");
	o->mk->text(o, s);
	rst_out_raw(o, RST_MKS(o, PARA_END));
	free(s);
}

void
rst_sect_rpo_over(struct rst_out *o, const json_t *rp)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_START, 0, false, "ts", "start", text_cell },
		{ RST_MSG_END, 0, false, "ts", "end", text_cell },
		{ RST_MSG_LENGTH, 0, false, "num", "seconds", dur_cell },
		{ RST_MSG_EXC_CLOSED_BY, 0, false, NULL, "closed_by",
		    closed_cell },
	};
	const json_t *over = json_object_get(rp, "over");

	if (!rst_jhas(rp, "target_seconds"))
		return;
	if (json_array_size(over) == 0) {
		RST_MK(o, para, NULL);
		rst_sect_label(o, RST_MSG_RPO_NONE_OVER);
		rst_out_raw(o, RST_MKS(o, PARA_END));
		return;
	}
	table(o, RST_MSG_RPO_OVER, false, cols, NCOLS(cols), over, false,
	    SIZE_MAX);
}

void
rst_sect_missed(struct rst_out *o, const json_t *rp)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_DUE, 0, false, "ts", "due", text_cell },
	};
	char every[64];

	RST_MK(o, para, NULL);
	if (!rst_jhas(rp, "schedule_seconds")) {
		rst_sect_label(o, RST_MSG_MISSED_NO_SCHEDULE);
		rst_out_raw(o, RST_MKS(o, PARA_END));
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(rp, "schedule_seconds"), every,
	    sizeof(every));
	if (rst_jint(rp, "missed_runs") == 0) {
		rst_sect_sentence(o, RST_MSG_MISSED_NONE, 1, every, NULL);
		rst_out_raw(o, RST_MKS(o, PARA_END));
		return;
	}
	rst_sect_label(o, RST_MSG_MISSED_RUNS);
	rst_out_printf(o, ": %lld", rst_jint(rp, "missed_runs"));
	rst_out_raw(o, RST_MKS(o, PARA_END));
	table(o, RST_MSG_MISSED_RUNS, false, cols, NCOLS(cols),
	    json_object_get(rp, "missed"), false, SIZE_MAX);
}

void
rst_sect_drills(struct rst_out *o, const json_t *p)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_DATE, 0, false, "ts", "ts", text_cell },
		{ RST_MSG_SNAPSHOT, 0, false, NULL, "snapshot", code_cell },
		{ RST_MSG_RESULT, 0, false, NULL, "result", pill_cell },
		{ RST_MSG_RTO, RST_MSG_TARGET, true, "num", "rto",
		    target_cell },
		{ RST_MSG_RPO, RST_MSG_TARGET, true, "num", "rpo",
		    target_cell },
		{ RST_MSG_FILES, 0, false, "num", "files_verified",
		    files_cell },
		{ RST_MSG_CHECKS, 0, false, NULL, "checks", checks_cell },
	};
	const json_t *items = json_object_get(json_object_get(p, "drills"),
	    "items");

	rst_sect_heading(o, RST_MSG_DRILLS);
	if (json_array_size(items) == 0) {
		RST_MK(o, para, NULL);
		rst_sect_label(o, RST_MSG_NO_DATA);
		rst_out_raw(o, RST_MKS(o, PARA_END));
		return;
	}
	table(o, RST_MSG_DRILLS, true, cols, NCOLS(cols), items, true,
	    SIZE_MAX);
}

void
rst_sect_backups(struct rst_out *o, const json_t *p)
{
	static const struct rst_col cols[] = {
		{ RST_MSG_DATE, 0, false, "ts", "ts", text_cell },
		{ RST_MSG_SNAPSHOT, 0, false, NULL, "snapshot", code_cell },
		{ RST_MSG_RESULT, 0, false, NULL, "result", pill_cell },
		{ RST_MSG_BACKUP_TYPE, 0, false, NULL, "kind", type_cell },
		{ RST_MSG_FILES, 0, false, "num", "files", int_cell },
		{ RST_MSG_SIZE, 0, false, "num", "bytes", size_cell },
		{ RST_MSG_STORED, 0, false, "num", "stored_bytes", size_cell },
		{ RST_MSG_DURATION, 0, false, "num", "seconds", dur_cell },
	};
	const json_t *items = json_object_get(json_object_get(p, "backups"),
	    "items");

	if (json_array_size(items) == 0)
		return;
	rst_sect_heading(o, RST_MSG_LATEST_BACKUPS);
	table(o, RST_MSG_LATEST_BACKUPS, true, cols, NCOLS(cols), items, true,
	    RST_REPORT_LATEST_BACKUPS);
}

/* Snapshot ids, MAX_IDS at most, on a line of their own. */
static void
ids(struct rst_out *o, const json_t *a)
{
	const json_t *v;
	size_t i;

	json_array_foreach(a, i, v) {
		if (i == MAX_IDS) {
			rst_out_printf(o, " ... (+%zu)", json_array_size(a) -
			    MAX_IDS);
			break;
		}
		rst_out_raw(o, i > 0 ? ", " : RST_MKS(o, BR));
		rst_sect_wrap(o, RST_W_CODE, json_string_value(v));
	}
}

void
rst_sect_retention(struct rst_out *o, const json_t *p)
{
	const json_t *r = json_object_get(p, "retention");

	rst_sect_heading(o, RST_MSG_RETENTION);
	RST_MK(o, facts, RST_MSG_RETENTION, true, "facts");
	rst_sect_fact(o, RST_MSG_LAST_PRUNE);
	if (rst_jhas(r, "last_prune"))
		o->mk->text(o, rst_jstr(r, "last_prune"));
	else
		rst_sect_label(o, RST_MSG_NO_PRUNE);
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_sect_fact(o, RST_MSG_KEPT);
	if (rst_jhas(r, "kept"))
		rst_out_printf(o, "%lld", rst_jint(r, "kept"));
	else
		rst_out_raw(o, RST_MKS(o, DASH));
	ids(o, json_object_get(r, "kept_snapshots"));
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_sect_fact(o, RST_MSG_PRUNED);
	rst_out_printf(o, "%lld", rst_jint(r, "pruned"));
	ids(o, json_object_get(r, "pruned_snapshots"));
	rst_out_raw(o, RST_MKS(o, FACT_END));
	rst_out_raw(o, RST_MKS(o, FACTS_END));
}
