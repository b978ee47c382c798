/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's fragments (see html.h): result pills, a check's
 * output, an item's reasons, and the other hooks of the HTML markup the
 * shared document is written with (rst_mk_html, see sections.h; its
 * strings are the HTML column of markup.c).  All free text is escaped.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "html.h"
#include "sections.h"

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
output(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<pre>");
	rst_out_html(o, s);
	rst_out_raw(o, "</pre>");
}

static void
code(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<code>");
	rst_out_html(o, s);
	rst_out_raw(o, "</code>");
}

static void
ids(struct rst_out *o, enum rst_msg m, const json_t *a)
{
	const json_t *id;
	size_t i;

	json_array_foreach(a, i, id) {
		rst_out_raw(o, "<br>");
		rst_out_msg(o, m);
		rst_out_raw(o, ": ");
		code(o, json_string_value(id));
	}
}

static void
flag(struct rst_out *o, bool good, enum rst_msg m)
{
	rst_out_printf(o, "<span class=\"pill %s\">", good ? "pass" : "fail");
	rst_out_msg(o, m);
	rst_out_raw(o, "</span>");
}

static void
para(struct rst_out *o, const char *cls)
{
	if (cls != NULL)
		rst_out_printf(o, "<p class=\"%s\">", cls);
	else
		rst_out_raw(o, "<p>");
}

static void
caption(struct rst_out *o, enum rst_msg m, bool hidden)
{
	rst_out_raw(o, hidden ? "<caption class=\"cap\">" : "<caption>");
	rst_out_msg(o, m);
	rst_out_raw(o, "</caption>");
}

static void
facts(struct rst_out *o, enum rst_msg m, bool hidden, const char *cls)
{
	rst_out_printf(o, "<div class=\"scroll\"><table class=\"%s\">", cls);
	caption(o, m, hidden);
}

static void
table(struct rst_out *o, enum rst_msg m, bool hidden, bool stack)
{
	rst_out_raw(o, stack ? "<div class=\"scroll\"><table class=\"stack\">" :
	    "<div class=\"scroll\"><table>");
	caption(o, m, hidden);
	rst_out_raw(o, "<thead><tr>");
}

static void
row(struct rst_out *o, bool marked)
{
	rst_out_raw(o, marked ? "<tr class=\"security\">" : "<tr>");
}

static void
line(struct rst_out *o, const char *id)
{
	if (id != NULL)
		rst_out_printf(o, "<p class=\"meta\" id=\"%s\">", id);
	else
		rst_out_raw(o, "<p class=\"meta\">");
}

/* Each part's start; a profile's id is its name ("#p-NAME"). */
static void
part(struct rst_out *o, enum rst_part pt, const char *name)
{
	static const char *const ids[RST_PART_COUNT] = {
		[RST_PART_INTEGRITY] = "integrity",
		[RST_PART_SUMMARY] = "summary",
		[RST_PART_GLOSSARY] = "glossary",
		[RST_PART_CONTROLS] = "controls",
	};

	if (pt == RST_PART_FOOTER)
		rst_out_raw(o, "<footer>");
	else if (pt == RST_PART_PROFILE) {
		rst_out_raw(o, "<section class=\"profile\" id=\"p-");
		rst_out_html(o, name);
		rst_out_raw(o, "\">");
	} else
		rst_out_printf(o, "<section id=\"%s\">", ids[pt]);
}

/* "&#10004; READY ..." : the symbol and the CSS class of each level. */
static void
status(struct rst_out *o, const char *level)
{
	static const struct {
		const char	*level, *cls, *symbol;
	} levels[] = {
		{ "green", "ok", "&#10004;" },
		{ "amber", "warn", "&#9650;" },
		{ "red", "bad", "&#10006;" },
	};
	size_t i, k = 2;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(level, levels[i].level) == 0)
			k = i;
	rst_out_printf(o, "<section id=\"status\"><div class=\"banner status "
	    "%s\" role=\"status\" data-level=\"%s\"><span class=\"symbol\" "
	    "aria-hidden=\"true\">%s</span> ", levels[k].cls,
	    levels[k].level, levels[k].symbol);
}

/* The caption is the banner's table's: not repeated. */
static void
banner(struct rst_out *o, const char *cls, enum rst_msg m)
{
	(void)m;
	rst_out_printf(o, "<div class=\"banner %s\"%s><p>", cls,
	    strcmp(cls, "ok") == 0 ? "" : " role=\"alert\"");
}

static void
verdict(struct rst_out *o, bool yes)
{
	rst_out_printf(o, "<div class=\"verdict %s\"><strong>",
	    yes ? "yes" : "no");
}

static void
point(struct rst_out *o, enum rst_point pt, const char *text)
{
	rst_out_raw(o, pt == RST_POINT_OK ? "<li class=\"ok\">" :
	    pt == RST_POINT_BAD ? "<li class=\"bad\">" :
	    "<li class=\"bad\">! ");
	rst_out_html(o, text);
	rst_out_raw(o, "</li>");
}

static void
ref(struct rst_out *o, const char *name)
{
	rst_out_raw(o, "<a href=\"#p-");
	rst_out_html(o, name);
	rst_out_raw(o, "\">");
	rst_out_html(o, name);
	rst_out_raw(o, "</a>");
}

/* A cell of a stacked table names its column, for a phone. */
static void
cell(struct rst_out *o, size_t i, const char *cls,
    const struct rst_col *named)
{
	rst_out_raw(o, i == 0 ? "<td" : "</td><td");
	if (named != NULL) {
		rst_out_raw(o, " data-label=\"");
		rst_out_msg(o, named->label);
		rst_out_raw(o, "\"");
	}
	if (cls != NULL)
		rst_out_printf(o, " class=\"%s\"", cls);
	rst_out_raw(o, ">");
}

const struct rst_mk rst_mk_html = {
	.col = RST_MK_HTML,
	.text = rst_out_html,
	.ids = ids,
	.pill = rst_html_pill,
	.flag = flag,
	.para = para,
	.facts = facts,
	.table = table,
	.row = row,
	.cell = cell,
	.line = line,
	.part = part,
	.status = status,
	.banner = banner,
	.verdict = verdict,
	.point = point,
	.ref = ref,
	.figure = rst_html_figure,
	.charts = rst_html_charts,
	.cause = rst_html_cause,
	.output = output,
};
