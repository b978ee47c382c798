/* SPDX-License-Identifier: ISC */
/*
 * Parity of the HTML and Markdown reports: both render one facts
 * document (tests/fixtures/report/doc.json, a real report's document
 * whose durations, sizes and counts were made unique), and every fact of
 * it must appear in both renderings, formatted as the report formats it
 * (durations, sizes, escaped text).  A renderer that drops a column or a
 * line fails here with the fact's path.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/out.h"
#include "suites.h"

/*
 * Facts not shown as their value: identifiers shown as localised
 * words (result, kind, level...), facts for machines (the document's own
 * format, record hashes the how-to step recomputes) and the chart's
 * points (drawn, and said in words by the chart's text).
 */
static const char *const skip[] = {
	"format", "version", "generated", "tool", "lang", "mode", "result",
	"kind", "level", "status", "state", "code", "source", "ok", "id",
	"repository_copy", "points", "facts", "text", "causes",
};

/*
 * Facts for machines, in neither rendering (paths without their indexes;
 * a prefix ending in "." covers an object): record sequence numbers and
 * hashes, drill phase timings, the newest drill (its row is in the
 * drills table), counts restated by a sentence.
 */
static const char *const machine[] = {
	".integrity.broken", ".integrity.findings",
	".profiles[].backups.items[].manifest_sha256",
	".profiles[].backups.items[].seq",
	".profiles[].backups.items[].stored_files",
	".profiles[].drills.items[].manifest_sha256",
	".profiles[].drills.items[].phases.",
	".profiles[].drills.items[].seq",
	".profiles[].drills.items[].snapshot_age_seconds",
	".profiles[].drills.not_completed",
	".profiles[].failures[].seq",
	".profiles[].journal.anchor.locked",
	".profiles[].journal.anchor.tokens",
	".profiles[].journal.anchor.verified",
	".profiles[].journal.head.seq",
	".profiles[].last_drill.",
	".profiles[].newest_good_backup.files",
	".profiles[].newest_good_backup.stored_bytes",
	".profiles[].rpo.target_seconds",
	".profiles[].rpo_period.schedule_seconds",
};

struct walk {
	const char	*html, *md;
	char		 failed[16384];
	size_t		 len;
	int		 n;
};

static bool
skipped(const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (strcmp(key, skip[i]) == 0)
			return true;
	return false;
}

/* The value as a renderer prints it, escaped for html (1) or Markdown. */
static char *
shown(const char *key, const char *path, const json_t *v, int html)
{
	struct rst_buf b = { 0 };
	struct rst_out o = { &b, RST_LANG_EN, 0, NULL };
	char s[128];
	double x = json_number_value(v);

	if (json_is_string(v)) {
		snprintf(s, 41, "%s", json_string_value(v));
		(html ? rst_out_html : rst_out_md)(&o, s);
		rst_out_raw(&o, "");
		ck_assert_int_eq(rst_buf_append(&b, "", 1), 0);
		return (char *)b.data;
	}
	if (strstr(key, "seconds") != NULL || strstr(path, ".phases.") != NULL)
		rst_fmt_duration(RST_LANG_EN, x, s, sizeof(s));
	else if (strstr(key, "bytes") != NULL)
		rst_fmt_size(RST_LANG_EN, x, s, sizeof(s));
	else if (strcmp(key, "share_within") == 0)
		rst_fmt_number(RST_LANG_EN, x * 100, 1, s, sizeof(s));
	else
		snprintf(s, sizeof(s), "%lld", (long long)x);
	return strdup(s);
}

/* Whether path, its indexes taken out, is a fact for machines. */
static bool
for_machines(const char *path)
{
	char bare[512];
	size_t i, n = 0, len;

	for (; *path != '\0' && n + 1 < sizeof(bare); path++) {
		bare[n++] = *path;
		if (*path == '[')
			while (path[1] != '\0' && path[1] != ']')
				path++;
	}
	bare[n] = '\0';
	for (i = 0; i < sizeof(machine) / sizeof(machine[0]); i++) {
		len = strlen(machine[i]);
		if (machine[i][len - 1] == '.' ? strncmp(bare, machine[i],
		    len) == 0 : strcmp(bare, machine[i]) == 0)
			return true;
	}
	return false;
}

static void
leaf(struct walk *w, const char *key, const char *path, const json_t *v)
{
	const char *where[2] = { w->html, w->md }, *name[2] = { "html", "md" };
	char *s;
	int i;

	if (skipped(key) || json_is_boolean(v) || json_is_null(v) ||
	    (json_is_string(v) && json_string_length(v) == 0) ||
	    for_machines(path))
		return;
	for (i = 0; i < 2; i++) {
		s = shown(key, path, v, i == 0);
		ck_assert_ptr_nonnull(s);
		if (strstr(where[i], s) == NULL) {
			w->n++;
			w->len += (size_t)snprintf(w->failed + w->len,
			    w->len < sizeof(w->failed) ? sizeof(w->failed) -
			    w->len : 0, "%s: %s lacks \"%s\"\n", path, name[i], s);
			if (w->len > sizeof(w->failed))
				w->len = sizeof(w->failed);
		}
		free(s);
	}
}

