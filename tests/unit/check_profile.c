/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for src/config/profile.c: profiles are written into a fresh
 * temporary directory, loaded, and the values, defaults and every class of
 * "FILE:LINE: message" diagnostic (with its line number) are checked.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <check.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/lang.h"

#include "suites.h"

/* A well-formed age recipient (decoded in full by the loader). */
#define RCPT "age19ftnsh475n2aep2qrf8w3c7ecevumpytfh38z2zechxwckghdasqxp43rj"

#define MAXDIAG	64

/* The diagnostics of one load. */
struct diag_log {
	char	*line[MAXDIAG];
	size_t	 n;
};

/*
 * The temporary directory of the running test, as made and as resolved (the
 * loader resolves the profile directory with realpath(3)).
 */
static char *tdir_made;
static char *tdir;

static void
diag_collect(void *arg, const char *line)
{
	struct diag_log *log = arg;

	if (log->n < MAXDIAG)
		log->line[log->n++] = strdup(line);
}

static void
diag_release(struct diag_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		free(log->line[i]);
	log->n = 0;
}

static void
setup(void)
{
	ck_assert_ptr_nonnull(tdir_made = tmpdir_new());
	ck_assert_ptr_nonnull(tdir = realpath(tdir_made, NULL));
	unsetenv("RESTORABLE_STATE");
	unsetenv("RESTORABLE_CONFIG");
}

static void
teardown(void)
{
	tmpdir_remove(tdir_made);
	free(tdir);
	tdir_made = tdir = NULL;
}

/* "tdir/rel" into a static-size buffer. */
static const char *
tpath(char *buf, size_t len, const char *rel)
{
	ck_assert_int_lt(snprintf(buf, len, "%s/%s", tdir, rel), (int)len);
	return buf;
}

static void
mkdirs(const char *rel)
{
	char p[512], *s;

	tpath(p, sizeof(p), rel);
	for (s = p + strlen(tdir) + 1; (s = strchr(s, '/')) != NULL; s++) {
		*s = '\0';
		ck_assert(mkdir(p, 0700) == 0 || errno == EEXIST);
		*s = '/';
	}
	ck_assert(mkdir(p, 0700) == 0 || errno == EEXIST);
}

static void
write_file(const char *rel, mode_t mode, const char *text)
{
	char p[512];
	FILE *f;

	tpath(p, sizeof(p), rel);
	ck_assert_ptr_nonnull(f = fopen(p, "w"));
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(p, mode), 0);
}

/* Keys and a data directory most profiles below refer to. */
static void
make_keys_and_data(void)
{
	mkdirs("keys");
	mkdirs("data/docs");
	write_file("keys/signing.pem", 0600, "not parsed here\n");
	write_file("keys/signing.pub", 0644, "public\n");
	write_file("keys/age.key", 0600, "AGE-SECRET-KEY-1\n");
	write_file("keys/s3.cred", 0600, "[default]\n");
	write_file("keys/ca.pem", 0644, "ca\n");
}

/* Write rel with text and load it; diagnostics go to log. */
static int
load(const char *rel, const char *text, unsigned need, bool by_name,
    struct diag_log *log, struct rst_profile **p, struct rst_err *err)
{
	char path[512];

	write_file(rel, 0644, text);
	return rst_profile_load(tpath(path, sizeof(path), rel), need, by_name,
	    diag_collect, log, p, err);
}

/* Is there a diagnostic "TDIR/REL:LINE: ...substr..."? */
static bool
has_diag(const struct diag_log *log, const char *rel, unsigned line,
    const char *substr)
{
	char prefix[600];
	size_t i, n;

	snprintf(prefix, sizeof(prefix), "%s/%s:%u: ", tdir, rel, line);
	n = strlen(prefix);
	for (i = 0; i < log->n; i++)
		if (strncmp(log->line[i], prefix, n) == 0 &&
		    strstr(log->line[i] + n, substr) != NULL)
			return true;
	return false;
}

static void
dump(const struct diag_log *log)
{
	size_t i;

	for (i = 0; i < log->n; i++)
		fprintf(stderr, "  diag: %s\n", log->line[i]);
}

/* Assert that loading text fails with exactly one problem at LINE. */
static void
expect_one(const char *text, unsigned need, unsigned line,
    const char *substr)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile sentinel, *p = &sentinel;	/* must become NULL */

	ck_assert_int_eq(load("p.conf", text, need, false, &log, &p, &err),
	    RST_ECONFIG);
	ck_assert_ptr_null(p);
	if (log.n != 1 || !has_diag(&log, "p.conf", line, substr)) {
		dump(&log);
		ck_abort_msg("expected one diagnostic at line %u with \"%s\"",
		    line, substr);
	}
	ck_assert_str_eq(err.msg, log.line[0]);
	diag_release(&log);
}

/* A profile that must fail to load with one diagnostic, at line. */
struct bad_profile {
	const char *text;
	unsigned line;
	const char *msg;
};

/* expect_one (no RST_NEED_* flags) for each of the n profiles of bad. */
static void
expect_each(const struct bad_profile *bad, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		expect_one(bad[i].text, 0, bad[i].line, bad[i].msg);
}

