/* SPDX-License-Identifier: ISC */
/* Unit tests: parsing, formatting, encoding helpers and exit codes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "restorable/err.h"
#include "restorable/secret.h"
#include "restorable/text.h"
#include "restorable/storage.h"
#include "restorable/util.h"
#include "suites.h"

START_TEST(size_units_are_binary)
{
	uint64_t v = 0;

	ck_assert_int_eq(rst_parse_size("64M", &v), 0);
	ck_assert_uint_eq(v, 64ULL << 20);
	ck_assert_int_eq(rst_parse_size("1G", &v), 0);
	ck_assert_uint_eq(v, 1ULL << 30);
	ck_assert_int_eq(rst_parse_size("512K", &v), 0);
	ck_assert_uint_eq(v, 512ULL << 10);
	ck_assert_int_eq(rst_parse_size("4096", &v), 0);
	ck_assert_uint_eq(v, 4096);
}
END_TEST

START_TEST(size_rejects_garbage)
{
	uint64_t v = 7;

	ck_assert_int_ne(rst_parse_size("", &v), 0);
	ck_assert_int_ne(rst_parse_size("64X", &v), 0);
	ck_assert_int_ne(rst_parse_size("M", &v), 0);
	ck_assert_int_ne(rst_parse_size("-1M", &v), 0);
	ck_assert_int_ne(rst_parse_size("64MB", &v), 0);
	ck_assert_int_ne(rst_parse_size("99999999999999999999", &v), 0);
	ck_assert_int_ne(rst_parse_size("17179869184T", &v), 0);
	ck_assert_uint_eq(v, 7);
}
END_TEST

START_TEST(duration_units)
{
	uint64_t v = 0;

	ck_assert_int_eq(rst_parse_duration("250ms", &v), 0);
	ck_assert_uint_eq(v, 250);
	ck_assert_int_eq(rst_parse_duration("90s", &v), 0);
	ck_assert_uint_eq(v, 90000);
	ck_assert_int_eq(rst_parse_duration("4h", &v), 0);
	ck_assert_uint_eq(v, 4ULL * 3600000);
	ck_assert_int_eq(rst_parse_duration("7d", &v), 0);
	ck_assert_uint_eq(v, 7ULL * 86400000);
	ck_assert_int_ne(rst_parse_duration("5 minutes", &v), 0);
	ck_assert_int_ne(rst_parse_duration("5", &v), 0);
	ck_assert_int_ne(rst_parse_duration("h", &v), 0);
	ck_assert_int_ne(rst_parse_duration("1w", &v), 0);
}
END_TEST

START_TEST(rfc3339_round_trip)
{
	char buf[64];
	int64_t t = 0;

	rst_format_rfc3339(1795546800, 0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2026-11-24T19:00:00Z");
	ck_assert_int_eq(rst_parse_rfc3339(buf, &t), 0);
	ck_assert_int_eq(t, 1795546800);
	rst_format_rfc3339(1795546800, 500000000, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2026-11-24T19:00:00.5Z");
	ck_assert_int_eq(rst_parse_rfc3339(buf, &t), 0);
	ck_assert_int_ne(rst_parse_rfc3339("2026-11-24 19:00:00", &t), 0);
	ck_assert_int_ne(rst_parse_rfc3339("2026-11-24T19:00:00+01:00", &t), 0);
}
END_TEST

START_TEST(utf8_validation)
{
	ck_assert(rst_utf8_valid("plain", 5));
	ck_assert(rst_utf8_valid("proc\xc3\xa8s", 6));
	ck_assert(!rst_utf8_valid("\xff\xfe", 2));
	ck_assert(!rst_utf8_valid("\xc0\x80", 2));		/* overlong */
	ck_assert(!rst_utf8_valid("\xed\xa0\x80", 3));		/* surrogate */
	ck_assert(!rst_utf8_valid("\xe2\x82", 2));		/* truncated */
}
END_TEST

START_TEST(base64_round_trip)
{
	const unsigned char raw[] = { 0xff, 0xfe, 0x00, 0x41 };
	unsigned char *back;
	size_t n = 0, len;
	char *b;

	for (len = 0; len <= sizeof(raw); len++) {
		ck_assert_ptr_nonnull(b = rst_base64(raw, len));
		ck_assert_ptr_nonnull(back = rst_unbase64(b, &n));
		ck_assert_uint_eq(n, len);
		ck_assert_int_eq(memcmp(back, raw, len), 0);
		free(b);
		free(back);
	}
	ck_assert_ptr_null(rst_unbase64("abc", &n));
}
END_TEST

