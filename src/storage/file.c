/* SPDX-License-Identifier: ISC */
/*
 * The file:// backend.  An object is written to NAME.tmp-XXXXXX in its
 * final folder, fsynced, renamed into place and the folder fsynced, so a
 * crash leaves either the old state or the whole new object.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
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

static int
file_open_read(struct rst_storage *st, struct rst_objreader *rd,
    struct rst_err *err)
{
	struct file_reader *fr;
	struct stat sb;
	char *path;
	int fd;

	if ((path = full_path(st, rd->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd == -1) {
		if (errno == ENOENT)
			return rst_errf(err, RST_ENOTFOUND, "%s: missing",
			    rd->name);
		return rst_errno(err, RST_ESTORAGE, "%s", rd->name);
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (fr = calloc(1, sizeof(*fr))) == NULL) {
		close(fd);
		return rst_errf(err, RST_ESTORAGE, "%s: not a regular file",
		    rd->name);
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

struct walk {
	struct rst_storage *st;
	bool		 include_tmp;
	rst_list_cb	 cb;
	void		*arg;
	struct rst_err	*err;
};

static int
walk_dir(struct walk *wk, const char *rel)
{
	struct file_repo *fr = wk->st->priv;
	struct rst_objinfo info;
	struct dirent *de;
	struct stat sb;
	char *dirpath, *child, *childpath;
	DIR *d;
	int r = 0;

	dirpath = rel[0] ? rst_path_join(fr->root, rel) : strdup(fr->root);
	if (dirpath == NULL)
		return rst_errf(wk->err, RST_ENOMEM, "out of memory");
	if ((d = opendir(dirpath)) == NULL) {
		r = errno == ENOENT ? 0 :
		    rst_errno(wk->err, RST_ESTORAGE, "list %s", rel);
		free(dirpath);
		return r;
	}
	while (r == 0 && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		child = rel[0] ? rst_path_join(rel, de->d_name) :
		    strdup(de->d_name);
		childpath = child ? rst_path_join(fr->root, child) : NULL;
		if (childpath == NULL) {
			free(child);
			r = rst_errf(wk->err, RST_ENOMEM, "out of memory");
			break;
		}
		if (lstat(childpath, &sb) == 0 && S_ISDIR(sb.st_mode))
			r = walk_dir(wk, child);
		else if (S_ISREG(sb.st_mode) &&
		    (wk->include_tmp || !rst_storage_is_tmp(de->d_name))) {
			info.size = (uint64_t)sb.st_size;
			info.mtime = (int64_t)sb.st_mtime;
			r = wk->cb(wk->arg, child, &info);
		}
		free(child);
		free(childpath);
	}
	closedir(d);
	free(dirpath);
	return r;
}

static int
file_list(struct rst_storage *st, const char *prefix, bool include_tmp,
    rst_list_cb cb, void *arg, struct rst_err *err)
{
	struct walk wk = { st, include_tmp, cb, arg, err };
	char *rel;
	int r;

	if ((rel = strdup(prefix)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	while (rel[0] && rel[strlen(rel) - 1] == '/')
		rel[strlen(rel) - 1] = '\0';
	r = walk_dir(&wk, rel);
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
	char *path;
	int r;

	if ((path = full_path(st, name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = stat(path, &sb);
	free(path);
	if (r == -1) {
		if (errno == ENOENT)
			return rst_errf(err, RST_ENOTFOUND, "%s: missing", name);
		return rst_errno(err, RST_ESTORAGE, "stat %s", name);
	}
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
	.rewind = file_rewind,
	.close_read = file_close_read,
	.list = file_list,
	.del = file_del,
	.stat = file_stat,
	.close = file_close,
};
