/* SPDX-License-Identifier: ISC */
/*
 * Alerts people can act on: one sentence (profile, host, what failed,
 * the cause), what to do about that exit status, then the machine-readable
 * summary; sent through a profile's (or the site file's) webhook and mail.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/notify.h"
#include "restorable/util.h"
#include "restorable/text.h"

/* What to do about an exit status: the second line of every alert. */
const char *
rst_alert_advice(int code)
{
	switch (code) {
	case 0:
		return "nothing";
	case 1:
		return "a drill, a check or a restore failed: read the "
		    "messages above and the drill's details, then repair the "
		    "data set or its check";
	case 2:
		return "the profile or the command is wrong: run `restorable "
		    "check-config`";
	case 3:
		return "the repository, the network or a disk failed: run "
		    "`restorable check-config --connect`, check free space "
		    "and credentials";
	case 4:
		return "an integrity check failed: trust none of the "
		    "affected snapshots, run `restorable verify --deep` and "
		    "look for tampering or damaged storage";
	case 5:
		return "the profile's lock is held too long: look for a stuck "
		    "restorable process (named above)";
	default:
		return "an internal error or an interrupted run: run it again "
		    "by hand and keep its messages";
	}
}

/* "NAME on HOST: TASK failed (exit N): ERROR" or "...: done". */
void
rst_alert_line(const char *name, int code, json_t *summary, char *buf,
    size_t len)
{
	const char *task = NULL, *error = NULL;
	char host[128] = "";
	json_t *t;
	size_t i;

	if (gethostname(host, sizeof(host) - 1) != 0)
		host[0] = '\0';
	json_array_foreach(json_object_get(summary, "tasks"), i, t)
		if (task == NULL && json_integer_value(json_object_get(t,
		    "exit")) != 0) {
			task = json_string_value(json_object_get(t, "task"));
			error = json_string_value(json_object_get(t, "error"));
		}
	if (error == NULL)
		error = json_string_value(json_object_get(summary, "error"));
	if (code == 0)
		snprintf(buf, len, "%s on %s: done, every task passed", name,
		    host);
	else
		snprintf(buf, len, "%s on %s: %s failed (exit %d)%s%s", name,
		    host, task != NULL ? task : "run", code, error ? ": " : "",
		    error ? error : "");
}

void
rst_alert_send(const struct rst_profile *via, int code, const char *line,
    json_t *summary, rst_alert_done_cb done, void *arg)
{
	struct rst_err err = RST_ERR_INIT;
	char subject[200], *json, *body;
	int r;

	snprintf(subject, sizeof(subject), "restorable: %s", line);
	json_object_set_new(summary, "message", json_string(line));
	if (via->webhook != NULL) {
		r = rst_notify_webhook(via, summary, &err);
		done(arg, "webhook", r, &err);
	}
	if (via->smtp_url != NULL) {
		rst_err_clear(&err);
		json = rst_json_dumps(summary, JSON_INDENT(2));
		body = json ? rst_strdupf("%s\n\nWhat to do: %s.\n\n%s\n",
		    line, rst_alert_advice(code), json) : NULL;
		r = body ? rst_notify_smtp(via, subject, body, &err) :
		    rst_errf(&err, RST_ENOMEM, "out of memory");
		done(arg, "smtp", r, &err);
		free(json);
		free(body);
	}
}
