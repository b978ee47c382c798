/* SPDX-License-Identifier: ISC */
/*
 * A repository's bootstrap (the marker object restorable.json, and
 * keys/PROFILE.pub, which binds a profile name to one key for good), and
 * the rules for reading it back: a local copy that may not exist yet, an
 * object caught in a rewrite, the repository's journal against the local
 * one.
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/crypto.h"
#include "restorable/repo.h"
#include "restorable/util.h"

/* restorable.json and keys/PROFILE.pub: create, or check they match. */
int
rst_repo_prepare(struct rst_storage *st, const char *profile, EVP_PKEY *key,
    struct rst_err *err)
{
	static const char marker[] =
	    "{\"format\":\"restorable-repository\",\"version\":1}\n";
	struct rst_objinfo info;
	struct rst_buf old = RST_BUF_INIT;
	char *pem = NULL, *name = NULL;
	int r;

	if ((r = rst_storage_stat(st, RST_REPO_MARKER, &info, err)) ==
	    RST_ENOTFOUND) {
		rst_err_clear(err);
		r = rst_storage_put_buf(st, RST_REPO_MARKER, marker,
		    sizeof(marker) - 1, err);
	}
	if (r != 0)
		return r;
	if ((r = rst_key_public_pem(key, &pem, err)) != 0)
		return r;
	if ((name = rst_repo_key(profile)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	r = rst_storage_get_buf(st, name, RST_KEY_MAX, &old, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = rst_storage_put_buf(st, name, pem, strlen(pem), err);
	} else if (r == 0 && (old.len != strlen(pem) ||
	    memcmp(old.data, pem, old.len) != 0))
		r = rst_errf(err, RST_EINTEGRITY, "%s: profile name already "
		    "used by another key", name);
 out:
	rst_buf_release(&old);
	free(pem);
	free(name);
	return r;
}

int
rst_repo_load_local(const char *path, struct rst_buf *b, bool *exists,
    struct rst_err *err)
{
	int r = rst_buf_load_file(b, path, RST_JOURNAL_MAX, err);

	*exists = r == 0;
	return rst_err_accept(err, r, RST_ENOTFOUND);
}

static int
listing_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct rst_repo_listing *l = arg;
	char **o;
	int64_t *m;

	if ((o = realloc(l->names, (l->n + 1) * sizeof(*o))) != NULL)
		l->names = o;
	if ((m = realloc(l->mtimes, (l->n + 1) * sizeof(*m))) != NULL)
		l->mtimes = m;
	if (o == NULL || m == NULL || (o[l->n] = strdup(name)) == NULL)
		return RST_ENOMEM;
	m[l->n++] = info->mtime;
	return 0;
}

int
rst_repo_list(struct rst_storage *st, const char *prefix,
    struct rst_repo_listing *l, struct rst_err *err)
{
	int r;

	memset(l, 0, sizeof(*l));
	if ((r = rst_storage_list(st, prefix, true, listing_cb, l, err)) ==
	    RST_ENOMEM && err->code == 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	if (r != 0)
		rst_repo_listing_release(l);
	return r;
}

void
rst_repo_listing_release(struct rst_repo_listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->mtimes);
	memset(l, 0, sizeof(*l));
}

/* The newest NAME.tmp-* of a listing, or NULL. */
static const char *
newest_tmp(const struct rst_repo_listing *l, const char *name)
{
	const char *best = NULL;
	int64_t bt = 0;
	size_t i, n = strlen(name);

	for (i = 0; i < l->n; i++)
		if (strncmp(l->names[i], name, n) == 0 &&
		    strncmp(l->names[i] + n, ".tmp-", 5) == 0 &&
		    (best == NULL || l->mtimes[i] > bt)) {
			best = l->names[i];
			bt = l->mtimes[i];
		}
	return best;
}

int
rst_repo_get(struct rst_storage *st, const struct rst_repo_listing *l,
    const char *name, size_t max, struct rst_buf *b, struct rst_err *err)
{
	struct rst_repo_listing own;
	struct rst_err missing;
	const char *slash, *best;
	char *dir;
	int r;

	r = rst_storage_get_buf(st, name, max, b, err);
	if (r != RST_ENOTFOUND)
		return r;
	missing = *err;
	memset(&own, 0, sizeof(own));
	if (l == NULL) {
		slash = strrchr(name, '/');
		if ((dir = strndup(name, slash != NULL ?
		    (size_t)(slash - name) + 1 : 0)) == NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		rst_err_clear(err);
		r = rst_repo_list(st, dir, &own, err);
		free(dir);
		if (r != 0 && r != RST_ENOTFOUND)
			return r;
		l = &own;
	}
	if ((best = newest_tmp(l, name)) != NULL) {
		rst_err_clear(err);
		r = rst_storage_get_buf(st, best, max, b, err);
	} else {
		*err = missing;
		r = RST_ENOTFOUND;
	}
	rst_repo_listing_release(&own);
	return r;
}

enum rst_repo_copy
rst_repo_compare(const struct rst_buf *local, const struct rst_buf *remote,
    size_t *differs_at)
{
	size_t i;

	for (i = 0; i < remote->len && i < local->len &&
	    remote->data[i] == local->data[i]; i++)
		;
	if (differs_at != NULL)
		*differs_at = i;
	if (i < remote->len)
		return RST_COPY_DIFFERS;
	return remote->len < local->len ? RST_COPY_BEHIND : RST_COPY_EQUAL;
}
