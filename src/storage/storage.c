/* SPDX-License-Identifier: ISC */
/*
 * The storage front end: URL scheme -> backend lookup, and the wrappers
 * every caller uses, which own the writer/reader objects, add the object
 * name to error messages and retry.  Retry is here and nowhere else: a
 * backend marks a transient failure (connection refused or reset, timeout,
 * HTTP 5xx/429) as RST_ESTORAGE with err->sys_errno == EAGAIN, and the
 * whole object operation (one commit = one upload from the spool file, one
 * download, one listing, one delete, one stat) is tried again, up to
 * cfg->retries more times, with exponential backoff and jitter.  Anything
 * else (authentication, permission, host key, certificate, a missing
 * object) fails at once.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/rand.h>

#include "restorable/log.h"
#include "restorable/storage.h"
#include "storage_int.h"

#define BACKOFF_FIRST_MS	250
#define BACKOFF_MAX_MS		15000

static const struct rst_storage_ops *const backends[] = {
	&rst_storage_file,
	&rst_storage_webdav_https,
	&rst_storage_webdav_http,
	&rst_storage_s3,
	&rst_storage_sftp,
	&rst_storage_ftps,
};

static bool
is_transient(const struct rst_err *err)
{
	return err->code == RST_ESTORAGE && err->sys_errno == EAGAIN;
}

/* Sleep base * 2^(n-1), capped, times a random factor in [0.5, 1). */
static void
backoff(int n)
{
	uint64_t ms = BACKOFF_FIRST_MS;
	unsigned char rnd[2] = { 0, 0 };
	struct timespec ts;

	while (--n > 0 && ms < BACKOFF_MAX_MS)
		ms *= 2;
	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	(void)RAND_bytes(rnd, sizeof(rnd));
	ms = ms / 2 + ms * (uint64_t)(rnd[0] << 8 | rnd[1]) / 131072;
	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR &&
	    !rst_interrupted)
		;
}

/* Run fn until it succeeds, fails for good, or the attempts are spent. */
int
rst_storage_retry(struct rst_storage *st, rst_attempt_fn fn, void *arg,
    struct rst_err *err)
{
	int total = ((struct storage_impl *)st)->attempts, i, r;
	struct rst_err e;
	size_t len;

	for (i = 1;; i++) {
		memset(&e, 0, sizeof(e));
		if ((r = fn(st, arg, &e)) == 0)
			return 0;
		if (!is_transient(&e) || i >= total || rst_interrupted)
			break;
		rst_log_warn("%s (attempt %d/%d); retrying", e.msg, i, total);
		backoff(i);
	}
	if (is_transient(&e) && total > 1) {
		len = strlen(e.msg);
		snprintf(e.msg + len, sizeof(e.msg) - len, " (attempt %d/%d)",
		    i, total);
	}
	if (err != NULL && err->code == 0)
		*err = e;
	return r;
}

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
	struct storage_impl *impl;
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
		if ((impl = calloc(1, sizeof(*impl))) == NULL ||
		    (impl->pub.url = redact_url(cfg->url)) == NULL) {
			free(impl);
			return rst_errf(err, RST_ENOMEM, "out of memory");
		}
		impl->attempts = 1 + (cfg->retries > 0 ? cfg->retries : 0);
		st = &impl->pub;
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

static void prefetch_drop(struct prefetch *);

