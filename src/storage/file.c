/* SPDX-License-Identifier: ISC */
/*
 * The file:// backend.  An object is written to NAME.tmp-XXXXXX in its
 * final folder, fsynced, renamed into place and the folder fsynced, so a
 * crash leaves either the old state or the whole new object.
 *
 * Whoever controls the repository folder may plant symlinks, folders,
 * FIFOs or device nodes under object names.  Reads, stats and listings
 * therefore walk from the root one component at a time without following
 * any symlink, open objects non-blocking and take only regular files: any
 * other type is an integrity failure naming the object (never its bytes).
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

#include "restorable/storage.h"

struct file_repo {
	char	*root;
};

struct file_writer {
	int	 fd;
	char	*tmp;		/* full path of the temp file */
	char	*path;		/* full final path */
};

struct file_reader {
	int	 fd;
};

static int
file_open(struct rst_storage *st, const struct rst_repo_cfg *cfg,
    struct rst_err *err)
{
	struct file_repo *fr;
	const char *p = cfg->url + strlen("file:");

	if (strncmp(p, "//", 2) == 0)
		p += 2;
	if (p[0] != '/')
		return rst_errf(err, RST_ECONFIG,
		    "%s: a file repository needs an absolute path", st->url);
	if ((fr = calloc(1, sizeof(*fr))) == NULL ||
	    (fr->root = strdup(p)) == NULL) {
		free(fr);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	while (strlen(fr->root) > 1 && fr->root[strlen(fr->root) - 1] == '/')
		fr->root[strlen(fr->root) - 1] = '\0';
	st->priv = fr;
	return 0;
}

static void
file_close(struct rst_storage *st)
{
	struct file_repo *fr = st->priv;

	if (fr != NULL)
		free(fr->root);
	free(fr);
}

static char *
full_path(struct rst_storage *st, const char *name)
{
	struct file_repo *fr = st->priv;

	return rst_path_join(fr->root, name);
}

static int
file_create(struct rst_storage *st, struct rst_objwriter *w,
    struct rst_err *err)
{
	struct file_writer *fw;
	char *dir = NULL;
	int r = 0;

