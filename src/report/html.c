/* SPDX-License-Identifier: ISC */
/*
 * The HTML report: one self-contained file (inline CSS and SVG, no
 * script, no font or image from elsewhere) that reads on screen and
 * prints to A4, each profile on its own page.  Every text from the facts
 * (profile names, snapshot ids, paths, reasons, check output) is written
 * through the HTML escaper; only markup and catalog labels are trusted,
 * and labels are escaped as well.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "html.h"
#include "sections.h"
#include "svg.h"

static const char css[] =
	":root{--ok:#1a7f37;--bad:#cf222e;--ink:#1f2328;--mute:#57606a;"
	"--line:#d0d7de;--bg:#f6f8fa}"
	"*{box-sizing:border-box}"
	"body{overflow-wrap:anywhere}"
	"body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
	"'Helvetica Neue',Arial,sans-serif;color:var(--ink);margin:0 auto;"
	"max-width:1100px;padding:24px;line-height:1.45;font-size:14px}"
	"h1{font-size:24px;margin:0 0 8px}"
	"h2{font-size:19px;border-bottom:2px solid var(--line);"
	"padding-bottom:4px;margin:32px 0 12px}"
	"h3{font-size:15px;margin:20px 0 6px}"
	"table{border-collapse:collapse;width:100%;margin:6px 0 14px}"
	"th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;"
	"vertical-align:top}"
	"th{background:var(--bg);font-weight:600}"
	"td.num{text-align:right;font-variant-numeric:tabular-nums}"
	"table.facts th{width:28%}"
	"td,th{overflow-wrap:anywhere}"
	"caption{text-align:left;font-weight:600;padding:4px 0}"
	"caption.cap{position:absolute;width:1px;height:1px;overflow:hidden;"
	"clip:rect(0 0 0 0)}"
	".meta{color:var(--mute);margin:2px 0}"
	".banner{padding:12px 16px;border-radius:6px;margin:16px 0;"
	"font-weight:600}"
	".banner.ok{background:#dafbe1;border:1px solid #4ac26b;"
	"color:#116329}"
	".banner.bad{background:#ffebe9;border:3px solid var(--bad);"
	"color:#82071e}"
	".banner.warn{background:#fff8c5;border:2px solid #d4a72c;"
	"color:#7d4e00}"
	".banner table{font-weight:400;color:var(--ink);background:#fff}"
	".pill{display:inline-block;padding:0 8px;border-radius:10px;"
	"font-size:12px;font-weight:600;white-space:normal;max-width:100%}"
	".pill.pass::before{content:\"\\2714  \"}"
	".pill.fail::before{content:\"\\2716  \"}"
	".pill.error::before{content:\"\\26A0  \"}"
	".pill.sec::before,.status .pill::before{content:none}"
	".pass{background:#dafbe1;color:#116329}"
	".fail{background:#ffebe9;color:#82071e}"
	".error{background:#fff8c5;color:#7d4e00}"
	".verdict{font-size:15px;padding:10px 14px;border-left:6px solid;"
	"margin:10px 0;background:var(--bg)}"
	".verdict.yes{border-color:var(--ok)}"
	".verdict.no{border-color:var(--bad)}"
	".verdict ul{margin:6px 0 0;padding-left:20px;font-size:14px}"
	"li.ok::marker{color:var(--ok)} li.bad::marker{color:var(--bad)}"
	"ul.checks{margin:0;padding-left:0;list-style:none}"
	"code{overflow-wrap:anywhere}"
	"code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"
	"monospace;font-size:12px}"
	"pre{white-space:pre-wrap;word-break:break-all;background:var(--bg);"
	"padding:6px;margin:4px 0;border:1px solid var(--line)}"
	".charts{display:flex;flex-wrap:wrap;gap:16px;margin:12px 0}"
	"figure{margin:0;flex:1 1 480px}"
	"figure.wide{flex-basis:100%}"
	"figcaption{font-weight:600;margin-bottom:4px}"
	"svg{max-width:100%;height:auto;border:1px solid var(--line)}"
	".ids{font-size:12px;color:var(--mute);word-break:break-all}"
	".status{font-size:16px}.status .symbol{font-size:18px}"
	"dl.glossary{display:grid;grid-template-columns:max-content 1fr;"
	"gap:4px 12px;margin:0}dl.glossary dt{font-weight:600}"
	"dl.glossary dt::first-letter{text-transform:uppercase}"
	"dl.glossary dd{margin:0}"
	"code.id{word-break:break-all}"
	".scroll{overflow-x:auto;max-width:100%}"
	".chart-text{color:var(--mute);font-size:12px;margin:4px 0}"
	"@media (max-width:600px){body{padding:10px}"
	"table{display:block;overflow-x:auto;max-width:100%}"
	"table.stack,table.stack tbody,table.stack tr,table.stack td{"
	"display:block;width:100%}table.stack thead{display:none}"
	"table.stack tr{border-bottom:2px solid var(--line)}"
	"table.stack td{border:0;border-top:1px solid var(--line)}"
	"table.stack td[data-label]::before{content:attr(data-label) \": \";"
	"font-weight:600}"
	"dl.glossary{grid-template-columns:1fr}"
	"table.facts th{width:auto}}"
	"@page{size:A4;margin:14mm 12mm 18mm}"
	"@media print{body{max-width:none;padding:0;font-size:10pt}"
	"section.profile{break-before:page}"
	"h2,h3,caption,.keep{break-after:avoid}"
	"table,figure,.banner,.verdict,tr{break-inside:avoid}"
	"thead{display:table-header-group}"
	"svg{width:100%}"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
	".charts{display:block}figure{margin-bottom:10px}}";

void
rst_html_charts(struct rst_out *o, const json_t *doc, const json_t *p)
{
	const json_t *per = json_object_get(doc, "period");
	int64_t since = 0, until = 0;

	if (rst_parse_rfc3339(rst_jstr(per, "since"), &since) != 0 ||
	    rst_parse_rfc3339(rst_jstr(per, "until"), &until) != 0)
		return;
	rst_out_raw(o, "<div class=\"charts\"><figure><figcaption>");
	rst_out_msg(o, RST_MSG_CHART_RTO);
	rst_out_raw(o, "</figcaption>");
	rst_svg_rto(o, p);
	rst_html_chart_text(o, p, RST_MSG_CHART_RTO);
	rst_out_raw(o, "</figure><figure><figcaption>");
	rst_out_msg(o, RST_MSG_CHART_SIZE);
	rst_out_raw(o, "</figcaption>");
	rst_svg_size(o, p, since, until);
	rst_html_chart_text(o, p, RST_MSG_CHART_SIZE);
	rst_out_raw(o, "</figure><figure class=\"wide\"><figcaption>");
	rst_out_msg(o, RST_MSG_CHART_TIMELINE);
	rst_out_raw(o, "</figcaption>");
	rst_svg_timeline(o, p, since, until);
	rst_html_chart_text(o, p, RST_MSG_CHART_TIMELINE);
	rst_out_raw(o, "</figure></div>\n");
}


int
rst_report_html(const json_t *doc, const struct rst_report_meta *m,
    struct rst_buf *out, struct rst_err *err)
{
	struct rst_out o = { out, m->lang, 0, &rst_mk_html };

	rst_out_printf(&o, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"generator\" content=\"", rst_lang_code(m->lang));
	rst_out_html(&o, rst_jstr(doc, "tool"));
	rst_out_raw(&o, "\">\n<title>");
	rst_out_msg(&o, RST_MSG_TITLE);
	rst_out_raw(&o, " ");
	rst_out_html(&o, rst_jstr(json_object_get(doc, "period"), "until"));
	rst_out_raw(&o, "</title>\n<style>");
	rst_out_raw(&o, css);
	rst_out_raw(&o, "</style>\n");
	rst_html_page_css(&o, doc, m);
	rst_out_raw(&o, "</head>\n<body>\n");
	rst_sect_document(&o, doc, m);
	rst_out_raw(&o, "</body>\n</html>\n");
	return o.bad ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
