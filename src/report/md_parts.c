/* SPDX-License-Identifier: ISC */
/*
 * The Markdown report's sections that md.c does not hold (see md.h).
 * Every text goes through the Markdown escaper, labels included.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "md.h"
#include "sections.h"

static void
label(struct rst_out *o, enum rst_msg m)
{
	rst_out_md(o, rst_msg(o->lang, m));
}

/* The level as a word in brackets, so it reads without colour. */
void
rst_md_status(struct rst_out *o, const json_t *doc)
{
	const json_t *st = json_object_get(doc, "status");
	const char *lv = rst_jstr(st, "level");

	rst_out_raw(o, "> **");
	rst_out_raw(o, lv == NULL ? "[RED]" : strcmp(lv, "green") == 0 ?
	    "[GREEN]" : strcmp(lv, "amber") == 0 ? "[AMBER]" : "[RED]");
	rst_out_raw(o, " ");
	rst_out_md(o, rst_jstr(st, "text"));
	rst_out_raw(o, "**\n\n");
}

void
rst_md_glossary(struct rst_out *o, const json_t *doc)
{
	const json_t *g;
	size_t i;

	rst_out_raw(o, "## ");
	label(o, RST_MSG_GLOSSARY);
	rst_out_raw(o, "\n\n");
	json_array_foreach(json_object_get(doc, "glossary"), i, g) {
		rst_out_raw(o, "- **");
		rst_out_md(o, rst_jstr(g, "term"));
		rst_out_raw(o, ":** ");
		rst_out_md(o, rst_jstr(g, "text"));
		rst_out_raw(o, "\n");
	}
	rst_out_raw(o, "\n");
}

void
rst_md_table_head(struct rst_out *o, const enum rst_msg *cols, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rst_out_raw(o, "| ");
		label(o, cols[i]);
		rst_out_raw(o, " ");
	}
	rst_out_raw(o, "|\n");
	for (i = 0; i < n; i++)
		rst_out_raw(o, "|---");
	rst_out_raw(o, "|\n");
}

void
rst_md_rpo(struct rst_out *o, const json_t *p)
{
	const json_t *rp = json_object_get(p, "rpo_period");

	if (!json_is_object(rp))
		return;
	rst_out_raw(o, "### ");
	label(o, RST_MSG_RPO_PERIOD);
	rst_out_raw(o, "\n\n");
	rst_sect_rpo_share(o, rp);
	rst_sect_rpo_text(o, rp);
	rst_sect_rpo_over(o, rp);
	rst_sect_missed(o, rp);
}

static void
exc_kind(struct rst_out *o, const json_t *x)
{
	enum rst_msg m;
	const char *k = rst_jstr(x, "kind");

	if (k != NULL && strcmp(k, "rpo") == 0)
		label(o, RST_MSG_X_RPO);
	else if (rst_msg_kind(k, &m) == 0)
		label(o, m);
	else
		rst_out_md(o, k);
	if (rst_jbool(x, "security")) {
		rst_out_raw(o, " **");
		label(o, RST_MSG_SECURITY_EVENT);
		rst_out_raw(o, "**");
	}
	if (json_is_false(json_object_get(x, "completed"))) {
		rst_out_raw(o, ", ");
		label(o, RST_MSG_NOT_COMPLETED);
	}
	if (rst_jhas(x, "exit")) {
		rst_out_raw(o, " (");
		label(o, RST_MSG_EXIT);
		rst_out_printf(o, " %lld)", rst_jint(x, "exit"));
	}
}

static void
exc_row(struct rst_out *o, const json_t *x, bool follow)
{
	const json_t *by = json_object_get(x, "closed_by"), *r;
	size_t i;

	rst_out_raw(o, "| ");
	rst_out_md(o, rst_jstr(x, "ts"));
	rst_out_raw(o, " | ");
	if (rst_jhas(x, "seq"))
		rst_out_printf(o, "%lld", rst_jint(x, "seq"));
	rst_out_raw(o, " | ");
	exc_kind(o, x);
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_jstr(x, "host"));
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_jstr(x, "user"));
	if (follow) {
		rst_out_raw(o, " | ");
		rst_out_md(o, rst_jstr(x, "snapshot"));
		if (rst_jhas(x, "manifest_sha256")) {
			rst_out_raw(o, " ");
			rst_out_md(o, rst_jstr(x, "manifest_sha256"));
		}
		rst_out_raw(o, " | ");
		label(o, json_is_object(by) ? RST_MSG_EXC_CLOSED :
		    RST_MSG_EXC_OPEN);
		rst_out_raw(o, " | ");
		if (json_is_object(by)) {
			rst_out_printf(o, "seq %lld, ", rst_jint(by, "seq"));
			rst_out_md(o, rst_jstr(by, "ts"));
		}
		rst_out_raw(o, " | ");
		if (rst_jhas(x, "remediation_seconds"))
			rst_sect_dur(o, x, "remediation_seconds");
	}
	rst_out_raw(o, " | ");
	if (rst_jstr(x, "reason_text") != NULL)
		rst_out_md(o, rst_jstr(x, "reason_text"));
	json_array_foreach(json_object_get(x, "reasons"), i, r) {
		rst_out_raw(o, i ? "; " : rst_jstr(x, "reason_text") ?
		    " — " : "");
		rst_out_md(o, json_string_value(r));
	}
	rst_out_raw(o, " |\n");
}

void
rst_md_exceptions(struct rst_out *o, const json_t *p)
{
	static const enum rst_msg cols[] = { RST_MSG_DATE, RST_MSG_SEQ,
	    RST_MSG_KIND, RST_MSG_HOST, RST_MSG_USER, RST_MSG_SNAPSHOT,
	    RST_MSG_EXC_STATUS, RST_MSG_EXC_CLOSED_BY, RST_MSG_EXC_TTR,
	    RST_MSG_REASONS };
	static const enum rst_msg ocols[] = { RST_MSG_DATE, RST_MSG_SEQ,
	    RST_MSG_KIND, RST_MSG_HOST, RST_MSG_USER, RST_MSG_REASONS };
	const json_t *xs = json_object_get(p, "incidents"), *x;
	const json_t *ops = json_object_get(p, "operator_errors");
	size_t i;

	rst_out_raw(o, "### ");
	label(o, RST_MSG_EXCEPTIONS);
	rst_out_raw(o, "\n\n");
	if (json_array_size(xs) == 0) {
		label(o, RST_MSG_EXC_NONE);
		rst_out_raw(o, "\n");
	} else {
		label(o, RST_MSG_SECURITY_NOTE);
		rst_out_raw(o, "\n\n");
		rst_md_table_head(o, cols, sizeof(cols) / sizeof(cols[0]));
		json_array_foreach(xs, i, x)
			exc_row(o, x, true);
	}
	rst_out_raw(o, "\n");
	if (json_array_size(ops) == 0)
		return;
	rst_out_raw(o, "### ");
	label(o, RST_MSG_OPERATOR_ERRORS);
	rst_out_raw(o, "\n\n");
	label(o, RST_MSG_OPERATOR_NOTE);
	rst_out_raw(o, "\n\n");
	rst_md_table_head(o, ocols, sizeof(ocols) / sizeof(ocols[0]));
	json_array_foreach(ops, i, x)
		exc_row(o, x, false);
	rst_out_raw(o, "\n");
}
