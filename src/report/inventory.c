/* SPDX-License-Identifier: ISC */
/*
 * The repository at report time (DESIGN.md "Evidence report"): for every
 * covered profile, list its committed snapshots and compare them with what
 * its journal says, without any decryption key.  Expected are the
 * snapshots named by backup records and not by a prune (removed, intent or
 * forgotten); each must be committed, its manifest signature must verify
 * with the journal's key and every part and the index must be listed at
 * the size the manifest gives.  The verdict's snapshot must exist and
 * verify, and (verify_parts, the default) its parts are re-hashed here.
 * Committed snapshots the journal never recorded are history_truncated
 * (older than its first backup record), journal_behind (newer than its
 * last backup record, a day or more ago: later records of other kinds,
 * such as this report's own, never hide it), journal_lagging (younger)
 * or, between two backup records, snapshot_unjournaled (a warning).  Each
 * finding goes to the profile's "findings" (integrity ones also to the
 * integrity banner) and, when it concerns the verdict, to its reasons.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"

#include "report.h"

#define LAG_SECONDS	86400

struct inv {
	const struct rst_report_journal *j;
	struct rst_storage *st;
	json_t		*p;		/* the profile's document */
	json_t		*findings;
	json_t		*integrity;	/* doc's integrity object */
	enum rst_lang	 lang;
	int64_t		 now;
	bool		 verify_parts;
	json_t		*expected;	/* id -> true */
	json_t		*named;		/* id -> true: any backup record */
	int64_t		 first_backup;	/* id time of the first backup */
	int64_t		 last_record;	/* time of the last backup record */
	const char	*verdict_snap;
	int		 worst;		/* exit status the findings call for */
};

/* One finding; integrity ones also join the integrity banner. */
static void
finding(struct inv *v, const char *code, bool integrity, const char *snap,
    char *text)
{
	json_t *f = json_pack("{s:s, s:b, s:s?}", "code", code,
	    "integrity", integrity, "text", text);

	if (snap != NULL)
		json_object_set_new(f, "snapshot", json_string(snap));

	json_array_append_new(v->findings, f);
	if (integrity) {
		json_array_append_new(json_object_get(v->integrity, "problems"),
		    json_pack("{s:s, s:b, s:b, s:n, s:n, s:s?}", "profile",
		    v->j->name, "verified", v->j->verified,
		    "integrity_failure", 1, "first_bad_line", "first_bad_text",
		    "problem", text));
		v->worst = rst_exit_worst(v->worst, RST_EXIT_INTEGRITY);
	}
	free(text);
}

/* A reason of the verdict (ok or not). */
static void
reason(struct inv *v, const char *code, bool ok, const char *text)
{
	json_t *reasons = json_object_get(json_object_get(v->p, "verdict"),
	    "reasons");

	json_array_append_new(reasons, json_pack("{s:s, s:b, s:s?}", "code",
	    code, "ok", ok, "text", text));
}

static void
drop_reason(struct inv *v, const char *code)
{
	json_t *reasons = json_object_get(json_object_get(v->p, "verdict"),
	    "reasons");
	size_t i;

	for (i = json_array_size(reasons); i-- > 0;)
		if (strcmp(rst_jstr(json_array_get(reasons, i), "code") ?
		    rst_jstr(json_array_get(reasons, i), "code") : "",
		    code) == 0)
			json_array_remove(reasons, i);
}

static int64_t
ts_of(const json_t *rec)
{
	int64_t t;

	return rst_parse_rfc3339(rst_jstr(rec, "ts"), &t) == 0 ? t : 0;
}

/* What the journal expects in the repository. */
static void
expect(struct inv *v)
{
	const json_t *rec;
	const char *snap;
	size_t i;

	v->first_backup = INT64_MAX;
	json_array_foreach(v->j->records, i, rec) {
		if ((snap = rst_record_expect(v->expected, rec)) == NULL)
			continue;
		v->last_record = ts_of(rec);
		if (v->first_backup == INT64_MAX)
			v->first_backup = rst_snapshot_id_time(snap);
		json_object_set_new(v->named, snap, json_true());
	}
}

