/* SPDX-License-Identifier: ISC */
/* Runs every unit suite; shared test helpers. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

char *
tmpdir_new(void)
{
	const char *base = getenv("TMPDIR");
	char *p;

	if (asprintf(&p, "%s/rst-unit-XXXXXX", base ? base : "/tmp") < 0)
		return NULL;
	if (mkdtemp(p) == NULL) {
		free(p);
		return NULL;
	}
	return p;
}

void
tmpdir_remove(char *p)
{
	char *cmd;

	if (p == NULL)
		return;
	if (asprintf(&cmd, "rm -rf '%s'", p) >= 0) {
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", p);
		free(cmd);
	}
	free(p);
}

int
main(void)
{
	SRunner *sr;
	int failed;

	setlocale(LC_CTYPE, "C.UTF-8");
	sr = srunner_create(rst_util_suite());
	srunner_add_suite(sr, rst_crypto_suite());
	srunner_add_suite(sr, rst_profile_suite());
	srunner_add_suite(sr, rst_split_suite());
	srunner_add_suite(sr, rst_manifest_suite());
	srunner_add_suite(sr, rst_age_suite());
	srunner_add_suite(sr, rst_lang_suite());
	srunner_add_suite(sr, rst_tsa_suite());
	srunner_add_suite(sr, rst_repo_suite());
	srunner_add_suite(sr, rst_reason_suite());
	srunner_add_suite(sr, rst_report_suite());
	srunner_add_suite(sr, rst_render_suite());
	srunner_add_suite(sr, rst_cmd_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
