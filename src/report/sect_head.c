/* SPDX-License-Identifier: ISC */
/*
 * The report's header, once for every format (see sections.h): the
 * title, the period, when and by what it was made, the scope (the
 * repository or host, the profiles in and left out, for a fleet the
 * journals found and named), the signing key and the report id.  HTML
 * shows each group of facts on one line, Markdown one fact per list item.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "sections.h"

void
rst_sect_names(struct rst_out *o, const json_t *a, enum rst_msg empty,
    enum rst_wrap w)
{
	const json_t *v;
	size_t i;

	if (json_array_size(a) == 0)
		rst_sect_label(o, empty);
	json_array_foreach(a, i, v) {
		if (i > 0)
			rst_out_raw(o, ", ");
		rst_sect_wrap(o, w, json_string_value(v));
	}
}

/* Item n of a line: its label (after a separator unless n is 0). */
static void
item(struct rst_out *o, enum rst_msg label, int *n)
{
	rst_out_raw(o, (*n)++ > 0 ? RST_MKS(o, ITEM_SEP) : "");
	rst_out_raw(o, RST_MKS(o, ITEM));
	rst_sect_label(o, label);
	rst_out_raw(o, RST_MKS(o, ITEM_MID));
}

static void
text_item(struct rst_out *o, enum rst_msg label, int *n, const char *s)
{
	item(o, label, n);
	o->mk->text(o, s);
	rst_out_raw(o, RST_MKS(o, ITEM_END));
}

/* What the report covers; the separator after it only when it says so. */
static int
scope_what(struct rst_out *o, const json_t *sc)
{
	const char *repo = rst_jstr(sc, "repository");
	bool named = rst_jhas(sc, "named");

	if (repo != NULL && !named)
		rst_sect_sentence(o, RST_MSG_SCOPE_FLEET, 1, repo, NULL);
	else if (repo != NULL) {
		rst_sect_label(o, RST_MSG_C_REPOSITORY);
		rst_out_raw(o, " ");
		o->mk->text(o, repo);
	} else if (!named)
		rst_sect_label(o, RST_MSG_SCOPE_LOCAL);
	rst_out_raw(o, RST_MKS(o, ITEM_END));
	return repo != NULL || !named;
}

static void
names_item(struct rst_out *o, const json_t *sc, enum rst_msg label,
    const char *key, enum rst_msg empty, int *n)
{
	item(o, label, n);
	rst_sect_names(o, json_object_get(sc, key), empty,
	    RST_W_TEXT);
	rst_out_raw(o, RST_MKS(o, ITEM_END));
}

static void
scope(struct rst_out *o, const json_t *doc)
{
	const json_t *sc = json_object_get(doc, "scope");
	int n = 0;

	RST_MK(o, line, "scope");
	item(o, RST_MSG_SCOPE, &n);
	n = scope_what(o, sc);
	text_item(o, RST_MSG_HOST, &n, rst_jstr(sc, "host"));
	names_item(o, sc, RST_MSG_SCOPE_PROFILES, "profiles", RST_MSG_NONE,
	    &n);
	if (rst_jhas(sc, "found")) {
		names_item(o, sc, RST_MSG_SCOPE_FOUND, "found", RST_MSG_NONE,
		    &n);
		names_item(o, sc, RST_MSG_SCOPE_NAMED, "named",
		    RST_MSG_SCOPE_ALL, &n);
	} else
		names_item(o, sc, RST_MSG_SCOPE_LEFT_OUT, "left_out",
		    RST_MSG_NONE, &n);
	rst_out_raw(o, RST_MKS(o, LINE_END));
}

void
rst_sect_header(struct rst_out *o, const json_t *doc,
    const struct rst_report_meta *m)
{
	const json_t *per = json_object_get(doc, "period");
	int n = 0;

	rst_out_raw(o, RST_MKS(o, TITLE));
	rst_sect_label(o, RST_MSG_TITLE);
	rst_out_raw(o, RST_MKS(o, TITLE_END));
	RST_MK(o, line, NULL);
	item(o, RST_MSG_PERIOD, &n);
	o->mk->text(o, rst_jstr(per, "since"));
	rst_out_printf(o, " %s ", RST_MKS(o, DASH));
	o->mk->text(o, rst_jstr(per, "until"));
	rst_out_raw(o, RST_MKS(o, ITEM_END));
	text_item(o, RST_MSG_GENERATED, &n, rst_jstr(doc, "generated"));
	text_item(o, RST_MSG_TOOL, &n, rst_jstr(doc, "tool"));
	rst_out_raw(o, RST_MKS(o, LINE_END));
	scope(o, doc);
	rst_out_raw(o, RST_MKS(o, LINES_END));
	RST_MK(o, para, "meta");
	if (m->key_fpr != NULL)
		rst_sect_sentence(o, RST_MSG_SIGNED_BY, 1, m->key_fpr, NULL);
	else
		rst_sect_label(o, RST_MSG_UNSIGNED);
	rst_out_raw(o, RST_MKS(o, PARA_END));
	if (m->report_id != NULL) {
		n = 0;
		RST_MK(o, line, NULL);
		item(o, RST_MSG_REPORT_ID, &n);
		rst_sect_wrap(o, RST_W_ID, m->report_id);
		rst_out_raw(o, RST_MKS(o, ASIDE));
		rst_sect_label(o, RST_MSG_REPORT_ID_NOTE);
		rst_out_raw(o, RST_MKS(o, ITEM_END));
		rst_out_raw(o, RST_MKS(o, LINE_END));
		rst_out_raw(o, "\n");
	}
	rst_out_raw(o, RST_MKS(o, HEAD_END));
}
