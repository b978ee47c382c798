/* SPDX-License-Identifier: ISC */
/*
 * Records out of time order, as exceptions of their profile: a record
 * dated before the one above it (the clock stepped back) and a drill dated
 * before the start of its snapshot.  Shown, never integrity failures: the
 * rule is restorable/timeorder.h's, the same `journal verify` applies.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/timeorder.h"

#include "report.h"

static void
add(json_t *exc, const struct rst_time_exc *x, enum rst_lang lang)
{
	char line[32], *t;
	json_t *e;

	snprintf(line, sizeof(line), "%llu", (unsigned long long)x->line);
	if (x->snapshot != NULL)
		t = rst_msgf(lang, RST_MSG_X_DRILL_EARLY, 2, x->snapshot, x->ts);
	else
		t = rst_msgf(lang, RST_MSG_X_CLOCK_BACK, 3, line, x->ts,
		    x->before);
	e = json_pack("{s:s, s:s?, s:I, s:s, s:s}", "code", x->code, "text",
	    t, "line", (json_int_t)x->line, "ts", x->ts, "before", x->before);
	if (x->snapshot != NULL)
		json_object_set_new(e, "snapshot", json_string(x->snapshot));
	json_array_append_new(exc, e);
	free(t);
}

void
rst_report_time_order(const struct rst_report_set *set, json_t *doc,
    enum rst_lang lang)
{
	json_t *profiles = json_object_get(doc, "profiles"), *exc, *rec;
	struct rst_time_exc x[2];
	size_t i, k;
	int n, m;

	for (i = 0; i < set->n; i++) {
		struct rst_time_order t = RST_TIME_ORDER_INIT;

		exc = json_object_get(json_array_get(profiles, i),
		    "exceptions");
		if (exc == NULL)
			continue;
		json_array_foreach(set->v[i].records, k, rec) {
			n = rst_time_order_next(&t, rec, x);
			for (m = 0; m < n; m++)
				add(exc, &x[m], lang);
		}
	}
}

/* The last record that is not a report's own, and its time. */
static int64_t
last_written(const struct rst_report_journal *j)
{
	const char *kind;
	size_t i = json_array_size(j->records);
	int64_t t;

	while (i-- > 0) {
		kind = rst_jstr(json_array_get(j->records, i), "kind");
		if (kind != NULL && strcmp(kind, "report") == 0)
			continue;
		if (rst_parse_rfc3339(rst_jstr(json_array_get(j->records, i),
		    "ts"), &t) == 0)
			return t;
	}
	return 0;
}

static uint64_t
shortest(const struct rst_profile *p)
{
	uint64_t s[3] = { p->schedule_backup_ms, p->schedule_drill_ms,
	    p->schedule_prune_ms }, m = 0;
	int i;

	for (i = 0; i < 3; i++)
		if (s[i] > 0 && (m == 0 || s[i] < m))
			m = s[i];
	return m;
}

static void
stale(json_t *p, const char *name, int64_t last, uint64_t every_ms,
    enum rst_lang lang)
{
	json_t *v = json_object_get(p, "verdict");
	char when[40], every[64], *t;

	rst_format_rfc3339(last, 0, when, sizeof(when));
	rst_fmt_duration(lang, (double)every_ms / 1000, every, sizeof(every));
	t = rst_msgf(lang, RST_MSG_F_STALE, 3, name, when, every);
	json_array_append_new(json_object_get(p, "findings"), json_pack(
	    "{s:s, s:b, s:s?}", "code", "journal_stale", "integrity", 0,
	    "text", t));
	json_array_append_new(json_object_get(v, "reasons"), json_pack(
	    "{s:s, s:b, s:s?}", "code", "journal_stale", "ok", 0, "text", t));
	json_object_set_new(v, "restorable", json_false());
	free(t);
}

void
rst_report_stale(const struct rst_report_set *set, json_t *doc, int64_t now,
    enum rst_lang lang)
{
	json_t *profiles = json_object_get(doc, "profiles");
	const struct rst_report_journal *j;
	uint64_t every;
	int64_t last;
	size_t i;

	if (set->st == NULL)
		return;		/* local journals are this host's own */
	for (i = 0; i < set->n; i++) {
		j = &set->v[i];
		if (j->profile == NULL || j->unreadable ||
		    (every = shortest(j->profile)) == 0 ||
		    (last = last_written(j)) == 0 ||
		    (uint64_t)(now > last ? now - last : 0) * 1000 <= 2 * every)
			continue;
		stale(json_array_get(profiles, i), j->name, last, every, lang);
	}
}