void
rst_storage_close(struct rst_storage *st)
{
	if (st == NULL)
		return;
	prefetch_drop(&((struct storage_impl *)st)->pf);
	rst_upload_stop(&((struct storage_impl *)st)->up);
	st->ops->close(st);
	free(st->url);
	free((struct storage_impl *)st);
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

void
rst_storage_writer_free(struct rst_objwriter *w)
{
	free(w->name);
	free(w);
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
	/* A fed writer's upload follows these bytes (or has failed). */
	return w->feed != NULL ? rst_upload_written(w, err) : 0;
}

int
rst_storage_commit_attempt(struct rst_storage *st, void *arg,
    struct rst_err *err)
{
	return st->ops->commit(arg, err);
}

int
rst_storage_commit(struct rst_objwriter *w, struct rst_err *err)
{
	int r;

	if ((r = rst_storage_retry(w->st, rst_storage_commit_attempt, w,
	    err)) != 0) {
		rst_err_prefix(err, "put %s", w->name);
		w->st->ops->abort(w);
	}
	rst_storage_writer_free(w);
	return r;
}

void
rst_storage_abort(struct rst_objwriter *w)
{
	if (w == NULL)
		return;
	if (w->feed != NULL) {
		rst_upload_abort(w);
		return;
	}
	w->st->ops->abort(w);
	rst_storage_writer_free(w);
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

static int
open_read_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	return st->ops->open_read(st, arg, err);
}

static int
open_read_now(struct rst_storage *st, const char *name,
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
	if ((r = rst_storage_retry(st, open_read_attempt, rd, err)) != 0) {
		free(rd->name);
		free(rd);
		return r;
	}
	*out = rd;
	return 0;
}

static void *
prefetch_main(void *arg)
{
	struct storage_impl *impl = arg;
	struct prefetch *pf = &impl->pf;

	pf->code = open_read_now(&impl->pub, pf->name, &pf->rd, &pf->err);
	return NULL;
}

static void
prefetch_join(struct prefetch *pf)
{
	if (!pf->running)
		return;
	pthread_join(pf->thread, NULL);
	pf->running = false;
}

static void
prefetch_drop(struct prefetch *pf)
{
	prefetch_join(pf);
	rst_storage_close_read(pf->rd);
	pf->rd = NULL;
	free(pf->name);
	pf->name = NULL;
}

void
rst_storage_prefetch(struct rst_storage *st, const char *name)
{
	struct prefetch *pf = &((struct storage_impl *)st)->pf;

	/* A local object opens at once: nothing to read ahead. */
	if (rst_storage_is_local(st))
		return;
	prefetch_drop(pf);
	memset(&pf->err, 0, sizeof(pf->err));
	pf->code = 0;
	if ((pf->name = strdup(name)) == NULL)
		return;
	if (pthread_create(&pf->thread, NULL, prefetch_main, st) != 0) {
		free(pf->name);
		pf->name = NULL;
		return;
	}
	pf->running = true;
}

int
rst_storage_open_read(struct rst_storage *st, const char *name,
    struct rst_objreader **out, struct rst_err *err)
{
	struct prefetch *pf = &((struct storage_impl *)st)->pf;
	int r;

	if (pf->name == NULL || strcmp(pf->name, name) != 0)
		return open_read_now(st, name, out, err);
	prefetch_join(pf);
	if ((r = pf->code) != 0 && err->code == 0)
		*err = pf->err;
	*out = pf->rd;
	pf->rd = NULL;
	free(pf->name);
	pf->name = NULL;
	return r;
}

ssize_t
rst_storage_read(struct rst_objreader *rd, void *p, size_t n,
    struct rst_err *err)
{
	return rd->st->ops->read(rd, p, n, err);
}

int
rst_storage_rewind(struct rst_objreader *rd, struct rst_err *err)
{
	return rd->st->ops->rewind(rd, err);
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

/*
 * A listing is collected whole before the caller sees any of it, so that a
 * retried listing never reports an object twice.
 */
struct listing {
	const char	*prefix;
	bool		 include_tmp;
	char		**names;
	struct rst_objinfo *infos;
	size_t		 n, cap;
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
	l->n = l->cap = 0;
}

static int
listing_add(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct listing *l = arg;
	size_t cap = l->cap ? l->cap * 2 : 64;
	void *p;

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
	r = st->ops->list(st, l->prefix, l->include_tmp, listing_add, l, err);
	if (r == RST_ENOMEM)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return r;
}

int
rst_storage_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct listing l = { prefix, include_tmp, NULL, NULL, 0, 0 };
	size_t i;
	int r;

	r = rst_storage_retry(st, list_attempt, &l, err);
	for (i = 0; r == 0 && i < l.n; i++)
		r = cb(arg, l.names[i], &l.infos[i]);
	listing_clear(&l);
	return r;
}

static int
del_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	return st->ops->del(st, arg, err);
}

int
rst_storage_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	return rst_storage_retry(st, del_attempt, (void *)(uintptr_t)name, err);
}

static int
rmdir_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	return st->ops->rmdir(st, arg, err);
}

int
rst_storage_rmdir(struct rst_storage *st, const char *name,
    struct rst_err *err)
{
	if (st->ops->rmdir == NULL)
		return 0;
	return rst_storage_retry(st, rmdir_attempt, (void *)(uintptr_t)name, err);
}

struct stat_args {
	const char		*name;
	struct rst_objinfo	*info;
};

static int
stat_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	struct stat_args *a = arg;

	return st->ops->stat(st, a->name, a->info, err);
}

int
rst_storage_stat(struct rst_storage *st, const char *name,
    struct rst_objinfo *info, struct rst_err *err)
{
	struct stat_args a = { name, info };

	return rst_storage_retry(st, stat_attempt, &a, err);
}

bool
rst_storage_is_local(const struct rst_storage *st)
{
	return st->ops == &rst_storage_file;
}

bool
rst_storage_is_tmp(const char *name)
{
	return strstr(name, ".tmp-") != NULL;
}
