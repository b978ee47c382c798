/* SPDX-License-Identifier: ISC */
/*
 * The backup's reading side, on its own thread.  Per entry: the walker
 * hands over an open descriptor; libarchive reads the metadata from it
 * (owner names, ACLs, extended attributes, file flags); hardlinks are
 * linked here, so only first links are read; file data is read with
 * pread, hashed, and queued in chunks.  The queue holds at most
 * QUEUE_BYTES of data and QUEUE_ITEMS items, and the consumer takes all
 * of it at once (one wake-up per batch, not per file) and hands the
 * items it is done with back, to be freed by the thread that allocated
 * them (no malloc arena contention).  Memory stays bounded whatever the
 * tree; system calls and hashing run beside the archiving thread and the
 * compression workers.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>

#include "restorable/log.h"
#include "restorable/walk.h"
#include "collect.h"

#define CHUNK		(128u << 10)	/* data per item */
#define QUEUE_BYTES	(1u << 20)
#define QUEUE_ITEMS	1024
#define BATCH_BYTES	(256u << 10)	/* wake the consumer for this much */
#define BATCH_ITEMS	128
#define SPARSE_MAX	65536		/* data regions in a sparse map */
#define ZERO_LEN	(1u << 16)

static const unsigned char zeros[ZERO_LEN];

struct rst_collect {
	const struct rst_profile *p;
	struct rst_statcache	*cache;		/* incremental, or NULL */
	struct rst_strset	 kept;		/* unchanged first hard links */
	int			 pending;	/* an error of walk_error() */
	struct rst_backup_result *res;
	struct archive		*disk;		/* metadata reader */
	struct archive		*bare;		/* the same, for no xattrs */
	struct archive_entry_linkresolver *links;
	struct rst_sha256	 hash;
	struct rst_err		 err;		/* the reading side's own */
	struct rst_collect_item	*cur;		/* being filled */

	pthread_t		 thread;
	bool			 started;
	pthread_mutex_t		 lock;
	pthread_cond_t		 more;		/* an item, or done */
	pthread_cond_t		 room;		/* space, or abandoned */
	struct rst_collect_item	*head, *tail;
	size_t			 bytes, count;
	bool			 done, abandon;
	bool			 want_more, want_room;	/* a side waits */
	int			 rc;
	struct rst_collect_item	*taken;		/* the consumer's batch */
	struct rst_collect_item	*used;		/* ... and what it is done with */
	struct rst_collect_item	*recycle;	/* handed back to be freed */
};

static void
item_free(struct rst_collect_item *it)
{
	if (it == NULL)
		return;
	if (it->e != NULL)
		archive_entry_free(it->e);
	free(it->data);
	free(it);
}

static void
free_list(struct rst_collect_item *it)
{
	struct rst_collect_item *next;

	for (; it != NULL; it = next) {
		next = it->next;
		item_free(it);
	}
}

/* Queue C->cur (waiting for room) and start an empty one. */
static int
flush(struct rst_collect *c)
{
	struct rst_collect_item *it = c->cur, *old;

	c->cur = NULL;
	pthread_mutex_lock(&c->lock);
	while (!c->abandon && c->count > 0 && (c->count >= QUEUE_ITEMS ||
	    c->bytes + it->len > QUEUE_BYTES)) {
		c->want_room = true;
		if (c->want_more)	/* full is always a batch: never both wait */
			pthread_cond_signal(&c->more);
		pthread_cond_wait(&c->room, &c->lock);
	}
	c->want_room = false;
	if (c->abandon) {
		pthread_mutex_unlock(&c->lock);
		item_free(it);
		return rst_errf(&c->err, RST_EINTERNAL, "backup abandoned");
	}
	if (c->tail != NULL)
		c->tail->next = it;
	else
		c->head = it;
	c->tail = it;
	c->bytes += it->len;
	c->count++;
	if (c->want_more && (c->count >= BATCH_ITEMS ||
	    c->bytes >= BATCH_BYTES))
		pthread_cond_signal(&c->more);
	old = c->recycle;
	c->recycle = NULL;
	pthread_mutex_unlock(&c->lock);
	free_list(old);
	if ((c->cur = calloc(1, sizeof(*c->cur))) == NULL)
		return rst_errf(&c->err, RST_ENOMEM, "out of memory");
	return 0;
}

