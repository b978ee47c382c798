/* SPDX-License-Identifier: ISC */
/*
 * Snapshot ids, listing of committed snapshots, and loading a snapshot's
 * manifest with its signature checked before anything in it is trusted.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "restorable/log.h"
#include "restorable/snapshot.h"

bool
rst_snapshot_id_valid(const char *s)
{
	static const char shape[] = "DDDDDDDDTDDDDDDZ-hhhhhh";
	size_t i;

	if (strlen(s) != RST_SNAP_ID_LEN)
		return false;
	for (i = 0; i < RST_SNAP_ID_LEN; i++) {
		switch (shape[i]) {
		case 'D':
			if (!isdigit((unsigned char)s[i]))
				return false;
			break;
		case 'h':
			if (!isxdigit((unsigned char)s[i]) ||
			    isupper((unsigned char)s[i]))
				return false;
			break;
		default:
			if (s[i] != shape[i])
				return false;
		}
	}
	return true;
}

static int
strlist_add(struct rst_strlist *l, const char *s, size_t len)
{
	char **nv;

	if ((nv = reallocarray(l->v, l->n + 2, sizeof(*nv))) == NULL)
		return RST_ENOMEM;
	l->v = nv;
	if ((nv[l->n] = strndup(s, len)) == NULL)
		return RST_ENOMEM;
	nv[++l->n] = NULL;
	return 0;
}

struct collect {
	size_t			 plen;	/* length of "snapshots/P/" */
	bool			 all;	/* any object, not only committed */
	struct rst_strlist	*ids;
};

static int
collect_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct collect *c = arg;
	const char *id = name + c->plen, *slash;
	size_t i;

	(void)info;
	if ((slash = strchr(id, '/')) == NULL ||
	    (size_t)(slash - id) != RST_SNAP_ID_LEN)
		return 0;
	if (!c->all && strcmp(slash + 1, RST_MANIFEST_SIG) != 0)
		return 0;
	for (i = 0; i < c->ids->n; i++)
		if (strncmp(c->ids->v[i], id, RST_SNAP_ID_LEN) == 0)
			return 0;
	return strlist_add(c->ids, id, RST_SNAP_ID_LEN);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
list_ids(struct rst_storage *st, const char *profile, bool all,
    struct rst_strlist *ids, struct rst_err *err)
{
	struct collect c = { 0, all, ids };
	char *prefix;
	size_t i, keep;
	int r;

