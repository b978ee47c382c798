/* SPDX-License-Identifier: ISC */
/*
 * The report's exact scope: the host it was made on, the profiles it
 * covers and those it leaves out (configured here, or found in the
 * repository), and per profile a configuration block read from the
 * profile: what it backs up (not for an encrypted profile, whose paths its
 * manifests do not reveal either), encryption, where the copy lives
 * (scheme and host only: never user names, passwords or queries), Object
 * Lock, schedule and retention.  A key that is unset is null, so the
 * renderers say "not configured" instead of showing a default as a
 * target.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"

static json_t *
strlist(const struct rst_strlist *l)
{
	json_t *a = json_array(), *s;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if ((s = json_string(l->v[i])) == NULL)	/* not UTF-8 */
			s = json_string("?");
		json_array_append_new(a, s);
	}
	return a;
}

static json_t *
opt_ms(uint64_t ms)
{
	return ms > 0 ? json_real((double)ms / 1000) : json_null();
}

static json_t *
opt_int(int v)
{
	return v >= 0 ? json_integer(v) : json_null();
}

/* "sftp://user:pw@host:22/path?x" -> {scheme "sftp", host "host:22"}. */
static json_t *
repository(const char *url)
{
	const char *sep = url ? strstr(url, "://") : NULL;
	const struct rst_storage_ops *ops = rst_storage_backend_of(url);
	const char *h, *at, *end;
	char scheme[16], host[256];
	size_t n;

	if (sep == NULL || (size_t)(sep - url) >= sizeof(scheme))
		return json_pack("{s:n, s:n}", "scheme", "host");
	memcpy(scheme, url, (size_t)(sep - url));
	scheme[sep - url] = '\0';
	h = sep + 3;
	end = h + strcspn(h, "/?#");
	at = memchr(h, '@', (size_t)(end - h));
	if (at != NULL)
		h = at + 1;
	n = (size_t)(end - h);
	if (n >= sizeof(host))
		n = sizeof(host) - 1;
	memcpy(host, h, n);
	host[n] = '\0';
	return json_pack("{s:s, s:o}", "scheme", scheme, "host",
	    n > 0 && (ops == NULL || !ops->local) ? json_string(host) :
	    json_null());
}

static json_t *
retention(const struct rst_profile *p)
{
	if (p->keep_last < 0 && p->keep_daily < 0 && p->keep_weekly < 0 &&
	    p->keep_monthly < 0)
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o}", "keep_last",
	    opt_int(p->keep_last), "keep_daily", opt_int(p->keep_daily),
	    "keep_weekly", opt_int(p->keep_weekly), "keep_monthly",
	    opt_int(p->keep_monthly));
}

json_t *
rst_report_config(const struct rst_report_journal *j)
{
	const struct rst_profile *p = j->profile;
	json_t *repo;

	if (p == NULL)
		return json_null();
	repo = repository(p->repo.url);
	return json_pack("{s:o, s:{s:s, s:I}, s:o, s:b, s:o, s:{s:o, s:o, "
	    "s:o}, s:o}",
	    "sources", p->encrypted ? json_pack("{s:n, s:n, s:b}", "paths",
	    "exclude", "hidden", 1) : json_pack("{s:o, s:o, s:b}", "paths",
	    strlist(&p->paths), "exclude", strlist(&p->exclude), "hidden", 0),
	    "encryption", "mode", p->encrypted ? "age" : "none",
	    "recipients", (json_int_t)(p->encrypted ? p->recipients.n : 0),
	    "repository", repo,
	    "off_site", rst_jhas(repo, "host"),
	    "object_lock", p->repo.object_lock_days > 0 ? json_pack("{s:i, "
	    "s:s?}", "days", p->repo.object_lock_days, "mode",
	    p->repo.object_lock_mode) : json_null(),
	    "schedule", "backup_seconds", opt_ms(p->schedule_backup_ms),
	    "drill_seconds", opt_ms(p->schedule_drill_ms), "prune_seconds",
	    opt_ms(p->schedule_prune_ms),
	    "retention", retention(p));
}

const char *
rst_report_evidence_from(const struct rst_report_journal *j)
{
	return rst_jstr(json_array_get(j->records, 0), "ts");
}

static bool
in_set(const struct rst_report_set *set, const char *name)
{
	size_t i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i].name, name) == 0)
			return true;
	return false;
}

void
rst_report_scope(json_t *scope, const struct rst_report_set *set)
{
	json_t *in = json_array(), *out = json_array(), *v;
	char host[256];
	size_t i;

	if (gethostname(host, sizeof(host)) != 0)
		host[0] = '\0';
	host[sizeof(host) - 1] = '\0';
	for (i = 0; i < set->n; i++)
		json_array_append_new(in, json_string(set->v[i].name));
	json_array_foreach(set->configured, i, v)
		if (json_is_string(v) && !in_set(set, json_string_value(v)))
			json_array_append(out, v);
	if ((v = json_string(host)) == NULL)	/* not UTF-8 */
		v = json_string("?");
	json_object_set_new(scope, "host", v);
	json_object_set_new(scope, "profiles", in);
	json_object_set_new(scope, "left_out", out);
	json_object_set_new(scope, "found", set->repository && set->found ?
	    json_incref(set->found) : json_null());
	json_object_set_new(scope, "named", set->named ?
	    json_incref(set->named) : json_null());
}