struct sizes {
	const struct rst_manifest *m;
	size_t		 dirlen;
	size_t		 seen;
	char		*bad;		/* first part missing or wrong size */
};

static int
size_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct sizes *s = arg;
	const char *b = name + s->dirlen;
	size_t i;

	if (strlen(name) <= s->dirlen)
		return 0;
	for (i = 0; i <= s->m->nparts; i++) {
		const struct rst_part *pt = i < s->m->nparts ?
		    &s->m->parts[i] : &s->m->index;

		if (strcmp(b, pt->name) != 0)
			continue;
		s->seen++;
		if (info->size != pt->size && s->bad == NULL)
			s->bad = rst_strdupf("%s is %llu bytes, the manifest "
			    "says %llu", name, (unsigned long long)info->size,
			    (unsigned long long)pt->size);
	}
	return 0;
}

/*
 * The manifest that a snapshot's signature does not verify with the
 * journal's key: does it claim another key?  Its bytes are never shown.
 */
static bool
other_key(struct inv *v, const char *id)
{
	struct rst_buf b = RST_BUF_INIT;
	struct rst_err e = RST_ERR_INIT;
	char *name = rst_repo_snapshot_obj(v->j->name, id, RST_MANIFEST_NAME);
	const char *k;
	json_t *o = NULL;
	bool other = false;

	if (name != NULL &&
	    rst_storage_get_buf(v->st, name, RST_MANIFEST_MAX, &b, &e) == 0 &&
	    (o = json_loadb((const char *)b.data, b.len, 0, NULL)) != NULL &&
	    (k = json_string_value(json_object_get(o, "signing_key"))) !=
	    NULL)
		other = strcmp(k, v->j->fpr) != 0;
	json_decref(o);
	rst_buf_release(&b);
	free(name);
	return other;
}

/*
 * One committed snapshot: signature, and every part at its size.  0 when
 * whole; else RST_EINTEGRITY (what in e) or the storage error.
 */
static int
check_one(struct inv *v, const char *id, struct rst_manifest **mp,
    struct rst_err *e)
{
	struct rst_manifest *m = NULL;
	struct sizes s;
	char *dir;
	int r;

	*mp = NULL;
	if ((r = rst_snapshot_load(v->st, v->j->name, id, v->j->key, &m, NULL,
	    e)) != 0)
		return r;
	if ((dir = rst_repo_snapshot_obj(v->j->name, id, "")) == NULL) {
		rst_manifest_free(m);
		return rst_errf(e, RST_ENOMEM, "out of memory");
	}
	memset(&s, 0, sizeof(s));
	s.m = m;
	s.dirlen = strlen(dir);
	r = rst_storage_list(v->st, dir, false, size_cb, &s, e);
	if (r == 0 && s.bad != NULL)
		r = rst_errf(e, RST_EINTEGRITY, "%s", s.bad);
	else if (r == 0 && s.seen != m->nparts + 1)
		r = rst_errf(e, RST_EINTEGRITY, "%s: %zu of the %zu parts and "
		    "index the manifest lists are missing", dir,
		    m->nparts + 1 - s.seen, m->nparts + 1);
	free(s.bad);
	free(dir);
	if (r == 0)
		*mp = m;
	else
		rst_manifest_free(m);
	return r;
}

/*
 * Re-hash the verdict snapshot's chain (DESIGN.md decisions 1, 18): every
 * link's signature and parent link, parts, index and deletions.
 */
static int
rehash(struct inv *v, const char *id, const struct rst_manifest *m,
    struct rst_err *e)
{
	struct rst_verify_result res;
	struct rst_progress prog;
	struct rst_chain *c = NULL;
	char *dir;
	size_t k;
	int r;

