/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for the repository layout (src/repo/): object names, which
 * profile a listed name belongs to, the journal comparison, the reader
 * rule for objects caught in a rewrite (against a real file://
 * repository), and the settings of a repository named by URL alone.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/config.h"
#include "restorable/repo.h"
#include "restorable/storage.h"
#include "restorable/util.h"
#include "suites.h"

static void
name_is(char *got, const char *want)
{
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(repo_object_names)
{
	name_is(rst_repo_snapshots("p"), "snapshots/p/");
	name_is(rst_repo_snapshot_dir("p", "ID"), "snapshots/p/ID");
	name_is(rst_repo_snapshot_obj("p", "ID", RST_MANIFEST_SIG),
	    "snapshots/p/ID/manifest.json.sig");
	name_is(rst_repo_journal("p"), "journal/p.jsonl");
	name_is(rst_repo_head("p"), "journal/p.head");
	name_is(rst_repo_key("p"), "keys/p.pub");
	name_is(rst_repo_tsr_dir("p"), "journal/p.tsr");
	name_is(rst_repo_tsr("p", 7), "journal/p.tsr/7.tsr");
	name_is(rst_repo_lock_dir("p"), "journal/p.lock");
	name_is(rst_repo_lock_head("p", 12), "journal/p.lock/12.head");
	name_is(rst_repo_lock_tsr("p", 12), "journal/p.lock/12.tsr");
}
END_TEST

START_TEST(repo_owner_of_listed_names)
{
	name_is(rst_repo_journal_owner("journal/mail.jsonl"), "mail");
	name_is(rst_repo_journal_owner("journal/mail.jsonl.tmp-a1b2"), "mail");
	name_is(rst_repo_journal_owner("journal/mail.head"), "");
	name_is(rst_repo_journal_owner("journal/mail.jsonlx"), "");
	name_is(rst_repo_journal_owner("journal/x/mail.jsonl"), "");
	name_is(rst_repo_journal_owner("journal/.hidden.jsonl"), "");
	name_is(rst_repo_journal_owner("keys/mail.jsonl"), "");
	name_is(rst_repo_snapshot_owner(
	    "snapshots/mail/20261124T185000Z-3f9a1c/manifest.json.sig"),
	    "mail");
	name_is(rst_repo_snapshot_owner(
	    "snapshots/mail/20261124T185000Z-3f9a1c/index.jsonl.zst"), "");
	name_is(rst_repo_snapshot_owner("snapshots/mail"), "");
	ck_assert(rst_repo_seq_name("12.tsr", ".tsr"));
	ck_assert(rst_repo_seq_name("0.head", ".head"));
	ck_assert(!rst_repo_seq_name(".tsr", ".tsr"));
	ck_assert(!rst_repo_seq_name("1a.tsr", ".tsr"));
	ck_assert(!rst_repo_seq_name("12.tsr.tmp-x", ".tsr"));
	ck_assert(!rst_repo_seq_name("123456789012345678901.tsr", ".tsr"));
	ck_assert(rst_repo_has_ext("journal/p.lock/3.head", RST_REPO_HEAD_EXT));
	ck_assert(!rst_repo_has_ext(".head", RST_REPO_HEAD_EXT));
	ck_assert(!rst_repo_has_ext("journal/p.lock/3.tsr", RST_REPO_HEAD_EXT));
}
END_TEST

static struct rst_buf
buf_of(const char *s)
{
	struct rst_buf b = RST_BUF_INIT;

	b.data = (unsigned char *)s;
	b.len = strlen(s);
	return b;
}

START_TEST(repo_compare_journals)
{
	struct rst_buf local = buf_of("a\nb\nc\n"), remote;
	size_t at = 99;

	remote = buf_of("a\nb\nc\n");
	ck_assert_int_eq(rst_repo_compare(&local, &remote, &at),
	    RST_COPY_EQUAL);
	remote = buf_of("a\nb\n");
	ck_assert_int_eq(rst_repo_compare(&local, &remote, NULL),
	    RST_COPY_BEHIND);
	remote = buf_of("");
	ck_assert_int_eq(rst_repo_compare(&local, &remote, NULL),
	    RST_COPY_BEHIND);
	remote = buf_of("a\nX\nc\n");
	ck_assert_int_eq(rst_repo_compare(&local, &remote, &at),
	    RST_COPY_DIFFERS);
	ck_assert_uint_eq(at, 2);
	remote = buf_of("a\nb\nc\nd\n");
	ck_assert_int_eq(rst_repo_compare(&local, &remote, &at),
	    RST_COPY_DIFFERS);
	ck_assert_uint_eq(at, 6);
}
END_TEST

/* dir/rel with text, its modification time set to mtime. */
static void
put(const char *dir, const char *rel, const char *text, time_t mtime)
{
	struct timespec ts[2] = { { mtime, 0 }, { mtime, 0 } };
	char *path = rst_strdupf("%s/%s", dir, rel);
	FILE *f;

	ck_assert_ptr_nonnull(path);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_int_eq(fputs(text, f) >= 0, 1);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(utimensat(AT_FDCWD, path, ts, 0), 0);
	free(path);
}

START_TEST(repo_reader_rule_newest_tmp)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	struct rst_repo_cfg cfg;
	struct rst_storage *st = NULL;
	char *dir = tmpdir_new(), *jdir;

	ck_assert_ptr_nonnull(dir);
	jdir = rst_strdupf("%s/journal", dir);
	ck_assert_int_eq(mkdir(jdir, 0700), 0);
	rst_repo_cfg_init(&cfg);
	cfg.url = rst_strdupf("file://%s", dir);
	ck_assert_int_eq(rst_storage_open(&cfg, &st, &err), 0);

	/* Neither the object nor a temporary copy: not found. */
	ck_assert_int_eq(rst_repo_get(st, NULL, "journal/p.jsonl", 1024, &b,
	    &err), RST_ENOTFOUND);
	rst_err_clear(&err);
	/* Only temporary copies: the newest, by modification time. */
	put(jdir, "p.jsonl.tmp-zzzz", "older\n", 1000000000);
	put(jdir, "p.jsonl.tmp-aaaa", "newer\n", 1000000500);
	put(jdir, "p.head.tmp-bbbb", "not the journal\n", 1000000900);
	ck_assert_int_eq(rst_repo_get(st, NULL, "journal/p.jsonl", 1024, &b,
	    &err), 0);
	ck_assert_uint_eq(b.len, 6);
	ck_assert_int_eq(memcmp(b.data, "newer\n", 6), 0);
	/* The object itself wins over every temporary copy. */
	put(jdir, "p.jsonl", "final\n", 1000000001);
	b.len = 0;
	ck_assert_int_eq(rst_repo_get(st, NULL, "journal/p.jsonl", 1024, &b,
	    &err), 0);
	ck_assert_int_eq(memcmp(b.data, "final\n", 6), 0);

	rst_buf_release(&b);
	rst_storage_close(st);
	rst_repo_cfg_release(&cfg);
	free(jdir);
	tmpdir_remove(dir);
}
END_TEST

