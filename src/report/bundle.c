/* SPDX-License-Identifier: ISC */
/*
 * report --bundle DIR (DESIGN.md decision 24): the report, its signature
 * and signing.pub, and for each covered journal what its "How to check
 * this report" blocks read, under the repository's names (keys/NAME.pub,
 * journal/NAME.jsonl, .head, journal/NAME.tsr/SEQ.tsr,
 * snapshots/NAME/ID/manifest.json and .sig), so the blocks run as printed
 * in DIR, with the TSA's certificate the newest token verified with as
 * keys/NAME.tsa-ca.pem.  The parts are not copied (a snapshot can be
 * large): the step that checks them says it needs the repository.
 * Everything is written into DIR.tmp-XXXXXX and renamed to DIR at the
 * end, so a failure leaves no half bundle under DIR; each file and folder
 * written is remembered and removed again on failure.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/crypto.h"
#include "restorable/repo.h"
#include "restorable/snapshot.h"

#include "bundle.h"

#define SMALL_MAX	(16u << 20)	/* a manifest, a token, a certificate */

struct rst_report_bundle {
	char		*dir;		/* the final name */
	char		*tmp;		/* DIR.tmp-XXXXXX */
	struct rst_strlist made;	/* under tmp, in the order made */
	bool		 done;
};

/* dir may be used: absent, or an empty folder (rename(2) replaces it). */
static int
usable(const char *dir, struct rst_err *err)
{
	struct stat sb;
	struct dirent *e;
	bool empty = true;
	DIR *d;

	if (lstat(dir, &sb) == -1)
		return errno == ENOENT ? 0 : rst_errno(err, RST_ECONFIG,
		    "report: --bundle %s", dir);
	if (!S_ISDIR(sb.st_mode))
		return rst_errf(err, RST_ECONFIG, "report: --bundle %s: exists "
		    "and is not a folder", dir);
	if ((d = opendir(dir)) == NULL)
		return rst_errno(err, RST_ECONFIG, "report: --bundle %s", dir);
	while (empty && (e = readdir(d)) != NULL)
		empty = strcmp(e->d_name, ".") == 0 ||
		    strcmp(e->d_name, "..") == 0;
	(void)closedir(d);
	return empty ? 0 : rst_errf(err, RST_ECONFIG, "report: --bundle %s: "
	    "exists and is not empty (give a new folder)", dir);
}

int
rst_report_bundle_open(const char *dir, struct rst_report_bundle **out,
    struct rst_err *err)
{
	struct rst_report_bundle *b;
	size_t n = strlen(dir);
	int r;

	*out = NULL;
	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0)
		return rst_errf(err, RST_ECONFIG, "report: --bundle: no folder "
		    "given");
	if ((b = calloc(1, sizeof(*b))) == NULL ||
	    (b->dir = strndup(dir, n)) == NULL ||
	    (b->tmp = rst_strdupf("%s.tmp-XXXXXX", b->dir)) == NULL) {
		rst_report_bundle_free(b);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if ((r = usable(b->dir, err)) == 0 && mkdtemp(b->tmp) == NULL)
		r = rst_errno(err, RST_ECONFIG, "report: --bundle %s: cannot "
		    "create %s", b->dir, b->tmp);
	if (r != 0) {
		b->done = true;		/* nothing of ours to remove */
		rst_report_bundle_free(b);
		return r;
	}
	*out = b;
	return 0;
}

const char *
rst_report_bundle_file(const struct rst_report_format *f)
{
	return f->file;
}

static int
remember(struct rst_report_bundle *b, const char *path, struct rst_err *err)
{
	return rst_strlist_add(&b->made, path) != 0 ? rst_errf(err,
	    RST_ENOMEM, "out of memory") : 0;
}

