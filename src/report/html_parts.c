/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's fragments and per-profile tables (see html.h): drills
 * with each check and its output, the latest backups, failures with their
 * reasons, and the retention state.  All free text is escaped here.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "html.h"

#define MAX_IDS		30

static const char *
result_class(const char *r)
{
	if (r != NULL && (strcmp(r, "pass") == 0 || strcmp(r, "fail") == 0))
		return r;
	return "error";
}

void
rst_html_pill(struct rst_out *o, const char *result)
{
	rst_out_printf(o, "<span class=\"pill %s\">", result_class(result));
	rst_out_msg(o, rst_msg_result(result));
	rst_out_raw(o, "</span>");
}

void
rst_html_kind(struct rst_out *o, const char *k)
{
	enum rst_msg m;

	if (rst_msg_kind(k, &m) == 0)
		rst_out_msg(o, m);
	else
		rst_out_html(o, k);
}

/* A duration field of obj, or a dash when absent. */
void
rst_html_dur(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		rst_out_raw(o, "&#8211;");
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(obj, key), s, sizeof(s));
	rst_out_html(o, s);
}

void
rst_html_size(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		rst_out_raw(o, "&#8211;");
		return;
	}
	rst_fmt_size(o->lang, rst_jnum(obj, key), s, sizeof(s));
	rst_out_html(o, s);
}

void
rst_html_th(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "<th scope=\"col\">");
	rst_out_msg(o, m);
	rst_out_raw(o, "</th>");
}

/* A localised sentence with string arguments, escaped. */
void
rst_html_sentence(struct rst_out *o, enum rst_msg m, int n, const char *a,
    const char *b)
{
	char *s = rst_msgf(o->lang, m, n, a, b);

	if (s == NULL)
		o->bad = 1;
	rst_out_html(o, s);
	free(s);
}

static void
strings(struct rst_out *o, const json_t *a, const char *tag)
{
	const json_t *v;
	size_t i;

	json_array_foreach(a, i, v) {
		rst_out_printf(o, "<%s>", tag);
		rst_out_html(o, json_string_value(v));
		rst_out_printf(o, "</%s>", tag);
	}
}

void
rst_html_count(struct rst_out *o, enum rst_msg m, long long n)
{
	char num[32], *s;

	snprintf(num, sizeof(num), "%lld", n);
	s = rst_msgf(o->lang, m, 1, num);
	rst_out_html(o, s != NULL ? s : num);
	free(s);
}

/*
 * An item's reason in the report's language, then the sentences as the
 * journal holds them (quoted, not translated).
 */
void
rst_html_cause(struct rst_out *o, const json_t *it)
{
	const json_t *r = json_object_get(it, "reasons");

	if (rst_jstr(it, "reason_text") != NULL) {
		rst_out_raw(o, "<p class=\"cause\">");
		rst_out_html(o, rst_jstr(it, "reason_text"));
		rst_out_raw(o, "</p>");
	}
	if (json_array_size(r) == 0)
		return;
	rst_out_raw(o, "<ul class=\"checks orig\" translate=\"no\" title=\"");
	rst_out_msg(o, RST_MSG_ORIGINAL_TEXT);
	rst_out_raw(o, "\">");
	strings(o, r, "li");
	rst_out_raw(o, "</ul>");
}

static void
check_cell(struct rst_out *o, const json_t *d)
{
	const json_t *c;
	size_t i;

	rst_out_raw(o, "<ul class=\"checks\">");
	json_array_foreach(json_object_get(d, "checks"), i, c) {
		rst_out_raw(o, "<li>");
		rst_html_pill(o, rst_jstr(c, "result"));
		rst_out_raw(o, " ");
		rst_out_html(o, rst_jstr(c, "name"));
		rst_out_raw(o, " (");
		rst_html_dur(o, c, "seconds");
		rst_out_raw(o, ")");
		/* A check without a result did not pass: show its output. */
		if (rst_jstr(c, "output") != NULL &&
		    (rst_jstr(c, "result") == NULL ||
		    strcmp(rst_jstr(c, "result"), "pass") != 0) &&
		    rst_jstr(c, "output")[0] != '\0') {
			rst_out_raw(o, "<pre>");
			rst_out_html(o, rst_jstr(c, "output"));
			rst_out_raw(o, "</pre>");
		}
		rst_out_raw(o, "</li>");
	}
	rst_out_raw(o, "</ul>");
	rst_html_cause(o, d);
}

