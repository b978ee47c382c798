/* SPDX-License-Identifier: ISC */
/*
 * The report's facts, gathered from verified journal records into one
 * JSON document (docs/report-schema.json): per profile the backups,
 * drills, failures and retention in the period, the newest good backup and
 * the RPO at --until, and the verdict "restorable within target"
 * (DESIGN.md: RPO <= rpo_target at --until, and a passing drill with
 * RTO <= rto_target no older than schedule.drill, 7 days when unset).
 * Records after --until are ignored: the report describes that moment.
 * Renderers only format this document, so every format shows the same
 * facts.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"

#include "report.h"

#define DRILL_WINDOW_DEFAULT	(7 * 86400.0)

struct facts {
	const struct rst_report_period *per;
	enum rst_lang	 lang;
	double		 rpo_t, rto_t, window;	/* seconds; < 0: unset */
	const char	*targets_from;
	json_t		*backups, *drills, *failures, *pruned;
	uint64_t	 nb, nbfail, nd, ndfail, nv, nvfail, nr, nrfail;
	double		 bytes, stored;
	json_t		*last_prune, *good, *last_drill;	/* borrowed */
	int64_t		 good_t;
	json_t		*drills_upto;	/* drill records up to --until */
	json_t		*good_cands;	/* passing backups up to --until */
	json_t		*bad;		/* snapshot -> the finding record */
	json_t		*gone;		/* snapshot -> true: a prune removed,
					 * meant to remove or forgot it */
	json_t		*checked;	/* snapshot -> true: a verify or
					 * drill passed after its backup */
	json_t		*exceptions;
	uint64_t	 nd_incomplete;	/* drills that did not complete */
};

/* A record made under a clock set with --now: never evidence. */
static bool
simulated(const json_t *rec)
{
	const char *c = rst_jstr(rec, "clock");

	return c != NULL && strcmp(c, "set") == 0;
}

/*
 * A drill that completed ended 0, 1 or 4; one that ended otherwise (2, 3,
 * 5, 70) is "not completed": listed apart, never a pass, never overrides.
 */
static bool
drill_completed(const json_t *rec)
{
	double e = rst_jnum(rec, "exit");

	return e == 0 || e == 1 || e == 4;
}

static bool
drill_passed(const json_t *rec)
{
	const char *res = rst_jstr(rec, "result");

	return res != NULL && strcmp(res, "pass") == 0 &&
	    rst_jnum(rec, "exit") == 0;
}

/* RPO is measured at min(--until, now) (DESIGN.md decision 21). */
static int64_t
rpo_at(const struct rst_report_period *per)
{
	return per->generated > 0 && per->generated < per->until ?
	    per->generated : per->until;
}

static void
ts_string(int64_t t, char *buf, size_t len)
{
	rst_format_rfc3339(t, 0, buf, len);
}

/* A string made safe for JSON (valid UTF-8, no control characters). */
static json_t *
safe_string(const char *s)
{
	json_t *v;
	char *c;
	size_t i;

	if (s == NULL)
		return json_null();
	if ((v = json_string(s)) != NULL)
		return v;
	if ((c = strdup(s)) == NULL)
		return json_null();
	for (i = 0; c[i] != '\0'; i++)
		if ((unsigned char)c[i] >= 0x80 || (unsigned char)c[i] < 0x20)
			c[i] = '?';
	v = json_string(c);
	free(c);
	return v ? v : json_null();
}

static void
copy_keys(json_t *dst, const json_t *src, const char *const *keys)
{
	json_t *v;

	for (; *keys != NULL; keys++)
		if ((v = json_object_get(src, *keys)) != NULL)
			json_object_set_new(dst, *keys, json_deep_copy(v));
}

/*
 * {ts, result, exit[, clock][, reason, reason_text]} of a record, the
 * base of every item: a record that did not pass has its reason told in
 * the report's language.
 */
static json_t *
item_base(const struct facts *f, const json_t *rec)
{
	json_t *it = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}", "ts",
	    json_object_get(rec, "ts"), "result", json_object_get(rec,
	    "result"), "exit", json_object_get(rec, "exit"), "seq",
	    json_object_get(rec, "seq"), "host", json_object_get(rec, "host"),
	    "user", json_object_get(rec, "user"));
	const json_t *why = json_object_get(rec, "reason");
	char *text;

	if (it != NULL && simulated(rec))
		json_object_set_new(it, "clock", json_string("set"));
	if (it == NULL || rst_jint(rec, "exit") == 0)
		return it;
	if (json_is_object(why))
		json_object_set_new(it, "reason", json_deep_copy(why));
	if ((text = rst_report_cause(f->lang, why, rst_jint(rec,
	    "exit"))) != NULL)
		json_object_set_new(it, "reason_text", json_string(text));
	free(text);
	return it;
}

