/* SPDX-License-Identifier: ISC */
/*
 * The source tree walker the backup reads through.  Depth first, names in
 * byte order within a directory (reproducible archives), symlinks never
 * followed, every descent relative to its parent's descriptor so a path
 * swapped for a symlink while the walk runs cannot lead it outside the
 * tree.  Regular files and directories are handed over open: the caller
 * reads metadata and data from one descriptor, with no second lookup.
 */
#ifndef RESTORABLE_WALK_H
#define RESTORABLE_WALK_H

#include <stdbool.h>
#include <sys/stat.h>

#include "restorable/err.h"

struct rst_walk_ent {
	const char	*path;	/* as walked: the root, then root/name/... */
	struct stat	 st;	/* fstat of fd when open, else lstat */
	int		 fd;	/* regular file or directory opened read-only
				 * (closed by the walker), or -1 */
};

struct rst_walk_ops {
	/* Leave PATH (of file type TYPE, S_IFMT bits) out, unopened. */
	bool	(*skip)(void *arg, const char *path, mode_t type);
	/*
	 * One entry.  Regular files come open; a file that cannot be opened
	 * goes to error() instead.  A directory comes open, or with fd -1
	 * when it cannot be read (it is then not descended and error()
	 * follows).  Nonzero stops the walk with that code.
	 */
	int	(*entry)(void *arg, const struct rst_walk_ent *);
	/* PATH could not be read or listed (ENOENT: it vanished). */
	void	(*error)(void *arg, const char *path, int errnum);
};

/*
 * Walk ROOT (which must exist: an error otherwise).  Returns 0, the first
 * nonzero entry() result, or an error code with ERR set (out of memory,
 * out of descriptors).
 */
int	rst_walk(const char *root, const struct rst_walk_ops *, void *arg,
	    struct rst_err *) RST_MUST_CHECK;

#endif