START_TEST(exit_codes_follow_the_design)
{
	ck_assert_int_eq(rst_exit_code(RST_OK), 0);
	ck_assert_int_eq(rst_exit_code(RST_ECHECK), 1);
	ck_assert_int_eq(rst_exit_code(RST_EUSAGE), 2);
	ck_assert_int_eq(rst_exit_code(RST_ECONFIG), 2);
	ck_assert_int_eq(rst_exit_code(RST_ESTORAGE), 3);
	ck_assert_int_eq(rst_exit_code(RST_EINTEGRITY), 4);
	ck_assert_int_eq(rst_exit_code(RST_ELOCKED), 5);
	ck_assert_int_eq(rst_exit_code(RST_EINTERNAL), 70);
	ck_assert_int_eq(rst_exit_code(RST_EIO), 70);
	/* 70 > 4 > 1 > 3 > 2 > 5 > 0 */
	ck_assert_int_eq(rst_exit_worst(0, 5), 5);
	ck_assert_int_eq(rst_exit_worst(5, 2), 2);
	ck_assert_int_eq(rst_exit_worst(3, 2), 3);
	ck_assert_int_eq(rst_exit_worst(3, 1), 1);
	ck_assert_int_eq(rst_exit_worst(4, 1), 4);
	ck_assert_int_eq(rst_exit_worst(4, 70), 70);
}
END_TEST

START_TEST(first_error_wins_and_prefix_adds_context)
{
	struct rst_err err = RST_ERR_INIT;

	ck_assert_int_eq(rst_errf(&err, RST_EIO, "read %s", "x"), RST_EIO);
	ck_assert_int_eq(rst_errf(&err, RST_EUSAGE, "later"), RST_EUSAGE);
	ck_assert_int_eq(err.code, RST_EIO);
	rst_err_prefix(&err, "backup %s", "p");
	ck_assert_str_eq(err.msg, "backup p: read x");
}
END_TEST

START_TEST(atomic_write_replaces_whole_file)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	char *dir = tmpdir_new(), *path;
	struct stat sb;

	ck_assert_ptr_nonnull(dir);
	path = rst_path_join(dir, "f");
	ck_assert_int_eq(rst_write_file_atomic(path, "one", 3, 0600, &err), 0);
	ck_assert_int_eq(rst_write_file_atomic(path, "second", 6, 0644, &err),
	    0);
	ck_assert_int_eq(rst_buf_load_file(&b, path, 100, &err), 0);
	ck_assert_str_eq((char *)b.data, "second");
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0644);
	rst_buf_release(&b);
	free(path);
	tmpdir_remove(dir);
}
END_TEST

START_TEST(utf8_fix_replaces_and_cuts_between_characters)
{
	char *s;

	s = rst_utf8_fix("caf\xe9 ok", 7, 0);
	ck_assert_str_eq(s, "caf\xef\xbf\xbd ok");
	free(s);
	/* "a" + "é" (2 bytes): a cut at 2 bytes falls inside the "é". */
	s = rst_utf8_fix("a\xc3\xa9", 3, 2);
	ck_assert_str_eq(s, "a");
	free(s);
	s = rst_utf8_fix("a\xc3\xa9", 3, 3);
	ck_assert_str_eq(s, "a\xc3\xa9");
	free(s);
	/* A truncated character, a NUL, an overlong form, a surrogate. */
	s = rst_utf8_fix("x\xc3", 2, 0);
	ck_assert_str_eq(s, "x\xef\xbf\xbd");
	free(s);
	s = rst_utf8_fix("a\0b", 3, 0);
	ck_assert_str_eq(s, "a\xef\xbf\xbd" "b");
	free(s);
	s = rst_utf8_fix("\xc0\xaf\xed\xa0\x80", 5, 0);
	ck_assert_uint_eq(strlen(s), 15);
	free(s);
}
END_TEST