/* The folders of rel (a name under tmp) that do not exist yet. */
static int
folders(struct rst_report_bundle *b, const char *rel, struct rst_err *err)
{
	const char *s;
	char *p;
	int r = 0;

	for (s = strchr(rel, '/'); r == 0 && s != NULL; s = strchr(s + 1,
	    '/')) {
		if ((p = rst_strdupf("%s/%.*s", b->tmp, (int)(s - rel),
		    rel)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		if (mkdir(p, 0755) == 0)
			r = remember(b, p, err);
		else if (errno != EEXIST)
			r = rst_errno(err, RST_ECONFIG, "%s", p);
		free(p);
	}
	return r;
}

/* Write rel (a repository-style name) into the bundle. */
static int
put(struct rst_report_bundle *b, const char *rel, const void *data,
    size_t len, struct rst_err *err)
{
	char *p;
	int r;

	if ((r = folders(b, rel, err)) != 0)
		return r;
	if ((p = rst_strdupf("%s/%s", b->tmp, rel)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_write_file_atomic(p, data, len, 0644, err)) == 0)
		r = remember(b, p, err);
	else if (r == RST_EIO)
		r = err->code = RST_ECONFIG;	/* an output path: exit 2 */
	free(p);
	return r;
}

int
rst_report_bundle_report(struct rst_report_bundle *b, const char *file,
    const struct rst_buf *report, EVP_PKEY *key, struct rst_err *err)
{
	unsigned char sig[RST_ED25519_SIGLEN];
	char *signame = rst_strdupf("%s.sig", file), *pem = NULL;
	int r;

	if (signame == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_sign(key, report->data, report->len, sig, err)) == 0 &&
	    (r = put(b, file, report->data, report->len, err)) == 0 &&
	    (r = put(b, signame, sig, sizeof(sig), err)) == 0 &&
	    (r = rst_key_public_pem(key, &pem, err)) == 0)
		r = put(b, "signing.pub", pem, strlen(pem), err);
	free(pem);
	free(signame);
	return r;
}

/* Copy the local file state_dir/rel as rel, when it exists. */
static int
copy_local(struct rst_report_bundle *b, const struct rst_profile *p,
    const char *rel, size_t max, struct rst_err *err)
{
	struct rst_buf d = RST_BUF_INIT;
	char *path = rst_repo_local(p, rel);
	int r;

	if (path == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_buf_load_file(&d, path, max, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	} else if (r == 0)
		r = put(b, rel, d.data, d.len, err);
	rst_buf_release(&d);
	free(path);
	return r;
}

/* The tokens kept in state_dir/journal/NAME.tsr/. */
static int
local_tokens(struct rst_report_bundle *b, const struct rst_profile *p,
    struct rst_err *err)
{
	char *rdir = rst_repo_tsr_dir(p->name), *dir, *rel;
	struct dirent *e;
	DIR *d;
	int r = 0;

	dir = rdir != NULL ? rst_repo_local(p, rdir) : NULL;
	if (dir == NULL) {
		free(rdir);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if ((d = opendir(dir)) == NULL) {
		if (errno != ENOENT)
			r = rst_errno(err, RST_EIO, "%s", dir);
		free(dir);
		free(rdir);
		return r;
	}
	while (r == 0 && (e = readdir(d)) != NULL) {
		if (!rst_repo_seq_name(e->d_name, ".tsr"))
			continue;
		if ((rel = rst_strdupf("%s/%s", rdir, e->d_name)) == NULL)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else
			r = copy_local(b, p, rel, SMALL_MAX, err);
		free(rel);
	}
	(void)closedir(d);
	free(dir);
	free(rdir);
	return r;
}

/* A local journal, its head and tokens, under the profile's lock. */
static int
local_journal(struct rst_report_bundle *b, const struct rst_profile *p,
    struct rst_err *err)
{
	char *jn = rst_repo_journal(p->name), *hn = rst_repo_head(p->name);
	int r, lock = -1;

	if (jn == NULL || hn == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = rst_lock_take(p, "report", &lock, NULL, err)) == 0) {
		if ((r = copy_local(b, p, jn, RST_JOURNAL_MAX, err)) == 0 &&
		    (r = copy_local(b, p, hn, RST_HEAD_MAX, err)) == 0)
			r = local_tokens(b, p, err);
		rst_lock_release(lock);
	}
	free(jn);
	free(hn);
	return r;
}

/* Copy the repository object name as name, when it exists. */
static int
copy_remote(struct rst_report_bundle *b, struct rst_storage *st,
    const char *name, size_t max, struct rst_err *err)
{
	struct rst_buf d = RST_BUF_INIT;
	int r;

	r = rst_storage_get_buf(st, name, max, &d, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	} else if (r == 0)
		r = put(b, name, d.data, d.len, err);
	rst_buf_release(&d);
	return r;
}

struct tokens {
	struct rst_strlist names;
	bool		 oom;
};

static int
token_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct tokens *t = arg;
	const char *base = strrchr(name, '/');

	(void)info;
	if (base != NULL && rst_repo_seq_name(base + 1, ".tsr") &&
	    rst_strlist_add(&t->names, name) != 0)
		t->oom = true;
	return 0;
}

/* A repository journal, its head and tokens. */
static int
remote_journal(struct rst_report_bundle *b, struct rst_storage *st,
    const char *name, struct rst_err *err)
{
	char *jn = rst_repo_journal(name), *hn = rst_repo_head(name);
	char *td = rst_repo_tsr_dir(name);
	char *tn = td != NULL ? rst_strdupf("%s/", td) : NULL;
	struct tokens t = { { NULL, 0 }, false };
	size_t i;
	int r;

	if (jn == NULL || hn == NULL || tn == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = copy_remote(b, st, jn, RST_JOURNAL_MAX, err)) == 0 &&
	    (r = copy_remote(b, st, hn, RST_HEAD_MAX, err)) == 0 &&
	    (r = rst_storage_list(st, tn, false, token_cb, &t, err)) == 0 &&
	    t.oom)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	for (i = 0; r == 0 && i < t.names.n; i++)
		r = copy_remote(b, st, t.names.v[i], SMALL_MAX, err);
	rst_strlist_release(&t.names);
	free(jn);
	free(hn);
	free(td);
	free(tn);
	return r;
}

