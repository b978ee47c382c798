/* SPDX-License-Identifier: ISC */
/*
 * Shared libcurl plumbing for the webdav, s3, sftp and ftps backends: easy
 * handle setup with TLS verification always on, one perform wrapper that
 * classifies failures (transient ones are marked for storage.c's retry
 * loop; authentication, permission, host key and certificate failures are
 * not), credentials read from protected files or the environment and
 * wiped after use, URL escaping and spool files (the reply parsers and
 * the recursive "ls" walk are in listing.c).  No backend repeats any of
 * this.
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

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "restorable/crypto.h"
#include "curl_common.h"

#define BODY_MAX	(64u << 20)	/* listings and error replies */
#define SECRET_MAX	8192
#define UPLOAD_BUFFER	(1L << 20)	/* curl's upload buffer, bytes */
#define DOWNLOAD_BUFFER	(256L << 10)	/* and its receive buffer */

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
	repo->timeout_ms = cfg->timeout_ms ? cfg->timeout_ms : 60000;
	if (cfg->spool_dir == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: no state_dir for the "
		    "spool files", st->url);
	if ((repo->spool_dir = strdup(cfg->spool_dir)) == NULL ||
	    (cfg->ca_file != NULL &&
	    (repo->ca_file = strdup(cfg->ca_file)) == NULL))
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

