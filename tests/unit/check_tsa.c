/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the journal's time rules and tokens: src/journal/timeorder.c
 * (records out of time order) and the refusals of src/journal/tsa.c for
 * bytes that are not a time-stamp reply.  Real tokens are exercised end to
 * end against a local TSA by tests/integration/0960-journal-anchor.sh.
 */
#include "config.h"

#include <string.h>

#include <check.h>
#include <jansson.h>

#include "restorable/timeorder.h"
#include "restorable/tsa.h"

#include "suites.h"

static json_t *
rec(const char *kind, const char *ts, const char *snap)
{
	json_t *o = json_pack("{s:s, s:s, s:{}}", "kind", kind, "ts", ts,
	    "data");

	if (snap != NULL)
		json_object_set_new(json_object_get(o, "data"), "snapshot",
		    json_string(snap));
	return o;
}

static int
next(struct rst_time_order *t, json_t *r, struct rst_time_exc x[2])
{
	int n = rst_time_order_next(t, r, x);

	json_decref(r);
	return n;
}

START_TEST(time_order_in_order_and_equal_times_pass)
{
	struct rst_time_order t = RST_TIME_ORDER_INIT;
	struct rst_time_exc x[2];

	ck_assert_int_eq(next(&t, rec("backup", "2026-11-24T10:00:00Z",
	    "20261124T100000Z-abcdef"), x), 0);
	ck_assert_int_eq(next(&t, rec("verify", "2026-11-24T10:00:00Z",
	    NULL), x), 0);
	ck_assert_int_eq(next(&t, rec("drill", "2026-11-24T10:00:00Z",
	    "20261124T100000Z-abcdef"), x), 0);
}
END_TEST

START_TEST(time_order_step_back_names_both_times)
{
	struct rst_time_order t = RST_TIME_ORDER_INIT;
	struct rst_time_exc x[2];

	ck_assert_int_eq(next(&t, rec("backup", "2026-11-24T10:00:00Z",
	    NULL), x), 0);
	ck_assert_int_eq(next(&t, rec("verify", "2026-11-24T09:59:59Z",
	    NULL), x), 1);
	ck_assert_str_eq(x[0].code, "clock_stepped_back");
	ck_assert_uint_eq(x[0].line, 2);
	ck_assert_str_eq(x[0].ts, "2026-11-24T09:59:59Z");
	ck_assert_str_eq(x[0].before, "2026-11-24T10:00:00Z");
	ck_assert_ptr_null(x[0].snapshot);
	/* compared with the line above, not with the newest time seen */
	ck_assert_int_eq(next(&t, rec("verify", "2026-11-24T09:59:59Z",
	    NULL), x), 0);
}
END_TEST

START_TEST(time_order_drill_before_its_snapshot)
{
	struct rst_time_order t = RST_TIME_ORDER_INIT;
	struct rst_time_exc x[2];

	ck_assert_int_eq(next(&t, rec("drill", "2026-11-24T09:00:00Z",
	    "20261124T100000Z-abcdef"), x), 1);
	ck_assert_str_eq(x[0].code, "drill_before_snapshot");
	ck_assert_str_eq(x[0].before, "2026-11-24T10:00:00Z");
	/* a verify of that snapshot is no drill */
	ck_assert_int_eq(next(&t, rec("verify", "2026-11-24T09:00:00Z",
	    "20261124T100000Z-abcdef"), x), 0);
}
END_TEST

START_TEST(time_order_uses_the_time_as_written)
{
	struct rst_time_order t = RST_TIME_ORDER_INIT;
	struct rst_time_exc x[2];
	json_t *r = rec("backup", "2026-11-24T08:00:00Z", NULL);

	ck_assert_int_eq(next(&t, rec("backup", "2026-11-24T09:00:00Z",
	    NULL), x), 0);
	/* the report moved ts to an anchor's earlier time: not a step back */
	json_object_set_new(r, "ts_recorded",
	    json_string("2026-11-24T10:00:00Z"));
	ck_assert_int_eq(next(&t, r, x), 0);
}
END_TEST

START_TEST(tsa_token_refuses_what_is_not_a_reply)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_tsa_token tok;
	static const unsigned char junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00,
	    0x00 };

	ck_assert_int_eq(rst_tsa_token_verify(junk, 0, "/nonexistent", &tok,
	    &err), RST_EINTEGRITY);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_tsa_token_verify(junk, sizeof(junk),
	    "/nonexistent", &tok, &err), RST_EINTEGRITY);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a DER time-stamp reply"));
	ck_assert_str_eq(tok.imprint, "");
}
END_TEST

Suite *
rst_tsa_suite(void)
{
	Suite *s = suite_create("tsa");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, time_order_in_order_and_equal_times_pass);
	tcase_add_test(tc, time_order_step_back_names_both_times);
	tcase_add_test(tc, time_order_drill_before_its_snapshot);
	tcase_add_test(tc, time_order_uses_the_time_as_written);
	tcase_add_test(tc, tsa_token_refuses_what_is_not_a_reply);
	suite_add_tcase(s, tc);
	return s;
}
