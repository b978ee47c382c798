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
 * target.  A profile of a fleet report that is not configured here gets
 * the block its newest good snapshot's verified manifest records
 * ("source": "manifest"), null, "not recorded", for what no manifest
 * says.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/crypto.h"
#include "restorable/repo.h"
#include "restorable/snapshot.h"

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
	json_t *repo, *c;

	if (p == NULL)
		return json_null();
	repo = repository(p->repo.url);
	c = json_pack("{s:s, s:n, s:o, s:{s:s, s:I}, s:{s:s, s:i}, "
	    "s:I, s:o, s:b, s:o, s:{s:o, s:o, s:o}, s:o}",
	    "source", "profile", "manifest",
	    "sources", p->encrypted ? json_pack("{s:n, s:n, s:b}", "paths",
	    "exclude", "hidden", 1) : json_pack("{s:o, s:o, s:b}", "paths",
	    strlist(&p->paths), "exclude", strlist(&p->exclude), "hidden", 0),
	    "encryption", "mode", p->encrypted ? "age" : "none",
	    "recipients", (json_int_t)(p->encrypted ? p->recipients.n : 0),
	    "compression", "algorithm", "zstd", "level", p->zstd_level,
	    "part_size", (json_int_t)p->part_size,
	    "repository", repo,
	    "off_site", rst_jhas(repo, "host"),
	    "object_lock", p->repo.object_lock_days > 0 ? json_pack("{s:i, "
	    "s:s?}", "days", p->repo.object_lock_days, "mode",
	    p->repo.object_lock_mode) : json_null(),
	    "schedule", "backup_seconds", opt_ms(p->schedule_backup_ms),
	    "drill_seconds", opt_ms(p->schedule_drill_ms), "prune_seconds",
	    opt_ms(p->schedule_prune_ms),
	    "retention", retention(p));
	return c != NULL ? c : json_null();
}

/*
 * What a verified manifest records of a profile not configured here (m
 * NULL: none): the sources (never for an encrypted profile), encryption
 * and its recipients' SHA-256, compression, the part size (a snapshot of
 * more than one part shows it), the repository the report read, and
 * Object Lock in use when the report found locked copies of the journal's
 * head (locked > 0); the rest (excludes, recipient count, level, Object
 * Lock days and mode, schedule, retention) no manifest records, and stays
 * null.
 */
static json_t *
manifest_config(const struct rst_manifest *m, const char *url,
    long long locked)
{
	bool enc = m != NULL && m->encryption != NULL &&
	    strcmp(m->encryption, "none") != 0;
	json_t *repo = repository(url), *c;

	c = json_pack("{s:s, s:o, s:{s:o, s:n, s:b}, s:{s:o, s:n, s:o}, "
	    "s:{s:o, s:n}, s:o, s:o, s:b, s:o, s:{s:n, s:n, s:n}, s:n}",
	    "source", "manifest",
	    "manifest", m != NULL ? json_pack("{s:s}", "snapshot",
	    m->snapshot) : json_null(),
	    "sources", "paths", m != NULL && !enc ? strlist(&m->sources) :
	    json_null(), "exclude", "hidden", enc,
	    "encryption", "mode", m == NULL ? json_null() :
	    json_string(enc ? "age" : "none"), "recipients",
	    "recipients_sha256", enc && m->recipients_sha256[0] != '\0' ?
	    json_string(m->recipients_sha256) : json_null(),
	    "compression", "algorithm", m != NULL && m->compression != NULL ?
	    json_string(m->compression) : json_null(), "level",
	    "part_size", m != NULL && m->nparts > 1 ?
	    json_integer((json_int_t)m->parts[0].size) : json_null(),
	    "repository", repo,
	    "off_site", rst_jhas(repo, "host"),
	    "object_lock", locked > 0 ? json_pack("{s:n, s:n, s:I}", "days",
	    "mode", "locked_copies", (json_int_t)locked) : json_null(),
	    "schedule", "backup_seconds", "drill_seconds", "prune_seconds",
	    "retention");
	return c != NULL ? c : json_null();
}

/*
 * The manifest of the newest good snapshot of j, as the report's
 * document names it, if it is that profile's and snapshot's, signed by
 * j's key and with the SHA-256 its backup journaled.
 */
static struct rst_manifest *
newest_manifest(struct rst_storage *st, const struct rst_report_journal *j,
    const json_t *p)
{
	const json_t *g = json_object_get(p, "newest_good_backup");
	const char *id = rst_jstr(g, "snapshot");
	const char *want = rst_jstr(g, "manifest_sha256");
	struct rst_buf mb = RST_BUF_INIT, sb = RST_BUF_INIT;
	struct rst_err e = RST_ERR_INIT;
	struct rst_manifest *m = NULL;
	char *name = NULL, *sname = NULL, sha[RST_SHA256_HEX];

	if (id == NULL || !rst_snapshot_id_valid(id) || j->key == NULL)
		return NULL;
	name = rst_repo_snapshot_obj(j->name, id, RST_MANIFEST_NAME);
	sname = rst_repo_snapshot_obj(j->name, id, RST_MANIFEST_SIG);
	if (name == NULL || sname == NULL ||
	    rst_storage_get_buf(st, name, 16u << 20, &mb, &e) != 0 ||
	    rst_storage_get_buf(st, sname, 4096, &sb, &e) != 0 ||
	    rst_verify(j->key, mb.data, mb.len, sb.data, sb.len, &e) != 0 ||
	    rst_sha256_hex(mb.data, mb.len, sha, &e) != 0 ||
	    (want != NULL && strcmp(want, sha) != 0) ||
	    rst_manifest_parse(mb.data, mb.len, &m, &e) != 0)
		goto out;
	if (strcmp(m->profile, j->name) != 0 || strcmp(m->snapshot, id) != 0) {
		rst_manifest_free(m);
		m = NULL;
	}
 out:
	rst_buf_release(&mb);
	rst_buf_release(&sb);
	free(name);
	free(sname);
	return m;
}

void
rst_report_config_fleet(const struct rst_report_set *set, json_t *doc)
{
	struct rst_manifest *m;
	json_t *p;
	size_t i;

	if (set->st == NULL)
		return;
	json_array_foreach(json_object_get(doc, "profiles"), i, p) {
		if (i >= set->n || set->v[i].profile != NULL)
			continue;
		m = set->v[i].unreadable ? NULL : newest_manifest(set->st,
		    &set->v[i], p);
		json_object_set_new(p, "config", manifest_config(m,
		    set->repository, rst_jint(set->v[i].anchor, "locked")));
		rst_manifest_free(m);
	}
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
