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

static void
problems(struct rst_out *o, const json_t *in)
{
	const json_t *p;
	size_t i;

	rst_out_raw(o, "<table><caption class=\"cap\">");
	rst_out_msg(o, RST_MSG_INTEGRITY);
	rst_out_raw(o, "</caption><tr>");
	rst_html_th(o, RST_MSG_JOURNAL);
	rst_html_th(o, RST_MSG_FIRST_BAD_LINE);
	rst_html_th(o, RST_MSG_DETAILS);
	rst_out_raw(o, "</tr>");
	json_array_foreach(json_object_get(in, "problems"), i, p) {
		rst_out_raw(o, "<tr><td>");
		rst_out_html(o, rst_jstr(p, "profile"));
		rst_out_raw(o, "</td><td>");
		if (rst_jhas(p, "first_bad_line"))
			rst_out_printf(o, "%lld", rst_jint(p,
			    "first_bad_line"));
		if (rst_jhas(p, "first_bad_text")) {
			rst_out_raw(o, "<pre>");
			rst_out_html(o, rst_jstr(p, "first_bad_text"));
			rst_out_raw(o, "</pre>");
		}
		rst_out_raw(o, "</td><td>");
		rst_out_html(o, rst_jstr(p, "problem"));
		rst_out_raw(o, "</td></tr>");
	}
	rst_out_raw(o, "</table>");
}

/* Green when every journal verified, red on a failure, amber otherwise. */
static void
integrity(struct rst_out *o, const json_t *doc)
{
	const json_t *in = json_object_get(doc, "integrity");
	long long all = rst_jint(in, "journals");
	bool broken = rst_jnum(in, "broken") > 0;
	bool found = rst_jnum(in, "findings") > 0;
	char n[32], ok[32];

	snprintf(n, sizeof(n), "%lld", all);
	snprintf(ok, sizeof(ok), "%lld", all -
	    (long long)json_array_size(json_object_get(in, "problems")));
	if (rst_jbool(in, "verified")) {
		rst_out_raw(o, "<section id=\"integrity\"><div class=\"banner "
		    "ok\">");
		rst_html_sentence(o, RST_MSG_INTEGRITY_OK, 1, n, NULL);
		rst_out_raw(o, "<p>");
		rst_out_msg(o, RST_MSG_CANNOT_PROVE);
		rst_out_raw(o, "</p></div></section>\n");
		return;
	}
	rst_out_printf(o, "<section id=\"integrity\"><div class=\"banner "
	    "%s\" role=\"alert\"><p>", broken || found ? "bad" : "warn");
	if (broken)
		rst_out_msg(o, RST_MSG_INTEGRITY_BROKEN);
	else if (found)
		rst_out_msg(o, RST_MSG_INTEGRITY_FINDINGS);
	else
		rst_html_sentence(o, RST_MSG_INTEGRITY_PARTIAL, 2, ok, n);
	rst_out_raw(o, "</p>");
	problems(o, in);
	rst_out_raw(o, "<p>");
	rst_out_msg(o, RST_MSG_CANNOT_PROVE);
	rst_out_raw(o, "</p></div></section>\n");
}

static void
verdict_pill(struct rst_out *o, const json_t *p)
{
	bool yes = rst_jbool(json_object_get(p, "verdict"), "restorable");

	rst_out_printf(o, "<span class=\"pill %s\">", yes ? "pass" : "fail");
	rst_out_msg(o, yes ? RST_MSG_VERDICT_YES : RST_MSG_VERDICT_NO);
	rst_out_raw(o, "</span>");
}

