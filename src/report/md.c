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
#include "sections.h"

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
	rst_sect_sentence(o, m, n, a, b);
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
	rst_sect_dur(o, obj, key);
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
	rst_out_raw(o, "## ");
	label(o, RST_MSG_CONTROLS);
	rst_out_raw(o, "\n\n");
	rst_sect_controls(o, doc);
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

static void
pill(struct rst_out *o, const char *r)
{
	result(o, r);
}

/* A command has no backquote: the report quotes no such path. */
static void
cmd(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "`");
	rst_out_raw(o, s != NULL && strpbrk(s, "`\r\n") == NULL ? s : "?");
	rst_out_raw(o, "`");
}

/* A digest (hex: nothing to escape) as a code span. */
static void
hash(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "`");
	md(o, s);
	rst_out_raw(o, "`");
}

static void
ids(struct rst_out *o, enum rst_msg m, const json_t *a)
{
	const json_t *id;
	size_t i;

	json_array_foreach(a, i, id) {
		rst_out_raw(o, i == 0 ? "; " : ", ");
		if (i == 0) {
			label(o, m);
			rst_out_raw(o, ": ");
		}
		md(o, json_string_value(id));
	}
}

static void
flag(struct rst_out *o, bool good, enum rst_msg m)
{
	rst_out_raw(o, good ? "" : "**");
	label(o, m);
	rst_out_raw(o, good ? "" : "**");
}

static void
heading(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "### ");
	label(o, m);
	rst_out_raw(o, "\n\n");
}

static void
nothing(struct rst_out *o, const char *cls)
{
	(void)o;
	(void)cls;
}

static void
facts_start(struct rst_out *o, enum rst_msg m, bool hidden, const char *cls)
{
	(void)o;
	(void)m;
	(void)hidden;
	(void)cls;
}

static void
fact(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "- **");
	label(o, m);
	rst_out_raw(o, ":** ");
}

static void
line(struct rst_out *o, const char *id)
{
	(void)o;
	(void)id;
}

static void
item(struct rst_out *o, enum rst_msg m, int n)
{
	(void)n;
	fact(o, m);
}

/* The caption is the section's heading: not repeated. */
static void
thead(struct rst_out *o, enum rst_msg m, bool hidden,
    const struct rst_col *cols, size_t n)
{
	size_t i;

	(void)m;
	(void)hidden;
	for (i = 0; i < n; i++) {
		rst_out_raw(o, "| ");
		label(o, cols[i].label);
		if (cols[i].per_too) {
			rst_out_raw(o, " / ");
			label(o, cols[i].per);
		}
		rst_out_raw(o, " ");
	}
	rst_out_raw(o, "|\n");
	for (i = 0; i < n; i++)
		rst_out_raw(o, "|---");
	rst_out_raw(o, "|\n");
}

static void
cell(struct rst_out *o, size_t i, const char *cls)
{
	(void)cls;
	rst_out_raw(o, i == 0 ? "| " : " | ");
}

const struct rst_mk rst_mk_md = {
	.text = rst_out_md,
	.code = rst_out_md,
	.hash = hash,
	.strong = rst_out_md,
	.ids = ids,
	.pill = pill,
	.flag = flag,
	.dash = "-",
	.dot = ", ",
	.semi = "; ",
	.br = "; ",
	.warn = "",
	.heading = heading,
	.para = nothing,
	.para_end = "\n\n",
	.facts = facts_start,
	.facts_end = "\n",
	.fact = fact,
	.fact_end = "\n",
	.thead = thead,
	.cell = cell,
	.row_end = " |\n",
	.table_end = "\n",
	.title = "# ",
	.title_end = "\n\n",
	.line = line,
	.item = item,
	.item_end = "\n",
	.line_end = "",
	.lines_end = "\n",
	.head_end = "",
	.id = rst_out_md,
	.aside = " - ",
	.checks = checks,
	.cmd = cmd,
};

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
	rst_sect_facts(o, p);
	rst_out_raw(o, "### ");
	label(o, RST_MSG_CONFIGURATION);
	rst_out_raw(o, "\n\n");
	rst_sect_evidence(o, p);
	rst_sect_config(o, p);
	rst_sect_drills(o, p);
	rst_sect_backups(o, p);
	rst_md_rpo(o, p);
	rst_md_exceptions(o, p);
	rst_sect_retention(o, p);
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
	struct rst_out o = { out, m->lang, 0, &rst_mk_md };
	const json_t *p;
	size_t i;

	rst_md_status(&o, doc);
	integrity(&o, doc);
	rst_sect_header(&o, doc, m);
	summary(&o, doc);
	rst_md_glossary(&o, doc);
	controls(&o, doc);
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		profile(&o, p);
	footer(&o, doc);
	return o.bad ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