/* Header lines 1-2 of the repository checks below. */
#define NAME_PATHS "name = \"t\";\npaths = [ \"/\" ];\n"

/* Header lines 1-3 shared by the error tests below. */
#define BASE \
	"name = \"t\";\n" \
	"paths = [ \"data\" ];\n" \
	"repository = \"file:repo\";\n"

/* Every key of DESIGN.md, with relative paths (see make_keys_and_data). */
static const char full_profile[] =
	"name = \"civil-registry\";\n"
	"paths = [ \"data/docs/\", \"/dev/../dev\" ];\n"
	"exclude = [ \"*.tmp\", \"cache/\" ];\n"
	"on_unreadable = \"warn\";\n"
	"repository = { url = \"s3://backups/civil\";\n"
	"  endpoint = \"https://s3.example.org\"; region = \"eu-1\";\n"
	"  credentials_file = \"keys/s3.cred\";\n"
	"  ca_file = \"keys/ca.pem\";\n"
	"  path_style = true; object_lock_days = 30;\n"
	"  object_lock_mode = \"governance\"; timeout = \"90s\";\n"
	"  retries = 7; };\n"
	"signing_key = \"keys/signing.pem\";\n"
	"verify_key = \"keys/signing.pub\";\n"
	"part_size = \"16M\";\n"
	"compression = { level = 19; threads = 4; };\n"
	"encryption = { recipients = [ \"" RCPT "\" ];\n"
	"  identity_file = \"keys/age.key\"; };\n"
	"hooks = { pre_backup = \"true\"; post_backup = \"echo done\";\n"
	"  timeout = \"30m\"; };\n"
	"schedule = { backup = \"24h\"; drill = \"7d\";\n"
	"  prune = \"1d\"; };\n"
	"retention = { keep_last = 7; keep_daily = 14; keep_weekly = 8;\n"
	"  keep_monthly = 12; };\n"
	"drill = { scratch_dir = \"scratch\"; rto_target = \"4h\";\n"
	"  rpo_target = \"26h\";\n"
	"  checks = ( { name = \"a\"; command = \"true\"; },\n"
	"             { name = \"b\"; command = \"false\";\n"
	"               timeout = \"5s\"; } );\n"
	"};\n"
	"notify = { on = [ \"failure\", \"success\" ];\n"
	"  webhook = \"https://chat.example.org/hook\";\n"
	"  smtp = { url = \"smtps://mail.example.org\";\n"
	"    from = \"b@x.org\";\n"
	"    to = [ \"ops@x.org\" ]; ca_file = \"keys/ca.pem\"; }; };\n"
	"state_dir = \"state\";\n"
	"metrics_dir = \"/var/lib/prometheus/node-exporter/\";\n";

