/* SPDX-License-Identifier: ISC */
/*
 * Inline SVG charts (see svg.h).  Coordinates are printed with the C
 * locale's decimal point whatever the report's language; every text that
 * comes from the facts goes through the HTML escaper.  A chart with
 * nothing to show says so instead of drawing empty axes.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "svg.h"

#define C_PASS		"#2da44e"
#define C_FAIL		"#cf222e"
#define C_ERROR		"#bf8700"
#define C_GRID		"#d8dee4"
#define C_AXIS		"#57606a"
#define C_LINE		"#0969da"
#define MAX_BARS	40

struct chart {
	struct rst_out	*o;
	double		 w, h, ml, mr, mt, mb;
	int64_t		 since, until;
};

static double
cx(const struct chart *c, int64_t t)
{
	double span = (double)(c->until - c->since);

	if (span <= 0)
		span = 1;
	return c->ml + (c->w - c->ml - c->mr) * (double)(t - c->since) / span;
}

static double
cy(const struct chart *c, double v, double vmax)
{
	return c->mt + (c->h - c->mt - c->mb) * (1 - v / vmax);
}

static const char *
colour(const char *result)
{
	if (result != NULL && strcmp(result, "pass") == 0)
		return C_PASS;
	if (result != NULL && strcmp(result, "fail") == 0)
		return C_FAIL;
	return C_ERROR;
}

/*
 * What tells a failure from a pass without colour: a dashed dark outline
 * (and, on the timeline, a taller mark).
 */
static const char *
texture(const char *result)
{
	return result != NULL && strcmp(result, "pass") == 0 ? "" :
	    " stroke=\"#1f2328\" stroke-width=\"1.5\" "
	    "stroke-dasharray=\"3 2\"";
}

/*
 * The rest of a bar's or a point's start tag (its colour and texture
 * say its result) and the start of its title: when, which snapshot.
 */
static void
mark_start(struct chart *c, const json_t *it)
{
	rst_out_printf(c->o, " fill=\"%s\"%s><title>",
	    colour(rst_jstr(it, "result")), texture(rst_jstr(it, "result")));
	rst_out_html(c->o, rst_jstr(it, "ts"));
	rst_out_raw(c->o, " ");
	rst_out_html(c->o, rst_jstr(it, "snapshot"));
}

static void
chart_open(struct chart *c, enum rst_msg caption)
{
	rst_out_printf(c->o, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" "
	    "height=\"%.0f\" role=\"img\" aria-label=\"", c->w, c->h, c->w,
	    c->h);
	rst_out_msg(c->o, caption);
	rst_out_raw(c->o, "\" font-family=\"system-ui, sans-serif\" "
	    "font-size=\"11\"><title>");
	rst_out_msg(c->o, caption);
	rst_out_printf(c->o, "</title><rect x=\"0\" y=\"0\" width=\"%.0f\" "
	    "height=\"%.0f\" fill=\"#ffffff\"></rect>", c->w, c->h);
}

static void
no_data(struct chart *c)
{
	rst_out_printf(c->o, "<text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"middle\" fill=\"" C_AXIS "\">", c->w / 2,
	    c->h / 2);
	rst_out_msg(c->o, RST_MSG_NO_DATA);
	rst_out_raw(c->o, "</text></svg>");
}

/* Horizontal grid lines with value labels (formatted by fmt). */
static void
y_axis(struct chart *c, double vmax, bool size)
{
	char label[64];
	double y;
	int i;

	for (i = 0; i <= 4; i++) {
		y = cy(c, vmax * i / 4, vmax);
		if (size)
			rst_fmt_size(c->o->lang, vmax * i / 4, label,
			    sizeof(label));
		else
			rst_fmt_duration(c->o->lang, vmax * i / 4, label,
			    sizeof(label));
		rst_out_printf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" "
		    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\" "
		    "stroke-width=\"1\">"
		    "</line><text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
		    "fill=\"" C_AXIS "\">", c->ml, y, c->w - c->mr, y,
		    c->ml - 6, y + 4);
		rst_out_html(c->o, label);
		rst_out_raw(c->o, "</text>");
	}
}

/* Five date labels along a time axis. */
static void
x_dates(struct chart *c)
{
	static const char *const anchor[] = { "start", "middle", "middle",
	    "middle", "end" };
	char d[40];
	int64_t t;
	int i;

	for (i = 0; i <= 4; i++) {
		t = c->since + (c->until - c->since) * i / 4;
		rst_format_rfc3339(t, 0, d, sizeof(d));
		d[10] = '\0';
		rst_out_printf(c->o, "<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"%s\" fill=\"" C_AXIS "\">%s</text>",
		    cx(c, t), c->h - c->mb + 16, anchor[i], d);
	}
}

