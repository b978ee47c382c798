/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the language list (src/core/lang.c) and the alert
 * catalogue (src/notify/alert_text.c): codes, suggestions for what people
 * write instead of a code, argument substitution, and every alert message
 * present in every language with the English message's arguments.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "restorable/lang.h"

#include "../../src/notify/alert_text.h"
#include "suites.h"

START_TEST(lang_codes_parse_and_list)
{
	enum rst_lang l;
	char list[64];

	ck_assert_int_eq(rst_lang_parse("fr", &l), 0);
	ck_assert_int_eq(l, RST_LANG_FR);
	ck_assert_int_eq(rst_lang_parse("DE", &l), 0);
	ck_assert_int_eq(l, RST_LANG_DE);
	ck_assert_int_eq(rst_lang_parse("fra", &l), -1);
	ck_assert_int_eq(rst_lang_parse("", &l), -1);
	ck_assert_str_eq(rst_lang_code(RST_LANG_SV), "sv");
	rst_lang_list(list, sizeof(list));
	ck_assert_str_eq(list, "en, fr, nl, sv, de");
	rst_lang_list(list, 5);
	ck_assert_str_eq(list, "en, ");
}
END_TEST

START_TEST(lang_suggest_names_and_locales)
{
	ck_assert_str_eq(rst_lang_suggest("French"), "fr");
	ck_assert_str_eq(rst_lang_suggest("fran\xc3\xa7" "ais"), "fr");
	ck_assert_str_eq(rst_lang_suggest("nl_BE.UTF-8"), "nl");
	ck_assert_str_eq(rst_lang_suggest("de-CH"), "de");
	ck_assert_str_eq(rst_lang_suggest("swe"), "sv");
	ck_assert_str_eq(rst_lang_suggest("Deutsch"), "de");
	ck_assert_ptr_null(rst_lang_suggest("xx"));
	ck_assert_ptr_null(rst_lang_suggest("klingon"));
	ck_assert_ptr_null(rst_lang_suggest("f"));
}
END_TEST

START_TEST(lang_subst_reorders_and_keeps_the_rest)
{
	const char *args[] = { "a", "bb" };
	char *s;

	s = rst_lang_subst("{2}-{1} {3} {x} {", 2, args);
	ck_assert_str_eq(s, "bb-a {3} {x} {");
	free(s);
	s = rst_lang_subst("", 0, NULL);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

START_TEST(alert_catalogue_is_complete)
{
	struct rst_err err = RST_ERR_INIT;
	char *s;
	int m;

	ck_assert_msg(rst_alert_text_check(&err) == 0, "%s", err.msg);
	for (m = 0; m < AM_COUNT; m++)
		ck_assert_ptr_nonnull(rst_alert_msg(RST_LANG_COUNT - 1,
		    (enum rst_alert_msg)m));
	s = rst_alert_msgf(RST_LANG_FR, AM_FAILED, 5, "registre", "nas",
	    rst_alert_msg(RST_LANG_FR, AM_TASK_BACKUP), "3", "timeout");
	ck_assert_str_eq(s, "registre sur nas : \xc3\xa9" "chec de la "
	    "sauvegarde (code de sortie 3) : timeout");
	free(s);
}
END_TEST

Suite *
rst_lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("lang");

	tcase_add_test(tc, lang_codes_parse_and_list);
	tcase_add_test(tc, lang_suggest_names_and_locales);
	tcase_add_test(tc, lang_subst_reorders_and_keeps_the_rest);
	tcase_add_test(tc, alert_catalogue_is_complete);
	suite_add_tcase(s, tc);
	return s;
}