	memset(&prog, 0, sizeof(prog));
	memset(&res, 0, sizeof(res));
	if (!m->incremental) {
		if ((dir = rst_repo_snapshot_dir(v->j->name, id)) == NULL)
			return rst_errf(e, RST_ENOMEM, "out of memory");
		r = rst_verify_parts(v->st, dir, m, &prog, &res, e);
		free(dir);
		return r;
	}
	if ((r = rst_chain_load(v->st, v->j->name, id, v->j->key, &c, e)) != 0)
		return r;
	for (k = c->n; r == 0 && k-- > 0;) {
		memset(&res, 0, sizeof(res));
		r = rst_verify_parts(v->st, c->dir[k], c->m[k], &prog, &res, e);
	}
	rst_chain_free(c);
	return r;
}

/* The verdict's snapshot: present, signed, whole, and (maybe) re-hashed. */
static void
verdict_snap(struct inv *v, const char *id, int r, struct rst_manifest *m,
    const struct rst_err *e, json_t *inv)
{
	struct rst_err he = RST_ERR_INIT;
	const char *state = "signed";
	char *t;

	if (r == 0 && v->verify_parts) {
		if ((r = rehash(v, id, m, &he)) != 0)
			e = &he;
		else {
			state = "rehashed";
			drop_reason(v, "snapshot_unchecked");
			t = rst_msgf(v->lang, RST_MSG_R_REHASHED, 1, id);
			reason(v, "snapshot_verified", true, t);
			free(t);
		}
	}
	if (r == RST_ENOTFOUND) {
		state = "missing";
		t = rst_msgf(v->lang, RST_MSG_F_MISSING, 1, id);
		reason(v, "snapshot_missing", false, t);
		finding(v, "snapshot_missing", true, id, t);
	} else if (r == RST_EINTEGRITY) {
		state = "unverified";
		t = rst_msgf(v->lang, RST_MSG_F_UNVERIFIED, 2, id, e->msg);
		reason(v, "snapshot_unverified", false, t);
		finding(v, "snapshot_unverified", true, id, t);
	} else if (r != 0) {
		state = "unchecked";
		t = rst_msgf(v->lang, RST_MSG_F_UNCHECKED, 2, id, e->msg);
		reason(v, "repository_unchecked", false, t);
		free(t);
		v->worst = rst_exit_worst(v->worst, rst_exit_code(r));
	}
	json_object_set_new(inv, "verdict_snapshot", json_pack("{s:s, s:s}",
	    "snapshot", id, "state", state));
}

static void
add_id(json_t *inv, const char *list, const char *id)
{
	json_array_append_new(json_object_get(inv, list), json_string(id));
}

/* A committed snapshot the journal never recorded. */
static void
unjournaled(struct inv *v, const char *id, json_t *inv)
{
	int64_t t = rst_snapshot_id_time(id);

	add_id(inv, "unjournaled", id);
	if (v->j->missing)
		return;		/* journal_missing says it all */
	if (t < v->first_backup && t < v->last_record)
		finding(v, "history_truncated", true, id, rst_msgf(v->lang,
		    RST_MSG_F_TRUNCATED, 1, id));
	else if (t >= v->last_record && v->now - t < LAG_SECONDS)
		finding(v, "journal_lagging", false, id, rst_msgf(v->lang,
		    RST_MSG_F_LAGGING, 1, id));
	else if (t >= v->last_record)
		finding(v, "journal_behind", true, id, rst_msgf(v->lang,
		    RST_MSG_F_BEHIND, 1, id));
	else
		finding(v, "snapshot_unjournaled", false, id, rst_msgf(v->lang,
		    RST_MSG_F_UNJOURNALED, 1, id));
}