static void
drill_row(struct rst_out *o, const json_t *d)
{
	rst_out_raw(o, "<tr><td class=\"ts\">");
	rst_out_html(o, rst_jstr(d, "ts"));
	rst_out_raw(o, "</td><td><code>");
	rst_out_html(o, rst_jstr(d, "snapshot"));
	rst_out_raw(o, "</code></td><td>");
	rst_html_pill(o, rst_jstr(d, "result"));
	rst_out_raw(o, "</td><td class=\"num\">");
	rst_html_dur(o, d, "rto_seconds");
	rst_out_raw(o, " / ");
	rst_html_dur(o, d, "rto_target_seconds");
	rst_out_raw(o, "</td><td class=\"num\">");
	rst_html_dur(o, d, "rpo_seconds");
	rst_out_raw(o, " / ");
	rst_html_dur(o, d, "rpo_target_seconds");
	rst_out_raw(o, "</td><td class=\"num\">");
	rst_html_count(o, RST_MSG_N_VERIFIED_FILES, rst_jint(d,
	    "files_verified"));
	if (rst_jnum(d, "missing") + rst_jnum(d, "changed") +
	    rst_jnum(d, "extra") > 0) {
		rst_out_printf(o, "<br>%lld ", rst_jint(d,
		    "missing"));
		rst_out_msg(o, RST_MSG_MISSING);
		rst_out_printf(o, ", %lld ", rst_jint(d, "changed"));
		rst_out_msg(o, RST_MSG_CHANGED);
		rst_out_printf(o, ", %lld ", rst_jint(d, "extra"));
		rst_out_msg(o, RST_MSG_EXTRA);
	}
	rst_out_raw(o, "</td><td>");
	check_cell(o, d);
	rst_out_raw(o, "</td></tr>");
}

void
rst_html_drills(struct rst_out *o, const json_t *p)
{
	const json_t *items = json_object_get(json_object_get(p, "drills"),
	    "items"), *d;
	size_t i;

	rst_out_raw(o, "<h3>");
	rst_out_msg(o, RST_MSG_DRILLS);
	rst_out_raw(o, "</h3>");
	if (json_array_size(items) == 0) {
		rst_out_raw(o, "<p>");
		rst_out_msg(o, RST_MSG_NO_DATA);
		rst_out_raw(o, "</p>\n");
		return;
	}
	rst_out_raw(o, "<table><caption class=\"cap\">");
	rst_out_msg(o, RST_MSG_DRILLS);
	rst_out_raw(o, "</caption><tr>");
	rst_html_th(o, RST_MSG_DATE);
	rst_html_th(o, RST_MSG_SNAPSHOT);
	rst_html_th(o, RST_MSG_RESULT);
	rst_out_raw(o, "<th scope=\"col\">");
	rst_out_msg(o, RST_MSG_RTO);
	rst_out_raw(o, " / ");
	rst_out_msg(o, RST_MSG_TARGET);
	rst_out_raw(o, "</th><th scope=\"col\">");
	rst_out_msg(o, RST_MSG_RPO);
	rst_out_raw(o, " / ");
	rst_out_msg(o, RST_MSG_TARGET);
	rst_out_raw(o, "</th>");
	rst_html_th(o, RST_MSG_FILES);
	rst_html_th(o, RST_MSG_CHECKS);
	rst_out_raw(o, "</tr>");
	for (i = json_array_size(items); i-- > 0;) {
		d = json_array_get(items, i);
		drill_row(o, d);
	}
	rst_out_raw(o, "</table>\n");
}

static void
backup_type(struct rst_out *o, const json_t *b)
{
	char s[128];

	rst_report_backup_type(o->lang, b, s, sizeof(s));
	rst_out_html(o, s);
}