void
rst_curl_free_secret(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

void
rst_curl_wipe(struct rst_buf *b)
{
	if (b->data != NULL)
		OPENSSL_cleanse(b->data, b->cap);
	rst_buf_release(b);
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
	rst_curl_free_secret(repo->user);
	rst_curl_free_secret(repo->pass);
	memset(repo, 0, sizeof(*repo));
}

int
rst_curl_load_secret_text(const struct rst_repo_cfg *cfg, struct rst_buf *b,
    struct rst_err *err)
{
	const char *v;
	int r;

	if (cfg->credentials_file != NULL) {
		if ((r = rst_check_secret_file(cfg->credentials_file, err)) != 0)
			return r;
		return rst_buf_load_file(b, cfg->credentials_file, SECRET_MAX,
		    err);
	}
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
	const char *src;
	char *colon;
	int r;

	if ((r = rst_curl_load_secret_text(cfg, &b, err)) != 0 || b.len == 0)
		goto out;
	src = cfg->credentials_file ? cfg->credentials_file :
	    cfg->credentials_env;
	while (b.len > 0 && (b.data[b.len - 1] == '\n' ||
	    b.data[b.len - 1] == '\r'))
		b.data[--b.len] = '\0';
	if ((colon = strchr((char *)b.data, ':')) == NULL ||
	    strchr((char *)b.data, '\n') != NULL) {
		r = rst_errf(err, RST_ECONFIG, "%s: expected one line "
		    "user:password", src);
		goto out;
	}
	*colon = '\0';
	if ((repo->user = strdup((char *)b.data)) == NULL ||
	    (repo->pass = strdup(colon + 1)) == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
 out:
	rst_curl_wipe(&b);
	return r;
}

static size_t
on_data(char *p, size_t sz, size_t n, void *arg)
{
	struct rst_curl_xfer *x = arg;
	size_t k = sz * n;

	if (x->fd >= 0)
		return rst_write_all(x->fd, p, k) == 0 ? k : 0;
	if (x->body.len + k > BODY_MAX || rst_buf_append(&x->body, p, k) != 0)
		return 0;
	return k;
}

static size_t
on_header(char *p, size_t sz, size_t n, void *arg)
{
	struct rst_curl_xfer *x = arg;
	size_t k = sz * n, v;

	if (k > 5 && strncasecmp(p, "etag:", 5) == 0) {
		for (v = 5; v < k && (p[v] == ' ' || p[v] == '\t'); v++)
			;
		while (k > v && (p[k - 1] == '\r' || p[k - 1] == '\n' ||
		    p[k - 1] == ' '))
			k--;
		if (k - v < sizeof(x->etag)) {
			memcpy(x->etag, p + v, k - v);
			x->etag[k - v] = '\0';
		}
	}
	return sz * n;
}

static size_t
on_read(char *p, size_t sz, size_t n, void *arg)
{
	struct rst_curl_xfer *x = arg;
	size_t k = sz * n;
	int64_t avail;
	ssize_t got;

	if (x->feed != NULL) {
		/* A part still being produced: wait for its next bytes. */
		if ((avail = rst_objfeed_wait(x->feed, (uint64_t)x->src_pos)) < 0)
			return CURL_READFUNC_ABORT;
		if ((uint64_t)avail < k)
			k = (size_t)avail;
	} else if ((off_t)k > x->src_len - x->src_pos)
		k = (size_t)(x->src_len - x->src_pos);
	if (k == 0)
		return 0;
	do
		got = pread(x->src_fd, p, k, x->src_off + x->src_pos);
	while (got == -1 && errno == EINTR);
	if (got <= 0)
		return CURL_READFUNC_ABORT;
	x->src_pos += got;
	if (x->src_pos > x->src_hi)
		x->src_hi = x->src_pos;
	return (size_t)got;
}

static int
on_seek(void *arg, curl_off_t off, int origin)
{
	struct rst_curl_xfer *x = arg;
	off_t end = x->feed != NULL ? x->src_hi : x->src_len;

	if (origin != SEEK_SET || off < 0 || off > end)
		return CURL_SEEKFUNC_CANTSEEK;
	x->src_pos = off;
	return CURL_SEEKFUNC_OK;
}

/*
 * SIGINT/SIGTERM stop a transfer at once, not after its last byte; one
 * started after the signal (the journal record of the interrupted run, the
 * removal of a temp object) goes through.
 */
static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow,
    curl_off_t ultotal, curl_off_t ulnow)
{
	struct rst_curl_xfer *x = arg;

	(void)dltotal;
	(void)dlnow;
	(void)ultotal;
	(void)ulnow;
	return x->interruptible && rst_interrupted != 0;
}

int
rst_curl_xfer_init(struct rst_curl_xfer *x, struct rst_curl_repo *repo,
    const char *url, struct rst_err *err)
{
	long secs = (long)(repo->timeout_ms / 1000);
	CURL *c;

	memset(x, 0, sizeof(*x));
	x->fd = x->src_fd = -1;
	x->repo = repo;
	pthread_mutex_lock(&repo->lock);
	c = repo->nidle > 0 ? repo->idle[--repo->nidle] : NULL;
	pthread_mutex_unlock(&repo->lock);
	if (c != NULL)
		curl_easy_reset(c);	/* options only: connections stay */
	else if ((c = curl_easy_init()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	x->c = c;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->ebuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, repo->protocols);
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, repo->protocols);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	if (repo->ca_file != NULL)
		curl_easy_setopt(c, CURLOPT_CAINFO, repo->ca_file);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)repo->timeout_ms);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    secs > 0 ? secs : 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, secs > 0 ? secs : 1L);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "restorable/" PACKAGE_VERSION);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	x->interruptible = rst_interrupted == 0;
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	if (repo->user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, repo->user);
	if (repo->pass != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, repo->pass);
	return 0;
}

void
rst_curl_xfer_upload(struct rst_curl_xfer *x, int fd, off_t off, off_t len)
{
	x->src_fd = fd;
	x->src_off = off;
	x->src_len = len;
	x->src_pos = x->src_hi = 0;
	curl_easy_setopt(x->c, CURLOPT_UPLOAD, 1L);
	/* libssh2 keeps a whole buffer of SFTP writes in flight: 64 KiB
	 * (curl's default) leaves a loopback link a third idle. */
	curl_easy_setopt(x->c, CURLOPT_UPLOAD_BUFFERSIZE, UPLOAD_BUFFER);
	curl_easy_setopt(x->c, CURLOPT_READFUNCTION, on_read);
	curl_easy_setopt(x->c, CURLOPT_READDATA, x);
	curl_easy_setopt(x->c, CURLOPT_SEEKFUNCTION, on_seek);
	curl_easy_setopt(x->c, CURLOPT_SEEKDATA, x);
	curl_easy_setopt(x->c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)len);
}