START_TEST(profile_full_loads_with_values)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char want[600];

	make_keys_and_data();
	ck_assert_int_eq(load("civil-registry.conf", full_profile,
	    RST_NEED_PATHS | RST_NEED_SIGNING | RST_NEED_VERIFY |
	    RST_NEED_IDENTITY, true, &log, &p, &err), 0);
	dump(&log);
	ck_assert_uint_eq(log.n, 0);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p->name, "civil-registry");
	ck_assert_uint_eq(p->paths.n, 2);
	ck_assert_str_eq(p->paths.v[0], tpath(want, sizeof(want), "data/docs"));
	ck_assert_str_eq(p->paths.v[1], "/dev");
	ck_assert_uint_eq(p->exclude.n, 2);
	ck_assert_str_eq(p->exclude.v[1], "cache/");
	ck_assert(p->unreadable_warn);
	ck_assert_str_eq(p->repo.url, "s3://backups/civil");
	ck_assert_str_eq(p->repo.endpoint, "https://s3.example.org");
	ck_assert_str_eq(p->repo.region, "eu-1");
	ck_assert_str_eq(p->repo.credentials_file,
	    tpath(want, sizeof(want), "keys/s3.cred"));
	ck_assert_int_eq(p->repo.path_style, 1);
	ck_assert_int_eq(p->repo.object_lock_days, 30);
	ck_assert_str_eq(p->repo.object_lock_mode, "governance");
	ck_assert_uint_eq(p->repo.timeout_ms, 90000);
	ck_assert_int_eq(p->repo.retries, 7);
	ck_assert_str_eq(p->signing_key,
	    tpath(want, sizeof(want), "keys/signing.pem"));
	ck_assert_uint_eq(p->part_size, 16ULL << 20);
	ck_assert_int_eq(p->zstd_level, 19);
	ck_assert_int_eq(p->zstd_threads, 4);
	ck_assert(p->encrypted);
	ck_assert_str_eq(p->recipients.v[0], RCPT);
	ck_assert_str_eq(p->identity_file,
	    tpath(want, sizeof(want), "keys/age.key"));
	ck_assert_str_eq(p->post_backup, "echo done");
	ck_assert_uint_eq(p->hook_timeout_ms, 30ULL * 60 * 1000);
	ck_assert_uint_eq(p->schedule_drill_ms, 7ULL * 86400 * 1000);
	ck_assert_int_eq(p->keep_monthly, 12);
	ck_assert(p->has_drill);
	ck_assert_str_eq(p->scratch_dir, tpath(want, sizeof(want), "scratch"));
	ck_assert_uint_eq(p->rpo_target_ms, 26ULL * 3600 * 1000);
	ck_assert_uint_eq(p->nchecks, 2);
	ck_assert_uint_eq(p->checks[0].timeout_ms, 10ULL * 60 * 1000);
	ck_assert_str_eq(p->checks[1].command, "false");
	ck_assert_uint_eq(p->checks[1].timeout_ms, 5000);
	ck_assert(p->notify_failure && p->notify_success);
	ck_assert_str_eq(p->smtp_to.v[0], "ops@x.org");
	ck_assert_str_eq(p->state_dir, tpath(want, sizeof(want), "state"));
	ck_assert_str_eq(p->metrics_dir, "/var/lib/prometheus/node-exporter");
	ck_assert_str_eq(p->dir, tdir);
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_minimal_gets_defaults)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	ck_assert_int_eq(load("p.conf", BASE, 0, false, &log, &p, &err), 0);
	ck_assert_uint_eq(p->part_size, 64ULL << 20);
	ck_assert_int_eq(p->zstd_level, 3);
	ck_assert_int_eq(p->zstd_threads, 0);
	ck_assert_uint_eq(p->repo.timeout_ms, 60000);
	ck_assert_int_eq(p->repo.retries, 10);
	ck_assert_uint_eq(p->repo.retry_max_wait_ms, 300000);
	ck_assert_uint_eq(p->repo.bandwidth_limit, 0);
	ck_assert_int_eq(p->repo.allow_insecure_http, 0);
	ck_assert_int_eq(p->repo.path_style, -1);
	ck_assert_uint_eq(p->hook_timeout_ms, 3600000);
	ck_assert_int_eq(p->keep_last, -1);
	ck_assert_int_eq(p->keep_daily, -1);
	ck_assert_int_eq(p->keep_weekly, -1);
	ck_assert_int_eq(p->keep_monthly, -1);
	ck_assert_str_eq(p->state_dir, RST_DEFAULT_STATEDIR);
	ck_assert(!p->unreadable_warn && !p->encrypted && !p->has_drill);
	ck_assert(!p->notify_failure && !p->notify_success);
	ck_assert_ptr_null(p->signing_key);
	ck_assert_uint_eq(p->exclude.n, 0);
	ck_assert_uint_eq(p->schedule_backup_ms, 0);
	ck_assert_int_eq(p->lang, -1);
	ck_assert_int_eq(rst_profile_apply_site(p, NULL, &err), 0);
	ck_assert_int_eq(p->lang, RST_LANG_EN);
	rst_profile_free(p);
	rst_profile_free(NULL);
}
END_TEST

START_TEST(profile_state_env_wins)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	setenv("RESTORABLE_STATE", "/run/rst-state/", 1);
	ck_assert_int_eq(load("p.conf", BASE "state_dir = \"/var/x\";\n", 0,
	    false, &log, &p, &err), 0);
	ck_assert_str_eq(p->state_dir, "/run/rst-state");
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_relative_paths_resolve_against_dir)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char want[600], url[700];

	mkdirs("sub/keys");
	mkdirs("data2");
	write_file("sub/keys/signing.pem", 0600, "k\n");
	ck_assert_int_eq(load("sub/p.conf",
	    "name = \"t\";\n"
	    "paths = [ \"../data2/\", \"/dev/\" ];\n"
	    "repository = \"file:../repo\";\n"
	    "signing_key = \"keys/signing.pem\";\n"
	    "metrics_dir = \"./m//x/\";\n",
	    RST_NEED_PATHS | RST_NEED_SIGNING, false, &log, &p, &err), 0);
	ck_assert_str_eq(p->paths.v[0], tpath(want, sizeof(want), "data2"));
	ck_assert_str_eq(p->paths.v[1], "/dev");
	snprintf(url, sizeof(url), "file://%s", tpath(want, sizeof(want),
	    "repo"));
	ck_assert_str_eq(p->repo.url, url);
	ck_assert_str_eq(p->signing_key,
	    tpath(want, sizeof(want), "sub/keys/signing.pem"));
	ck_assert_str_eq(p->metrics_dir, tpath(want, sizeof(want), "sub/m/x"));
	rst_profile_free(p);

	ck_assert_int_eq(load("p.conf",
	    "name = \"t\"; paths = [ \"/\" ];\n"
	    "repository = { url = \"file:///srv/backup\"; };\n",
	    0, false, &log, &p, &err), 0);
	ck_assert_str_eq(p->repo.url, "file:///srv/backup");
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_syntax_error_line)
{
	expect_one(BASE "\n" "part_size = ;\n", 0, 5, "syntax error");
	expect_one(BASE "repository = \"file:x\";\n", 0, 4,
	    "duplicate setting name");
}
END_TEST

