/* SPDX-License-Identifier: ISC */
/*
 * Webhook (JSON POST) and SMTP mail through libcurl.  TLS is verified;
 * SMTP requires STARTTLS (or smtps://) except towards a loopback host, and
 * a webhook over plain HTTP needs a loopback host or allow_insecure_http.
 * Every option that carries security is checked: refused, nothing is sent.
 * Credentials come from files and never appear in messages.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "restorable/crypto.h"
#include "restorable/log.h"
#include "restorable/notify.h"
#include "restorable/secret.h"
#include "restorable/text.h"
#include "restorable/util.h"
#include "restorable/text.h"

bool
rst_notify_wanted(const struct rst_profile *p, bool success)
{
	if (p->webhook == NULL && p->smtp_url == NULL)
		return false;
	return success ? p->notify_success : p->notify_failure;
}

static size_t
discard(char *p, size_t sz, size_t n, void *arg)
{
	(void)p;
	(void)arg;
	return sz * n;
}

static int
perform(CURL *c, const char *what, const char *url_for_msg, char *ebuf,
    struct rst_err *err)
{
	CURLcode cc;
	long code = 0;

	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	if ((cc = curl_easy_perform(c)) != CURLE_OK)
		return rst_errf(err, RST_ESTORAGE, "%s %s: %s", what,
		    url_for_msg, ebuf[0] ? ebuf : curl_easy_strerror(cc));
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	if (strncmp(what, "webhook", 7) == 0 && (code < 200 || code > 299))
		return rst_errf(err, RST_ESTORAGE, "%s %s: HTTP %ld", what,
		    url_for_msg, code);
	return 0;
}

/* A webhook over plain HTTP: loopback only, unless allowed (warned). */
static int
cleartext_ok(const char *url, int allowed, const char *safe,
    struct rst_err *err)
{
	if (!rst_url_cleartext_remote(url))
		return 0;
	if (!allowed)
		return rst_errf(err, RST_ECONFIG, "webhook %s: plain HTTP to a "
		    "host that is not loopback (use https, or set "
		    "notify.allow_insecure_http = true)", safe);
	rst_log_warn("webhook %s: plain HTTP, not encrypted in transit "
	    "(allow_insecure_http = true)", safe);
	return 0;
}

int
rst_notify_webhook(const struct rst_profile *p, json_t *payload,
    struct rst_err *err)
{
	struct curl_slist *h = NULL;
	char ebuf[CURL_ERROR_SIZE] = "", *body, *url;
	CURL *c;
	int r;

	if (p->webhook == NULL)
		return 0;
	if ((body = rst_json_dumps(payload, JSON_COMPACT)) == NULL ||
	    (c = curl_easy_init()) == NULL) {
		free(body);
		return rst_errf(err, RST_ENOMEM, "webhook: out of memory");
	}
	url = rst_url_safe(p->webhook);
	h = curl_slist_append(h, "Content-Type: application/json");
	curl_easy_setopt(c, CURLOPT_URL, p->webhook);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	if ((r = cleartext_ok(p->webhook, p->notify_allow_insecure_http, url,
	    err)) == 0 &&
	    (r = RST_SETOPT_MUST(c, CURLOPT_PROTOCOLS_STR, "http,https", url,
	    err)) == 0 &&
	    (r = RST_SETOPT_MUST(c, CURLOPT_REDIR_PROTOCOLS_STR, "https", url,
	    err)) == 0 &&
	    (r = rst_setopt_tls(c, NULL, url, err)) == 0)
		r = perform(c, "webhook", url, ebuf, err);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	free(body);
	free(url);
	return r;
}

struct payload {
	const char	*data;
	size_t		 len, off;
};

static size_t
read_payload(char *buf, size_t sz, size_t n, void *arg)
{
	struct payload *pl = arg;
	size_t k = sz * n;

	if (k > pl->len - pl->off)
		k = pl->len - pl->off;
	memcpy(buf, pl->data + pl->off, k);
	pl->off += k;
	return k;
}

static int
smtp_auth(CURL *c, const struct rst_profile *p, struct rst_err *err)
{
	struct rst_secret cred = RST_SECRET_INIT;
	int r;

	if (p->smtp_credentials_file == NULL)
		return 0;
	if ((r = rst_secret_load_file(&cred, p->smtp_credentials_file,
	    err)) != 0)
		return r;
	curl_easy_setopt(c, CURLOPT_USERNAME, cred.user);
	curl_easy_setopt(c, CURLOPT_PASSWORD, cred.pass);
	rst_secret_clear(&cred);
	return 0;
}

/*
 * The Subject header's value: as is when it is ASCII, else RFC 2047
 * encoded words (UTF-8, base64) of whole characters, folded; a CR or LF
 * never reaches the header.
 */
