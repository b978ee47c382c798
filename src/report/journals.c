/* SPDX-License-Identifier: ISC */
/*
 * Finding and verifying the journals a report covers.  Local mode reads
 * each profile's authoritative copy in state_dir and compares it with the
 * repository's copy (which must equal it or be a prefix of it); fleet mode
 * reads every journal/NAME.jsonl of one repository with its head and
 * keys/NAME.pub.  A problem is recorded in the journal's entry and never
 * stops the others: the report shows it.  Only the records before the
 * first bad line are kept, so nothing unverified reaches the report.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/crypto.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/repo.h"
#include "restorable/snapshot.h"
#include "restorable/text.h"

#include "report.h"

#define BAD_TEXT_MAX	300

static struct rst_report_journal *
set_add(struct rst_report_set *set, const char *name)
{
	struct rst_report_journal *v, *j;

	if ((v = realloc(set->v, (set->n + 1) * sizeof(*v))) == NULL)
		return NULL;
	set->v = v;
	j = &v[set->n];
	memset(j, 0, sizeof(*j));
	if ((j->name = strdup(name)) == NULL ||
	    (j->records = json_array()) == NULL) {
		free(j->name);
		return NULL;
	}
	set->n++;
	return j;
}

/* Keep the first problem's text; the code is the worst seen. */
static void
problem(struct rst_report_journal *j, int code, const char *msg)
{
	if (j->problem == NULL)
		j->problem = strdup(msg);
	j->code = rst_code_for_exit(rst_exit_worst(rst_exit_code(j->code),
	    rst_exit_code(code)));
}

/* Line n (1-based) of b, cut short and made printable UTF-8. */
static char *
line_text(const struct rst_buf *b, uint64_t n)
{
	const char *s = (const char *)b->data, *nl;
	const char *end = b->len > 0 ? s + b->len : s;
	size_t len, i;
	char *out;

	for (; s != NULL && s < end && n > 1; n--)
		s = (nl = memchr(s, '\n', (size_t)(end - s))) ? nl + 1 : NULL;
	if (s == NULL || s >= end)
		return strdup("");
	nl = memchr(s, '\n', (size_t)(end - s));
	len = (size_t)((nl ? nl : end) - s);
	if (len > BAD_TEXT_MAX)
		len = BAD_TEXT_MAX;
	if ((out = strndup(s, len)) == NULL)
		return NULL;
	for (i = 0; out[i] != '\0'; i++)
		if ((unsigned char)out[i] < 0x20 || (!rst_utf8_valid(out,
		    strlen(out)) && (unsigned char)out[i] >= 0x80))
			out[i] = '?';
	return out;
}

/*
 * Line n (1-based) of a copy nobody vouches for (the repository's): its
 * SHA-256 only, never its bytes, which whoever holds the storage chose.
 */
static char *
line_digest(const struct rst_buf *b, uint64_t n)
{
	const char *s = (const char *)b->data, *end = s + b->len, *nl;
	struct rst_err e = RST_ERR_INIT;
	char hex[65];

	for (; s != NULL && s < end && n > 1; n--)
		s = (nl = memchr(s, '\n', (size_t)(end - s))) ? nl + 1 : NULL;
	if (s == NULL || s >= end)
		return strdup("");
	nl = memchr(s, '\n', (size_t)(end - s));
	if (rst_sha256_hex(s, (size_t)((nl ? nl : end) - s), hex, &e) != 0)
		return strdup("");
	return rst_strdupf("(repository copy, not shown) SHA-256 %s", hex);
}

/* The first n lines of b as records. */
static int
parse_records(struct rst_report_journal *j, const struct rst_buf *b,
    uint64_t n)
{
	const char *s = (const char *)b->data, *nl;
	const char *end = b->len > 0 ? s + b->len : s;
	struct rst_err e = RST_ERR_INIT;
	size_t k = 0;
	json_t *o;

	free(j->line_sha);
	if ((j->line_sha = calloc(n + 1, sizeof(*j->line_sha))) == NULL)
		return -1;
	for (; n > 0 && s < end; n--, s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			break;
		if (rst_sha256_hex(s, (size_t)(nl - s), j->line_sha[k++],
		    &e) != 0)
			return -1;
		if ((o = json_loadb(s, (size_t)(nl - s), 0, NULL)) == NULL)
			continue;	/* verified lines parse; be safe */
		if (json_array_append_new(j->records, o) != 0)
			return -1;
	}
	return 0;
}