	ids->v = NULL;
	ids->n = 0;
	if ((prefix = rst_repo_snapshots(profile)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	c.plen = strlen(prefix);
	r = rst_storage_list(st, prefix, all, collect_cb, &c, err);
	free(prefix);
	if (r == RST_ENOMEM)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	if (r != 0) {
		rst_strlist_release(ids);
		return r;
	}
	for (i = keep = 0; i < ids->n; i++) {
		if (rst_snapshot_id_valid(ids->v[i]))
			ids->v[keep++] = ids->v[i];
		else
			free(ids->v[i]);
	}
	ids->n = keep;
	if (ids->n > 0)
		qsort(ids->v, ids->n, sizeof(char *), cmp_str);
	return 0;
}

int
rst_snapshot_list(struct rst_storage *st, const char *profile,
    struct rst_strlist *ids, struct rst_err *err)
{
	return list_ids(st, profile, false, ids, err);
}

/*
 * The newest committed snapshot is the newest whose manifest verifies with
 * the profile's key: folders that do not verify (damage, or objects planted
 * by whoever controls the storage) and uncommitted ones never steer ids,
 * "latest" or retention.  *id stays NULL when there is none.
 */
int
rst_snapshot_newest(struct rst_storage *st, const char *profile,
    EVP_PKEY *key, char **id, struct rst_err *skipped, struct rst_err *err)
{
	struct rst_strlist ids;
	struct rst_manifest *m;
	struct rst_err one;
	size_t i;
	int r;

	*id = NULL;
	if ((r = rst_snapshot_list(st, profile, &ids, err)) != 0)
		return r;
	for (i = ids.n; i-- > 0;) {
		rst_err_clear(&one);
		r = rst_snapshot_load(st, profile, ids.v[i], key, &m, NULL,
		    &one);
		if (r == RST_EINTEGRITY) {
			rst_log_warn("%s (not taken as the newest snapshot)",
			    one.msg);
			if (skipped != NULL && skipped->code == 0)
				*skipped = one;
			r = 0;
			continue;
		}
		if (r != 0) {
			*err = one;
			break;
		}
		rst_manifest_free(m);
		if ((*id = strdup(ids.v[i])) == NULL)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		break;
	}
	rst_strlist_release(&ids);
	return r;
}

int
rst_snapshot_list_verified(struct rst_storage *st, const char *profile,
    EVP_PKEY *key, struct rst_strlist *good, struct rst_strlist *bad,
    struct rst_err *newest_bad, struct rst_err *err)
{
	struct rst_strlist ids;
	struct rst_manifest *m;
	struct rst_err one;
	size_t i;
	int r;

	good->v = bad->v = NULL;
	good->n = bad->n = 0;
	if ((r = rst_snapshot_list(st, profile, &ids, err)) != 0)
		return r;
	for (i = 0; r == 0 && i < ids.n; i++) {
		rst_err_clear(&one);
		r = rst_snapshot_load(st, profile, ids.v[i], key, &m, NULL,
		    &one);
		rst_manifest_free(m);
		if (r == RST_EINTEGRITY) {
			rst_log_error("%s", one.msg);
			if (newest_bad != NULL)
				*newest_bad = one;
			r = strlist_add(bad, ids.v[i], strlen(ids.v[i]));
		} else if (r == 0)
			r = strlist_add(good, ids.v[i], strlen(ids.v[i]));
		else
			*err = one;
		if (r == RST_ENOMEM)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
	}
	rst_strlist_release(&ids);
	if (r != 0) {
		rst_strlist_release(good);
		rst_strlist_release(bad);
	}
	return r;
}

/*
 * The time of a new id after the newest snapshot's (newest, or NULL).  A
 * set clock earlier than it is refused; one equal to it names the new
 * snapshot a second later, so that ids stay unique and ordered when one
 * run --now backs up more than once.  The real clock waits for the next
 * second, or names the new snapshot after the newest when it is behind it
 * (skew).
 */
static int
id_time(const struct rst_clock *clock, const char *profile,
    const char *newest, time_t *out, struct rst_err *err)
{
	time_t now = (time_t)rst_clock_now(clock);
	time_t last = newest != NULL ? (time_t)rst_snapshot_id_time(newest) : 0;
	char at[40];

	if (rst_clock_is_set(clock)) {
		if (now < last) {
			rst_format_rfc3339(now, 0, at, sizeof(at));
			return rst_errf(err, RST_EUSAGE, "%s: the clock set "
			    "with --now (%s) is earlier than the newest "
			    "snapshot %s; nothing backed up", profile, at,
			    newest);
		}
		*out = now > last ? now : last + 1;
		return 0;
	}
	if (last >= now + 3) {
		rst_log_warn("%s: the clock is behind the newest snapshot %s; "
		    "naming the new one after it", profile, newest);
		now = last + 1;
	}
	while (now <= last) {
		usleep(200000);
		now = (time_t)rst_clock_now(NULL);
	}
	*out = now;
	return 0;
}

int
rst_snapshot_new_id(struct rst_storage *st, const char *profile,
    EVP_PKEY *key, const struct rst_clock *clock,
    char id[RST_SNAP_ID_LEN + 1], struct rst_err *err)
{
	unsigned char rnd[3];
	char stamp[17], hex[7], *newest = NULL;
	time_t now;
	struct tm tm;
	int r;

	if ((r = rst_snapshot_newest(st, profile, key, &newest, NULL,
	    err)) != 0)
		return r;
	r = id_time(clock, profile, newest, &now, err);
	free(newest);
	if (r != 0)
		return r;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "random");
	rst_hex(rnd, sizeof(rnd), hex);
	snprintf(id, RST_SNAP_ID_LEN + 1, "%s-%s", stamp, hex);
	return 0;
}

int
rst_snapshot_resolve(struct rst_storage *st, const char *profile,
    const char *snap, EVP_PKEY *key, char **id, struct rst_err *newer,
    struct rst_err *err)
{
	struct rst_err skipped = RST_ERR_INIT;
	int r;

