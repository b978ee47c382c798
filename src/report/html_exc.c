/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's exceptions with their follow-up (one table of
 * everything that failed in the period: open or closed, by which record,
 * after how long; security events marked with a symbol and a word), and
 * the operator errors listed apart.  Every row names its journal seq,
 * host and user and, where it has one, the manifest's SHA-256.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "html.h"

static void
th_col(struct rst_out *o, enum rst_msg m)
{
	rst_out_raw(o, "<th scope=\"col\">");
	rst_out_msg(o, m);
	rst_out_raw(o, "</th>");
}

/* A cell that names its column, for the stacked layout of a phone. */
static void
td(struct rst_out *o, enum rst_msg label, const char *cls)
{
	rst_out_raw(o, "<td data-label=\"");
	rst_out_msg(o, label);
	rst_out_raw(o, "\"");
	if (cls != NULL)
		rst_out_printf(o, " class=\"%s\"", cls);
	rst_out_raw(o, ">");
}

static void
cell(struct rst_out *o, enum rst_msg label, const char *s)
{
	td(o, label, NULL);
	rst_out_html(o, s);
	rst_out_raw(o, "</td>");
}

static void
reasons(struct rst_out *o, const json_t *x)
{
	td(o, RST_MSG_REASONS, NULL);
	rst_html_cause(o, x);
	rst_out_raw(o, "</td>");
}

static void
what(struct rst_out *o, const json_t *x)
{
	td(o, RST_MSG_KIND, NULL);
	if (strcmp(rst_jstr(x, "kind") ? rst_jstr(x, "kind") : "", "rpo") == 0)
		rst_out_msg(o, RST_MSG_X_RPO);
	else
		rst_html_kind(o, rst_jstr(x, "kind"));
	if (rst_jbool(x, "security")) {
		rst_out_raw(o, "<br><span class=\"pill fail sec\">&#9888; ");
		rst_out_msg(o, RST_MSG_SECURITY_EVENT);
		rst_out_raw(o, "</span>");
	}
	if (json_is_false(json_object_get(x, "completed"))) {
		rst_out_raw(o, "<br>");
		rst_out_msg(o, RST_MSG_NOT_COMPLETED);
	}
	if (rst_jhas(x, "exit")) {
		rst_out_raw(o, "<br>");
		rst_out_msg(o, RST_MSG_EXIT);
		rst_out_printf(o, " %lld", rst_jint(x, "exit"));
	}
	rst_out_raw(o, "</td>");
}

static void
ids(struct rst_out *o, const json_t *x)
{
	td(o, RST_MSG_SNAPSHOT, "ids");
	if (rst_jhas(x, "end")) {
		rst_out_raw(o, "&#8594; ");
		rst_out_html(o, rst_jstr(x, "end"));
	}
	if (rst_jhas(x, "snapshot")) {
		rst_out_raw(o, "<code>");
		rst_out_html(o, rst_jstr(x, "snapshot"));
		rst_out_raw(o, "</code>");
	}
	if (rst_jhas(x, "manifest_sha256")) {
		rst_out_raw(o, "<br>");
		rst_out_msg(o, RST_MSG_MANIFEST_SHA);
		rst_out_raw(o, ": <code>");
		rst_out_html(o, rst_jstr(x, "manifest_sha256"));
		rst_out_raw(o, "</code>");
	}
	rst_out_raw(o, "</td>");
}

static void
status(struct rst_out *o, const json_t *x)
{
	const json_t *by = json_object_get(x, "closed_by");
	bool open = strcmp(rst_jstr(x, "status") ? rst_jstr(x, "status") : "",
	    "closed") != 0;

	td(o, RST_MSG_EXC_STATUS, NULL);
	rst_out_printf(o, "<span class=\"pill %s\">", open ? "fail" :
	    "pass");
	rst_out_msg(o, open ? RST_MSG_EXC_OPEN : RST_MSG_EXC_CLOSED);
	rst_out_raw(o, "</span></td>");
	td(o, RST_MSG_EXC_CLOSED_BY, NULL);
	if (json_is_object(by)) {
		rst_out_printf(o, "seq %lld ", rst_jint(by, "seq"));
		rst_html_kind(o, rst_jstr(by, "kind"));
		rst_out_raw(o, "<br>");
		rst_out_html(o, rst_jstr(by, "ts"));
	} else
		rst_out_raw(o, "&#8211;");
	rst_out_raw(o, "</td>");
	td(o, RST_MSG_EXC_TTR, "num");
	rst_html_dur(o, x, "remediation_seconds");
	rst_out_raw(o, "</td>");
}