START_TEST(profile_unknown_keys_everywhere)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	static const struct { unsigned line; const char *key; } want[] = {
		{ 4, "colour: unknown key" },
		{ 5, "repository.bogus: unknown key" },
		{ 6, "compression.speed: unknown key" },
		{ 7, "encryption.key: unknown key" },
		{ 8, "hooks.pre: unknown key" },
		{ 9, "schedule.verify: unknown key" },
		{ 10, "retention.keep_yearly: unknown key" },
		{ 11, "drill.sandbox: unknown key" },
		{ 12, "drill.checks[0].cmd: unknown key" },
		{ 13, "notify.slack: unknown key" },
		{ 15, "notify.smtp.password: unknown key" },
	};
	size_t i;

	make_keys_and_data();
	ck_assert_int_eq(load("p.conf",
	    "name = \"t\";\n"
	    "paths = [ \"data\" ];\n"
	    "signing_key = \"keys/signing.pem\";\n"
	    "colour = \"blue\";\n"
	    "repository = { url = \"file:repo\"; bogus = 1; };\n"
	    "compression = { speed = 1; };\n"
	    "encryption = { recipients = [ \"" RCPT "\" ]; key = \"k\"; };\n"
	    "hooks = { pre = \"true\"; };\n"
	    "schedule = { verify = \"1d\"; };\n"
	    "retention = { keep_yearly = 3; };\n"
	    "drill = { sandbox = \"/tmp\";\n"
	    "  checks = ( { name = \"n\"; command = \"c\"; cmd = 1; } ); };\n"
	    "notify = { slack = \"x\"; webhook = \"https://h/x\";\n"
	    "  smtp = { url = \"smtp://h\"; from = \"a@b\"; to = [ \"c@d\" ];\n"
	    "    password = \"no\"; }; };\n",
	    RST_NEED_PATHS, false, &log, &p, &err), RST_ECONFIG);
	ck_assert_ptr_null(p);
	if (log.n != sizeof(want) / sizeof(want[0]))
		dump(&log);
	ck_assert_uint_eq(log.n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		ck_assert_msg(has_diag(&log, "p.conf", want[i].line,
		    want[i].key), "missing %u: %s", want[i].line, want[i].key);
	ck_assert_str_eq(log.line[1] + strlen(log.line[1]) -
	    strlen("unknown key"), "unknown key");
	ck_assert_ptr_nonnull(strstr(err.msg, " (and 10 more problems)"));
	ck_assert(strncmp(err.msg, log.line[0], strlen(log.line[0])) == 0);
	diag_release(&log);
}
END_TEST

START_TEST(profile_wrong_types)
{
	static const struct bad_profile bad[] = {
		{ BASE "part_size = 5;\n", 4,
		    "part_size: expected a size string like \"64M\"" },
		{ BASE "\nhooks = { timeout = 60; };\n", 5,
		    "hooks.timeout: expected a duration string like \"90s\"" },
		{ BASE "compression = { level = \"3\"; };\n", 4,
		    "compression.level: expected an integer" },
		{ BASE "exclude = \"*.tmp\";\n", 4,
		    "exclude: expected a list of strings" },
		{ "name = \"t\";\nrepository = \"file:r\";\npaths = 3;\n", 3,
		    "paths: expected a list" },
		{ "name = 1;\npaths = [ \"/\" ];\nrepository = \"file:r\";\n",
		    1,
		    "name: expected a string" },
		{ BASE "schedule = \"24h\";\n", 4,
		    "schedule: expected a group" },
		{ "name = \"t\";\npaths = [ \"/\" ];\nrepository = 1;\n", 3,
		    "repository: expected a URL string or a group" },
	};

	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_missing_required_keys)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	ck_assert_int_eq(load("p.conf", "# nothing\n", 0, false, &log, &p,
	    &err), RST_ECONFIG);
	ck_assert_uint_eq(log.n, 3);
	ck_assert(has_diag(&log, "p.conf", 1, "name: required key is missing"));
	ck_assert(has_diag(&log, "p.conf", 1, "paths: required key"));
	ck_assert(has_diag(&log, "p.conf", 1, "repository: required key"));
	diag_release(&log);

	expect_one("name = \"t\"; paths = [ \"/\" ];\n\n"
	    "repository = { region = \"x\"; };\n", 0, 3,
	    "repository.url: required key is missing");
	expect_one(BASE "drill = {\n checks = ( { name = \"x\"; } ); };\n", 0,
	    5, "drill.checks[0].command: required key is missing");
	expect_one(BASE "notify = { smtp = {\n url = \"smtp://h\";\n"
	    " to = [ \"a@b\" ]; }; };\n", 0, 4,
	    "notify.smtp.from: required key is missing");
	expect_one(BASE, RST_NEED_SIGNING, 1,
	    "signing_key: required key is missing");
	expect_one(BASE, RST_NEED_VERIFY, 1, "verify_key: required key is "
	    "missing (signing_key or verify_key");
}
END_TEST

