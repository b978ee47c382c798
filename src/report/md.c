/* SPDX-License-Identifier: ISC */
/*
 * The Markdown report, for tickets and mail: the same facts as the HTML
 * report in headings, lists and pipe tables, readable as plain text too.
 * Every text, labels included, goes through the Markdown escaper, so a
 * check's output cannot break a table (| and line breaks) or open a code
 * span, a link or raw HTML.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "out.h"
#include "md.h"
#include "anchor.h"

#define MD_OUTPUT_MAX	200

static void
md(struct rst_out *o, const char *s)
{
	rst_out_md(o, s);
}

static void
label(struct rst_out *o, enum rst_msg m)
{
	rst_out_md(o, rst_msg(o->lang, m));
}

static void
sentence(struct rst_out *o, enum rst_msg m, int n, const char *a,
    const char *b)
{
	char *s = rst_msgf(o->lang, m, n, a, b);

	if (s == NULL)
		o->bad = 1;
	rst_out_md(o, s);
	free(s);
}

static void
result(struct rst_out *o, const char *r)
{
	if (r != NULL && strcmp(r, "pass") == 0)
		label(o, RST_MSG_PASS);
	else if (r != NULL && strcmp(r, "fail") == 0) {
		rst_out_raw(o, "**");
		label(o, RST_MSG_FAIL);
		rst_out_raw(o, "**");
	} else {
		rst_out_raw(o, "**");
		label(o, RST_MSG_ERROR);
		rst_out_raw(o, "**");
	}
}

static void
dur(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	if (!rst_jhas(obj, key)) {
		rst_out_raw(o, "-");
		return;
	}
	rst_fmt_duration(o->lang, rst_jnum(obj, key), s, sizeof(s));
	md(o, s);
}

static void
size(struct rst_out *o, const json_t *obj, const char *key)
{
	char s[64];

	rst_fmt_size(o->lang, rst_jnum(obj, key), s, sizeof(s));
	md(o, s);
}

/* A table header row and its delimiter row. */
static void
header(struct rst_out *o, const json_t *doc, const struct rst_report_meta *m)
{
	const json_t *per = json_object_get(doc, "period");
	const json_t *scope = json_object_get(doc, "scope");

	rst_out_raw(o, "# ");
	label(o, RST_MSG_TITLE);
	rst_out_raw(o, "\n\n- **");
	label(o, RST_MSG_PERIOD);
	rst_out_raw(o, ":** ");
	md(o, rst_jstr(per, "since"));
	rst_out_raw(o, " - ");
	md(o, rst_jstr(per, "until"));
	rst_out_raw(o, "\n- **");
	label(o, RST_MSG_GENERATED);
	rst_out_raw(o, ":** ");
	md(o, rst_jstr(doc, "generated"));
	rst_out_raw(o, "\n- **");
	label(o, RST_MSG_SCOPE);
	rst_out_raw(o, ":** ");
	if (rst_jhas(scope, "repository") && !rst_jhas(scope, "named"))
		sentence(o, RST_MSG_SCOPE_FLEET, 1,
		    rst_jstr(scope, "repository"), NULL);
	else if (rst_jhas(scope, "repository"))
		md(o, rst_jstr(scope, "repository"));
	else if (!rst_jhas(scope, "named"))
		label(o, RST_MSG_SCOPE_LOCAL);
	rst_out_raw(o, "\n");
	rst_md_scope(o, doc);
	rst_out_raw(o, "- **");
	label(o, RST_MSG_TOOL);
	rst_out_raw(o, ":** ");
	md(o, rst_jstr(doc, "tool"));
	rst_out_raw(o, "\n");
	rst_md_report_id(o, m);
	rst_out_raw(o, "\n");
	if (m->key_fpr != NULL)
		sentence(o, RST_MSG_SIGNED_BY, 1, m->key_fpr, NULL);
	else
		label(o, RST_MSG_UNSIGNED);
	rst_out_raw(o, "\n\n");
}

