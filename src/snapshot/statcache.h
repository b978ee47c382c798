/* SPDX-License-Identifier: ISC */
/*
 * Private to src/snapshot: the stat cache an incremental backup compares
 * the tree with (docs/FORMATS.md, "Stat cache").  It is the newest
 * snapshot's whole index with the stat fields the repository index does
 * not carry (inode, ctime, the full st_mode), kept under
 * state_dir/cache/PROFILE/ and tied to that snapshot's manifest SHA-256,
 * so that an encrypted profile backs up without its identity.
 */
#ifndef RST_SNAPSHOT_STATCACHE_H
#define RST_SNAPSHOT_STATCACHE_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include "restorable/snapshot.h"

#define RST_STATCACHE_RACY_S	RST_BACKUP_RACY_S

struct rst_cache_ent {
	char		*path;
	enum rst_entry_type type;
	uint64_t	 size;
	int64_t		 mtime_s, ctime_s;
	long		 mtime_ns, ctime_ns;
	uint64_t	 ino, nlink;
	unsigned	 mode;		/* st_mode, type bits included */
	char		 sha256[RST_SHA256_HEX];
	char		 in[RST_SNAP_ID_LEN + 1];	/* holds the data */
	bool		 reread;	/* racy: read it again next time */
	bool		 seen;		/* met by this backup's walk */
};

struct rst_statcache;

/* state_dir/cache/PROFILE/statcache (malloc'd). */
char	*rst_statcache_path(const struct rst_profile *);
/*
 * Load and check a cache: RST_ENOTFOUND when there is none,
 * RST_EINTEGRITY (naming the file) when its trailing SHA-256, its frame or
 * a line is bad or it belongs to another profile.
 */
int	rst_statcache_load(const char *path, const char *profile,
	    struct rst_statcache **, struct rst_err *) RST_MUST_CHECK;
/* The snapshot and manifest SHA-256 the cache describes. */
const char *rst_statcache_snapshot(const struct rst_statcache *);
const char *rst_statcache_manifest(const struct rst_statcache *);
/* The entry of a path (as in the index), or NULL. */
struct rst_cache_ent *rst_statcache_find(struct rst_statcache *,
	    const char *path);
/* Visit every entry in the cached snapshot's order. */
size_t	rst_statcache_count(const struct rst_statcache *);
struct rst_cache_ent *rst_statcache_at(struct rst_statcache *, size_t i);
void	rst_statcache_free(struct rst_statcache *);

/*
 * Whether a walked file still is the cached one: size, mtime, ctime, inode
 * and mode (ctime and inode unless ignored), never the device.
 */
bool	rst_statcache_same(const struct rst_cache_ent *, const struct stat *,
	    bool ignore_inode, bool ignore_ctime);
/* Append one entry's line (with LF) to buf. */
int	rst_statcache_line(struct rst_buf *, const struct rst_cache_ent *,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * A private cache file under state_dir: text zstd-compressed with its
 * trailing SHA-256, written atomically (mode 0600; folders 0700); load
 * gives RST_ENOTFOUND when absent, RST_EINTEGRITY when the hash or the
 * frame is bad.  The stat cache and the base index (baseindex.c) use it.
 */
int	rst_cache_file_save(const char *path, const struct rst_buf *text,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_cache_file_load(const char *path, struct rst_buf *text,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Write header + lines (as rst_statcache_line made them), compressed,
 * with the trailing SHA-256, to path atomically (mode 0600; folders 0700).
 */
int	rst_statcache_save(const char *path, const char *profile,
	    const char *snapshot, const char *manifest_sha256,
	    const struct rst_buf *lines, struct rst_err *) RST_MUST_CHECK;

#endif