/* A record's manifest_sha256 only where it has one ("" when it failed). */
static void
drop_empty_manifest(json_t *it)
{
	const char *m = rst_jstr(it, "manifest_sha256");

	if (m != NULL && m[0] == '\0')
		json_object_del(it, "manifest_sha256");
}

static void
add_backup(struct facts *f, const json_t *rec, const json_t *d, bool pass)
{
	static const char *const keys[] = { "snapshot", "files", "bytes",
	    "stored_bytes", "seconds", "incomplete", "reasons",
	    "manifest_sha256", "kind", "chain_position", "parent",
	    "stored_files", NULL };
	json_t *it = item_base(f, rec);

	copy_keys(it, d, keys);
	drop_empty_manifest(it);
	json_array_append_new(f->backups, it);
	f->nb++;
	if (!pass)
		f->nbfail++;
	else {
		f->bytes += rst_jnum(d, "bytes");
		f->stored += rst_jnum(d, "stored_bytes");
	}
}

static void
add_drill(struct facts *f, const json_t *rec, const json_t *d, bool pass)
{
	static const char *const keys[] = { "snapshot", "rto_seconds",
	    "rto_target_seconds", "rpo_seconds", "rpo_target_seconds",
	    "snapshot_age_seconds", "files_verified", "missing", "changed",
	    "extra", "missing_paths", "changed_paths", "extra_paths",
	    "phases", "checks", "reasons", "manifest_sha256", NULL };
	json_t *it = item_base(f, rec);

	copy_keys(it, d, keys);
	drop_empty_manifest(it);
	json_object_set_new(it, "completed",
	    json_boolean(drill_completed(rec)));
	json_array_append_new(f->drills, it);
	f->nd++;
	if (!drill_completed(rec))
		f->nd_incomplete++;
	else if (!pass)
		f->ndfail++;
}

static void
add_failure(struct facts *f, const json_t *rec, const json_t *d)
{
	json_t *it = item_base(f, rec), *reasons = json_object_get(d, "reasons");

	json_object_set(it, "kind", json_object_get(rec, "kind"));
	if (rst_jstr(d, "snapshot") != NULL)
		json_object_set(it, "snapshot", json_object_get(d, "snapshot"));
	if (rst_jstr(d, "manifest_sha256") != NULL &&
	    rst_jstr(d, "manifest_sha256")[0] != '\0')
		json_object_set(it, "manifest_sha256", json_object_get(d,
		    "manifest_sha256"));
	json_object_set_new(it, "reasons", json_is_array(reasons) ?
	    json_deep_copy(reasons) : json_array());
	json_array_append_new(f->failures, it);
}

/*
 * The newest good snapshot up to --until: the newest whose backup passed
 * and that no later verify or drill found missing or bad (until a verify
 * --deep or a drill of it passed again).  RPO counts from its start.
 */
static void
pick_good(struct facts *f)
{
	const char *snap;
	json_t *rec;
	int64_t t, ts;
	size_t i;

	json_array_foreach(f->good_cands, i, rec) {
		snap = rst_jstr(json_object_get(rec, "data"), "snapshot");
		if (snap != NULL && (json_object_get(f->bad, snap) != NULL ||
		    json_object_get(f->gone, snap) != NULL))
			continue;
		if (rst_parse_rfc3339(rst_jstr(rec, "ts"), &ts) != 0)
			continue;
		t = snap && rst_snapshot_id_valid(snap) ?
		    rst_snapshot_id_time(snap) : ts;
		if (f->good == NULL || t >= f->good_t) {
			f->good = rec;
			f->good_t = t;
		}
	}
}

/*
 * Findings about snapshots (records under a set clock can find a snapshot
 * bad, never clear it), and ids dated more than a day after the report.
 */