void
rst_html_backups(struct rst_out *o, const json_t *p)
{
	const json_t *items = json_object_get(json_object_get(p, "backups"),
	    "items"), *b;
	size_t n = json_array_size(items), i;

	if (n == 0)
		return;
	rst_out_raw(o, "<h3>");
	rst_out_msg(o, RST_MSG_LATEST_BACKUPS);
	rst_out_raw(o, "</h3><table><caption class=\"cap\">");
	rst_out_msg(o, RST_MSG_LATEST_BACKUPS);
	rst_out_raw(o, "</caption><tr>");
	rst_html_th(o, RST_MSG_DATE);
	rst_html_th(o, RST_MSG_SNAPSHOT);
	rst_html_th(o, RST_MSG_RESULT);
	rst_html_th(o, RST_MSG_BACKUP_TYPE);
	rst_html_th(o, RST_MSG_FILES);
	rst_html_th(o, RST_MSG_SIZE);
	rst_html_th(o, RST_MSG_STORED);
	rst_html_th(o, RST_MSG_DURATION);
	rst_out_raw(o, "</tr>");
	for (i = n; i-- > 0 && i + RST_REPORT_LATEST_BACKUPS >= n;) {
		b = json_array_get(items, i);
		rst_out_raw(o, "<tr><td class=\"ts\">");
		rst_out_html(o, rst_jstr(b, "ts"));
		rst_out_raw(o, "</td><td><code>");
		rst_out_html(o, rst_jstr(b, "snapshot"));
		rst_out_raw(o, "</code></td><td>");
		rst_html_pill(o, rst_jstr(b, "result"));
		rst_out_raw(o, "</td><td>");
		backup_type(o, b);
		rst_out_printf(o, "</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">", rst_jint(b, "files"));
		rst_html_size(o, b, "bytes");
		rst_out_raw(o, "</td><td class=\"num\">");
		rst_html_size(o, b, "stored_bytes");
		rst_out_raw(o, "</td><td class=\"num\">");
		rst_html_dur(o, b, "seconds");
		rst_out_raw(o, "</td></tr>");
	}
	rst_out_raw(o, "</table>\n");
}

static void
ids(struct rst_out *o, const json_t *a)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0)
		return;
	rst_out_raw(o, "<div class=\"ids\">");
	json_array_foreach(a, i, v) {
		if (i == MAX_IDS) {
			rst_out_printf(o, " &#8230; (+%zu)",
			    json_array_size(a) - MAX_IDS);
			break;
		}
		if (i > 0)
			rst_out_raw(o, ", ");
		rst_out_html(o, json_string_value(v));
	}
	rst_out_raw(o, "</div>");
}

void
rst_html_retention(struct rst_out *o, const json_t *p)
{
	const json_t *r = json_object_get(p, "retention");

	rst_out_raw(o, "<h3>");
	rst_out_msg(o, RST_MSG_RETENTION);
	rst_out_raw(o, "</h3><table class=\"facts\"><caption class=\"cap\">");
	rst_out_msg(o, RST_MSG_RETENTION);
	rst_out_raw(o, "</caption><tr><th scope=\"row\">");
	rst_out_msg(o, RST_MSG_LAST_PRUNE);
	rst_out_raw(o, "</th><td>");
	if (rst_jhas(r, "last_prune"))
		rst_out_html(o, rst_jstr(r, "last_prune"));
	else
		rst_out_msg(o, RST_MSG_NO_PRUNE);
	rst_out_raw(o, "</td></tr><tr><th scope=\"row\">");
	rst_out_msg(o, RST_MSG_KEPT);
	rst_out_raw(o, "</th><td>");
	if (rst_jhas(r, "kept"))
		rst_out_printf(o, "%lld", rst_jint(r, "kept"));
	else
		rst_out_raw(o, "&#8211;");
	ids(o, json_object_get(r, "kept_snapshots"));
	rst_out_raw(o, "</td></tr><tr><th scope=\"row\">");
	rst_out_msg(o, RST_MSG_PRUNED);
	rst_out_printf(o, "</th><td>%lld", rst_jint(r, "pruned"));
	ids(o, json_object_get(r, "pruned_snapshots"));
	rst_out_raw(o, "</td></tr></table>\n");
}