/* Every committed snapshot, then the expected ones that are not. */
static int
walk(struct inv *v, json_t *inv, struct rst_err *err)
{
	struct rst_strlist ids = { NULL, 0 };
	struct rst_manifest *m;
	struct rst_err e;
	bool found_verdict = false, other = false;
	const char *id;
	json_t *val;
	size_t i;
	int r;

	if ((r = rst_snapshot_list(v->st, v->j->name, &ids, err)) != 0)
		return r;
	json_object_set_new(inv, "present", json_integer((json_int_t)ids.n));
	for (i = 0; i < ids.n; i++) {
		id = ids.v[i];
		rst_err_clear(&e);
		r = check_one(v, id, &m, &e);
		if (r == RST_EINTEGRITY && other_key(v, id))
			other = true;
		else if (r == RST_EINTEGRITY) {
			add_id(inv, "unverified", id);
			if (v->verdict_snap == NULL ||
			    strcmp(id, v->verdict_snap) != 0)
				finding(v, "snapshot_unverified", true, id,
				    rst_msgf(v->lang, RST_MSG_F_UNVERIFIED, 2,
				    id, e.msg));
		} else if (r != 0 && (v->verdict_snap == NULL ||
		    strcmp(id, v->verdict_snap) != 0)) {
			v->worst = rst_exit_worst(v->worst, rst_exit_code(r));
			add_id(inv, "unchecked", id);
		}
		if (r == 0 && json_object_get(v->named, id) == NULL)
			unjournaled(v, id, inv);
		if (v->verdict_snap != NULL && strcmp(id, v->verdict_snap) ==
		    0) {
			found_verdict = true;
			verdict_snap(v, id, r, m, &e, inv);
		}
		rst_manifest_free(m);
		json_object_del(v->expected, id);
	}
	if (other)
		finding(v, "key_mismatch", true, NULL, rst_msgf(v->lang,
		    RST_MSG_F_KEY_MISMATCH, 2, v->j->name, v->j->fpr));
	json_object_foreach(v->expected, id, val)
		if (v->verdict_snap == NULL || strcmp(id, v->verdict_snap) != 0)
		{
			add_id(inv, "missing", id);
			finding(v, "snapshot_missing", true, id, rst_msgf(
			    v->lang, RST_MSG_F_MISSING, 1, id));
		}
	if (v->verdict_snap != NULL && !found_verdict) {
		add_id(inv, "missing", v->verdict_snap);
		rst_err_clear(&e);
		verdict_snap(v, v->verdict_snap, RST_ENOTFOUND, NULL, &e, inv);
	}
	rst_strlist_release(&ids);
	return 0;
}

/* The verdict holds when every reason does. */
static void
reverdict(json_t *p)
{
	json_t *v = json_object_get(p, "verdict"), *r;
	bool ok = true;
	size_t i;

	json_array_foreach(json_object_get(v, "reasons"), i, r)
		ok = ok && rst_jbool(r, "ok");
	json_object_set_new(v, "restorable", json_boolean(ok));
}

/* Whose key this is: never proven with a key neither local nor pinned. */
static void
trust(struct inv *v)
{
	const struct rst_report_journal *j = v->j;
	char *t;

	if (j->trust != NULL && strcmp(j->trust, "unpinned") == 0) {
		t = rst_msgf(v->lang, RST_MSG_R_UNPINNED, 2, j->name, j->fpr);
		reason(v, "key_unpinned", false, t);
		free(t);
	} else if (j->trust != NULL && strcmp(j->trust, "mismatch") == 0) {
		t = rst_msgf(v->lang, RST_MSG_F_KEY_PIN, 1, j->key_problem ?
		    j->key_problem : "?");
		reason(v, "key_mismatch", false, t);
		finding(v, "key_mismatch", true, NULL, t);
	}
}

static int
one(struct inv *v, json_t *inv, struct rst_err *err)
{
	struct rst_storage *own = NULL;
	struct rst_err e = RST_ERR_INIT;
	char *t, n[32];
	int r = 0;

	trust(v);
	if (v->st == NULL && v->j->profile != NULL &&
	    (r = rst_storage_open(&v->j->profile->repo, &own, &e)) == 0)
		v->st = own;
	expect(v);
	json_object_set_new(inv, "journaled",
	    json_integer((json_int_t)json_object_size(v->expected)));
	if (r == 0 && v->st != NULL && (r = walk(v, inv, &e)) == RST_ENOMEM)
		goto out;
	if (r != 0) {
		json_object_set_new(inv, "checked", json_false());
		t = rst_msgf(v->lang, RST_MSG_F_UNCHECKED, 2, v->j->name, e.msg);
		reason(v, "repository_unchecked", false, t);
		free(t);
		v->worst = rst_exit_worst(v->worst, rst_exit_code(r));
		r = 0;
	} else if (v->j->missing && rst_jnum(inv, "present") > 0) {
		snprintf(n, sizeof(n), "%.0f", rst_jnum(inv, "present"));
		finding(v, "journal_missing", true, NULL, rst_msgf(v->lang,
		    RST_MSG_F_JOURNAL_MISSING, 2, v->j->name, n));
	}
 out:
	rst_storage_close(own);
	if (r != 0)
		*err = e;
	return r;
}