static int
add_zeros(struct rst_collect *c, uint64_t n)
{
	uint64_t left = n;
	size_t k;
	int r;

	if (n == 0)
		return 0;
	if ((c->cur->len > 0 || c->cur->zeros > 0) && (r = flush(c)) != 0)
		return r;
	for (; left > 0; left -= k) {
		k = left > ZERO_LEN ? ZERO_LEN : (size_t)left;
		if ((r = rst_sha256_update(&c->hash, zeros, k, &c->err)) != 0)
			return r;
	}
	c->cur->zeros = n;
	return 0;
}

/* Queue LEN bytes of FD at OFF; a short read pads with zeros (*changed). */
static int
add_range(struct rst_collect *c, int fd, const char *src, off_t off,
    uint64_t len, bool *changed)
{
	size_t want;
	ssize_t n;
	int r;

	while (len > 0) {
		want = len > CHUNK ? CHUNK : (size_t)len;
		if ((c->cur->len > 0 || c->cur->zeros > 0) &&
		    (r = flush(c)) != 0)
			return r;
		if ((c->cur->data = malloc(want)) == NULL)
			return rst_errf(&c->err, RST_ENOMEM, "out of memory");
		do
			n = pread(fd, c->cur->data, want, off);
		while (n == -1 && errno == EINTR);
		if (n <= 0) {
			if (n == -1)
				rst_log_warn("%s: read failed: %s", src,
				    strerror(errno));
			free(c->cur->data);
			c->cur->data = NULL;
			*changed = true;
			return add_zeros(c, len);
		}
		if ((r = rst_sha256_update(&c->hash, c->cur->data, (size_t)n,
		    &c->err)) != 0)
			return r;
		c->cur->len = (size_t)n;
		off += n;
		len -= (uint64_t)n;
	}
	return 0;
}

/*
 * The data regions of a file with holes (fewer blocks allocated than its
 * size says), as a sparse map on the entry: the pax writer then stores
 * the data only, and the holes come back as holes on restore.  A file
 * without holes, or one the file system cannot describe, gets no map.
 */
static void
sparse_map(struct archive_entry *e, int fd, const struct stat *st)
{
	off_t size = st->st_size, data, hole = 0;
	size_t n = 0;

	if (size <= 0 || (off_t)st->st_blocks * 512 >= size)
		return;
	for (data = 0; data < size; data = hole) {
		if ((data = lseek(fd, data, SEEK_DATA)) == -1)
			break;		/* ENXIO: only a hole is left */
		if ((hole = lseek(fd, data, SEEK_HOLE)) == -1 || hole <= data)
			hole = size;
		if (hole > size)
			hole = size;
		if (++n > SPARSE_MAX) {	/* not worth a map: store zeros */
			archive_entry_sparse_clear(e);
			return;
		}
		archive_entry_sparse_add_entry(e, data, hole - data);
	}
	if (n == 0)
		archive_entry_sparse_add_entry(e, 0, 0);
	else if (n == 1 && data == 0 && hole == size)
		archive_entry_sparse_clear(e);
}

/* Did the file move under us while it was read?  Asked of the descriptor. */
static bool
moved(int fd, const struct stat *before)
{
	struct stat sb;

	if (fstat(fd, &sb) == -1)
		return true;
	return sb.st_nlink == 0 || sb.st_size != before->st_size ||
	    sb.st_mtim.tv_sec != before->st_mtim.tv_sec ||
	    sb.st_mtim.tv_nsec != before->st_mtim.tv_nsec ||
	    sb.st_ctim.tv_sec != before->st_ctim.tv_sec ||
	    sb.st_ctim.tv_nsec != before->st_ctim.tv_nsec;
}

