/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's first block and its page furniture: the status box
 * (green, amber or red, with a symbol and a word so that colour is never
 * the only signal), the glossary, and the print rules that
 * put the report id, the period and the page number on every printed
 * page.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "html.h"

/* "&#10004; READY ..." : the symbol and the CSS class of each level. */
static const struct {
	const char	*level, *cls, *symbol;
} levels[] = {
	{ "green", "ok", "&#10004;" },
	{ "amber", "warn", "&#9650;" },
	{ "red", "bad", "&#10006;" },
};

void
rst_html_status(struct rst_out *o, const json_t *doc)
{
	const json_t *st = json_object_get(doc, "status");
	const char *lv = rst_jstr(st, "level");
	size_t i, k = 2;

	for (i = 0; lv != NULL && i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(lv, levels[i].level) == 0)
			k = i;
	rst_out_printf(o, "<section id=\"status\"><div class=\"banner status "
	    "%s\" role=\"status\" data-level=\"%s\"><span class=\"symbol\" "
	    "aria-hidden=\"true\">%s</span> ", levels[k].cls,
	    levels[k].level, levels[k].symbol);
	rst_out_html(o, rst_jstr(st, "text"));
	rst_out_raw(o, "</div></section>\n");
}

void
rst_html_glossary(struct rst_out *o, const json_t *doc)
{
	const json_t *g;
	size_t i;

	rst_out_raw(o, "<section id=\"glossary\"><h2>");
	rst_out_msg(o, RST_MSG_GLOSSARY);
	rst_out_raw(o, "</h2><dl class=\"glossary\">");
	json_array_foreach(json_object_get(doc, "glossary"), i, g) {
		rst_out_raw(o, "<dt>");
		rst_out_html(o, rst_jstr(g, "term"));
		rst_out_raw(o, "</dt><dd>");
		rst_out_html(o, rst_jstr(g, "text"));
		rst_out_raw(o, "</dd>");
	}
	rst_out_raw(o, "</dl></section>\n");
}

/* Only [0-9A-Za-z:.-] of s into a CSS string: ids, dates, words. */
static void
css_text(struct rst_out *o, const char *s)
{
	char c[2] = { 0, 0 };

	for (; s != NULL && *s != '\0'; s++)
		if (strchr("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
		    "OPQRSTUVWXYZ:.- ", *s) != NULL) {
			c[0] = *s;
			rst_out_raw(o, c);
		}
}

/*
 * The printed page's footer: report id (shortened), period, page n / N.
 * The page word goes through css_text, so a translation cannot break out
 * of the CSS string.
 */
void
rst_html_page_css(struct rst_out *o, const json_t *doc,
    const struct rst_report_meta *m)
{
	const json_t *per = json_object_get(doc, "period");
	char id[20];

	snprintf(id, sizeof(id), "%.16s", m->report_id ? m->report_id : "");
	rst_out_raw(o, "<style>@page{@bottom-left{content:\"");
	if (m->report_id != NULL) {
		css_text(o, rst_msg(o->lang, RST_MSG_REPORT_ID));
		rst_out_raw(o, " ");
		css_text(o, id);
		rst_out_raw(o, " - ");
	}
	css_text(o, rst_jstr(per, "since"));
	rst_out_raw(o, " - ");
	css_text(o, rst_jstr(per, "until"));
	rst_out_raw(o, "\";font-size:8pt;color:#57606a}"
	    "@bottom-right{content:\"");
	css_text(o, rst_msg(o->lang, RST_MSG_PAGE));
	rst_out_raw(o, " \" counter(page) \" / \" counter(pages);"
	    "font-size:8pt;color:#57606a}}</style>\n");
}
