/* SPDX-License-Identifier: ISC */
/*
 * The restore writer: verified archive entries placed below one target
 * folder descriptor.  Paths are walked from that descriptor one component
 * at a time with O_NOFOLLOW (the parent folder's descriptor is kept while
 * entries of the same folder follow each other), so no symlink, planted
 * before or by the snapshot itself, is ever followed.  A restored file is
 * written to an O_TMPFILE in its final folder, hashed as written, and
 * linked into place only once it matches the signed index (with
 * --overwrite: linked under a temporary name, then renamed over the old
 * file, which stays if anything fails).  Drills write final names directly.
 * Only files, folders, symlinks and hard links to files placed by this run
 * are created.  At the end, folder modes and times are set, deepest first,
 * and the target's file system is synced.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <archive.h>
#include <archive_entry.h>
#include <openssl/rand.h>

#include "restorable/log.h"
#include "place.h"

#define DIR_FLAGS	(O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
#define PLACED_FILE	0x1u
#define SKIPPED_FILE	0x2u	/* in the stream, not selected */

/* Relative, no empty, "." or ".." component, no trailing "/". */
static bool
path_safe(const char *p)
{
	const char *c = p;
	size_t n;

	if (p == NULL || p[0] == '\0' || p[0] == '/')
		return false;
	for (;;) {
		n = strcspn(c, "/");
		if (n == 0 || (n == 1 && c[0] == '.') || (n == 2 &&
		    c[0] == '.' && c[1] == '.') || n > 255)
			return false;
		c += n;
		if (*c == '\0')
			return true;
		c++;
	}
}

static int
refuse_walk(const char *path, size_t len, struct rst_err *err)
{
	return rst_errf(err, RST_EINTEGRITY, "refusing %s: %.*s in the target "
	    "is a symlink or not a folder", path, (int)len, path);
}

/* A new descriptor of the folder path[0..len), created when asked. */
static int
open_dir(struct rst_place *pl, const char *path, size_t len, bool create,
    int *out, struct rst_err *err)
{
	char name[256];
	size_t pos = 0, n;
	int cur, nfd;

	if ((cur = fcntl(pl->root, F_DUPFD_CLOEXEC, 0)) == -1)
		return rst_place_write_fail(pl, path, "open folder", errno, err);
	while (pos < len) {
		n = strcspn(path + pos, "/");
		n = pos + n > len ? len - pos : n;
		memcpy(name, path + pos, n);
		name[n] = '\0';
		pos += n;
		nfd = openat(cur, name, DIR_FLAGS);
		if (nfd == -1 && errno == ENOENT && create) {
			if (mkdirat(cur, name, 0700) == -1 && errno != EEXIST) {
				close(cur);
				return rst_place_write_fail(pl, path, "mkdir",
				    errno, err);
			}
			nfd = openat(cur, name, DIR_FLAGS);
		}
		if (nfd == -1) {
			close(cur);
			if (errno == ELOOP || errno == ENOTDIR)
				return refuse_walk(path, pos, err);
			return rst_place_write_fail(pl, path, "open folder",
			    errno, err);
		}
		close(cur);
		cur = nfd;
		pos += pos < len ? 1 : 0;
	}
	*out = cur;
	return 0;
}

