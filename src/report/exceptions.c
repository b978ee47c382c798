/* SPDX-License-Identifier: ISC */
/*
 * Exceptions with their follow-up: every record of the period that did
 * not pass, and every interval the RPO spent over target, each open or
 * closed by a later record (its seq and time) with the time it took.
 *
 *   security event  a record that ended 4 (integrity): closed only by a
 *                   passing verify --deep or drill of the same snapshot,
 *                   or by that snapshot's removal (a prune) followed by a
 *                   passing drill of a newer one (DESIGN.md decision 24)
 *   other failures  closed by the next passing record of the same kind
 *                   (a drill that did not complete, by a passing drill)
 *   operator errors records that ended 2 (usage, configuration): listed
 *                   apart, never an exception, never a failed backup,
 *                   drill or restore
 *
 * Every row carries the record's seq, host, user and, where it has one,
 * its manifest_sha256.  Records under a set clock are never evidence.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"

#include "report.h"

static bool
is(const json_t *o, const char *key, const char *want)
{
	const char *v = rst_jstr(o, key);

	return v != NULL && strcmp(v, want) == 0;
}

static bool
set_clock(const json_t *rec)
{
	return is(rec, "clock", "set");
}

static bool
passed(const json_t *rec)
{
	return is(rec, "result", "pass") && rst_jnum(rec, "exit") == 0;
}

static void
cause(json_t *o, const json_t *rec, enum rst_lang l)
{
	const json_t *why = json_object_get(rec, "reason");
	char *text;

	if (json_is_object(why))
		json_object_set_new(o, "reason", json_deep_copy(why));
	if ((text = rst_report_cause(l, why, rst_jint(rec, "exit"))) != NULL)
		json_object_set_new(o, "reason_text", json_string(text));
	free(text);
}

/*
 * seq, ts, kind, host, user, exit, result[, snapshot, manifest_sha256]
 * [, reason, reason_text]: the record's reason told in language l.
 */
static json_t *
row(const json_t *rec, enum rst_lang l)
{
	const json_t *d = json_object_get(rec, "data");
	json_t *o = json_pack("{s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?}",
	    "seq", json_object_get(rec, "seq"), "ts", json_object_get(rec,
	    "ts"), "kind", json_object_get(rec, "kind"), "host",
	    json_object_get(rec, "host"), "user", json_object_get(rec, "user"),
	    "exit", json_object_get(rec, "exit"), "result",
	    json_object_get(rec, "result"));
	const char *snap = rst_jstr(d, "snapshot");
	const char *m = rst_jstr(d, "manifest_sha256");
	const json_t *reasons = json_object_get(d, "reasons");

	if (o == NULL)
		return NULL;
	if (snap != NULL && snap[0] != '\0')
		json_object_set(o, "snapshot", json_object_get(d, "snapshot"));
	if (m != NULL && m[0] != '\0')
		json_object_set(o, "manifest_sha256", json_object_get(d,
		    "manifest_sha256"));
	json_object_set_new(o, "reasons", json_is_array(reasons) ?
	    json_deep_copy(reasons) : json_array());
	cause(o, rec, l);
	if (is(rec, "kind", "drill"))
		json_object_set_new(o, "completed", json_boolean(
		    rst_jnum(rec, "exit") == 1 || rst_jnum(rec, "exit") == 4));
	return o;
}

static int
by_ts(const void *a, const void *b)
{
	const char *x = rst_jstr(*(json_t *const *)a, "ts");
	const char *y = rst_jstr(*(json_t *const *)b, "ts");

	return strcmp(x ? x : "", y ? y : "");
}

/* The rows in time order (ISO 8601 UTC sorts as text); stable enough:
 * equal times keep no particular order, seq tells them apart. */
static json_t *
sorted(json_t *rows)
{
	size_t n = json_array_size(rows), i;
	json_t **v, *out;

	if (n < 2 || (v = calloc(n, sizeof(*v))) == NULL)
		return rows;
	for (i = 0; i < n; i++)
		v[i] = json_array_get(rows, i);
	qsort(v, n, sizeof(*v), by_ts);
	out = json_array();
	for (i = 0; i < n; i++)
		json_array_append(out, v[i]);
	free(v);
	json_decref(rows);
	return out;
}

static bool
removed(const json_t *rec, const char *snap)
{
	static const char *const keys[] = { "removed", "forgotten" };
	const json_t *v;
	size_t i, k;

	if (!is(rec, "kind", "prune"))
		return false;
	for (k = 0; k < 2; k++)
		json_array_foreach(json_object_get(json_object_get(rec,
		    "data"), keys[k]), i, v)
			if (json_is_string(v) && strcmp(json_string_value(v),
			    snap) == 0)
				return true;
	return false;
}

