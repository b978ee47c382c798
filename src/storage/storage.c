/* SPDX-License-Identifier: ISC */
/*
 * The storage front end: opening a repository through the scheme registry
 * (backends.c), and the wrappers every caller uses, which own the writer/reader objects, add the object
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

#define BACKOFF_FIRST_MS	1000
#define BACKOFF_MAX_MS		60000

static bool
is_transient(const struct rst_err *err)
{
	return err->code == RST_ESTORAGE && err->sys_errno == EAGAIN;
}

/*
 * The wait before attempt n + 1: 1 s * 2^(n-1), at most a minute, times a
 * random factor in [0.75, 1.25), and no more than what is left of the
 * operation's budget (0: give up).  With the defaults (10 retries, 5 min)
 * the waits are about 1, 2, 4 ... 32, 60, 60, 60 s and the rest of the
 * 5 minutes: a server that reboots meanwhile is waited for.
 */
static uint64_t
backoff_ms(int n, uint64_t waited, uint64_t budget)
{
	uint64_t ms = BACKOFF_FIRST_MS;
	unsigned char rnd[2] = { 0, 0 };

	while (--n > 0 && ms < BACKOFF_MAX_MS)
		ms *= 2;
	if (ms > BACKOFF_MAX_MS)
		ms = BACKOFF_MAX_MS;
	(void)RAND_bytes(rnd, sizeof(rnd));
	ms = ms * 3 / 4 + ms * (uint64_t)(rnd[0] << 8 | rnd[1]) / 131072;
	if (waited >= budget)
		return 0;
	return ms < budget - waited ? ms : budget - waited;
}

static void
sleep_ms(uint64_t ms)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(ms / 1000);
	ts.tv_nsec = (long)(ms % 1000) * 1000000L;
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR &&
	    !rst_interrupted)
		;
}

int
rst_storage_deadline_err(const char *url, uint64_t timeout_ms,
    struct rst_err *err)
{
	return rst_errf(err, RST_ESTORAGE, "%s: command_timeout (%llu s) "
	    "reached: the repository is too slow, stalled or endless; "
	    "nothing more is asked of it", url,
	    (unsigned long long)(timeout_ms / 1000));
}

/* Whether the command's time with the repository has run out. */
static bool
past_deadline(const struct storage_impl *impl)
{
	return impl->deadline > 0 && rst_mono_seconds() >= impl->deadline;
}

void
rst_storage_debug_request(const struct rst_storage *st, const char *op,
    const char *name)
{
	rst_log_debug("storage: %s %s/%s", op, st->url, name);
}

/* Run fn until it succeeds, fails for good, or attempts or time run out. */
int
rst_storage_retry(struct rst_storage *st, rst_attempt_fn fn, void *arg,
    struct rst_err *err)
{
	struct storage_impl *impl = (struct storage_impl *)st;
	int total = impl->attempts, i, r;
	uint64_t waited = 0, ms = 0;
	struct rst_err e;
	size_t len;

	for (i = 1;; i++) {
		memset(&e, 0, sizeof(e));
		if (past_deadline(impl)) {
			r = rst_storage_deadline_err(st->url, impl->timeout_ms,
			    &e);
			break;
		}
		if ((r = fn(st, arg, &e)) == 0)
			return 0;
		if (past_deadline(impl)) {
			memset(&e, 0, sizeof(e));
			r = rst_storage_deadline_err(st->url, impl->timeout_ms,
			    &e);
			break;
		}
		if (!is_transient(&e) || i >= total || rst_interrupted ||
		    (ms = backoff_ms(i, waited, impl->max_wait_ms)) == 0) {
			rst_log_debug("storage: attempt %d/%d failed (%s), "
			    "not retried: %s", i, total, e.msg, !is_transient(&e) ?
			    "not transient" : i >= total ? "no attempt left" :
			    rst_interrupted ? "interrupted" : "time used up");
			break;
		}
		rst_log_warn("%s (attempt %d/%d); retrying in %.1f s", e.msg,
		    i, total, (double)ms / 1000);
		sleep_ms(ms);
		waited += ms;
	}
	if (is_transient(&e) && total > 1) {
		len = strlen(e.msg);
		snprintf(e.msg + len, sizeof(e.msg) - len, " (attempt %d/%d, "
		    "%.0f s waited)", i, total, (double)waited / 1000);
	}
	if (err != NULL && err->code == 0)
		*err = e;
	return r;
}

/*
 * Plain HTTP (webdav+http://, an http:// S3 endpoint) goes to loopback
 * only, unless the profile allows it, and then with a warning every time.
 */