START_TEST(terminal_escape_hides_controls)
{
	char out[256];

	rst_escape_terminal("a\x1b[2Jb\rc\x7f\xc2\x9b\x9b\xc3\xa9", out,
	    sizeof(out));
	ck_assert_str_eq(out, "a\\x1b[2Jb\\x0dc\\x7f\\xc2\\x9b\\x9b\xc3\xa9");
	/* Never a partial escape when the output is full. */
	rst_escape_terminal("ab\x1b", out, 5);
	ck_assert_str_eq(out, "ab");
}
END_TEST

START_TEST(loopback_is_the_parsed_host)
{
	static const char *const yes[] = {
		"smtp://localhost", "smtp://LOCALHOST:2525/", "smtp://127.0.0.1",
		"http://127.5.6.7:8080/x", "http://[::1]:80/", "smtps://[::1]",
		"http://localhost:8080/repo", "http://user@127.0.0.1/",
		"http://[::ffff:127.0.0.1]/",
	};
	static const char *const no[] = {
		"smtp://localhost.example.net", "smtp://127.0.0.1.example.net/",
		"http://example.net/?u=://127.0.0.1", "http://example.net/://localhost",
		"http://127.0.0.1@example.net/", "http://[::2]/", "http://10.0.0.1/",
		"http://128.0.0.1/", "not a url", "http://localhostx/",
	};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(rst_url_loopback(yes[i]), "%s", yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(!rst_url_loopback(no[i]), "%s", no[i]);
	ck_assert(rst_url_cleartext_remote("http://example.net/r"));
	ck_assert(rst_url_cleartext_remote("http://192.0.2.1:9000"));
	ck_assert(!rst_url_cleartext_remote("http://127.0.0.1:80/r"));
	ck_assert(!rst_url_cleartext_remote("https://example.net/"));
	ck_assert(!rst_url_cleartext_remote(NULL));
	/* A repository URL: the registry strips its backend's prefix. */
	ck_assert(rst_url_cleartext_remote(
	    rst_storage_wire_url("webdav+http://example.net/r")));
	ck_assert(!rst_url_cleartext_remote(
	    rst_storage_wire_url("webdav+http://127.0.0.1:80/r")));
	ck_assert(!rst_url_cleartext_remote(
	    rst_storage_wire_url("webdav+https://example.net/")));
	ck_assert_str_eq(rst_storage_wire_url("webdav+https://h/p"),
	    "https://h/p");
	ck_assert_str_eq(rst_storage_wire_url("webdav+http://h/p"),
	    "http://h/p");
	ck_assert_str_eq(rst_storage_wire_url("s3://b/p"), "s3://b/p");
	ck_assert_str_eq(rst_storage_wire_url("none+http://h/"),
	    "none+http://h/");
}
END_TEST

START_TEST(listed_names_stay_under_the_folder)
{
	ck_assert(rst_storage_name_under("snapshots/p/ID/part", "snapshots/p/"));
	ck_assert(rst_storage_name_under("snapshots/p/ID", "snapshots/p"));
	ck_assert(rst_storage_name_under("journal/p.jsonl", ""));
	ck_assert(!rst_storage_name_under("snapshots/x", "snapshots/p/"));
	ck_assert(!rst_storage_name_under("snapshots/p", "snapshots/p/"));
	ck_assert(!rst_storage_name_under("snapshots/p/", "snapshots/p/"));
	ck_assert(!rst_storage_name_under("snapshots/px/a", "snapshots/p"));
	ck_assert(!rst_storage_name_under("snapshots/p/../../x",
	    "snapshots/p/"));
	ck_assert(!rst_storage_name_under("snapshots/p/./a", "snapshots/p"));
	ck_assert(!rst_storage_name_under("snapshots/p//a", "snapshots/p"));
	ck_assert(!rst_storage_name_under("/etc/passwd", ""));
	ck_assert(!rst_storage_name_under("a/..", ""));
	ck_assert(!rst_storage_name_under("", ""));
}
END_TEST

START_TEST(strset_members_and_flags)
{
	struct rst_strset s = RST_STRSET_INIT;
	char k[32], *big;
	int i;

	ck_assert_uint_eq(rst_strset_get(&s, "a"), 0);
	for (i = 0; i < 5000; i++) {
		snprintf(k, sizeof(k), "dir/%d", i);
		ck_assert_int_eq(rst_strset_add(&s, k, (unsigned)i & 1), 0);
	}
	ck_assert_uint_eq(s.n, 5000);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/4"), 0x80);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/7"), 0x81);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/5000"), 0);
	ck_assert_int_eq(rst_strset_add(&s, "dir/4", 2), 0);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/4"), 0x82);
	ck_assert_int_eq(rst_strset_set(&s, "dir/7", 0), 0);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/7"), 0x80);
	ck_assert_uint_eq(s.n, 5000);
	/* A member longer than a block of packed strings. */
	ck_assert_ptr_nonnull(big = malloc(70001));
	memset(big, 'x', 70000);
	big[70000] = '\0';
	ck_assert_int_eq(rst_strset_add(&s, big, 1), 0);
	ck_assert_int_eq(rst_strset_add(&s, "dir/after", 1), 0);
	ck_assert_uint_eq(rst_strset_get(&s, big), 0x81);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/after"), 0x81);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/7"), 0x80);
	free(big);
	rst_strset_release(&s);
	ck_assert_uint_eq(rst_strset_get(&s, "dir/4"), 0);
}
END_TEST

