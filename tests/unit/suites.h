/* SPDX-License-Identifier: ISC */
/* The Check suites, one per module, collected by check_main.c. */
#ifndef RESTORABLE_TESTS_SUITES_H
#define RESTORABLE_TESTS_SUITES_H

#include <check.h>

Suite	*rst_util_suite(void);
Suite	*rst_crypto_suite(void);
Suite	*rst_profile_suite(void);
Suite	*rst_split_suite(void);
Suite	*rst_manifest_suite(void);
Suite	*rst_age_suite(void);
Suite	*rst_lang_suite(void);
Suite	*rst_tsa_suite(void);
Suite	*rst_reason_suite(void);
Suite	*rst_report_suite(void);
Suite	*rst_repo_suite(void);
Suite	*rst_render_suite(void);
Suite	*rst_cmd_suite(void);

/* A fresh temporary folder (malloc'd path); removed by tmpdir_remove. */
char	*tmpdir_new(void);
void	 tmpdir_remove(char *);

#endif