/* A regular file's data, following its sparse map when it has one. */
static int
add_data(struct rst_collect *c, struct archive_entry *e,
    const struct rst_walk_ent *w)
{
	uint64_t size = (uint64_t)archive_entry_size(e), pos = 0;
	la_int64_t off, len;
	bool changed = false;
	int r;

	if (archive_entry_sparse_reset(e) == 0)
		r = add_range(c, w->fd, w->path, 0, size, &changed);
	else {
		r = 0;
		while (r == 0 &&
		    archive_entry_sparse_next(e, &off, &len) == ARCHIVE_OK) {
			if ((uint64_t)off < pos || (uint64_t)off > size ||
			    (uint64_t)len > size - (uint64_t)off)
				break;
			if ((r = add_zeros(c, (uint64_t)off - pos)) == 0)
				r = add_range(c, w->fd, w->path, off,
				    (uint64_t)len, &changed);
			pos = (uint64_t)(off + len);
		}
		if (r == 0)
			r = add_zeros(c, size - pos);
	}
	if (r != 0)
		return r;
	if (!changed)
		changed = moved(w->fd, &w->st);
	if (changed) {
		rst_log_warn("%s: file changed while it was read", w->path);
		c->res->changed++;
	}
	c->cur->changed = changed;
	return rst_sha256_final(&c->hash, NULL, c->cur->sha256, &c->err);
}

/* A file's content hashed into hex (rehash); false when unreadable. */
static bool
hash_file(struct rst_collect *c, int fd, uint64_t size, char *hex)
{
	unsigned char *buf = malloc(CHUNK);
	uint64_t off = 0;
	ssize_t n = 0;
	bool ok = buf != NULL;

	while (ok && off < size) {
		do
			n = pread(fd, buf, CHUNK, (off_t)off);
		while (n == -1 && errno == EINTR);
		if (n <= 0 || rst_sha256_update(&c->hash, buf, (size_t)n,
		    &c->err) != 0)
			ok = false;
		off += n > 0 ? (uint64_t)n : 0;
	}
	free(buf);
	if (rst_sha256_final(&c->hash, NULL, hex, &c->err) != 0)
		return false;
	return ok;
}

/*
 * A later link of a hard-link group whose first link the cache vouched
 * for: stored where that one is.  Its own cache entry must be a link too.
 */
static int
cached_link(struct rst_collect *c, struct archive_entry *e)
{
	const char *first = archive_entry_hardlink(e);
	struct rst_cache_ent *fe;

	if (rst_strset_get(&c->kept, first) == 0 ||
	    (fe = rst_statcache_find(c->cache, first)) == NULL)
		return 0;
	c->cur->unchanged = true;
	memcpy(c->cur->in, fe->in, sizeof(c->cur->in));
	return 1;
}

/*
 * Incremental: mark the cache entry of this path seen when it has the
 * same type, and take a regular file as unchanged when its stat matches
 * the cache (and, with rehash, its content too) and the cache did not ask
 * for it to be read again.  A file with several links is compared with
 * its ctime whatever the profile ignores (adding, removing or renaming a
 * link changes it), and its group's later links follow it.  1 when
 * unchanged.
 */
static int
cached(struct rst_collect *c, struct archive_entry *e,
    const struct rst_walk_ent *w)
{
	struct rst_cache_ent *ce;
	enum rst_entry_type t;
	char hex[RST_SHA256_HEX];
	bool multi = w->st.st_nlink > 1;

	ce = rst_statcache_find(c->cache, archive_entry_pathname(e));
	t = archive_entry_hardlink(e) != NULL ? RST_ENTRY_HARDLINK :
	    S_ISDIR(w->st.st_mode) ? RST_ENTRY_DIR : S_ISLNK(w->st.st_mode) ?
	    RST_ENTRY_SYMLINK : RST_ENTRY_FILE;
	if (ce == NULL || ce->type != t)
		return 0;
	ce->seen = true;
	if (t == RST_ENTRY_HARDLINK)
		return cached_link(c, e);
	if (t != RST_ENTRY_FILE || ce->nlink != (uint64_t)w->st.st_nlink ||
	    !rst_statcache_same(ce, &w->st, c->p->inc_ignore_inode,
	    c->p->inc_ignore_ctime && !multi))
		return 0;
	if (ce->reread) {
		c->res->reread++;
		return 0;
	}
	if (c->p->inc_rehash && (!hash_file(c, w->fd, ce->size, hex) ||
	    strcmp(hex, ce->sha256) != 0))
		return c->err.code != 0 ? c->err.code : 0;
	if (multi && rst_strset_add(&c->kept, ce->path, 0) != 0)
		return rst_errf(&c->err, RST_ENOMEM, "out of memory");
	c->cur->unchanged = true;
	memcpy(c->cur->sha256, ce->sha256, RST_SHA256_HEX);
	memcpy(c->cur->in, ce->in, sizeof(c->cur->in));
	return 1;
}

