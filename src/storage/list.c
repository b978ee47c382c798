/* SPDX-License-Identifier: ISC */
/*
 * Listing a repository: the front end every caller uses (the whole
 * listing collected, then filtered to plain names under the folder asked
 * for), the bounds a backend keeps while it lists, and the walk shared by
 * the backends that list folder by folder (file, WebDAV, SFTP, FTPS).
 */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/log.h"
#include "restorable/storage.h"
#include "storage_int.h"

/*
 * A listing is collected whole before the caller sees any of it, so that a
 * retried listing never reports an object twice.  Only names under the
 * folder asked for reach the caller, and only plain relative names (no
 * empty, "." or ".." component): a server's listing is untrusted, and its
 * names become object names that are read, compared and deleted.
 */
struct listing {
	const char	*prefix;
	size_t		 plen;		/* prefix length, no final '/' */
	const char	*rel;		/* the prefix without final '/' */
	bool		 include_tmp;
	char		**names;
	struct rst_objinfo *infos;
	size_t		 n, cap;
	size_t		 dropped;	/* names outside the prefix */
	bool		 too_many;
};

static void
listing_clear(struct listing *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->names[i]);
	free(l->names);
	free(l->infos);
	l->names = NULL;
	l->infos = NULL;
	l->n = l->cap = l->dropped = 0;
	l->too_many = false;
}

/* True when name is a plain relative name below the first plen bytes. */
static bool
name_under(const char *name, const char *prefix, size_t plen)
{
	const char *c, *e;
	size_t n;

	if (plen > 0 && (strncmp(name, prefix, plen) != 0 ||
	    name[plen] != '/'))
		return false;
	for (c = name;; c = e + 1) {
		e = strchrnul(c, '/');
		n = (size_t)(e - c);
		if (n == 0 || (n == 1 && c[0] == '.') ||
		    (n == 2 && c[0] == '.' && c[1] == '.'))
			return false;
		if (*e == '\0')
			return true;
	}
}

static int
listing_add(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct listing *l = arg;
	size_t cap = l->cap ? l->cap * 2 : 64;
	void *p;

	if (!name_under(name, l->prefix, l->plen)) {
		l->dropped++;
		return 0;
	}
	if (l->n >= RST_LIST_MAX_ENTRIES) {
		l->too_many = true;
		return RST_ESTORAGE;
	}
	if (l->n == l->cap) {
		if ((p = realloc(l->names, cap * sizeof(*l->names))) == NULL)
			return RST_ENOMEM;
		l->names = p;
		if ((p = realloc(l->infos, cap * sizeof(*l->infos))) == NULL)
			return RST_ENOMEM;
		l->infos = p;
		l->cap = cap;
	}
	if ((l->names[l->n] = strdup(name)) == NULL)
		return RST_ENOMEM;
	l->infos[l->n++] = *info;
	return 0;
}

static int
list_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	struct listing *l = arg;
	int r;

	listing_clear(l);
	rst_storage_debug_request(st, "list", l->prefix);
	r = st->ops->list(st, l->rel, l->include_tmp, listing_add, l, err);
	if (r == RST_ENOMEM)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (l->too_many)
		return rst_errf(err, RST_ESTORAGE, "list %s: %s: more than %d "
		    "objects (refused: a broken or hostile server?)",
		    l->prefix[0] ? l->prefix : "/", st->url,
		    RST_LIST_MAX_ENTRIES);
	return r;
}

int
rst_storage_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct listing l = { prefix, strlen(prefix), NULL, include_tmp, NULL,
	    NULL, 0, 0, 0, false };
	char *rel;
	size_t i;
	int r;

	while (l.plen > 0 && prefix[l.plen - 1] == '/')
		l.plen--;
	if ((rel = strndup(prefix, l.plen)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	l.rel = rel;
	r = rst_storage_retry(st, list_attempt, &l, err);
	if (r == 0 && l.dropped > 0)
		rst_log_warn("list %s: %s: ignored %zu name%s outside the "
		    "folder asked for", prefix[0] ? prefix : "/", st->url,
		    l.dropped, l.dropped == 1 ? "" : "s");
	for (i = 0; r == 0 && i < l.n; i++)
		r = cb(arg, l.names[i], &l.infos[i]);
	listing_clear(&l);
	free(rel);
	return r;
}

int
rst_storage_list_versions(struct rst_storage *st, const char *prefix,
    bool *supported, rst_version_cb cb, void *arg, struct rst_err *err)
{
	*supported = st->ops->list_versions != NULL;
	if (!*supported)
		return 0;
	return st->ops->list_versions(st, prefix, cb, arg, err);
}

bool
rst_storage_name_under(const char *name, const char *prefix)
{
	size_t plen = strlen(prefix);

	while (plen > 0 && prefix[plen - 1] == '/')
		plen--;
	return name_under(name, prefix, plen);
}

int
rst_storage_list_enter(struct rst_storage *st, const char *rel,
    size_t *nreq, struct rst_err *err)
{
	const char *p;
	int depth = rel[0] != '\0';

	for (p = rel; *p != '\0'; p++)
		depth += *p == '/';
	if (depth > RST_LIST_MAX_DEPTH)
		return rst_errf(err, RST_ESTORAGE, "list %s: %s: more than %d "
		    "folder levels (refused: a broken or hostile server?)",
		    rel, st->url, RST_LIST_MAX_DEPTH);
	if (++*nreq > RST_LIST_MAX_REQUESTS)
		return rst_errf(err, RST_ESTORAGE, "list %s: %s: more than %d "
		    "folders or pages (refused: a broken or hostile server?)",
		    rel[0] ? rel : "/", st->url, RST_LIST_MAX_REQUESTS);
	return 0;
}

bool
rst_storage_is_tmp(const char *name)
{
	return strstr(name, ".tmp-") != NULL;
}

int
rst_listwalk_enter(struct rst_listwalk *wk, const char *rel)
{
	return rst_storage_list_enter(wk->st, rel, &wk->nreq, wk->err);
}

char *
rst_listwalk_child(const char *rel, const char *leaf)
{
	return rel[0] != '\0' ? rst_path_join(rel, leaf) : strdup(leaf);
}

int
rst_listwalk_object(struct rst_listwalk *wk, const char *name,
    const char *checked, const struct rst_objinfo *info)
{
	if (!wk->include_tmp && rst_storage_is_tmp(checked))
		return 0;
	return wk->cb(wk->arg, name, info);
}
