/* SPDX-License-Identifier: ISC */
/*
 * verify: the manifest's signature, then every part's size and SHA-256 and
 * the whole stream's, then the index object; no decryption key needed.
 * --deep does it in the same single read of each object: every part is
 * verified before its bytes are decompressed and every file re-hashed,
 * walking the index beside the archive (both are in stream order).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/browse.h"
#include "restorable/snapshot.h"
#include "entrymap.h"

#define ZERO_LEN	(1u << 16)
static const unsigned char zeros[ZERO_LEN];

struct expect {
	const struct rst_manifest *m;
	size_t		 dirlen;
	struct rst_err	*err;
};

/* Every object in the snapshot folder must be one the manifest names. */
static int
expected_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct expect *x = arg;
	const char *base = name + x->dirlen + 1;
	size_t i;

	(void)info;
	if (strcmp(base, RST_MANIFEST_NAME) == 0 ||
	    strcmp(base, RST_MANIFEST_SIG) == 0 ||
	    strcmp(base, x->m->index.name) == 0 ||
	    (x->m->deleted.name != NULL &&
	    strcmp(base, x->m->deleted.name) == 0))
		return 0;
	for (i = 0; i < x->m->nparts; i++)
		if (strcmp(base, x->m->parts[i].name) == 0)
			return 0;
	return rst_errf(x->err, RST_EINTEGRITY, "%s: not listed in the "
	    "manifest (an added or renamed object)", name);
}

int
rst_verify_listing(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_err *err)
{
	struct expect x = { m, strlen(dir), err };

	return rst_storage_list(st, dir, false, expected_cb, &x, err);
}

static int
check_stream_size(const char *dir, const struct rst_manifest *m,
    uint64_t bytes, struct rst_err *err)
{
	if (bytes == m->stream_size)
		return 0;
	return rst_errf(err, RST_EINTEGRITY, "%s: stream is %llu bytes, "
	    "manifest says %llu", dir, (unsigned long long)bytes,
	    (unsigned long long)m->stream_size);
}

static int
verify_object(struct rst_storage *st, const char *dir,
    const struct rst_part *obj, struct rst_err *err)
{
	struct rst_partreader *pr;
	int r;

	if ((r = rst_partreader_open(st, dir, obj, 1, NULL, &pr, err)) != 0)
		return r;
	r = rst_partreader_check(pr, NULL, err);
	rst_partreader_close(pr);
	return r;
}

/* The index object, and an incremental's deletions object. */
int
rst_verify_index(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_err *err)
{
	int r;

	if ((r = verify_object(st, dir, &m->index, err)) != 0 ||
	    m->deleted.name == NULL)
		return r;
	return verify_object(st, dir, &m->deleted, err);
}

int
rst_verify_parts(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_progress *prog,
    struct rst_verify_result *res, struct rst_err *err)
{
	struct rst_partreader *pr;
	int r;

	if ((r = rst_verify_listing(st, dir, m, err)) != 0 ||
	    (r = rst_partreader_open(st, dir, m->parts, m->nparts,
	    m->stream_sha256, &pr, err)) != 0)
		return r;
	r = rst_partreader_check(pr, prog, err);
	res->parts_checked = rst_partreader_parts_done(pr);
	res->bytes_checked = rst_partreader_total(pr);
	rst_partreader_close(pr);
	if (r != 0 || (r = check_stream_size(dir, m, res->bytes_checked,
	    err)) != 0)
		return r;
	if ((r = rst_verify_index(st, dir, m, err)) == 0)
		res->bytes_checked += m->index.size + m->deleted.size;
	return r;
}

static int
hash_zeros(struct rst_sha256 *h, uint64_t n, struct rst_err *err)
{
	size_t k;
	int r;

	while (n > 0) {
		k = n > ZERO_LEN ? ZERO_LEN : (size_t)n;
		if ((r = rst_sha256_update(h, zeros, k, err)) != 0)
			return r;
		n -= k;
	}
	return 0;
}

/*
 * Hash an entry's logical content: holes of a sparse entry (gaps between
 * blocks, and up to the entry's size at the end) hash as zeros.
 */
int
rst_hash_entry_data(struct archive *a, const char *path, uint64_t esize,
    uint64_t *size, char hex[RST_SHA256_HEX], struct rst_err *err)
{
	struct rst_sha256 h = { NULL };
	const void *buf;
	size_t len;
	la_int64_t off;
	uint64_t pos = 0;
	int ar, r;

	if ((r = rst_sha256_init(&h, err)) != 0)
		return r;
	while ((ar = archive_read_data_block(a, &buf, &len, &off)) ==
	    ARCHIVE_OK) {
		if ((uint64_t)off < pos) {
			r = rst_errf(err, RST_EINTEGRITY, "%s: overlapping "
			    "blocks in the stream", path);
			break;
		}
		if ((r = hash_zeros(&h, (uint64_t)off - pos, err)) != 0 ||
		    (r = rst_sha256_update(&h, buf, len, err)) != 0)
			break;
		pos = (uint64_t)off + len;
	}
	if (r == 0 && ar != ARCHIVE_EOF)
		r = rst_errf(err, RST_EINTEGRITY, "%s: %s", path,
		    archive_error_string(a));
	if (r == 0 && pos < esize) {
		r = hash_zeros(&h, esize - pos, err);
		pos = esize;
	}
	if (r == 0)
		r = rst_sha256_final(&h, NULL, hex, err);
	rst_sha256_release(&h);
	*size = pos;
	return r;
}

