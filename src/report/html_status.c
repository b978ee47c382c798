/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's page furniture: the print rules that put the report
 * id, the period and the page number on every printed page.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "html.h"

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
