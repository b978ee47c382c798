/* SPDX-License-Identifier: ISC */
/*
 * Private to restore and drill: the writer that places verified archive
 * entries below one target folder descriptor.  Every path is resolved from
 * that descriptor without following symlinks; file data is hashed as it is
 * written and compared with the signed index before the file gets its
 * final name; every write, close and metadata call is checked.
 */
#ifndef RESTORABLE_SNAPSHOT_PLACE_H
#define RESTORABLE_SNAPSHOT_PLACE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>
#include <time.h>

#include "restorable/snapshot.h"

struct archive_entry;

struct rst_place_opts {
	bool		 overwrite;	/* replace what is in the way */
	bool		 keep_setid;	/* keep set-user/group-id bits */
	bool		 acls;		/* restore POSIX ACLs (not in drills) */
	/*
	 * Drill: final names directly (no temporary file), and a file whose
	 * content differs from the index is reported to changed() and kept,
	 * where a restore refuses it (RST_EINTEGRITY) and leaves no trace.
	 */
	bool		 direct;
	void		(*changed)(void *arg, const char *path);
	void		*arg;
	struct rst_stream	*stream;	/* for the cause of read errors */
	struct rst_progress	*prog;
};

/* A folder's mode and times, set once its contents are written. */
struct rst_place_dir {
	char		*path;
	unsigned	 mode;
	struct timespec	 ts[2];
};

struct rst_place {
	int			 root;		/* borrowed */
	char			*rootname;
	struct rst_place_opts	 o;
	char			*cur;		/* cached parent folder path */
	int			 curfd;		/* ... and its descriptor */
	struct rst_strset	 files;		/* placed regular files */
	struct rst_place_dir	*dirs;
	size_t			 ndirs, capdirs;
	bool			 root_user;
	/*
	 * A drill's fresh sandbox whose group is ours: every entry this
	 * process makes there already has owner euid and group egid.
	 */
	bool			 own_fresh;
	uid_t			 euid;
	gid_t			 egid;
	bool			 warned_xattr;
	uint64_t		 stripped;
	char			 cause[160];
};

/*
 * A writer below root (borrowed; rootname is for messages).  Write
 * failures (ENOSPC, EIO, EDQUOT, ...) are RST_ECHECK "not restored: CAUSE;
 * first file that could not be written: PATH"; anything the snapshot asks
 * for that is not allowed is RST_EINTEGRITY.
 */
int	rst_place_new(int root, const char *rootname,
	    const struct rst_place_opts *, struct rst_place **,
	    struct rst_err *) RST_MUST_CHECK;
/* Place one stream entry that matched index entry ie; *bytes += data. */
int	rst_place_entry(struct rst_place *, struct archive *,
	    struct archive_entry *, const struct rst_index_entry *,
	    uint64_t *bytes, struct rst_err *) RST_MUST_CHECK;
/* An entry the patterns leave out (a later hard link may name it). */
int	rst_place_skip(struct rst_place *, const struct rst_index_entry *,
	    struct rst_err *) RST_MUST_CHECK;
/* Folder modes and times (deepest first), then syncfs() of the target. */
int	rst_place_finish(struct rst_place *, struct rst_err *) RST_MUST_CHECK;
/* The system cause of a write failure ("" when none), for the journal. */
const char *rst_place_cause(const struct rst_place *);
/* How many set-id bits were stripped. */
uint64_t rst_place_stripped(const struct rst_place *);
void	rst_place_free(struct rst_place *);

/* place_file.c: a regular file's data and every entry's metadata. */
int	rst_place_write_fail(struct rst_place *, const char *path,
	    const char *what, int errnum, struct rst_err *) RST_MUST_CHECK;
int	rst_place_data(struct rst_place *, struct archive *,
	    struct archive_entry *, int fd, const char *path,
	    uint64_t *size, char hex[RST_SHA256_HEX], uint64_t *bytes,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_place_times(struct archive_entry *, struct timespec ts[2]);
/* The entry's mode, set-id bits stripped (and counted) unless kept. */
unsigned rst_place_mode(struct rst_place *, const struct rst_index_entry *);
/* Whether an entry made here must be given owner uid and group gid. */
bool	rst_place_chown_needed(const struct rst_place *, uid_t, gid_t);
/* Owner and attributes; with final, mode and times too. */
int	rst_place_meta(struct rst_place *, int fd, const char *path,
	    struct archive_entry *, const struct rst_index_entry *,
	    bool final, struct rst_err *) RST_MUST_CHECK;

/*
 * restore_range.c: a partial restore reads only runs of the stream.  A run
 * reads index entries first..last from rg (rst_stream_open_range).  An
 * encrypted snapshot is read in one run.
 */
struct rst_index_list;
struct rst_restore_run {
	size_t			 first, last;
	struct rst_stream_range	 rg;
};
/*
 * The entries of l its snapshot's own stream holds (those without "in"),
 * in order, into s: s->v is malloc'd, the entries borrowed from l (free
 * s->v only).
 */
int	rst_restore_stream_entries(const struct rst_index_list *,
	    struct rst_index_list *, struct rst_err *) RST_MUST_CHECK;
/* True when every entry of the index has a stream position. */
bool	rst_restore_ranged(const struct rst_manifest *,
	    const struct rst_index_list *);
/*
 * The runs (malloc'd, in stream order) covering the entries with sel[i]
 * set, no part in two runs; RST_EINTEGRITY when the positions do not
 * follow the stream.
 */
int	rst_restore_runs(const struct rst_manifest *,
	    const struct rst_index_list *, const bool *sel,
	    struct rst_restore_run **, size_t *, struct rst_err *)
	    RST_MUST_CHECK;

#endif
