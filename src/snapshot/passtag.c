/* SPDX-License-Identifier: ISC */
/*
 * The passphrase tag (see passtag.h), one sealed JSON line:
 *
 *   {"format":"restorable-passphrase-tag","version":1,"profile":P,
 *    "manifest_sha256":HEX,"salt":HEX32,"tag":HEX64}
 *
 * tag = scrypt(passphrase, the salt's 32 hex characters).  A new salt is
 * drawn at every save.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "passtag.h"
#include "statcache.h"

#define SALT_HEX	(RST_PASSTAG_SALT * 2 + 1)
#define TAG_HEX		(RST_PASSTAG_LEN * 2 + 1)

static char *
path_of(const struct rst_profile *p)
{
	return rst_strdupf("%s/cache/%s/passphrase-tag", p->state_dir,
	    p->name);
}

bool
rst_passtag_needed(const struct rst_profile *p)
{
	return p->encrypted && p->recipients.n == 0;
}

static int
tag_hex(const struct rst_profile *p, const char *salt, char out[TAG_HEX],
    struct rst_err *err)
{
	unsigned char tag[RST_PASSTAG_LEN];
	int r;

	if ((r = rst_profile_passphrase_tag(p, (const unsigned char *)salt,
	    strlen(salt), tag, err)) == 0)
		rst_hex(tag, sizeof(tag), out);
	OPENSSL_cleanse(tag, sizeof(tag));
	return r;
}

int
rst_passtag_save(const struct rst_profile *p, const char *msha,
    struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	unsigned char rnd[RST_PASSTAG_SALT];
	char salt[SALT_HEX], tag[TAG_HEX], *path = NULL;
	int r;

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return rst_errf(err, RST_EINTERNAL, "no random bytes");
	rst_hex(rnd, sizeof(rnd), salt);
	if ((r = tag_hex(p, salt, tag, err)) != 0)
		return r;
	if ((path = path_of(p)) == NULL || rst_buf_printf(&b,
	    "{\"format\":\"restorable-passphrase-tag\",\"version\":1,"
	    "\"profile\":\"%s\",\"manifest_sha256\":\"%s\",\"salt\":\"%s\","
	    "\"tag\":\"%s\"}\n", p->name, msha, salt, tag) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = rst_cache_file_save(path, &b, err);
	rst_buf_release(&b);
	free(path);
	return r;
}

/* The salt and tag of a loaded file, when it is this snapshot's. */
static const char *
parse(const struct rst_profile *p, const struct rst_buf *b, const char *msha,
    const char **salt, const char **tag, json_t **o)
{
	const char *f = NULL, *prof = NULL, *m = NULL;
	int v = 0;

	if ((*o = json_loadb((const char *)b->data, b->len, 0, NULL)) == NULL ||
	    json_unpack(*o, "{s:s, s:i, s:s, s:s, s:s, s:s}", "format", &f,
	    "version", &v, "profile", &prof, "manifest_sha256", &m, "salt",
	    salt, "tag", tag) != 0 || strcmp(f, "restorable-passphrase-tag")
	    != 0 || v != 1 || strlen(*salt) != SALT_HEX - 1 ||
	    strlen(*tag) != TAG_HEX - 1)
		return "malformed";
	if (strcmp(prof, p->name) != 0 || strcmp(m, msha) != 0)
		return "written for another snapshot";
	return NULL;
}

int
rst_passtag_same(const struct rst_profile *p, const char *msha, char *why,
    size_t whylen, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	struct rst_buf b = RST_BUF_INIT;
	const char *salt = NULL, *tag = NULL, *bad;
	char now[TAG_HEX], *path;
	json_t *o = NULL;
	int r;

	if ((path = path_of(p)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_cache_file_load(path, &b, &e)) == RST_ENOMEM)
		r = rst_errf(err, r, "%s", e.msg);
	else if (r != 0) {
		snprintf(why, whylen, "the passphrase cannot be confirmed: %s",
		    r == RST_ENOTFOUND ? "no passphrase tag" : e.msg);
		r = 0;
	} else if ((bad = parse(p, &b, msha, &salt, &tag, &o)) != NULL) {
		snprintf(why, whylen, "the passphrase cannot be confirmed: "
		    "%s: %s", path, bad);
	} else if ((r = tag_hex(p, salt, now, err)) == 0) {
		r = CRYPTO_memcmp(now, tag, TAG_HEX - 1) == 0;
		if (r == 0)
			snprintf(why, whylen, "the passphrase changed");
	}
	json_decref(o);
	rst_buf_release(&b);
	free(path);
	return r;
}