/*
 * Verify journal bytes and keep the records before the first bad line;
 * trusted: jb is the state dir's copy (its bad line may be quoted).
 */
static int
verify(struct rst_report_journal *j, const char *what, EVP_PKEY *key,
    const struct rst_buf *jb, const struct rst_buf *hb, bool head,
    bool trusted, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_journal_check chk;
	uint64_t keep;
	int r;

	r = rst_journal_verify_bytes(what, jb->data, jb->len,
	    head ? hb->data : NULL, hb->len, key, &chk, &e);
	j->lines = chk.lines;
	j->verified = r == 0;
	keep = chk.lines;
	if (r != 0) {
		j->bad_line = chk.bad_line ? chk.bad_line : chk.lines + 1;
		if (j->bad_line - 1 < keep)
			keep = j->bad_line - 1;
		j->bad_text = trusted ? line_text(jb, j->bad_line) :
		    line_digest(jb, j->bad_line);
		problem(j, r, e.msg);
	}
	if (parse_records(j, jb, keep) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

/* Line number (1-based) holding byte offset off of b. */
static uint64_t
line_of(const struct rst_buf *b, size_t off)
{
	uint64_t n = 1;
	size_t i;

	for (i = 0; i < off && i < b->len; i++)
		if (b->data[i] == '\n')
			n++;
	return n;
}

/* The repository copy must equal the local journal or be a prefix of it. */
static void
compare_repo(struct rst_report_journal *j, const struct rst_buf *local)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_buf remote = RST_BUF_INIT;
	struct rst_storage *st = NULL;
	char *name, msg[600];
	size_t at;
	int r;

	if ((name = rst_repo_journal(j->name)) == NULL) {
		problem(j, RST_ENOMEM, "out of memory");
		return;
	}
	if ((r = rst_storage_open(&j->profile->repo, &st, &e)) == 0)
		r = rst_repo_get(st, NULL, name, RST_JOURNAL_MAX, &remote, &e);
	rst_storage_close(st);
	if (r == RST_ENOTFOUND)
		j->repo_copy = local->len == 0 ? "equal" : "missing";
	else if (r != 0) {
		j->repo_copy = "unchecked";
		snprintf(msg, sizeof(msg), "repository copy not checked: %s",
		    e.msg);
		problem(j, r, msg);
	} else if (rst_repo_compare(local, &remote, &at) == RST_COPY_DIFFERS) {
		j->repo_copy = "differs";
		j->verified = false;
		if (j->bad_line == 0 || line_of(&remote, at) < j->bad_line) {
			j->bad_line = line_of(&remote, at);
			free(j->bad_text);
			j->bad_text = line_digest(&remote, j->bad_line);
		}
		while (json_array_size(j->records) >= j->bad_line)
			json_array_remove(j->records,
			    json_array_size(j->records) - 1);
		snprintf(msg, sizeof(msg), "%s in the repository differs from "
		    "the local journal from line %llu on (not a prefix of it)",
		    name, (unsigned long long)j->bad_line);
		problem(j, RST_EINTEGRITY, msg);
	} else
		j->repo_copy = remote.len < local->len ? "behind" : "equal";
	rst_buf_release(&remote);
	free(name);
}

static void
print_diag(void *arg, const char *line)
{
	(void)arg;
	rst_log_diag("%s", line);
}

static int
load_profile(const char *confdir, const char *arg, unsigned need, bool quiet,
    struct rst_profile **out, struct rst_err *err)
{
	return rst_profile_open(confdir, arg, need, quiet ? NULL : print_diag,
	    NULL, out, err);
}

static int
key_of(const struct rst_profile *p, EVP_PKEY **key, struct rst_err *err)
{
	if (p->verify_key != NULL)
		return rst_key_load_public(p->verify_key, key, err);
	return rst_key_load_private(p->signing_key, key, err);
}

/* One local profile: its state_dir journal, verified, then its mirror. */
static int
local_journal(struct rst_report_journal *j, struct rst_err *err)
{
	struct rst_buf jb = RST_BUF_INIT, hb = RST_BUF_INIT;
	struct rst_err e = RST_ERR_INIT;
	const struct rst_profile *p = j->profile;
	char *rj, *rh, *jpath = NULL, *hpath = NULL, msg[600];
	EVP_PKEY *key = NULL;
	bool jx = false, hx = false;
	int r = 0;

	if ((rj = rst_repo_journal(p->name)) != NULL &&
	    (rh = rst_repo_head(p->name)) != NULL) {
		jpath = rst_repo_local(p, rj);
		hpath = rst_repo_local(p, rh);
		free(rh);
	}
	free(rj);
	if (jpath == NULL || hpath == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if (key_of(p, &key, &e) != 0 ||
	    rst_key_fingerprint(key, j->fpr, &e) != 0 ||
	    rst_repo_load_local(jpath, &jb, &jx, &e) != 0 ||
	    rst_repo_load_local(hpath, &hb, &hx, &e) != 0) {
		j->unreadable = true;
		problem(j, e.code, e.msg);
	} else if (!jx && hx) {
		j->bad_line = 1;
		j->missing = true;
		problem(j, RST_EINTEGRITY, "journal missing, but its head "
		    "exists (journal deleted)");
	} else if ((r = verify(j, jpath, key, &jb, &hb, hx, true, err)) == 0) {
		compare_repo(j, &jb);
		if (!jx) {
			/* An absent journal is never "verified". */
			j->missing = true;
			j->verified = false;
			snprintf(msg, sizeof(msg), "no journal (%s)", jpath);
			problem(j, RST_ECHECK, msg);
		}
	}
	j->trust = "local";
	j->key = key;
	key = NULL;
	EVP_PKEY_free(key);
	rst_buf_release(&jb);
	rst_buf_release(&hb);
	free(jpath);
	free(hpath);
	return r;
}

/*
 * A profile named on the command line must load (else the command fails,
 * as every command does); one found in CONFDIR that does not is shown in
 * the report as unreadable.
 */
static int
local_one(const char *confdir, const char *arg, bool named,
    struct rst_report_set *set, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	struct rst_report_journal *j;
	char *name;
	int r;

	if ((r = load_profile(confdir, arg, RST_NEED_VERIFY, false, &p,
	    &e)) != 0) {
		if (named) {
			*err = e;
			return r;
		}
		if ((name = rst_profile_arg_name(arg)) == NULL ||
		    (j = set_add(set, name)) == NULL) {
			free(name);
			return rst_errf(err, RST_ENOMEM, "out of memory");
		}
		free(name);
		j->unreadable = true;
		problem(j, r, e.msg);
		return 0;
	}
	if ((j = set_add(set, p->name)) == NULL) {
		rst_profile_free(p);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	j->profile = p;
	j->local = p->signing_key != NULL;
	return local_journal(j, err);
}

static json_t *
names_json(char *const *names, size_t n)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(a, json_string(names[i]));
	return a;
}

/* The profile names of CONFDIR/profiles/NAME.conf paths. */
static json_t *
file_names(const struct rst_strlist *l)
{
	json_t *a = json_array();
	char *name;
	size_t i;

	for (i = 0; i < l->n; i++)
		if ((name = rst_profile_arg_name(l->v[i])) != NULL) {
			json_array_append_new(a, json_string(name));
			free(name);
		}
	return a;
}

int
rst_report_local(const char *confdir, char *const *names, size_t n,
    struct rst_report_set *set, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_strlist all, given;
	size_t i;
	int r;

	if ((r = rst_profile_list(confdir, names, n, &given, err)) != 0)
		return r;
	if (n > 0) {
		set->named = names_json(names, n);
		if (rst_profile_list(confdir, NULL, 0, &all, &e) == 0) {
			set->configured = file_names(&all);
			rst_strlist_release(&all);
		}
	} else
		set->configured = file_names(&given);
	for (i = 0; r == 0 && i < given.n; i++)
		r = local_one(confdir, given.v[i], n > 0, set, err);
	rst_strlist_release(&given);
	return r;
}

/* Objects under journal/ in a repository, temp copies included. */
struct listing {
	struct rst_strlist names;	/* profile names, sorted, unique */
	struct rst_repo_listing objs;	/* every object under journal/ */
	int		 oom;
};

/* Add the profile name owner (malloc'd, "" for none) of a listed name. */
static int
add_profile(struct listing *l, char *prof)
{
	char **v;

	if (prof == NULL)
		return l->oom = -1;
	if (prof[0] == '\0' || (l->names.n > 0 &&
	    strcmp(l->names.v[l->names.n - 1], prof) == 0)) {
		free(prof);
		return 0;
	}
	if ((v = realloc(l->names.v, (l->names.n + 1) * sizeof(*v))) == NULL) {
		free(prof);
		return l->oom = -1;
	}
	l->names.v = v;
	v[l->names.n++] = prof;
	return 0;
}

/* snapshots/NAME/...: profiles that hold snapshots, journal or not. */
static int
snap_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	(void)info;
	return add_profile(arg, rst_repo_snapshot_owner(name));
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
listing_release(struct listing *l)
{
	rst_repo_listing_release(&l->objs);
	rst_strlist_release(&l->names);
}

/* Every journal/NAME.jsonl (or temporary copy) and snapshot owner. */
static int
listing_load(struct rst_storage *st, struct listing *l, struct rst_err *err)
{
	size_t i;
	int r;

	memset(l, 0, sizeof(*l));
	if ((r = rst_repo_list(st, RST_REPO_JOURNAL_DIR, &l->objs, err)) != 0)
		return r;
	for (i = 0; i < l->objs.n && !l->oom; i++)
		add_profile(l, rst_repo_journal_owner(l->objs.names[i]));
	if (!l->oom && (r = rst_storage_list(st, RST_REPO_SNAPSHOTS_DIR,
	    false, snap_cb, l, err)) != 0)
		return r;
	if (l->oom)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (l->names.n > 0)
		qsort(l->names.v, l->names.n, sizeof(char *), cmpstr);
	return 0;
}

/* How far keys/NAME.pub is trusted: a pin must name it. */
static void
trust_pin(struct rst_report_journal *j, const char *kn, const json_t *pins)
{
	const char *pin = json_string_value(json_object_get(pins, j->name));

	if (pin == NULL) {
		j->trust = "unpinned";
		return;
	}
	if (strcmp(pin, j->fpr) == 0) {
		j->trust = "pinned";
		return;
	}
	j->trust = "mismatch";
	j->key_problem = rst_strdupf("%s in the repository is %s, the pin is "
	    "%s", kn, j->fpr, pin);
}

/* One repository journal, verified with keys/NAME.pub and its head. */
static int
fleet_one(struct rst_storage *st, const struct listing *l,
    struct rst_report_journal *j, const json_t *pins, struct rst_err *err)
{
	struct rst_buf jb = RST_BUF_INIT, hb = RST_BUF_INIT, kb = RST_BUF_INIT;
	struct rst_err e = RST_ERR_INIT;
	char *jn = rst_repo_journal(j->name), *hn = rst_repo_head(j->name);
	char *kn = rst_repo_key(j->name), msg[300];
	EVP_PKEY *key = NULL;
	bool hx;
	int r = 0, g;

	if (jn == NULL || hn == NULL || kn == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((g = rst_storage_get_buf(st, kn, RST_KEY_MAX, &kb, &e)) != 0 ||
	    (g = rst_key_parse_public(kb.data, kb.len, &key, &e)) != 0 ||
	    (g = rst_key_fingerprint(key, j->fpr, &e)) != 0) {
		j->unreadable = true;
		problem(j, g == RST_ENOTFOUND ? RST_EINTEGRITY : g, e.msg);
		goto out;
	}
	trust_pin(j, kn, pins);
	if ((g = rst_repo_get(st, &l->objs, jn, RST_JOURNAL_MAX, &jb,
	    &e)) == RST_ENOTFOUND) {
		/* Listed for its snapshots: the journal is gone. */
		j->missing = true;
		snprintf(msg, sizeof(msg), "%s missing while the repository "
		    "holds snapshots of %s", jn, j->name);
		problem(j, RST_EINTEGRITY, msg);
		goto out;
	}
	if (g == 0)
		g = rst_repo_get(st, &l->objs, hn, RST_HEAD_MAX, &hb, &e);
	if (g != 0 && g != RST_ENOTFOUND) {
		j->unreadable = true;
		problem(j, g, e.msg);
		goto out;
	}
	hx = g == 0;
	r = verify(j, jn, key, &jb, &hb, hx, false, err);
 out:
	j->key = key;
	rst_buf_release(&jb);
	rst_buf_release(&hb);
	rst_buf_release(&kb);
	free(jn);
	free(hn);
	free(kn);
	return r;
}

/*
 * A profile this host holds: its state_dir journal verified with its
 * local key and compared with the repository copy (never the repository's
 * keys/NAME.pub, which must be the same key).
 */
static int
fleet_mine(struct rst_storage *st, struct rst_report_journal *j,
    struct rst_err *err)
{
	struct rst_buf kb = RST_BUF_INIT;
	struct rst_err e = RST_ERR_INIT;
	char *kn, fpr[RST_FPR_LEN];
	EVP_PKEY *key = NULL;
	int r;

	if ((r = local_journal(j, err)) != 0 || j->key == NULL)
		return r;
	if ((kn = rst_repo_key(j->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (rst_storage_get_buf(st, kn, RST_KEY_MAX, &kb, &e) != 0 ||
	    rst_key_parse_public(kb.data, kb.len, &key, &e) != 0 ||
	    rst_key_fingerprint(key, fpr, &e) != 0)
		snprintf(fpr, sizeof(fpr), "?");
	if (strcmp(fpr, j->fpr) != 0) {
		j->trust = "mismatch";
		j->key_problem = rst_strdupf("%s in the repository is not "
		    "this host's key %s (%s)", kn, j->fpr,
		    strcmp(fpr, "?") == 0 ? e.msg : fpr);
	}
	EVP_PKEY_free(key);
	rst_buf_release(&kb);
	free(kn);
	return 0;
}

static bool
same_url(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 0 && a[la - 1] == '/')
		la--;
	while (lb > 0 && b[lb - 1] == '/')
		lb--;
	return la == lb && strncmp(a, b, la) == 0;
}

/* A repository journal is local when this host holds its profile. */
static bool
fleet_local(struct rst_report_journal *j, const char *url,
    const struct rst_profile *lender, const char *confdir)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_profile *p = NULL;
	const char *arg = j->name;

	if (lender != NULL && strcmp(lender->name, j->name) == 0)
		arg = lender->file;
	if (load_profile(confdir, arg, RST_NEED_SIGNING, true, &p, &e) != 0)
		return false;
	if (strcmp(p->name, j->name) != 0 || !same_url(p->repo.url, url)) {
		rst_profile_free(p);
		return false;
	}
	j->profile = p;
	j->local = true;
	return true;
}

static bool
wanted(const char *name, char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return n == 0;
}

int
rst_report_fleet(struct rst_storage *st, const char *url,
    const struct rst_profile *lender, const char *confdir,
    const json_t *pins, char *const *names, size_t n,
    struct rst_report_set *set, struct rst_err *err)
{
	struct listing l;
	struct rst_report_journal *j;
	size_t i;
	int r;

	if ((set->repository = strdup(st->url)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = listing_load(st, &l, err)) != 0) {
		listing_release(&l);
		return r;
	}
	set->found = json_array();
	set->named = n > 0 ? names_json(names, n) : NULL;
	for (i = 0; i < l.names.n; i++)
		if (i == 0 || strcmp(l.names.v[i], l.names.v[i - 1]) != 0)
			json_array_append_new(set->found,
			    json_string(l.names.v[i]));
	for (i = 0; r == 0 && i < l.names.n; i++) {
		if ((i > 0 && strcmp(l.names.v[i], l.names.v[i - 1]) == 0) ||
		    !wanted(l.names.v[i], names, n))
			continue;
		if ((j = set_add(set, l.names.v[i])) == NULL)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else if (fleet_local(j, url, lender, confdir))
			r = fleet_mine(st, j, err);
		else
			r = fleet_one(st, &l, j, pins, err);
	}
	listing_release(&l);
	if (r == 0 && set->n == 0)
		r = rst_errf(err, RST_ECONFIG, "%s: no journal (journal/"
		    "NAME.jsonl) found%s", st->url, n > 0 ? " for the named "
		    "profiles" : "");
	return r;
}

void
rst_report_set_release(struct rst_report_set *set)
{
	size_t i;

	for (i = 0; i < set->n; i++) {
		free(set->v[i].name);
		rst_profile_free(set->v[i].profile);
		EVP_PKEY_free(set->v[i].key);
		free(set->v[i].key_problem);
		free(set->v[i].line_sha);
		json_decref(set->v[i].records);
		free(set->v[i].bad_text);
		free(set->v[i].problem);
		json_decref(set->v[i].anchor);
	}
	free(set->v);
	free(set->repository);
	json_decref(set->configured);
	json_decref(set->found);
	json_decref(set->named);
	rst_storage_close(set->st);
	rst_repo_cfg_release(&set->url_repo);	/* after st: its spool */
	memset(set, 0, sizeof(*set));
}
