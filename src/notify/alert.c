/* SPDX-License-Identifier: ISC */
/*
 * Alerts people can act on, in the profile's (or the site file's) `lang`:
 * one sentence (profile, host, what failed, the cause), what to do about
 * it, then the machine-readable summary; sent through a profile's (or the
 * site file's) webhook and mail.  The sentences are alert_text.c's.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/notify.h"
#include "restorable/reason.h"
#include "restorable/text.h"
#include "restorable/util.h"
#include "restorable/text.h"

#include "alert_text.h"

#define RST_ALERT_ARG	160

static enum rst_lang
lang_of(const struct rst_profile *p)
{
	if (p == NULL || p->lang < 0 || p->lang >= RST_LANG_COUNT)
		return RST_LANG_EN;
	return (enum rst_lang)p->lang;
}

/* Copy a malloc'd sentence into buf (cut to fit) and free it. */
static void
put(char *s, char *buf, size_t len)
{
	snprintf(buf, len, "%s", s != NULL ? s : "(out of memory)");
	free(s);
}

static void
host_name(char *host, size_t len)
{
	if (gethostname(host, len - 1) != 0)
		host[0] = '\0';
	host[len - 1] = '\0';
}

/* What to do about this alert: by exit status, or for the dead man. */
static char *
advice(enum rst_lang l, int code, json_t *summary)
{
	static const enum rst_alert_msg by_code[] = {
		AM_ADVICE_OK, AM_ADVICE_1, AM_ADVICE_2, AM_ADVICE_3,
		AM_ADVICE_4, AM_ADVICE_5,
	};
	const char *alert = json_string_value(json_object_get(summary,
	    "alert"));
	const char *name = json_string_value(json_object_get(summary,
	    "profile"));

	if (alert != NULL && strcmp(alert, "no_good_backup") == 0)
		return rst_alert_msgf(l, AM_ADVICE_NO_GOOD, 1,
		    name != NULL ? name : "PROFILE");
	if (code >= 0 && code < (int)(sizeof(by_code) / sizeof(by_code[0])))
		return rst_alert_msgf(l, by_code[code], 0);
	return rst_alert_msgf(l, AM_ADVICE_OTHER, 0);
}

/* A task's name as the subject of "... failed". */
static const char *
task_name(enum rst_lang l, const char *task)
{
	static const struct {
		const char		*task;
		enum rst_alert_msg	 msg;
	} names[] = {
		{ "backup", AM_TASK_BACKUP },
		{ "drill", AM_TASK_DRILL },
		{ "prune", AM_TASK_PRUNE },
		{ "run", AM_TASK_RUN },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(task, names[i].task) == 0)
			return rst_alert_msg(l, names[i].msg);
	return task;
}

/*
 * The reason's sentence from the catalogue the report uses too; NULL when
 * the code is unknown or a configuration or usage error (the error's text
 * tells it better then).
 */
static char *
reason_text(enum rst_lang l, json_t *reason)
{
	const char *code = json_string_value(json_object_get(reason, "code"));

	int c = rst_reason_lookup(code);

	/* A profile's error names its file and line: the text says more. */
	if (c == RST_REASON_NONE || c == RST_REASON_CONFIG_ERROR ||
	    c == RST_REASON_USAGE_ERROR)
		return NULL;
	return rst_report_cause((int)l, reason, 0);
}

/*
 * A task's reason: its "reason" {code, args} when it has one, else what
 * a drill's result shows (a failed check, files that differ).
 */
static json_t *
task_reason(json_t *t)
{
	json_t *r = json_object_get(t, "reason"), *c;
	json_int_t miss, chg, extra;
	size_t i;

	if (r != NULL)
		return json_incref(r);
	json_array_foreach(json_object_get(t, "checks"), i, c)
		if (json_integer_value(json_object_get(c, "exit")) != 0)
			return json_pack("{s:s, s:{s:O, s:O}}", "code",
			    "check_failed", "args", "check", json_object_get(c,
			    "name"), "exit", json_object_get(c, "exit"));
	miss = json_integer_value(json_object_get(t, "missing"));
	chg = json_integer_value(json_object_get(t, "changed"));
	extra = json_integer_value(json_object_get(t, "extra"));
	if (miss + chg + extra > 0)
		return json_pack("{s:s, s:{s:I, s:I, s:I}}", "code",
		    "files_differ", "args", "missing", miss, "changed", chg,
		    "extra", extra);
	return NULL;
}