/*
 * The manifest of the snapshot the verdict rests on and its signature,
 * checked against the key and the SHA-256 the report used.
 */
static int
manifest(struct rst_report_bundle *b, struct rst_storage *st,
    const struct rst_report_journal *j, const json_t *p, struct rst_err *err)
{
	const json_t *g = json_object_get(p, "newest_good_backup");
	const char *id = rst_jstr(g, "snapshot");
	const char *want = rst_jstr(g, "manifest_sha256");
	struct rst_buf m = RST_BUF_INIT, s = RST_BUF_INIT;
	char *mn, *sn, sha[RST_SHA256_HEX];
	int r;

	if (id == NULL || !rst_snapshot_id_valid(id))
		return 0;
	mn = rst_repo_snapshot_obj(j->name, id, RST_MANIFEST_NAME);
	sn = rst_repo_snapshot_obj(j->name, id, RST_MANIFEST_SIG);
	if (mn == NULL || sn == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = rst_storage_get_buf(st, mn, SMALL_MAX, &m, err)) != 0 ||
	    (r = rst_storage_get_buf(st, sn, 4096, &s, err)) != 0 ||
	    (r = rst_sha256_hex(m.data, m.len, sha, err)) != 0)
		;
	else if ((want != NULL && strcmp(want, sha) != 0) ||
	    rst_verify(j->key, m.data, m.len, s.data, s.len, err) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: not the manifest this "
		    "report checked (SHA-256 %s or its signature differs)",
		    mn, sha);
	else if ((r = put(b, mn, m.data, m.len, err)) == 0)
		r = put(b, sn, s.data, s.len, err);
	rst_buf_release(&m);
	rst_buf_release(&s);
	free(mn);
	free(sn);
	return r;
}

char *
rst_report_bundle_tsa_ca(const char *profile)
{
	return rst_strdupf("keys/%s.tsa-ca.pem", profile);
}

/* file is dir/SEQ.tsr. */
static bool
token_in(const char *file, const char *dir)
{
	size_t n = dir != NULL ? strlen(dir) : 0;

	return dir != NULL && strncmp(file, dir, n) == 0 && file[n] == '/' &&
	    rst_repo_seq_name(file + n + 1, ".tsr");
}