/* The parent folder's descriptor (kept) and the last name of path. */
static int
parent(struct rst_place *pl, const char *path, int *pfd, const char **base,
    struct rst_err *err)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash != NULL ? (size_t)(slash - path) : 0;
	int fd, r;

	*base = slash != NULL ? slash + 1 : path;
	if (pl->cur != NULL && strlen(pl->cur) == dirlen &&
	    memcmp(pl->cur, path, dirlen) == 0) {
		*pfd = pl->curfd;
		return 0;
	}
	if ((r = open_dir(pl, path, dirlen, true, &fd, err)) != 0)
		return r;
	free(pl->cur);
	if (pl->curfd >= 0)
		close(pl->curfd);
	pl->curfd = fd;
	if ((pl->cur = strndup(path, dirlen)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	*pfd = fd;
	return 0;
}

static int
exists(const char *path, struct rst_err *err)
{
	return rst_errf(err, RST_EINTEGRITY, "refusing %s: already in the "
	    "target (the snapshot lists it twice, or use --overwrite)", path);
}

static void
tmp_name(char buf[40])
{
	unsigned char rnd[8];
	char hex[17];

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		memset(rnd, 0, sizeof(rnd));
	rst_hex(rnd, sizeof(rnd), hex);
	snprintf(buf, 40, ".restorable-tmp-%s", hex);
}

/*
 * Make the new entry under a fresh temporary name (make() returns 0 or
 * -1 with errno), then rename it over path's last name: what was there
 * stays until the new entry is complete.
 */
static int
replace(struct rst_place *pl, int pfd, const char *base, const char *path,
    int (*make)(void *, int, const char *), void *arg, struct rst_err *err)
{
	char tmp[40];
	int tries;

	for (tries = 0;; tries++) {
		tmp_name(tmp);
		if (make(arg, pfd, tmp) == 0)
			break;
		if (errno != EEXIST || tries == 7)
			return rst_place_write_fail(pl, path, "create", errno,
			    err);
	}
	if (renameat(pfd, tmp, pfd, base) == -1) {
		int e = errno;

		(void)unlinkat(pfd, tmp, 0);
		return rst_place_write_fail(pl, path, "rename", e, err);
	}
	return 0;
}

static int
make_proc_link(void *arg, int pfd, const char *name)
{
	return linkat(AT_FDCWD, arg, pfd, name, AT_SYMLINK_FOLLOW);
}

/* The verified temporary file gets its final name. */
static int
link_file(struct rst_place *pl, int fd, int pfd, const char *base,
    const char *tmp, const char *path, struct rst_err *err)
{
	char proc[64];
	int e;

	if (tmp[0] != '\0') {
		/* A named temporary file (no O_TMPFILE on this file system). */
		if (pl->o.overwrite ? renameat(pfd, tmp, pfd, base) == 0 :
		    linkat(pfd, tmp, pfd, base, 0) == 0)
			return pl->o.overwrite || unlinkat(pfd, tmp, 0) == 0 ? 0 :
			    rst_place_write_fail(pl, path, "unlink", errno, err);
		e = errno;
		return e == EEXIST && !pl->o.overwrite ? exists(path, err) :
		    rst_place_write_fail(pl, path, "link", e, err);
	}
	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
	if (pl->o.overwrite)
		return replace(pl, pfd, base, path, make_proc_link, proc, err);
	if (linkat(AT_FDCWD, proc, pfd, base, AT_SYMLINK_FOLLOW) == 0)
		return 0;
	return errno == EEXIST ? exists(path, err) :
	    rst_place_write_fail(pl, path, "link", errno, err);
}

/*
 * Drills: the final name.  Restores: an unnamed O_TMPFILE in the final
 * folder, or where the file system has none a fresh named one (tmp).
 */
static int
open_file(struct rst_place *pl, int pfd, const char *base, const char *path,
    int *fd, char tmp[40], struct rst_err *err)
{
	int tries;

	tmp[0] = '\0';
	if (pl->o.direct)
		*fd = openat(pfd, base, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
	else
		*fd = openat(pfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
	if (*fd >= 0)
		return 0;
	if (pl->o.direct && errno == EEXIST)
		return exists(path, err);
	for (tries = 0; !pl->o.direct && (errno == EOPNOTSUPP ||
	    errno == EISDIR || errno == EEXIST) && tries < 8; tries++) {
		tmp_name(tmp);
		if ((*fd = openat(pfd, tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600)) >= 0)
			return 0;
	}
	tmp[0] = '\0';
	return rst_place_write_fail(pl, path, "create", errno, err);
}

static int
place_file(struct rst_place *pl, struct archive *a, struct archive_entry *ae,
    const struct rst_index_entry *ie, uint64_t *bytes, struct rst_err *err)
{
	char hex[RST_SHA256_HEX], tmp[40];
	const char *base;
	uint64_t size;
	int pfd, fd, r;

	if ((r = parent(pl, ie->path, &pfd, &base, err)) != 0 ||
	    (r = open_file(pl, pfd, base, ie->path, &fd, tmp, err)) != 0)
		return r;
	r = rst_place_data(pl, a, ae, fd, ie->path, &size, hex, bytes, err);
	if (r == 0 && (size != ie->size || strcmp(hex, ie->sha256) != 0)) {
		if (pl->o.direct && pl->o.changed != NULL)
			pl->o.changed(pl->o.arg, ie->path);
		else
			r = rst_errf(err, RST_EINTEGRITY, "%s: content does not "
			    "match the signed index (sha256 or size): not "
			    "restored", ie->path);
	}
	if (r == 0)
		r = rst_place_meta(pl, fd, ie->path, ae, ie, true, err);
	/* An O_TMPFILE is linked through its descriptor, so closed after. */
	if (tmp[0] != '\0' || pl->o.direct) {
		if (close(fd) == -1 && r == 0)
			r = rst_place_write_fail(pl, ie->path, "close", errno,
			    err);
		fd = -1;
	}
	if (r == 0 && !pl->o.direct)
		r = link_file(pl, fd, pfd, base, tmp, ie->path, err);
	if (fd >= 0 && close(fd) == -1 && r == 0)
		r = rst_place_write_fail(pl, ie->path, "close", errno, err);
	if (r != 0 && tmp[0] != '\0')
		(void)unlinkat(pfd, tmp, 0);
	if (r != 0 && pl->o.direct)
		(void)unlinkat(pfd, base, 0);
	if (r == 0 && rst_strset_set(&pl->files, ie->path, PLACED_FILE) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	return r;
}

static int
remember_dir(struct rst_place *pl, struct archive_entry *ae,
    const struct rst_index_entry *ie, struct rst_err *err)
{
	struct rst_place_dir *d;

	if (pl->ndirs == pl->capdirs) {
		pl->capdirs = pl->capdirs ? pl->capdirs * 2 : 64;
		if ((d = reallocarray(pl->dirs, pl->capdirs, sizeof(*d))) ==
		    NULL)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		pl->dirs = d;
	}
	d = &pl->dirs[pl->ndirs];
	if ((d->path = strdup(ie->path)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	d->mode = rst_place_mode(pl, ie);
	rst_place_times(ae, d->ts);
	pl->ndirs++;
	return 0;
}

static int
make_dir(struct rst_place *pl, int pfd, const char *base, const char *path,
    struct rst_err *err)
{
	struct stat sb;

	if (mkdirat(pfd, base, 0700) == 0)
		return 0;
	if (errno != EEXIST)
		return rst_place_write_fail(pl, path, "mkdir", errno, err);
	if (fstatat(pfd, base, &sb, AT_SYMLINK_NOFOLLOW) == -1)
		return rst_place_write_fail(pl, path, "stat", errno, err);
	if (S_ISDIR(sb.st_mode))
		return 0;
	if (!pl->o.overwrite)
		return exists(path, err);
	/* A file or symlink in the way: removed, never followed. */
	if (unlinkat(pfd, base, 0) == -1 || mkdirat(pfd, base, 0700) == -1)
		return rst_place_write_fail(pl, path, "mkdir", errno, err);
	return 0;
}

static int
place_dir(struct rst_place *pl, struct archive_entry *ae,
    const struct rst_index_entry *ie, struct rst_err *err)
{
	const char *base;
	int pfd, fd, r;

	if ((r = parent(pl, ie->path, &pfd, &base, err)) != 0 ||
	    (r = make_dir(pl, pfd, base, ie->path, err)) != 0)
		return r;
	if ((fd = openat(pfd, base, DIR_FLAGS)) == -1)
		return errno == ELOOP || errno == ENOTDIR ?
		    refuse_walk(ie->path, strlen(ie->path), err) :
		    rst_place_write_fail(pl, ie->path, "open folder", errno,
		    err);
	r = rst_place_meta(pl, fd, ie->path, ae, ie, false, err);
	if (close(fd) == -1 && r == 0)
		r = rst_place_write_fail(pl, ie->path, "close", errno, err);
	if (r == 0 && rst_strset_set(&pl->files, ie->path, 0) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	return r != 0 ? r : remember_dir(pl, ae, ie, err);
}

static int
make_symlink(void *arg, int pfd, const char *name)
{
	return symlinkat(arg, pfd, name);
}

/* Owner and times of a name that is not opened (a symlink). */
static int
name_meta(struct rst_place *pl, int pfd, const char *base,
    struct archive_entry *ae, const struct rst_index_entry *ie,
    struct rst_err *err)
{
	struct timespec ts[2];
	uid_t uid = ie->has_owner ? ie->uid : (uid_t)archive_entry_uid(ae);
	gid_t gid = ie->has_owner ? ie->gid : (gid_t)archive_entry_gid(ae);

	if (rst_place_chown_needed(pl, uid, gid) && fchownat(pfd, base, uid,
	    gid, AT_SYMLINK_NOFOLLOW) == -1)
		return rst_place_write_fail(pl, ie->path, "set owner", errno,
		    err);
	rst_place_times(ae, ts);
	if (utimensat(pfd, base, ts, AT_SYMLINK_NOFOLLOW) == -1)
		return rst_place_write_fail(pl, ie->path, "set times", errno,
		    err);
	return 0;
}

static int
place_symlink(struct rst_place *pl, struct archive_entry *ae,
    const struct rst_index_entry *ie, struct rst_err *err)
{
	const char *base;
	int pfd, r;

	if ((r = parent(pl, ie->path, &pfd, &base, err)) != 0)
		return r;
	if (symlinkat(ie->target, pfd, base) == -1) {
		if (errno != EEXIST)
			return rst_place_write_fail(pl, ie->path, "symlink",
			    errno, err);
		if (!pl->o.overwrite)
			return exists(ie->path, err);
		if ((r = replace(pl, pfd, base, ie->path, make_symlink,
		    ie->target, err)) != 0)
			return r;
	}
	if ((r = name_meta(pl, pfd, base, ae, ie, err)) != 0)
		return r;
	if (rst_strset_set(&pl->files, ie->path, 0) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

struct linkarg {
	int		 tfd;
	const char	*tbase;
};

static int
make_hardlink(void *arg, int pfd, const char *name)
{
	struct linkarg *l = arg;

	return linkat(l->tfd, l->tbase, pfd, name, 0);
}

static int
place_hardlink(struct rst_place *pl, struct archive_entry *ae,
    const struct rst_index_entry *ie, struct rst_err *err)
{
	const char *slash = strrchr(ie->target, '/'), *base;
	struct linkarg l;
	int pfd, r;

	if (archive_entry_size_is_set(ae) && archive_entry_size(ae) > 0)
		return rst_errf(err, RST_EINTEGRITY, "refusing hardlink %s: it "
		    "carries data", ie->path);
	if (strcmp(ie->path, ie->target) == 0)
		return rst_errf(err, RST_EINTEGRITY, "refusing hardlink %s: it "
		    "names itself", ie->path);
	if (path_safe(ie->target) &&
	    (rst_strset_get(&pl->files, ie->target) & (PLACED_FILE |
	    SKIPPED_FILE)) == SKIPPED_FILE)
		return rst_errf(err, RST_EUSAGE, "hardlink %s -> %s: its target "
		    "is not selected (add a pattern for it)", ie->path,
		    ie->target);
	if (!path_safe(ie->target) ||
	    (rst_strset_get(&pl->files, ie->target) & PLACED_FILE) == 0)
		return rst_errf(err, RST_EINTEGRITY, "refusing hardlink %s -> "
		    "%s: the target is not a file restored by this run (outside "
		    "the restore folder?)", ie->path, ie->target);
	l.tbase = slash != NULL ? slash + 1 : ie->target;
	if ((r = open_dir(pl, ie->target, slash != NULL ?
	    (size_t)(slash - ie->target) : 0, false, &l.tfd, err)) != 0)
		return r;
	if ((r = parent(pl, ie->path, &pfd, &base, err)) == 0 &&
	    linkat(l.tfd, l.tbase, pfd, base, 0) == -1) {
		if (errno != EEXIST)
			r = rst_place_write_fail(pl, ie->path, "link", errno,
			    err);
		else if (!pl->o.overwrite)
			r = exists(ie->path, err);
		else
			r = replace(pl, pfd, base, ie->path, make_hardlink, &l,
			    err);
	}
	close(l.tfd);
	if (r == 0 && rst_strset_set(&pl->files, ie->path, PLACED_FILE) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	return r;
}

int
rst_place_skip(struct rst_place *pl, const struct rst_index_entry *ie,
    struct rst_err *err)
{
	if (ie->type != RST_ENTRY_FILE || !path_safe(ie->path))
		return 0;
	if (rst_strset_set(&pl->files, ie->path, SKIPPED_FILE) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_place_entry(struct rst_place *pl, struct archive *a,
    struct archive_entry *ae, const struct rst_index_entry *ie,
    uint64_t *bytes, struct rst_err *err)
{
	if (!path_safe(ie->path))
		return rst_errf(err, RST_EINTEGRITY, "refusing unsafe path in "
		    "snapshot: %s", ie->path);
	switch (ie->type) {
	case RST_ENTRY_FILE:
		return place_file(pl, a, ae, ie, bytes, err);
	case RST_ENTRY_DIR:
		return place_dir(pl, ae, ie, err);
	case RST_ENTRY_SYMLINK:
		return place_symlink(pl, ae, ie, err);
	case RST_ENTRY_HARDLINK:
		return place_hardlink(pl, ae, ie, err);
	}
	return rst_errf(err, RST_EINTEGRITY, "%s: unknown entry type",
	    ie->path);
}

/*
 * A folder's final mode; its access ACL, set when it was made, is put back
 * afterwards (chmod would narrow the ACL's mask to the mode's group bits).
 */
static int
dir_mode(struct rst_place *pl, int fd, const struct rst_place_dir *d,
    struct rst_err *err)
{
	unsigned char acl[4 + 1024 * 8];
	ssize_t n = -1;

	if (pl->o.acls)
		n = fgetxattr(fd, "system.posix_acl_access", acl, sizeof(acl));
	if (fchmod(fd, d->mode) == -1)
		return rst_place_write_fail(pl, d->path, "set mode", errno,
		    err);
	if (n > 0 && fsetxattr(fd, "system.posix_acl_access", acl,
	    (size_t)n, 0) == -1)
		return rst_place_write_fail(pl, d->path, "set ACL", errno,
		    err);
	return 0;
}

/* One folder's final mode and times. */
static int
fix_dir(struct rst_place *pl, const struct rst_place_dir *d,
    struct rst_err *err)
{
	const char *slash = strrchr(d->path, '/');
	int pfd, fd, r;

	if ((r = open_dir(pl, d->path, slash ? (size_t)(slash - d->path) : 0,
	    false, &pfd, err)) != 0)
		return r;
	fd = openat(pfd, slash ? slash + 1 : d->path, DIR_FLAGS);
	close(pfd);
	if (fd == -1)
		return errno == ELOOP || errno == ENOTDIR ?
		    refuse_walk(d->path, strlen(d->path), err) :
		    rst_place_write_fail(pl, d->path, "open folder", errno,
		    err);
	if ((r = dir_mode(pl, fd, d, err)) == 0 && futimens(fd, d->ts) == -1)
		r = rst_place_write_fail(pl, d->path, "set times", errno, err);
	if (close(fd) == -1 && r == 0)
		r = rst_place_write_fail(pl, d->path, "close", errno, err);
	return r;
}

int
rst_place_finish(struct rst_place *pl, struct rst_err *err)
{
	size_t i;
	int r;

	/* Stream order is parents first: children's times are set first. */
	for (i = pl->ndirs; i-- > 0;)
		if ((r = fix_dir(pl, &pl->dirs[i], err)) != 0)
			return r;
	if (syncfs(pl->root) == -1)
		return rst_place_write_fail(pl, pl->rootname, "sync", errno,
		    err);
	if (pl->stripped > 0)
		rst_log_warn("%s: set-user-id and set-group-id bits stripped "
		    "from %llu entries (restore --keep-setid keeps them)",
		    pl->rootname, (unsigned long long)pl->stripped);
	return 0;
}

int
rst_place_new(int root, const char *rootname,
    const struct rst_place_opts *o, struct rst_place **out,
    struct rst_err *err)
{
	struct rst_place *pl;
	struct stat sb;

	*out = NULL;
	if ((pl = calloc(1, sizeof(*pl))) == NULL ||
	    (pl->rootname = strdup(rootname)) == NULL) {
		free(pl);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	pl->root = root;
	pl->curfd = -1;
	pl->o = *o;
	pl->root_user = geteuid() == 0;
	pl->euid = geteuid();
	pl->egid = getegid();
	pl->own_fresh = o->direct && fstat(root, &sb) == 0 &&
	    sb.st_gid == pl->egid;
	*out = pl;
	return 0;
}

const char *
rst_place_cause(const struct rst_place *pl)
{
	return pl != NULL ? pl->cause : "";
}

uint64_t
rst_place_stripped(const struct rst_place *pl)
{
	return pl != NULL ? pl->stripped : 0;
}

void
rst_place_free(struct rst_place *pl)
{
	size_t i;

	if (pl == NULL)
		return;
	for (i = 0; i < pl->ndirs; i++)
		free(pl->dirs[i].path);
	free(pl->dirs);
	if (pl->curfd >= 0)
		close(pl->curfd);
	free(pl->cur);
	rst_strset_release(&pl->files);
	free(pl->rootname);
	free(pl);
}
