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
