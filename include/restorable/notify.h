/* SPDX-License-Identifier: ISC */
/*
 * Notifications after a run: a JSON POST to notify.webhook and a mail
 * through notify.smtp, both through libcurl with TLS verified.  A failed
 * notification is reported to the caller, who logs and journals it; it
 * never changes the job's own result.
 */
#ifndef RESTORABLE_NOTIFY_H
#define RESTORABLE_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/storage.h"

/*
 * Rewrite metrics_dir/restorable-NAME.prom (when metrics_dir is set) from
 * the journal and the repository's snapshot count (st may be NULL): the
 * textfile node_exporter's collector reads.
 */
int	rst_metrics_write(const struct rst_profile *, EVP_PKEY *key,
	    struct rst_storage *st, struct rst_err *) RST_MUST_CHECK;

/* True when the profile wants a notification for this outcome. */
bool	rst_notify_wanted(const struct rst_profile *, bool success);

int	rst_notify_webhook(const struct rst_profile *, json_t *payload,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_notify_smtp(const struct rst_profile *, const char *subject,
	    const char *body, struct rst_err *) RST_MUST_CHECK;

/*
 * notify.heartbeat: a GET of the URL after every run of the profile, of
 * URL/fail when it failed (healthchecks.io style), so a runner that stops
 * running is noticed by the service that expects the calls.
 */
int	rst_notify_heartbeat(const struct rst_profile *, bool ok,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * The sentences below are in via's (or p's) lang, English when unset.
 * "NAME on HOST: TASK failed (exit N): CAUSE" (or "...: done, every task
 * passed") from a run summary {tasks: [{task, exit, error}], error}; name
 * is the profile's name, or its file when it did not load.
 */
void	rst_alert_line(const struct rst_profile *via, const char *name,
	    int code, json_t *summary, char *buf, size_t len);
/* The dead-man sentence: no good backup since last_ok (0: none at all). */
void	rst_alert_deadman_line(const struct rst_profile *p, int64_t last_ok,
	    int64_t now, char *buf, size_t len);
/* The sentence of `notify test`. */
void	rst_alert_test_line(const struct rst_profile *p, char *buf,
	    size_t len);
/* Each channel's outcome (channel "webhook" or "smtp"). */
typedef void (*rst_alert_done_cb)(void *arg, const char *channel, int r,
	    const struct rst_err *);
/*
 * Send one alert through via's webhook (the summary with "message" = line,
 * "text" = line and what to do about it, "lang") and mail (subject and
 * first line = line, then what to do, then the JSON).  What to do follows
 * from code, or from summary's "alert": "no_good_backup" (the dead man).
 */
void	rst_alert_send(const struct rst_profile *via, int code,
	    const char *line, json_t *summary, rst_alert_done_cb done,
	    void *arg);

#endif
