/* SPDX-License-Identifier: ISC */
/*
 * The RPO over the whole period, from the backup records: at any moment t
 * the RPO is t minus the start of the newest snapshot whose backup passed
 * and was recorded by t (its id's time; the record's time when the id has
 * none).  Measured from the later of --since and the journal's first
 * record to the earlier of --until and now (DESIGN.md decision 21); a
 * moment with no snapshot yet counts as over target.
 *
 * Result: the share of that time within the RPO target, every interval over
 * target (start, end, length, and the backup record that ended it), the
 * scheduled backups that did not happen (each due time x + k * schedule
 * after a backup attempt x, when no attempt came before due + schedule/2),
 * and the sawtooth's vertices for the chart.  Records under a set clock
 * are never evidence.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/snapshot.h"

#include "report.h"

#define MAX_LISTED	200	/* intervals and missed runs listed */

struct rpo {
	int64_t		 from, to;
	double		 target;	/* < 0: none */
	double		 over, max;
	int64_t		 point;		/* newest restore point, or -1 */
	int64_t		 over_start;	/* -1: not over target now */
	json_t		*intervals, *points;
};

static bool
evidence(const json_t *rec, const char *kind, int64_t *t)
{
	const char *k = rst_jstr(rec, "kind"), *c = rst_jstr(rec, "clock");

	return k != NULL && strcmp(k, kind) == 0 && (c == NULL ||
	    strcmp(c, "set") != 0) && rst_parse_rfc3339(rst_jstr(rec, "ts"),
	    t) == 0;
}

static json_t *
iso(int64_t t)
{
	char s[40];

	rst_format_rfc3339(t, 0, s, sizeof(s));
	return json_string(s);
}

static void
vertex(struct rpo *r, int64_t t)
{
	double v;

	if (r->point < 0)
		return;
	v = (double)(t - r->point);
	if (v > r->max)
		r->max = v;
	json_array_append_new(r->points, json_pack("{s:o, s:f}", "t", iso(t),
	    "rpo_seconds", v));
}

/* The RPO crosses the target (or not) between the last event and t. */
static void
advance(struct rpo *r, int64_t t, const json_t *closer)
{
	int64_t cross = r->point < 0 ? r->from :
	    r->point + (int64_t)r->target;

	if (r->target < 0 || t <= r->from)
		return;
	if (r->over_start < 0 && cross < t)
		r->over_start = cross > r->from ? cross : r->from;
	if (r->over_start < 0 || closer == NULL)
		return;
	r->over += (double)(t - r->over_start);
	if (json_array_size(r->intervals) < MAX_LISTED)
		json_array_append_new(r->intervals, json_pack("{s:o, s:o, s:f, "
		    "s:b, s:{s:O?, s:O?}}", "start", iso(r->over_start), "end",
		    iso(t), "seconds", (double)(t - r->over_start), "open", 0,
		    "closed_by", "seq", json_object_get(closer, "seq"), "ts",
		    json_object_get(closer, "ts")));
	r->over_start = -1;
}

/* A passing backup recorded at t: a new restore point from then on. */
static void
restore_point(struct rpo *r, const json_t *rec, int64_t t)
{
	const char *id = rst_jstr(json_object_get(rec, "data"), "snapshot");
	int64_t p = id && rst_snapshot_id_valid(id) ?
	    rst_snapshot_id_time(id) : t;

	if (p > t || (r->point >= 0 && p <= r->point))
		return;
	if (t > r->from) {
		vertex(r, t);
		r->point = p;
		if (r->target >= 0 && (double)(t - p) <= r->target)
			advance(r, t, rec);
		vertex(r, t);
	} else
		r->point = p;
}

static void
sweep(struct rpo *r, const json_t *records)
{
	const json_t *rec;
	int64_t t;
	size_t i;

	bool started = false;

	json_array_foreach(records, i, rec) {
		if (!evidence(rec, "backup", &t) || t > r->to ||
		    strcmp(rst_jstr(rec, "result") ? rst_jstr(rec, "result") :
		    "", "pass") != 0)
			continue;
		if (t > r->from && !started) {
			vertex(r, r->from);
			started = true;
		}
		if (t > r->from)
			advance(r, t, NULL);
		restore_point(r, rec, t);
	}
	if (!started)
		vertex(r, r->from);
	vertex(r, r->to);
	advance(r, r->to, NULL);
	if (r->over_start >= 0) {
		r->over += (double)(r->to - r->over_start);
		json_array_append_new(r->intervals, json_pack("{s:o, s:o, s:f, "
		    "s:b, s:n}", "start", iso(r->over_start), "end", iso(r->to),
		    "seconds", (double)(r->to - r->over_start), "open", 1,
		    "closed_by"));
	}
}

/* Due times after attempt x with no attempt before due + every / 2. */
static void
missed_after(int64_t x, int64_t y, int64_t from, double every,
    json_t *missed, json_int_t *n)
{
	double due;

	for (due = (double)x + every; due + every / 2 < (double)y;
	    due += every) {
		if (due <= (double)from)
			continue;
		(*n)++;
		if (json_array_size(missed) < MAX_LISTED)
			json_array_append_new(missed, json_pack("{s:o}", "due",
			    iso((int64_t)due)));
	}
}

static json_t *
missed_runs(const json_t *records, int64_t from, int64_t to, double every,
    json_int_t *n)
{
	json_t *missed = json_array();
	const json_t *rec;
	int64_t t, last = -1;
	size_t i;

	*n = 0;
	json_array_foreach(records, i, rec) {
		if (!evidence(rec, "backup", &t) || t > to)
			continue;
		if (last >= 0 && t > from)
			missed_after(last, t, from, every, missed, n);
		last = t;
	}
	if (last >= 0)
		missed_after(last, to, from, every, missed, n);
	return missed;
}

json_t *
rst_report_rpo_period(const json_t *records, int64_t since, int64_t until,
    int64_t now, double target, double every)
{
	struct rpo r;
	int64_t first;
	json_int_t nmissed = 0;
	json_t *o, *missed;

	memset(&r, 0, sizeof(r));
	r.from = since;
	r.to = until < now ? until : now;
	if (rst_parse_rfc3339(rst_jstr(json_array_get(records, 0), "ts"),
	    &first) == 0 && first > r.from)
		r.from = first;
	if (r.from > r.to)
		r.from = r.to;
	r.target = target;
	r.point = r.over_start = -1;
	r.intervals = json_array();
	r.points = json_array();
	sweep(&r, records);
	missed = every > 0 ? missed_runs(records, r.from, r.to, every,
	    &nmissed) : json_null();
	o = json_pack("{s:o, s:o, s:f, s:o, s:o, s:o, s:o, s:o, s:o, s:o, "
	    "s:o, s:o}", "from", iso(r.from), "to", iso(r.to), "seconds",
	    (double)(r.to - r.from), "target_seconds", target < 0 ?
	    json_null() : json_real(target), "within_seconds", target < 0 ?
	    json_null() : json_real((double)(r.to - r.from) - r.over),
	    "share_within", target < 0 ? json_null() : json_real(r.to > r.from ?
	    1 - r.over / (double)(r.to - r.from) : 1), "max_seconds",
	    json_array_size(r.points) ? json_real(r.max) : json_null(),
	    "over", r.intervals, "schedule_seconds", every > 0 ?
	    json_real(every) : json_null(), "missed_runs", every > 0 ?
	    json_integer(nmissed) : json_null(), "missed", missed, "points",
	    r.points);
	return o;
}
