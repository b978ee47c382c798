/* SPDX-License-Identifier: ISC */
/*
 * Output helpers shared by the HTML, SVG and Markdown renderers: a
 * sticky-error writer over an rst_buf (the first allocation failure is
 * remembered and every later write is dropped), and the escaping that
 * makes free text (profile names, paths, check output, reasons) inert in
 * HTML and in Markdown.
 */
#ifndef RESTORABLE_REPORT_OUT_H
#define RESTORABLE_REPORT_OUT_H

#include "restorable/err.h"
#include "restorable/util.h"

#include "i18n.h"

struct rst_mk;

struct rst_out {
	struct rst_buf	*b;
	enum rst_lang	 lang;
	int		 bad;		/* an append failed: out of memory */
	const struct rst_mk *mk;	/* the format's markup (sections.h) */
};

/* Append s as is (markup and trusted constants only). */
void	rst_out_raw(struct rst_out *, const char *s);
void	rst_out_printf(struct rst_out *, const char *fmt, ...)
	    RST_PRINTF(2, 3);
/* Append s with & < > " ' escaped and control characters dropped. */
void	rst_out_html(struct rst_out *, const char *s);
/* The label m in the writer's language, HTML-escaped. */
void	rst_out_msg(struct rst_out *, enum rst_msg m);
/*
 * Append s for a Markdown table cell or text: \ ` | < > * _ [ ] are
 * backslash-escaped and line breaks become spaces.
 */
void	rst_out_md(struct rst_out *, const char *s);

#endif
