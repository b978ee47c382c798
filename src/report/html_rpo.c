/* SPDX-License-Identifier: ISC */
/*
 * The HTML report's "RPO over the period" section, from a profile's
 * "rpo_period": the share of the time within target, the sawtooth chart
 * (inline SVG, with the target as a dashed, labelled line and the same
 * data as a sentence under it), every interval over target, and the
 * scheduled backups that did not happen.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "html.h"
#include "sections.h"

#define W	720.0
#define H	200.0
#define ML	70.0
#define MR	12.0
#define MT	12.0
#define MB	26.0

struct axes {
	int64_t		 from, to;
	double		 vmax;
};

static double
px(const struct axes *a, int64_t t)
{
	double span = a->to > a->from ? (double)(a->to - a->from) : 1;

	return ML + (W - ML - MR) * (double)(t - a->from) / span;
}

static double
py(const struct axes *a, double v)
{
	return MT + (H - MT - MB) * (1 - v / a->vmax);
}

static void
axis_labels(struct rst_out *o, const struct axes *a, const json_t *rp)
{
	char s[64];

	rst_fmt_duration(o->lang, a->vmax, s, sizeof(s));
	rst_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
	    "fill=\"#57606a\">", ML - 6, MT + 8);
	rst_out_html(o, s);
	rst_out_printf(o, "</text><text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"#57606a\">0</text>", ML - 6, H - MB);
	rst_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#57606a\">",
	    ML, H - 8);
	rst_out_html(o, rst_jstr(rp, "from"));
	rst_out_printf(o, "</text><text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"#57606a\">", W - MR, H - 8);
	rst_out_html(o, rst_jstr(rp, "to"));
	rst_out_raw(o, "</text>");
}

static void
over_bands(struct rst_out *o, const struct axes *a, const json_t *rp)
{
	const json_t *iv;
	int64_t s, e;
	size_t i;

	json_array_foreach(json_object_get(rp, "over"), i, iv)
		if (rst_parse_rfc3339(rst_jstr(iv, "start"), &s) == 0 &&
		    rst_parse_rfc3339(rst_jstr(iv, "end"), &e) == 0)
			rst_out_printf(o, "<rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"#ffebe9\" "
			    "stroke=\"#cf222e\" stroke-dasharray=\"2 2\">"
			    "</rect>", px(a, s), MT, px(a, e) - px(a, s) < 1 ?
			    1 : px(a, e) - px(a, s), H - MT - MB);
}

static void
chart(struct rst_out *o, const json_t *rp)
{
	struct axes a;
	const json_t *pt;
	int64_t t;
	size_t i;

	if (rst_parse_rfc3339(rst_jstr(rp, "from"), &a.from) != 0 ||
	    rst_parse_rfc3339(rst_jstr(rp, "to"), &a.to) != 0)
		return;
	a.vmax = rst_jnum(rp, "max_seconds");
	if (rst_jnum(rp, "target_seconds") > a.vmax)
		a.vmax = rst_jnum(rp, "target_seconds");
	a.vmax = a.vmax > 0 ? a.vmax * 1.1 : 1;
	rst_out_printf(o, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" aria-label=\"", W, H, W, H);
	rst_out_msg(o, RST_MSG_CHART_RPO);
	rst_out_raw(o, "\" font-family=\"system-ui, sans-serif\" "
	    "font-size=\"11\"><title>");
	rst_out_msg(o, RST_MSG_CHART_RPO);
	rst_out_printf(o, "</title><rect x=\"0\" y=\"0\" width=\"%.0f\" "
	    "height=\"%.0f\" fill=\"#ffffff\"></rect>", W, H);
	over_bands(o, &a, rp);
	rst_out_raw(o, "<polyline fill=\"none\" stroke=\"#0969da\" "
	    "stroke-width=\"1.5\" points=\"");
	json_array_foreach(json_object_get(rp, "points"), i, pt)
		if (rst_parse_rfc3339(rst_jstr(pt, "t"), &t) == 0)
			rst_out_printf(o, "%.1f,%.1f ", px(&a, t), py(&a,
			    rst_jnum(pt, "rpo_seconds")));
	rst_out_raw(o, "\"></polyline>");
	if (rst_jhas(rp, "target_seconds")) {
		rst_out_printf(o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#cf222e\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"6 4\"></line><text x=\"%.1f\" "
		    "y=\"%.1f\" text-anchor=\"end\" fill=\"#cf222e\">",
		    ML, py(&a, rst_jnum(rp, "target_seconds")), W - MR,
		    py(&a, rst_jnum(rp, "target_seconds")), W - MR - 2,
		    py(&a, rst_jnum(rp, "target_seconds")) - 3);
		rst_out_msg(o, RST_MSG_TARGET);
		rst_out_raw(o, "</text>");
	}
	axis_labels(o, &a, rp);
	rst_out_raw(o, "</svg>");
}

void
rst_html_figure(struct rst_out *o, enum rst_msg m, const json_t *p)
{
	rst_out_raw(o, "<figure class=\"wide\"><figcaption>");
	rst_out_msg(o, m);
	rst_out_raw(o, "</figcaption>");
	chart(o, json_object_get(p, "rpo_period"));
}

static void
say(struct rst_out *o, enum rst_msg m, int n, const char *a, const char *b,
    const char *c, const char *d)
{
	char *s = rst_msgf(o->lang, m, n, a, b, c, d);

	if (s == NULL)
		o->bad = 1;
	rst_out_raw(o, "<p class=\"chart-text\">");
	rst_out_html(o, s);
	rst_out_raw(o, "</p>");
	free(s);
}

static void
rto_text(struct rst_out *o, const json_t *p)
{
	const json_t *it, *items = json_object_get(json_object_get(p,
	    "drills"), "items");
	double tgt = rst_jnum(json_object_get(p, "targets"), "rto_seconds");
	double hi = 0;
	char n[32], in[32], h[64];
	size_t i, k = 0, within = 0;

	json_array_foreach(items, i, it) {
		if (!rst_jhas(it, "rto_seconds"))
			continue;
		k++;
		if (rst_jnum(it, "rto_seconds") > hi)
			hi = rst_jnum(it, "rto_seconds");
		within += rst_jhas(json_object_get(p, "targets"),
		    "rto_seconds") && rst_jnum(it, "rto_seconds") <= tgt;
	}
	snprintf(n, sizeof(n), "%zu", k);
	snprintf(in, sizeof(in), "%zu", within);
	rst_fmt_duration(o->lang, hi, h, sizeof(h));
	say(o, RST_MSG_CHART_RTO_TEXT, 3, n, in, h, NULL);
}

static void
size_text(struct rst_out *o, const json_t *p)
{
	const json_t *b = json_object_get(p, "backups");
	const json_t *g = json_object_get(p, "newest_good_backup");
	char n[32], sz[64], st[64];

	snprintf(n, sizeof(n), "%lld", rst_jint(b, "count"));
	if (rst_jhas(g, "bytes"))
		rst_fmt_size(o->lang, rst_jnum(g, "bytes"), sz, sizeof(sz));
	else
		snprintf(sz, sizeof(sz), "-");
	if (rst_jhas(g, "stored_bytes"))
		rst_fmt_size(o->lang, rst_jnum(g, "stored_bytes"), st,
		    sizeof(st));
	else
		snprintf(st, sizeof(st), "-");
	say(o, RST_MSG_CHART_SIZE_TEXT, 3, n, sz, st, NULL);
	rst_out_raw(o, "<p class=\"chart-text\">");
	rst_out_msg(o, RST_MSG_CHART_SIZE_LEGEND);
	rst_out_raw(o, "</p>");
}

static void
timeline_text(struct rst_out *o, const json_t *p)
{
	const json_t *b = json_object_get(p, "backups");
	const json_t *d = json_object_get(p, "drills");
	char a[32], af[32], c[32], cf[32];

	snprintf(a, sizeof(a), "%lld", rst_jint(b, "count"));
	snprintf(af, sizeof(af), "%lld", rst_jint(b, "failed"));
	snprintf(c, sizeof(c), "%lld", rst_jint(d, "count"));
	snprintf(cf, sizeof(cf), "%lld", rst_jint(d, "failed"));
	say(o, RST_MSG_CHART_TIMELINE_TEXT, 4, a, af, c, cf);
}

void
rst_html_chart_text(struct rst_out *o, const json_t *p, enum rst_msg chart)
{
	if (chart == RST_MSG_CHART_RTO)
		rto_text(o, p);
	else if (chart == RST_MSG_CHART_SIZE)
		size_text(o, p);
	else
		timeline_text(o, p);
}
