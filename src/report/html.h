/* SPDX-License-Identifier: ISC */
/*
 * Pieces shared by the HTML report's files: html.c writes the page around
 * the document (sect_doc.c) and the charts, html_parts.c the HTML markup
 * hooks (result pills, reasons, table and section starts).
 */
#ifndef RESTORABLE_REPORT_HTML_H
#define RESTORABLE_REPORT_HTML_H

#include <jansson.h>

#include "out.h"

struct rst_report_meta;

/* A result ("pass", "fail", "error") as a coloured, localised pill. */
void	rst_html_pill(struct rst_out *, const char *result);
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
