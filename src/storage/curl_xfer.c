/* SPDX-License-Identifier: ISC */
/*
 * One libcurl transfer for the webdav, s3, sftp and ftps backends: the
 * easy handle's setup with TLS verification and every security option
 * checked, the data, header, upload, seek and progress callbacks (with
 * the download bandwidth limit), and the perform wrapper that classifies
 * failures (transient ones are marked for storage.c's retry loop;
 * authentication, permission, host key and certificate failures are not).
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "restorable/util.h"
#include "curl_common.h"
#include "storage_int.h"

#define BODY_MAX	(64u << 20)	/* listings and error replies */
#define UPLOAD_BUFFER	(1L << 20)	/* curl's upload buffer, bytes */

static uint64_t
mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/*
 * bandwidth_limit for downloads, kept here: libcurl's own receive limit
 * lets a fast link's bursts through (7.88 gives a 1 MiB object at full
 * speed).  Sleep until the bytes so far fit the limit since the first.
 */
static void
rx_throttle(struct rst_curl_xfer *x, size_t k)
{
	uint64_t limit = x->repo->bandwidth_limit, due, now;
	struct timespec ts;

	if (limit == 0)
		return;
	if (x->rx_bytes == 0)
		x->rx_t0 = mono_ns();
	x->rx_bytes += k;
	due = x->rx_t0 + (uint64_t)((double)x->rx_bytes * 1e9 / (double)limit);
	if ((now = mono_ns()) >= due)
		return;
	ts.tv_sec = (time_t)((due - now) / 1000000000u);
	ts.tv_nsec = (long)((due - now) % 1000000000u);
	while (nanosleep(&ts, &ts) == -1 && errno == EINTR &&
	    !rst_interrupted)
		;
}

static size_t
on_data(char *p, size_t sz, size_t n, void *arg)
{
	struct rst_curl_xfer *x = arg;
	size_t k = sz * n;

	rx_throttle(x, k);
	if (x->fd >= 0) {
		if (x->max > 0 && x->got + k > x->max) {
			x->too_big = true;
			return 0;
		}
		x->got += k;
		return rst_write_all(x->fd, p, k) == 0 ? k : 0;
	}
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

/* The options that keep a transfer secure; any refusal fails closed. */
static int
secure_opts(CURL *c, const struct rst_curl_repo *repo, struct rst_err *err)
{
	const char *w = repo->server;

	if (RST_SETOPT_MUST(c, CURLOPT_PROTOCOLS_STR, repo->protocols, w,
	    err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_REDIR_PROTOCOLS_STR, repo->protocols, w,
	    err) != 0 ||
	    rst_setopt_tls(c, repo->ca_file, w, err) != 0)
		return -1;
	return 0;
}

int
rst_curl_xfer_init(struct rst_curl_xfer *x, struct rst_curl_repo *repo,
    const char *url, struct rst_err *err)
{
	long secs = (long)(repo->timeout_ms / 1000);
	double left = 0;
	CURL *c;

	memset(x, 0, sizeof(*x));
	x->fd = x->src_fd = -1;
	x->repo = repo;
	if (repo->deadline > 0 && (left = repo->deadline -
	    rst_mono_seconds()) <= 0)
		return rst_storage_deadline_err(repo->server,
		    repo->command_timeout_ms, err);
	pthread_mutex_lock(&repo->lock);
	c = repo->nidle > 0 ? repo->idle[--repo->nidle] : NULL;
	pthread_mutex_unlock(&repo->lock);
	if (c != NULL)
		curl_easy_reset(c);	/* options only: connections stay */
	else if ((c = curl_easy_init()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	x->c = c;
	if (secure_opts(c, repo, err) != 0) {
		curl_easy_cleanup(c);
		x->c = NULL;
		return err->code;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, x->ebuf);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if (repo->bandwidth_limit > 0) {
		curl_easy_setopt(c, CURLOPT_MAX_SEND_SPEED_LARGE,
		    (curl_off_t)repo->bandwidth_limit);
		curl_easy_setopt(c, CURLOPT_MAX_RECV_SPEED_LARGE,
		    (curl_off_t)repo->bandwidth_limit);
	}
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS,
	    (long)repo->timeout_ms);
	curl_easy_setopt(c, CURLOPT_SERVER_RESPONSE_TIMEOUT,
	    secs > 0 ? secs : 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
	curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, secs > 0 ? secs : 1L);
	/* command_timeout: no transfer outlives the command's deadline. */
	if (left > 0)
		curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)(left * 1000) + 1);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "restorable/" PACKAGE_VERSION);
	/* HTTP/1.1: libcurl 7.88 turns a Go server's early HTTP/2 answer
	 * (a 404 before the body is read: rclone, MinIO) into an error. */
	if (repo->http)
		curl_easy_setopt(c, CURLOPT_HTTP_VERSION,
		    (long)CURL_HTTP_VERSION_1_1);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, x);
	x->interruptible = rst_interrupted == 0;
	curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(c, CURLOPT_XFERINFODATA, x);
	curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
	if (repo->cred.user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, repo->cred.user);
	if (repo->cred.pass != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, repo->cred.pass);
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