static int
check_entry(struct archive *a, struct archive_entry *ae,
    const struct rst_index_entry *ie, uint64_t *files, struct rst_err *err)
{
	const char *path = archive_entry_pathname(ae);
	char hex[RST_SHA256_HEX];
	uint64_t size;
	size_t len = path != NULL ? strlen(path) : 0;
	int r;

	/* Directories carry a trailing "/" in the stream, not in the index. */
	while (len > 1 && path[len - 1] == '/')
		len--;
	if (path == NULL || len != strlen(ie->path) ||
	    memcmp(path, ie->path, len) != 0)
		return rst_errf(err, RST_EINTEGRITY, "index entry %s does not "
		    "match stream entry %s", ie->path, path ? path : "?");
	if (ie->type != RST_ENTRY_FILE)
		return 0;
	if (archive_entry_hardlink(ae) != NULL ||
	    archive_entry_filetype(ae) != AE_IFREG)
		return rst_errf(err, RST_EINTEGRITY, "%s: not a regular file "
		    "in the stream", path);
	if ((r = rst_hash_entry_data(a, path,
	    (uint64_t)archive_entry_size(ae), &size, hex, err)) != 0)
		return r;
	if (size != ie->size || strcmp(hex, ie->sha256) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s: content does not "
		    "match the index (sha256 or size)", path);
	(*files)++;
	return 0;
}

/* What verify --deep walks: one link of a chain, and the chain's state. */
struct deep {
	const struct rst_chain	*c;
	size_t			 k;	/* the link */
	struct rst_entrymap	*later;	/* files older links hold */
	struct rst_verify_result *res;
	struct rst_progress	*prog;
	struct rst_err		*err;
	struct rst_buf		 base;	/* the base's index, fetched once */
	bool			 have_base;
};

/*
 * An index entry its own stream does not hold ("in"): in the verified
 * snapshot's index it names an older link, where the pass over that link
 * finds it; older links' own such entries were checked when they were
 * verified themselves.
 */
static int
deep_later(struct deep *d, const struct rst_index_entry *ie)
{
	size_t k;

	if (d->k + 1 != d->c->n)
		return 0;
	for (k = 0; k + 1 < d->c->n; k++)
		if (strcmp(d->c->m[k]->snapshot, ie->in) == 0)
			return rst_entrymap_add(d->later, ie, d->err);
	return rst_errf(d->err, RST_EINTEGRITY, "%s: held by snapshot %s, "
	    "which is not an older link of the chain of %s", ie->path, ie->in,
	    d->c->m[d->c->n - 1]->snapshot);
}

/* A file an older link holds for the verified snapshot: the same one. */
static int
deep_found(struct deep *d, const struct rst_index_entry *ie)
{
	struct rst_entrymap_ent *fe;
	const char *link = d->c->m[d->k]->snapshot;

	if (d->k + 1 == d->c->n ||
	    (fe = rst_entrymap_find(d->later, ie->path)) == NULL ||
	    strcmp(fe->e.in, link) != 0)
		return 0;
	if (!rst_index_same_held(ie, &fe->e))
		return rst_errf(d->err, RST_EINTEGRITY, "%s: snapshot %s holds "
		    "another version than the index of %s names", ie->path,
		    link, d->c->m[d->c->n - 1]->snapshot);
	fe->done = true;
	return 0;
}

static int
deep_loop(struct deep *d, struct rst_stream *s, struct rst_indexreader *ir,
    const char *dir)
{
	struct rst_index_entry ie;
	struct archive_entry *ae;
	struct archive *a = rst_stream_archive(s);
	uint64_t shown = 0;
	int ar, more, r = 0;

	memset(&ie, 0, sizeof(ie));
	for (;;) {
		if ((more = rst_indexreader_next(ir, &ie, d->err)) < 0) {
			r = more;
			break;
		}
		if (more && ie.in[0] != '\0') {
			r = deep_later(d, &ie);
			rst_index_entry_release(&ie);
			if (r != 0)
				break;
			continue;
		}
		ar = archive_read_next_header(a, &ae);
		if (ar == ARCHIVE_EOF && more == 0)
			break;
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN) {
			r = ar == ARCHIVE_EOF ? rst_errf(d->err, RST_EINTEGRITY,
			    "%s: index lists %s, missing from the stream", dir,
			    ie.path) : rst_stream_error(s, d->err);
			break;
		}
		if (more == 0) {
			r = rst_errf(d->err, RST_EINTEGRITY, "%s: stream entry "
			    "%s is not in the index", dir,
			    archive_entry_pathname(ae));
			break;
		}
		if ((r = check_entry(a, ae, &ie, &d->res->files_checked,
		    d->err)) != 0 || (r = deep_found(d, &ie)) != 0)
			break;
		rst_index_entry_release(&ie);
		rst_progress_update(d->prog, rst_stream_bytes(s) - shown, 0);
		shown = rst_stream_bytes(s);
	}
	rst_index_entry_release(&ie);
	return r;
}