/* Does rec (after the security event on snap) close it? */
static bool
closes_security(const json_t *rec, const char *snap, bool *gone)
{
	const char *s = NULL;
	int f = rst_record_finding(rec, &s);

	if (snap == NULL)
		return f == -1;
	if (f == -1 && s != NULL && strcmp(s, snap) == 0)
		return true;
	if (removed(rec, snap))
		*gone = true;
	return *gone && f == -1 && s != NULL && strcmp(s, snap) > 0 &&
	    is(rec, "kind", "drill");
}

static bool
closes(const json_t *fail, const json_t *rec, bool *gone)
{
	const char *snap = rst_jstr(json_object_get(fail, "data"), "snapshot");

	if (snap != NULL && !rst_snapshot_id_valid(snap))
		snap = NULL;
	if (rst_jnum(fail, "exit") == 4)
		return closes_security(rec, snap, gone);
	return passed(rec) && rst_jstr(fail, "kind") != NULL &&
	    is(rec, "kind", rst_jstr(fail, "kind"));
}

/* Open, or closed by the first later record that closes it. */
static void
follow_up(json_t *it, const json_t *records, size_t from, int64_t until)
{
	const json_t *fail = json_array_get(records, from), *rec;
	int64_t t0, t;
	bool gone = false;
	size_t i;

	for (i = from + 1; i < json_array_size(records); i++) {
		rec = json_array_get(records, i);
		if (set_clock(rec) || rst_parse_rfc3339(rst_jstr(rec, "ts"),
		    &t) != 0 || t > until)
			continue;
		if (!closes(fail, rec, &gone))
			continue;
		json_object_set_new(it, "status", json_string("closed"));
		json_object_set_new(it, "closed_by", json_pack("{s:O?, s:O?, "
		    "s:O?}", "seq", json_object_get(rec, "seq"), "ts",
		    json_object_get(rec, "ts"), "kind", json_object_get(rec,
		    "kind")));
		json_object_set_new(it, "remediation_seconds",
		    rst_parse_rfc3339(rst_jstr(fail, "ts"), &t0) == 0 ?
		    json_real((double)(t - t0)) : json_null());
		return;
	}
	json_object_set_new(it, "status", json_string("open"));
	json_object_set_new(it, "closed_by", json_null());
	json_object_set_new(it, "remediation_seconds", json_null());
}

/* The RPO's intervals over target, as exceptions. */
static void
rpo_rows(json_t *out, const json_t *rpo_period)
{
	const json_t *iv, *by;
	size_t i;

	json_array_foreach(json_object_get(rpo_period, "over"), i, iv) {
		by = json_object_get(iv, "closed_by");
		json_array_append_new(out, json_pack("{s:n, s:O?, s:s, s:n, "
		    "s:n, s:n, s:s, s:O?, s:b, s:s, s:O, s:o, s:[]}", "seq",
		    "ts", json_object_get(iv, "start"), "kind", "rpo", "host",
		    "user", "exit", "result", "fail", "end", json_object_get(iv,
		    "end"), "security", 0, "status", json_is_object(by) ?
		    "closed" : "open", "closed_by", by, "remediation_seconds",
		    json_is_object(by) ? json_real(rst_jnum(iv, "seconds")) :
		    json_null(), "reasons"));
	}
}

void
rst_report_exceptions(json_t *p, const json_t *records,
    const struct rst_report_period *per, enum rst_lang l)
{
	json_t *out = json_array(), *ops = json_array(), *it;
	const json_t *rec;
	int64_t t;
	size_t i;

	json_array_foreach(records, i, rec) {
		if (set_clock(rec) || passed(rec) || is(rec, "kind", "report") ||
		    rst_parse_rfc3339(rst_jstr(rec, "ts"), &t) != 0 ||
		    t < per->since || t > per->until)
			continue;
		if ((it = row(rec, l)) == NULL)
			continue;
		if (rst_jnum(rec, "exit") == 2) {
			json_array_append_new(ops, it);
			continue;
		}
		json_object_set_new(it, "security",
		    json_boolean(rst_jnum(rec, "exit") == 4));
		follow_up(it, records, i, per->until);
		json_array_append_new(out, it);
	}
	rpo_rows(out, json_object_get(p, "rpo_period"));
	json_object_set_new(p, "incidents", sorted(out));
	json_object_set_new(p, "operator_errors", ops);
}