static void
track_findings(struct facts *f, json_t *rec, const char *kind)
{
	const char *snap = NULL;
	json_t *ex;
	char *txt;

	switch (rst_record_finding(rec, &snap)) {
	case 1:
		txt = rst_msgf(f->lang, RST_MSG_X_FOUND_BAD, 3, snap, kind,
		    rst_jstr(rec, "ts"));
		json_object_set_new(f->bad, snap, json_pack("{s:s, s:s, s:O?, "
		    "s:O?, s:o}", "snapshot", snap, "kind", kind, "ts",
		    json_object_get(rec, "ts"), "exit", json_object_get(rec,
		    "exit"), "text", safe_string(txt)));
		free(txt);
		break;
	case -1:
		if (!simulated(rec))
			json_object_del(f->bad, snap);
		break;
	}
	if (snap != NULL && !simulated(rec) && rst_jnum(rec, "exit") == 0 &&
	    (strcmp(kind, "verify") == 0 || strcmp(kind, "drill") == 0))
		json_object_set_new(f->checked, snap, json_true());
	snap = rst_jstr(json_object_get(rec, "data"), "snapshot");
	if (strcmp(kind, "backup") != 0 || snap == NULL ||
	    !rst_snapshot_id_future(snap, f->per->generated))
		return;
	txt = rst_msgf(f->lang, RST_MSG_X_FUTURE, 1, snap);
	ex = json_pack("{s:s, s:s, s:o}", "code", "snapshot_in_future",
	    "snapshot", snap, "text", safe_string(txt));
	free(txt);
	json_array_append_new(f->exceptions, ex);
}

/* Snapshots a prune record removed, meant to remove or forgot. */
static void
prune_gone(json_t *gone, const json_t *d)
{
	static const char *const keys[] = { "removed", "intent", "forgotten" };
	json_t *v;
	size_t i, k;

	for (k = 0; k < 3; k++)
		json_array_foreach(json_object_get(d, keys[k]), i, v)
			if (json_is_string(v))
				json_object_set_new(gone, json_string_value(v),
				    json_true());
}

static void
count(uint64_t *n, uint64_t *fail, bool pass)
{
	(*n)++;
	if (!pass)
		(*fail)++;
}

static void
visit(struct facts *f, json_t *rec)
{
	const char *kind = rst_jstr(rec, "kind"), *ts = rst_jstr(rec, "ts");
	const char *res = rst_jstr(rec, "result");
	json_t *d = json_object_get(rec, "data"), *v;
	bool pass = res != NULL && strcmp(res, "pass") == 0, in;
	int64_t t;
	size_t i;

	if (kind == NULL || ts == NULL || rst_parse_rfc3339(ts, &t) != 0 ||
	    t > f->per->until)
		return;
	/* An operator error (exit 2) is listed apart, never a failed backup,
	 * verify or restore; a drill that ended 2 did not complete. */
	in = t >= f->per->since && (pass || rst_jnum(rec, "exit") != 2 ||
	    strcmp(kind, "drill") == 0);
	track_findings(f, rec, kind);
	if (strcmp(kind, "backup") == 0) {
		if (pass && !simulated(rec))
			json_array_append(f->good_cands, rec);
		if (in)
			add_backup(f, rec, d, pass);
	} else if (strcmp(kind, "drill") == 0) {
		if (!simulated(rec))
			json_array_append(f->drills_upto, rec);
		f->last_drill = rec;
		if (in)
			add_drill(f, rec, d, pass);
	} else if (strcmp(kind, "prune") == 0) {
		if (pass && rst_jstr(d, "phase") == NULL)	/* completed */
			f->last_prune = rec;
		prune_gone(f->gone, d);
		json_array_foreach(json_object_get(d, "removed"), i, v)
			if (in)
				json_array_append(f->pruned, v);
	} else if (in && strcmp(kind, "verify") == 0)
		count(&f->nv, &f->nvfail, pass);
	else if (in && strcmp(kind, "restore") == 0)
		count(&f->nr, &f->nrfail, pass);
	if (in && !pass && strcmp(kind, "report") != 0 &&
	    rst_jnum(rec, "exit") != 2)
		add_failure(f, rec, d);
}

