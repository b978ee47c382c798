/* SPDX-License-Identifier: ISC */
/*
 * The base index cache (see baseindex.h):
 *
 *   {"format":"restorable-baseindex","version":1,"profile":P,
 *    "snapshot":ID,"manifest_sha256":HEX}\n  PLAIN INDEX
 *
 * zstd-compressed, with the trailing SHA-256 of the stat cache's files.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseindex.h"
#include "statcache.h"

static char *
path_of(const struct rst_profile *p)
{
	return rst_strdupf("%s/cache/%s/base-index", p->state_dir, p->name);
}

static int
header(struct rst_buf *b, const struct rst_profile *p, const char *id,
    const char *msha)
{
	return rst_buf_printf(b, "{\"format\":\"restorable-baseindex\","
	    "\"version\":1,\"profile\":\"%s\",\"snapshot\":\"%s\","
	    "\"manifest_sha256\":\"%s\"}\n", p->name, id, msha);
}

int
rst_baseindex_save(const struct rst_profile *p, const char *id,
    const char *msha, const struct rst_buf *plain, struct rst_err *err)
{
	struct rst_buf all = RST_BUF_INIT;
	char *path;
	int r;

	if ((path = path_of(p)) == NULL || header(&all, p, id, msha) != 0 ||
	    rst_buf_append(&all, plain->data, plain->len) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = rst_cache_file_save(path, &all, err);
	rst_buf_release(&all);
	free(path);
	return r;
}

int
rst_baseindex_load(const struct rst_profile *p, const char *id,
    const char *msha, struct rst_buf *plain, struct rst_err *err)
{
	struct rst_buf want = RST_BUF_INIT;
	char *path;
	int r;

	plain->len = 0;
	if ((path = path_of(p)) == NULL || header(&want, p, id, msha) != 0) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_cache_file_load(path, plain, err)) != 0)
		goto out;
	if (plain->len < want.len ||
	    memcmp(plain->data, want.data, want.len) != 0) {
		r = rst_errf(err, RST_EINTEGRITY, "%s: not the index of "
		    "snapshot %s", path, id);
		goto out;
	}
	memmove(plain->data, (unsigned char *)plain->data + want.len,
	    plain->len - want.len);
	plain->len -= want.len;
 out:
	if (r != 0)
		rst_buf_release(plain);
	rst_buf_release(&want);
	free(path);
	return r;
}