static int RST_PRINTF(2, 0)
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

/* "host:port" of the repository URL, for reason arguments. */
static void
server_host(const struct rst_curl_repo *repo, char *out, size_t len)
{
	const char *h = strstr(repo->server, "://"), *e;

	h = h != NULL ? h + 3 : repo->server;
	if ((e = strchr(h, '/')) == NULL)
		e = h + strlen(h);
	snprintf(out, len, "%.*s", (int)(e - h), h);
}

/* The object a transfer named ("get NAME"), or "" */
static const char *
what_object(const char *what)
{
	const char *sp = what != NULL ? strrchr(what, ' ') : NULL;

	return sp != NULL ? sp + 1 : what != NULL ? what : "";
}

static int
curl_reason(const struct rst_curl_repo *repo, CURLcode cc)
{
	switch (cc) {
	case CURLE_COULDNT_CONNECT:
		return RST_REASON_CONNECTION_REFUSED;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		return RST_REASON_HOST_NOT_FOUND;
	case CURLE_LOGIN_DENIED:
		return RST_REASON_AUTH_FAILED;
	case CURLE_REMOTE_ACCESS_DENIED:
		return RST_REASON_ACCESS_DENIED;
	case CURLE_PEER_FAILED_VERIFICATION:
		/* libssh2 reports a refused host key with the TLS code. */
		return strstr(repo->protocols, "sftp") != NULL ?
		    RST_REASON_HOST_KEY_MISMATCH : RST_REASON_TLS_UNTRUSTED;
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
		return RST_REASON_TLS_UNTRUSTED;
	case CURLE_OPERATION_TIMEDOUT:
		return RST_REASON_TIMEOUT;
	default:
		return RST_REASON_STORAGE_ERROR;
	}
}

static void
fail_reason(const struct rst_curl_repo *repo, int reason, const char *what,
    long status, struct rst_err *err)
{
	char host[RST_REASON_TEXT];

	server_host(repo, host, sizeof(host));
	if (reason == RST_REASON_NOT_FOUND)
		rst_err_reason_s(err, reason, what_object(what));
	else if (reason == RST_REASON_STORAGE_ERROR && status > 0)
		rst_err_reason_sn(err, reason, host, (double)status);
	else
		rst_err_reason_s(err, reason, host);
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
	fail_reason(repo, code == RST_ENOTFOUND ? RST_REASON_NOT_FOUND :
	    curl_reason(repo, cc), what, 0, err);
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
	fail_reason(repo, st == 404 ? RST_REASON_NOT_FOUND : st == 401 ||
	    (st == 403 && s3code != NULL && (strcmp(s3code,
	    "InvalidAccessKeyId") == 0 || strcmp(s3code,
	    "SignatureDoesNotMatch") == 0)) ? RST_REASON_AUTH_FAILED :
	    st == 403 ? RST_REASON_ACCESS_DENIED : st == 408 ?
	    RST_REASON_TIMEOUT : RST_REASON_STORAGE_ERROR, what, st, err);
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