/* Targets: the profile's when configured here, else the newest drill's. */
static void
targets(struct facts *f, const struct rst_report_journal *j)
{
	const struct rst_profile *p = j->profile;
	json_t *d = json_object_get(f->last_drill, "data");

	f->rpo_t = f->rto_t = -1;
	f->window = DRILL_WINDOW_DEFAULT;
	if (p != NULL) {
		f->targets_from = "profile";
		if (p->rpo_target_ms > 0)
			f->rpo_t = (double)p->rpo_target_ms / 1000;
		if (p->rto_target_ms > 0)
			f->rto_t = (double)p->rto_target_ms / 1000;
		if (p->schedule_drill_ms > 0)
			f->window = (double)p->schedule_drill_ms / 1000;
		return;
	}
	f->targets_from = d != NULL ? "journal" : "none";
	if (rst_jhas(d, "rpo_target_seconds"))
		f->rpo_t = rst_jnum(d, "rpo_target_seconds");
	if (rst_jhas(d, "rto_target_seconds"))
		f->rto_t = rst_jnum(d, "rto_target_seconds");
}

static json_t *
opt_num(double v)
{
	return v < 0 ? json_null() : json_real(v);
}

static void
reason(json_t *reasons, const char *code, bool ok, char *text)
{
	json_array_append_new(reasons, json_pack("{s:s, s:b, s:o}", "code",
	    code, "ok", ok, "text", safe_string(text)));
	free(text);
}

/*
 * The snapshot the verdict relies on must have had its content checked: a
 * verify or a drill that passed after its backup.
 */
static bool
verdict_checked(const struct facts *f, json_t *reasons)
{
	const char *snap = rst_jstr(json_object_get(f->good, "data"),
	    "snapshot");

	if (snap != NULL && json_object_get(f->checked, snap) != NULL)
		return true;
	reason(reasons, "snapshot_unchecked", false, rst_msgf(f->lang,
	    RST_MSG_R_UNCHECKED, 1, snap ? snap : "?"));
	return false;
}

/* RPO at --until against its target. */
static bool
verdict_rpo(const struct facts *f, json_t *reasons, double *rpo)
{
	enum rst_lang l = f->lang;
	char a[64], b[64], at[40];
	const char *snap;

	ts_string(rpo_at(f->per), at, sizeof(at));
	*rpo = 0;
	if (f->good == NULL) {
		reason(reasons, "no_backup", false, rst_msgf(l,
		    RST_MSG_R_NO_BACKUP, 1, at));
		return false;
	}
	*rpo = (double)(rpo_at(f->per) - f->good_t);
	if (*rpo < 0) {
		/* Dated after the moment measured: never "within target". */
		snap = rst_jstr(json_object_get(f->good, "data"), "snapshot");
		reason(reasons, "rpo_negative", false, rst_msgf(l,
		    RST_MSG_R_RPO_NEGATIVE, 2, snap ? snap : "?", at));
		return false;
	}
	rst_fmt_duration(l, *rpo, a, sizeof(a));
	if (f->rpo_t < 0) {
		reason(reasons, "no_rpo_target", false, rst_msgf(l,
		    RST_MSG_R_NO_RPO_TARGET, 0));
		return false;
	}
	rst_fmt_duration(l, f->rpo_t, b, sizeof(b));
	if (*rpo > f->rpo_t) {
		reason(reasons, "rpo_exceeded", false, rst_msgf(l,
		    RST_MSG_R_RPO_EXCEEDED, 3, a, b, at));
		return false;
	}
	reason(reasons, "rpo_ok", true, rst_msgf(l, RST_MSG_R_RPO_OK, 3, a, b,
	    at));
	return true;
}

/*
 * The newest completed drill up to --until failed (ended 1 or 4): not
 * proven until a later drill passes, whatever older drills showed.
 */
static bool
last_drill_failed(const struct facts *f, json_t *reasons)
{
	json_t *rec, *last = NULL;
	const char *snap;
	size_t i;

	json_array_foreach(f->drills_upto, i, rec)
		if (drill_completed(rec))
			last = rec;
	if (last == NULL || drill_passed(last))
		return false;
	snap = rst_jstr(json_object_get(last, "data"), "snapshot");
	reason(reasons, "last_drill_failed", false, rst_msgf(f->lang,
	    RST_MSG_R_LAST_DRILL_FAILED, 2, rst_jstr(last, "ts"),
	    snap ? snap : "?"));
	return true;
}

