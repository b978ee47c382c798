/* SPDX-License-Identifier: ISC */
/*
 * run: what cron or a systemd timer calls.  For every profile (named, or
 * all of CONFDIR/profiles/NAME.conf) it reads the journal, decides from the
 * profile's schedule what is due (backup, drill, prune), runs it under the
 * profile's lock, notifies, and exits with the worst code of what it ran.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/repo.h"
#include "restorable/tsa.h"
#include "restorable/log.h"
#include "restorable/notify.h"
#include "restorable/text.h"
#include "restorable/util.h"

extern const struct rst_cmd rst_cmd_backup, rst_cmd_drill, rst_cmd_prune;

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
/*
 * Set o's "reason" from err (its own code, or the one its exit code stands
 * for) unless the command already gave one: the alert names the cause.
 */
static void
set_reason(json_t *o, const struct rst_err *err, int r, bool no_paths)
{
	struct rst_reason why;
	json_t *j;

	if (json_object_get(o, "reason") != NULL)
		return;
	rst_err_get_reason(err, r, &why);
	if ((j = rst_reason_json(&why, no_paths)) != NULL)
		json_object_set_new(o, "reason", j);
}

/*
 * Run one command on the profile run loaded, under run's lock: the
 * dispatcher's own call, with no options and no operands.
 */
static int
task(struct rst_ctx *parent, const struct rst_cmd *cmd, const char *path,
    json_t *tasks)
{
	static const struct rst_args none = { NULL, 0, NULL, 0 };
	struct rst_ctx sub;
	struct rst_err err = RST_ERR_INIT;
	int r, code;

	memset(&sub, 0, sizeof(sub));
	sub.confdir = parent->confdir;
	sub.progress = parent->progress;
	sub.now = parent->now;
	sub.command = cmd->name;
	sub.profile = parent->profile;
	sub.lock_held = true;
	sub.result = json_object();
	json_object_set_new(sub.result, "profile",
	    json_string(sub.profile->name));
	r = rst_cmd_call(&sub, cmd, &none, &err);
	code = rst_exit_code(r);
	if (r != 0)
		rst_log_error("%s %s: %s", cmd->name, path, err.msg);
	json_object_set_new(sub.result, "task", json_string(cmd->name));
	json_object_set_new(sub.result, "exit", json_integer(code));
	if (r != 0) {
		json_object_set_new(sub.result, "error", rst_json_text(err.msg));
		set_reason(sub.result, &err, r, sub.profile->encrypted);
	}
	json_array_append_new(tasks, sub.result);
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
}

/* Journal each channel's result (when a profile is loaded). */
static void
alert_done(void *arg, const char *channel, int r, const struct rst_err *err)
{
	struct rst_ctx *ctx = arg;

	if (r != 0)
		rst_log_warn("notification failed: %s", err->msg);
	if (ctx->profile != NULL)
		journal_notify(ctx, channel, r, err);
}

static void
send_alert(struct rst_ctx *ctx, const struct rst_profile *via, int code,
    const char *line, json_t *summary)
{
	rst_alert_send(via, code, line, summary, alert_done, ctx);
}

static void
notify(struct rst_ctx *ctx, int code, json_t *summary)
{
	char line[600];

	if (!rst_notify_wanted(ctx->profile, code == 0))
		return;
	rst_alert_line(ctx->profile, ctx->profile->name, code, summary, line,
	    sizeof(line));
	send_alert(ctx, ctx->profile, code, line, summary);
}

static void
heartbeat(const struct rst_profile *p, bool ok)
{
	struct rst_err err = RST_ERR_INIT;

	if (rst_notify_heartbeat(p, ok, &err) != 0)
		rst_log_warn("%s", err.msg);
}

/*
 * The dead-man alert: when the newest good backup is older than
 * rpo_target (or there is none), alert now, and again every 24 hours while
 * it stays so (STATE/alerts/NAME.deadman holds the last alert's time); a
 * good backup ends it.  Whatever notify.on says: it is the alert for a
 * runner whose backups silently stopped.
 */
