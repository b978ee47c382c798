/* SPDX-License-Identifier: ISC */
/*
 * An LD_PRELOAD shim for the tests: curl_easy_setopt() answers
 * CURLE_UNKNOWN_OPTION for the options named in the environment variable
 * SETOPT_REFUSE (comma-separated, e.g. CURLOPT_SSL_VERIFYPEER) and passes
 * every other call to libcurl, as a libcurl built without that option
 * would (e.g. CURLOPT_SSH_HOST_PUBLIC_KEY_SHA256 on a libssh build).
 * Each refusal is counted in the file named by SETOPT_REFUSE_LOG, if set.
 *
 *   cc -shared -fPIC -o setopt-refuse.so setopt-refuse.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

typedef CURLcode (*setopt_fn)(CURL *, CURLoption, ...);

static int
refused(CURLoption opt)
{
	const char *list = getenv("SETOPT_REFUSE"), *p;
	const struct curl_easyoption *o;
	char name[128];
	size_t n;

	for (p = list; p != NULL && *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n == 0 || n >= sizeof(name))
			return 0;
		memcpy(name, p, n);
		name[n] = '\0';
		/* libcurl's own names, without the CURLOPT_ prefix. */
		if ((o = curl_easy_option_by_name(strncmp(name, "CURLOPT_", 8) ?
		    name : name + 8)) != NULL && o->id == opt)
			return 1;
	}
	return 0;
}

static void
note(CURLoption opt)
{
	const char *log = getenv("SETOPT_REFUSE_LOG");
	FILE *f;

	if (log == NULL || (f = fopen(log, "a")) == NULL)
		return;
	fprintf(f, "refused %d\n", (int)opt);
	fclose(f);
}

#undef curl_easy_setopt
CURLcode
curl_easy_setopt(CURL *c, CURLoption opt, ...)
{
	static setopt_fn real;
	va_list ap;
	void *ptr;
	long lv;
	curl_off_t ov;

	if (real == NULL &&
	    (real = (setopt_fn)dlsym(RTLD_NEXT, "curl_easy_setopt")) == NULL)
		return CURLE_FAILED_INIT;
	if (refused(opt)) {
		note(opt);
		return CURLE_UNKNOWN_OPTION;
	}
	va_start(ap, opt);
	if (opt < CURLOPTTYPE_OBJECTPOINT) {
		lv = va_arg(ap, long);
		va_end(ap);
		return real(c, opt, lv);
	}
	if (opt >= CURLOPTTYPE_OFF_T && opt < CURLOPTTYPE_BLOB) {
		ov = va_arg(ap, curl_off_t);
		va_end(ap);
		return real(c, opt, ov);
	}
	/* Object, string, function and blob pointers alike. */
	ptr = va_arg(ap, void *);
	va_end(ap);
	return real(c, opt, ptr);
}
