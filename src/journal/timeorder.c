/* SPDX-License-Identifier: ISC */
/*
 * The time-order exceptions of a journal (restorable/timeorder.h).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/snapshot.h"
#include "restorable/timeorder.h"
#include "restorable/util.h"

static const char *
jstr(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

int
rst_time_order_next(struct rst_time_order *t, const json_t *rec,
    struct rst_time_exc x[2])
{
	const char *ts = jstr(rec, "ts_recorded") ? jstr(rec, "ts_recorded") :
	    jstr(rec, "ts");
	const char *kind = jstr(rec, "kind"), *snap;
	int64_t at, start;
	int n = 0;

	t->line++;
	if (ts == NULL || rst_parse_rfc3339(ts, &at) != 0)
		return 0;
	if (t->last != INT64_MIN && at < t->last) {
		memset(&x[n], 0, sizeof(x[n]));
		x[n].code = "clock_stepped_back";
		x[n].line = t->line;
		snprintf(x[n].ts, sizeof(x[n].ts), "%s", ts);
		snprintf(x[n].before, sizeof(x[n].before), "%s", t->last_ts);
		n++;
	}
	snap = jstr(json_object_get(rec, "data"), "snapshot");
	if (kind != NULL && strcmp(kind, "drill") == 0 && snap != NULL &&
	    (start = rst_snapshot_id_time(snap)) > 0 && at < start) {
		memset(&x[n], 0, sizeof(x[n]));
		x[n].code = "drill_before_snapshot";
		x[n].line = t->line;
		x[n].snapshot = snap;
		snprintf(x[n].ts, sizeof(x[n].ts), "%s", ts);
		rst_format_rfc3339(start, 0, x[n].before, sizeof(x[n].before));
		n++;
	}
	t->last = at;
	snprintf(t->last_ts, sizeof(t->last_ts), "%s", ts);
	return n;
}
