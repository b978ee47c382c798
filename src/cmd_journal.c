/* SPDX-License-Identifier: ISC */
/*
 * journal verify: check the profile's journal chain, every signature and
 * the signed head, and that the repository copy equals the local one or is
 * a prefix of it (then it is uploaded again).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/storage.h"
#include "restorable/timeorder.h"

struct order {
	struct rst_time_order	 t;
	const char		*name;
	json_t			*out;
};

/* Records out of time order: listed and warned, not a failure. */
static int
order_cb(void *arg, json_t *rec)
{
	struct order *o = arg;
	struct rst_time_exc x[2];
	int i, n = rst_time_order_next(&o->t, rec, x);
	json_t *e;

	for (i = 0; i < n; i++) {
		e = json_pack("{s:s, s:I, s:s, s:s}", "code", x[i].code, "line",
		    (json_int_t)x[i].line, "ts", x[i].ts, "before",
		    x[i].before);
		if (x[i].snapshot != NULL)
			json_object_set_new(e, "snapshot",
			    json_string(x[i].snapshot));
		json_array_append_new(o->out, e);
		if (strcmp(x[i].code, "clock_stepped_back") == 0)
			rst_log_warn("journal of %s: line %llu (%s) is dated "
			    "before the line above it (%s): the clock stepped "
			    "back (an exception, not an integrity failure)",
			    o->name, (unsigned long long)x[i].line, x[i].ts,
			    x[i].before);
		else
			rst_log_warn("journal of %s: line %llu: the drill of %s "
			    "(%s) is dated before the snapshot's start (%s): an "
			    "exception, not an integrity failure", o->name,
			    (unsigned long long)x[i].line, x[i].snapshot,
			    x[i].ts, x[i].before);
	}
	return 0;
}

static int
journal_verify(struct rst_ctx *ctx, struct rst_err *err)
{
	struct rst_journal_check chk;
	struct order ord = { RST_TIME_ORDER_INIT, ctx->profile->name,
	    json_array() };
	EVP_PKEY *key = ctx->access.key;
	int r;

	memset(&chk, 0, sizeof(chk));
	r = rst_journal_verify(ctx->profile, key, ctx->access.st, &chk, err);
	if (r == 0)
		r = rst_journal_foreach(ctx->profile, key, order_cb, &ord, err);
	json_object_set_new(ctx->result, "exceptions", ord.out);
	json_object_set_new(ctx->result, "lines",
	    json_integer((json_int_t)chk.lines));
	if (chk.bad_line != 0)
		json_object_set_new(ctx->result, "first_bad_line",
		    json_integer((json_int_t)chk.bad_line));
	json_object_set_new(ctx->result, "repository_reuploaded",
	    json_boolean(chk.repo_reuploaded));
	if (r == 0 && !ctx->json)
		rst_log_info("journal of %s verified: %llu records, chain, "
		    "signatures and head intact%s", ctx->profile->name,
		    (unsigned long long)chk.lines, chk.repo_reuploaded ?
		    "; repository copy brought up to date" : "");
	return r;
}

static int
cmd_journal_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	(void)args;
	return journal_verify(ctx, err);
}

const struct rst_cmd rst_cmd_journal = {
	.name = "journal",
	.usage = "verify PROFILE",
	.summary = "check the journal's chain, signatures and head",
	.min_args = 2, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE | CMD_OPENS_REPO,
	.action = "verify",
	.profile_arg = 1,
	.need = RST_NEED_VERIFY,
	.run = cmd_journal_run,
};