static void
seq_cell(struct rst_out *o, const json_t *x)
{
	td(o, RST_MSG_SEQ, "num");
	if (rst_jhas(x, "seq"))
		rst_out_printf(o, "%lld</td>", rst_jint(x, "seq"));
	else
		rst_out_raw(o, "&#8211;</td>");
}

/* The cells every row starts with: when, which record, what, who. */
static void
who(struct rst_out *o, const json_t *x)
{
	td(o, RST_MSG_DATE, "ts");
	rst_out_html(o, rst_jstr(x, "ts"));
	rst_out_raw(o, "</td>");
	seq_cell(o, x);
	what(o, x);
	cell(o, RST_MSG_HOST, rst_jstr(x, "host"));
	cell(o, RST_MSG_USER, rst_jstr(x, "user"));
}

static void
head(struct rst_out *o, enum rst_msg caption, bool follow_up)
{
	rst_out_raw(o, "<div class=\"scroll\"><table class=\"stack\">"
	    "<caption>");
	rst_out_msg(o, caption);
	rst_out_raw(o, "</caption><thead><tr>");
	th_col(o, RST_MSG_DATE);
	th_col(o, RST_MSG_SEQ);
	th_col(o, RST_MSG_KIND);
	th_col(o, RST_MSG_HOST);
	th_col(o, RST_MSG_USER);
	if (follow_up) {
		th_col(o, RST_MSG_SNAPSHOT);
		th_col(o, RST_MSG_EXC_STATUS);
		th_col(o, RST_MSG_EXC_CLOSED_BY);
		th_col(o, RST_MSG_EXC_TTR);
	}
	th_col(o, RST_MSG_REASONS);
	rst_out_raw(o, "</tr></thead><tbody>");
}

static void
operator_errors(struct rst_out *o, const json_t *p)
{
	const json_t *ops = json_object_get(p, "operator_errors"), *x;
	size_t i;

	if (json_array_size(ops) == 0)
		return;
	rst_out_raw(o, "<div class=\"keep\"><h3>");
	rst_out_msg(o, RST_MSG_OPERATOR_ERRORS);
	rst_out_raw(o, "</h3><p>");
	rst_out_msg(o, RST_MSG_OPERATOR_NOTE);
	rst_out_raw(o, "</p></div>");
	head(o, RST_MSG_OPERATOR_ERRORS, false);
	json_array_foreach(ops, i, x) {
		rst_out_raw(o, "<tr>");
		who(o, x);
		reasons(o, x);
		rst_out_raw(o, "</tr>");
	}
	rst_out_raw(o, "</tbody></table></div>\n");
}

void
rst_html_exceptions(struct rst_out *o, const json_t *p)
{
	const json_t *xs = json_object_get(p, "incidents"), *x;
	size_t i;

	rst_out_raw(o, "<div class=\"keep\"><h3>");
	rst_out_msg(o, RST_MSG_EXCEPTIONS);
	rst_out_raw(o, "</h3>");
	if (json_array_size(xs) == 0) {
		rst_out_raw(o, "<p>");
		rst_out_msg(o, RST_MSG_EXC_NONE);
		rst_out_raw(o, "</p></div>\n");
		operator_errors(o, p);
		return;
	}
	rst_out_raw(o, "<p>");
	rst_out_msg(o, RST_MSG_SECURITY_NOTE);
	rst_out_raw(o, "</p></div>");
	head(o, RST_MSG_EXCEPTIONS, true);
	json_array_foreach(xs, i, x) {
		rst_out_printf(o, "<tr%s>", rst_jbool(x, "security") ?
		    " class=\"security\"" : "");
		who(o, x);
		ids(o, x);
		status(o, x);
		reasons(o, x);
		rst_out_raw(o, "</tr>");
	}
	rst_out_raw(o, "</tbody></table></div>\n");
	operator_errors(o, p);
}