static int
put_subject(struct rst_buf *b, const char *subject)
{
	const unsigned char *s = (const unsigned char *)subject;
	size_t i, n = strlen(subject), take, k;
	char *enc;
	int bad = 0;

	for (i = 0; i < n && s[i] < 0x80; i++)
		;
	if (i == n) {
		for (i = 0; i < n && !bad; i++)
			bad = rst_buf_append(b, s[i] == '\r' || s[i] == '\n' ?
			    " " : subject + i, 1);
		return bad;
	}
	for (i = 0; i < n && !bad; i += take) {
		/* 45 bytes -> 60 base64 characters: words stay under 76. */
		for (take = 0; i + take < n; take += k) {
			k = rst_utf8_char_len(s + i + take, n - i - take);
			k = k == 0 ? 1 : k;
			if (take + k > 45)
				break;
		}
		if ((enc = rst_base64(s + i, take)) == NULL)
			return -1;
		bad = rst_buf_printf(b, "%s=?UTF-8?B?%s?=", i ? "\r\n " : "",
		    enc);
		free(enc);
	}
	return bad;
}

static char *
message(const struct rst_profile *p, const char *subject, const char *body)
{
	char date[64];
	time_t now = (time_t)(rst_now_ns() / 1000000000);
	struct tm tm;
	struct rst_buf b = RST_BUF_INIT;
	size_t i;
	int bad;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	bad = rst_buf_printf(&b, "Date: %s\r\nFrom: <%s>\r\nTo: ", date,
	    p->smtp_from);
	for (i = 0; i < p->smtp_to.n; i++)
		bad |= rst_buf_printf(&b, "%s<%s>", i ? ", " : "",
		    p->smtp_to.v[i]);
	bad |= rst_buf_printf(&b, "\r\nSubject: ");
	bad |= put_subject(&b, subject);
	bad |= rst_buf_printf(&b, "\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	for (; !bad && *body != '\0'; body++)
		bad |= *body == '\n' ? rst_buf_append(&b, "\r\n", 2) :
		    rst_buf_append(&b, body, 1);
	if (bad) {
		rst_buf_release(&b);
		return NULL;
	}
	return (char *)b.data;
}

int
rst_notify_smtp(const struct rst_profile *p, const char *subject,
    const char *body, struct rst_err *err)
{
	struct curl_slist *rcpt = NULL;
	char ebuf[CURL_ERROR_SIZE] = "", *msg, *url, *from;
	struct payload pl;
	CURL *c;
	size_t i;
	int r;

	if (p->smtp_url == NULL)
		return 0;
	if ((msg = message(p, subject, body)) == NULL ||
	    (c = curl_easy_init()) == NULL) {
		free(msg);
		return rst_errf(err, RST_ENOMEM, "smtp: out of memory");
	}
	url = rst_url_safe(p->smtp_url);
	from = rst_strdupf("<%s>", p->smtp_from);
	for (i = 0; i < p->smtp_to.n; i++)
		rcpt = curl_slist_append(rcpt, p->smtp_to.v[i]);
	pl.data = msg;
	pl.len = strlen(msg);
	pl.off = 0;
	curl_easy_setopt(c, CURLOPT_URL, p->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_payload);
	curl_easy_setopt(c, CURLOPT_READDATA, &pl);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	/* STARTTLS is required unless the server is on this machine (the
	 * host as libcurl parses it, not a look at the URL's text). */
	if ((r = RST_SETOPT_MUST(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps", url,
	    err)) == 0 &&
	    (r = RST_SETOPT_MUST(c, CURLOPT_USE_SSL,
	    rst_url_loopback(p->smtp_url) ? (long)CURLUSESSL_TRY :
	    (long)CURLUSESSL_ALL, url, err)) == 0 &&
	    (r = rst_setopt_tls(c, p->smtp_ca_file, url, err)) == 0 &&
	    (r = smtp_auth(c, p, err)) == 0)
		r = perform(c, "smtp", url, ebuf, err);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	free(msg);
	free(url);
	free(from);
	return r;
}

int
rst_notify_heartbeat(const struct rst_profile *p, bool ok,
    struct rst_err *err)
{
	char ebuf[CURL_ERROR_SIZE] = "", *full, *shown;
	long code = 0;
	CURL *c;
	int r;

	if (p->heartbeat == NULL)
		return 0;
	/* healthchecks.io's convention: URL for success, URL/fail else. */
	full = ok ? strdup(p->heartbeat) : rst_strdupf("%s%sfail",
	    p->heartbeat, p->heartbeat[strlen(p->heartbeat) - 1] == '/' ?
	    "" : "/");
	if (full == NULL || (c = curl_easy_init()) == NULL) {
		free(full);
		return rst_errf(err, RST_ENOMEM, "heartbeat: out of memory");
	}
	shown = rst_url_safe(full);
	curl_easy_setopt(c, CURLOPT_URL, full);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	if ((r = cleartext_ok(p->heartbeat, p->notify_allow_insecure_http,
	    shown, err)) == 0 &&
	    (r = RST_SETOPT_MUST(c, CURLOPT_PROTOCOLS_STR, "http,https", shown,
	    err)) == 0 &&
	    (r = RST_SETOPT_MUST(c, CURLOPT_REDIR_PROTOCOLS_STR, "https",
	    shown, err)) == 0 &&
	    (r = rst_setopt_tls(c, NULL, shown, err)) == 0 &&
	    (r = perform(c, "heartbeat", shown, ebuf, err)) == 0) {
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		if (code < 200 || code > 299)
			r = rst_errf(err, RST_ESTORAGE, "heartbeat %s: HTTP "
			    "%ld", shown, code);
	}
	curl_easy_cleanup(c);
	free(shown);
	free(full);
	return r;
}