/*
 * file is journal/NAME.tsr/SEQ.tsr (0), or journal/NAME.lock/SEQ.tsr (1,
 * a copy written once under Object Lock); -1: neither.
 */
static int
token_file(const char *file, const char *name)
{
	char *tsr = rst_repo_tsr_dir(name), *lock = rst_repo_lock_dir(name);
	int r = token_in(file, tsr) ? 0 : token_in(file, lock) ? 1 : -1;

	free(tsr);
	free(lock);
	return r;
}

/*
 * The TSA's certificate the report verified the newest token with, as
 * keys/NAME.tsa-ca.pem, and that token when it is a locked copy (the
 * others are copied with the journal).
 */
static int
anchor_files(struct rst_report_bundle *b, struct rst_storage *st,
    const char *name, const json_t *p, struct rst_err *err)
{
	const json_t *a = json_object_get(json_object_get(p, "journal"),
	    "anchor");
	const char *ca = rst_jstr(a, "tsa_ca_file");
	const char *file = rst_jstr(json_object_get(a, "newest"), "file");
	struct rst_buf d = RST_BUF_INIT;
	char *rel = rst_report_bundle_tsa_ca(name);
	int r, kind = file != NULL ? token_file(file, name) : -1;

	if (rel == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (ca == NULL || kind < 0)
		r = 0;
	else if ((r = rst_buf_load_file(&d, ca, SMALL_MAX, err)) == 0 &&
	    (r = put(b, rel, d.data, d.len, err)) == 0 && st != NULL &&
	    kind == 1)
		r = copy_remote(b, st, file, SMALL_MAX, err);
	rst_buf_release(&d);
	free(rel);
	return r;
}

/* Everything one journal's blocks read. */
static int
evidence(struct rst_report_bundle *b, const struct rst_report_set *set,
    const struct rst_report_journal *j, const json_t *p, struct rst_err *err)
{
	struct rst_storage *own = NULL, *st = set->st;
	char *pem = NULL, *kn = rst_repo_key(j->name);
	int r;

	if (kn == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_key_public_pem(j->key, &pem, err)) == 0)
		r = put(b, kn, pem, strlen(pem), err);
	if (r == 0 && st == NULL && j->profile != NULL)
		r = rst_storage_open(&j->profile->repo, &own, err);
	if (own != NULL)
		st = own;
	if (r == 0 && !j->missing)
		r = j->profile != NULL ? local_journal(b, j->profile, err) :
		    remote_journal(b, st, j->name, err);
	if (r == 0 && !j->missing)
		r = anchor_files(b, st, j->name, p, err);
	if (r == 0 && st != NULL)
		r = manifest(b, st, j, p, err);
	if (r != 0)
		rst_err_prefix(err, "report: --bundle %s: %s", b->dir,
		    j->name);
	rst_storage_close(own);
	free(pem);
	free(kn);
	return r;
}

int
rst_report_bundle_finish(struct rst_report_bundle *b,
    const struct rst_report_set *set, const json_t *doc, struct rst_err *err)
{
	const json_t *profiles = json_object_get(doc, "profiles");
	char *parent;
	size_t i;
	int r = 0;

	for (i = 0; r == 0 && i < set->n; i++)
		if (!set->v[i].unreadable && set->v[i].key != NULL)
			r = evidence(b, set, &set->v[i],
			    json_array_get(profiles, i), err);
	if (r != 0)
		return r;
	if (chmod(b->tmp, 0755) != 0 || rename(b->tmp, b->dir) != 0)
		return rst_errno(err, RST_ECONFIG, "report: --bundle %s",
		    b->dir);
	b->done = true;
	if ((parent = rst_dirname(b->dir)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_fsync_dir(parent, err);
	free(parent);
	return r;
}

void
rst_report_bundle_free(struct rst_report_bundle *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = b->made.n; !b->done && i > 0; i--)
		if (unlink(b->made.v[i - 1]) != 0 && errno == EISDIR)
			(void)rmdir(b->made.v[i - 1]);
	if (!b->done && b->tmp != NULL)
		(void)rmdir(b->tmp);
	rst_strlist_release(&b->made);
	free(b->dir);
	free(b->tmp);
	free(b);
}
