/* SPDX-License-Identifier: ISC */
/*
 * The stat cache of incremental backups.  One file per profile: a zstd
 * frame holding JSON lines (a header naming the snapshot and its manifest
 * SHA-256, then one line per index entry in stream order), followed by
 * the 32-byte SHA-256 of the frame.  It is written atomically and checked
 * whole on load: a cache that fails any check is not used (a full backup
 * follows), so a torn or edited cache can cost time, never data.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <zstd.h>

#include "restorable/log.h"
#include "statcache.h"

#define CACHE_MAX	(1ULL << 32)	/* decompressed bytes */

struct rst_statcache {
	char		 snapshot[RST_SNAP_ID_LEN + 1];
	char		 manifest[RST_SHA256_HEX];
	struct rst_cache_ent *v;
	size_t		 n, cap;
	struct rst_stridx idx;		/* by path */
};

char *
rst_statcache_path(const struct rst_profile *p)
{
	return rst_strdupf("%s/cache/%s/statcache", p->state_dir, p->name);
}

static int
sha256_raw(const void *p, size_t n, unsigned char out[32], struct rst_err *err)
{
	struct rst_sha256 h = { NULL };
	int r;

	if ((r = rst_sha256_init(&h, err)) == 0 &&
	    (r = rst_sha256_update(&h, p, n, err)) == 0)
		r = rst_sha256_final(&h, out, NULL, err);
	rst_sha256_release(&h);
	return r;
}

static const char *
path_of(const void *arg, size_t i)
{
	return ((const struct rst_statcache *)arg)->v[i].path;
}

struct rst_cache_ent *
rst_statcache_find(struct rst_statcache *c, const char *path)
{
	size_t i;

	if (c == NULL || (i = rst_stridx_find(&c->idx, path)) == 0)
		return NULL;
	return &c->v[i - 1];
}

size_t
rst_statcache_count(const struct rst_statcache *c)
{
	return c != NULL ? c->n : 0;
}

struct rst_cache_ent *
rst_statcache_at(struct rst_statcache *c, size_t i)
{
	return &c->v[i];
}

const char *
rst_statcache_snapshot(const struct rst_statcache *c)
{
	return c->snapshot;
}

const char *
rst_statcache_manifest(const struct rst_statcache *c)
{
	return c->manifest;
}

void
rst_statcache_free(struct rst_statcache *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++)
		free(c->v[i].path);
	free(c->v);
	rst_stridx_release(&c->idx);
	free(c);
}

bool
rst_statcache_same(const struct rst_cache_ent *e, const struct stat *st,
    bool ignore_inode, bool ignore_ctime)
{
	return e->size == (uint64_t)st->st_size &&
	    e->mtime_s == st->st_mtim.tv_sec &&
	    e->mtime_ns == st->st_mtim.tv_nsec &&
	    e->mode == (unsigned)st->st_mode &&
	    (ignore_inode || e->ino == (uint64_t)st->st_ino) &&
	    (ignore_ctime || (e->ctime_s == st->st_ctim.tv_sec &&
	    e->ctime_ns == st->st_ctim.tv_nsec));
}

int
rst_statcache_line(struct rst_buf *b, const struct rst_cache_ent *e,
    struct rst_err *err)
{
	json_t *o = json_object();
	char *s = NULL;
	int bad;

	if (o == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	bad = rst_index_set_name(o, "path", e->path);
	bad |= json_object_set_new(o, "type",
	    json_string(rst_entry_type_name(e->type)));
	if (e->type == RST_ENTRY_FILE) {
		bad |= json_object_set_new(o, "size",
		    json_integer((json_int_t)e->size));
		bad |= json_object_set_new(o, "mtime", json_pack("[I, i]",
		    (json_int_t)e->mtime_s, (int)e->mtime_ns));
		bad |= json_object_set_new(o, "ctime", json_pack("[I, i]",
		    (json_int_t)e->ctime_s, (int)e->ctime_ns));
		bad |= json_object_set_new(o, "ino",
		    json_integer((json_int_t)e->ino));
		bad |= json_object_set_new(o, "nlink",
		    json_integer((json_int_t)e->nlink));
		bad |= json_object_set_new(o, "mode", json_integer(e->mode));
		bad |= json_object_set_new(o, "sha256", json_string(e->sha256));
		bad |= json_object_set_new(o, "in", json_string(e->in));
		if (e->reread)
			bad |= json_object_set_new(o, "reread", json_true());
	}
	if (!bad)
		s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	bad = s == NULL || rst_buf_append(b, s, strlen(s)) != 0 ||
	    rst_buf_append(b, "\n", 1) != 0;
	free(s);
	return bad ? rst_errf(err, RST_ENOMEM, "out of memory") : 0;
}

int
rst_cache_file_save(const char *path, const struct rst_buf *text,
    struct rst_err *err)
{
	unsigned char *z;
	char *dir = NULL;
	size_t bound, zn;
	int r;

