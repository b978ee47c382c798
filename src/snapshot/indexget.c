/* SPDX-License-Identifier: ISC */
/*
 * A snapshot's index for browsing, verified before use.  The index object
 * is fetched once into memory; its bytes are parsed only after the part
 * reader proved their size and SHA-256 against the signed manifest, then
 * decrypted (age) and decompressed.  The decrypted, still compressed index
 * is kept in STATE_DIR/index-cache (0700) as MANIFEST_SHA256.idx (0600):
 *
 *   restorable-index-cache 1 INDEX_OBJECT_SHA256 BODY_SHA256\n BODY
 *
 * A cached copy is used only when INDEX_OBJECT_SHA256 is the one the
 * signed manifest names and BODY hashes to BODY_SHA256 (for a plain index
 * the body is the object itself, so its hash must be the manifest's); any
 * other copy is removed and the index fetched again.  The CACHE_KEEP
 * most recently used copies are kept.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zstd.h>

#include "restorable/age.h"
#include "restorable/browse.h"
#include "restorable/log.h"
#include "restorable/repo.h"
#include "baseindex.h"

#define CACHE_DIR	"index-cache"
#define CACHE_KEEP	64
#define CACHE_MAGIC	"restorable-index-cache 1 "
#define MAGIC_LEN	(sizeof(CACHE_MAGIC) - 1)
#define HDR_LEN		(MAGIC_LEN + 64 + 1 + 64 + 1)
#define LINE_MAX_LEN	(1u << 20)

/* The index object, read whole; usable only once this returned 0. */
static int
fetch_object(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_buf *raw, struct rst_err *err)
{
	struct rst_partreader *pr;
	const void *buf;
	size_t len;
	int r;

	/* The part reader hands out the object only once it is verified. */
	if ((r = rst_partreader_open(st, dir, &m->index, 1, NULL, &pr,
	    err)) != 0)
		return r;
	while ((r = rst_partreader_next(pr, &buf, &len, err)) == 0 &&
	    len > 0) {
		if (raw->len + len > m->index.size) {
			r = rst_errf(err, RST_EINTEGRITY, "%s/%s: larger than "
			    "the manifest says (%llu bytes)", dir, m->index.name,
			    (unsigned long long)m->index.size);
			break;
		}
		if (rst_buf_append(raw, buf, len) != 0) {
			r = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
	}
	rst_partreader_close(pr);
	return r;
}

struct membuf {
	const unsigned char	*p;
	size_t			 left;
};

static ssize_t
mem_cb(void *arg, void *buf, size_t len, struct rst_err *err)
{
	struct membuf *mb = arg;

	(void)err;
	if (len > mb->left)
		len = mb->left;
	memcpy(buf, mb->p, len);
	mb->p += len;
	mb->left -= len;
	return (ssize_t)len;
}

/* Append the plaintext of raw (age) to out. */
static int
decrypt(const struct rst_buf *raw, const struct rst_age_identities *ids,
    const char *name, struct rst_buf *out, struct rst_err *err)
{
	struct membuf mb = { raw->data, raw->len };
	struct rst_age_reader *ar = NULL;
	unsigned char buf[1u << 16];
	ssize_t n;
	int r;

	if (ids == NULL || rst_age_identities_count(ids) == 0)
		return rst_errf(err, RST_ECONFIG, "%s: the snapshot is "
		    "encrypted: identity_file (or the passphrase) is needed",
		    name);
	if ((r = rst_age_reader_open(mem_cb, &mb, ids, &ar, err)) != 0) {
		rst_err_prefix(err, "%s", name);
		return r;
	}
	while ((n = rst_age_reader_read(ar, buf, sizeof(buf), err)) > 0)
		if (rst_buf_append(out, buf, (size_t)n) != 0) {
			n = rst_errf(err, RST_ENOMEM, "out of memory");
			break;
		}
	rst_age_reader_free(ar);
	if (n < 0)
		rst_err_prefix(err, "%s", name);
	return (int)n;
}

#define PATH_KEY	"{\"path\":\""

/*
 * The path of an index line that starts with a plain JSON string (no
 * escapes, so its bytes are the path), up to *end; NULL otherwise.
 */
static char *
plain_path(char *line, size_t len, char **end)
{
	char *p = line + sizeof(PATH_KEY) - 1, *q;

	if (len < sizeof(PATH_KEY) - 1 ||
	    memcmp(line, PATH_KEY, sizeof(PATH_KEY) - 1) != 0 ||
	    (q = memchr(p, '"', len - (size_t)(p - line))) == NULL ||
	    memchr(p, '\\', (size_t)(q - p)) != NULL)
		return NULL;
	*end = q;
	return p;
}

/* Whether l->want takes the line's path, when that is cheap to tell. */
static bool
wanted(struct rst_index_list *l, char *line, size_t len, bool *known)
{
	char *p, *end, c;
	bool yes;

	*known = false;
	if (l->want == NULL)
		return (*known = true);
	if ((p = plain_path(line, len, &end)) == NULL)
		return false;
	c = *end;
	*end = '\0';
	yes = l->want(l->want_arg, p);
	*end = c;
	*known = true;
	return yes;
}

static int
add_line(struct rst_index_list *l, char *line, size_t len, const char *name,
    struct rst_err *err)
{
	struct rst_index_entry *v;
	bool known;
	int r;

	if (!wanted(l, line, len, &known) && known)
		return 0;
	if ((l->n & (l->n - 1)) == 0 && (v = reallocarray(l->v,
	    l->n ? l->n * 2 : 1, sizeof(*v))) != NULL)
		l->v = v;
	else if ((l->n & (l->n - 1)) == 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_index_parse(line, len, &l->v[l->n], err)) != 0) {
		rst_err_prefix(err, "%s", name);
		return r;
	}
	if (!known && !l->want(l->want_arg, l->v[l->n].path)) {
		rst_index_entry_release(&l->v[l->n]);
		return 0;
	}
	l->n++;
	return 0;
}