static void
integrity(struct rst_out *o, const json_t *doc)
{
	const json_t *in = json_object_get(doc, "integrity"), *p;
	long long all = rst_jint(in, "journals");
	char n[32], ok[32];
	size_t i;

	rst_out_raw(o, "## ");
	label(o, RST_MSG_INTEGRITY);
	rst_out_raw(o, "\n\n");
	snprintf(n, sizeof(n), "%lld", all);
	snprintf(ok, sizeof(ok), "%lld", all -
	    (long long)json_array_size(json_object_get(in, "problems")));
	if (rst_jbool(in, "verified")) {
		sentence(o, RST_MSG_INTEGRITY_OK, 1, n, NULL);
		rst_out_raw(o, "\n\n");
		label(o, RST_MSG_CANNOT_PROVE);
		rst_out_raw(o, "\n\n");
		return;
	}
	rst_out_raw(o, "> **");
	if (rst_jnum(in, "broken") > 0)
		label(o, RST_MSG_INTEGRITY_BROKEN);
	else if (rst_jnum(in, "findings") > 0)
		label(o, RST_MSG_INTEGRITY_FINDINGS);
	else
		sentence(o, RST_MSG_INTEGRITY_PARTIAL, 2, ok, n);
	rst_out_raw(o, "**\n>\n");
	json_array_foreach(json_object_get(in, "problems"), i, p) {
		rst_out_raw(o, "> - ");
		md(o, rst_jstr(p, "profile"));
		if (rst_jhas(p, "first_bad_line")) {
			rst_out_raw(o, ": ");
			label(o, RST_MSG_FIRST_BAD_LINE);
			rst_out_printf(o, " %lld", rst_jint(p,
			    "first_bad_line"));
		}
		rst_out_raw(o, ": ");
		md(o, rst_jstr(p, "problem"));
		if (rst_jhas(p, "first_bad_text")) {
			rst_out_raw(o, "\n>   ");
			md(o, rst_jstr(p, "first_bad_text"));
		}
		rst_out_raw(o, "\n");
	}
	rst_out_raw(o, "\n");
	label(o, RST_MSG_CANNOT_PROVE);
	rst_out_raw(o, "\n\n");
}

static void
summary(struct rst_out *o, const json_t *doc)
{
	static const enum rst_msg cols[][2] = {
		{ RST_MSG_PROFILE, 0 }, { RST_MSG_VERDICT, 0 },
		{ RST_MSG_RPO, RST_MSG_TARGET }, { RST_MSG_LAST_DRILL, 0 },
		{ RST_MSG_RTO, RST_MSG_TARGET },
		{ RST_MSG_BACKUPS, RST_MSG_FAILED },
		{ RST_MSG_JOURNAL, 0 },
	};
	const json_t *s = json_object_get(doc, "summary"), *p, *ld;
	char a[32], b[32];
	size_t i;

	snprintf(a, sizeof(a), "%lld", rst_jint(s, "restorable"));
	snprintf(b, sizeof(b), "%lld", rst_jint(s, "profiles"));
	rst_out_raw(o, "## ");
	label(o, RST_MSG_SUMMARY);
	rst_out_raw(o, "\n\n");
	sentence(o, RST_MSG_SUMMARY_COUNT, 2, a, b);
	rst_out_raw(o, "\n\n");
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		rst_out_raw(o, "| ");
		label(o, cols[i][0]);
		if (cols[i][1] != 0) {
			rst_out_raw(o, " / ");
			label(o, cols[i][1]);
		}
		rst_out_raw(o, " ");
	}
	rst_out_raw(o, "|\n|---|---|---|---|---|---|---|\n");
	json_array_foreach(json_object_get(doc, "profiles"), i, p) {
		ld = json_object_get(p, "last_drill");
		rst_out_raw(o, "| ");
		md(o, rst_jstr(p, "name"));
		rst_out_raw(o, " | ");
		label(o, rst_jbool(json_object_get(p, "verdict"),
		    "restorable") ? RST_MSG_YES : RST_MSG_NO);
		rst_out_raw(o, " | ");
		dur(o, json_object_get(p, "rpo"), "seconds");
		rst_out_raw(o, " / ");
		dur(o, json_object_get(p, "targets"), "rpo_seconds");
		rst_out_raw(o, " | ");
		if (json_is_object(ld)) {
			result(o, rst_jstr(ld, "result"));
			rst_out_raw(o, " ");
			md(o, rst_jstr(ld, "ts"));
		} else
			label(o, RST_MSG_NONE);
		rst_out_raw(o, " | ");
		dur(o, ld, "rto_seconds");
		rst_out_raw(o, " / ");
		dur(o, json_object_get(p, "targets"), "rto_seconds");
		rst_out_printf(o, " | %lld / %lld | ", rst_jint(
		    json_object_get(p, "backups"), "count"),
		    rst_jint(json_object_get(p, "backups"),
		    "failed"));
		label(o, rst_jbool(json_object_get(p, "journal"), "verified") ?
		    RST_MSG_VERIFIED : RST_MSG_NOT_VERIFIED);
		rst_out_raw(o, " |\n");
	}
	rst_out_raw(o, "\n");
}