	*id = NULL;
	if (strcmp(snap, "latest") != 0) {
		if (!rst_snapshot_id_valid(snap))
			return rst_errf(err, RST_EUSAGE,
			    "%s: not a snapshot id (like 20261124T185000Z-3f9a1c)"
			    " or \"latest\"", snap);
		if ((*id = strdup(snap)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		return 0;
	}
	if ((r = rst_snapshot_newest(st, profile, key, id, &skipped,
	    err)) != 0)
		return r;
	if (*id == NULL && skipped.code != 0) {
		/* Committed folders, none of which verifies: damage. */
		*err = skipped;
		return err->code;
	}
	if (*id == NULL) {
		rst_err_reason(err, RST_REASON_NO_SNAPSHOT);
		return rst_errf(err, RST_ECHECK, "%s: no committed snapshot",
		    profile);
	}
	if (newer != NULL && newer->code == 0 && skipped.code != 0)
		*newer = skipped;
	return 0;
}

int
rst_snapshot_finding(const struct rst_err *found, struct rst_err *err,
    const char *fmt, ...)
{
	char ctx[sizeof(err->msg)], msg[2 * sizeof(err->msg) + 4];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ctx, sizeof(ctx), fmt, ap);
	va_end(ap);
	snprintf(msg, sizeof(msg), "%s (%s)", found->msg, ctx);
	*err = *found;	/* its reason names the folder's object */
	memcpy(err->msg, msg, sizeof(err->msg) - 1);	/* cut to fit */
	err->msg[sizeof(err->msg) - 1] = '\0';
	return err->code;
}

int
rst_snapshot_newer_finding(const struct rst_err *skipped, const char *id,
    int r, struct rst_err *err)
{
	if (r != 0 || skipped->code == 0)
		return r;
	return rst_snapshot_finding(skipped, err, "newer than %s, the latest "
	    "snapshot that verifies", id);
}

static int
get_object(struct rst_storage *st, const char *dir, const char *name,
    size_t max, struct rst_buf *b, struct rst_err *err)
{
	char *path;
	int r;

	if ((path = rst_path_join(dir, name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_storage_get_buf(st, path, max, b, err);
	if (r == RST_ENOTFOUND) {
		rst_err_reason_s(err, RST_REASON_NOT_FOUND, path);
		err->code = r = RST_EINTEGRITY;
	}
	free(path);
	return r;
}

/*
 * A bad signature.  Nothing of the manifest is parsed or shown: its bytes
 * are the storage's, and its signing_key field could be any text.
 */
static int
bad_signature(const char *dir, struct rst_err *err)
{
	char obj[RST_REASON_TEXT];

	rst_err_clear(err);
	snprintf(obj, sizeof(obj), "%s/" RST_MANIFEST_NAME, dir);
	rst_err_reason_s(err, RST_REASON_INTEGRITY_MISMATCH, obj);
	return rst_errf(err, RST_EINTEGRITY, "%s/manifest.json.sig: signature "
	    "does not verify with this profile's key: manifest.json or its "
	    "signature was altered, or another key signed it", dir);
}

static int
check_identity(const char *dir, const struct rst_manifest *m,
    const char *profile, const char *id, EVP_PKEY *key, struct rst_err *err)
{
	char fpr[RST_FPR_LEN];
	int r;

	if ((r = rst_key_fingerprint(key, fpr, err)) != 0)
		return r;
	if (strcmp(m->profile, profile) != 0 || strcmp(m->snapshot, id) != 0 ||
	    strcmp(m->signing_key, fpr) != 0)
		rst_err_reason_s(err, RST_REASON_INTEGRITY_MISMATCH, dir);
	if (strcmp(m->profile, profile) != 0 || strcmp(m->snapshot, id) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s/manifest.json: names "
		    "profile %s snapshot %s, not this one", dir, m->profile,
		    m->snapshot);
	if (strcmp(m->signing_key, fpr) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s/manifest.json: "
		    "signing_key %s is not the key that signed it", dir,
		    m->signing_key);
	return 0;
}

int
rst_snapshot_load(struct rst_storage *st, const char *profile, const char *id,
    EVP_PKEY *key, struct rst_manifest **out, char msha[RST_SHA256_HEX],
    struct rst_err *err)
{
	struct rst_buf man = RST_BUF_INIT, sig = RST_BUF_INIT;
	struct rst_manifest *m = NULL;
	char *dir;
	int r;

	*out = NULL;
	if ((dir = rst_repo_snapshot_dir(profile, id)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = get_object(st, dir, RST_MANIFEST_SIG, 1024, &sig,
	    err)) != 0 || (r = get_object(st, dir, RST_MANIFEST_NAME,
	    RST_MANIFEST_MAX, &man, err)) != 0)
		goto out;
	if (rst_verify(key, man.data, man.len, sig.data, sig.len, err) != 0) {
		r = bad_signature(dir, err);
		goto out;
	}
	if ((r = rst_manifest_parse(man.data, man.len, &m, err)) != 0) {
		rst_err_prefix(err, "%s", dir);
		goto out;
	}
	if ((r = check_identity(dir, m, profile, id, key, err)) != 0)
		goto out;
	if (msha != NULL &&
	    (r = rst_sha256_hex(man.data, man.len, msha, err)) != 0)
		goto out;
	*out = m;
	m = NULL;
 out:
	rst_manifest_free(m);
	rst_buf_release(&man);
	rst_buf_release(&sig);
	free(dir);
	return r;
}

static int
del_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct rst_err *err = ((void **)arg)[1];

	(void)info;
	if (strstr(name, "/" RST_MANIFEST_SIG) != NULL)
		return 0;	/* already gone */
	return rst_storage_del(((void **)arg)[0], name, err);
}

int
rst_snapshot_delete(struct rst_storage *st, const char *profile,
    const char *id, struct rst_err *err)
{
	void *args[2] = { st, err };
	struct rst_err e2 = RST_ERR_INIT;
	char *dir, *sig;
	int r;

	dir = rst_repo_snapshot_dir(profile, id);
	sig = dir ? rst_path_join(dir, RST_MANIFEST_SIG) : NULL;
	if (sig == NULL) {
		free(dir);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	/* Uncommit first: a half-deleted snapshot is a leftover, not damage. */
	if ((r = rst_storage_del(st, sig, err)) == 0)
		r = rst_storage_list(st, dir, true, del_cb, args, err);
	/* The emptied folder too, where folders outlive objects. */
	if (r == 0 && rst_storage_rmdir(st, dir, &e2) != 0)
		rst_log_info("%s", e2.msg);
	free(sig);
	free(dir);
	return r;
}

int
rst_snapshot_list_uncommitted(struct rst_storage *st, const char *profile,
    struct rst_strlist *out, struct rst_err *err)
{
	struct rst_strlist all, done;
	size_t i, j;
	int r;

	out->v = NULL;
	out->n = 0;
	if ((r = list_ids(st, profile, true, &all, err)) != 0)
		return r;
	if ((r = list_ids(st, profile, false, &done, err)) != 0) {
		rst_strlist_release(&all);
		return r;
	}
	for (i = j = 0; r == 0 && i < all.n; i++) {
		while (j < done.n && strcmp(done.v[j], all.v[i]) < 0)
			j++;
		if (j < done.n && strcmp(done.v[j], all.v[i]) == 0)
			continue;
		if (strlist_add(out, all.v[i], strlen(all.v[i])) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
	}
	rst_strlist_release(&all);
	rst_strlist_release(&done);
	return r;
}

int64_t
rst_snapshot_id_time(const char *id)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	if (strptime(id, "%Y%m%dT%H%M%SZ", &tm) == NULL)
		return 0;
	return (int64_t)timegm(&tm);
}