/* An earlier report's head for this journal must still be its line. */
static void
previous_head(struct inv *v, const json_t *old)
{
	const json_t *p, *h;
	const char *sha;
	json_int_t seq;
	char n[32];
	size_t i;

	json_array_foreach(json_object_get(old, "profiles"), i, p) {
		h = json_object_get(json_object_get(p, "journal"), "head");
		sha = rst_jstr(h, "sha256");
		if (rst_jstr(p, "name") == NULL || strcmp(rst_jstr(p, "name"),
		    v->j->name) != 0 || sha == NULL)
			continue;
		seq = (json_int_t)rst_jnum(h, "seq");
		if (seq >= 0 && (size_t)seq < json_array_size(v->j->records) &&
		    v->j->line_sha != NULL &&
		    strcmp(v->j->line_sha[seq], sha) == 0)
			continue;
		snprintf(n, sizeof(n), "%lld", (long long)seq + 1);
		finding(v, "history_rewritten", true, NULL, rst_msgf(v->lang,
		    RST_MSG_F_REWRITTEN, 2, v->j->name, n));
		reason(v, "history_rewritten", false, rst_jstr(json_array_get(
		    v->findings, json_array_size(v->findings) - 1), "text"));
	}
}

static json_t *
inv_new(void)
{
	return json_pack("{s:b, s:i, s:i, s:[], s:[], s:[], s:[], s:n}",
	    "checked", 1, "journaled", 0, "present", 0, "missing",
	    "unjournaled", "unverified", "unchecked", "verdict_snapshot");
}

int
rst_report_inventory(const struct rst_report_set *set, json_t *doc,
    bool verify_parts, const json_t *previous, int64_t now,
    enum rst_lang lang, int *worst, struct rst_err *err)
{
	json_t *profiles = json_object_get(doc, "profiles"), *p, *inv;
	json_t *integ = json_object_get(doc, "integrity");
	struct inv v;
	size_t i, k, ok = 0, nf = 0;
	int r = 0;

	for (i = 0; r == 0 && i < set->n; i++) {
		p = json_array_get(profiles, i);
		memset(&v, 0, sizeof(v));
		v.j = &set->v[i];
		v.st = set->st;
		v.p = p;
		v.integrity = integ;
		v.lang = lang;
		v.now = now;
		v.verify_parts = verify_parts;
		v.findings = json_array();
		v.expected = json_object();
		v.named = json_object();
		v.verdict_snap = rst_jstr(json_object_get(p,
		    "newest_good_backup"), "snapshot");
		inv = inv_new();
		if (v.j->unreadable || v.j->key == NULL)
			json_object_set_new(inv, "checked", json_false());
		else
			r = one(&v, inv, err);
		if (previous != NULL && !v.j->unreadable)
			previous_head(&v, previous);
		json_object_set_new(p, "inventory", inv);
		json_object_set_new(p, "findings", v.findings);
		json_decref(v.expected);
		json_decref(v.named);
		reverdict(p);
		*worst = rst_exit_worst(*worst, v.worst);
		if (rst_jbool(json_object_get(p, "verdict"), "restorable"))
			ok++;
	}
	json_array_foreach(profiles, i, p)
		json_array_foreach(json_object_get(p, "findings"), k, inv)
			nf += rst_jbool(inv, "integrity");
	json_object_set_new(integ, "findings", json_integer((json_int_t)nf));
	if (json_array_size(json_object_get(integ, "problems")) > 0)
		json_object_set_new(integ, "verified", json_false());
	json_object_set_new(json_object_get(doc, "summary"), "restorable",
	    json_integer((json_int_t)ok));
	return r;
}