static void
summary_row(struct rst_out *o, const json_t *p)
{
	const json_t *rpo = json_object_get(p, "rpo");
	const json_t *tg = json_object_get(p, "targets");
	const json_t *ld = json_object_get(p, "last_drill");
	const json_t *b = json_object_get(p, "backups");

	rst_out_printf(o, "<tr><td><a href=\"#p-");
	rst_out_html(o, rst_jstr(p, "name"));
	rst_out_raw(o, "\">");
	rst_out_html(o, rst_jstr(p, "name"));
	rst_out_raw(o, "</a></td><td>");
	verdict_pill(o, p);
	rst_out_raw(o, "</td><td class=\"num\">");
	rst_html_dur(o, rpo, "seconds");
	rst_out_raw(o, " / ");
	rst_html_dur(o, tg, "rpo_seconds");
	rst_out_raw(o, "</td><td>");
	if (json_is_object(ld)) {
		rst_html_pill(o, rst_jstr(ld, "result"));
		rst_out_raw(o, " ");
		rst_out_html(o, rst_jstr(ld, "ts"));
	} else
		rst_out_msg(o, RST_MSG_NONE);
	rst_out_raw(o, "</td><td class=\"num\">");
	rst_html_dur(o, ld, "rto_seconds");
	rst_out_raw(o, " / ");
	rst_html_dur(o, tg, "rto_seconds");
	rst_out_printf(o, "</td><td class=\"num\">%lld / %lld</td><td>",
	    rst_jint(b, "count"), rst_jint(b, "failed"));
	rst_out_msg(o, rst_jbool(json_object_get(p, "journal"), "verified") ?
	    RST_MSG_VERIFIED : RST_MSG_NOT_VERIFIED);
	rst_out_raw(o, "</td></tr>");
}

static void
summary(struct rst_out *o, const json_t *doc)
{
	const json_t *s = json_object_get(doc, "summary"), *p;
	char a[32], b[32];
	size_t i;

	snprintf(a, sizeof(a), "%lld", rst_jint(s, "restorable"));
	snprintf(b, sizeof(b), "%lld", rst_jint(s, "profiles"));
	rst_out_raw(o, "<section id=\"summary\"><h2>");
	rst_out_msg(o, RST_MSG_SUMMARY);
	rst_out_raw(o, "</h2><p>");
	rst_html_sentence(o, RST_MSG_SUMMARY_COUNT, 2, a, b);
	rst_out_raw(o, "</p><table><caption class=\"cap\">");
	rst_out_msg(o, RST_MSG_SUMMARY);
	rst_out_raw(o, "</caption><tr>");
	rst_html_th(o, RST_MSG_PROFILE);
	rst_html_th(o, RST_MSG_VERDICT);
	rst_out_raw(o, "<th scope=\"col\">");
	rst_out_msg(o, RST_MSG_RPO);
	rst_out_raw(o, " / ");
	rst_out_msg(o, RST_MSG_TARGET);
	rst_out_raw(o, "</th>");
	rst_html_th(o, RST_MSG_LAST_DRILL);
	rst_out_raw(o, "<th scope=\"col\">");
	rst_out_msg(o, RST_MSG_RTO);
	rst_out_raw(o, " / ");
	rst_out_msg(o, RST_MSG_TARGET);
	rst_out_raw(o, "</th><th scope=\"col\">");
	rst_out_msg(o, RST_MSG_BACKUPS);
	rst_out_raw(o, " / ");
	rst_out_msg(o, RST_MSG_FAILED);
	rst_out_raw(o, "</th>");
	rst_html_th(o, RST_MSG_JOURNAL);
	rst_out_raw(o, "</tr>");
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		summary_row(o, p);
	rst_out_raw(o, "</table></section>\n");
}

static void
controls(struct rst_out *o, const json_t *doc)
{
	rst_out_raw(o, "<section id=\"controls\"><h2>");
	rst_out_msg(o, RST_MSG_CONTROLS);
	rst_out_raw(o, "</h2>");
	rst_sect_controls(o, doc);
	rst_out_raw(o, "</section>\n");
}

