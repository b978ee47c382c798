/* SPDX-License-Identifier: ISC */
/*
 * notify test PROFILE: send one test alert through every channel the
 * profile (or, without its own notify group, the site file) has: webhook,
 * mail and heartbeat.  Each channel's result is printed and journaled;
 * exit 3 when one failed, 2 when there is no channel at all.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/log.h"
#include "restorable/notify.h"
#include "restorable/util.h"

struct test_state {
	struct rst_ctx	*ctx;
	int		 worst;
	json_t		*channels;
};

static void
record(struct test_state *ts, const char *channel, int r,
    const struct rst_err *err)
{
	struct rst_err jerr = RST_ERR_INIT;
	json_t *data = json_pack("{s:s, s:s, s:b}", "channel", channel,
	    "result", r == 0 ? "pass" : "fail", "test", 1);

	if (r == 0)
		rst_log_info("%s: %s: test sent", ts->ctx->profile->name,
		    channel);
	else
		rst_log_error("%s: %s: %s", ts->ctx->profile->name, channel,
		    err->msg);
	json_array_append(ts->channels, data);
	if (rst_ctx_journal(ts->ctx, NULL, "notify", r, err, data,
	    &jerr) != 0)
		rst_log_warn("%s", jerr.msg);
	if (r != 0)
		ts->worst = r;
}

static void
test_done(void *arg, const char *channel, int r, const struct rst_err *err)
{
	record(arg, channel, r, err);
}

static int
notify_test(struct rst_ctx *ctx, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;
	struct test_state ts = { ctx, 0, json_array() };
	struct rst_err herr = RST_ERR_INIT;
	char line[400];
	json_t *summary;
	int r;

	if (p->webhook == NULL && p->smtp_url == NULL && p->heartbeat == NULL) {
		json_decref(ts.channels);
		return rst_errf(err, RST_ECONFIG, "%s: no notify channel (the "
		    "profile's notify group or the site file's)", p->file);
	}
	rst_alert_test_line(p, line, sizeof(line));
	summary = json_pack("{s:s, s:b, s:i}", "profile", p->name, "test", 1,
	    "exit", 0);
	rst_alert_send(p, 0, line, summary, test_done, &ts);
	if (p->heartbeat != NULL) {
		r = rst_notify_heartbeat(p, true, &herr);
		record(&ts, "heartbeat", r, &herr);
	}
	json_decref(summary);
	json_object_set_new(ctx->result, "channels", ts.channels);
	if (ts.worst != 0)
		return rst_errf(err, ts.worst, "%s: a notify channel failed "
		    "(above)", p->name);
	return 0;
}

/* Without a notify group of its own, the profile uses the site file's. */
static int
cmd_notify_prepare(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_profile *site = NULL;
	int r;

	(void)args;
	if ((r = rst_site_load(ctx->confdir, rst_ctx_print_diag, NULL, &site,
	    err)) == 0)
		r = rst_profile_apply_site(ctx->profile, site, err);
	rst_profile_free(site);
	return r;
}

/* Each channel's result is its own record (record() above). */
static int
cmd_notify_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	(void)args;
	return notify_test(ctx, err);
}

const struct rst_cmd rst_cmd_notify = {
	.name = "notify",
	.usage = "test PROFILE",
	.summary = "send a test alert through every notify channel, journaled",
	.min_args = 2, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE | CMD_WRITES_JOURNAL,
	.action = "test",
	.profile_arg = 1,
	.need = RST_NEED_SIGNING,
	.prepare = cmd_notify_prepare,
	.run = cmd_notify_run,
};