static int
slist_add(struct curl_slist **l, const char *fmt, va_list ap)
{
	struct curl_slist *n;
	char buf[4096];
	int k;

	k = vsnprintf(buf, sizeof(buf), fmt, ap);
	if (k < 0 || (size_t)k >= sizeof(buf) ||
	    (n = curl_slist_append(*l, buf)) == NULL)
		return -1;
	*l = n;
	return 0;
}

int
rst_curl_xfer_header(struct rst_curl_xfer *x, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = slist_add(&x->hdrs, fmt, ap);
	va_end(ap);
	curl_easy_setopt(x->c, CURLOPT_HTTPHEADER, x->hdrs);
	return r;
}

int
rst_curl_xfer_quote(struct rst_curl_xfer *x, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = slist_add(&x->quote, fmt, ap);
	va_end(ap);
	return r;
}

void
rst_curl_xfer_release(struct rst_curl_xfer *x)
{
	struct rst_curl_repo *repo = x->repo;

	/* The handle goes back to the repository's idle list, so the next
	 * transfer reuses its connection (no new TLS or SSH handshake). */
	if (x->c != NULL && repo != NULL) {
		pthread_mutex_lock(&repo->lock);
		if (repo->nidle < RST_CURL_IDLE) {
			repo->idle[repo->nidle++] = x->c;
			x->c = NULL;
		}
		pthread_mutex_unlock(&repo->lock);
	}
	if (x->c != NULL)
		curl_easy_cleanup(x->c);
	curl_slist_free_all(x->hdrs);
	curl_slist_free_all(x->quote);
	rst_buf_release(&x->body);
	x->c = NULL;
	x->hdrs = x->quote = NULL;
}

static bool
transient_code(CURLcode cc)
{
	switch (cc) {
	case CURLE_FAILED_INIT:	/* libssh2: "unable to startup channel" */
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_SSH:
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_UPLOAD_FAILED:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_AGAIN:
	case CURLE_WEIRD_SERVER_REPLY:
	case CURLE_FTP_ACCEPT_FAILED:
	case CURLE_FTP_ACCEPT_TIMEOUT:
	case CURLE_FTP_CANT_GET_HOST:
	case CURLE_FTP_WEIRD_PASV_REPLY:
	case CURLE_FTP_WEIRD_227_FORMAT:
		return true;
	default:
		return false;
	}
}

static const char *
hint(CURLcode cc)
{
	switch (cc) {
	case CURLE_PEER_FAILED_VERIFICATION:
		return " (server certificate or host key not trusted)";
	case CURLE_LOGIN_DENIED:
		return " (login refused: check the credentials)";
	case CURLE_REMOTE_ACCESS_DENIED:
		return " (permission denied)";
	default:
		return "";
	}
}

static int
curl_fail(struct rst_curl_xfer *x, struct rst_curl_repo *repo,
    const char *what, CURLcode cc, struct rst_err *err)
{
	const char *why = x->ebuf[0] ? x->ebuf : curl_easy_strerror(cc);
	int code = RST_ESTORAGE;

	if (cc == CURLE_ABORTED_BY_CALLBACK && rst_interrupted != 0)
		return rst_interrupt_check(err);

	if (cc == CURLE_REMOTE_FILE_NOT_FOUND)
		code = RST_ENOTFOUND;
	/* FTP answers 550 alike for a missing and a forbidden folder. */
	if (!repo->http && cc == CURLE_REMOTE_ACCESS_DENIED &&
	    strstr(why, "directory") != NULL)
		code = RST_ENOTFOUND;
	if (cc == CURLE_HTTP_RETURNED_ERROR || cc == CURLE_WRITE_ERROR)
		if (repo->http && x->status >= 300)
			return rst_curl_status_err(x, repo, what, err);
	rst_errf(err, code, "%s%s%s: %s%s", what ? what : "", what ? ": " : "",
	    repo->server, why, hint(cc));
	if (code == RST_ESTORAGE && transient_code(cc))
		err->sys_errno = RST_STORAGE_TRANSIENT;
	return code;
}