/* One drill's bar, with its RTO written above it when there is room. */
static void
bar(struct chart *c, const json_t *it, double x, double bw, double vmax,
    bool label)
{
	double v = rst_jnum(it, "rto_seconds"), y = cy(c, v, vmax);
	char dur[64];

	/* A bar stays visible (its colour is the result) however short. */
	if (y > c->h - c->mb - 3)
		y = c->h - c->mb - 3;
	rst_fmt_duration(c->o->lang, v, dur, sizeof(dur));
	rst_out_printf(c->o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%.1f\"", x, y, bw, c->h - c->mb - y);
	mark_start(c, it);
	rst_out_raw(c->o, ": ");
	rst_out_html(c->o, dur);
	rst_out_raw(c->o, "</title></rect>");
	if (!label)
		return;
	rst_out_printf(c->o, "<text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"middle\" font-size=\"10\" fill=\"" C_AXIS "\">",
	    x + bw / 2, y - 3);
	rst_out_html(c->o, dur);
	rst_out_raw(c->o, "</text>");
}

static void
target_line(struct chart *c, double target, double vmax)
{
	double y = cy(c, target, vmax);
	char dur[64];

	rst_fmt_duration(c->o->lang, target, dur, sizeof(dur));
	rst_out_printf(c->o, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
	    "y2=\"%.1f\" stroke=\"" C_FAIL "\" stroke-width=\"1.5\" "
	    "stroke-dasharray=\"6 4\"></line><text x=\"%.1f\" y=\"%.1f\" "
	    "text-anchor=\"end\" fill=\"" C_FAIL "\">", c->ml, y, c->w - c->mr,
	    y, c->w - c->mr, y - 4);
	rst_out_msg(c->o, RST_MSG_TARGET);
	rst_out_raw(c->o, " ");
	rst_out_html(c->o, dur);
	rst_out_raw(c->o, "</text>");
}

void
rst_svg_rto(struct rst_out *o, const json_t *p)
{
	struct chart c = { o, 520, 230, 70, 12, 16, 40, 0, 0 };
	json_t *items = json_object_get(json_object_get(p, "drills"), "items");
	const json_t *tg = json_object_get(p, "targets");
	double target = rst_jhas(tg, "rto_seconds") ?
	    rst_jnum(tg, "rto_seconds") : -1, vmax = target, slot, x, v;
	size_t n = json_array_size(items), first = n > MAX_BARS ?
	    n - MAX_BARS : 0, i;
	char d[16];

	chart_open(&c, RST_MSG_CHART_RTO);
	if (n == 0) {
		no_data(&c);
		return;
	}
	for (i = first; i < n; i++) {
		v = rst_jnum(json_array_get(items, i), "rto_seconds");
		if (v > vmax)
			vmax = v;
	}
	vmax = vmax > 0 ? vmax * 1.15 : 1;
	y_axis(&c, vmax, false);
	slot = (c.w - c.ml - c.mr) / (double)(n - first);
	for (i = first; i < n; i++) {
		x = c.ml + slot * (double)(i - first);
		bar(&c, json_array_get(items, i), x + slot * 0.15, slot * 0.7,
		    vmax, n - first <= 12);
		if (n - first <= 10 || i == first || i == n - 1) {
			snprintf(d, sizeof(d), "%.5s", rst_jstr(json_array_get(
			    items, i), "ts") ? rst_jstr(json_array_get(items,
			    i), "ts") + 5 : "");
			rst_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" fill=\"" C_AXIS "\">",
			    x + slot / 2, c.h - c.mb + 16);
			rst_out_html(o, d);
			rst_out_raw(o, "</text>");
		}
	}
	if (target > 0)
		target_line(&c, target, vmax);
	rst_out_raw(o, "</svg>");
}

static void
point(struct chart *c, const json_t *it, double x, double y)
{
	char size[64], stored[64], type[128];

	rst_fmt_size(c->o->lang, rst_jnum(it, "bytes"), size, sizeof(size));
	rst_fmt_size(c->o->lang, rst_jnum(it, "stored_bytes"), stored,
	    sizeof(stored));
	rst_report_backup_type(c->o->lang, it, type, sizeof(type));
	rst_out_printf(c->o, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"",
	    x, y);
	mark_start(c, it);
	rst_out_raw(c->o, " (");
	rst_out_html(c->o, type);
	rst_out_raw(c->o, "): ");
	rst_out_html(c->o, size);
	rst_out_raw(c->o, ", ");
	rst_out_msg(c->o, RST_MSG_STORED);
	rst_out_raw(c->o, " ");
	rst_out_html(c->o, stored);
	rst_out_raw(c->o, "</title></circle>");
}

static bool
item_time(const json_t *it, int64_t *t)
{
	const char *ts = rst_jstr(it, "ts");

	return ts != NULL && rst_parse_rfc3339(ts, t) == 0;
}

