/* SPDX-License-Identifier: ISC */
/*
 * What a URL's host is, for the rules that depend on it: plain HTTP (and
 * SMTP without TLS) is allowed towards loopback only, since nothing leaves
 * the machine there.  The host is parsed with libcurl's URL parser, the
 * same that will connect, never matched as a substring.
 */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "restorable/util.h"

static bool
host_loopback(char *host)
{
	struct in6_addr a6;
	struct in_addr a4;
	size_t n = strlen(host);

	if (strcasecmp(host, "localhost") == 0 ||
	    strcasecmp(host, "localhost.") == 0)
		return true;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (n > 2 && host[0] == '[' && host[n - 1] == ']') {
		host[n - 1] = '\0';
		host++;
	}
	if (inet_pton(AF_INET6, host, &a6) != 1)
		return false;
	if (IN6_IS_ADDR_LOOPBACK(&a6))
		return true;
	return IN6_IS_ADDR_V4MAPPED(&a6) && a6.s6_addr[12] == 127;
}

bool
rst_url_loopback(const char *url)
{
	CURLU *u;
	char *host = NULL;
	bool r = false;

	if ((u = curl_url()) == NULL)
		return false;
	if (curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME) ==
	    CURLUE_OK && curl_url_get(u, CURLUPART_HOST, &host, 0) ==
	    CURLUE_OK && host != NULL) {
		/* A zone id ("fe80::1%eth0") is never loopback. */
		r = strchr(host, '%') == NULL && host_loopback(host);
	}
	curl_free(host);
	curl_url_cleanup(u);
	return r;
}

bool
rst_url_cleartext_remote(const char *url)
{
	if (url == NULL)
		return false;
	if (strncasecmp(url, "http:", 5) != 0)
		return false;
	return !rst_url_loopback(url);
}

char *
rst_url_redact(const char *url)
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

char *
rst_url_safe(const char *url)
{
	CURLU *u = curl_url();
	char *s = NULL, *out;

	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		curl_url_set(u, CURLUPART_USER, NULL, 0);
		curl_url_set(u, CURLUPART_PASSWORD, NULL, 0);
		curl_url_set(u, CURLUPART_QUERY, NULL, 0);
		curl_url_get(u, CURLUPART_URL, &s, 0);
	}
	out = strdup(s ? s : "(url)");
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}

int
rst_setopt_check(int cc, const char *opt, const char *what,
    struct rst_err *err)
{
	if (cc == CURLE_OK)
		return 0;
	return rst_errf(err, RST_ECONFIG, "%s: this libcurl refuses %s (%s): "
	    "the connection could not be secured as configured, so none is "
	    "made", what, opt, curl_easy_strerror((CURLcode)cc));
}

int
rst_setopt_tls(void *c, const char *ca_file, const char *what,
    struct rst_err *err)
{
	if (RST_SETOPT_MUST(c, CURLOPT_SSL_VERIFYPEER, 1L, what, err) != 0 ||
	    RST_SETOPT_MUST(c, CURLOPT_SSL_VERIFYHOST, 2L, what, err) != 0 ||
	    (ca_file != NULL && RST_SETOPT_MUST(c, CURLOPT_CAINFO, ca_file,
	    what, err) != 0))
		return err->code;
	return 0;
}
