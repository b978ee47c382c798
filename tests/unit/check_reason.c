/* SPDX-License-Identifier: ISC */
/* The reason registry, reasons carried by errors, and the JSON writer. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/err.h"
#include "restorable/reason.h"
#include "restorable/text.h"

#include "suites.h"

START_TEST(codes_are_unique_snake_case_with_a_schema)
{
	enum rst_reason_arg t;
	char name[RST_REASON_ARGNAME];
	const char *s;
	int i, j;

	ck_assert_ptr_null(rst_reason_name(RST_REASON_NONE));
	ck_assert_ptr_null(rst_reason_name(RST_REASON_COUNT));
	for (i = 1; i < RST_REASON_COUNT; i++) {
		s = rst_reason_name(i);
		ck_assert_ptr_nonnull(s);
		ck_assert_int_eq(rst_reason_lookup(s), i);
		for (; *s != '\0'; s++)
			ck_assert(islower((unsigned char)*s) || *s == '_');
		ck_assert_int_le(rst_reason_nargs(i), RST_REASON_MAXARGS);
		for (j = 0; j < rst_reason_nargs(i); j++) {
			ck_assert(rst_reason_arg(i, j, &t, name, sizeof(name)));
			ck_assert(t == RST_RARG_TEXT || t == RST_RARG_PATH ||
			    t == RST_RARG_INT || t == RST_RARG_SECONDS);
			ck_assert_uint_gt(strlen(name), 0);
		}
		ck_assert(!rst_reason_arg(i, j, &t, name, sizeof(name)));
	}
	ck_assert_int_eq(rst_reason_lookup("no_such_code"), RST_REASON_NONE);
}
END_TEST

START_TEST(first_reason_wins_and_clear_resets_it)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_reason r;

	rst_err_reason_sn(&e, RST_REASON_CHECK_FAILED, "db ok", 3);
	rst_err_reason(&e, RST_REASON_TIMEOUT);
	rst_errf(&e, RST_ECHECK, "check failed");
	rst_err_get_reason(&e, RST_ECHECK, &r);
	ck_assert_int_eq(r.code, RST_REASON_CHECK_FAILED);
	ck_assert_str_eq(r.text[0], "db ok");
	ck_assert(r.num[1] == 3);
	rst_err_clear(&e);
	rst_err_get_reason(&e, RST_EUSAGE, &r);
	ck_assert_int_eq(r.code, RST_REASON_USAGE_ERROR);
	errno = ENOSPC;
	rst_errno(&e, RST_EIO, "write x");
	ck_assert_int_eq(e.reason.code, RST_REASON_NO_SPACE);
}
END_TEST

START_TEST(reason_json_keeps_schema_order_and_drops_unknowns)
{
	struct rst_err e = RST_ERR_INIT;
	json_t *o;
	char *s;

	rst_err_reason_nn(&e, RST_REASON_RTO_MISSED, 1.23456, NAN);
	o = rst_reason_json(&e.reason, true);
	s = rst_json_dumps(o, JSON_COMPACT);
	ck_assert_str_eq(s, "{\"code\":\"rto_missed\",\"args\":"
	    "{\"seconds\":1.235}}");
	free(s);
	json_decref(o);
	ck_assert_ptr_null(rst_reason_json(&(struct rst_reason){ 0 }, false));
}
END_TEST

START_TEST(json_writer_rounds_every_real_to_the_millisecond)
{
	json_t *o = json_pack("{s:f, s:[f, f], s:{s:f}, s:i}", "a", 0.004,
	    "b", 0.1 + 0.2, 1234567.0005, "c", "d", 2.0 / 3, "e", 7);
	char *s = rst_json_dumps(o, JSON_COMPACT);

	ck_assert_str_eq(s, "{\"a\":0.004,\"b\":[0.3,1234567.001],"
	    "\"c\":{\"d\":0.667},\"e\":7}");
	free(s);
	json_decref(o);
}
END_TEST

Suite *
rst_reason_suite(void)
{
	Suite *s = suite_create("reason");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, codes_are_unique_snake_case_with_a_schema);
	tcase_add_test(tc, first_reason_wins_and_clear_resets_it);
	tcase_add_test(tc, reason_json_keeps_schema_order_and_drops_unknowns);
	tcase_add_test(tc, json_writer_rounds_every_real_to_the_millisecond);
	suite_add_tcase(s, tc);
	return s;
}
