/* SPDX-License-Identifier: ISC */
/*
 * The storage front end: URL scheme -> backend lookup, and the wrappers
 * every caller uses, which own the writer/reader objects and add the
 * object name to error messages.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/storage.h"

static const struct rst_storage_ops *const backends[] = {
	&rst_storage_file,
};

static char *
redact_url(const char *url)
{
	const char *scheme_end = strstr(url, "://"), *host, *at, *slash;
	char *out, *q;

	if (scheme_end == NULL)
		return strdup(url);
	host = scheme_end + 3;
	slash = strchr(host, '/');
	at = strchr(host, '@');
	if (at != NULL && (slash == NULL || at < slash))
		out = rst_strdupf("%.*s%s", (int)(host - url), url, at + 1);
	else
		out = strdup(url);
	if (out != NULL && (q = strchr(out, '?')) != NULL)
		*q = '\0';
	return out;
}

int
rst_storage_open(const struct rst_repo_cfg *cfg, struct rst_storage **out,
    struct rst_err *err)
{
	struct rst_storage *st;
	const char *colon;
	size_t i, len;
	int r;

	*out = NULL;
	if ((colon = strchr(cfg->url, ':')) == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: not a repository URL",
		    cfg->url);
	len = (size_t)(colon - cfg->url);
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		if (strlen(backends[i]->scheme) != len ||
		    strncmp(backends[i]->scheme, cfg->url, len) != 0)
			continue;
		if ((st = calloc(1, sizeof(*st))) == NULL ||
		    (st->url = redact_url(cfg->url)) == NULL) {
			free(st);
			return rst_errf(err, RST_ENOMEM, "out of memory");
		}
		st->ops = backends[i];
		if ((r = st->ops->open(st, cfg, err)) != 0) {
			free(st->url);
			free(st);
			return r;
		}
		*out = st;
		return 0;
	}
	return rst_errf(err, RST_ECONFIG,
	    "%.*s: storage scheme not supported by this build", (int)len,
	    cfg->url);
}

void
rst_storage_close(struct rst_storage *st)
{
	if (st == NULL)
		return;
	st->ops->close(st);
	free(st->url);
	free(st);
}

int
rst_storage_create(struct rst_storage *st, const char *name,
    struct rst_objwriter **out, struct rst_err *err)
{
	struct rst_objwriter *w;
	int r;

	*out = NULL;
	if ((w = calloc(1, sizeof(*w))) == NULL ||
	    (w->name = strdup(name)) == NULL) {
		free(w);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	w->st = st;
	if ((r = st->ops->create(st, w, err)) != 0) {
		rst_err_prefix(err, "create %s", name);
		free(w->name);
		free(w);
		return r;
	}
	*out = w;
	return 0;
}

int
rst_storage_write(struct rst_objwriter *w, const void *p, size_t n,
    struct rst_err *err)
{
	int r;

	if (n == 0)
		return 0;
	if ((r = w->st->ops->write(w, p, n, err)) != 0) {
		rst_err_prefix(err, "put %s", w->name);
		return r;
	}
	w->size += n;
	return 0;
}

static void
writer_free(struct rst_objwriter *w)
{
	free(w->name);
	free(w);
}

int
rst_storage_commit(struct rst_objwriter *w, struct rst_err *err)
{
	int r;

	if ((r = w->st->ops->commit(w, err)) != 0) {
		rst_err_prefix(err, "put %s", w->name);
		w->st->ops->abort(w);
	}
	writer_free(w);
	return r;
}

void
rst_storage_abort(struct rst_objwriter *w)
{
	if (w == NULL)
		return;
	w->st->ops->abort(w);
	writer_free(w);
}

int
rst_storage_put_buf(struct rst_storage *st, const char *name, const void *p,
    size_t n, struct rst_err *err)
{
	struct rst_objwriter *w;
	int r;

	if ((r = rst_storage_create(st, name, &w, err)) != 0)
		return r;
	if ((r = rst_storage_write(w, p, n, err)) != 0) {
		rst_storage_abort(w);
		return r;
	}
	return rst_storage_commit(w, err);
}

int
rst_storage_open_read(struct rst_storage *st, const char *name,
    struct rst_objreader **out, struct rst_err *err)
{
	struct rst_objreader *rd;
	int r;

	*out = NULL;
	if ((rd = calloc(1, sizeof(*rd))) == NULL ||
	    (rd->name = strdup(name)) == NULL) {
		free(rd);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	rd->st = st;
	if ((r = st->ops->open_read(st, rd, err)) != 0) {
		free(rd->name);
		free(rd);
		return r;
	}
	*out = rd;
	return 0;
}

ssize_t
rst_storage_read(struct rst_objreader *rd, void *p, size_t n,
    struct rst_err *err)
{
	return rd->st->ops->read(rd, p, n, err);
}

void
rst_storage_close_read(struct rst_objreader *rd)
{
	if (rd == NULL)
		return;
	rd->st->ops->close_read(rd);
	free(rd->name);
	free(rd);
}

int
rst_storage_get_buf(struct rst_storage *st, const char *name, size_t max,
    struct rst_buf *b, struct rst_err *err)
{
	struct rst_objreader *rd;
	unsigned char tmp[65536];
	ssize_t n;
	int r;

	if ((r = rst_storage_open_read(st, name, &rd, err)) != 0)
		return r;
	while ((n = rst_storage_read(rd, tmp, sizeof(tmp), err)) > 0) {
		if (b->len + (size_t)n > max) {
			r = rst_errf(err, RST_EINTEGRITY,
			    "%s: larger than %zu bytes", name, max);
			break;
		}
		if ((r = rst_buf_append(b, tmp, (size_t)n)) != 0) {
			r = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
	}
	if (n < 0)
		r = (int)n;
	rst_storage_close_read(rd);
	return r;
}

int
rst_storage_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	return st->ops->list(st, prefix, include_tmp, cb, arg, err);
}

int
rst_storage_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	return st->ops->del(st, name, err);
}

int
rst_storage_stat(struct rst_storage *st, const char *name,
    struct rst_objinfo *info, struct rst_err *err)
{
	return st->ops->stat(st, name, info, err);
}

bool
rst_storage_is_tmp(const char *name)
{
	return strstr(name, ".tmp-") != NULL;
}