/* Split len bytes of plain index text into lines, each parsed on its end. */
static int
add_text(struct rst_index_list *l, struct rst_buf *line,
    const unsigned char *p, size_t len, const char *name, struct rst_err *err)
{
	const unsigned char *end = p + len, *nl;
	size_t k;
	int r = 0;

	for (; r == 0 && p < end; p += k) {
		nl = memchr(p, '\n', (size_t)(end - p));
		k = nl != NULL ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		if (line->len + k > LINE_MAX_LEN)
			r = rst_errf(err, RST_EINTEGRITY, "%s: line too long",
			    name);
		else if (rst_buf_append(line, p, nl ? k - 1 : k))
			r = rst_errf(err, RST_ENOMEM, "out of memory");
		else if (nl != NULL) {
			r = add_line(l, (char *)line->data, line->len, name,
			    err);
			line->len = 0;
		}
	}
	return r;
}

/* Where inflate hands each run of plain bytes. */
typedef int (*inflate_sink)(void *arg, const unsigned char *p, size_t len,
    const char *name, struct rst_err *err);

/*
 * Decompress a whole zstd body (against the prefix pre, when not NULL),
 * handing the plain bytes to sink as they come.
 */
static int
inflate(const unsigned char *body, size_t len, const struct rst_buf *pre,
    const char *name, inflate_sink sink, void *arg, struct rst_err *err)
{
	ZSTD_inBuffer in = { body, len, 0 };
	unsigned char out[1u << 16];
	ZSTD_outBuffer o;
	ZSTD_DCtx *dctx;
	size_t rem = 1;
	int r = 0;

	if ((dctx = ZSTD_createDCtx()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (pre != NULL && ZSTD_isError(ZSTD_DCtx_refPrefix(dctx, pre->data,
	    pre->len)))
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	while (r == 0 && (in.pos < in.size || rem != 0)) {
		o = (ZSTD_outBuffer){ out, sizeof(out), 0 };
		rem = ZSTD_decompressStream(dctx, &o, &in);
		if (ZSTD_isError(rem))
			r = rst_errf(err, RST_EINTEGRITY, "%s: zstd: %s", name,
			    ZSTD_getErrorName(rem));
		else if (o.pos == 0 && in.pos == in.size && rem != 0)
			r = rst_errf(err, RST_EINTEGRITY, "%s: zstd: "
			    "truncated", name);
		else
			r = sink(arg, out, o.pos, name, err);
	}
	ZSTD_freeDCtx(dctx);
	return r;
}

struct parse_state {
	struct rst_index_list *l;
	struct rst_buf line;
};

static int
parse_sink(void *arg, const unsigned char *p, size_t len, const char *name,
    struct rst_err *err)
{
	struct parse_state *ps = arg;

	return add_text(ps->l, &ps->line, p, len, name, err);
}

/* Decompress body (zstd) and parse one entry per line. */
static int
parse_body(const unsigned char *body, size_t len, const struct rst_buf *pre,
    const char *name, struct rst_index_list *l, struct rst_err *err)
{
	struct parse_state ps = { l, RST_BUF_INIT };
	int r;

	r = inflate(body, len, pre, name, parse_sink, &ps, err);
	if (r == 0 && ps.line.len != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: truncated last line",
		    name);
	rst_buf_release(&ps.line);
	return r;
}

/* STATE_DIR/index-cache when it is (or can be made) a private folder. */
static char *
cache_dir(const struct rst_profile *p)
{
	struct rst_err e = RST_ERR_INIT;
	struct stat sb;
	char *d;

	if (p->state_dir == NULL ||
	    (d = rst_path_join(p->state_dir, CACHE_DIR)) == NULL)
		return NULL;
	if (rst_mkdir_p(d, 0700, &e) != 0 || lstat(d, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode) || sb.st_uid != geteuid() ||
	    (sb.st_mode & 077) != 0) {
		rst_log_warn("%s: not a private folder of this user, index "
		    "cache not used%s%s", d, e.msg[0] ? ": " : "", e.msg);
		free(d);
		return NULL;
	}
	return d;
}

/* Read fd whole into c, up to max bytes; 0 or -1. */
static int
read_fd(int fd, size_t max, struct rst_buf *c)
{
	unsigned char tmp[1u << 16];
	ssize_t n;

	while ((n = read(fd, tmp, sizeof(tmp))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || c->len + (size_t)n > max ||
		    rst_buf_append(c, tmp, (size_t)n) != 0)
			return -1;
	}
	return 0;
}

/* Why the copy in c (read from a private file) is not usable, or NULL. */
static const char *
cache_check(const struct rst_manifest *m, const struct rst_buf *c)
{
	struct rst_err e = RST_ERR_INIT;
	char hex[RST_SHA256_HEX];

	if (c->len < HDR_LEN || memcmp(c->data, CACHE_MAGIC, MAGIC_LEN) != 0 ||
	    c->data[HDR_LEN - 1] != '\n' ||
	    memcmp(c->data + MAGIC_LEN, m->index.sha256, 64) != 0)
		return "not a copy of the index the signed manifest names";
	if (rst_sha256_hex(c->data + HDR_LEN, c->len - HDR_LEN, hex, &e) != 0 ||
	    memcmp(hex, c->data + MAGIC_LEN + 65, 64) != 0 ||
	    (strcmp(m->encryption, "age") != 0 &&
	    strcmp(hex, m->index.sha256) != 0))
		return "content does not match its hash";
	return NULL;
}

/* Read a cached copy into c; 1 when it is valid, 0 when absent or bad. */
static int
cache_load(const char *path, const struct rst_manifest *m,
    struct rst_buf *c)
{
	const char *why = NULL;
	struct stat sb;
	int fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 0;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_uid != geteuid() || (sb.st_mode & 077) != 0)
		why = "not a private file of this user";
	else if (read_fd(fd, HDR_LEN + (size_t)m->index.size, c) != 0)
		why = "unreadable or larger than the index";
	else
		why = cache_check(m, c);
	if (why == NULL)
		(void)futimens(fd, NULL);	/* recently used */
	close(fd);
	if (why == NULL)
		return 1;
	rst_log_warn("%s: %s; removed, the index is fetched again", path, why);
	(void)unlink(path);
	c->len = 0;
	return 0;
}

/*
 * Past CACHE_KEEP copies, remove the least recently used one (each save
 * adds one copy and removes one).
 */
static void
cache_trim(const char *dir)
{
	struct dirent *de;
	struct stat sb;
	char *path, *oldest = NULL;
	struct timespec t = { 0, 0 };
	size_t n = 0;
	DIR *d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 68 ||
		    strcmp(de->d_name + 64, ".idx") != 0 ||
		    fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW))
			continue;
		n++;
		if (oldest == NULL || sb.st_mtim.tv_sec < t.tv_sec ||
		    (sb.st_mtim.tv_sec == t.tv_sec &&
		    sb.st_mtim.tv_nsec < t.tv_nsec)) {
			free(oldest);
			oldest = strdup(de->d_name);
			t = sb.st_mtim;
		}
	}
	if (n > CACHE_KEEP && oldest != NULL &&
	    (path = rst_path_join(dir, oldest)) != NULL) {
		unlink(path);
		free(path);
	}
	free(oldest);
	closedir(d);
}