START_TEST(profile_need_verify_satisfied_by_verify_key)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	make_keys_and_data();
	ck_assert_int_eq(load("p.conf", BASE "verify_key = "
	    "\"keys/signing.pub\";\n", RST_NEED_VERIFY, false, &log, &p, &err),
	    0);
	ck_assert_ptr_null(p->signing_key);
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_bad_sizes_and_durations)
{
	static const struct bad_profile bad[] = {
		{ BASE "part_size = \"64X\";\n",
		    4, "part_size: invalid size \"64X\"" },
		{ BASE "part_size = \"512K\";\n",
		    4, "part_size: must be at least 1M" },
		{ BASE "part_size = \"0\";\n",
		    4, "part_size: must be at least 1M" },
		{ BASE "schedule = { backup = \"1 day\"; };\n",
		    4, "schedule.backup: invalid duration \"1 day\"" },
		{ BASE "drill = { rto_target = \"0s\"; };\n",
		    4, "drill.rto_target: must be greater than zero" },
	};

	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_lang)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char langs[64], msg[128];

	ck_assert_int_eq(load("p.conf", BASE "lang = \"FR\";\n", 0, false,
	    &log, &p, &err), 0);
	ck_assert_int_eq(p->lang, RST_LANG_FR);
	rst_profile_free(p);
	expect_one(BASE "lang = \"svenska\";\n", 0, 4,
	    "lang: unknown language \"svenska\" (did you mean sv?)");
	expect_one(BASE "lang = \"de_CH.UTF-8\";\n", 0, 4,
	    "lang: unknown language \"de_CH.UTF-8\" (did you mean de?)");
	rst_lang_list(langs, sizeof(langs));
	snprintf(msg, sizeof(msg), "lang: unknown language \"xx\" (one of %s)",
	    langs);
	expect_one(BASE "lang = \"xx\";\n", 0, 4, msg);
}
END_TEST

START_TEST(profile_values_out_of_range)
{
	static const struct bad_profile bad[] = {
		{ BASE "compression = { level = 23; };\n",
		    4, "compression.level: must be between -7 and 22" },
		{ BASE "compression = { level = -8; };\n",
		    4, "compression.level: must be between -7 and 22" },
		{ BASE "compression = { threads = -1; };\n",
		    4, "compression.threads: must be at least 0" },
		{ BASE "retention = { keep_last = -1; };\n",
		    4, "retention.keep_last: must be at least 0" },
		{ BASE "on_unreadable = \"ignore\";\n",
		    4, "on_unreadable: expected \"error\" or \"warn\"" },
		{ BASE "notify = { webhook = \"https://h/x\";\n"
		    " on = [ \"failure\", \"always\" ]; };\n",
		    5, "notify.on[1]: expected \"failure\" or \"success\"" },
		{ BASE "exclude = [ \"*.tmp\",\n \"\" ];\n",
		    5, "exclude[1]: must not be empty" },
	};

	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_repository_checks)
{
	static const struct bad_profile bad[] = {
		{ NAME_PATHS "repository = \"gopher://h/x\";\n", 3,
		    "repository: unknown URL scheme \"gopher\"" },
		{ NAME_PATHS "repository = {\n url = \"http://h/x\"; };\n", 4,
		    "repository.url: unknown URL scheme \"http\"" },
		{ NAME_PATHS "repository = \"webdav+https://u:pw@h/x\";\n",
		    3,
		    "repository: password in URL" },
		{ NAME_PATHS "repository = \"sftp://u@h/x\";\n", 3,
		    "repository: an sftp:// repository needs host_key_sha256 "
		    "or known_hosts" },
		{ NAME_PATHS
		    "repository = \"webdav+http://dav.example.net/r\";\n", 3,
		    "repository: plain HTTP to a host that is not loopback" },
		{ NAME_PATHS "repository = {\n"
		    " url = \"webdav+http://localhost.example.net/r\";\n};\n",
		    4, "repository.url: plain HTTP to a host that is not "
		    "loopback" },
		{ NAME_PATHS "repository = { url = \"s3://b\";\n"
		    " endpoint = \"http://minio.example.net:9000\"; };\n", 4,
		    "repository.endpoint: plain HTTP to a host that is not "
		    "loopback" },
		{ NAME_PATHS "repository = { url = \"s3://b\";\n"
		    " bandwidth_limit = \"100\"; };\n", 4,
		    "repository.bandwidth_limit: must be at least 1K" },
		{ NAME_PATHS "repository = { url = \"s3://b\";\n"
		    " retry_max_wait = \"5 minutes\"; };\n", 4,
		    "repository.retry_max_wait: invalid duration" },
		{ NAME_PATHS "repository = \"file:///r\";\n"
		    "notify = { webhook = \"http://hooks.example.net/x\";"
		    "\n };\n", 4,
		    "notify.webhook: plain HTTP to a host that is not "
		    "loopback" },
		{ NAME_PATHS "repository = { url = \"s3://b\";\n"
		    " object_lock_days = 1;\n"
		    " object_lock_mode = \"strict\"; };\n", 5,
		    "repository.object_lock_mode: expected \"governance\" or "
		    "\"compliance\"" },
		{ NAME_PATHS "repository = { url = \"s3://b\";\n"
		    " known_hosts = \"nope\"; };\n", 4,
		    "repository.known_hosts: no such file: " },
	};

	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_invalid_name)
{
	static const struct bad_profile bad[] = {
		{ "name = \".hidden\";\npaths = [ \"/\" ];\n"
		    "repository = \"file:r\";\n",
		    1, "name: invalid profile name \".hidden\"" },
		{ "paths = [ \"/\" ];\nname = \"a.tmp-1\";\n"
		    "repository = \"file:r\";\n",
		    2, "name: invalid profile name" },
		{ "paths = [ \"/\" ];\nname = \"a/b\";\n"
		    "repository = \"file:r\";\n",
		    2, "name: invalid profile name" },
	};

	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_name_must_match_file_when_found_by_name)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	ck_assert_int_eq(load("payroll.conf", "\nname = \"registry\";\n"
	    "paths = [ \"/\" ];\nrepository = \"file:r\";\n", 0, true, &log, &p,
	    &err), RST_ECONFIG);
	ck_assert_uint_eq(log.n, 1);
	ck_assert(has_diag(&log, "payroll.conf", 2, "name: profile "
	    "\"registry\" must be in a file named registry.conf"));
	diag_release(&log);

	/* the same file is fine when given as a path */
	ck_assert_int_eq(load("payroll.conf", "\nname = \"registry\";\n"
	    "paths = [ \"/\" ];\nrepository = \"file:r\";\n", 0, false, &log,
	    &p, &err), 0);
	rst_profile_free(p);
	ck_assert_int_eq(load("registry.conf", "\nname = \"registry\";\n"
	    "paths = [ \"/\" ];\nrepository = \"file:r\";\n", 0, true, &log,
	    &p, &err), 0);
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_missing_source_path_only_when_needed)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	static const char text[] = "name = \"t\";\n"
	    "paths = [ \"/dev\",\n"
	    "  \"no/such/dir\" ];\n"
	    "repository = \"file:r\";\n";

	expect_one(text, RST_NEED_PATHS, 3,
	    "paths[1]: no such file or directory: ");
	ck_assert_int_eq(load("p.conf", text, 0, false, &log, &p, &err), 0);
	ck_assert_uint_eq(log.n, 0);
	rst_profile_free(p);
	expect_one("name = \"t\";\npaths = [ ];\nrepository = \"file:r\";\n",
	    0, 2, "paths: must list at least one entry");
	/* One stream order needs disjoint roots. */
	expect_one("name = \"t\";\npaths = [ \"/srv/a\", \"/srv/a/b\" ];\n"
	    "repository = \"file:r\";\n", 0, 2, "overlaps /srv/a");
	expect_one("name = \"t\";\npaths = [ \"/srv/a/b\",\n\"/\" ];\n"
	    "repository = \"file:r\";\n", 0, 3, "overlaps /srv/a/b");
	ck_assert_int_eq(load("p.conf", "name = \"t\";\npaths = [ \"/srv/a\","
	    " \"/srv/ab\", \"/srv/a.b\" ];\nrepository = \"file:r\";\n", 0,
	    false, &log, &p, &err), 0);
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_key_files_must_exist)
{
	static const struct bad_profile bad[] = {
		{ BASE "signing_key = \"keys/nope.pem\";\n", 4,
		    "signing_key: no such file: " },
		{ BASE "verify_key = \"keys\";\n", 4,
		    "verify_key: not a regular file: " },
		{ "name = \"t\";\npaths = [ \"data\" ];\n"
		    "repository = { url = \"sftp://u@h/x\";\n"
		    " ssh_key = \"keys/id_ed25519\";\n host_key_sha256 = "
		    "\"SHA256:gjNA4PVk7KLheOjcyf9LlpTc9zTh1nPE7p+D4SCTHc0\";"
		    " };\n", 4, "repository.ssh_key: no such file: " },
		{ BASE "notify = { smtp = { url = \"smtp://h\";\n"
		    " from = \"a@b\"; to = [ \"c@d\" ];\n"
		    " credentials_file = \"keys/smtp\"; }; };\n", 6,
		    "notify.smtp.credentials_file: no such file: " },
		{ BASE "encryption = {\n passphrase_file = \"keys/pw\"; };\n",
		    5,
		    "encryption.passphrase_file: no such file: " },
	};

	make_keys_and_data();
	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
}
END_TEST

