/* SPDX-License-Identifier: ISC */
/*
 * Retention: which snapshots a prune keeps.  Buckets, as restorable.conf(5)
 * documents them: keep_last N keeps the N newest snapshots; keep_daily N
 * keeps the newest snapshot of each of the N most recent UTC days that
 * have one (keep_weekly: ISO weeks; keep_monthly: calendar months).  A
 * snapshot is kept when any rule keeps it.  With no rule set, everything
 * is kept.  The protected snapshot (the newest with a passing drill) is
 * always kept.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "restorable/snapshot.h"

/* Bucket key of an id's time: day, ISO week or month. */
static void
bucket(const char *id, char unit, char *out, size_t len)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strptime(id, "%Y%m%dT%H%M%SZ", &tm) == NULL) {
		snprintf(out, len, "?");
		return;
	}
	switch (unit) {
	case 'd':
		strftime(out, len, "%Y-%m-%d", &tm);
		break;
	case 'w':
		/* timegm normalises tm_wday/tm_yday for %G-%V. */
		(void)timegm(&tm);
		strftime(out, len, "%G-W%V", &tm);
		break;
	default:
		strftime(out, len, "%Y-%m", &tm);
	}
}

/* Walk newest to oldest; keep the first of each new bucket, n buckets. */
static void
keep_buckets(char *const *ids, size_t n, char unit, int count, bool *keep)
{
	char last[32] = "", cur[32];
	size_t i;
	int used = 0;

	for (i = n; i-- > 0 && used < count;) {
		bucket(ids[i], unit, cur, sizeof(cur));
		if (strcmp(cur, last) == 0)
			continue;
		memcpy(last, cur, sizeof(last));
		keep[i] = true;
		used++;
	}
}

void
rst_retention_plan(const struct rst_profile *p, char *const *ids, size_t n,
    const char *protect, bool *keep)
{
	size_t i;
	int last = p->keep_last;

	if (p->keep_last < 0 && p->keep_daily < 0 && p->keep_weekly < 0 &&
	    p->keep_monthly < 0) {
		for (i = 0; i < n; i++)
			keep[i] = true;
		return;
	}
	for (i = 0; i < n; i++)
		keep[i] = protect != NULL && strcmp(ids[i], protect) == 0;
	for (i = n; i-- > 0 && last > 0; last--)
		keep[i] = true;
	if (p->keep_daily > 0)
		keep_buckets(ids, n, 'd', p->keep_daily, keep);
	if (p->keep_weekly > 0)
		keep_buckets(ids, n, 'w', p->keep_weekly, keep);
	if (p->keep_monthly > 0)
		keep_buckets(ids, n, 'm', p->keep_monthly, keep);
}
