/* SPDX-License-Identifier: ISC */
/*
 * Backup: one streaming pass.  The reading side (collect.c, its own
 * thread) walks each source path and hands over entries with their data
 * and hashes; this side writes them as pax into the zstd stage, which
 * feeds the part splitter (through age when encrypted), and the index
 * lines into their own zstd stage.  The manifest is written after all
 * parts and the index, the signature last: its presence commits the
 * snapshot.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/age.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "chain.h"
#include "collect.h"
#include "statcache.h"
#include "baseindex.h"
#include "passtag.h"

#define ZERO_LEN	(1u << 16)
static const unsigned char zeros[ZERO_LEN];

struct backup {
	const struct rst_profile *p;
	struct rst_storage	*st;
	struct rst_progress	*prog;
	const struct rst_clock	*clock;		/* the command's */
	char			*dir;		/* snapshots/P/ID */
	struct archive		*aw;
	struct rst_stage	*zs;		/* the archive's compressor */
	struct rst_stage	*split;
	struct rst_stage	*age;		/* stream encryption, or NULL */
	struct rst_stage	*head;		/* where the archive writes */
	struct rst_stage	*idx_obj;
	struct rst_stage	*idx_age;	/* index encryption, or NULL */
	struct rst_stage	*idx_zstd;
	struct rst_index_entry	 cur;		/* the entry being archived */
	struct stat		 cur_st;	/* ... its stat, for the cache */
	int64_t			 cur_read_s;
	bool			 cur_unchanged;	/* ... stored earlier */
	struct rst_buf		 line;
	struct rst_chain_choice	*ch;
	struct rst_stage	*del_obj;	/* deletions (incremental) */
	struct rst_stage	*del_age;
	struct rst_stage	*del_zstd;
	struct rst_buf		 cache;		/* the next stat cache's lines */
	struct rst_buf		 plain;		/* a full's index, to cache */
	struct rst_buf		 base;		/* the base's plain index */
	bool			 keep_plain;	/* a full of a chained profile */
	bool			 patch_from;	/* index against base */
	char			 rsha[RST_SHA256_HEX];	/* recipients */
	struct rst_err		*err;
	struct rst_backup_result *res;
};

/* libarchive's write callback: the pax stream into the compressor. */
static la_ssize_t
aw_write(struct archive *a, void *arg, const void *buf, size_t len)
{
	struct backup *b = arg;

	if (rst_stage_write(b->zs, buf, len, b->err) != 0) {
		archive_set_error(a, EIO, "%s", b->err->msg);
		return -1;
	}
	return (la_ssize_t)len;
}

