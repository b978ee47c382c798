/* SPDX-License-Identifier: ISC */
/* Private to the drill: its sandbox, the missing/extra walk, removal. */
#ifndef RESTORABLE_DRILL_REHASH_H
#define RESTORABLE_DRILL_REHASH_H

#include "restorable/drill.h"
#include "restorable/snapshot.h"

struct rst_sandbox {
	int			 basefd;	/* the scratch folder */
	int			 fd;		/* the sandbox */
	char			*name;		/* below basefd */
	char			*path;		/* base/name, for checks */
	bool			 made;
	struct rst_strset	 known;		/* index paths and parents */
};

/*
 * A fresh 0700 sandbox below base, which must be ours with mode 0700
 * (created so if missing) below trusted ancestors (RST_ECONFIG otherwise).
 */
int	rst_sandbox_open(const char *base, const char *profile,
	    struct rst_sandbox *, struct rst_err *) RST_MUST_CHECK;
/* rst_restore_opts.indexed for a drill: remember the index's paths. */
int	rst_sandbox_indexed(void *sandbox, const struct rst_index_entry *,
	    struct rst_err *) RST_MUST_CHECK;
/* Walk the sandbox: extras and missing entries noted in res. */
int	rst_sandbox_check(struct rst_sandbox *, struct rst_drill_result *,
	    struct rst_err *) RST_MUST_CHECK;
/* Close, and remove the sandbox unless keep (no symlink followed). */
int	rst_sandbox_close(struct rst_sandbox *, bool keep, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * remove.c: rm -rf of name below fd without following a symlink (files
 * unlinked by a few threads at once, then the folders).
 */
int	rst_sandbox_remove(int fd, const char *name, struct rst_err *)
	    RST_MUST_CHECK;
/* A path in LIST ("missing", "extra", "changed"): counted and kept. */
void	rst_drill_note(struct rst_drill_result *, const char *list,
	    const char *path);

#endif
