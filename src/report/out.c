/* SPDX-License-Identifier: ISC */
/*
 * Escaping writers for the report renderers (see out.h).  Escaping is
 * done on output, never on the facts, so every format starts from the
 * same text.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

static void
put(struct rst_out *o, const char *s, size_t n)
{
	if (!o->bad && n > 0 && rst_buf_append(o->b, s, n) != 0)
		o->bad = 1;
}

void
rst_out_raw(struct rst_out *o, const char *s)
{
	if (s != NULL)
		put(o, s, strlen(s));
}

void
rst_out_printf(struct rst_out *o, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->bad = 1;
		return;
	}
	put(o, s, (size_t)n);
	free(s);
}

void
rst_out_html(struct rst_out *o, const char *s)
{
	const char *run = s;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t')
				rep = "";
			else if (c == 0x7f)
				rep = "";
		}
		if (rep == NULL)
			continue;
		put(o, run, (size_t)(s - run));
		rst_out_raw(o, rep);
		run = s + 1;
	}
	put(o, run, (size_t)(s - run));
}

void
rst_out_msg(struct rst_out *o, enum rst_msg m)
{
	rst_out_html(o, rst_msg(o->lang, m));
}

void
rst_out_md(struct rst_out *o, const char *s)
{
	char c[2] = { 0, 0 };

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		if (strchr("\\`|<>*_[]", *s) != NULL)
			put(o, "\\", 1);
		if (*s == '\n' || *s == '\r' || *s == '\t')
			c[0] = ' ';
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			continue;
		else
			c[0] = *s;
		put(o, c, 1);
	}
}