START_TEST(profile_secret_mode_checked)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char path[512];

	make_keys_and_data();
	ck_assert_int_eq(chmod(tpath(path, sizeof(path), "keys/signing.pem"),
	    0644), 0);
	/* "signing_key: PATH: why", unlike "no such file: PATH" */
	expect_one(BASE "signing_key = \"keys/signing.pem\";\n",
	    RST_NEED_SIGNING, 4, "keys/signing.pem: ");
	ck_assert_int_eq(chmod(path, 0640), 0);
	expect_one(BASE "signing_key = \"keys/signing.pem\";\n", 0, 4,
	    "keys/signing.pem: ");
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(load("p.conf", BASE "signing_key = "
	    "\"keys/signing.pem\";\n", RST_NEED_SIGNING, false, &log, &p, &err),
	    0);
	rst_profile_free(p);

	/* public files are not mode-checked */
	ck_assert_int_eq(load("p.conf", "name = \"t\"; paths = [ \"/\" ];\n"
	    "verify_key = \"keys/signing.pub\";\n"
	    "repository = { url = \"s3://b\"; ca_file = \"keys/ca.pem\"; };\n",
	    RST_NEED_VERIFY, false, &log, &p, &err), 0);
	rst_profile_free(p);

	ck_assert_int_eq(chmod(tpath(path, sizeof(path), "keys/s3.cred"), 0604),
	    0);
	expect_one("name = \"t\"; paths = [ \"/\" ];\n"
	    "repository = { url = \"s3://b\";\n"
	    "  credentials_file = \"keys/s3.cred\"; };\n", 0, 3,
	    "keys/s3.cred: ");
}
END_TEST