static bool
excluded(const struct rst_profile *p, const char *abspath, bool isdir)
{
	const char *base = strrchr(abspath, '/');
	char pat[4096];
	size_t i, len;

	base = base != NULL ? base + 1 : abspath;
	for (i = 0; i < p->exclude.n; i++) {
		len = strlen(p->exclude.v[i]);
		if (len == 0 || len >= sizeof(pat))
			continue;
		memcpy(pat, p->exclude.v[i], len + 1);
		if (pat[len - 1] == '/') {
			if (!isdir)
				continue;
			pat[len - 1] = '\0';
		}
		if (strchr(pat, '/') != NULL) {
			if (fnmatch(pat, abspath, FNM_PATHNAME) == 0 ||
			    fnmatch(pat, abspath + 1, FNM_PATHNAME) == 0)
				return true;
		} else if (fnmatch(pat, base, 0) == 0)
			return true;
	}
	return false;
}

/* rst_walk: excluded paths and special files are left out unopened. */
static bool
walk_skip(void *arg, const char *path, mode_t type)
{
	struct rst_collect *c = arg;

	if (type != S_IFREG && type != S_IFDIR && type != S_IFLNK) {
		if (!excluded(c->p, path, false))
			rst_log_warn("%s: special file skipped", path);
		return true;
	}
	return excluded(c->p, path, type == S_IFDIR);
}

/*
 * Incremental: a regular file (one link) that cannot be read now keeps
 * its version of the parent, marked stale (DESIGN.md decision 17).
 */
static int
stale_entry(struct rst_collect *c, const char *path)
{
	struct rst_cache_ent *ce;
	struct archive_entry *e;

	if (c->cache == NULL || path[0] != '/' || (ce = rst_statcache_find(
	    c->cache, path + 1)) == NULL || ce->type != RST_ENTRY_FILE ||
	    ce->nlink > 1)
		return 0;
	if ((e = archive_entry_new()) == NULL)
		return rst_errf(&c->err, RST_ENOMEM, "out of memory");
	archive_entry_copy_pathname(e, path + 1);
	archive_entry_set_filetype(e, AE_IFREG);
	archive_entry_set_perm(e, ce->mode & 07777);
	archive_entry_set_size(e, (la_int64_t)ce->size);
	archive_entry_set_mtime(e, ce->mtime_s, ce->mtime_ns);
	archive_entry_set_uid(e, -1);	/* no owner claimed */
	ce->seen = true;
	c->cur->e = e;
	c->cur->unchanged = c->cur->stale = true;
	memcpy(c->cur->sha256, ce->sha256, RST_SHA256_HEX);
	memcpy(c->cur->in, ce->in, sizeof(c->cur->in));
	c->cur->last = true;
	rst_log_warn("%s: its version of snapshot %s stands (stale)", path,
	    ce->in);
	return flush(c);
}

static void
walk_error(void *arg, const char *path, int errnum)
{
	struct rst_collect *c = arg;
	int r;

	if (errnum == ENOENT) {
		rst_log_warn("%s: vanished before it was read", path);
		c->res->vanished++;
		return;
	}
	rst_log_warn("%s: unreadable: %s", path, strerror(errnum));
	c->res->unreadable++;
	if (c->pending == 0 && (r = stale_entry(c, path)) != 0)
		c->pending = r;
}