/* The passing backups' sizes under key as one line, dashed if asked. */
static void
size_line(struct chart *c, const json_t *items, const char *key,
    double vmax, bool dashed)
{
	const char *sep = "";
	const json_t *it;
	int64_t t;
	size_t i;

	rst_out_printf(c->o, "<polyline class=\"%s\" fill=\"none\" "
	    "stroke=\"" C_LINE "\" stroke-width=\"1.5\"%s points=\"", key,
	    dashed ? " stroke-dasharray=\"5 3\"" : "");
	json_array_foreach(items, i, it) {
		if (!item_time(it, &t) || !rst_jstr(it, "result") ||
		    strcmp(rst_jstr(it, "result"), "pass") != 0)
			continue;
		rst_out_printf(c->o, "%s%.1f,%.1f", sep, cx(c, t),
		    cy(c, rst_jnum(it, key), vmax));
		sep = " ";
	}
	rst_out_raw(c->o, "\"></polyline>");
}

/*
 * The size read (solid, with a point per backup) and the size stored
 * (dashed) over time: an incremental stores far less than it covers.
 */
void
rst_svg_size(struct rst_out *o, const json_t *p, int64_t since,
    int64_t until)
{
	struct chart c = { o, 520, 230, 70, 12, 16, 40, since, until };
	json_t *items = json_object_get(json_object_get(p, "backups"),
	    "items"), *it;
	double vmax = 0;
	int64_t t;
	size_t i;

	chart_open(&c, RST_MSG_CHART_SIZE);
	if (json_array_size(items) == 0) {
		no_data(&c);
		return;
	}
	json_array_foreach(items, i, it) {
		if (rst_jnum(it, "bytes") > vmax)
			vmax = rst_jnum(it, "bytes");
		if (rst_jnum(it, "stored_bytes") > vmax)
			vmax = rst_jnum(it, "stored_bytes");
	}
	vmax = vmax > 0 ? vmax * 1.15 : 1;
	y_axis(&c, vmax, true);
	x_dates(&c);
	size_line(&c, items, "bytes", vmax, false);
	size_line(&c, items, "stored_bytes", vmax, true);
	json_array_foreach(items, i, it)
		if (item_time(it, &t))
			point(&c, it, cx(&c, t), cy(&c, rst_jnum(it, "bytes"),
			    vmax));
	rst_out_raw(o, "</svg>");
}

static void
mark(struct chart *c, const json_t *it, double y, enum rst_msg kind)
{
	bool pass = *texture(rst_jstr(it, "result")) == '\0';
	int64_t t;

	if (!item_time(it, &t))
		return;
	rst_out_printf(c->o, "<rect x=\"%.1f\" y=\"%.1f\" width=\"4\" "
	    "height=\"%d\" fill=\"%s\"%s><title>", cx(c, t) - 2,
	    y - (pass ? 5 : 10), pass ? 10 : 20,
	    colour(rst_jstr(it, "result")), texture(rst_jstr(it, "result")));
	rst_out_html(c->o, rst_jstr(it, "ts"));
	rst_out_raw(c->o, " ");
	rst_out_msg(c->o, kind);
	rst_out_raw(c->o, ": ");
	rst_out_msg(c->o, rst_msg_result(rst_jstr(it, "result")));
	rst_out_raw(c->o, "</title></rect>");
}

/* One timeline row: its label, its base line, its marks. */
static void
row(struct chart *c, double y, enum rst_msg label, const json_t *items,
    bool others)
{
	const char *kind, *res;
	json_t *it;
	size_t i;
	int pass;

	rst_out_printf(c->o, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" "
	    "fill=\"" C_AXIS "\">", c->ml - 8, y + 4);
	rst_out_msg(c->o, label);
	rst_out_printf(c->o, "</text><line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"" C_GRID "\" stroke-width=\"1\">"
	    "</line>", c->ml, y, c->w - c->mr, y);
	/* Passes first, so that a failure is never hidden under one. */
	for (pass = 1; pass >= 0; pass--)
		json_array_foreach(items, i, it) {
			kind = rst_jstr(it, "kind");
			res = rst_jstr(it, "result");
			if ((others && kind != NULL &&
			    (strcmp(kind, "backup") == 0 ||
			    strcmp(kind, "drill") == 0)) ||
			    (res != NULL && strcmp(res, "pass") == 0) != pass)
				continue;
			mark(c, it, y, label);
		}
}

void
rst_svg_timeline(struct rst_out *o, const json_t *p, int64_t since,
    int64_t until)
{
	struct chart c = { o, 1040, 130, 170, 12, 12, 34, since, until };

	chart_open(&c, RST_MSG_CHART_TIMELINE);
	row(&c, 24, RST_MSG_BACKUPS, json_object_get(json_object_get(p,
	    "backups"), "items"), false);
	row(&c, 52, RST_MSG_DRILLS, json_object_get(json_object_get(p,
	    "drills"), "items"), false);
	row(&c, 80, RST_MSG_FAILURES, json_object_get(p, "failures"), true);
	x_dates(&c);
	rst_out_raw(o, "</svg>");
}