static void
walk(struct walk *w, const char *key, const char *path, const json_t *v)
{
	char sub[512];
	const char *k;
	json_t *x;
	size_t i;

	if (json_is_object(v)) {
		json_object_foreach((json_t *)v, k, x) {
			if (skipped(k))
				continue;
			snprintf(sub, sizeof(sub), "%s.%s", path, k);
			walk(w, k, sub, x);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			snprintf(sub, sizeof(sub), "%s[%zu]", path, i);
			walk(w, key, sub, x);
		}
	} else
		leaf(w, key, path, v);
}

static json_t *
fixture(void)
{
	const char *top = getenv("top_srcdir");
	char path[4096];
	json_error_t je;
	json_t *doc;

	snprintf(path, sizeof(path), "%s/tests/fixtures/report/doc.json",
	    top != NULL ? top : ".");
	doc = json_load_file(path, 0, &je);
	ck_assert_msg(doc != NULL, "%s:%d: %s", path, je.line, je.text);
	return doc;
}

/* Every fact of doc, and each of also[], in both renderings of doc. */
static void
parity(json_t *doc, const struct rst_report_meta *m, const char *const *also)
{
	struct rst_buf html = { 0 }, md = { 0 };
	struct rst_err err = { 0 };
	struct walk w = { 0 };
	json_t *extra = json_array();

	ck_assert_int_eq(rst_report_html(doc, m, &html, &err), 0);
	ck_assert_int_eq(rst_report_md(doc, m, &md, &err), 0);
	ck_assert_int_eq(rst_buf_append(&html, "", 1), 0);
	ck_assert_int_eq(rst_buf_append(&md, "", 1), 0);
	w.html = (const char *)html.data;
	w.md = (const char *)md.data;
	walk(&w, "", "", doc);
	for (; also != NULL && *also != NULL; also++)
		json_array_append_new(extra, json_string(*also));
	walk(&w, "", "(meta)", extra);
	if (w.n > 0)
		fprintf(stderr, "%s", w.failed);
	ck_assert_msg(w.n == 0, "%d facts missing (listed above)", w.n);
	rst_buf_release(&html);
	rst_buf_release(&md);
	json_decref(extra);
	json_decref(doc);
}

START_TEST(every_fact_in_both_renderings)
{
	struct rst_report_meta m = { .lang = RST_LANG_EN, .file = "report",
	    .report_id = "0123456789abcdef" };
	const char *const also[] = { m.report_id, "Report id",
	    "This copy is not signed", NULL };

	parity(fixture(), &m, also);
}
END_TEST

/*
 * The header of a report on a repository (what it covers, the journals
 * found and named, the signing key), a broken journal's line in the
 * integrity banner and the steps to check the report, in both renderings.
 */
START_TEST(every_header_fact_in_both_renderings)
{
	struct rst_report_meta m = { .lang = RST_LANG_EN, .file = "report",
	    .key_fpr = "SHA256:fedcba9876543210" };
	const char *const fleet[] = { m.key_fpr,
	    "Repository s3://bucket/fleet-named", NULL };
	json_t *doc = fixture(), *sc = json_object_get(doc, "scope");

	json_object_set_new(sc, "repository",
	    json_string("s3://bucket/fleet-named"));
	json_object_set_new(sc, "found", json_pack("[s,s]", "found-a",
	    "found-b"));
	json_object_set_new(doc, "integrity", json_pack("{s:b, s:i, s:i, "
	    "s:[{s:s, s:i, s:s, s:s}]}", "verified", 0, "journals", 2,
	    "broken", 1, "problems", "profile", "broken-journal",
	    "first_bad_line", 4321, "first_bad_text", "{\"seq\":4320}",
	    "problem", "signature does not verify"));
	json_object_set_new(doc, "how_to_check", json_pack("{s:s, s:[{s:s, "
	    "s:s}]}", "layout", "the folder holds the report and its keys",
	    "steps", "text", "check the signature", "commands",
	    "openssl pkeyutl -verify -pubin -inkey keys/report.pub "
	    "-in report.sig\n"));
	parity(doc, &m, fleet);
}
END_TEST

/*
 * An exception's follow-up: until when it lasted, the record that closed
 * it and its kind, the manifest's hash, the security event, in both.
 */
START_TEST(every_exception_fact_in_both_renderings)
{
	struct rst_report_meta m = { .lang = RST_LANG_EN, .file = "report" };
	const char *const also[] = { "seq 9876 backup", "Manifest SHA-256",
	    "security event", "not completed", "Operator errors", NULL };
	json_t *doc = fixture();
	json_t *p = json_array_get(json_object_get(doc, "profiles"), 0);
	json_t *x = json_array_get(json_object_get(p, "incidents"), 0);

	ck_assert_ptr_nonnull(x);
	json_object_set_new(x, "end", json_string("2026-11-11T11:11:11Z"));
	json_object_set_new(x, "closed_by", json_pack("{s:i, s:s, s:s}",
	    "seq", 9876, "ts", "2026-11-12T12:12:12Z", "kind", "backup"));
	json_object_set_new(x, "completed", json_false());
	json_object_set_new(x, "security", json_true());
	json_object_set_new(x, "manifest_sha256", json_string("feedface"));
	parity(doc, &m, also);
}
END_TEST

Suite *
rst_render_suite(void)
{
	Suite *s = suite_create("render");
	TCase *tc = tcase_create("parity");

	tcase_add_test(tc, every_fact_in_both_renderings);
	tcase_add_test(tc, every_header_fact_in_both_renderings);
	tcase_add_test(tc, every_exception_fact_in_both_renderings);
	suite_add_tcase(s, tc);
	return s;
}
