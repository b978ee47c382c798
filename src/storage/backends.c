/* SPDX-License-Identifier: ISC */
/*
 * The storage registry: the backends of this build, one line each, looked
 * up by URL scheme.  The one list of schemes: the profile loader, its
 * messages, `version` and rst_storage_open() ask it, and what differs
 * between schemes that others must know (local, pinned host key, plain
 * HTTP) is a flag of the backend's ops, not a comparison of names.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/storage.h"

/*
 * The registry: one line per backend, src/storage/NAME.c defining
 * rst_storage_NAME.  It is the one list of URL schemes (its .scheme): the
 * profile loader, messages and `version` ask it, in this order.
 */
#define BACKENDS(X)		\
	X(file)			\
	X(webdav_https)		\
	X(webdav_http)		\
	X(s3)			\
	X(sftp)			\
	X(ftps)

#define DECLARE(n)	extern const struct rst_storage_ops rst_storage_##n;
#define ENTRY(n)	&rst_storage_##n,
BACKENDS(DECLARE)
static const struct rst_storage_ops *const backends[] = { BACKENDS(ENTRY) };

const struct rst_storage_ops *
rst_storage_backend(const char *scheme, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strlen(backends[i]->scheme) == len &&
		    strncmp(backends[i]->scheme, scheme, len) == 0)
			return backends[i];
	return NULL;
}

const struct rst_storage_ops *
rst_storage_backend_at(size_t i)
{
	return i < sizeof(backends) / sizeof(backends[0]) ? backends[i] : NULL;
}

const struct rst_storage_ops *
rst_storage_backend_of(const char *url)
{
	const char *colon = url != NULL ? strchr(url, ':') : NULL;

	return colon != NULL ? rst_storage_backend(url,
	    (size_t)(colon - url)) : NULL;
}

const char *
rst_storage_wire_url(const char *url)
{
	const struct rst_storage_ops *ops = rst_storage_backend_of(url);

	return ops != NULL && ops->url_prefix != NULL ? url +
	    strlen(ops->url_prefix) : url;
}

void
rst_storage_schemes(char *buf, size_t len)
{
	size_t i, off = 0;
	int n;

	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++) {
		n = snprintf(buf + off, len - off, "%s%s", i ? ", " : "",
		    backends[i]->scheme);
		if (n < 0 || (size_t)n >= len - off)
			return;
		off += (size_t)n;
	}
}
