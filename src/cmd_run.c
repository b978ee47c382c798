/* SPDX-License-Identifier: ISC */
/*
 * run: what cron or a systemd timer calls.  For every profile (named, or
 * all of CONFDIR/profiles/NAME.conf) it reads the journal, decides from the
 * profile's schedule what is due (backup, drill, prune), runs it under the
 * profile's lock, notifies, and exits with the worst code of what it ran.
 */
#include "config.h"

#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/notify.h"
#include "restorable/text.h"
#include "restorable/util.h"

extern const struct rst_cmd rst_cmd_run, rst_cmd_backup, rst_cmd_drill,
    rst_cmd_prune;

struct last {
	int64_t	backup_ok, drill, prune;
};

static int
last_cb(void *arg, json_t *rec)
{
	struct last *l = arg;
	const char *kind = "", *result = "", *ts = "";
	int64_t t;

	if (json_unpack(rec, "{s:s, s:s, s:s}", "kind", &kind, "result",
	    &result, "ts", &ts) != 0 || rst_parse_rfc3339(ts, &t) != 0)
		return 0;
	if (strcmp(kind, "backup") == 0 && strcmp(result, "pass") == 0)
		l->backup_ok = t;
	else if (strcmp(kind, "drill") == 0)
		l->drill = t;
	else if (strcmp(kind, "prune") == 0)
		l->prune = t;
	return 0;
}

static bool
due(uint64_t every_ms, int64_t last, int64_t now)
{
	return every_ms > 0 && (last == 0 ||
	    (uint64_t)(now - last) * 1000 >= every_ms);
}

/* Run one command as if from the command line, under run's lock. */
static int
task(struct rst_ctx *parent, const struct rst_cmd *cmd, const char *path,
    json_t *tasks)
{
	struct rst_ctx sub;
	struct rst_err err = RST_ERR_INIT;
	char *argv[] = { (char *)cmd->name, (char *)path, NULL };
	int r, code;

	memset(&sub, 0, sizeof(sub));
	sub.confdir = parent->confdir;
	sub.lock_held = true;
	sub.result = json_object();
	r = cmd->run(&sub, 2, argv, &err);
	code = rst_exit_code(r);
	if (r != 0)
		rst_log_error("%s %s: %s", cmd->name, path, err.msg);
	json_object_set_new(sub.result, "task", json_string(cmd->name));
	json_object_set_new(sub.result, "exit", json_integer(code));
	if (r != 0)
		json_object_set_new(sub.result, "error", rst_json_text(err.msg));
	json_array_append_new(tasks, sub.result);
	rst_profile_free(sub.profile);
	return code;
}

static void
journal_notify(struct rst_ctx *ctx, const char *channel, int r,
    const struct rst_err *operr)
{
	struct rst_err jerr = RST_ERR_INIT;
	json_t *data = json_pack("{s:s, s:s}", "channel", channel, "result",
	    r == 0 ? "pass" : "fail");

	if (rst_ctx_journal(ctx, NULL, "notify", r, operr, data, &jerr) != 0)
		rst_log_warn("%s", jerr.msg);
	json_decref(data);
}

/* Failed notifications are logged and journaled, never the job's result. */
static void
notify(struct rst_ctx *ctx, int code, json_t *summary)
{
	const struct rst_profile *p = ctx->profile;
	struct rst_err err = RST_ERR_INIT;
	char subject[256], *body;
	int r;

	if (!rst_notify_wanted(p, code == 0))
		return;
	snprintf(subject, sizeof(subject), "restorable: %s %s (exit %d)",
	    p->name, code == 0 ? "ok" : "FAILED", code);
	if (p->webhook != NULL) {
		if ((r = rst_notify_webhook(p, summary, &err)) != 0)
			rst_log_warn("notification failed: %s", err.msg);
		journal_notify(ctx, "webhook", r, &err);
	}
	if (p->smtp_url != NULL) {
		rst_err_clear(&err);
		body = json_dumps(summary, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER);
		r = body ? rst_notify_smtp(p, subject, body, &err) :
		    rst_errf(&err, RST_ENOMEM, "out of memory");
		if (r != 0)
			rst_log_warn("notification failed: %s", err.msg);
		journal_notify(ctx, "smtp", r, &err);
		free(body);
	}
}

static void
journal_abort(struct rst_ctx *ctx, const char *what)
{
	struct rst_err err = RST_ERR_INIT, jerr = RST_ERR_INIT;
	json_t *data = json_pack("{s:s, s:i}", "what", what, "signal",
	    (int)rst_interrupted);

	rst_errf(&err, RST_EINTERNAL, "%s interrupted by signal %d", what,
	    (int)rst_interrupted);
	if (rst_ctx_journal(ctx, NULL, "abort", RST_EINTERNAL, &err, data,
	    &jerr) != 0)
		rst_log_warn("%s", jerr.msg);
	json_decref(data);
}