/* A passing drill within RTO no older than the drill interval. */
static bool
verdict_drill(const struct facts *f, json_t *reasons)
{
	enum rst_lang l = f->lang;
	json_t *rec, *best = NULL, *over = NULL, *d;
	char a[64], b[64], at[40];
	int64_t t;
	size_t i;

	if (f->rto_t < 0) {
		reason(reasons, "no_rto_target", false, rst_msgf(l,
		    RST_MSG_R_NO_RTO_TARGET, 0));
		return false;
	}
	if (last_drill_failed(f, reasons))
		return false;
	json_array_foreach(f->drills_upto, i, rec) {
		if (rst_parse_rfc3339(rst_jstr(rec, "ts"), &t) != 0 ||
		    (double)t < (double)f->per->until - f->window ||
		    !drill_passed(rec))
			continue;
		d = json_object_get(rec, "data");
		if (rst_jnum(d, "rto_seconds") <= f->rto_t)
			best = rec;
		else
			over = rec;
	}
	rst_fmt_duration(l, f->rto_t, b, sizeof(b));
	if ((rec = best ? best : over) != NULL)
		rst_fmt_duration(l, rst_jnum(json_object_get(rec, "data"),
		    "rto_seconds"), a, sizeof(a));
	if (best != NULL) {
		reason(reasons, "drill_ok", true, rst_msgf(l,
		    RST_MSG_R_DRILL_OK, 3, rst_jstr(best, "ts"), a, b));
		return true;
	}
	if (over != NULL)
		reason(reasons, "drill_rto_exceeded", false, rst_msgf(l,
		    RST_MSG_R_DRILL_RTO, 3, rst_jstr(over, "ts"), a, b));
	else {
		rst_fmt_duration(l, f->window, a, sizeof(a));
		ts_string(f->per->until, at, sizeof(at));
		reason(reasons, "no_drill", false, rst_msgf(l,
		    RST_MSG_R_NO_DRILL, 2, a, at));
	}
	return false;
}

static json_t *
verdict(const struct facts *f, const struct rst_report_journal *j,
    double *rpo)
{
	json_t *reasons = json_array();
	bool ok = true;

	*rpo = 0;
	if (j->unreadable) {
		reason(reasons, "unreadable", false, rst_msgf(f->lang,
		    RST_MSG_R_UNREADABLE, 0));
		return json_pack("{s:b, s:o}", "restorable", 0, "reasons",
		    reasons);
	}
	if (!j->verified) {
		reason(reasons, "journal_broken", false, rst_msgf(f->lang,
		    RST_MSG_R_JOURNAL_BROKEN, 0));
		ok = false;
	}
	ok = verdict_rpo(f, reasons, rpo) && ok;
	if (f->good != NULL)
		ok = verdict_checked(f, reasons) && ok;
	ok = verdict_drill(f, reasons) && ok;
	return json_pack("{s:b, s:o}", "restorable", ok, "reasons", reasons);
}

static json_t *
journal_json(const struct rst_report_journal *j)
{
	json_t *o = json_pack("{s:b, s:I}", "verified", j->verified,
	    "records", (json_int_t)json_array_size(j->records));
	size_t n;

	json_object_set_new(o, "first_bad_line", j->bad_line ?
	    json_integer((json_int_t)j->bad_line) : json_null());
	json_object_set_new(o, "first_bad_text", safe_string(j->bad_text));
	json_object_set_new(o, "problem", safe_string(j->problem));
	json_object_set_new(o, "repository_copy", j->repo_copy ?
	    json_string(j->repo_copy) : json_null());
	n = json_array_size(j->records);
	json_object_set_new(o, "head", n > 0 && j->line_sha != NULL ?
	    json_pack("{s:I, s:I, s:s}", "records", (json_int_t)n, "seq",
	    (json_int_t)n - 1, "sha256", j->line_sha[n - 1]) : json_null());
	json_object_set_new(o, "anchored", json_boolean(rst_jbool(j->anchor,
	    "anchored")));
	json_object_set_new(o, "anchor", j->anchor ? json_incref(j->anchor) :
	    json_null());
	return o;
}

static json_t *
newest_good(const struct facts *f)
{
	static const char *const keys[] = { "snapshot", "files", "bytes",
	    "stored_bytes", NULL };
	json_t *o;

	if (f->good == NULL)
		return json_null();
	o = json_pack("{s:O?}", "ts", json_object_get(f->good, "ts"));
	copy_keys(o, json_object_get(f->good, "data"), keys);
	json_object_set_new(o, "age_seconds",
	    json_real((double)(rpo_at(f->per) - f->good_t)));
	return o;
}

