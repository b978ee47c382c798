/* SPDX-License-Identifier: ISC */
/*
 * The file:// backend.  An object is written to NAME.tmp-XXXXXX in its
 * final folder, fsynced, renamed into place and the folder fsynced, so a
 * crash leaves either the old state or the whole new object.
 *
 * Whoever controls the repository folder may plant symlinks, folders,
 * FIFOs or device nodes under object names.  Every operation (writes and
 * deletes included) therefore walks from the root one component at a time
 * without following any symlink; objects are opened non-blocking and only
 * regular files are taken: any other type is an integrity failure naming
 * the object (never quoting its bytes).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "restorable/storage.h"

struct file_repo {
	char	*root;
};

struct file_writer {
	int	 fd;		/* the temp object */
	int	 dfd;		/* its folder */
	char	*last;		/* the final name in that folder */
	char	 tmp[NAME_MAX + 1];	/* the temp name; "" once renamed */
};

struct file_reader {
	int	 fd;
};

static int
file_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct file_repo *fr = st->priv;
	const char *p = cfg->url + strlen("file:");

	if (strncmp(p, "//", 2) == 0)
		p += 2;
	if (p[0] != '/')
		return rst_errf(err, RST_ECONFIG,
		    "%s: a file repository needs an absolute path", st->url);
	if ((fr->root = strdup(p)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	rst_path_trim_slashes(fr->root, 1);
	return 0;
}

static void
file_close(struct rst_storage *st)
{
	free(((struct file_repo *)st->priv)->root);
}

/* The error for an openat() of NAME (what = "" or "list ") that failed. */
static int
open_fail(const char *what, const char *name, struct rst_err *err)
{
	if (errno == ENOENT)
		return rst_errf(err, RST_ENOTFOUND, "%s%s: missing", what,
		    name);
	if (errno == ELOOP || errno == ENOTDIR)
		return rst_errf(err, RST_EINTEGRITY, "%s%s: a symlink or "
		    "another type where the repository has a folder or a "
		    "regular file (refused)", what, name);
	return rst_errno(err, RST_ESTORAGE, "%s%s", what, name);
}

static const char *
type_name(mode_t m)
{
	return S_ISDIR(m) ? "a folder" : S_ISFIFO(m) ? "a FIFO" :
	    S_ISCHR(m) || S_ISBLK(m) ? "a device" : S_ISSOCK(m) ? "a socket" :
	    S_ISLNK(m) ? "a symlink" : "not a regular file";
}

/*
 * A descriptor of the folder holding NAME (the root for "") and NAME's
 * last component in *last, reached without following symlinks below the
 * root (the root itself comes from the trusted profile).  With create,
 * missing folders are made (mode 0700) on the way.
 */
static int
open_parent(struct rst_storage *st, const char *what, const char *name,
    bool create, int *dfd, const char **last, struct rst_err *err)
{
	struct file_repo *fr = st->priv;
	const char *c, *e;
	char comp[NAME_MAX + 1];
	int fd, nfd;

	*dfd = -1;
	if (create && rst_mkdir_p(fr->root, 0700, err) != 0)
		return err->code = RST_ESTORAGE;
	if ((fd = open(fr->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? open_fail(what, name, err) :
		    rst_errno(err, RST_ESTORAGE, "%s%s", what, fr->root);
	for (c = name; (e = strchr(c, '/')) != NULL; c = e + 1) {
		if (e == c)
			continue;
		if ((size_t)(e - c) > NAME_MAX) {
			close(fd);
			return rst_errf(err, RST_ESTORAGE, "%s%s: name too "
			    "long", what, name);
		}
		memcpy(comp, c, (size_t)(e - c));
		comp[e - c] = '\0';
		if (create && mkdirat(fd, comp, 0700) == -1 &&
		    errno != EEXIST) {
			nfd = rst_errno(err, RST_ESTORAGE, "%s%s", what, name);
			close(fd);
			return nfd;
		}
		nfd = openat(fd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		close(fd);
		if (nfd == -1)
			return open_fail(what, name, err);
		fd = nfd;
	}
	*dfd = fd;
	*last = c;
	return 0;
}

/* Open NAME for reading: a regular file reached without symlinks. */
static int
open_object(struct rst_storage *st, const char *name, int *out,
    struct stat *sb, struct rst_err *err)
{
	const char *last;
	int dfd, fd, r;

	*out = -1;
	if ((r = open_parent(st, "", name, false, &dfd, &last, err)) != 0)
		return r;
	/* O_NONBLOCK: a FIFO planted under the name must not block. */
	fd = openat(dfd, last, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY);
	close(dfd);
	if (fd == -1)
		return open_fail("", name, err);
	if (fstat(fd, sb) == -1) {
		r = rst_errno(err, RST_ESTORAGE, "%s", name);
		close(fd);
		return r;
	}
	if (!S_ISREG(sb->st_mode)) {
		close(fd);
		return rst_errf(err, RST_EINTEGRITY, "%s: %s, not a regular "
		    "file (refused)", name, type_name(sb->st_mode));
	}
	*out = fd;
	return 0;
}

static void
writer_free(struct file_writer *fw)
{
	if (fw == NULL)
		return;
	if (fw->fd != -1)
		close(fw->fd);
	if (fw->dfd != -1)
		close(fw->dfd);
	free(fw->last);
	free(fw);
}

/* The temp object NAME.tmp-XXXXXX beside it, created exclusively. */
static int
create_tmp(struct file_writer *fw, struct rst_err *err)
{
	unsigned char rnd[3];
	char hex[7];
	int i;

	for (i = 0; i < 100; i++) {
		if (RAND_bytes(rnd, sizeof(rnd)) != 1)
			return rst_errf(err, RST_EINTERNAL, "random bytes");
		rst_hex(rnd, sizeof(rnd), hex);
		if (snprintf(fw->tmp, sizeof(fw->tmp), "%s.tmp-%s", fw->last,
		    hex) >= (int)sizeof(fw->tmp))
			return rst_errf(err, RST_ESTORAGE, "%s: name too long",
			    fw->last);
		fw->fd = openat(fw->dfd, fw->tmp, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fw->fd != -1 || errno != EEXIST)
			break;
	}
	if (fw->fd == -1)
		return rst_errno(err, RST_ESTORAGE, "%s", fw->tmp);
	return 0;
}

static int
file_create(struct rst_storage *st, struct rst_objwriter *w,
    struct rst_err *err)
{
	struct file_writer *fw;
	const char *last;
	int r;

	if ((fw = calloc(1, sizeof(*fw))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	fw->fd = fw->dfd = -1;
	if ((r = open_parent(st, "", w->name, true, &fw->dfd, &last,
	    err)) != 0)
		goto out;
	if ((fw->last = strdup(last)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = create_tmp(fw, err)) != 0)
		goto out;
	w->priv = fw;
	fw = NULL;
 out:
	writer_free(fw);
	return r;
}

static int
file_write(struct rst_objwriter *w, const void *p, size_t n,
    struct rst_err *err)
{
	struct file_writer *fw = w->priv;

	if (rst_write_all(fw->fd, p, n) != 0)
		return rst_errno(err, RST_ESTORAGE, "write");
	return 0;
}

static int
file_commit(struct rst_objwriter *w, struct rst_err *err)
{
	struct file_writer *fw = w->priv;
	int r;

	if (fsync(fw->fd) == -1)
		return rst_errno(err, RST_ESTORAGE, "fsync");
	r = close(fw->fd);
	fw->fd = -1;
	if (r == -1)
		return rst_errno(err, RST_ESTORAGE, "close");
	if (renameat(fw->dfd, fw->tmp, fw->dfd, fw->last) == -1)
		return rst_errno(err, RST_ESTORAGE, "rename");
	fw->tmp[0] = '\0';
	if (fsync(fw->dfd) == -1)
		return rst_errno(err, RST_ESTORAGE, "fsync folder");
	writer_free(fw);
	w->priv = NULL;
	return 0;
}

static void
file_abort(struct rst_objwriter *w)
{
	struct file_writer *fw = w->priv;

	if (fw == NULL)
		return;
	if (fw->tmp[0] != '\0')
		(void)unlinkat(fw->dfd, fw->tmp, 0);
	writer_free(fw);
	w->priv = NULL;
}

static int
file_open_read(struct rst_storage *st, struct rst_objreader *rd,
    struct rst_err *err)
{
	struct file_reader *fr;
	struct stat sb;
	int fd, r;

	if ((r = open_object(st, rd->name, &fd, &sb, err)) != 0)
		return r;
	if ((fr = calloc(1, sizeof(*fr))) == NULL) {
		close(fd);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
	fr->fd = fd;
	rd->size = (uint64_t)sb.st_size;
	rd->priv = fr;
	return 0;
}

static ssize_t
file_read(struct rst_objreader *rd, void *p, size_t n, struct rst_err *err)
{
	struct file_reader *fr = rd->priv;
	ssize_t r;

	do
		r = read(fr->fd, p, n);
	while (r == -1 && errno == EINTR);
	if (r == -1)
		return rst_errno(err, RST_ESTORAGE, "read %s", rd->name);
	return r;
}

static int
file_rewind(struct rst_objreader *rd, struct rst_err *err)
{
	struct file_reader *fr = rd->priv;

	if (lseek(fr->fd, 0, SEEK_SET) == -1)
		return rst_errno(err, RST_ESTORAGE, "rewind %s", rd->name);
	return 0;
}

static void
file_close_read(struct rst_objreader *rd)
{
	struct file_reader *fr = rd->priv;

	if (fr == NULL)
		return;
	close(fr->fd);
	free(fr);
}

/* List the folder rel open as fd (taken over); symlinks are not followed. */
static int
walk_dir(struct rst_listwalk *wk, const char *rel, int fd)
{
	struct rst_objinfo info;
	struct dirent *de;
	struct stat sb;
	char *child;
	DIR *d;
	int cfd, r;

	if ((r = rst_listwalk_enter(wk, rel)) != 0) {
		close(fd);
		return r;
	}
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return rst_errno(wk->err, RST_ESTORAGE, "list %s", rel);
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (fstatat(dirfd(d), de->d_name, &sb,
		    AT_SYMLINK_NOFOLLOW) == -1)
			continue;	/* gone meanwhile */
		if ((child = rst_listwalk_child(rel, de->d_name)) == NULL) {
			r = rst_errf(wk->err, RST_ENOMEM, "out of memory");
			break;
		}
		if (S_ISDIR(sb.st_mode)) {
			cfd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (cfd != -1)
				r = walk_dir(wk, child, cfd);
			else if (errno != ENOENT)	/* not gone */
				r = open_fail("list ", child, wk->err);
		} else {
			/* Symlinks and special files are listed (not followed),
			 * so that reading them fails visibly. */
			info.size = (uint64_t)sb.st_size;
			info.mtime = (int64_t)sb.st_mtime;
			r = rst_listwalk_object(wk, child, de->d_name, &info);
		}
		free(child);
	}
	closedir(d);
	return r;
}

static int
file_list(struct rst_storage *st, const char *rel, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct rst_listwalk wk = { st, include_tmp, cb, arg, err, 0 };
	const char *last;
	int dfd = -1, fd, r;

	if ((r = open_parent(st, "list ", rel, false, &dfd, &last, err)) != 0)
		goto out;
	fd = last[0] == '\0' ? dup(dfd) : openat(dfd, last, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		r = open_fail("list ", rel, err);
	else
		r = walk_dir(&wk, rel, fd);
 out:
	/* A folder that does not exist lists as empty. */
	r = rst_err_accept(err, r, RST_ENOTFOUND);
	if (dfd != -1)
		close(dfd);
	return r;
}

/* Remove folders left empty by a delete, up to the repository root. */
static void
remove_empty_parents(struct rst_storage *st, const char *name)
{
	struct rst_err ignored = RST_ERR_INIT;
	const char *last;
	char *dir, *slash;
	int dfd;

	if ((dir = strdup(name)) == NULL)
		return;
	while ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		if (dir[0] == '\0' || open_parent(st, "", dir, false, &dfd,
		    &last, &ignored) != 0)
			break;
		if (unlinkat(dfd, last, AT_REMOVEDIR) == -1) {
			close(dfd);
			break;
		}
		close(dfd);
	}
	free(dir);
}

static int
file_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	const char *last;
	int dfd, r;

	/* Already gone is what was asked for. */
	if ((r = open_parent(st, "delete ", name, false, &dfd, &last,
	    err)) != 0)
		return rst_err_accept(err, r, RST_ENOTFOUND);
	if (unlinkat(dfd, last, 0) == -1 && errno != ENOENT)
		r = rst_errno(err, RST_ESTORAGE, "delete %s", name);
	close(dfd);
	if (r == 0)
		remove_empty_parents(st, name);
	return r;
}

static int
file_stat(struct rst_storage *st, const char *name, struct rst_objinfo *info,
    struct rst_err *err)
{
	struct stat sb;
	const char *last;
	int dfd, r;

	if ((r = open_parent(st, "", name, false, &dfd, &last, err)) != 0)
		return r;
	r = fstatat(dfd, last, &sb, AT_SYMLINK_NOFOLLOW);
	close(dfd);
	if (r == -1)
		return open_fail("", name, err);
	if (!S_ISREG(sb.st_mode))
		return rst_errf(err, RST_EINTEGRITY, "%s: %s, not a regular "
		    "file (refused)", name, type_name(sb.st_mode));
	info->size = (uint64_t)sb.st_size;
	info->mtime = (int64_t)sb.st_mtime;
	return 0;
}

const struct rst_storage_ops rst_storage_file = {
	.scheme = "file",
	.priv_size = sizeof(struct file_repo),
	.open = file_open,
	.create = file_create,
	.write = file_write,
	.commit = file_commit,
	.abort = file_abort,
	.open_read = file_open_read,
	.read = file_read,
	.rewind = file_rewind,
	.close_read = file_close_read,
	.list = file_list,
	.del = file_del,
	.stat = file_stat,
	.close = file_close,
	.local = true,
};
