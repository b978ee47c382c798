/* SPDX-License-Identifier: ISC */
/*
 * Pieces shared by the HTML report's files: html.c writes the document
 * and its summary sections, html_parts.c the small escaped fragments
 * (result pills, durations, sizes) and the per-profile tables.
 */
#ifndef RESTORABLE_REPORT_HTML_H
#define RESTORABLE_REPORT_HTML_H

#include <jansson.h>

#include "out.h"

struct rst_report_meta;

/* A result ("pass", "fail", "error") as a coloured, localised pill. */
void	rst_html_pill(struct rst_out *, const char *result);
/* A journal record kind as a localised word. */
void	rst_html_kind(struct rst_out *, const char *kind);
/* Duration / size field key of obj, or a dash when absent. */
void	rst_html_dur(struct rst_out *, const json_t *obj, const char *key);
void	rst_html_size(struct rst_out *, const json_t *obj, const char *key);
void	rst_html_th(struct rst_out *, enum rst_msg);
/* A localised sentence with up to two arguments, escaped. */
void	rst_html_sentence(struct rst_out *, enum rst_msg, int n,
	    const char *a, const char *b);

/* Message m with the number n as {1} (and its plural forms), escaped. */
void	rst_html_count(struct rst_out *, enum rst_msg m, long long n);
/*
 * An item's "reason_text", then its journal "reasons" quoted as journaled
 * (marked translate="no").
 */
void	rst_html_cause(struct rst_out *, const json_t *item);
/* html_status.c: the print rules with the report id and page numbers on
 * every page. */
void	rst_html_page_css(struct rst_out *, const json_t *doc,
	    const struct rst_report_meta *);

/* html.c: the charts of a profile (drills' RTO, sizes, timeline). */
void	rst_html_charts(struct rst_out *, const json_t *doc,
	    const json_t *p);

/* html_rpo.c: the RPO chart's figure (before its text), chart texts. */
void	rst_html_figure(struct rst_out *, enum rst_msg chart,
	    const json_t *p);
/* The data of chart (RST_MSG_CHART_RTO, _SIZE, _TIMELINE) in words. */
void	rst_html_chart_text(struct rst_out *, const json_t *profile,
	    enum rst_msg chart);

#endif