/* Snapshots a verify or drill found missing or bad, as found. */
static json_t *
found_bad(const struct facts *f)
{
	json_t *a = json_array(), *v;
	const char *k;

	json_object_foreach(f->bad, k, v)
		json_array_append(a, v);
	return a;
}

static json_t *
retention(const struct facts *f)
{
	json_t *kept = json_object_get(json_object_get(f->last_prune, "data"),
	    "kept");

	return json_pack("{s:O?, s:o, s:o, s:I, s:O}",
	    "last_prune", json_object_get(f->last_prune, "ts"),
	    "kept", json_is_array(kept) ?
	    json_integer((json_int_t)json_array_size(kept)) : json_null(),
	    "kept_snapshots", json_is_array(kept) ? json_deep_copy(kept) :
	    json_array(),
	    "pruned", (json_int_t)json_array_size(f->pruned),
	    "pruned_snapshots", f->pruned);
}

static json_t *
last_drill(const struct facts *f)
{
	json_t *n = json_array_size(f->drills) > 0 ? json_array_get(f->drills,
	    json_array_size(f->drills) - 1) : NULL;

	return n ? json_incref(n) : json_null();
}

static void
facts_release(struct facts *f)
{
	json_decref(f->backups);
	json_decref(f->drills);
	json_decref(f->failures);
	json_decref(f->pruned);
	json_decref(f->drills_upto);
	json_decref(f->good_cands);
	json_decref(f->bad);
	json_decref(f->gone);
	json_decref(f->checked);
	json_decref(f->exceptions);
}

/* Everything the report shows about one profile. */
static json_t *
profile_json(const struct rst_report_journal *j,
    const struct rst_report_period *per, enum rst_lang lang)
{
	struct facts f;
	json_t *o, *rec, *v;
	char at[40];
	double rpo;
	size_t i;

	memset(&f, 0, sizeof(f));
	f.per = per;
	f.lang = lang;
	f.backups = json_array();
	f.drills = json_array();
	f.failures = json_array();
	f.pruned = json_array();
	f.drills_upto = json_array();
	f.good_cands = json_array();
	f.bad = json_object();
	f.gone = json_object();
	f.checked = json_object();
	f.exceptions = json_array();
	json_array_foreach(j->records, i, rec)
		visit(&f, rec);
	pick_good(&f);
	targets(&f, j);
	v = verdict(&f, j, &rpo);
	o = json_pack("{s:s, s:s, s:o, s:b, s:o, s:o}", "name", j->name,
	    "source", j->profile ? "local" : "repository",
	    "key_fingerprint", j->fpr[0] ? json_string(j->fpr) : json_null(),
	    "unreadable", j->unreadable, "journal", journal_json(j),
	    "verdict", v);
	json_object_set_new(o, "targets", json_pack("{s:o, s:o, s:f, s:s, "
	    "s:b}", "rpo_seconds", opt_num(f.rpo_t), "rto_seconds",
	    opt_num(f.rto_t), "drill_interval_seconds", f.window, "source",
	    f.targets_from, "drill_interval_configured", j->profile != NULL &&
	    j->profile->schedule_drill_ms > 0));
	ts_string(rpo_at(per), at, sizeof(at));
	json_object_set_new(o, "rpo", json_pack("{s:s, s:o, s:o, s:b}",
	    "at", at, "seconds", f.good ? json_real(rpo) : json_null(),
	    "target_seconds", opt_num(f.rpo_t), "within_target", f.good &&
	    rpo >= 0 && f.rpo_t >= 0 && rpo <= f.rpo_t));
	json_object_set_new(o, "newest_good_backup", newest_good(&f));
	json_object_set_new(o, "config", rst_report_config(j));
	json_object_set_new(o, "rpo_period", rst_report_rpo_period(j->records,
	    per->since, per->until, per->generated, f.rpo_t, j->profile ?
	    (double)j->profile->schedule_backup_ms / 1000 : 0));
	rst_report_exceptions(o, j->records, per, f.lang);
	json_object_set_new(o, "evidence_from",
	    rst_report_evidence_from(j) ? json_string(
	    rst_report_evidence_from(j)) : json_null());
	json_object_set_new(o, "backups", json_pack("{s:I, s:I, s:I, s:I, "
	    "s:O}", "count", (json_int_t)f.nb, "failed", (json_int_t)f.nbfail,
	    "bytes", (json_int_t)rst_clamp_ll(f.bytes), "stored_bytes",
	    (json_int_t)rst_clamp_ll(f.stored), "items", f.backups));
	json_object_set_new(o, "drills", json_pack("{s:I, s:I, s:I, s:O}",
	    "count", (json_int_t)f.nd, "failed", (json_int_t)f.ndfail,
	    "not_completed", (json_int_t)f.nd_incomplete, "items", f.drills));
	json_object_set_new(o, "found_bad", found_bad(&f));
	json_object_set(o, "exceptions", f.exceptions);
	json_object_set_new(o, "last_drill", last_drill(&f));
	json_object_set_new(o, "verifies", json_pack("{s:I, s:I}", "count",
	    (json_int_t)f.nv, "failed", (json_int_t)f.nvfail));
	json_object_set_new(o, "restores", json_pack("{s:I, s:I}", "count",
	    (json_int_t)f.nr, "failed", (json_int_t)f.nrfail));
	json_object_set(o, "failures", f.failures);
	json_object_set_new(o, "retention", retention(&f));
	facts_release(&f);
	return o;
}

