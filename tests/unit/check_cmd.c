/* SPDX-License-Identifier: ISC */
/*
 * Unit test for the command table: every entry's CMD_TAKES_LOCK and
 * CMD_WRITES_JOURNAL say what the command does.  Each command is run
 * through the dispatcher on one profile with a file:// repository; its
 * lock is taken when the lock file appeared, its journal written when
 * the journal grew.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>
#include <curl/curl.h>

#include "restorable/cmd.h"
#include "restorable/err.h"
#include "restorable/log.h"

#include "suites.h"

static char *tdir;

/*
 * One command line a command is run with, "%s" standing for the
 * temporary folder.  Backup comes before what reads its snapshot.
 */
static const char *const lines[][7] = {
	{ "keygen", "--out", "%s/keys2", NULL },
	{ "check-config", "t", NULL },
	{ "run", "t", NULL },		/* its backup is due */
	{ "backup", "t", NULL },
	{ "list", "t", NULL },
	{ "ls", "t", NULL },
	{ "find", "t", "*", NULL },
	{ "diff", "t", "latest", "latest", NULL },
	{ "verify", "t", NULL },
	{ "restore", "t", "latest", "--target", "%s/out", NULL },
	{ "drill", "t", NULL },
	{ "prune", "t", NULL },
	{ "report", "--out", "%s/report.html", "t", NULL },
	{ "journal", "verify", "t", NULL },
	{ "notify", "test", "t", NULL },
	{ "version", NULL },
};

static void
write_file(const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tdir, rel);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
}

/* arg, with a leading "%s" replaced by the temporary folder. */
static void
expand(char *buf, size_t len, const char *arg)
{
	if (strncmp(arg, "%s", 2) == 0)
		snprintf(buf, len, "%s%s", tdir, arg + 2);
	else
		snprintf(buf, len, "%s", arg);
}

static int
run_line(const char *const *line)
{
	struct rst_ctx ctx;
	struct rst_err err = RST_ERR_INIT;
	char *argv[8], buf[8][512], confdir[512];
	const struct rst_cmd *cmd = NULL;
	int argc, i, r;

	for (argc = 0; line[argc] != NULL && argc < 7; argc++) {
		expand(buf[argc], sizeof(buf[argc]), line[argc]);
		argv[argc] = buf[argc];
	}
	argv[argc] = NULL;
	for (i = 0; rst_commands[i] != NULL; i++)
		if (strcmp(rst_commands[i]->name, argv[0]) == 0)
			cmd = rst_commands[i];
	ck_assert_ptr_nonnull(cmd);
	memset(&ctx, 0, sizeof(ctx));
	snprintf(confdir, sizeof(confdir), "%s/conf", tdir);
	ctx.confdir = confdir;
	ctx.command = cmd->name;
	ctx.json = true;
	ctx.result = json_object();
	r = rst_cmd_dispatch(&ctx, cmd, argc, argv, &err);
	if (r != 0)
		fprintf(stderr, "check_cmd: %s: %s\n", cmd->name, err.msg);
	rst_profile_free(ctx.profile);
	json_decref(ctx.result);
	return r;
}

static void
setup(void)
{
	char text[2048], path[512];

	ck_assert_ptr_nonnull(tdir = tmpdir_new());
	unsetenv("RESTORABLE_STATE");
	unsetenv("RESTORABLE_CONFIG");
	rst_log_set_level(RST_LOG_QUIET);
	snprintf(path, sizeof(path), "%s/conf", tdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/conf/profiles", tdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/data", tdir);
	ck_assert_int_eq(mkdir(path, 0700), 0);
	write_file("data/a.txt", "restorable\n");
	ck_assert_int_eq(run_line((const char *const[]){ "keygen", "--out",
	    "%s/keys", NULL }), 0);
	snprintf(text, sizeof(text),
	    "name = \"t\";\npaths = [ \"%s/data\" ];\n"
	    "repository = \"file://%s/repo\";\n"
	    "signing_key = \"%s/keys/signing.pem\";\n"
	    "state_dir = \"%s/state\";\n"
	    "schedule = { backup = \"1d\"; };\n"
	    "drill = { scratch_dir = \"%s/scratch\"; };\n"
	    "notify = { heartbeat = \"http://127.0.0.1:9/hb\"; };\n",
	    tdir, tdir, tdir, tdir, tdir);
	write_file("conf/profiles/t.conf", text);
}