static int
aw_open(struct backup *b)
{
	int n = b->p->zstd_threads;

	/*
	 * All cores: one worker per core for a local repository; one fewer
	 * (at least one) for a remote one, whose upload and its TLS or SSH
	 * encryption need a core of their own.
	 */
	if (n == 0) {
		n = rst_ncpu();
		if (!rst_storage_is_local(b->st) && n > 1)
			n--;
	}
	if ((b->zs = rst_stage_zstd_new(b->p->zstd_level, n, b->head)) == NULL ||
	    (b->aw = archive_write_new()) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	/*
	 * Unblocked: every byte libarchive produces reaches the compressor at
	 * once, so an entry's offset in the stream is known at its header.
	 */
	if (archive_write_set_format_pax(b->aw) != ARCHIVE_OK ||
	    archive_write_set_bytes_per_block(b->aw, 0) != ARCHIVE_OK ||
	    archive_write_set_bytes_in_last_block(b->aw, 1) != ARCHIVE_OK ||
	    archive_write_open2(b->aw, b, NULL, aw_write, NULL, NULL) !=
	    ARCHIVE_OK)
		return rst_errf(b->err, RST_EINTERNAL, "archive writer: %s",
		    archive_error_string(b->aw));
	return 0;
}

static int
index_add(struct backup *b, const struct rst_index_entry *e)
{
	int r;

	b->line.len = 0;
	if ((r = rst_index_format(e, &b->line, b->err)) != 0)
		return r;
	if (b->keep_plain && rst_buf_append(&b->plain, b->line.data,
	    b->line.len) != 0)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	return rst_stage_write(b->idx_zstd, b->line.data, b->line.len, b->err);
}

static int
feed(struct backup *b, const void *p, size_t n)
{
	la_ssize_t w;

	if ((w = archive_write_data(b->aw, p, n)) < 0 || (size_t)w != n) {
		if (b->err->code != 0)
			return b->err->code;
		return rst_errf(b->err, RST_EINTERNAL, "archive: %s",
		    archive_error_string(b->aw));
	}
	rst_progress_update(b->prog, n, 0);
	return 0;
}

static int
feed_zeros(struct backup *b, uint64_t n)
{
	size_t k;
	int r;

	while (n > 0) {
		k = n > ZERO_LEN ? ZERO_LEN : (size_t)n;
		if ((r = feed(b, zeros, k)) != 0)
			return r;
		n -= k;
	}
	return 0;
}

/*
 * The entry's place in the stream: the previous entry's padding goes out
 * first, then the compressor says which frame the header starts (a new
 * one every RST_ZSTD_FRAME_SIZE bytes or so) and where in it.
 */
static int
mark_entry(struct backup *b)
{
	struct rst_index_entry *ie = &b->cur;

	if (archive_write_finish_entry(b->aw) != ARCHIVE_OK) {
		if (b->err->code != 0)
			return b->err->code;
		return rst_errf(b->err, RST_EINTERNAL, "archive: %s",
		    archive_error_string(b->aw));
	}
	ie->has_zpos = true;
	return rst_stage_zstd_mark(b->zs, RST_ZSTD_FRAME_SIZE, &ie->zframe,
	    &ie->zoff, b->err);
}

static int
write_header(struct backup *b, struct archive_entry *e)
{
	int ar;

	if ((ar = mark_entry(b)) != 0)
		return ar;
	if ((ar = archive_write_header(b->aw, e)) == ARCHIVE_OK ||
	    ar == ARCHIVE_WARN)
		return 0;
	if (b->err->code != 0)
		return b->err->code;
	return rst_errf(b->err, RST_EINTERNAL, "%s: archive: %s",
	    archive_entry_pathname(e), archive_error_string(b->aw));
}

/*
 * Start an entry: its index fields (taken before the pax writer appends
 * "/" to directory names), then its header.
 */
static int
entry_start(struct backup *b, struct archive_entry *e, bool stored)
{
	struct rst_index_entry *ie = &b->cur;
	size_t len;

	free(ie->path);
	memset(ie, 0, sizeof(*ie));
	if ((ie->path = strdup(archive_entry_pathname(e))) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	len = strlen(ie->path);
	while (len > 1 && ie->path[len - 1] == '/')
		ie->path[--len] = '\0';
	ie->mode = (unsigned)archive_entry_perm(e);
	ie->mtime_sec = archive_entry_mtime(e);
	ie->mtime_nsec = archive_entry_mtime_nsec(e);
	ie->size = (uint64_t)archive_entry_size(e);
	if (archive_entry_uid(e) >= 0 && archive_entry_uid(e) <= UINT32_MAX &&
	    archive_entry_gid(e) >= 0 && archive_entry_gid(e) <= UINT32_MAX) {
		ie->has_owner = true;
		ie->uid = (uint32_t)archive_entry_uid(e);
		ie->gid = (uint32_t)archive_entry_gid(e);
	}
	if (archive_entry_hardlink(e) != NULL) {
		ie->type = RST_ENTRY_HARDLINK;
		ie->target = (char *)archive_entry_hardlink(e);
	} else if (archive_entry_filetype(e) == AE_IFDIR) {
		ie->type = RST_ENTRY_DIR;
		b->res->dirs++;
	} else if (archive_entry_filetype(e) == AE_IFLNK) {
		ie->type = RST_ENTRY_SYMLINK;
		ie->target = (char *)archive_entry_symlink(e);
	} else
		ie->type = RST_ENTRY_FILE;
	if (ie->type != RST_ENTRY_FILE)
		ie->size = 0;
	return stored ? write_header(b, e) : 0;
}

/*
 * The entry's line of the next stat cache.  A file read while its times
 * were within RST_STATCACHE_RACY_S of the read, or that changed while it
 * was read, is marked to be read again: an edit in the same clock tick
 * as the read would otherwise go unseen.
 */
static int
cache_add(struct backup *b, bool changed)
{
	const struct rst_index_entry *ie = &b->cur;
	struct rst_cache_ent ce;
	int64_t t = b->cur_read_s;

	memset(&ce, 0, sizeof(ce));
	ce.path = ie->path;
	ce.type = ie->type;
	if (ie->type == RST_ENTRY_FILE) {
		ce.size = ie->size;
		ce.mtime_s = b->cur_st.st_mtim.tv_sec;
		ce.mtime_ns = b->cur_st.st_mtim.tv_nsec;
		ce.ctime_s = b->cur_st.st_ctim.tv_sec;
		ce.ctime_ns = b->cur_st.st_ctim.tv_nsec;
		ce.ino = (uint64_t)b->cur_st.st_ino;
		ce.nlink = (uint64_t)b->cur_st.st_nlink;
		ce.mode = (unsigned)b->cur_st.st_mode;
		memcpy(ce.sha256, ie->sha256, sizeof(ce.sha256));
		memcpy(ce.in, ie->in[0] != '\0' ? ie->in : b->res->id,
		    sizeof(ce.in));
		ce.reread = changed || ie->stale ||
		    ce.size != (uint64_t)b->cur_st.st_size ||
		    llabs(ce.mtime_s - t) < RST_STATCACHE_RACY_S ||
		    llabs(ce.ctime_s - t) < RST_STATCACHE_RACY_S;
	}
	return rst_statcache_line(&b->cache, &ce, b->err);
}

/* One item from the reading side into the archive and the index. */
static int
consume(struct backup *b, struct rst_collect_item *it)
{
	struct rst_index_entry *ie = &b->cur;
	int r;

	if (it->e != NULL) {
		b->cur_st = it->st;
		b->cur_read_s = it->read_s;
		b->cur_unchanged = it->unchanged;
		if ((r = entry_start(b, it->e, !it->unchanged)) != 0)
			return r;
		if (it->unchanged)
			memcpy(ie->in, it->in, sizeof(ie->in));
		ie->stale = it->stale;
	}
	if ((it->len > 0 && (r = feed(b, it->data, it->len)) != 0) ||
	    (r = feed_zeros(b, it->zeros)) != 0)
		return r;
	if (!it->last)
		return 0;
	if (ie->type == RST_ENTRY_FILE) {
		memcpy(ie->sha256, it->sha256, sizeof(ie->sha256));
		ie->changed = it->changed;
		b->res->files++;
		b->res->bytes += ie->size;
		if (!b->cur_unchanged) {
			b->res->stream_files++;
			b->res->stream_bytes += ie->size;
		}
		rst_progress_update(b->prog, 0, 1);
	}
	/* The targets point into the entry, which goes with the item. */
	if ((r = index_add(b, ie)) == 0 && b->p->incremental)
		r = cache_add(b, it->changed);
	ie->target = NULL;
	return r;
}

static int
archive_all(struct backup *b)
{
	struct rst_collect *c;
	struct rst_collect_item *it;
	int r, rr;

	if ((r = rst_collect_start(&c, b->p, b->ch->cache, b->res,
	    b->err)) != 0) {
		(void)rst_collect_finish(c, true, b->err);
		return r;
	}
	while ((it = rst_collect_next(c)) != NULL) {
		r = consume(b, it);
		rst_collect_done(c, it);
		if (r != 0)
			break;
	}
	rr = rst_collect_finish(c, r != 0, b->err);
	free(b->cur.path);
	b->cur.path = NULL;
	return r != 0 ? r : rr;
}

/*
 * An incremental's deletions: every path of the parent's index the walk
 * did not meet with the same type (gone, excluded, unreadable, or of
 * another type now), NUL-terminated, in the parent's order.
 */
static int
write_deleted(struct backup *b)
{
	struct rst_statcache *c = b->ch->cache;
	struct rst_cache_ent *ce;
	size_t i;
	int r;

	for (i = 0; i < rst_statcache_count(c); i++) {
		ce = rst_statcache_at(c, i);
		if (ce->seen)
			continue;
		if ((r = rst_stage_write(b->del_zstd, ce->path,
		    strlen(ce->path) + 1, b->err)) != 0)
			return r;
		b->res->deleted++;
	}
	return 0;
}

/* Encryption stages in front of the splitter and the index object. */
static int
pipeline_encrypt(struct backup *b)
{
	struct rst_age_recipients *rs = NULL;
	int r;

	if ((r = rst_profile_recipients(b->p, &rs, b->err)) != 0)
		return r;
	if ((b->age = rst_stage_age_new(rs, b->split, b->err)) != NULL)
		b->idx_age = rst_stage_age_new(rs, b->idx_obj, b->err);
	if (b->idx_age != NULL && b->del_obj != NULL)
		b->del_age = rst_stage_age_new(rs, b->del_obj, b->err);
	rst_age_recipients_free(rs);
	if (b->age == NULL || b->idx_age == NULL ||
	    (b->del_obj != NULL && b->del_age == NULL))
		return b->err->code ? b->err->code :
		    rst_errf(b->err, RST_ENOMEM, "out of memory");
	b->head = b->age;
	return 0;
}

/*
 * An incremental's index is compressed against the base's plain index
 * from the base index cache, or stands alone without it; a full of a
 * profile that makes chains keeps its plain index for that cache.
 */
static int
index_base(struct backup *b)
{
	struct rst_err e = RST_ERR_INIT;
	int r;

	b->keep_plain = b->p->incremental && !b->ch->incremental;
	if (!b->ch->incremental)
		return 0;
	/* Each unchanged file's line is then the prefix's (base-in). */
	r = rst_baseindex_load_in(b->p, b->ch->base_id, b->ch->base_sha256,
	    &b->base, &e);
	if (r == RST_ENOMEM)
		return rst_errf(b->err, r, "%s", e.msg);
	if (r != 0) {
		rst_log_info("index stored whole: %s", r == RST_ENOTFOUND ?
		    "no base index cache" : e.msg);
		return 0;
	}
	b->patch_from = true;
	return rst_stage_zstd_prefix(b->idx_zstd, b->base.data, b->base.len,
	    b->err);
}

static int
pipeline_open(struct backup *b)
{
	bool enc = b->p->encrypted;
	int r;

	b->split = rst_stage_split_new(b->st, b->dir, enc ?
	    RST_PART_BASE ".age" : RST_PART_BASE, b->p->part_size);
	b->idx_obj = rst_stage_object_new(b->st, b->dir, enc ?
	    RST_INDEX_NAME ".age" : RST_INDEX_NAME);
	if (b->split == NULL || b->idx_obj == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	if (b->ch->incremental && (b->del_obj = rst_stage_object_new(b->st,
	    b->dir, enc ? RST_DELETED_NAME ".age" : RST_DELETED_NAME)) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	b->head = b->split;
	if (enc && (r = pipeline_encrypt(b)) != 0)
		return r;
	if (b->del_obj != NULL && (b->del_zstd = rst_stage_zstd_new(
	    b->p->zstd_level, 0, enc ? b->del_age : b->del_obj)) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	if ((b->idx_zstd = rst_stage_zstd_new(b->p->zstd_level, 0, enc ? b->idx_age :
	    b->idx_obj)) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	if ((r = index_base(b)) != 0)
		return r;
	return aw_open(b);
}

static int
pipeline_close(struct backup *b)
{
	int r;

	if (archive_write_close(b->aw) != ARCHIVE_OK) {
		if (b->err->code != 0)
			return b->err->code;
		return rst_errf(b->err, RST_EINTERNAL, "archive: %s",
		    archive_error_string(b->aw));
	}
	/* Head to tail: each finish flushes into the next stage. */
	if ((r = rst_stage_finish(b->zs, b->err)) != 0 ||
	    (b->age != NULL && (r = rst_stage_finish(b->age, b->err)) != 0) ||
	    (r = rst_stage_finish(b->split, b->err)) != 0 ||
	    (r = rst_stage_finish(b->idx_zstd, b->err)) != 0 ||
	    (b->idx_age != NULL &&
	    (r = rst_stage_finish(b->idx_age, b->err)) != 0) ||
	    (r = rst_stage_finish(b->idx_obj, b->err)) != 0)
		return r;
	if (b->del_obj != NULL &&
	    ((r = rst_stage_finish(b->del_zstd, b->err)) != 0 ||
	    (b->del_age != NULL &&
	    (r = rst_stage_finish(b->del_age, b->err)) != 0) ||
	    (r = rst_stage_finish(b->del_obj, b->err)) != 0))
		return r;
	return 0;
}

static void
pipeline_free(struct backup *b)
{
	if (b->aw != NULL)
		archive_write_free(b->aw);
	rst_stage_free(b->zs);
	rst_stage_free(b->age);
	rst_stage_free(b->split);
	rst_stage_free(b->idx_zstd);
	rst_stage_free(b->idx_age);
	rst_stage_free(b->idx_obj);
	rst_stage_free(b->del_zstd);
	rst_stage_free(b->del_age);
	rst_stage_free(b->del_obj);
	rst_buf_release(&b->line);
}

static char *
host_name(void)
{
	char h[256];

	if (gethostname(h, sizeof(h)) != 0)
		return strdup("unknown");
	h[sizeof(h) - 1] = '\0';
	return strdup(h);
}

/* The manifest's own copies of the parts, the index and deletions. */
static int
copy_objects(struct backup *b, struct rst_manifest *m)
{
	const struct rst_part *parts;
	const char *sha;
	size_t i, n;

	parts = rst_stage_split_parts(b->split, &n, &m->stream_size, &sha);
	memcpy(m->stream_sha256, sha, RST_SHA256_HEX);
	if (n > 0 && (m->parts = calloc(n, sizeof(*m->parts))) == NULL)
		return -1;
	for (i = 0; i < n; i++, m->nparts++)
		if (rst_part_copy(&m->parts[i], &parts[i]) != 0)
			return -1;
	if (rst_part_copy(&m->index, rst_stage_object_result(b->idx_obj)) !=
	    0)
		return -1;
	m->index_patch_from = b->patch_from;
	m->index_patch_in = b->patch_from;
	if (b->ch->incremental && rst_part_copy(&m->deleted,
	    rst_stage_object_result(b->del_obj)) != 0)
		return -1;
	return 0;
}

/* The manifest's own strings: names, times, the tool, the sources. */
static int
copy_strings(struct backup *b, struct rst_manifest *m)
{
	char st[40], fin[40];
	size_t i;

	rst_format_rfc3339(rst_snapshot_id_time(b->res->id), 0, st, sizeof(st));
	rst_format_rfc3339(rst_clock_now(b->clock), 0, fin, sizeof(fin));
	if ((m->profile = strdup(b->p->name)) == NULL ||
	    (m->snapshot = strdup(b->res->id)) == NULL ||
	    (m->host = host_name()) == NULL ||
	    (m->started = strdup(st)) == NULL ||
	    (m->finished = strdup(fin)) == NULL ||
	    (m->tool = strdup("restorable " PACKAGE_VERSION)) == NULL ||
	    (m->compression = strdup("zstd")) == NULL ||
	    (m->encryption = strdup(b->p->encrypted ? "age" : "none")) == NULL)
		return -1;
	for (i = 0; i < b->p->paths.n; i++)
		if (rst_strlist_add(&m->sources, b->p->paths.v[i]) != 0)
			return -1;
	return 0;
}

/* m (zeroed) gets this backup's manifest, every field its own. */
static int
fill_manifest(struct backup *b, struct rst_manifest *m, EVP_PKEY *key)
{
	if (copy_objects(b, m) != 0 || copy_strings(b, m) != 0)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	m->files = b->res->files;
	m->dirs = b->res->dirs;
	m->bytes = b->res->bytes;
	m->unreadable = b->res->unreadable;
	m->changed = b->res->changed;
	m->vanished = b->res->vanished;
	m->incomplete = b->res->unreadable > 0;
	m->stream_files = b->res->stream_files;
	m->stream_bytes = b->res->stream_bytes;
	memcpy(m->recipients_sha256, b->rsha, sizeof(m->recipients_sha256));
	if (b->ch->incremental) {
		m->incremental = true;
		memcpy(m->parent_id, b->ch->parent_id, sizeof(m->parent_id));
		memcpy(m->parent_sha256, b->ch->parent_sha256,
		    sizeof(m->parent_sha256));
		memcpy(m->base_id, b->ch->base_id, sizeof(m->base_id));
		memcpy(m->base_sha256, b->ch->base_sha256,
		    sizeof(m->base_sha256));
		m->deleted_count = b->res->deleted;
	}
	return rst_key_fingerprint(key, m->signing_key, b->err);
}

static int
commit(struct backup *b, EVP_PKEY *key)
{
	struct rst_manifest m;
	unsigned char sig[RST_ED25519_SIGLEN];
	char *text = NULL, *name = NULL;
	size_t len, i;
	int r;

	memset(&m, 0, sizeof(m));
	if ((r = fill_manifest(b, &m, key)) != 0 ||
	    (r = rst_manifest_format(&m, &text, &len, b->err)) != 0 ||
	    (r = rst_sha256_hex(text, len, b->res->manifest_sha256,
	    b->err)) != 0 ||
	    (r = rst_sign(key, text, len, sig, b->err)) != 0)
		goto out;
	if ((name = rst_path_join(b->dir, RST_MANIFEST_NAME)) == NULL) {
		r = rst_errf(b->err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_storage_put_buf(b->st, name, text, len, b->err)) != 0)
		goto out;
	free(name);
	if ((name = rst_path_join(b->dir, RST_MANIFEST_SIG)) == NULL) {
		r = rst_errf(b->err, RST_ENOMEM, "out of memory");
		goto out;
	}
	r = rst_storage_put_buf(b->st, name, sig, sizeof(sig), b->err);
	b->res->nparts = m.nparts;
	b->res->incomplete = m.incomplete;
	for (i = 0; i < m.nparts; i++)
		b->res->stored += m.parts[i].size;
	b->res->stored += m.index.size + m.deleted.size;
 out:
	rst_manifest_release(&m);
	free(text);
	free(name);
	return r;
}

static int
delete_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct rst_err tmp = RST_ERR_INIT;

	(void)info;
	if (rst_storage_del(arg, name, &tmp) != 0)
		rst_log_warn("%s", tmp.msg);
	return 0;
}

/* Best effort: remove what a failed backup left (never committed). */
static void
discard(struct backup *b)
{
	struct rst_err tmp = RST_ERR_INIT;

	if (rst_storage_list(b->st, b->dir, true, delete_cb, b->st, &tmp) != 0)
		rst_log_warn("%s", tmp.msg);
	else if (rst_storage_rmdir(b->st, b->dir, &tmp) != 0)
		rst_log_info("%s", tmp.msg);
}

/* Full or incremental: the choice, told in the log and the result. */
static int
choose(struct backup *b, EVP_PKEY *key, bool full)
{
	struct rst_backup_result *res = b->res;
	int r;

	if ((r = rst_chain_recipients_sha256(b->p, b->rsha, b->err)) != 0 ||
	    (r = rst_chain_choose(b->p, b->st, key, full,
	    rst_snapshot_id_time(res->id), b->rsha, b->ch, b->err)) != 0)
		return r;
	res->incremental = b->ch->incremental;
	res->depth = b->ch->depth;
	memcpy(res->parent, b->ch->parent_id, sizeof(res->parent));
	res->full_reason = b->ch->reason;
	snprintf(res->full_detail, sizeof(res->full_detail), "%s",
	    b->ch->detail);
	if (b->ch->reason != NULL)
		rst_log_info("full backup (%s): %s", b->ch->reason,
		    b->ch->detail);
	return 0;
}

static int
retain_one(struct backup *b, const char *dir, const char *name)
{
	char *path = rst_path_join(dir, name);
	int r;

	if (path == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	r = rst_storage_retain(b->st, path, b->err);
	free(path);
	return r;
}

/*
 * With Object Lock, an incremental extends the retention of every object
 * of the chain it depends on to its own (DESIGN.md decision 15): no link
 * may become deletable before the snapshots that need it.
 */
static int
retain_chain(struct backup *b)
{
	const struct rst_chain *c = b->ch->chain;
	const struct rst_manifest *m;
	size_t k, i;
	int r = 0;

	for (k = 0; r == 0 && c != NULL && k < c->n; k++) {
		m = c->m[k];
		for (i = 0; r == 0 && i < m->nparts; i++)
			r = retain_one(b, c->dir[k], m->parts[i].name);
		if (r == 0 && (r = retain_one(b, c->dir[k], m->index.name)) == 0 &&
		    (m->deleted.name == NULL ||
		    (r = retain_one(b, c->dir[k], m->deleted.name)) == 0) &&
		    (r = retain_one(b, c->dir[k], RST_MANIFEST_NAME)) == 0)
			r = retain_one(b, c->dir[k], RST_MANIFEST_SIG);
	}
	if (r != 0)
		rst_err_prefix(b->err, "snapshot %s committed, but the Object "
		    "Lock retention of its chain was not extended",
		    b->res->id);
	return r;
}

/* The next backup's stat cache; without it the next one is a full. */
static void
save_cache(struct backup *b)
{
	struct rst_err e = RST_ERR_INIT, eb = RST_ERR_INIT, ep = RST_ERR_INIT;
	char *path;

	if ((path = rst_statcache_path(b->p)) == NULL)
		return;
	if (rst_statcache_save(path, b->p->name, b->res->id,
	    b->res->manifest_sha256, &b->cache, &e) != 0)
		rst_log_warn("%s (the next backup will be a full)", e.msg);
	free(path);
	if (b->keep_plain && rst_baseindex_save(b->p, b->res->id,
	    b->res->manifest_sha256, &b->plain, &eb) != 0)
		rst_log_warn("%s (the next incrementals store their index "
		    "whole)", eb.msg);
	if (rst_passtag_needed(b->p) &&
	    rst_passtag_save(b->p, b->res->manifest_sha256, &ep) != 0)
		rst_log_warn("%s (the next backup will be a full)", ep.msg);
}

static int
backup_body(struct backup *b, EVP_PKEY *key, bool full)
{
	int r;

	if ((r = rst_repo_prepare(b->st, b->p->name, key, b->err)) != 0 ||
	    (r = rst_snapshot_new_id(b->st, b->p->name, key, b->clock,
	    b->res->id, b->err)) != 0 || (r = choose(b, key, full)) != 0)
		return r;
	if ((b->dir = rst_repo_snapshot_dir(b->p->name, b->res->id)) == NULL)
		return rst_errf(b->err, RST_ENOMEM, "out of memory");
	if ((r = pipeline_open(b)) != 0 || (r = archive_all(b)) != 0 ||
	    (b->del_obj != NULL && (r = write_deleted(b)) != 0) ||
	    (r = pipeline_close(b)) != 0 ||
	    (r = commit(b, key)) != 0) {
		pipeline_free(b);
		discard(b);
		return r;
	}
	pipeline_free(b);
	if (b->p->incremental)
		save_cache(b);
	return b->ch->incremental && b->p->repo.object_lock_days > 0 ?
	    retain_chain(b) : 0;
}

int
rst_backup_run(const struct rst_profile *p, struct rst_storage *st,
    EVP_PKEY *key, const struct rst_backup_opts *o, struct rst_progress *prog,
    struct rst_backup_result *res, struct rst_err *err)
{
	struct rst_chain_choice ch;
	struct rst_err perr = RST_ERR_INIT;
	struct backup b;
	double t0 = rst_mono_seconds();
	int r;

	memset(res, 0, sizeof(*res));
	memset(&b, 0, sizeof(b));
	memset(&ch, 0, sizeof(ch));
	b.p = p;
	b.st = st;
	b.prog = prog;
	b.clock = &o->clock;
	b.err = err;
	b.res = res;
	if (p->pre_backup != NULL && (r = rst_hook_run(p, "pre_backup hook",
	    p->pre_backup, p->hook_timeout_ms, err)) != 0) {
		rst_err_prefix(err, "backup aborted, nothing committed");
		return r;
	}
	b.ch = &ch;
	r = backup_body(&b, key, o->full);
	rst_chain_choice_release(&ch);
	rst_buf_release(&b.cache);
	rst_buf_release(&b.plain);
	rst_buf_release(&b.base);
	free(b.dir);
	rst_progress_done(prog);
	res->seconds = rst_mono_seconds() - t0;
	if (p->post_backup != NULL && rst_hook_run(p, "post_backup hook",
	    p->post_backup, p->hook_timeout_ms, &perr) != 0) {
		rst_log_warn("%s", perr.msg);
		if (r == 0)
			r = rst_errf(err, RST_ECHECK, "%s", perr.msg);
	}
	if (r == 0 && res->unreadable > 0 && !p->unreadable_warn)
		r = rst_errf(err, RST_ECHECK, "snapshot %s committed but "
		    "incomplete: %llu unreadable entries (on_unreadable = "
		    "\"error\")", res->id, (unsigned long long)res->unreadable);
	return r;
}