/*
 * Verified: every journal checked and intact.  Broken: those that failed
 * (exit 4); the others with a problem could not be read or compared.
 */
static json_t *
integrity_json(const struct rst_report_set *set)
{
	json_t *probs = json_array();
	size_t i, broken = 0;
	const struct rst_report_journal *j;
	bool bad;

	for (i = 0; i < set->n; i++) {
		j = &set->v[i];
		if (j->verified && j->problem == NULL)
			continue;
		bad = !j->verified &&
		    rst_exit_code(j->code) == RST_EXIT_INTEGRITY;
		if (bad)
			broken++;
		json_array_append_new(probs, json_pack("{s:s, s:b, s:b, s:o, "
		    "s:o, s:o}", "profile", j->name, "verified", j->verified,
		    "integrity_failure", bad, "first_bad_line", j->bad_line ?
		    json_integer((json_int_t)j->bad_line) : json_null(),
		    "first_bad_text", safe_string(j->bad_text),
		    "problem", safe_string(j->problem)));
	}
	return json_pack("{s:b, s:I, s:I, s:o}", "verified",
	    json_array_size(probs) == 0, "journals", (json_int_t)set->n,
	    "broken", (json_int_t)broken, "problems", probs);
}

json_t *
rst_report_model(const struct rst_report_set *set,
    const struct rst_report_period *per, const struct rst_report_meta *meta)
{
	json_t *doc, *profiles = json_array(), *p;
	char since[40], until[40], gen[40];
	size_t i, ok = 0;

	for (i = 0; i < set->n; i++) {
		p = profile_json(&set->v[i], per, meta->lang);
		if (rst_jbool(json_object_get(p, "verdict"), "restorable"))
			ok++;
		json_array_append_new(profiles, p);
	}
	ts_string(per->since, since, sizeof(since));
	ts_string(per->until, until, sizeof(until));
	ts_string(per->generated, gen, sizeof(gen));
	doc = json_pack("{s:s, s:i, s:s, s:s, s:s, s:{s:s, s:s}, "
	    "s:{s:s, s:o}, s:o}", "format", "restorable-report", "version", 1,
	    "generated", gen, "tool", "restorable " PACKAGE_VERSION,
	    "lang", rst_lang_code(meta->lang), "period", "since", since,
	    "until", until, "scope", "mode", set->repository ? "repository" :
	    "local", "repository", set->repository ?
	    json_string(set->repository) : json_null(),
	    "signing_key", meta->key_fpr ? json_string(meta->key_fpr) :
	    json_null());
	if (doc == NULL) {
		json_decref(profiles);
		return NULL;
	}
	rst_report_scope(json_object_get(doc, "scope"), set);
	json_object_set_new(doc, "integrity", integrity_json(set));
	json_object_set_new(doc, "summary", json_pack("{s:I, s:I}",
	    "profiles", (json_int_t)set->n, "restorable", (json_int_t)ok));
	json_object_set_new(doc, "profiles", profiles);
	json_object_set_new(doc, "controls", rst_report_controls(meta->lang));
	json_object_set_new(doc, "glossary", rst_report_glossary(meta->lang));
	return doc;
}
