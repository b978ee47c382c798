/* SPDX-License-Identifier: ISC */
/*
 * The backup's reading side: a thread that walks the profile's paths,
 * reads each entry's metadata and data, hashes file contents and hands
 * everything over, in archive order, through a bounded queue.  The
 * archiving side (backup.c) takes items with rst_collect_next() and only
 * writes headers, data and index lines.  Private to src/snapshot.
 */
#ifndef RST_SNAPSHOT_COLLECT_H
#define RST_SNAPSHOT_COLLECT_H

#include <stdbool.h>
#include <stdint.h>

#include <sys/stat.h>

#include <archive_entry.h>

#include "restorable/snapshot.h"
#include "statcache.h"

/*
 * One item.  The first item of an entry carries its archive entry (the
 * header to write); a regular file's data follows in that and further
 * items, as bytes or as a run of zeros (a hole, or padding for a file
 * that shrank while it was read), exactly archive_entry_size() in all.
 * The last item of an entry says so and, for a regular file (not a
 * hardlink), holds its SHA-256 and whether it changed while it was read.
 */
struct rst_collect_item {
	struct archive_entry	*e;	/* first item of an entry, else NULL */
	/*
	 * First item, incremental backups: the walk's stat and when it was
	 * taken; unchanged when the stat cache vouches for a regular file,
	 * whose data then stays unread (sha256 and in from the cache).
	 */
	struct stat		 st;
	int64_t			 read_s;
	bool			 unchanged;
	bool			 stale;		/* unreadable: the old one */
	char			 in[RST_SNAP_ID_LEN + 1];
	unsigned char		*data;
	size_t			 len;
	uint64_t		 zeros;
	bool			 last;
	bool			 changed;
	char			 sha256[RST_SHA256_HEX];
	struct rst_collect_item	*next;
};

struct rst_collect;

/*
 * Start reading the profile's paths (roots in byte order).  RES receives
 * the reader's counts (unreadable, changed, vanished); read them after
 * rst_collect_finish().  With a stat cache (an incremental), the walk
 * marks the cache entries it meets (same path, same type) as seen.
 */
int	rst_collect_start(struct rst_collect **, const struct rst_profile *,
	    struct rst_statcache *cache, struct rst_backup_result *res,
	    struct rst_err *) RST_MUST_CHECK;
/* The next item, NULL at the end. */
struct rst_collect_item *rst_collect_next(struct rst_collect *);
/* Done with IT: it goes back to the reading side to be freed there. */
void	rst_collect_done(struct rst_collect *, struct rst_collect_item *);
/*
 * Stop (at once when ABANDON: the archiving side failed), wait for the
 * thread and free everything.  Returns the reading side's error, if any.
 */
int	rst_collect_finish(struct rst_collect *, bool abandon,
	    struct rst_err *);

#endif
