/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the language list (src/core/lang.c) and the alert
 * catalogue (src/notify/alert_text.c): codes, suggestions for what people
 * write instead of a code, argument substitution, every alert message
 * present in every language with the English message's arguments, and
 * the cause of an alert phrased from a reason code.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "restorable/config.h"
#include "restorable/lang.h"
#include "restorable/notify.h"

#include "../../src/notify/alert_text.h"
#include "suites.h"

START_TEST(lang_codes_parse_and_list)
{
	enum rst_lang l;
	char list[64], want[64] = "";
	int i;

	ck_assert_int_eq(rst_lang_parse("fr", &l), 0);
	ck_assert_int_eq(l, RST_LANG_FR);
	ck_assert_int_eq(rst_lang_parse("DE", &l), 0);
	ck_assert_int_eq(l, RST_LANG_DE);
	ck_assert_int_eq(rst_lang_parse("fra", &l), -1);
	ck_assert_int_eq(rst_lang_parse("", &l), -1);
	ck_assert_str_eq(rst_lang_code(RST_LANG_SV), "sv");
	/* The codes of RST_LANG_LIST, in its order. */
	for (i = 0; i < RST_LANG_COUNT; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "%s%s", i ? ", " : "", rst_lang_code((enum rst_lang)i));
	rst_lang_list(list, sizeof(list));
	ck_assert_str_eq(list, want);
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

/* The end of the alert line for a failed task carrying reason. */
static void
expect_cause(enum rst_lang l, const char *reason, const char *want)
{
	struct rst_profile p;
	json_error_t je;
	json_t *sum;
	char line[600];
	size_t n = strlen(want);

	memset(&p, 0, sizeof(p));
	p.lang = (int)l;
	sum = json_loads(reason, 0, &je);
	ck_assert_msg(sum != NULL, "%s", je.text);
	rst_alert_line(&p, "reg", 3, sum, line, sizeof(line));
	ck_assert_msg(strlen(line) >= n && strcmp(line + strlen(line) - n,
	    want) == 0, "\"%s\" does not end with \"%s\"", line, want);
	json_decref(sum);
}

START_TEST(alert_line_phrases_the_reason)
{
	expect_cause(RST_LANG_DE, "{\"tasks\": [{\"task\": \"backup\", "
	    "\"exit\": 3, \"error\": \"put x: refused\", \"reason\": "
	    "{\"code\": \"connection_refused\", \"args\": {\"host\": "
	    "\"nas:22\"}}}]}",
	    ": Sicherung fehlgeschlagen (Exit-Code 3): Verbindung von "
	    "nas:22 abgelehnt");
	expect_cause(RST_LANG_EN, "{\"tasks\": [{\"task\": \"drill\", "
	    "\"exit\": 1, \"reason\": {\"code\": \"rto_missed\", "
	    "\"args\": {\"seconds\": 95.25, \"target_seconds\": 60.0}}}]}",
	    ": drill failed (exit 3): the restore test took 1 min 35 s, "
	    "over the RTO target of 1 min");
	/* An argument missing: the catalogue's sentence without it. */
	expect_cause(RST_LANG_FR, "{\"tasks\": [{\"task\": \"prune\", "
	    "\"exit\": 3, \"error\": \"del y: HTTP 500\", \"reason\": "
	    "{\"code\": \"storage_error\", \"args\": {\"host\": "
	    "\"s3\"}}}]}", ": échec de l'élagage (code de sortie 3) : "
	    "erreur de stockage chez s3");
	expect_cause(RST_LANG_NL, "{\"error\": \"p.conf:3: bad\"}",
	    ": run mislukt (afsluitcode 3): p.conf:3: bad");
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
	tcase_add_test(tc, alert_line_phrases_the_reason);
	suite_add_tcase(s, tc);
	return s;
}