static void
dead_man(struct rst_ctx *ctx, EVP_PKEY *key, int64_t now, json_t *summary)
{
	const struct rst_profile *p = ctx->profile;
	struct rst_err err = RST_ERR_INIT;
	struct last l = { 0, 0, 0 };
	char *dir, *path, line[600];
	struct stat sb;
	int fd;

	if (p->rpo_target_ms == 0 || (p->webhook == NULL &&
	    p->smtp_url == NULL) || rst_journal_foreach(p, key, last_cb, &l,
	    &err) != 0)
		return;
	dir = rst_path_join(p->state_dir, "alerts");
	path = rst_strdupf("%s/alerts/%s.deadman", p->state_dir, p->name);
	if (dir == NULL || path == NULL)
		goto out;
	if (l.backup_ok != 0 &&
	    (uint64_t)(now - l.backup_ok) * 1000 <= p->rpo_target_ms) {
		(void)unlink(path);
		goto out;
	}
	if (lstat(path, &sb) == 0 && time(NULL) - sb.st_mtime < 24 * 3600)
		goto out;
	rst_alert_deadman_line(p, l.backup_ok, now, line, sizeof(line));
	rst_log_warn("%s", line);
	json_object_set_new(summary, "alert", json_string("no_good_backup"));
	send_alert(ctx, p, 1, line, summary);
	if (rst_mkdir_p(dir, 0700, &err) == 0 && (fd = open(path, O_WRONLY |
	    O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600)) != -1) {
		(void)futimens(fd, NULL);
		close(fd);
	}
 out:
	free(dir);
	free(path);
}

static void
journal_abort(struct rst_ctx *ctx, const char *what)
{
	struct rst_err err = RST_ERR_INIT, jerr = RST_ERR_INIT;
	json_t *data = json_pack("{s:s, s:i}", "what", what, "signal",
	    (int)rst_interrupted);

	rst_err_reason_nn(&err, RST_REASON_INTERRUPTED, (double)rst_interrupted,
	    NAN);
	rst_errf(&err, RST_EINTERNAL, "%s interrupted by signal %d", what,
	    (int)rst_interrupted);
	if (rst_ctx_journal(ctx, NULL, "abort", RST_EINTERNAL, &err, data,
	    &jerr) != 0)
		rst_log_warn("%s", jerr.msg);
}

/*
 * A lock held longer than the profile's lock_stale is a stuck run: an
 * error (exit 5, with the age in the message); a younger one is a run at
 * work.  The real clock, not --now.
 */
static bool
lock_is_stale(const struct rst_profile *p, const struct rst_lock_holder *h,
    struct rst_err *err)
{
	struct timespec ts;
	int64_t age;

	clock_gettime(CLOCK_REALTIME, &ts);
	age = (int64_t)ts.tv_sec - h->started;
	if (age < 0 || (uint64_t)age * 1000 < p->lock_stale_ms)
		return false;
	rst_err_prefix(err, "held for %lld s, more than lock_stale (%llu s)",
	    (long long)age, (unsigned long long)(p->lock_stale_ms / 1000));
	return true;
}

/*
 * A profile that could not be loaded, locked or read: log, and alert
 * through its own channels or, when it did not load, the site file's (a
 * typo in a profile must not silence the alert about it).
 */
static int
profile_failed(struct rst_ctx *ctx, const struct rst_profile *site,
    const char *path, int r, const struct rst_err *err, json_t *out)
{
	const struct rst_profile *via = ctx->profile ? ctx->profile : site;
	int code = rst_exit_code(r);
	json_t *summary;
	char line[600];

	if (ctx->problems_shown == 0 || ctx->profile != NULL)
		rst_log_error("%s", err->msg);
	ctx->problems_shown = 0;
	summary = json_pack("{s:o, s:i, s:o}", "profile",
	    rst_json_text(ctx->profile ? ctx->profile->name : path), "exit",
	    code, "error", rst_json_text(err->msg));
	set_reason(summary, err, r, via != NULL && via->encrypted);
	if (via != NULL && (via->webhook != NULL || via->smtp_url != NULL)) {
		rst_alert_line(via, ctx->profile ? ctx->profile->name : path,
		    code, summary, line, sizeof(line));
		send_alert(ctx, via, code, line, summary);
	}
	if (via != NULL)
		heartbeat(via, false);
	json_array_append(out, summary);
	json_decref(summary);
	return code;
}