static void
verdict_block(struct rst_out *o, const json_t *p)
{
	const json_t *v = json_object_get(p, "verdict"), *r;
	bool yes = rst_jbool(v, "restorable");
	size_t i;

	rst_out_printf(o, "<div class=\"verdict %s\"><strong>",
	    yes ? "yes" : "no");
	rst_out_msg(o, RST_MSG_VERDICT);
	rst_out_raw(o, ": ");
	rst_out_msg(o, yes ? RST_MSG_VERDICT_YES : RST_MSG_VERDICT_NO);
	rst_out_raw(o, " &#8212; ");
	rst_out_msg(o, yes ? RST_MSG_YES : RST_MSG_NO);
	rst_out_raw(o, "</strong><ul>");
	json_array_foreach(json_object_get(v, "reasons"), i, r) {
		rst_out_printf(o, "<li class=\"%s\">", rst_jbool(r, "ok") ?
		    "ok" : "bad");
		rst_out_html(o, rst_jstr(r, "text"));
		rst_out_raw(o, "</li>");
	}
	/* Exceptions and damage found: shown, whatever the verdict. */
	json_array_foreach(json_object_get(p, "found_bad"), i, r) {
		rst_out_raw(o, "<li class=\"bad\">");
		rst_out_html(o, rst_jstr(r, "text"));
		rst_out_raw(o, "</li>");
	}
	json_array_foreach(json_object_get(p, "exceptions"), i, r) {
		rst_out_raw(o, "<li class=\"bad\">");
		rst_out_html(o, rst_jstr(r, "text"));
		rst_out_raw(o, "</li>");
	}
	json_array_foreach(json_object_get(p, "findings"), i, r) {
		rst_out_printf(o, "<li class=\"bad\">%s",
		    rst_jbool(r, "integrity") ? "" : "! ");
		rst_out_html(o, rst_jstr(r, "text"));
		rst_out_raw(o, "</li>");
	}
	rst_out_raw(o, "</ul></div>\n");
}

static void
charts(struct rst_out *o, const json_t *doc, const json_t *p)
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


static void
profile(struct rst_out *o, const json_t *doc, const json_t *p)
{
	rst_out_raw(o, "<section class=\"profile\" id=\"p-");
	rst_out_html(o, rst_jstr(p, "name"));
	rst_out_raw(o, "\"><h2>");
	rst_out_msg(o, RST_MSG_PROFILE);
	rst_out_raw(o, ": ");
	rst_out_html(o, rst_jstr(p, "name"));
	rst_out_raw(o, "</h2>\n");
	verdict_block(o, p);
	if (rst_jbool(p, "unreadable")) {
		rst_out_raw(o, "<p>");
		rst_out_msg(o, RST_MSG_UNREADABLE);
		rst_out_raw(o, "</p><pre>");
		rst_out_html(o, rst_jstr(json_object_get(p, "journal"),
		    "problem"));
		rst_out_raw(o, "</pre></section>\n");
		return;
	}
	rst_sect_facts(o, p);
	rst_sect_evidence(o, p);
	rst_sect_config(o, p);
	rst_html_rpo(o, p);
	charts(o, doc, p);
	rst_sect_drills(o, p);
	rst_sect_backups(o, p);
	rst_html_exceptions(o, p);
	rst_sect_retention(o, p);
	rst_out_raw(o, "</section>\n");
}

static void
footer(struct rst_out *o, const json_t *doc)
{
	const json_t *h = json_object_get(doc, "how_to_check"), *s;
	size_t i;

	if (!json_is_object(h))
		return;
	rst_out_raw(o, "<footer><h2>");
	rst_out_msg(o, RST_MSG_HOW_TO_VERIFY);
	rst_out_raw(o, "</h2><p>");
	rst_out_html(o, rst_jstr(h, "layout"));
	rst_out_raw(o, "</p>\n");
	json_array_foreach(json_object_get(h, "steps"), i, s) {
		rst_out_raw(o, "<p>");
		rst_out_html(o, rst_jstr(s, "text"));
		rst_out_raw(o, "</p><pre class=\"cmd\" translate=\"no\">");
		rst_out_html(o, rst_jstr(s, "commands"));
		rst_out_raw(o, "</pre>\n");
	}
	rst_out_raw(o, "</footer>\n");
}

int
rst_report_html(const json_t *doc, const struct rst_report_meta *m,
    struct rst_buf *out, struct rst_err *err)
{
	struct rst_out o = { out, m->lang, 0, &rst_mk_html };
	const json_t *p;
	size_t i;

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
	rst_html_status(&o, doc);
	integrity(&o, doc);
	rst_sect_header(&o, doc, m);
	summary(&o, doc);
	rst_html_glossary(&o, doc);
	controls(&o, doc);
	json_array_foreach(json_object_get(doc, "profiles"), i, p)
		profile(&o, doc, p);
	footer(&o, doc);
	rst_out_raw(&o, "</body>\n</html>\n");
	return o.bad ? rst_errf(err, RST_ENOMEM, "report: out of memory") : 0;
}
