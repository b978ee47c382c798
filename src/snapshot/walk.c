/* SPDX-License-Identifier: ISC */
/*
 * The source tree walker.  Per regular file it costs one openat and one
 * fstat when the directory reports the file type (d_type), which is what
 * makes trees of many small files fast; everything else (metadata, data,
 * change detection) is the caller's work on the open descriptor.
 *
 * A directory's names are read in full, sorted, then visited with its
 * descriptor open; open descriptors grow with depth only.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/util.h"
#include "restorable/walk.h"

#define OPEN_FLAGS	(O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | \
			 O_CLOEXEC)

struct walk {
	const struct rst_walk_ops *ops;
	void			*arg;
	struct rst_err		*err;
	char			*path;		/* current path, NUL-terminated */
	size_t			 len;
	size_t			 cap;
};

struct name {
	char		*s;
	unsigned char	 type;		/* d_type */
};

static int	list_dir(struct walk *, int fd);

static mode_t
dtype_mode(unsigned char t)
{
	switch (t) {
	case DT_REG:
		return S_IFREG;
	case DT_DIR:
		return S_IFDIR;
	case DT_LNK:
		return S_IFLNK;
	default:
		return 0;	/* unknown or special: ask lstat */
	}
}

/* Append "/NAME" (or "NAME" after a trailing slash); returns old length. */
static int
path_push(struct walk *w, const char *name, size_t *old)
{
	size_t n = strlen(name), need;
	char *p;

	*old = w->len;
	need = w->len + 1 + n + 1;
	if (need > w->cap) {
		size_t cap = w->cap ? w->cap : 256;

		while (cap < need)
			cap *= 2;
		if ((p = realloc(w->path, cap)) == NULL)
			return rst_errf(w->err, RST_ENOMEM, "out of memory");
		w->path = p;
		w->cap = cap;
	}
	if (w->len > 0 && w->path[w->len - 1] != '/')
		w->path[w->len++] = '/';
	memcpy(w->path + w->len, name, n + 1);
	w->len += n;
	return 0;
}

static void
path_pop(struct walk *w, size_t old)
{
	w->len = old;
	w->path[old] = '\0';
}

/*
 * Open a regular file or directory named NAME in DFD and check, on the
 * descriptor, that it is still of type TYPE.  Returns the descriptor, -1
 * with errno set when it cannot be opened, or -2 when it is no longer of
 * that type (replaced while the walk ran: look again).
 */
static int
open_typed(int dfd, const char *name, mode_t type, struct stat *st)
{
	int fd, saved;

	fd = openat(dfd, name, OPEN_FLAGS | (type == S_IFDIR ? O_DIRECTORY :
	    0));
	if (fd == -1)
		return (errno == ELOOP || errno == ENOTDIR) ? -2 : -1;
	if (fstat(fd, st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	if ((st->st_mode & S_IFMT) != type) {
		close(fd);
		return -2;
	}
	return fd;
}

static int
visit(struct walk *w, int dfd, const char *name, unsigned char dtype)
{
	struct rst_walk_ent ent;
	mode_t type = dtype_mode(dtype);
	int r, tries = 0, open_errno = 0;

	memset(&ent, 0, sizeof(ent));
	ent.path = w->path;
	ent.fd = -1;
 again:
	if ((type != S_IFREG && type != S_IFDIR) || tries > 0) {
		if (fstatat(dfd, name, &ent.st, AT_SYMLINK_NOFOLLOW) == -1) {
			w->ops->error(w->arg, w->path, errno);
			return 0;
		}
		type = ent.st.st_mode & S_IFMT;
	}
	if (tries == 0 && w->ops->skip(w->arg, w->path, type))
		return 0;
	if (type == S_IFREG || type == S_IFDIR) {
		struct stat st;

		ent.fd = open_typed(dfd, name, type, &st);
		if (ent.fd == -2 && tries++ == 0)
			goto again;
		if (ent.fd >= 0)
			ent.st = st;
		else {
			int e = ent.fd == -2 ? ENOENT : errno;

			ent.fd = -1;
			if (e == EMFILE || e == ENFILE)
				return rst_errf(w->err, RST_EIO, "%s: %s",
				    w->path, strerror(e));
			/* A file we cannot open, or a directory gone. */
			if (type == S_IFREG || (fstatat(dfd,
			    name, &ent.st, AT_SYMLINK_NOFOLLOW) == -1) ||
			    (ent.st.st_mode & S_IFMT) != S_IFDIR) {
				w->ops->error(w->arg, w->path, e);
				return 0;
			}
			open_errno = e;
		}
	}
	if (tries > 0 && w->ops->skip(w->arg, w->path, type)) {
		if (ent.fd >= 0)
			close(ent.fd);
		return 0;
	}
	if ((r = w->ops->entry(w->arg, &ent)) != 0) {
		if (ent.fd >= 0)
			close(ent.fd);
		return r;
	}
	if (type != S_IFDIR)
		r = 0;
	else if (ent.fd == -1) {
		w->ops->error(w->arg, w->path, open_errno);
		r = 0;
	} else {
		r = list_dir(w, ent.fd);	/* takes the descriptor */
		ent.fd = -1;
	}
	if (ent.fd >= 0)
		close(ent.fd);
	return r;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->s, ((const struct name *)b)->s);
}

static void
names_free(struct name *v, size_t n)
{
	while (n > 0)
		free(v[--n].s);
	free(v);
}

/* Read every name of the directory open as D. */
static int
read_names(struct walk *w, DIR *d, struct name **out, size_t *outn)
{
	struct dirent *de;
	struct name *v = NULL, *nv;
	size_t n = 0, cap = 0;

	for (;;) {
		errno = 0;
		if ((de = readdir(d)) == NULL)
			break;
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = reallocarray(v, cap, sizeof(*v))) == NULL)
				goto nomem;
			v = nv;
		}
		if ((v[n].s = strdup(de->d_name)) == NULL)
			goto nomem;
		v[n++].type = de->d_type;
	}
	if (errno != 0)
		w->ops->error(w->arg, w->path, errno);
	if (n > 1)
		qsort(v, n, sizeof(*v), name_cmp);
	*out = v;
	*outn = n;
	return 0;
 nomem:
	names_free(v, n);
	return rst_errf(w->err, RST_ENOMEM, "out of memory");
}

static int
list_dir(struct walk *w, int fd)
{
	struct name *v = NULL;
	size_t n = 0, i, old;
	DIR *d;
	int r;

	if ((d = fdopendir(fd)) == NULL) {
		r = rst_errno(w->err, RST_EIO, "%s", w->path);
		close(fd);
		return r;
	}
	r = read_names(w, d, &v, &n);
	for (i = 0; r == 0 && i < n; i++) {
		if ((r = path_push(w, v[i].s, &old)) != 0)
			break;
		r = visit(w, dirfd(d), v[i].s, v[i].type);
		path_pop(w, old);
	}
	names_free(v, n);
	closedir(d);
	return r;
}

int
rst_walk(const char *root, const struct rst_walk_ops *ops, void *arg,
    struct rst_err *err)
{
	struct walk w;
	struct stat st;
	size_t old;
	int r;

	if (lstat(root, &st) == -1)
		return rst_errno(err, RST_EIO, "%s", root);
	memset(&w, 0, sizeof(w));
	w.ops = ops;
	w.arg = arg;
	w.err = err;
	if ((r = path_push(&w, root, &old)) == 0)
		r = visit(&w, AT_FDCWD, root, DT_UNKNOWN);
	free(w.path);
	return r;
}
