/* SPDX-License-Identifier: ISC */
/*
 * A profile's exceptions with their follow-up, once for every format
 * (see sections.h): one table of everything that failed in the period
 * (open or closed, by which record, after how long; security events
 * marked with a symbol and a word), and the operator errors listed apart.
 * Every row names its journal seq, host and user and, where it has one,
 * the snapshot and its manifest's SHA-256.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "report.h"
#include "sections.h"

static void
text_cell(struct rst_out *o, const json_t *x, const char *key)
{
	o->mk->text(o, rst_jstr(x, key));
}

static void
seq_cell(struct rst_out *o, const json_t *x, const char *key)
{
	if (rst_jhas(x, key))
		rst_out_printf(o, "%lld", rst_jint(x, key));
	else
		rst_out_raw(o, RST_MKS(o, DASH));
}

/* A record kind as a localised word ("rpo": the RPO target missed). */
static void
kind(struct rst_out *o, const char *k)
{
	enum rst_msg m;

	if (k != NULL && strcmp(k, "rpo") == 0)
		rst_sect_label(o, RST_MSG_X_RPO);
	else if (rst_msg_kind(k, &m) == 0)
		rst_sect_label(o, m);
	else
		o->mk->text(o, k);
}

static void
kind_cell(struct rst_out *o, const json_t *x, const char *key)
{
	kind(o, rst_jstr(x, key));
	if (rst_jbool(x, "security")) {
		rst_out_raw(o, RST_MKS(o, BR));
		rst_sect_wrap(o, RST_W_ALERT, rst_msg(o->lang,
		    RST_MSG_SECURITY_EVENT));
	}
	if (json_is_false(json_object_get(x, "completed"))) {
		rst_out_raw(o, RST_MKS(o, BR));
		rst_sect_label(o, RST_MSG_NOT_COMPLETED);
	}
	if (rst_jhas(x, "exit")) {
		rst_out_raw(o, RST_MKS(o, BR));
		rst_sect_label(o, RST_MSG_EXIT);
		rst_out_printf(o, " %lld", rst_jint(x, "exit"));
	}
}

/* Until when (an RPO interval), which snapshot, its manifest's hash. */
static void
snapshot_cell(struct rst_out *o, const json_t *x, const char *key)
{
	if (rst_jhas(x, "end")) {
		rst_out_raw(o, RST_MKS(o, UNTIL));
		o->mk->text(o, rst_jstr(x, "end"));
	}
	if (rst_jhas(x, key))
		rst_sect_wrap(o, RST_W_CODE, rst_jstr(x, key));
	if (rst_jhas(x, "manifest_sha256")) {
		rst_out_raw(o, RST_MKS(o, BR));
		rst_sect_label(o, RST_MSG_MANIFEST_SHA);
		rst_out_raw(o, ": ");
		rst_sect_wrap(o, RST_W_CODE, rst_jstr(x, "manifest_sha256"));
	}
}

static void
status_cell(struct rst_out *o, const json_t *x, const char *key)
{
	const char *st = rst_jstr(x, key);
	bool closed = st != NULL && strcmp(st, "closed") == 0;

	o->mk->flag(o, closed, closed ? RST_MSG_EXC_CLOSED :
	    RST_MSG_EXC_OPEN);
}

static void
closed_by_cell(struct rst_out *o, const json_t *x, const char *key)
{
	const json_t *by = json_object_get(x, key);

	if (!json_is_object(by)) {
		rst_out_raw(o, RST_MKS(o, DASH));
		return;
	}
	rst_out_printf(o, "seq %lld", rst_jint(by, "seq"));
	if (rst_jhas(by, "kind")) {
		rst_out_raw(o, " ");
		kind(o, rst_jstr(by, "kind"));
	}
	rst_out_raw(o, RST_MKS(o, BR));
	o->mk->text(o, rst_jstr(by, "ts"));
}

static void
dur_cell(struct rst_out *o, const json_t *x, const char *key)
{
	rst_sect_dur(o, x, key);
}

static void
cause_cell(struct rst_out *o, const json_t *x, const char *key)
{
	(void)key;
	o->mk->cause(o, x);
}

static bool
security(const json_t *x)
{
	return rst_jbool(x, "security");
}

/* The columns both tables have. */
#define COL_DATE	{ RST_MSG_DATE, 0, false, "ts", "ts", text_cell }
#define COL_SEQ		{ RST_MSG_SEQ, 0, false, "num", "seq", seq_cell }
#define COL_KIND	{ RST_MSG_KIND, 0, false, NULL, "kind", kind_cell }
#define COL_HOST	{ RST_MSG_HOST, 0, false, NULL, "host", text_cell }
#define COL_USER	{ RST_MSG_USER, 0, false, NULL, "user", text_cell }
#define COL_REASONS	{ RST_MSG_REASONS, 0, false, NULL, "reasons", \
	cause_cell }

/* A heading and the note under it, kept with what follows. */
static void
lead_in(struct rst_out *o, enum rst_msg heading, enum rst_msg note)
{
	rst_out_raw(o, RST_MKS(o, KEEP));
	rst_sect_heading(o, heading);
	RST_MK(o, para, NULL);
	rst_sect_label(o, note);
	rst_out_raw(o, RST_MKS(o, PARA_END));
	rst_out_raw(o, RST_MKS(o, KEEP_END));
}

void
rst_sect_exceptions(struct rst_out *o, const json_t *p)
{
	static const struct rst_col cols[] = {
		COL_DATE, COL_SEQ, COL_KIND, COL_HOST, COL_USER,
		{ RST_MSG_SNAPSHOT, 0, false, "ids", "snapshot",
		    snapshot_cell },
		{ RST_MSG_EXC_STATUS, 0, false, NULL, "status", status_cell },
		{ RST_MSG_EXC_CLOSED_BY, 0, false, NULL, "closed_by",
		    closed_by_cell },
		{ RST_MSG_EXC_TTR, 0, false, "num", "remediation_seconds",
		    dur_cell },
		COL_REASONS,
	};
	/* Operator errors: who and why, nothing to follow up. */
	static const struct rst_col ocols[] = {
		COL_DATE, COL_SEQ, COL_KIND, COL_HOST, COL_USER, COL_REASONS,
	};
	const struct rst_table xt = { RST_MSG_EXCEPTIONS, false, true, cols,
	    sizeof(cols) / sizeof(cols[0]), false, SIZE_MAX, security };
	const struct rst_table ot = { RST_MSG_OPERATOR_ERRORS, false, true,
	    ocols, sizeof(ocols) / sizeof(ocols[0]), false, SIZE_MAX, NULL };
	const json_t *xs = json_object_get(p, "incidents");
	const json_t *ops = json_object_get(p, "operator_errors");

	lead_in(o, RST_MSG_EXCEPTIONS, json_array_size(xs) == 0 ?
	    RST_MSG_EXC_NONE : RST_MSG_SECURITY_NOTE);
	if (json_array_size(xs) > 0)
		rst_sect_table(o, &xt, xs);
	if (json_array_size(ops) == 0)
		return;
	lead_in(o, RST_MSG_OPERATOR_ERRORS, RST_MSG_OPERATOR_NOTE);
	rst_sect_table(o, &ot, ops);
}