static void
cache_save(const char *dir, const char *path, const struct rst_manifest *m,
    struct rst_buf *c)
{
	struct rst_err e = RST_ERR_INIT;
	char hex[RST_SHA256_HEX], hdr[HDR_LEN + 1];

	if (rst_sha256_hex(c->data + HDR_LEN, c->len - HDR_LEN, hex, &e) != 0)
		return;
	snprintf(hdr, sizeof(hdr), "%s%s %s\n", CACHE_MAGIC, m->index.sha256,
	    hex);
	memcpy(c->data, hdr, HDR_LEN);
	if (rst_write_file_atomic(path, c->data, c->len, 0600, &e) != 0)
		rst_log_warn("index cache: %s", e.msg);
	else
		cache_trim(dir);
}

/* Fetch, verify and decrypt into c (after HDR_LEN bytes of room). */
static int
fetch_body(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const char *name, struct rst_buf *c, struct rst_err *err)
{
	struct rst_buf raw = RST_BUF_INIT;
	int r;

	if (rst_buf_append(c, CACHE_MAGIC, MAGIC_LEN) != 0 ||
	    rst_buf_printf(c, "%*s", (int)(HDR_LEN - MAGIC_LEN), "") != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = fetch_object(st, dir, m, &raw, err)) != 0)
		goto out;
	if (strcmp(m->encryption, "age") == 0)
		r = decrypt(&raw, ids, name, c, err);
	else if (rst_buf_append(c, raw.data, raw.len) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
 out:
	rst_buf_release(&raw);
	return r;
}

