/* SPDX-License-Identifier: ISC */
/*
 * The report formats: one line each, the one list from which report's
 * --format, its messages and usage, `version` and the report record's
 * "format" derive.  The first line is the default.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"

/* The JSON document needs nothing about its own signature. */
static int
render_json(const json_t *doc, const struct rst_report_meta *m,
    struct rst_buf *out, struct rst_err *err)
{
	(void)m;
	return rst_report_json(doc, out, err);
}

static const struct rst_report_format formats[] = {
	{ .name = "html", .title = "HTML",
	    .file = "report.html", .render = rst_report_html },
	{ .name = "json", .title = "JSON",
	    .file = "report.json", .render = render_json },
	{ .name = "md", .alias = "markdown", .title = "Markdown", .file = "report.md",
	    .render = rst_report_md },
};

const struct rst_report_format *
rst_report_format_at(size_t i)
{
	return i < sizeof(formats) / sizeof(formats[0]) ? &formats[i] : NULL;
}

const struct rst_report_format *
rst_report_format_find(const char *name)
{
	const struct rst_report_format *f;
	size_t i;

	for (i = 0; (f = rst_report_format_at(i)) != NULL; i++)
		if (strcmp(f->name, name) == 0 ||
		    (f->alias != NULL && strcmp(f->alias, name) == 0))
			return f;
	return NULL;
}

void
rst_report_format_list(char *buf, size_t len)
{
	const struct rst_report_format *f;
	size_t i, off = 0;
	int n;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; (f = rst_report_format_at(i)) != NULL; i++) {
		n = snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		    f->name);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
}
