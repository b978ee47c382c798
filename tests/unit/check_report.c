/* SPDX-License-Identifier: ISC */
/*
 * Unit tests of the report's follow-up rules on hand-made journal
 * records: the RPO over a period, how exceptions are closed (security
 * events only by a check of the same snapshot, or its removal and a
 * passing drill of a newer one), operator errors, and the status level.
 */
#include "config.h"

#include <string.h>

#include "report/report.h"
#include "suites.h"

#define H	3600
#define T0	1796083200	/* 2026-12-01T00:00:00Z */

static json_t *
rec(int seq, int64_t t, const char *kind, const char *result, int code,
    const char *snap)
{
	char ts[40];

	rst_format_rfc3339(t, 0, ts, sizeof(ts));
	return json_pack("{s:i, s:s, s:s, s:s, s:s, s:s, s:i, s:{s:s?}}",
	    "seq", seq, "ts", ts, "kind", kind, "host", "h", "user", "u",
	    "result", result, "exit", code, "data", "snapshot", snap);
}

/* A snapshot id made at t. */
static const char *
id(int64_t t, char *buf)
{
	char ts[40];

	rst_format_rfc3339(t, 0, ts, sizeof(ts));
	snprintf(buf, 40, "%.4s%.2s%.2sT%.2s%.2s%.2sZ-000000", ts, ts + 5,
	    ts + 8, ts + 11, ts + 14, ts + 17);
	return buf;
}

START_TEST(rpo_gap_is_one_interval_over_target)
{
	json_t *r = json_array(), *o, *iv;
	char a[40], b[40], c[40];

	json_array_append_new(r, rec(0, T0, "backup", "pass", 0, id(T0, a)));
	json_array_append_new(r, rec(1, T0 + 72 * H, "backup", "pass", 0,
	    id(T0 + 72 * H, b)));
	json_array_append_new(r, rec(2, T0 + 96 * H, "backup", "pass", 0,
	    id(T0 + 96 * H, c)));
	o = rst_report_rpo_period(r, T0 - 24 * H, T0 + 100 * H, T0 + 100 * H,
	    26 * H, 24 * H);
	ck_assert_str_eq(rst_jstr(o, "from"), "2026-12-01T00:00:00Z");
	ck_assert_uint_eq(json_array_size(json_object_get(o, "over")), 1);
	iv = json_array_get(json_object_get(o, "over"), 0);
	ck_assert_str_eq(rst_jstr(iv, "start"), "2026-12-02T02:00:00Z");
	ck_assert_str_eq(rst_jstr(iv, "end"), "2026-12-04T00:00:00Z");
	ck_assert_int_eq(rst_jint(json_object_get(iv, "closed_by"), "seq"), 1);
	ck_assert_double_eq_tol(rst_jnum(o, "share_within"), 1 - 46.0 / 100,
	    1e-9);
	ck_assert_int_eq(rst_jint(o, "missed_runs"), 2);
	ck_assert_double_eq(rst_jnum(o, "max_seconds"), 72 * H);
	json_decref(o);
	/* Measured at now when --until is later (DESIGN.md decision 21). */
	o = rst_report_rpo_period(r, T0, T0 + 200 * H, T0 + 100 * H, 26 * H,
	    0);
	ck_assert_str_eq(rst_jstr(o, "to"), "2026-12-05T04:00:00Z");
	ck_assert(json_is_null(json_object_get(o, "missed_runs")));
	json_decref(o);
	json_decref(r);
}
END_TEST

START_TEST(rpo_still_over_at_the_end_is_open)
{
	json_t *r = json_array(), *o, *iv;
	char a[40];

	json_array_append_new(r, rec(0, T0, "backup", "pass", 0, id(T0, a)));
	o = rst_report_rpo_period(r, T0, T0 + 30 * H, T0 + 30 * H, 26 * H, 0);
	iv = json_array_get(json_object_get(o, "over"), 0);
	ck_assert(rst_jbool(iv, "open"));
	ck_assert(json_is_null(json_object_get(iv, "closed_by")));
	ck_assert_double_eq(rst_jnum(iv, "seconds"), 4 * H);
	json_decref(o);
	json_decref(r);
}
END_TEST

static json_t *
incidents(json_t *r)
{
	struct rst_report_period per = { T0 - H, T0 + 1000 * H, T0 + 1000 * H };
	json_t *p = json_object();

	rst_report_exceptions(p, r, &per, RST_LANG_EN);
	json_decref(r);
	return p;
}