/* The cause in l from the failed task (or the summary), else its error. */
static char *
cause(enum rst_lang l, json_t *summary, json_t *failed)
{
	json_t *src = failed != NULL ? failed : summary, *why;
	const char *error = json_string_value(json_object_get(src, "error"));
	char *s;

	why = task_reason(src);
	s = why != NULL ? reason_text(l, why) : NULL;
	json_decref(why);
	if (s == NULL && error != NULL)
		s = strdup(error);
	return s;
}

void
rst_alert_line(const struct rst_profile *via, const char *name, int code,
    json_t *summary, char *buf, size_t len)
{
	enum rst_lang l = lang_of(via);
	const char *task = NULL;
	char host[128] = "", num[16], *why;
	json_t *t, *failed = NULL;
	size_t i;

	host_name(host, sizeof(host));
	json_array_foreach(json_object_get(summary, "tasks"), i, t)
		if (failed == NULL && json_integer_value(json_object_get(t,
		    "exit")) != 0) {
			failed = t;
			task = json_string_value(json_object_get(t, "task"));
		}
	task = task_name(l, task != NULL ? task : "run");
	snprintf(num, sizeof(num), "%d", code);
	if (code == 0) {
		put(rst_alert_msgf(l, AM_DONE, 2, name, host), buf, len);
		return;
	}
	if ((why = cause(l, summary, failed)) != NULL)
		put(rst_alert_msgf(l, AM_FAILED, 5, name, host, task, num,
		    why), buf, len);
	else
		put(rst_alert_msgf(l, AM_FAILED_BARE, 4, name, host, task,
		    num), buf, len);
	free(why);
}

void
rst_alert_deadman_line(const struct rst_profile *p, int64_t last_ok,
    int64_t now, char *buf, size_t len)
{
	enum rst_lang l = lang_of(p);
	char since[40], hours[24], rpo[24];

	snprintf(rpo, sizeof(rpo), "%llu",
	    (unsigned long long)(p->rpo_target_ms / 3600000));
	if (last_ok == 0) {
		put(rst_alert_msgf(l, AM_NO_GOOD_EVER, 2, p->name, rpo), buf,
		    len);
		return;
	}
	rst_format_rfc3339(last_ok, 0, since, sizeof(since));
	snprintf(hours, sizeof(hours), "%lld", (long long)((now - last_ok) /
	    3600));
	put(rst_alert_msgf(l, AM_NO_GOOD_SINCE, 4, p->name, hours, since,
	    rpo), buf, len);
}

void
rst_alert_test_line(const struct rst_profile *p, char *buf, size_t len)
{
	char host[128] = "";

	host_name(host, sizeof(host));
	put(rst_alert_msgf(lang_of(p), AM_TEST, 2, p->name, host), buf, len);
}

void
rst_alert_send(const struct rst_profile *via, int code, const char *line,
    json_t *summary, rst_alert_done_cb done, void *arg)
{
	struct rst_err err = RST_ERR_INIT;
	enum rst_lang l = lang_of(via);
	char subject[200], *json, *body = NULL, *what, *todo = NULL;
	int r;

	if ((what = advice(l, code, summary)) != NULL)
		todo = rst_alert_msgf(l, AM_WHAT_TO_DO, 1, what);
	free(what);
	snprintf(subject, sizeof(subject), "restorable: %s", line);
	json_object_set_new(summary, "message", rst_json_text(line));
	json_object_set_new(summary, "lang", json_string(rst_lang_code(l)));
	if (todo != NULL && (body = rst_strdupf("%s\n%s", line, todo)) != NULL)
		json_object_set_new(summary, "text", rst_json_text(body));
	free(body);
	if (via->webhook != NULL) {
		r = rst_notify_webhook(via, summary, &err);
		done(arg, "webhook", r, &err);
	}
	if (via->smtp_url != NULL) {
		rst_err_clear(&err);
		json = rst_json_dumps(summary, JSON_INDENT(2));
		body = json && todo ? rst_strdupf("%s\n\n%s\n\n%s\n", line,
		    todo, json) : NULL;
		r = body ? rst_notify_smtp(via, subject, body, &err) :
		    rst_errf(&err, RST_ENOMEM, "out of memory");
		done(arg, "smtp", r, &err);
		free(json);
		free(body);
	}
	free(todo);
}
