/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's fragments (see html.h): result pills, durations,
 * sizes, a drill's checks with their output, an item's reasons; and the
 * HTML markup the shared sections are written with (rst_mk_html, see
 * sections.h).  All free text is escaped here.
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
	rst_sect_dur(o, obj, key);
}

void
rst_html_size(struct rst_out *o, const json_t *obj, const char *key)
{
	rst_sect_size(o, obj, key);
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
	rst_sect_sentence(o, m, n, a, b);
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
	rst_sect_count(o, m, n);
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

/* A drill's checks as a list, each with its output unless it passed. */
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
code(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<code>");
	rst_out_html(o, s);
	rst_out_raw(o, "</code>");
}

static void
strong(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<strong>");
	rst_out_html(o, s);
	rst_out_raw(o, "</strong>");
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
heading(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "<h3>");
	rst_out_msg(o, m);
	rst_out_raw(o, "</h3>");
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
fact(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "<tr><th scope=\"row\">");
	rst_out_msg(o, m);
	rst_out_raw(o, "</th><td>");
}

static void
thead(struct rst_out *o, enum rst_msg m, bool hidden,
    const struct rst_col *cols, size_t n)
{
	size_t i;

	rst_out_raw(o, "<div class=\"scroll\"><table>");
	caption(o, m, hidden);
	rst_out_raw(o, "<thead><tr>");
	for (i = 0; i < n; i++) {
		rst_out_raw(o, "<th scope=\"col\">");
		rst_out_msg(o, cols[i].label);
		if (cols[i].per_too) {
			rst_out_raw(o, " / ");
			rst_out_msg(o, cols[i].per);
		}
		rst_out_raw(o, "</th>");
	}
	rst_out_raw(o, "</tr></thead><tbody>");
}

static void
line(struct rst_out *o, const char *id)
{
	if (id != NULL)
		rst_out_printf(o, "<p class=\"meta\" id=\"%s\">", id);
	else
		rst_out_raw(o, "<p class=\"meta\">");
}

static void
item(struct rst_out *o, enum rst_msg m, int n)
{
	if (n > 0)
		rst_out_raw(o, " &#183; ");
	rst_out_raw(o, "<strong>");
	rst_out_msg(o, m);
	rst_out_raw(o, ":</strong> ");
}

static void
id(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<code class=\"id\">");
	rst_out_html(o, s);
	rst_out_raw(o, "</code>");
}

static void
cmd(struct rst_out *o, const char *s)
{
	rst_out_raw(o, "<code class=\"cmd\">");
	rst_out_html(o, s);
	rst_out_raw(o, "</code>");
}

static void
cell(struct rst_out *o, size_t i, const char *cls)
{
	rst_out_raw(o, i == 0 ? "<tr>" : "</td>");
	if (cls != NULL)
		rst_out_printf(o, "<td class=\"%s\">", cls);
	else
		rst_out_raw(o, "<td>");
}

const struct rst_mk rst_mk_html = {
	.text = rst_out_html,
	.code = code,
	.hash = code,
	.strong = strong,
	.ids = ids,
	.pill = rst_html_pill,
	.flag = flag,
	.dash = "&#8211;",
	.dot = " &#183; ",
	.semi = " &#183; ",
	.br = "<br>",
	.warn = "&#9888; ",
	.heading = heading,
	.para = para,
	.para_end = "</p>",
	.facts = facts,
	.facts_end = "</table></div>\n",
	.fact = fact,
	.fact_end = "</td></tr>",
	.thead = thead,
	.cell = cell,
	.row_end = "</td></tr>",
	.table_end = "</tbody></table></div>\n",
	.title = "<header><h1>",
	.title_end = "</h1>",
	.line = line,
	.item = item,
	.item_end = "",
	.line_end = "</p>",
	.lines_end = "",
	.head_end = "</header>\n",
	.id = id,
	.aside = " &#8212; ",
	.checks = check_cell,
	.cmd = cmd,
};