	if ((fw = calloc(1, sizeof(*fw))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	fw->fd = -1;
	if ((fw->path = full_path(st, w->name)) == NULL ||
	    (fw->tmp = rst_strdupf("%s.tmp-XXXXXX", fw->path)) == NULL ||
	    (dir = rst_dirname(fw->path)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_mkdir_p(dir, 0700, err)) != 0) {
		err->code = r = RST_ESTORAGE;
		goto out;
	}
	if ((fw->fd = mkstemp(fw->tmp)) == -1) {
		r = rst_errno(err, RST_ESTORAGE, "%s", fw->tmp);
		goto out;
	}
	w->priv = fw;
	fw = NULL;
 out:
	if (fw != NULL) {
		free(fw->path);
		free(fw->tmp);
		free(fw);
	}
	free(dir);
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
	char *dir;
	int r;

	if (fsync(fw->fd) == -1)
		return rst_errno(err, RST_ESTORAGE, "fsync");
	r = close(fw->fd);
	fw->fd = -1;
	if (r == -1)
		return rst_errno(err, RST_ESTORAGE, "close");
	if (rename(fw->tmp, fw->path) == -1)
		return rst_errno(err, RST_ESTORAGE, "rename");
	free(fw->tmp);
	fw->tmp = NULL;
	if ((dir = rst_dirname(fw->path)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_fsync_dir(dir, err);
	free(dir);
	if (r != 0)
		err->code = RST_ESTORAGE;
	free(fw->path);
	free(fw);
	w->priv = NULL;
	return r != 0 ? RST_ESTORAGE : 0;
}

static void
file_abort(struct rst_objwriter *w)
{
	struct file_writer *fw = w->priv;

	if (fw == NULL)
		return;
	if (fw->fd != -1)
		close(fw->fd);
	if (fw->tmp != NULL)
		unlink(fw->tmp);
	free(fw->tmp);
	free(fw->path);
	free(fw);
	w->priv = NULL;
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
 * root (the root itself comes from the trusted profile).
 */
static int
open_parent(struct rst_storage *st, const char *what, const char *name,
    int *dfd, const char **last, struct rst_err *err)
{
	struct file_repo *fr = st->priv;
	const char *c, *e;
	char comp[NAME_MAX + 1];
	int fd, nfd;

	*dfd = -1;
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
	if ((r = open_parent(st, "", name, &dfd, &last, err)) != 0)
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

static void
file_close_read(struct rst_objreader *rd)
{
	struct file_reader *fr = rd->priv;

	if (fr == NULL)
		return;
	close(fr->fd);
	free(fr);
}

struct walk {
	struct rst_storage *st;
	bool		 include_tmp;
	rst_list_cb	 cb;
	void		*arg;
	struct rst_err	*err;
	size_t		 nreq;		/* folders listed so far */
};

/* List the folder rel open as fd (taken over); symlinks are not followed. */
static int
walk_dir(struct walk *wk, const char *rel, int fd)
{
	struct rst_objinfo info;
	struct dirent *de;
	struct stat sb;
	char *child;
	DIR *d;
	int cfd, r;

	if ((r = rst_storage_list_enter(wk->st, rel, &wk->nreq, wk->err)) != 0) {
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
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == -1)
			continue;	/* gone meanwhile */
		if ((child = rel[0] ? rst_path_join(rel, de->d_name) :
		    strdup(de->d_name)) == NULL) {
			r = rst_errf(wk->err, RST_ENOMEM, "out of memory");
			break;
		}
		if (S_ISDIR(sb.st_mode)) {
			cfd = openat(dirfd(d), de->d_name, O_RDONLY |
			    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
			if (cfd != -1)
				r = walk_dir(wk, child, cfd);
			else if (errno != ENOENT)	/* not gone meanwhile */
				r = open_fail("list ", child, wk->err);
		} else if (wk->include_tmp || !rst_storage_is_tmp(de->d_name)) {
			/* Symlinks and special files are listed (not followed),
			 * so that reading them fails visibly. */
			info.size = (uint64_t)sb.st_size;
			info.mtime = (int64_t)sb.st_mtime;
			r = wk->cb(wk->arg, child, &info);
		}
		free(child);
	}
	closedir(d);
	return r;
}

static int
file_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct walk wk = { st, include_tmp, cb, arg, err, 0 };
	const char *last;
	char *rel;
	int dfd = -1, fd, r;

	if ((rel = strdup(prefix)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	while (rel[0] && rel[strlen(rel) - 1] == '/')
		rel[strlen(rel) - 1] = '\0';
	if ((r = open_parent(st, "list ", rel, &dfd, &last, err)) != 0)
		goto out;
	fd = last[0] == '\0' ? dup(dfd) : openat(dfd, last, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		r = open_fail("list ", rel, err);
	else
		r = walk_dir(&wk, rel, fd);
 out:
	/* A folder that does not exist lists as empty. */
	if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	}
	if (dfd != -1)
		close(dfd);
	free(rel);
	return r;
}

static int
file_del(struct rst_storage *st, const char *name, struct rst_err *err)
{
	char *path, *dir;
	int r = 0;

	if ((path = full_path(st, name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if (unlink(path) == -1 && errno != ENOENT)
		r = rst_errno(err, RST_ESTORAGE, "delete %s", name);
	/* Remove folders left empty, up to the repository root. */
	while (r == 0 && (dir = rst_dirname(path)) != NULL) {
		struct file_repo *fr = st->priv;

		free(path);
		path = dir;
		if (strcmp(dir, fr->root) == 0 || rmdir(dir) == -1)
			break;
	}
	free(path);
	return r;
}

static int
file_stat(struct rst_storage *st, const char *name, struct rst_objinfo *info,
    struct rst_err *err)
{
	struct stat sb;
	const char *last;
	int dfd, r;

	if ((r = open_parent(st, "", name, &dfd, &last, err)) != 0)
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
	.open = file_open,
	.create = file_create,
	.write = file_write,
	.commit = file_commit,
	.abort = file_abort,
	.open_read = file_open_read,
	.read = file_read,
	.close_read = file_close_read,
	.list = file_list,
	.del = file_del,
	.stat = file_stat,
	.close = file_close,
};