/* Everything due for one profile, under its lock. */
static int
run_profile(struct rst_ctx *ctx, const char *path, json_t *out)
{
	const struct rst_cmd *todo[3];
	struct rst_err err = RST_ERR_INIT;
	struct last l = { 0, 0, 0 };
	int64_t now = rst_now_ns() / 1000000000;
	json_t *tasks = json_array(), *summary;
	EVP_PKEY *key = NULL;
	size_t n = 0, i;
	int lock = -1, worst = 0, r;

	if ((r = rst_ctx_load_profile(ctx, path, RST_NEED_PATHS |
	    RST_NEED_SIGNING, &err)) != 0 ||
	    (r = rst_lock_take(ctx->profile, &lock, &err)) != 0 ||
	    (r = rst_ctx_verify_key(ctx, &key, &err)) != 0 ||
	    (r = rst_journal_foreach(ctx->profile, key, last_cb, &l,
	    &err)) != 0) {
		rst_log_error("%s", err.msg);
		worst = rst_exit_code(r);
		json_array_append_new(out, json_pack("{s:o, s:i, s:o}",
		    "profile", rst_json_text(path), "exit", worst, "error",
		    rst_json_text(err.msg)));
		goto out;
	}
	if (due(ctx->profile->schedule_backup_ms, l.backup_ok, now))
		todo[n++] = &rst_cmd_backup;
	if (due(ctx->profile->schedule_drill_ms, l.drill, now))
		todo[n++] = &rst_cmd_drill;
	if (due(ctx->profile->schedule_prune_ms, l.prune, now))
		todo[n++] = &rst_cmd_prune;
	for (i = 0; i < n; i++) {
		worst = rst_exit_worst(worst, task(ctx, todo[i], path, tasks));
		if (rst_interrupted != 0) {
			journal_abort(ctx, todo[i]->name);
			break;
		}
	}
	if (n == 0)
		rst_log_info("%s: nothing due", ctx->profile->name);
	summary = json_pack("{s:s, s:O, s:i}", "profile", ctx->profile->name,
	    "tasks", tasks, "exit", worst);
	if (n > 0)
		notify(ctx, worst, summary);
	json_array_append_new(out, summary);
 out:
	json_decref(tasks);
	EVP_PKEY_free(key);
	rst_lock_release(lock);
	rst_profile_free(ctx->profile);
	ctx->profile = NULL;
	return worst;
}

/* Every profile file in CONFDIR/profiles, sorted. */
static int
all_profiles(const struct rst_ctx *ctx, glob_t *g, struct rst_err *err)
{
	const char *dir = ctx->confdir ? ctx->confdir :
	    getenv("RESTORABLE_CONFIG") ? getenv("RESTORABLE_CONFIG") :
	    RST_DEFAULT_CONFDIR;
	char *pat = rst_strdupf("%s/profiles/*.conf", dir);
	int r;

	if (pat == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = glob(pat, 0, NULL, g);
	free(pat);
	if (r == GLOB_NOMATCH)
		return rst_errf(err, RST_ECONFIG, "%s/profiles: no profile "
		    "(*.conf) found", dir);
	return r == 0 ? 0 : rst_errf(err, RST_EIO, "%s/profiles: cannot "
	    "read", dir);
}

static int
cmd_run_run(struct rst_ctx *ctx, int argc, char **argv, struct rst_err *err)
{
	static const struct option opts[] = {
		{ "now", required_argument, NULL, 't' },
		{ NULL, 0, NULL, 0 },
	};
	json_t *out = json_array();
	glob_t g;
	int64_t now;
	int c, worst = 0, i, r = 0;

	memset(&g, 0, sizeof(g));
	rst_cmd_getopt_reset();
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't' && rst_parse_rfc3339(optarg, &now) == 0)
			rst_clock_set(now);
		else if (c == 't')
			r = rst_errf(err, RST_EUSAGE, "run: --now %s: not an "
			    "RFC 3339 UTC time like 2026-11-24T18:50:00Z",
			    optarg);
		else
			r = rst_cmd_bad_option(&rst_cmd_run, argc, argv, err);
		if (err->code != 0) {
			json_decref(out);
			return r;
		}
	}
	if (optind == argc && (r = all_profiles(ctx, &g, err)) != 0) {
		json_decref(out);
		return r;
	}
	if (optind < argc)
		for (i = optind; i < argc; i++)
			worst = rst_exit_worst(worst, run_profile(ctx, argv[i],
			    out));
	else
		for (i = 0; i < (int)g.gl_pathc; i++)
			worst = rst_exit_worst(worst, run_profile(ctx,
			    g.gl_pathv[i], out));
	globfree(&g);
	json_object_set_new(ctx->result, "profiles", out);
	if (worst != 0)
		return rst_errf(err, rst_code_for_exit(worst), "run: worst "
		    "result exit %d (see the messages above)", worst);
	return 0;
}

const struct rst_cmd rst_cmd_run = {
	.name = "run",
	.usage = "[--now TIME] [PROFILE...]",
	.summary = "do what is due (backup, drill, prune) for cron or timers",
	.min_args = 0, .max_args = -1,
	.run = cmd_run_run,
};
