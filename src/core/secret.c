/* SPDX-License-Identifier: ISC */
/*
 * The "user:password" secret (see secret.h): storage and notify read it
 * through here, so both refuse the same texts.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "restorable/crypto.h"
#include "restorable/secret.h"
#include "restorable/util.h"

#define SECRET_MAX	8192

void
rst_secret_free_str(char *s)
{
	if (s == NULL)
		return;
	OPENSSL_cleanse(s, strlen(s));
	free(s);
}

void
rst_secret_buf_release(struct rst_buf *b)
{
	if (b->data != NULL)
		OPENSSL_cleanse(b->data, b->cap);
	rst_buf_release(b);
}

void
rst_secret_clear(struct rst_secret *s)
{
	rst_secret_free_str(s->user);
	rst_secret_free_str(s->pass);
	s->user = s->pass = NULL;
}

static char *
copy(const char *p, size_t n)
{
	char *s = malloc(n + 1);

	if (s != NULL) {
		memcpy(s, p, n);
		s[n] = '\0';
	}
	return s;
}

int
rst_secret_parse(struct rst_secret *s, const char *text, size_t len,
    const char *src, struct rst_err *err)
{
	const char *colon;

	while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
		len--;
	if (memchr(text, '\n', len) != NULL || memchr(text, '\r', len) != NULL ||
	    memchr(text, '\0', len) != NULL ||
	    (colon = memchr(text, ':', len)) == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: expected one line "
		    "user:password", src);
	if ((s->user = copy(text, (size_t)(colon - text))) == NULL ||
	    (s->pass = copy(colon + 1, len - (size_t)(colon - text) - 1)) ==
	    NULL) {
		rst_secret_clear(s);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	return 0;
}

int
rst_secret_load_file(struct rst_secret *s, const char *path,
    struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	int r;

	if ((r = rst_keyfile_load(path, RST_KEYFILE_SECRET, SECRET_MAX, &b,
	    err)) == 0)
		r = rst_secret_parse(s, (const char *)b.data, b.len, path, err);
	rst_secret_buf_release(&b);
	return r;
}
