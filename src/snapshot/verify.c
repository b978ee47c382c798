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

#include "restorable/snapshot.h"

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
	if (strcmp(base, "manifest.json") == 0 ||
	    strcmp(base, "manifest.json.sig") == 0 ||
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

int
rst_verify_index(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_err *err)
{
	struct rst_partreader *pr;
	int r;

	if ((r = rst_partreader_open(st, dir, &m->index, 1, NULL, &pr,
	    err)) != 0)
		return r;
	r = rst_partreader_check(pr, NULL, err);
	rst_partreader_close(pr);
	return r;
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
		res->bytes_checked += m->index.size;
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

/* One read of every object: listing, index, then the stream beside it. */
static int
verify_deep(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    struct rst_progress *prog, struct rst_verify_result *res,
    struct rst_err *err)
{
	struct rst_indexreader *ir = NULL;
	struct rst_stream *s = NULL;
	struct rst_index_entry ie;
	struct archive_entry *ae;
	struct archive *a;
	uint64_t shown = 0;
	int ar, more, r;

	memset(&ie, 0, sizeof(ie));
	if ((r = rst_verify_listing(st, dir, m, err)) != 0 ||
	    (r = rst_indexreader_open(st, dir, m, ids, &ir, err)) != 0 ||
	    (r = rst_stream_open(st, dir, m, ids, &s, err)) != 0)
		goto out;
	a = rst_stream_archive(s);
	for (;;) {
		ar = archive_read_next_header(a, &ae);
		if ((more = rst_indexreader_next(ir, &ie, err)) < 0) {
			r = more;
			break;
		}
		if (ar == ARCHIVE_EOF && more == 0)
			break;
		if (ar != ARCHIVE_OK && ar != ARCHIVE_WARN) {
			r = ar == ARCHIVE_EOF ? rst_errf(err, RST_EINTEGRITY,
			    "%s: index lists %s, missing from the stream", dir,
			    ie.path) : rst_stream_error(s, err);
			break;
		}
		if (more == 0) {
			r = rst_errf(err, RST_EINTEGRITY, "%s: stream entry %s "
			    "is not in the index", dir,
			    archive_entry_pathname(ae));
			break;
		}
		if ((r = check_entry(a, ae, &ie, &res->files_checked, err)) != 0)
			break;
		rst_index_entry_release(&ie);
		rst_progress_update(prog, rst_stream_bytes(s) - shown, 0);
		shown = rst_stream_bytes(s);
	}
	if (r == 0)
		r = rst_stream_finish(s, err);
	res->parts_checked = rst_stream_parts_done(s);
	res->bytes_checked = rst_stream_bytes(s) + m->index.size;
	if (r == 0)
		r = check_stream_size(dir, m, rst_stream_bytes(s), err);
	if (r == 0 && res->files_checked != m->files)
		r = rst_errf(err, RST_EINTEGRITY, "%s: %llu files checked, "
		    "manifest says %llu", dir,
		    (unsigned long long)res->files_checked,
		    (unsigned long long)m->files);
 out:
	rst_index_entry_release(&ie);
	rst_stream_close(s);
	rst_indexreader_close(ir);
	return r;
}

int
rst_verify_run(struct rst_storage *st, const struct rst_profile *p,
    const char *id, EVP_PKEY *key, const struct rst_age_identities *ids,
    bool deep, struct rst_progress *prog, struct rst_verify_result *res,
    struct rst_err *err)
{
	struct rst_manifest *m = NULL;
	double t0 = rst_mono_seconds();
	char *dir;
	int r;

	memset(res, 0, sizeof(*res));
	if ((dir = rst_snapshot_dir(p->name, id)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_snapshot_load(st, p->name, id, key, &m, NULL, err)) == 0) {
		prog->total_bytes = m->stream_size;
		r = deep ? verify_deep(st, dir, m, ids, prog, res, err) :
		    rst_verify_parts(st, dir, m, prog, res, err);
	}
	rst_progress_done(prog);
	res->seconds = rst_mono_seconds() - t0;
	rst_manifest_free(m);
	free(dir);
	return r;
}