/*
 * The index of link k: the base's from the copy fetched for the links
 * patched against it, any other read (and verified) as it opens.
 */
static int
open_index(struct rst_storage *st, const struct rst_age_identities *ids,
    struct deep *d, struct rst_indexreader **ir)
{
	const struct rst_manifest *m = d->c->m[d->k];
	const char *dir = d->c->dir[d->k];

	if (d->k == 0 && d->have_base)
		return rst_indexreader_open_plain(&d->base, dir, m, ir,
		    d->err);
	return rst_indexreader_open_base(st, dir, m, ids, d->have_base ?
	    &d->base : NULL, ir, d->err);
}

/* One read of every object: listing, index, then the stream beside it. */
static int
verify_deep(struct rst_storage *st, const struct rst_age_identities *ids,
    struct deep *d)
{
	const struct rst_manifest *m = d->c->m[d->k];
	const char *dir = d->c->dir[d->k];
	struct rst_indexreader *ir = NULL;
	struct rst_stream *s = NULL;
	uint64_t before = d->res->files_checked;
	int r;

	/* The prefix of every patched index of the chain, fetched once. */
	if (m->index_patch_from && !d->have_base) {
		if ((r = rst_index_get_plain(NULL, st, d->c->dir[0],
		    d->c->m[0], d->c->sha[0], ids, &d->base, d->err)) != 0)
			return r;
		d->have_base = true;
	}
	if ((r = rst_verify_listing(st, dir, m, d->err)) != 0 ||
	    (m->deleted.name != NULL && (r = verify_object(st, dir,
	    &m->deleted, d->err)) != 0) ||
	    (r = open_index(st, ids, d, &ir)) != 0 ||
	    (r = rst_stream_open(st, dir, m, ids, &s, d->err)) != 0)
		goto out;
	r = deep_loop(d, s, ir, dir);
	if (r == 0)
		r = rst_stream_finish(s, d->err);
	d->res->parts_checked += rst_stream_parts_done(s);
	d->res->bytes_checked += rst_stream_bytes(s) + m->index.size +
	    m->deleted.size;
	if (r == 0)
		r = check_stream_size(dir, m, rst_stream_bytes(s), d->err);
	if (r == 0 && d->res->files_checked - before != m->stream_files)
		r = rst_errf(d->err, RST_EINTEGRITY, "%s: %llu files checked, "
		    "manifest says %llu", dir, (unsigned long long)
		    (d->res->files_checked - before),
		    (unsigned long long)m->stream_files);
 out:
	rst_stream_close(s);
	rst_indexreader_close(ir);
	return r;
}

/*
 * Every link of the chain, the verified snapshot first: parts, index and
 * deletions by hash; with deep, every stored file re-hashed and every file
 * the snapshot takes from an older link found there, the same.
 */
static int
verify_chain(struct rst_storage *st, const struct rst_chain *c,
    const struct rst_age_identities *ids, bool deep,
    struct rst_progress *prog, struct rst_verify_result *res,
    struct rst_err *err)
{
	struct rst_verify_result one;
	struct deep d = { c, 0, NULL, res, prog, err, RST_BUF_INIT, false };
	size_t k;
	int r = 0;

	if (deep && (d.later = rst_entrymap_new()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (k = c->n; r == 0 && k-- > 0;) {
		if (deep) {
			d.k = k;
			r = verify_deep(st, ids, &d);
			continue;
		}
		memset(&one, 0, sizeof(one));
		r = rst_verify_parts(st, c->dir[k], c->m[k], prog, &one, err);
		res->parts_checked += one.parts_checked;
		res->bytes_checked += one.bytes_checked;
	}
	if (r == 0 && deep)
		r = rst_entrymap_check_done(d.later,
		    c->m[c->n - 1]->snapshot, err);
	rst_entrymap_free(d.later);
	rst_buf_release(&d.base);
	return r;
}

int
rst_verify_run(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_age_identities *ids,
    bool deep, struct rst_progress *prog, struct rst_verify_result *res,
    struct rst_err *err)
{
	struct rst_chain *c = NULL;
	double t0 = rst_mono_seconds();
	size_t k;
	int r;

	memset(res, 0, sizeof(*res));
	if ((r = rst_chain_load(st, p->name, id, key, &c, err)) == 0) {
		prog->total_bytes = 0;
		for (k = 0; k < c->n; k++)
			prog->total_bytes += c->m[k]->stream_size;
		r = verify_chain(st, c, ids, deep, prog, res, err);
	}
	rst_progress_done(prog);
	res->seconds = rst_mono_seconds() - t0;
	rst_chain_free(c);
	return r;
}