static int
append_sink(void *arg, const unsigned char *p, size_t len, const char *name,
    struct rst_err *err)
{
	(void)name;
	if (rst_buf_append(arg, p, len) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

/* Decompress a whole zstd body into out. */
static int
inflate_all(const unsigned char *body, size_t len, const char *name,
    struct rst_buf *out, struct rst_err *err)
{
	return inflate(body, len, NULL, name, append_sink, out, err);
}

/*
 * The base's manifest, proved by the SHA-256 the (verified) incremental
 * names for it: a full whose own index stands alone.
 */
static int
load_base(struct rst_storage *st, const struct rst_manifest *m,
    const char *dir, struct rst_manifest **bm, struct rst_err *err)
{
	struct rst_buf man = RST_BUF_INIT;
	char *name, hex[RST_SHA256_HEX];
	int r;

	if ((name = rst_path_join(dir, RST_MANIFEST_NAME)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_storage_get_buf(st, name, RST_MANIFEST_MAX, &man, err);
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = rst_errf(err, RST_EINTEGRITY, "%s: missing (the base of "
		    "snapshot %s)", name, m->snapshot);
	}
	if (r == 0 && (r = rst_sha256_hex(man.data, man.len, hex, err)) == 0 &&
	    strcmp(hex, m->base_sha256) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: not the base snapshot "
		    "%s names", name, m->snapshot);
	if (r == 0 && (r = rst_manifest_parse(man.data, man.len, bm,
	    err)) == 0 && (*bm)->incremental)
		r = rst_errf(err, RST_EINTEGRITY, "%s: the base of snapshot "
		    "%s is not a full", name, m->snapshot);
	rst_buf_release(&man);
	free(name);
	return r;
}

int
rst_index_base_plain(struct rst_storage *st, const struct rst_manifest *m,
    const struct rst_age_identities *ids, struct rst_buf *out,
    struct rst_err *err)
{
	struct rst_manifest *bm = NULL;
	struct rst_buf c = RST_BUF_INIT;
	char *dir, *name = NULL;
	int r;

	if ((dir = rst_repo_snapshot_dir(m->profile, m->base_id)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = load_base(st, m, dir, &bm, err)) != 0)
		goto out;
	if ((name = rst_path_join(dir, bm->index.name)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = fetch_body(st, dir, bm, ids, name, &c, err)) == 0)
		r = inflate_all(c.data + HDR_LEN, c.len - HDR_LEN, name, out,
		    err);
 out:
	rst_manifest_free(bm);
	rst_buf_release(&c);
	free(name);
	free(dir);
	return r;
}

/*
 * The index object of m, decrypted but still compressed, after HDR_LEN
 * bytes: from the cache (p may be NULL: none) or fetched and cached.
 */
static int
get_body(const struct rst_profile *p, struct rst_storage *st,
    const char *dir, const struct rst_manifest *m, const char *msha,
    const struct rst_age_identities *ids, const char *name,
    struct rst_buf *c, struct rst_err *err)
{
	char *cdir = NULL, *cpath = NULL;
	int r = 0;

	if (p != NULL && (cdir = cache_dir(p)) != NULL &&
	    (cpath = rst_strdupf("%s/%s.idx", cdir, msha)) == NULL) {
		free(cdir);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if (cpath == NULL || cache_load(cpath, m, c) == 0) {
		if ((r = fetch_body(st, dir, m, ids, name, c, err)) == 0 &&
		    cpath != NULL)
			cache_save(cdir, cpath, m, c);
	}
	if (cpath != NULL) {
		free(cpath);
		free(cdir);
	}
	return r;
}

int
rst_index_get_pre(const struct rst_profile *p, struct rst_storage *st,
    const char *dir, const struct rst_manifest *m, const char *msha,
    const struct rst_age_identities *ids, const struct rst_buf *base,
    struct rst_index_list *l, struct rst_err *err)
{
	struct rst_buf c = RST_BUF_INIT, own = RST_BUF_INIT;
	struct rst_buf with = RST_BUF_INIT;
	const struct rst_buf *pre = NULL;
	char *name;
	int r;

	l->v = NULL;
	l->n = 0;
	if ((name = rst_path_join(dir, m->index.name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = get_body(p, st, dir, m, msha, ids, name, &c, err)) != 0)
		goto out;
	if (m->index_patch_from && base == NULL &&
	    (r = rst_index_base_plain(st, m, ids, &own, err)) != 0)
		goto out;
	if (m->index_patch_from && (r = rst_baseindex_prefix(m, base != NULL ?
	    base : &own, &with, &pre, err)) != 0)
		goto out;
	if ((r = parse_body(c.data + HDR_LEN, c.len - HDR_LEN, pre, name, l,
	    err)) != 0)
		rst_index_list_release(l);
 out:
	rst_buf_release(&with);
	rst_buf_release(&own);
	rst_buf_release(&c);
	free(name);
	return r;
}

int
rst_index_get(const struct rst_profile *p, struct rst_storage *st,
    const char *dir, const struct rst_manifest *m, const char *msha,
    const struct rst_age_identities *ids, struct rst_index_list *l,
    struct rst_err *err)
{
	return rst_index_get_pre(p, st, dir, m, msha, ids, NULL, l, err);
}

int
rst_index_get_plain(const struct rst_profile *p, struct rst_storage *st,
    const char *dir, const struct rst_manifest *m, const char *msha,
    const struct rst_age_identities *ids, struct rst_buf *out,
    struct rst_err *err)
{
	struct rst_buf c = RST_BUF_INIT;
	char *name;
	int r;

	if ((name = rst_path_join(dir, m->index.name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (m->index_patch_from)
		r = rst_errf(err, RST_EINTERNAL, "%s: compressed against "
		    "another index", name);
	else if ((r = get_body(p, st, dir, m, msha, ids, name, &c,
	    err)) == 0)
		r = inflate_all(c.data + HDR_LEN, c.len - HDR_LEN, name, out,
		    err);
	rst_buf_release(&c);
	free(name);
	return r;
}

int
rst_index_list_plain(const struct rst_buf *plain, const char *name,
    struct rst_index_list *l, struct rst_err *err)
{
	struct rst_buf line = RST_BUF_INIT;
	int r;

	l->v = NULL;
	l->n = 0;
	r = add_text(l, &line, plain->data, plain->len, name, err);
	if (r == 0 && line.len != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: truncated last line",
		    name);
	if (r != 0)
		rst_index_list_release(l);
	rst_buf_release(&line);
	return r;
}

int
rst_index_get_id(const struct rst_profile *p, struct rst_storage *st,
    EVP_PKEY *key, const struct rst_age_identities *ids, const char *id,
    struct rst_index_list *l, struct rst_err *err)
{
	struct rst_manifest *m = NULL;
	char msha[RST_SHA256_HEX], *dir;
	int r;

	l->v = NULL;
	l->n = 0;
	if ((dir = rst_repo_snapshot_dir(p->name, id)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_snapshot_load(st, p->name, id, key, &m, msha, err)) == 0)
		r = rst_index_get(p, st, dir, m, msha, ids, l, err);
	rst_manifest_free(m);
	free(dir);
	return r;
}

static int
by_path(const void *a, const void *b)
{
	return strcmp(((const struct rst_index_entry *)a)->path,
	    ((const struct rst_index_entry *)b)->path);
}

void
rst_index_list_sort(struct rst_index_list *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), by_path);
}

void
rst_index_list_release(struct rst_index_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		rst_index_entry_release(&l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}