int
rst_curl_status_err(struct rst_curl_xfer *x, struct rst_curl_repo *repo,
    const char *what, struct rst_err *err)
{
	const char *wh = what ? what : "", *sep = what ? ": " : "";
	char *s3code = NULL;
	long st = x->status;
	int code = RST_ESTORAGE;

	if (x->fd < 0 && x->body.len > 0)
		s3code = rst_xml_text((char *)x->body.data,
		    (char *)x->body.data + x->body.len, "Code");
	if (st == 404) {
		code = RST_ENOTFOUND;
		rst_errf(err, code, "%s%s%s: missing (HTTP 404)", wh, sep,
		    repo->server);
	} else {
		rst_errf(err, code, "%s%s%s: HTTP %ld%s%s%s", wh, sep,
		    repo->server, st, s3code ? " " : "", s3code ? s3code : "",
		    st == 401 || st == 403 ? " (access refused: check the "
		    "credentials and permissions)" : "");
		if (st >= 500 || st == 429 || st == 408)
			err->sys_errno = RST_STORAGE_TRANSIENT;
	}
	free(s3code);
	return code;
}

int
rst_curl_perform(struct rst_curl_xfer *x, struct rst_curl_repo *repo,
    const char *what, struct rst_err *err)
{
	CURLcode cc;
	int r;

	if (repo->prepare != NULL && (r = repo->prepare(repo, x, err)) != 0)
		return r;
	if (x->quote != NULL)
		curl_easy_setopt(x->c, x->quote_post ? CURLOPT_POSTQUOTE :
		    CURLOPT_QUOTE, x->quote);
	x->ebuf[0] = x->etag[0] = '\0';
	rst_buf_release(&x->body);
	cc = curl_easy_perform(x->c);
	x->status = 0;
	curl_easy_getinfo(x->c, CURLINFO_RESPONSE_CODE, &x->status);
	if (cc != CURLE_OK)
		return curl_fail(x, repo, what, cc, err);
	if (repo->http && (x->status < 200 || x->status > 299))
		return rst_curl_status_err(x, repo, what, err);
	return 0;
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
		r = rst_errno(err, RST_EIO, "spool file in %s",
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
		return rst_errno(err, RST_EIO, "spool");
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
    rst_curl_fetch_fn fetch, struct rst_err *err)
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
	if ((r = fetch(st, rd->name, *fdp, err)) == 0 &&
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

int
rst_curl_fetch(struct rst_storage *st, const char *name, int fd,
    struct rst_err *err)
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
		/* As for uploads: libssh2 reads ahead what the buffer holds
		 * (curl's 16 KiB default keeps an SFTP download mostly idle). */
		curl_easy_setopt(x.c, CURLOPT_BUFFERSIZE, DOWNLOAD_BUFFER);
		r = rst_curl_perform(&x, repo, what, err);
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

int
rst_curl_quote_del(struct rst_storage *st, const char *name, bool in_dir,
    const char *cmd, struct rst_err *err)
{
	struct rst_objinfo info;
	struct rst_err e2 = RST_ERR_INIT;
	char *what;
	int r;

	if ((what = rst_strdupf("delete %s", name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = quote_run(st->priv, name, in_dir, what, cmd, err);
	/* Already gone (e.g. a retried delete) is what was asked for. */
	if (r == RST_ESTORAGE && rst_curl_stat(st, name, &info, &e2) ==
	    RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	}
	free(what);
	return r;
}

int
rst_curl_quote_rmdir(struct rst_storage *st, const char *name, bool in_dir,
    const char *cmd, struct rst_err *err)
{
	char *what;
	int r;

	if ((what = rst_strdupf("remove folder %s", name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = quote_run(st->priv, name, in_dir, what, cmd, err);
	free(what);
	return r;
}