static int
check_cleartext(const struct rst_repo_cfg *cfg, struct rst_err *err)
{
	const char *wire = rst_storage_wire_url(cfg->url);
	const char *url = rst_url_cleartext_remote(wire) ? cfg->url :
	    rst_url_cleartext_remote(cfg->endpoint) ? cfg->endpoint : NULL;
	char *safe;

	if (url == NULL)
		return 0;
	if ((safe = rst_url_redact(url)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (!cfg->allow_insecure_http) {
		rst_errf(err, RST_ECONFIG, "%s: plain HTTP to a host that is "
		    "not loopback sends credentials and data in the clear "
		    "(use https, or set allow_insecure_http = true)", safe);
		free(safe);
		return RST_ECONFIG;
	}
	rst_log_warn("%s: plain HTTP, not encrypted in transit "
	    "(allow_insecure_http = true)", safe);
	free(safe);
	return 0;
}

/* The backend's state, then the storage itself. */
static void
storage_free(struct rst_storage *st)
{
	if (st->priv != NULL)
		st->ops->close(st);
	free(st->priv);
	free(st->url);
	free((struct storage_impl *)st);
}

int
rst_storage_open(const struct rst_repo_cfg *cfg, struct rst_storage **out,
    struct rst_err *err)
{
	const struct rst_storage_ops *ops;
	struct storage_impl *impl;
	struct rst_storage *st;
	const char *colon;
	int r;

	*out = NULL;
	if ((colon = strchr(cfg->url, ':')) == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: not a repository URL",
		    cfg->url);
	if ((r = check_cleartext(cfg, err)) != 0)
		return r;
	if ((ops = rst_storage_backend_of(cfg->url)) == NULL)
		return rst_errf(err, RST_ECONFIG, "%.*s: storage scheme not "
		    "supported by this build", (int)(colon - cfg->url),
		    cfg->url);
	if ((impl = calloc(1, sizeof(*impl))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	st = &impl->pub;
	st->ops = ops;
	if ((st->url = rst_url_redact(cfg->url)) == NULL ||
	    (st->priv = calloc(1, ops->priv_size)) == NULL) {
		storage_free(st);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	impl->attempts = 1 + (cfg->retries > 0 ? cfg->retries : 0);
	impl->max_wait_ms = cfg->retry_max_wait_ms ?
	    cfg->retry_max_wait_ms : RST_REPO_RETRY_MAX_WAIT_MS;
	impl->timeout_ms = cfg->command_timeout_ms;
	if (cfg->command_timeout_ms > 0)
		impl->deadline = rst_mono_seconds() +
		    (double)cfg->command_timeout_ms / 1000.0;
	if ((r = st->ops->open(st, cfg, err)) != 0) {
		storage_free(st);
		return r;
	}
	*out = st;
	return 0;
}

static void prefetch_drop(struct prefetch *);

void
rst_storage_close(struct rst_storage *st)
{
	if (st == NULL)
		return;
	prefetch_drop(&((struct storage_impl *)st)->pf);
	rst_upload_stop(&((struct storage_impl *)st)->up);
	storage_free(st);
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
	int r;

	rst_storage_debug_request(st, "put",
	    ((struct rst_objwriter *)arg)->name);
	r = st->ops->commit(arg, err);

	/* A 404 to a write is the server refusing the path (no such bucket
	 * or folder), not a missing repository object (exit 4). */
	if (r == RST_ENOTFOUND)
		r = err->code = RST_ESTORAGE;
	return r;
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
	rst_storage_debug_request(st, "get",
	    ((struct rst_objreader *)arg)->name);
	return st->ops->open_read(st, arg, err);
}

static int
open_read_now(struct rst_storage *st, const char *name, uint64_t max,
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
	rd->max = max;
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

	pf->code = open_read_now(&impl->pub, pf->name, pf->max, &pf->rd,
	    &pf->err);
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
	rst_storage_prefetch_max(st, name, 0);
}

void
rst_storage_prefetch_max(struct rst_storage *st, const char *name,
    uint64_t max)
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
	pf->max = max;
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
	return rst_storage_open_read_max(st, name, 0, out, err);
}

int
rst_storage_open_read_max(struct rst_storage *st, const char *name,
    uint64_t max, struct rst_objreader **out, struct rst_err *err)
{
	struct prefetch *pf = &((struct storage_impl *)st)->pf;
	int r;

	if (pf->name == NULL || strcmp(pf->name, name) != 0 || pf->max != max)
		return open_read_now(st, name, max, out, err);
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

	if ((r = rst_storage_open_read_max(st, name, max, &rd, err)) != 0)
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

/* An operation on one name (delete, rmdir, retain), retried. */
struct name_op {
	const char	*what;
	int		(*fn)(struct rst_storage *, const char *,
			    struct rst_err *);
	const char	*name;
};

static int
name_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	const struct name_op *o = arg;

	rst_storage_debug_request(st, o->what, o->name);
	return o->fn(st, o->name, err);
}

/* fn NULL: the backend has nothing to do for it. */
static int
name_op(struct rst_storage *st, const char *what,
    int (*fn)(struct rst_storage *, const char *, struct rst_err *),
    const char *name, struct rst_err *err)
{
	struct name_op o = { what, fn, name };

	if (fn == NULL)
		return 0;
	return rst_storage_retry(st, name_attempt, &o, err);
}

int
rst_storage_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	return name_op(st, "delete", st->ops->del, name, err);
}

int
rst_storage_rmdir(struct rst_storage *st, const char *name,
    struct rst_err *err)
{
	return name_op(st, "rmdir", st->ops->rmdir, name, err);
}

int
rst_storage_retain(struct rst_storage *st, const char *name,
    struct rst_err *err)
{
	return name_op(st, "retain", st->ops->retain, name, err);
}

struct stat_args {
	const char		*name;
	struct rst_objinfo	*info;
};

static int
stat_attempt(struct rst_storage *st, void *arg, struct rst_err *err)
{
	struct stat_args *a = arg;

	rst_storage_debug_request(st, "stat", a->name);
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
	return st->ops->local;
}
