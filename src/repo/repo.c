/* SPDX-License-Identifier: ISC */
/*
 * A repository's bootstrap: the marker object restorable.json, and
 * keys/PROFILE.pub, which binds a profile name to one key for good.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/crypto.h"
#include "restorable/repo.h"
#include "restorable/util.h"

/* restorable.json and keys/PROFILE.pub: create, or check they match. */
int
rst_repo_prepare(struct rst_storage *st, const char *profile, EVP_PKEY *key,
    struct rst_err *err)
{
	static const char marker[] =
	    "{\"format\":\"restorable-repository\",\"version\":1}\n";
	struct rst_objinfo info;
	struct rst_buf old = RST_BUF_INIT;
	char *pem = NULL, *name = NULL;
	int r;

	if ((r = rst_storage_stat(st, "restorable.json", &info, err)) ==
	    RST_ENOTFOUND) {
		rst_err_clear(err);
		r = rst_storage_put_buf(st, "restorable.json", marker,
		    sizeof(marker) - 1, err);
	}
	if (r != 0)
		return r;
	if ((r = rst_key_public_pem(key, &pem, err)) != 0)
		return r;
	if ((name = rst_strdupf("keys/%s.pub", profile)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	r = rst_storage_get_buf(st, name, 4096, &old, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = rst_storage_put_buf(st, name, pem, strlen(pem), err);
	} else if (r == 0 && (old.len != strlen(pem) ||
	    memcmp(old.data, pem, old.len) != 0))
		r = rst_errf(err, RST_EINTEGRITY, "%s: profile name already "
		    "used by another key", name);
 out:
	rst_buf_release(&old);
	free(pem);
	free(name);
	return r;
}