static void
teardown(void)
{
	tmpdir_remove(tdir);
	tdir = NULL;
}

/* Lines in the profile's journal (0 when there is none). */
static long
journal_lines(void)
{
	char path[512];
	FILE *f;
	long n = 0;
	int c;

	snprintf(path, sizeof(path), "%s/state/journal/t.jsonl", tdir);
	if ((f = fopen(path, "r")) == NULL)
		return 0;
	while ((c = fgetc(f)) != EOF)
		n += c == '\n';
	fclose(f);
	return n;
}

static bool
lock_file_exists(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/state/locks/t.lock", tdir);
	return access(path, F_OK) == 0;
}

static void
remove_lock_file(void)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/state/locks/t.lock", tdir);
	(void)unlink(path);
}

START_TEST(cmd_flags_say_what_commands_do)
{
	size_t i, n = sizeof(lines) / sizeof(lines[0]);
	const struct rst_cmd *cmd;
	bool locked, journaled;
	long before;
	int k;

	for (i = 0; i < n; i++) {
		for (k = 0; (cmd = rst_commands[k]) != NULL; k++)
			if (strcmp(cmd->name, lines[i][0]) == 0)
				break;
		ck_assert_msg(cmd != NULL, "%s: not in the table", lines[i][0]);
		remove_lock_file();
		before = journal_lines();
		/*
		 * Failures (notify's unreachable channel) are results too,
		 * but not a record the entry does not declare.
		 */
		ck_assert_msg(run_line(lines[i]) != RST_EINTERNAL, "%s: "
		    "internal error (above)", cmd->name);
		locked = lock_file_exists();
		journaled = journal_lines() > before;
		ck_assert_msg(locked == ((cmd->flags & CMD_TAKES_LOCK) != 0),
		    "%s: %s the lock, its entry says %s", cmd->name, locked ?
		    "takes" : "does not take", (cmd->flags & CMD_TAKES_LOCK) ?
		    "CMD_TAKES_LOCK" : "nothing");
		ck_assert_msg(journaled ==
		    ((cmd->flags & CMD_WRITES_JOURNAL) != 0), "%s: %s the "
		    "journal, its entry says %s", cmd->name, journaled ?
		    "writes" : "does not write",
		    (cmd->flags & CMD_WRITES_JOURNAL) ? "CMD_WRITES_JOURNAL" :
		    "nothing");
	}
}
END_TEST

/* A command added to the table gets a line above. */
START_TEST(cmd_every_command_has_a_line)
{
	size_t i, n = sizeof(lines) / sizeof(lines[0]);
	bool found;
	int k;

	for (k = 0; rst_commands[k] != NULL; k++) {
		for (i = 0, found = false; i < n && !found; i++)
			found = strcmp(lines[i][0], rst_commands[k]->name) == 0;
		ck_assert_msg(found, "%s: no command line in check_cmd.c",
		    rst_commands[k]->name);
	}
}
END_TEST

/* The same operands and options, in any order the template allows. */
START_TEST(cmd_options_parse_from_the_template)
{
	ck_assert_int_eq(run_line((const char *const[]){ "backup", "t",
	    "--full", NULL }), 0);
	ck_assert_int_eq(run_line((const char *const[]){ "verify", "--deep",
	    "t", "latest", NULL }), 0);
	ck_assert_int_eq(run_line((const char *const[]){ "verify", "--bogus",
	    "t", NULL }), RST_EUSAGE);
	ck_assert_int_eq(run_line((const char *const[]){ "verify", NULL }),
	    RST_EUSAGE);
	ck_assert_int_eq(run_line((const char *const[]){ "list", "t", "u",
	    NULL }), RST_EUSAGE);
	ck_assert_int_eq(run_line((const char *const[]){ "keygen", "--out",
	    NULL }), RST_EUSAGE);
}
END_TEST

Suite *
rst_cmd_suite(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc = tcase_create("table");

	curl_global_init(CURL_GLOBAL_DEFAULT);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cmd_flags_say_what_commands_do);
	tcase_add_test(tc, cmd_every_command_has_a_line);
	tcase_add_test(tc, cmd_options_parse_from_the_template);
	suite_add_tcase(s, tc);
	return s;
}