static void
controls(struct rst_out *o, const json_t *doc)
{
	static const enum rst_msg cols[] = { RST_MSG_CONTROL,
	    RST_MSG_REQUIREMENT, RST_MSG_EVIDENCE };
	const json_t *c;
	size_t i;

	rst_out_raw(o, "## ");
	label(o, RST_MSG_CONTROLS);
	rst_out_raw(o, "\n\n");
	rst_md_table_head(o, cols, 3);
	json_array_foreach(json_object_get(doc, "controls"), i, c) {
		rst_out_raw(o, "| ");
		md(o, rst_jstr(c, "framework"));
		rst_out_raw(o, " ");
		md(o, rst_jstr(c, "control"));
		rst_out_raw(o, " | ");
		md(o, rst_jstr(c, "title"));
		rst_out_raw(o, " | ");
		md(o, rst_jstr(c, "evidence"));
		rst_out_raw(o, " |\n");
	}
	rst_out_raw(o, "\n");
}

static void
verdict(struct rst_out *o, const json_t *p)
{
	const json_t *v = json_object_get(p, "verdict"), *r;
	bool yes = rst_jbool(v, "restorable");
	size_t i;

	rst_out_raw(o, "**");
	label(o, RST_MSG_VERDICT);
	rst_out_raw(o, ": ");
	label(o, yes ? RST_MSG_VERDICT_YES : RST_MSG_VERDICT_NO);
	rst_out_raw(o, " - ");
	label(o, yes ? RST_MSG_YES : RST_MSG_NO);
	rst_out_raw(o, "**\n\n");
	json_array_foreach(json_object_get(v, "reasons"), i, r) {
		rst_out_raw(o, rst_jbool(r, "ok") ? "- " : "- **");
		md(o, rst_jstr(r, "text"));
		rst_out_raw(o, rst_jbool(r, "ok") ? "\n" : "**\n");
	}
	/* Exceptions and damage found: shown, whatever the verdict. */
	json_array_foreach(json_object_get(p, "found_bad"), i, r) {
		rst_out_raw(o, "- ! ");
		md(o, rst_jstr(r, "text"));
		rst_out_raw(o, "\n");
	}
	json_array_foreach(json_object_get(p, "exceptions"), i, r) {
		rst_out_raw(o, "- ! ");
		md(o, rst_jstr(r, "text"));
		rst_out_raw(o, "\n");
	}
	json_array_foreach(json_object_get(p, "findings"), i, r) {
		rst_out_raw(o, rst_jbool(r, "integrity") ? "- **" : "- ! ");
		md(o, rst_jstr(r, "text"));
		rst_out_raw(o, rst_jbool(r, "integrity") ? "**\n" : "\n");
	}
	rst_out_raw(o, "\n");
}

static void
item(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "- **");
	label(o, m);
	rst_out_raw(o, ":** ");
}