START_TEST(profile_encryption_rules)
{
	static const struct bad_profile bad[] = {
		{ BASE "encryption = { recipients = [ \"" RCPT "\" ];\n"
		    "  passphrase_env = \"PW\"; };\n", 5,
		    "encryption.passphrase_env: cannot be combined with "
		    "recipients" },
		{ BASE "encryption = { recipients = [ \"" RCPT "\",\n"
		    "  \"ssh-ed25519 AAAA\" ]; };\n", 5,
		    "encryption.recipients[1]: not an age recipient" },
		{ BASE "encryption = {\n"
		    "  identity_file = \"keys/age.key\"; };\n", 4,
		    "encryption: needs recipients, passphrase_file or" },
		{ BASE "encryption = { passphrase_env = \"1PW\"; };\n", 4,
		    "encryption.passphrase_env: not an environment variable "
		    "name" },
	};

	make_keys_and_data();
	expect_each(bad, sizeof(bad) / sizeof(bad[0]));
	expect_one(BASE "encryption = {\n recipients = [ \"" RCPT "\" ]; };\n",
	    RST_NEED_IDENTITY, 4,
	    "encryption.identity_file: required key is missing");
	expect_one(BASE "encryption = { recipients = [ \"" RCPT "\" ];\n"
	    " identity_file = \"keys/none\"; };\n", RST_NEED_IDENTITY, 5,
	    "encryption.identity_file: no such file");
}
END_TEST

START_TEST(profile_identity_checked_only_when_needed)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	ck_assert_int_eq(load("p.conf", BASE "encryption = { recipients = "
	    "[ \"" RCPT "\" ]; identity_file = \"keys/none\"; };\n", 0, false,
	    &log, &p, &err), 0);
	ck_assert(p->encrypted);
	rst_profile_free(p);
}
END_TEST

START_TEST(profile_all_problems_reported)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	ck_assert_int_eq(load("p.conf",
	    "name = \"t\";\n"
	    "paths = [ \"/nonexistent-rst-test\" ];\n"
	    "repository = \"ftp://h/x\";\n"
	    "part_size = 5;\n"
	    "compression = { level = 99; threads = -2; };\n"
	    "schedule = { drill = \"weekly\"; };\n",
	    RST_NEED_PATHS | RST_NEED_SIGNING, false, &log, &p, &err),
	    RST_ECONFIG);
	ck_assert_ptr_null(p);
	ck_assert_uint_eq(log.n, 7);
	ck_assert(has_diag(&log, "p.conf", 2, "paths[0]: no such file"));
	ck_assert(has_diag(&log, "p.conf", 3, "unknown URL scheme \"ftp\""));
	ck_assert(has_diag(&log, "p.conf", 4, "part_size: expected a size"));
	ck_assert(has_diag(&log, "p.conf", 5, "compression.level: "));
	ck_assert(has_diag(&log, "p.conf", 5, "compression.threads: "));
	ck_assert(has_diag(&log, "p.conf", 6, "schedule.drill: invalid"));
	ck_assert(has_diag(&log, "p.conf", 1, "signing_key: required"));
	ck_assert_ptr_nonnull(strstr(err.msg, "(and 6 more problems)"));
	ck_assert_int_eq(err.code, RST_ECONFIG);
	diag_release(&log);
}
END_TEST

START_TEST(profile_null_diag_is_allowed)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char path[512];

	write_file("p.conf", 0644, "name = 3;\n");
	ck_assert_int_eq(rst_profile_load(tpath(path, sizeof(path), "p.conf"),
	    0, false, NULL, NULL, &p, &err), RST_ECONFIG);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(err.msg, "p.conf:1: name: expected a "
	    "string (and 2 more problems)"));
}
END_TEST

START_TEST(profile_missing_file)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	char path[512];

	ck_assert_int_eq(rst_profile_load(tpath(path, sizeof(path), "no.conf"),
	    0, false, diag_collect, &log, &p, &err), RST_ECONFIG);
	ck_assert_ptr_null(p);
	ck_assert_ptr_nonnull(strstr(err.msg, "no such profile file"));
}
END_TEST

START_TEST(profile_resolve_name_and_path)
{
	struct rst_err err = RST_ERR_INIT;
	char *path = NULL, want[512];

	mkdirs("conf/profiles");
	write_file("conf/profiles/payroll.conf", 0644, "\n");
	ck_assert_int_eq(rst_profile_resolve(tpath(want, sizeof(want), "conf"),
	    "payroll", &path, &err), 0);
	ck_assert_str_eq(path, tpath(want, sizeof(want),
	    "conf/profiles/payroll.conf"));
	free(path);

	setenv("RESTORABLE_CONFIG", tpath(want, sizeof(want), "conf"), 1);
	ck_assert_int_eq(rst_profile_resolve(NULL, "payroll", &path, &err), 0);
	free(path);
	ck_assert_int_eq(rst_profile_resolve(NULL, "mail", &path, &err),
	    RST_ECONFIG);
	ck_assert_ptr_null(path);
	ck_assert_ptr_nonnull(strstr(err.msg, "mail: no such profile"));
	ck_assert_ptr_nonnull(strstr(err.msg, "conf/profiles/mail.conf"));
	rst_err_clear(&err);

	ck_assert_int_eq(rst_profile_resolve(NULL, tpath(want, sizeof(want),
	    "conf/profiles/payroll.conf"), &path, &err), 0);
	ck_assert_str_eq(path, want);
	free(path);
	ck_assert_int_eq(rst_profile_resolve(NULL, "x.conf", &path, &err),
	    RST_ECONFIG);
	ck_assert_str_eq(err.msg, "x.conf: no such profile file");
	rst_err_clear(&err);
	ck_assert_int_eq(rst_profile_resolve(NULL, ".hidden", &path, &err),
	    RST_ECONFIG);
}
END_TEST