/* One "user:password" rule for storage and notify: one line only. */
START_TEST(secret_is_one_line_user_password)
{
	static const char *const bad[] = { "user:pw\nsecond:line\n",
	    "user\n:pw", "user:p\rw", "no colon\n", "", "\n" };
	struct rst_secret s = RST_SECRET_INIT;
	struct rst_err err = RST_ERR_INIT;
	size_t i;

	ck_assert_int_eq(rst_secret_parse(&s, "me:p:w\r\n", 8, "F", &err), 0);
	ck_assert_str_eq(s.user, "me");
	ck_assert_str_eq(s.pass, "p:w");
	rst_secret_clear(&s);
	ck_assert_ptr_null(s.user);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_int_eq(rst_secret_parse(&s, bad[i], strlen(bad[i]),
		    "F", &err), RST_ECONFIG);
		ck_assert_str_eq(err.msg, "F: expected one line user:password");
		ck_assert_ptr_null(s.user);
		rst_err_clear(&err);
	}
}
END_TEST

static const char *
nth(const void *arg, size_t i)
{
	return ((const char *const *)arg)[i];
}

/* The path index of the entry map and the stat cache. */
START_TEST(stridx_finds_each_string_and_refuses_twice)
{
	static const char *v[] = { "a", "b/c", "", "d", "a" };
	struct rst_stridx x = { NULL, 0, nth, v };
	size_t i;

	ck_assert_int_eq(rst_stridx_build(&x, 4, 0), 0);
	ck_assert_uint_eq(x.nslot, 64);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(*rst_stridx_slot(&x, v[i]), i + 1);
	ck_assert_uint_eq(*rst_stridx_slot(&x, "b"), 0);
	ck_assert_int_eq(rst_stridx_build(&x, 4, 100), 0);
	ck_assert_uint_eq(x.nslot, 128);
	ck_assert_uint_eq(*rst_stridx_slot(&x, "d"), 4);
	ck_assert_int_eq(rst_stridx_build(&x, 5, 0), -1);
	rst_stridx_release(&x);
	ck_assert_ptr_null(x.slot);
}
END_TEST

Suite *
rst_util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, size_units_are_binary);
	tcase_add_test(tc, size_rejects_garbage);
	tcase_add_test(tc, duration_units);
	tcase_add_test(tc, rfc3339_round_trip);
	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, base64_round_trip);
	tcase_add_test(tc, strset_members_and_flags);
	tcase_add_test(tc, exit_codes_follow_the_design);
	tcase_add_test(tc, first_error_wins_and_prefix_adds_context);
	tcase_add_test(tc, atomic_write_replaces_whole_file);
	tcase_add_test(tc, utf8_fix_replaces_and_cuts_between_characters);
	tcase_add_test(tc, terminal_escape_hides_controls);
	tcase_add_test(tc, loopback_is_the_parsed_host);
	tcase_add_test(tc, listed_names_stay_under_the_folder);
	tcase_add_test(tc, secret_is_one_line_user_password);
	tcase_add_test(tc, stridx_finds_each_string_and_refuses_twice);
	suite_add_tcase(s, tc);
	return s;
}