START_TEST(repo_cfg_for_url)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_repo_cfg cfg;
	char *dir = tmpdir_new(), *spool;
	struct stat sb;

	ck_assert_ptr_nonnull(dir);
	setenv("TMPDIR", dir, 1);
	setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9", 1);
	setenv("AWS_ENDPOINT_URL_S3", "", 1);
	unsetenv("AWS_REGION");
	setenv("AWS_DEFAULT_REGION", "eu-west-3", 1);
	ck_assert_int_eq(rst_repo_cfg_for_url("s3://b/p", &cfg, &err), 0);
	ck_assert_str_eq(cfg.url, "s3://b/p");
	ck_assert_str_eq(cfg.endpoint, "http://127.0.0.1:9");
	ck_assert_str_eq(cfg.region, "eu-west-3");
	ck_assert_uint_eq(cfg.timeout_ms, RST_REPO_TIMEOUT_MS);
	ck_assert_int_eq(cfg.retries, 10);
	ck_assert_int_eq(strncmp(cfg.spool_dir, dir, strlen(dir)), 0);
	ck_assert_int_eq(stat(cfg.spool_dir, &sb), 0);
	ck_assert_uint_eq(sb.st_mode & 0777, 0700);
	spool = strdup(cfg.spool_dir);
	rst_repo_cfg_release(&cfg);
	ck_assert_int_eq(stat(spool, &sb), -1);
	free(spool);

	/* A folder that cannot be made: a configuration error naming it. */
	setenv("TMPDIR", "/nonexistent/folder", 1);
	ck_assert_int_eq(rst_repo_cfg_for_url("s3://b/p", &cfg, &err),
	    RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/folder"));
	ck_assert_ptr_null(cfg.url);
	unsetenv("TMPDIR");
	unsetenv("AWS_ENDPOINT_URL");
	unsetenv("AWS_ENDPOINT_URL_S3");
	unsetenv("AWS_DEFAULT_REGION");
	tmpdir_remove(dir);
}
END_TEST

Suite *
rst_repo_suite(void)
{
	Suite *s = suite_create("repo");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, repo_object_names);
	tcase_add_test(tc, repo_owner_of_listed_names);
	tcase_add_test(tc, repo_compare_journals);
	tcase_add_test(tc, repo_reader_rule_newest_tmp);
	tcase_add_test(tc, repo_cfg_for_url);
	suite_add_tcase(s, tc);
	return s;
}