START_TEST(profile_confdir_empty_means_unset)
{
	setenv("RESTORABLE_CONFIG", "/srv/conf", 1);
	ck_assert_str_eq(rst_confdir("/opt/c"), "/opt/c");
	ck_assert_str_eq(rst_confdir(""), "/srv/conf");
	ck_assert_str_eq(rst_confdir(NULL), "/srv/conf");
	setenv("RESTORABLE_CONFIG", "", 1);
	ck_assert_str_eq(rst_confdir(NULL), RST_DEFAULT_CONFDIR);
	ck_assert_str_eq(rst_confdir(""), RST_DEFAULT_CONFDIR);
	unsetenv("RESTORABLE_CONFIG");
	ck_assert_str_eq(rst_confdir(NULL), RST_DEFAULT_CONFDIR);
	ck_assert_str_eq(RST_DEFAULT_CONFDIR, SYSCONFDIR "/restorable");
}
END_TEST

START_TEST(profile_include_problems_name_the_included_file)
{
	struct diag_log log = { .n = 0 };
	struct rst_err err = RST_ERR_INIT;
	struct rst_profile *p = NULL;

	write_file("common.inc", 0644, "\nretention = { keep_last = -3; };\n");
	ck_assert_int_eq(load("p.conf", BASE "@include \"common.inc\"\n", 0,
	    false, &log, &p, &err), RST_ECONFIG);
	ck_assert_uint_eq(log.n, 1);
	ck_assert(has_diag(&log, "common.inc", 2, "retention.keep_last: "));
	diag_release(&log);
}
END_TEST

START_TEST(profile_name_validity)
{
	char long_name[70];

	ck_assert(rst_profile_name_valid("civil-registry"));
	ck_assert(rst_profile_name_valid("host1.payroll_2026"));
	ck_assert(rst_profile_name_valid("a"));
	ck_assert(!rst_profile_name_valid(""));
	ck_assert(!rst_profile_name_valid(NULL));
	ck_assert(!rst_profile_name_valid(".a"));
	ck_assert(!rst_profile_name_valid("a.tmp-x"));
	ck_assert(!rst_profile_name_valid("a b"));
	ck_assert(!rst_profile_name_valid("a/b"));
	ck_assert(!rst_profile_name_valid("caf\xc3\xa9"));
	memset(long_name, 'x', 64);
	long_name[64] = '\0';
	ck_assert(rst_profile_name_valid(long_name));
	long_name[64] = 'x';
	long_name[65] = '\0';
	ck_assert(!rst_profile_name_valid(long_name));
}
END_TEST

Suite *
rst_profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profile");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, profile_full_loads_with_values);
	tcase_add_test(tc, profile_minimal_gets_defaults);
	tcase_add_test(tc, profile_state_env_wins);
	tcase_add_test(tc, profile_relative_paths_resolve_against_dir);
	tcase_add_test(tc, profile_syntax_error_line);
	tcase_add_test(tc, profile_unknown_keys_everywhere);
	tcase_add_test(tc, profile_wrong_types);
	tcase_add_test(tc, profile_missing_required_keys);
	tcase_add_test(tc, profile_need_verify_satisfied_by_verify_key);
	tcase_add_test(tc, profile_bad_sizes_and_durations);
	tcase_add_test(tc, profile_values_out_of_range);
	tcase_add_test(tc, profile_repository_checks);
	tcase_add_test(tc, profile_invalid_name);
	tcase_add_test(tc, profile_name_must_match_file_when_found_by_name);
	tcase_add_test(tc, profile_missing_source_path_only_when_needed);
	tcase_add_test(tc, profile_key_files_must_exist);
	tcase_add_test(tc, profile_secret_mode_checked);
	tcase_add_test(tc, profile_encryption_rules);
	tcase_add_test(tc, profile_identity_checked_only_when_needed);
	tcase_add_test(tc, profile_all_problems_reported);
	tcase_add_test(tc, profile_null_diag_is_allowed);
	tcase_add_test(tc, profile_missing_file);
	tcase_add_test(tc, profile_resolve_name_and_path);
	tcase_add_test(tc, profile_confdir_empty_means_unset);
	tcase_add_test(tc, profile_include_problems_name_the_included_file);
	tcase_add_test(tc, profile_name_validity);
	tcase_add_test(tc, profile_lang);
	suite_add_tcase(s, tc);
	return s;
}
