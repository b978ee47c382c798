/* SPDX-License-Identifier: ISC */
/*
 * Chains in the HTML and Markdown reports: a backup's type (full, or the
 * Nth incremental after its full), a column of the latest backups' table
 * (sect_tables.c) beside the size of the data read and what was stored.
 * An incremental is a backup like any other: it is counted, sized and
 * listed with the others; only its type and its stored size tell it apart.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

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
