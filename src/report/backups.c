/* SPDX-License-Identifier: ISC */
/*
 * Chains in the HTML and Markdown reports: a backup's type (full, or the
 * Nth incremental after its full) and the Markdown table of the latest
 * backups with the size of the data read next to what each one stored.
 * An incremental is a backup like any other: it is counted, sized and
 * listed with the others; only its type and its stored size tell it apart.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "md.h"

void
rst_report_backup_type(enum rst_lang l, const json_t *b, char *buf,
    size_t len)
{
	const char *kind = rst_jstr(b, "kind");
	char n[32], *s;

	if (kind == NULL || strcmp(kind, "incremental") != 0) {
		snprintf(buf, len, "%s", rst_msg(l, RST_MSG_BT_FULL));
		return;
	}
	if (!rst_jhas(b, "chain_position") || rst_jint(b,
	    "chain_position") <= 0) {
		snprintf(buf, len, "%s", rst_msg(l, RST_MSG_BT_INCR_0));
		return;
	}
	snprintf(n, sizeof(n), "%lld", rst_jint(b, "chain_position"));
	s = rst_msgf(l, RST_MSG_BT_INCR, 1, n);
	snprintf(buf, len, "%s", s != NULL ? s : rst_msg(l, RST_MSG_BT_INCR_0));
	free(s);
}

static void
md_size(struct rst_out *o, const json_t *b, const char *key)
{
	char s[64];

	rst_fmt_size(o->lang, rst_jnum(b, key), s, sizeof(s));
	rst_out_md(o, s);
}

static void
md_row(struct rst_out *o, const json_t *b)
{
	char s[128];

	rst_out_raw(o, "| ");
	rst_out_md(o, rst_jstr(b, "ts"));
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_jstr(b, "snapshot"));
	rst_out_raw(o, " | ");
	rst_out_md(o, rst_msg(o->lang, rst_msg_result(rst_jstr(b,
	    "result"))));
	rst_out_raw(o, " | ");
	rst_report_backup_type(o->lang, b, s, sizeof(s));
	rst_out_md(o, s);
	rst_out_printf(o, " | %lld | ", rst_jint(b, "files"));
	md_size(o, b, "bytes");
	rst_out_raw(o, " | ");
	md_size(o, b, "stored_bytes");
	rst_out_raw(o, " | ");
	if (rst_jhas(b, "seconds")) {
		rst_fmt_duration(o->lang, rst_jnum(b, "seconds"), s,
		    sizeof(s));
		rst_out_md(o, s);
	} else
		rst_out_raw(o, "-");
	rst_out_raw(o, " |\n");
}

/* The newest backups first, as the HTML report's table. */
void
rst_md_backups(struct rst_out *o, const json_t *p)
{
	static const enum rst_msg cols[] = { RST_MSG_DATE, RST_MSG_SNAPSHOT,
	    RST_MSG_RESULT, RST_MSG_BACKUP_TYPE, RST_MSG_FILES, RST_MSG_SIZE,
	    RST_MSG_STORED, RST_MSG_DURATION };
	const json_t *items = json_object_get(json_object_get(p, "backups"),
	    "items");
	size_t n = json_array_size(items), i;

	if (n == 0)
		return;
	rst_out_raw(o, "### ");
	rst_out_md(o, rst_msg(o->lang, RST_MSG_LATEST_BACKUPS));
	rst_out_raw(o, "\n\n");
	rst_md_table_head(o, cols, sizeof(cols) / sizeof(cols[0]));
	for (i = n; i-- > 0 && i + RST_REPORT_LATEST_BACKUPS >= n;)
		md_row(o, json_array_get(items, i));
	rst_out_raw(o, "\n");
}
