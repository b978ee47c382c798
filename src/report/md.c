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

/* The reason in the report's language — the journal's sentences. */
static void
cause(struct rst_out *o, const json_t *x)
{
	const json_t *r;
	size_t i;

	if (rst_jstr(x, "reason_text") != NULL)
		md(o, rst_jstr(x, "reason_text"));
	json_array_foreach(json_object_get(x, "reasons"), i, r) {
		rst_out_raw(o, i > 0 ? "; " : rst_jstr(x, "reason_text") ?
		    " — " : "");
		md(o, json_string_value(r));
	}
}

static void
pill(struct rst_out *o, const char *r)
{
	result(o, r);
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
cell(struct rst_out *o, size_t i, const char *cls,
    const struct rst_col *named)
{
	(void)cls;
	(void)named;
	rst_out_raw(o, i == 0 ? "| " : " | ");
}

/* The level as a word in brackets, so it reads without colour. */
static void
status(struct rst_out *o, const char *level)
{
	rst_out_raw(o, strcmp(level, "green") == 0 ? "> **[GREEN] " :
	    strcmp(level, "amber") == 0 ? "> **[AMBER] " : "> **[RED] ");
}

static void
banner(struct rst_out *o, const char *cls, enum rst_msg m)
{
	(void)cls;
	rst_out_raw(o, "## ");
	label(o, m);
	rst_out_raw(o, "\n\n> **");
}

static void
verdict(struct rst_out *o, bool yes)
{
	(void)yes;
	rst_out_raw(o, "**");
}

static void
point(struct rst_out *o, enum rst_point pt, const char *text)
{
	rst_out_raw(o, pt == RST_POINT_OK ? "- " : pt == RST_POINT_BAD ?
	    "- **" : "- ! ");
	md(o, text);
	rst_out_raw(o, pt == RST_POINT_BAD ? "**\n" : "\n");
}

const struct rst_mk rst_mk_md = {
	.col = RST_MK_MD,
	.text = rst_out_md,
	.ids = ids,
	.pill = pill,
	.flag = flag,
	.lead = rst_sect_heading,
	.cell = cell,
	.status = status,
	.banner = banner,
	.verdict = verdict,
	.point = point,
	.ref = rst_out_md,
	.cause = cause,
	.output = output,
};

int
rst_report_md(const json_t *doc, const struct rst_report_meta *m,
    struct rst_buf *out, struct rst_err *err)
{
	struct rst_out o = { out, m->lang, 0, &rst_mk_md };

	rst_sect_document(&o, doc, m);
	return o.bad ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
