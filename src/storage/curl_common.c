/* SPDX-License-Identifier: ISC */
/*
 * Shared libcurl plumbing for the webdav, s3, sftp and ftps backends:
 * credentials read from protected files or the environment and wiped
 * after use, URL escaping, spool files, the object reader and writer and
 * the whole-object fetch, upload, stat and quote operations.  One
 * transfer's setup, callbacks and failure classification are in
 * curl_xfer.c, the reply parsers and the recursive "ls" walk in
 * listing.c.  No backend repeats any of this.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "restorable/crypto.h"
#include "restorable/util.h"
#include "curl_common.h"

#define SECRET_MAX	8192
#define DOWNLOAD_BUFFER	(256L << 10)	/* curl's receive buffer, bytes */

int
rst_curl_repo_init(struct rst_curl_repo *repo, struct rst_storage *st,
    const struct rst_repo_cfg *cfg, const char *protocols,
    struct rst_err *err)
{
	memset(repo, 0, sizeof(*repo));
	if (pthread_mutex_init(&repo->lock, NULL) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	repo->lock_ok = true;
	repo->server = st->url;
	repo->protocols = protocols;
	repo->http = strncmp(protocols, "http", 4) == 0;
	repo->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms :
	    RST_REPO_TIMEOUT_MS;
	repo->bandwidth_limit = cfg->bandwidth_limit;
	repo->command_timeout_ms = cfg->command_timeout_ms;
	if (cfg->command_timeout_ms > 0)
		repo->deadline = rst_mono_seconds() +
		    (double)cfg->command_timeout_ms / 1000.0;
	if (cfg->spool_dir == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: no state_dir for the "
		    "spool files", st->url);
	if ((repo->spool_dir = strdup(cfg->spool_dir)) == NULL ||
	    (cfg->ca_file != NULL &&
	    (repo->ca_file = strdup(cfg->ca_file)) == NULL))
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_curl_repo_init_user(struct rst_curl_repo *repo, struct rst_storage *st,
    const struct rst_repo_cfg *cfg, const char *protocols,
    struct rst_err *err)
{
	int r;

	if ((r = rst_curl_repo_init(repo, st, cfg, protocols, err)) != 0)
		return r;
	return rst_curl_load_userpass(repo, cfg, err);
}

void
rst_curl_repo_release(struct rst_curl_repo *repo)
{
	while (repo->nidle > 0)
		curl_easy_cleanup(repo->idle[--repo->nidle]);
	while (repo->nspare > 0)
		close(repo->spare[--repo->nspare]);
	if (repo->lock_ok)
		pthread_mutex_destroy(&repo->lock);
	free(repo->base);
	free(repo->ca_file);
	free(repo->spool_dir);
	rst_secret_clear(&repo->cred);
	memset(repo, 0, sizeof(*repo));
}

int
rst_curl_load_secret_text(const struct rst_repo_cfg *cfg, struct rst_buf *b,
    struct rst_err *err)
{
	const char *v;

	if (cfg->credentials_file != NULL)
		return rst_keyfile_load(cfg->credentials_file,
		    RST_KEYFILE_SECRET, SECRET_MAX, b, err);
	if (cfg->credentials_env == NULL)
		return 0;
	if ((v = getenv(cfg->credentials_env)) == NULL || v[0] == '\0')
		return rst_errf(err, RST_ECONFIG, "credentials_env: %s is not "
		    "set", cfg->credentials_env);
	if (rst_buf_append(b, v, strlen(v)) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_curl_load_userpass(struct rst_curl_repo *repo,
    const struct rst_repo_cfg *cfg, struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	int r;

	if ((r = rst_curl_load_secret_text(cfg, &b, err)) == 0 && b.len > 0)
		r = rst_secret_parse(&repo->cred, (const char *)b.data, b.len,
		    cfg->credentials_file ? cfg->credentials_file :
		    cfg->credentials_env, err);
	rst_secret_buf_release(&b);
	return r;
}

char *
rst_curl_escape(const char *name, bool keep_slash)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;
	char *out, *q;

	if ((out = malloc(strlen(name) * 3 + 1)) == NULL)
		return NULL;
	for (p = (const unsigned char *)name, q = out; *p; p++) {
		if (isalnum(*p) || strchr("-._~", *p) != NULL ||
		    (keep_slash && *p == '/')) {
			*q++ = (char)*p;
		} else {
			*q++ = '%';
			*q++ = hex[*p >> 4];
			*q++ = hex[*p & 15];
		}
	}
	*q = '\0';
	return out;
}

char *
rst_curl_url(const struct rst_curl_repo *repo, const char *name)
{
	char *esc, *url;

	while (name[0] == '/')
		name++;
	if ((esc = rst_curl_escape(name, true)) == NULL)
		return NULL;
	url = rst_strdupf("%s/%s", repo->base, esc);
	free(esc);
	return url;
}

char *
rst_curl_dir_url(const struct rst_curl_repo *repo, const char *rel)
{
	char *u, *out;

	if (rel[0] == '\0')
		return rst_strdupf("%s/", repo->base);
	if ((u = rst_curl_url(repo, rel)) == NULL)
		return NULL;
	out = rst_strdupf("%s/", u);
	free(u);
	return out;
}

char *
rst_curl_tmpname(const char *name)
{
	unsigned char rnd[3];
	char hex[7];

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return NULL;
	rst_hex(rnd, sizeof(rnd), hex);
	return rst_strdupf("%s.tmp-%s", name, hex);
}

char *
rst_curl_quote_path(const char *path)
{
	char *out, *q;

	if ((out = malloc(strlen(path) * 2 + 3)) == NULL)
		return NULL;
	q = out;
	*q++ = '"';
	for (; *path; path++) {
		if (*path == '"' || *path == '\\')
			*q++ = '\\';
		*q++ = *path;
	}
	*q++ = '"';
	*q = '\0';
	return out;
}

/* After a failed spool write: the disk is full (exit 3, not 70). */
static bool
spool_full(void)
{
	return errno == ENOSPC || errno == EDQUOT;
}

int
rst_curl_spool(struct rst_curl_repo *repo, int *fd, struct rst_err *err)
{
	char *path;
	int r;

	*fd = -1;
	if ((r = rst_mkdir_p(repo->spool_dir, 0700, err)) != 0)
		return r;
	if ((path = rst_path_join(repo->spool_dir, "obj.XXXXXX")) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((*fd = mkstemp(path)) == -1) {
		r = rst_errno(err, spool_full() ? RST_ESTORAGE : RST_EIO,
		    "spool file in %s",
		    repo->spool_dir);
		free(path);
		return r;
	}
	/* Anonymous from now on: nothing is left behind, even on a crash. */
	(void)unlink(path);
	free(path);
	return 0;
}

/*
 * A writer's spool file: a spare one when there is one, rewritten from its
 * first byte (only the writer's own size is ever read back).  Rewriting
 * pages the file already has is far cheaper than growing a new file, and
 * the disk space is held anyway while parts are in flight.
 */
int
rst_curl_create(struct rst_storage *st, struct rst_objwriter *w,
    struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	struct rst_curl_writer *cw;
	int r;

	if ((cw = calloc(1, sizeof(*cw))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	cw->fd = -1;
	pthread_mutex_lock(&repo->lock);
	if (repo->nspare > 0)
		cw->fd = repo->spare[--repo->nspare];
	pthread_mutex_unlock(&repo->lock);
	if (cw->fd >= 0 && lseek(cw->fd, 0, SEEK_SET) == -1) {
		close(cw->fd);
		cw->fd = -1;
	}
	if (cw->fd < 0 && (r = rst_curl_spool(repo, &cw->fd, err)) != 0) {
		free(cw);
		return r;
	}
	w->priv = cw;
	return 0;
}

int
rst_curl_write(struct rst_objwriter *w, const void *p, size_t n,
    struct rst_err *err)
{
	struct rst_curl_writer *cw = w->priv;

	if (rst_write_all(cw->fd, p, n) != 0)
		return rst_errno(err, spool_full() ? RST_ESTORAGE : RST_EIO,
		    "spool in %s", ((struct rst_curl_repo *)w->st->priv)->
		    spool_dir);
	cw->size += n;
	return 0;
}

void
rst_curl_abort(struct rst_objwriter *w)
{
	struct rst_curl_repo *repo = w->st->priv;
	struct rst_curl_writer *cw = w->priv;

	if (cw == NULL)
		return;
	if (cw->fd >= 0) {
		pthread_mutex_lock(&repo->lock);
		if (repo->nspare < RST_CURL_SPARE) {
			repo->spare[repo->nspare++] = cw->fd;
			cw->fd = -1;
		}
		pthread_mutex_unlock(&repo->lock);
		if (cw->fd >= 0)
			close(cw->fd);
	}
	free(cw);
	w->priv = NULL;
}

int
rst_curl_open_read(struct rst_storage *st, struct rst_objreader *rd,
    struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	struct stat sb;
	int *fdp, r;

	if ((fdp = malloc(sizeof(*fdp))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_curl_spool(repo, fdp, err)) != 0) {
		free(fdp);
		return r;
	}
	if ((r = rst_curl_fetch(st, rd->name, rd->max, *fdp, err)) == 0 &&
	    (fstat(*fdp, &sb) == -1 || lseek(*fdp, 0, SEEK_SET) == -1))
		r = rst_errno(err, RST_EIO, "spool");
	if (r != 0) {
		close(*fdp);
		free(fdp);
		return r;
	}
	rd->size = (uint64_t)sb.st_size;
	rd->priv = fdp;
	return 0;
}

ssize_t
rst_curl_read(struct rst_objreader *rd, void *p, size_t n,
    struct rst_err *err)
{
	int *fdp = rd->priv;
	ssize_t r;

	do
		r = read(*fdp, p, n);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		return rst_errno(err, RST_EIO, "read %s (spool)", rd->name);
	return r;
}

int
rst_curl_rewind(struct rst_objreader *rd, struct rst_err *err)
{
	int *fdp = rd->priv;

	if (lseek(*fdp, 0, SEEK_SET) == -1)
		return rst_errno(err, RST_EIO, "rewind %s (spool)", rd->name);
	return 0;
}

void
rst_curl_close_read(struct rst_objreader *rd)
{
	int *fdp = rd->priv;

	if (fdp == NULL)
		return;
	close(*fdp);
	free(fdp);
	rd->priv = NULL;
}

int
rst_curl_stat_url(struct rst_curl_repo *repo, const char *url,
    const char *name, struct rst_objinfo *info, struct rst_err *err)
{
	struct rst_curl_xfer x;
	curl_off_t len = -1, t = -1;
	char *what;
	int r;

	if ((what = rst_strdupf("stat %s", name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_curl_xfer_init(&x, repo, url, err)) == 0) {
		curl_easy_setopt(x.c, CURLOPT_NOBODY, 1L);
		curl_easy_setopt(x.c, CURLOPT_FILETIME, 1L);
		r = rst_curl_perform(&x, repo, what, err);
	}
	if (r == 0) {
		curl_easy_getinfo(x.c, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T,
		    &len);
		curl_easy_getinfo(x.c, CURLINFO_FILETIME_T, &t);
		info->size = len > 0 ? (uint64_t)len : 0;
		info->mtime = t >= 0 ? (int64_t)t : 0;
	}
	rst_curl_xfer_release(&x);
	free(what);
	return r;
}

/*
 * The receive buffer: smaller under a bandwidth limit, since libcurl
 * enforces the limit between reads and a large buffer of a fast link
 * arrives at once (about eight reads per second of the limit).
 */
static long
download_buffer(uint64_t limit)
{
	uint64_t b = limit / 8;

	if (limit == 0 || b >= (uint64_t)DOWNLOAD_BUFFER)
		return DOWNLOAD_BUFFER;
	return b < 1024 ? 1024L : (long)b;
}

int
rst_curl_fetch(struct rst_storage *st, const char *name, uint64_t max,
    int fd, struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	struct rst_curl_xfer x;
	char *url, *what;
	int r;

	url = rst_curl_url(repo, name);
	what = rst_strdupf("get %s", name);
	if (url == NULL || what == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else if ((r = rst_curl_xfer_init(&x, repo, url, err)) == 0) {
		x.fd = fd;
		x.max = max;
		/* As for uploads: libssh2 reads ahead what the buffer holds
		 * (curl's 16 KiB default keeps an SFTP download mostly idle). */
		curl_easy_setopt(x.c, CURLOPT_BUFFERSIZE,
		    download_buffer(repo->bandwidth_limit));
		r = rst_curl_perform(&x, repo, what, err);
		if (x.too_big) {	/* whatever perform made of the cut */
			rst_err_clear(err);
			r = rst_errf(err, RST_EINTEGRITY, "%s: larger than %llu "
			    "bytes (the server sent more; cut off)", name,
			    (unsigned long long)max);
		}
		rst_curl_xfer_release(&x);
	}
	free(url);
	free(what);
	return r;
}

int
rst_curl_upload(struct rst_curl_repo *repo, const char *url,
    struct rst_objwriter *w, struct curl_slist *post, long *status,
    struct rst_err *err)
{
	struct rst_curl_writer *cw = w->priv;
	struct rst_curl_xfer x;
	int r;

	if ((r = rst_curl_xfer_init(&x, repo, url, err)) != 0) {
		curl_slist_free_all(post);
		return r;
	}
	x.quote = post;
	x.quote_post = true;
	/* A fed writer's length is known only at its end (-1: unknown). */
	rst_curl_xfer_upload(&x, cw->fd, 0, w->feed != NULL ? -1 :
	    (off_t)cw->size);
	x.feed = w->feed;
	if (!repo->http)
		curl_easy_setopt(x.c, CURLOPT_FTP_CREATE_MISSING_DIRS,
		    (long)CURLFTP_CREATE_DIR_RETRY);
	r = rst_curl_perform(&x, repo, NULL, err);
	if (status != NULL)
		*status = x.status;
	rst_curl_xfer_release(&x);
	return r;
}

int
rst_curl_stat(struct rst_storage *st, const char *name,
    struct rst_objinfo *info, struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	char *url;
	int r;

	if ((url = rst_curl_url(repo, name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_curl_stat_url(repo, url, name, info, err);
	free(url);
	return r;
}

/*
 * Run one quote command for NAME: from the root URL (SFTP, with absolute
 * paths), or with in_dir after curl has gone to NAME's folder (FTP, with
 * NAME's base name: an FTP connection stays in the folder an earlier
 * transfer left it in, and curl knows its way from the login folder).
 */
static int
quote_run(struct rst_curl_repo *repo, const char *name, bool in_dir,
    const char *what, const char *cmd, struct rst_err *err)
{
	struct rst_curl_xfer x;
	char *dir, *slash, *url;
	int r;

	if ((dir = strdup(name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	slash = strrchr(dir, '/');
	if (!in_dir || slash == NULL)
		dir[0] = '\0';
	else
		*slash = '\0';
	url = rst_curl_dir_url(repo, dir);
	free(dir);
	if (url == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_curl_xfer_init(&x, repo, url, err)) == 0) {
		curl_easy_setopt(x.c, CURLOPT_NOBODY, 1L);
		x.quote_post = in_dir;
		if (rst_curl_xfer_quote(&x, "%s", cmd) != 0)
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else
			r = rst_curl_perform(&x, repo, what, err);
		rst_curl_xfer_release(&x);
	}
	free(url);
	return r;
}

/* NAME (a file, or the folder with dir) removed by a quote command. */
static int
cmd_remove(struct rst_storage *st, const char *name, bool dir,
    struct rst_err *err)
{
	struct rst_curl_repo *repo = st->priv;
	struct rst_objinfo info;
	struct rst_err e2 = RST_ERR_INIT;
	char *cmd = NULL, *what;
	int r;

	what = rst_strdupf("%s %s", dir ? "remove folder" : "delete", name);
	if (what == NULL || repo->cmds->remove(st, name, dir, &cmd) != 0) {
		free(what);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	r = quote_run(repo, name, repo->cmds->in_dir, what, cmd, err);
	/* Already gone (e.g. a retried delete) is what was asked for. */
	if (!dir && r == RST_ESTORAGE && rst_curl_stat(st, name, &info,
	    &e2) == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	}
	free(cmd);
	free(what);
	return r;
}

int
rst_curl_cmd_del(struct rst_storage *st, const char *name,
    struct rst_err *err)
{
	return cmd_remove(st, name, false, err);
}

int
rst_curl_cmd_rmdir(struct rst_storage *st, const char *name,
    struct rst_err *err)
{
	return cmd_remove(st, name, true, err);
}

int
rst_curl_cmd_commit(struct rst_objwriter *w, struct rst_err *err)
{
	struct rst_curl_repo *repo = w->st->priv;
	struct curl_slist *post = NULL, *n1, *n2;
	char *tmp, *turl = NULL, *c1 = NULL, *c2 = NULL;
	int r;

	if ((tmp = rst_curl_tmpname(w->name)) == NULL ||
	    (turl = rst_curl_url(repo, tmp)) == NULL ||
	    repo->cmds->rename(w->st, tmp, w->name, &c1, &c2) != 0 ||
	    (n1 = curl_slist_append(NULL, c1)) == NULL ||
	    (n2 = curl_slist_append(post = n1, c2)) == NULL) {
		curl_slist_free_all(post);
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	post = n2;
	if ((r = rst_curl_upload(repo, turl, w, post, NULL, err)) != 0) {
		struct rst_err ignored = RST_ERR_INIT;

		if (w->st->ops->del(w->st, tmp, &ignored) != 0)
			rst_err_clear(&ignored);	/* best effort */
	} else
		rst_curl_abort(w);
 out:
	free(tmp);
	free(turl);
	free(c1);
	free(c2);
	return r;
}