static void
counts(struct rst_out *o, enum rst_msg m, const json_t *c)
{
	item(o, m);
	rst_out_printf(o, "%lld ", rst_jint(c, "count"));
	label(o, RST_MSG_IN_PERIOD);
	rst_out_printf(o, ", %lld ", rst_jint(c, "failed"));
	label(o, RST_MSG_FAILED);
	rst_out_raw(o, "\n");
}

static void
inv_ids(struct rst_out *o, const json_t *inv, const char *key,
    enum rst_msg m)
{
	const json_t *id;
	size_t i;

	json_array_foreach(json_object_get(inv, key), i, id) {
		rst_out_raw(o, i == 0 ? "; " : ", ");
		if (i == 0) {
			label(o, m);
			rst_out_raw(o, ": ");
		}
		md(o, json_string_value(id));
	}
}

/* The journal's head and anchor, and the repository's inventory. */
static void
head_facts(struct rst_out *o, const json_t *p)
{
	const json_t *h = json_object_get(json_object_get(p, "journal"),
	    "head");
	const json_t *inv = json_object_get(p, "inventory");
	char a[32], b[32];

	item(o, RST_MSG_HEAD);
	if (json_is_object(h)) {
		rst_out_printf(o, "%lld ", (long long)rst_jnum(h, "records"));
		label(o, RST_MSG_RECORDS);
		rst_out_raw(o, ", sha256 `");
		md(o, rst_jstr(h, "sha256"));
		rst_out_raw(o, "`");
	} else
		label(o, RST_MSG_NONE);
	rst_out_raw(o, "; ");
	rst_md_anchor(o, p);
	rst_out_raw(o, "\n");
	if (!json_is_object(inv))
		return;
	item(o, RST_MSG_INVENTORY);
	snprintf(a, sizeof(a), "%lld", (long long)rst_jnum(inv, "journaled"));
	snprintf(b, sizeof(b), "%lld", (long long)rst_jnum(inv, "present"));
	sentence(o, RST_MSG_INVENTORY_LINE, 2, a, b);
	inv_ids(o, inv, "missing", RST_MSG_MISSING);
	inv_ids(o, inv, "unjournaled", RST_MSG_UNJOURNALED);
	rst_out_raw(o, "\n");
}

static void
facts(struct rst_out *o, const json_t *p)
{
	const json_t *j = json_object_get(p, "journal");
	const json_t *tg = json_object_get(p, "targets");
	const json_t *g = json_object_get(p, "newest_good_backup");
	const json_t *b = json_object_get(p, "backups");

	item(o, RST_MSG_KEY_FPR);
	md(o, rst_jstr(p, "key_fingerprint"));
	rst_out_raw(o, "\n");
	item(o, RST_MSG_JOURNAL);
	rst_out_printf(o, "%lld ", rst_jint(j, "records"));
	label(o, RST_MSG_RECORDS);
	rst_out_raw(o, ", ");
	label(o, rst_jbool(j, "verified") ? RST_MSG_VERIFIED :
	    RST_MSG_NOT_VERIFIED);
	if (rst_jhas(j, "problem")) {
		rst_out_raw(o, " (");
		md(o, rst_jstr(j, "problem"));
		rst_out_raw(o, ")");
	}
	rst_out_raw(o, "\n");
	head_facts(o, p);
	item(o, RST_MSG_TARGETS);
	label(o, RST_MSG_RPO);
	rst_out_raw(o, " ");
	dur(o, tg, "rpo_seconds");
	rst_out_raw(o, ", ");
	label(o, RST_MSG_RTO);
	rst_out_raw(o, " ");
	dur(o, tg, "rto_seconds");
	rst_out_raw(o, ", ");
	label(o, RST_MSG_DRILL_EVERY);
	rst_out_raw(o, " ");
	dur(o, tg, "drill_interval_seconds");
	rst_out_raw(o, "\n");
	item(o, RST_MSG_NEWEST_BACKUP);
	if (json_is_object(g)) {
		md(o, rst_jstr(g, "ts"));
		rst_out_raw(o, ", ");
		md(o, rst_jstr(g, "snapshot"));
		rst_out_raw(o, ", ");
		size(o, g, "bytes");
		rst_out_raw(o, ", ");
		label(o, RST_MSG_AGE);
		rst_out_raw(o, " ");
		dur(o, g, "age_seconds");
	} else
		label(o, RST_MSG_NONE);
	rst_out_raw(o, "\n");
	counts(o, RST_MSG_BACKUPS, b);
	item(o, RST_MSG_SIZE);
	size(o, b, "bytes");
	rst_out_raw(o, " (");
	label(o, RST_MSG_TOTAL);
	rst_out_raw(o, "), ");
	label(o, RST_MSG_STORED);
	rst_out_raw(o, " ");
	size(o, b, "stored_bytes");
	rst_out_raw(o, "\n");
	counts(o, RST_MSG_DRILLS, json_object_get(p, "drills"));
	counts(o, RST_MSG_VERIFIES, json_object_get(p, "verifies"));
	rst_out_raw(o, "\n");
}