/* Everything due for one profile, under its lock. */
static int
run_profile(struct rst_ctx *ctx, const struct rst_profile *site,
    const char *path, json_t *out)
{
	const struct rst_cmd *todo[3];
	struct rst_err err = RST_ERR_INIT;
	struct last l = { 0, 0, 0 };
	struct rst_lock_holder holder;
	int64_t now = rst_clock_now(&ctx->now);
	json_t *tasks = json_array(), *summary;
	EVP_PKEY *key = NULL;
	size_t n = 0, i;
	int lock = -1, worst = 0, r;

	if ((r = rst_ctx_load_profile(ctx, path, RST_NEED_PATHS |
	    RST_NEED_SIGNING, &err)) == 0 &&
	    (r = rst_profile_apply_site(ctx->profile, site, &err)) == 0 &&
	    (r = rst_lock_take(ctx->profile, "run", &lock, &holder,
	    &err)) == RST_ELOCKED && !lock_is_stale(ctx->profile, &holder,
	    &err)) {
		/* Another run or command is at work on it: not a failure. */
		rst_log_info("%s: skipped, %s", ctx->profile->name, err.msg);
		json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:i}",
		    "profile", ctx->profile->name, "skipped", "locked",
		    "note", err.msg, "exit", 0));
		goto out;
	}
	if (r != 0 ||
	    (r = rst_ctx_verify_key(ctx, &key, &err)) != 0 ||
	    (r = rst_journal_foreach(ctx->profile, key, last_cb, &l,
	    &err)) != 0) {
		worst = profile_failed(ctx, site, path, r, &err, out);
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
	/* One stamp per run and profile, after its appends. */
	if (n > 0 && ctx->profile->tsa_url != NULL)
		json_object_set_new(summary, "anchored", json_boolean(
		    rst_journal_anchor_or_warn(ctx->profile, NULL)));
	if (n > 0)
		notify(ctx, worst, summary);
	dead_man(ctx, key, now, summary);
	heartbeat(ctx->profile, worst == 0);
	json_array_append_new(out, summary);
 out:
	json_decref(tasks);
	EVP_PKEY_free(key);
	rst_lock_release(lock);
	rst_profile_free(ctx->profile);
	ctx->profile = NULL;
	return worst;
}

/* The site file, when there is one; a broken one is reported, not fatal. */
static struct rst_profile *
load_site(struct rst_ctx *ctx, int *worst)
{
	struct rst_profile *site = NULL;
	struct rst_err err = RST_ERR_INIT;

	if (rst_site_load(ctx->confdir, rst_ctx_print_diag, NULL, &site,
	    &err) != 0) {
		rst_log_error("site file: %s", err.msg);
		*worst = rst_exit_worst(*worst, rst_exit_code(err.code));
	}
	return site;
}

enum { OPT_NOW = 1 };

static const struct rst_opt run_opts[] = {
	{ OPT_NOW, "now", 0, true, 0 },
	{ 0, NULL, 0, false, 0 },
};

/* --now TIME sets the clock before anything is read. */
static int
cmd_run_check(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	return rst_ctx_set_now(ctx, rst_args_value(args, OPT_NOW), err);
}

static int
cmd_run_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_strlist profiles;
	struct rst_profile *site;
	json_t *out;
	size_t i;
	int worst = 0, r;

	if ((r = rst_profile_list(ctx->confdir, args->ops, (size_t)args->nops,
	    &profiles, err)) != 0)
		return r;
	out = json_array();
	site = load_site(ctx, &worst);
	for (i = 0; i < profiles.n; i++)
		worst = rst_exit_worst(worst, run_profile(ctx, site,
		    profiles.v[i], out));
	rst_strlist_release(&profiles);
	rst_profile_free(site);
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
	.flags = CMD_TAKES_LOCK | CMD_WRITES_JOURNAL,
	.options = run_opts,
	.check = cmd_run_check,
	.run = cmd_run_run,
};
