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
rst_md_report_id(struct rst_out *o, const struct rst_report_meta *m)
{
	if (m->report_id == NULL)
		return;
	rst_out_raw(o, "- **");
	label(o, RST_MSG_REPORT_ID);
	rst_out_raw(o, ":** ");
	rst_out_md(o, m->report_id);
	rst_out_raw(o, " (");
	label(o, RST_MSG_REPORT_ID_NOTE);
	rst_out_raw(o, ")\n");
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