/* A check's output, first line(s) only, for a table cell. */
static void
output(struct rst_out *o, const char *s)
{
	char cut[MD_OUTPUT_MAX + 1];

	snprintf(cut, sizeof(cut), "%s", s);
	rst_out_raw(o, ": ");
	md(o, cut);
	if (strlen(s) > MD_OUTPUT_MAX)
		rst_out_raw(o, "...");
}

static void
checks(struct rst_out *o, const json_t *d)
{
	const json_t *c, *r;
	const char *sep = "";
	size_t i;

	json_array_foreach(json_object_get(d, "checks"), i, c) {
		rst_out_raw(o, sep);
		result(o, rst_jstr(c, "result"));
		rst_out_raw(o, " ");
		md(o, rst_jstr(c, "name"));
		rst_out_raw(o, " (");
		dur(o, c, "seconds");
		rst_out_raw(o, ")");
		if (rst_jstr(c, "output") && (!rst_jstr(c, "result") ||
		    strcmp(rst_jstr(c, "result"), "pass") != 0) &&
		    rst_jstr(c, "output")[0] != '\0')
			output(o, rst_jstr(c, "output"));
		sep = "; ";
	}
	if (rst_jstr(d, "reason_text") != NULL) {
		rst_out_raw(o, sep);
		md(o, rst_jstr(d, "reason_text"));
		sep = " — ";
	}
	json_array_foreach(json_object_get(d, "reasons"), i, r) {
		rst_out_raw(o, sep);
		md(o, json_string_value(r));
		sep = "; ";
	}
}

/* Message m with the number n as {1} (and its plural forms). */
static void
count(struct rst_out *o, enum rst_msg m, long long n)
{
	char num[32], *s;

	snprintf(num, sizeof(num), "%lld", n);
	s = rst_msgf(o->lang, m, 1, num);
	md(o, s != NULL ? s : num);
	free(s);
}

static void
files(struct rst_out *o, const json_t *d)
{
	static const struct { const char *k; enum rst_msg m; } f[] = {
		{ "files_verified", RST_MSG_VERIFIED_FILES },
		{ "missing", RST_MSG_MISSING }, { "changed", RST_MSG_CHANGED },
		{ "extra", RST_MSG_EXTRA },
	};
	size_t i;

	count(o, RST_MSG_N_VERIFIED_FILES, rst_jint(d, "files_verified"));
	for (i = 1; i < sizeof(f) / sizeof(f[0]); i++) {
		if (rst_jnum(d, f[i].k) == 0)
			continue;
		rst_out_printf(o, ", %lld ", rst_jint(d, f[i].k));
		label(o, f[i].m);
	}
}