/*
 * One walked entry, stored under its absolute path without the leading
 * "/": its header, then (first links of regular files) its data.
 */
static int
walk_entry(void *arg, const struct rst_walk_ent *w)
{
	struct rst_collect *c = arg;
	struct archive_entry *e, *spare = NULL;
	struct archive *disk;
	int ar, r;

	if ((r = rst_interrupt_check(&c->err)) != 0 || (r = c->pending) != 0)
		return r;
	if ((e = archive_entry_new()) == NULL)
		return rst_errf(&c->err, RST_ENOMEM, "out of memory");
	archive_entry_copy_sourcepath(e, w->path);
	archive_entry_copy_pathname(e, w->path[1] != '\0' ? w->path + 1 : ".");
	/*
	 * POSIX ACLs are extended attributes too: an entry without any (the
	 * common case, one system call to know) skips libarchive's ACL and
	 * xattr probes.
	 */
	disk = w->fd >= 0 && flistxattr(w->fd, NULL, 0) == 0 ? c->bare :
	    c->disk;
	ar = archive_read_disk_entry_from_file(disk, e, w->fd, &w->st);
	if (ar == ARCHIVE_FATAL) {
		r = rst_errf(&c->err, RST_EIO, "%s: %s", w->path,
		    archive_error_string(disk));
		archive_entry_free(e);
		return r;
	}
	if (ar != ARCHIVE_OK)
		rst_log_warn("%s: metadata: %s", w->path,
		    archive_error_string(disk));
	/*
	 * Access, change and birth times cannot be restored (or are moved by
	 * this very read): left out, they cost no pax extended header, and
	 * an unchanged tree archives to the same bytes.
	 */
	archive_entry_unset_atime(e);
	archive_entry_unset_ctime(e);
	archive_entry_unset_birthtime(e);
	archive_entry_linkify(c->links, &e, &spare);
	archive_entry_free(spare);	/* only for formats that defer links */
	if (e == NULL)
		return 0;
	c->cur->e = e;
	c->cur->st = w->st;
	c->cur->read_s = rst_now_ns() / 1000000000;
	if (c->cache != NULL && (r = cached(c, e, w)) < 0)
		return r;
	if (S_ISREG(w->st.st_mode) && archive_entry_hardlink(e) == NULL &&
	    !c->cur->unchanged) {
		sparse_map(e, w->fd, &w->st);
		if ((r = add_data(c, e, w)) != 0)
			return r;
	}
	c->cur->last = true;
	return flush(c);
}

static int
root_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void *
reader(void *arg)
{
	static const struct rst_walk_ops ops = {
		walk_skip, walk_entry, walk_error
	};
	struct rst_collect *c = arg;
	char **roots;
	sigset_t all;
	size_t i;
	int r = 0;

	/* Signals are for the main thread (it sets the interrupt flag). */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);
	if ((roots = calloc(c->p->paths.n + 1, sizeof(*roots))) == NULL)
		r = rst_errf(&c->err, RST_ENOMEM, "out of memory");
	else {
		memcpy(roots, c->p->paths.v, c->p->paths.n * sizeof(*roots));
		qsort(roots, c->p->paths.n, sizeof(*roots), root_cmp);
	}
	for (i = 0; r == 0 && i < c->p->paths.n; i++)
		r = rst_walk(roots[i], &ops, c, &c->err);
	if (r == 0)
		r = c->pending;
	free(roots);
	pthread_mutex_lock(&c->lock);
	c->done = true;
	c->rc = r;
	pthread_cond_signal(&c->more);
	pthread_mutex_unlock(&c->lock);
	return NULL;
}