START_TEST(security_event_closed_by_removal_and_newer_drill)
{
	json_t *r = json_array(), *p, *x, *pr;
	char a[40], b[40];

	id(T0, a);
	id(T0 + 24 * H, b);
	json_array_append_new(r, rec(0, T0 + H, "drill", "fail", 4, a));
	/* A passing drill of another snapshot does not close it ... */
	json_array_append_new(r, rec(1, T0 + 2 * H, "drill", "pass", 0, b));
	pr = rec(2, T0 + 3 * H, "prune", "pass", 0, NULL);
	json_object_set_new(json_object_get(pr, "data"), "removed",
	    json_pack("[s]", a));
	json_array_append_new(r, pr);
	/* ... until the bad one is removed: then a newer one's drill does. */
	json_array_append_new(r, rec(3, T0 + 4 * H, "drill", "pass", 0, b));
	p = incidents(r);
	x = json_array_get(json_object_get(p, "incidents"), 0);
	ck_assert(rst_jbool(x, "security"));
	ck_assert_str_eq(rst_jstr(x, "status"), "closed");
	ck_assert_int_eq(rst_jint(json_object_get(x, "closed_by"), "seq"), 3);
	ck_assert_double_eq(rst_jnum(x, "remediation_seconds"), 3 * H);
	json_decref(p);
}
END_TEST

START_TEST(security_event_stays_open_after_other_passes)
{
	json_t *r = json_array(), *p, *x;
	char a[40], b[40];

	id(T0, a);
	id(T0 + 24 * H, b);
	json_array_append_new(r, rec(0, T0 + H, "verify", "fail", 4, a));
	json_array_append_new(r, rec(1, T0 + 2 * H, "drill", "pass", 0, b));
	json_array_append_new(r, rec(2, T0 + 3 * H, "backup", "pass", 0, b));
	p = incidents(r);
	x = json_array_get(json_object_get(p, "incidents"), 0);
	ck_assert_str_eq(rst_jstr(x, "status"), "open");
	json_decref(p);
}
END_TEST

START_TEST(operator_errors_are_apart)
{
	json_t *r = json_array(), *p, *x;
	char a[40];

	id(T0, a);
	json_array_append_new(r, rec(0, T0, "restore", "error", 2, a));
	json_array_append_new(r, rec(1, T0 + H, "backup", "error", 3, NULL));
	json_array_append_new(r, rec(2, T0 + 3 * H, "backup", "pass", 0, a));
	p = incidents(r);
	ck_assert_uint_eq(json_array_size(json_object_get(p,
	    "operator_errors")), 1);
	ck_assert_uint_eq(json_array_size(json_object_get(p, "incidents")), 1);
	x = json_array_get(json_object_get(p, "incidents"), 0);
	ck_assert_str_eq(rst_jstr(x, "kind"), "backup");
	ck_assert(!rst_jbool(x, "security"));
	ck_assert_int_eq(rst_jint(json_object_get(x, "closed_by"), "seq"), 2);
	json_decref(p);
}
END_TEST

static const char *
level(bool proven, bool anchored, const char *open_kind, bool security)
{
	static char out[16];
	json_t *doc, *p;

	p = json_pack("{s:s, s:{s:b, s:[]}, s:{s:b}, s:[], s:[], s:{s:f}}",
	    "name", "p", "verdict", "restorable", proven, "reasons",
	    "journal", "anchored", anchored, "findings", "incidents",
	    "targets", "drill_interval_seconds", 604800.0);
	if (open_kind != NULL)
		json_array_append_new(json_object_get(p, "incidents"),
		    json_pack("{s:s, s:s, s:b}", "kind", open_kind, "status",
		    "open", "security", security));
	doc = json_pack("{s:[o], s:{s:i, s:i}}", "profiles", p, "integrity",
	    "broken", 0, "findings", 0);
	rst_report_status(doc, RST_LANG_EN);
	snprintf(out, sizeof(out), "%s", rst_jstr(json_object_get(doc,
	    "status"), "level"));
	json_decref(doc);
	return out;
}

START_TEST(status_levels)
{
	ck_assert_str_eq(level(true, true, NULL, false), "green");
	ck_assert_str_eq(level(true, false, NULL, false), "amber");
	ck_assert_str_eq(level(true, true, "backup", false), "amber");
	ck_assert_str_eq(level(true, true, "drill", true), "red");
	ck_assert_str_eq(level(false, true, NULL, false), "red");
}
END_TEST

Suite *
rst_report_suite(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("follow-up");

	tcase_add_test(tc, rpo_gap_is_one_interval_over_target);
	tcase_add_test(tc, rpo_still_over_at_the_end_is_open);
	tcase_add_test(tc, security_event_closed_by_removal_and_newer_drill);
	tcase_add_test(tc, security_event_stays_open_after_other_passes);
	tcase_add_test(tc, operator_errors_are_apart);
	tcase_add_test(tc, status_levels);
	suite_add_tcase(s, tc);
	return s;
}