static void
drills(struct rst_out *o, const json_t *p)
{
	static const enum rst_msg cols[] = { RST_MSG_DATE, RST_MSG_SNAPSHOT,
	    RST_MSG_RESULT, RST_MSG_RTO, RST_MSG_RPO, RST_MSG_FILES,
	    RST_MSG_CHECKS };
	const json_t *items = json_object_get(json_object_get(p, "drills"),
	    "items"), *d;
	size_t i;

	rst_out_raw(o, "### ");
	label(o, RST_MSG_DRILLS);
	rst_out_raw(o, "\n\n");
	if (json_array_size(items) == 0) {
		label(o, RST_MSG_NO_DATA);
		rst_out_raw(o, "\n\n");
		return;
	}
	rst_md_table_head(o, cols, sizeof(cols) / sizeof(cols[0]));
	for (i = json_array_size(items); i-- > 0;) {
		d = json_array_get(items, i);
		rst_out_raw(o, "| ");
		md(o, rst_jstr(d, "ts"));
		rst_out_raw(o, " | ");
		md(o, rst_jstr(d, "snapshot"));
		rst_out_raw(o, " | ");
		result(o, rst_jstr(d, "result"));
		rst_out_raw(o, " | ");
		dur(o, d, "rto_seconds");
		rst_out_raw(o, " / ");
		dur(o, d, "rto_target_seconds");
		rst_out_raw(o, " | ");
		dur(o, d, "rpo_seconds");
		rst_out_raw(o, " | ");
		files(o, d);
		rst_out_raw(o, " | ");
		checks(o, d);
		rst_out_raw(o, " |\n");
	}
	rst_out_raw(o, "\n");
}

static void
retention(struct rst_out *o, const json_t *p)
{
	const json_t *r = json_object_get(p, "retention");

	rst_out_raw(o, "### ");
	label(o, RST_MSG_RETENTION);
	rst_out_raw(o, "\n\n");
	item(o, RST_MSG_LAST_PRUNE);
	if (rst_jhas(r, "last_prune"))
		md(o, rst_jstr(r, "last_prune"));
	else
		label(o, RST_MSG_NO_PRUNE);
	rst_out_raw(o, "\n");
	item(o, RST_MSG_KEPT);
	if (rst_jhas(r, "kept"))
		rst_out_printf(o, "%lld", rst_jint(r, "kept"));
	else
		rst_out_raw(o, "-");
	rst_out_raw(o, "\n");
	item(o, RST_MSG_PRUNED);
	rst_out_printf(o, "%lld\n\n", rst_jint(r, "pruned"));
}

static void
profile(struct rst_out *o, const json_t *p)
{
	rst_out_raw(o, "## ");
	label(o, RST_MSG_PROFILE);
	rst_out_raw(o, ": ");
	md(o, rst_jstr(p, "name"));
	rst_out_raw(o, "\n\n");
	verdict(o, p);
	if (rst_jbool(p, "unreadable")) {
		label(o, RST_MSG_UNREADABLE);
		rst_out_raw(o, " ");
		md(o, rst_jstr(json_object_get(p, "journal"), "problem"));
		rst_out_raw(o, "\n\n");
		return;
	}
	facts(o, p);
	rst_md_config(o, p);
	drills(o, p);
	rst_md_backups(o, p);
	rst_md_rpo(o, p);
	rst_md_exceptions(o, p);
	retention(o, p);
}

static void
footer(struct rst_out *o, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "how_to_check"), *s;
	size_t i;

	if (!json_is_object(h))
		return;
	rst_out_raw(o, "## ");
	label(o, RST_MSG_HOW_TO_VERIFY);
	rst_out_raw(o, "\n\n");
	md(o, rst_jstr(h, "layout"));
	rst_out_raw(o, "\n\n");
	/* Commands are shell text: verbatim in a fence, never escaped. */
	json_array_foreach(json_object_get(h, "steps"), i, s) {
		md(o, rst_jstr(s, "text"));
		rst_out_raw(o, "\n\n```sh\n");
		rst_out_raw(o, rst_jstr(s, "commands"));
		rst_out_raw(o, "```\n\n");
	}
}

int
rst_report_md(const json_t *doc, const struct rst_report_meta *m,
    struct rst_buf *out, struct rst_err *err)
{
	struct rst_out o = { out, m->lang, 0 };
	const json_t *p;
	size_t i;

	rst_md_status(&o, doc);
	integrity(&o, doc);
	header(&o, doc, m);
	summary(&o, doc);
	rst_md_glossary(&o, doc);
	controls(&o, doc);
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		profile(&o, p);
	footer(&o, doc);
	return o.bad ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