	if ((z = malloc((bound = ZSTD_compressBound(text->len)) + 32)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	zn = ZSTD_compress(z, bound, text->data, text->len, 3);
	if (ZSTD_isError(zn)) {
		r = rst_errf(err, RST_EINTERNAL, "%s: zstd: %s", path,
		    ZSTD_getErrorName(zn));
		goto out;
	}
	if ((r = sha256_raw(z, zn, z + zn, err)) != 0)
		goto out;
	if ((dir = rst_dirname(path)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_mkdir_p(dir, 0700, err)) == 0)
		r = rst_write_file_atomic(path, z, zn + 32, 0600, err);
 out:
	free(dir);
	free(z);
	return r;
}

int
rst_statcache_save(const char *path, const char *profile,
    const char *snapshot, const char *msha, const struct rst_buf *lines,
    struct rst_err *err)
{
	struct rst_buf all = RST_BUF_INIT;
	int r;

	if (rst_buf_printf(&all, "{\"format\":\"restorable-statcache\","
	    "\"version\":1,\"profile\":\"%s\",\"snapshot\":\"%s\","
	    "\"manifest_sha256\":\"%s\"}\n", profile, snapshot, msha) != 0 ||
	    rst_buf_append(&all, lines->data, lines->len) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = rst_cache_file_save(path, &all, err);
	rst_buf_release(&all);
	return r;
}

static int
parse_file(json_t *o, struct rst_cache_ent *e)
{
	json_int_t size, ms, cs, ino, nlink, mode;
	int mn, cn, reread = 0;
	const char *sha, *in;

	if (json_unpack(o, "{s:I, s:[I, i], s:[I, i], s:I, s:I, s:I, s:s, s:s,"
	    " s?b}", "size", &size, "mtime", &ms, &mn, "ctime", &cs, &cn,
	    "ino", &ino, "nlink", &nlink, "mode", &mode, "sha256", &sha,
	    "in", &in,
	    "reread", &reread) != 0 || size < 0 || strlen(sha) != 64 ||
	    !rst_snapshot_id_valid(in))
		return -1;
	e->size = (uint64_t)size;
	e->mtime_s = ms;
	e->mtime_ns = mn;
	e->ctime_s = cs;
	e->ctime_ns = cn;
	e->ino = (uint64_t)ino;
	e->nlink = (uint64_t)nlink;
	e->mode = (unsigned)mode;
	memcpy(e->sha256, sha, RST_SHA256_HEX);
	memcpy(e->in, in, RST_SNAP_ID_LEN + 1);
	e->reread = reread != 0;
	return 0;
}

static int
add_line(struct rst_statcache *c, const char *line, size_t len)
{
	struct rst_cache_ent *e;
	json_t *o;
	int t, r = -1;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 1024;
		void *v = realloc(c->v, cap * sizeof(*c->v));

		if (v == NULL)
			return -1;
		c->v = v;
		c->cap = cap;
	}
	e = &c->v[c->n];
	memset(e, 0, sizeof(*e));
	if ((o = json_loadb(line, len, JSON_REJECT_DUPLICATES, NULL)) == NULL)
		return -1;
	t = rst_entry_type_parse(json_string_value(json_object_get(o, "type")));
	if (t >= 0 && rst_index_get_name(o, "path", &e->path) == 0) {
		e->type = (enum rst_entry_type)t;
		r = t == RST_ENTRY_FILE ? parse_file(o, e) : 0;
		if (r != 0) {
			free(e->path);
			e->path = NULL;
		}
	}
	json_decref(o);
	if (r == 0)
		c->n++;
	return r;
}

static int
parse_header(struct rst_statcache *c, const char *line, size_t len,
    const char *profile)
{
	const char *fmt, *prof, *snap, *msha;
	json_int_t ver;
	json_t *o;
	int r = -1;

	if ((o = json_loadb(line, len, 0, NULL)) == NULL)
		return -1;
	if (json_unpack(o, "{s:s, s:I, s:s, s:s, s:s}", "format", &fmt,
	    "version", &ver, "profile", &prof, "snapshot", &snap,
	    "manifest_sha256", &msha) == 0 &&
	    strcmp(fmt, "restorable-statcache") == 0 && ver == 1 &&
	    strcmp(prof, profile) == 0 && rst_snapshot_id_valid(snap) &&
	    strlen(msha) == 64) {
		memcpy(c->snapshot, snap, sizeof(c->snapshot));
		memcpy(c->manifest, msha, sizeof(c->manifest));
		r = 0;
	}
	json_decref(o);
	return r;
}

static int
parse_all(struct rst_statcache *c, const char *p, size_t n,
    const char *profile)
{
	const char *nl;
	bool first = true;

	while (n > 0) {
		if ((nl = memchr(p, '\n', n)) == NULL)
			return -1;
		if (first ? parse_header(c, p, (size_t)(nl - p), profile) :
		    add_line(c, p, (size_t)(nl - p)))
			return -1;
		first = false;
		n -= (size_t)(nl - p) + 1;
		p = nl + 1;
	}
	if (first)
		return -1;
	c->idx.key = path_of;
	c->idx.arg = c;
	return rst_stridx_build(&c->idx, c->n, 64);	/* -1: a path twice */
}

/* The frame's bytes, decompressed, once the trailing hash matches. */
static int
unpack(const char *path, const struct rst_buf *raw, struct rst_buf *out,
    struct rst_err *err)
{
	unsigned char sum[32];
	unsigned long long n;
	size_t zn, got;
	int r;

	if (raw->len < 32 + 1)
		return rst_errf(err, RST_EINTEGRITY, "%s: truncated", path);
	zn = raw->len - 32;
	if ((r = sha256_raw(raw->data, zn, sum, err)) != 0)
		return r;
	if (memcmp(sum, (unsigned char *)raw->data + zn, 32) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s: checksum mismatch",
		    path);
	n = ZSTD_getFrameContentSize(raw->data, zn);
	if (n == ZSTD_CONTENTSIZE_UNKNOWN || n == ZSTD_CONTENTSIZE_ERROR ||
	    n > CACHE_MAX)
		return rst_errf(err, RST_EINTEGRITY, "%s: bad frame", path);
	if ((out->data = malloc((size_t)n + 1)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	got = ZSTD_decompress(out->data, (size_t)n + 1, raw->data, zn);
	if (ZSTD_isError(got) || got != n)
		return rst_errf(err, RST_EINTEGRITY, "%s: bad frame", path);
	out->len = got;
	return 0;
}

int
rst_cache_file_load(const char *path, struct rst_buf *text,
    struct rst_err *err)
{
	struct rst_buf raw = RST_BUF_INIT;
	int r;

	if ((r = rst_buf_load_file(&raw, path, CACHE_MAX, err)) == 0)
		r = unpack(path, &raw, text, err);
	rst_buf_release(&raw);
	return r;
}

int
rst_statcache_load(const char *path, const char *profile,
    struct rst_statcache **out, struct rst_err *err)
{
	struct rst_buf text = RST_BUF_INIT;
	struct rst_statcache *c = NULL;
	int r;

	*out = NULL;
	if ((r = rst_cache_file_load(path, &text, err)) != 0)
		goto out;
	if ((c = calloc(1, sizeof(*c))) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if (parse_all(c, (const char *)text.data, text.len, profile) != 0) {
		r = rst_errf(err, RST_EINTEGRITY, "%s: malformed", path);
		goto out;
	}
	*out = c;
	c = NULL;
 out:
	rst_statcache_free(c);
	rst_buf_release(&text);
	return r;
}