/* A metadata reader: never follows symlinks, sparse maps are ours. */
static int
disk_new(struct archive **out, int flags, struct rst_err *err)
{
	struct archive *a;

	if ((*out = a = archive_read_disk_new()) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (archive_read_disk_set_symlink_physical(a) != ARCHIVE_OK ||
	    archive_read_disk_set_behavior(a, flags |
	    ARCHIVE_READDISK_NO_SPARSE) != ARCHIVE_OK ||
	    archive_read_disk_set_standard_lookup(a) != ARCHIVE_OK)
		return rst_errf(err, RST_EINTERNAL, "read_disk: %s",
		    archive_error_string(a));
	return 0;
}

int
rst_collect_start(struct rst_collect **out, const struct rst_profile *p,
    struct rst_statcache *cache, struct rst_backup_result *res,
    struct rst_err *err)
{
	struct rst_collect *c;
	int r = 0;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	c->p = p;
	c->cache = cache;
	c->res = res;
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->more, NULL);
	pthread_cond_init(&c->room, NULL);
	*out = c;
	if ((c->links = archive_entry_linkresolver_new()) == NULL ||
	    (c->cur = calloc(1, sizeof(*c->cur))) == NULL ||
	    (r = disk_new(&c->disk, 0, err)) != 0 ||
	    (r = disk_new(&c->bare, ARCHIVE_READDISK_NO_ACL |
	    ARCHIVE_READDISK_NO_XATTR, err)) != 0)
		return r ? r : rst_errf(err, RST_ENOMEM, "out of memory");
	archive_entry_linkresolver_set_strategy(c->links,
	    ARCHIVE_FORMAT_TAR_PAX_INTERCHANGE);
	if ((r = rst_sha256_init(&c->hash, err)) != 0)
		return r;
	if ((r = pthread_create(&c->thread, NULL, reader, c)) != 0) {
		errno = r;
		return rst_errno(err, RST_EINTERNAL, "backup reader thread");
	}
	c->started = true;
	return 0;
}

struct rst_collect_item *
rst_collect_next(struct rst_collect *c)
{
	struct rst_collect_item *it;

	if (c->taken == NULL) {
		pthread_mutex_lock(&c->lock);
		while (!c->done && (c->head == NULL || (!c->want_room &&
		    c->count < BATCH_ITEMS && c->bytes < BATCH_BYTES))) {
			c->want_more = true;
			pthread_cond_wait(&c->more, &c->lock);
		}
		c->want_more = false;
		if (c->used != NULL) {
			struct rst_collect_item *last = c->used;

			while (last->next != NULL)
				last = last->next;
			last->next = c->recycle;
			c->recycle = c->used;
			c->used = NULL;
		}
		if (!(c->done && c->rc != 0)) {
			c->taken = c->head;
			c->head = c->tail = NULL;
			c->bytes = c->count = 0;
			if (c->want_room)
				pthread_cond_signal(&c->room);
		}
		pthread_mutex_unlock(&c->lock);
	}
	if ((it = c->taken) != NULL) {
		c->taken = it->next;
		it->next = NULL;
	}
	return it;
}

void
rst_collect_done(struct rst_collect *c, struct rst_collect_item *it)
{
	it->next = c->used;
	c->used = it;
}

int
rst_collect_finish(struct rst_collect *c, bool abandon, struct rst_err *err)
{
	int r = 0;

	if (c == NULL)
		return 0;
	if (c->started) {
		pthread_mutex_lock(&c->lock);
		c->abandon = c->abandon || abandon || !c->done;
		pthread_cond_broadcast(&c->room);
		pthread_mutex_unlock(&c->lock);
		pthread_join(c->thread, NULL);
		if (!abandon && c->rc != 0) {
			*err = c->err;
			r = c->rc;
		}
	}
	free_list(c->head);
	free_list(c->taken);
	free_list(c->used);
	free_list(c->recycle);
	item_free(c->cur);
	if (c->disk != NULL)
		archive_read_free(c->disk);
	if (c->bare != NULL)
		archive_read_free(c->bare);
	archive_entry_linkresolver_free(c->links);
	rst_strset_release(&c->kept);
	rst_sha256_release(&c->hash);
	pthread_mutex_destroy(&c->lock);
	pthread_cond_destroy(&c->more);
	pthread_cond_destroy(&c->room);
	free(c);
	return r;
}
