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

#include <stdbool.h>
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

/* Where a line's position ending ,"zframe":N,"zoff":M} starts, or 0. */
static size_t
position_at(const char *l, size_t n)
{
	static const char zf[] = ",\"zframe\":", zo[] = ",\"zoff\":";
	size_t i = n;

	if (i < 2 || l[--i] != '}')
		return 0;
	while (i > 0 && l[i - 1] >= '0' && l[i - 1] <= '9')
		i--;
	if (i == n - 1 || i < sizeof(zo) - 1 ||
	    memcmp(l + i - (sizeof(zo) - 1), zo, sizeof(zo) - 1) != 0)
		return 0;
	i -= sizeof(zo) - 1;
	n = i;
	while (i > 0 && l[i - 1] >= '0' && l[i - 1] <= '9')
		i--;
	if (i == n || i < sizeof(zf) - 1 ||
	    memcmp(l + i - (sizeof(zf) - 1), zf, sizeof(zf) - 1) != 0)
		return 0;
	return i - (sizeof(zf) - 1);
}

/* A file's or hard link's line (a JSON string cannot hold these bytes). */
static bool
held_type(const char *l, size_t n)
{
	static const char *const t[] = { ",\"type\":\"file\",",
	    ",\"type\":\"hardlink\"," };
	size_t k;

	for (k = 0; k < 2; k++)
		if (memmem(l, n, t[k], strlen(t[k])) != NULL)
			return true;
	return false;
}

int
rst_baseindex_with_in(const struct rst_buf *plain, const char *base_id,
    struct rst_buf *out, struct rst_err *err)
{
	const char *p = (const char *)plain->data, *end = p + plain->len, *nl;
	size_t n, at;
	int r = 0;

	out->len = 0;
	for (; r == 0 && p < end; p += n + (nl != NULL)) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		if (held_type(p, n) && (at = position_at(p, n)) > 0)
			r = rst_buf_append(out, p, at) != 0 ||
			    rst_buf_printf(out, ",\"in\":\"%s\"}", base_id) != 0;
		else
			r = rst_buf_append(out, p, n) != 0;
		if (r == 0 && nl != NULL)
			r = rst_buf_append(out, "\n", 1) != 0;
	}
	if (r != 0) {
		rst_buf_release(out);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	return 0;
}

int
rst_baseindex_prefix(const struct rst_manifest *m, const struct rst_buf *plain,
    struct rst_buf *tmp, const struct rst_buf **use, struct rst_err *err)
{
	int r;

	*use = plain;
	if (!m->index_patch_in)
		return 0;
	if ((r = rst_baseindex_with_in(plain, m->base_id, tmp, err)) != 0)
		return r;
	*use = tmp;
	return 0;
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

int
rst_baseindex_load_in(const struct rst_profile *p, const char *id,
    const char *msha, struct rst_buf *out, struct rst_err *err)
{
	struct rst_buf plain = RST_BUF_INIT;
	int r;

	if ((r = rst_baseindex_load(p, id, msha, &plain, err)) == 0)
		r = rst_baseindex_with_in(&plain, id, out, err);
	rst_buf_release(&plain);
	return r;
}
