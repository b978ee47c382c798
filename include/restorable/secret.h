/* SPDX-License-Identifier: ISC */
/*
 * A "user:password" secret (storage credentials_file or credentials_env,
 * smtp.credentials_file): one parser, one rule.  The text is one line:
 * final line breaks (LF, CRLF) are dropped, any other line break is
 * refused, as is a text without ':'.  Both fields are wiped on release.
 */
#ifndef RESTORABLE_SECRET_H
#define RESTORABLE_SECRET_H

#include <stddef.h>

#include "restorable/err.h"
#include "restorable/util.h"

struct rst_secret {
	char	*user;
	char	*pass;
};
#define RST_SECRET_INIT	{ NULL, NULL }

/*
 * Parse text[0..len) into s (fields malloc'd); errors are RST_ECONFIG
 * "SRC: expected one line user:password" (never the text itself).
 */
int	rst_secret_parse(struct rst_secret *, const char *text, size_t len,
	    const char *src, struct rst_err *) RST_MUST_CHECK;
/* Read a protected file (rst_keyfile_load rules) and parse it. */
int	rst_secret_load_file(struct rst_secret *, const char *path,
	    struct rst_err *) RST_MUST_CHECK;
/* Wipe and free both fields; s is empty again. */
void	rst_secret_clear(struct rst_secret *);
/* Wipe and free one secret string (NULL: nothing). */
void	rst_secret_free_str(char *);
/* Wipe a buffer that held a secret (all it allocated), then release it. */
void	rst_secret_buf_release(struct rst_buf *);

#endif
