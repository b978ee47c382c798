/* SPDX-License-Identifier: ISC */
/*
 * Looking inside snapshots without restoring them (ls, find, diff and
 * restore --dry-run): a snapshot's index, verified against the signed
 * manifest and kept decrypted in a small private cache under state_dir;
 * the one rule for restore patterns; and entries printed safely.
 */
#ifndef RESTORABLE_BROWSE_H
#define RESTORABLE_BROWSE_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/snapshot.h"

/*
 * A snapshot's index entries, in stream order until sorted.  want, when
 * set before the list is filled, keeps only the entries whose path it
 * accepts (lines are then parsed only when their path is wanted).
 */
struct rst_index_list {
	struct rst_index_entry	*v;
	size_t			 n;
	bool			(*want)(void *, const char *path);
	void			*want_arg;
};

/*
 * The index of a loaded snapshot (dir "snapshots/P/ID", its manifest and
 * the manifest's SHA-256), every byte checked against the manifest before
 * it is parsed: from the cache when a cached copy still matches the signed
 * manifest, else fetched once, decrypted with ids and cached.  A tampered
 * index object is RST_EINTEGRITY naming it.
 */
int	rst_index_get(const struct rst_profile *, struct rst_storage *,
	    const char *dir, const struct rst_manifest *,
	    const char *manifest_sha256, const struct rst_age_identities *,
	    struct rst_index_list *, struct rst_err *) RST_MUST_CHECK;
/*
 * The same (p may be NULL: no cache), and for an index compressed against
 * its base's (patch_from), base is that base's plain index when the caller
 * has it already (rst_index_get_plain), NULL to fetch it.
 */
int	rst_index_get_pre(const struct rst_profile *, struct rst_storage *,
	    const char *dir, const struct rst_manifest *,
	    const char *manifest_sha256, const struct rst_age_identities *,
	    const struct rst_buf *base, struct rst_index_list *,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * A full's index as plain JSON lines, got as rst_index_get gets it: the
 * prefix the indexes of its chain's incrementals are compressed against.
 */
int	rst_index_get_plain(const struct rst_profile *, struct rst_storage *,
	    const char *dir, const struct rst_manifest *,
	    const char *manifest_sha256, const struct rst_age_identities *,
	    struct rst_buf *out, struct rst_err *) RST_MUST_CHECK;
/* Parse plain index lines (rst_index_get_plain's); name for messages. */
int	rst_index_list_plain(const struct rst_buf *plain, const char *name,
	    struct rst_index_list *, struct rst_err *) RST_MUST_CHECK;
/* The same from a snapshot id: loads and verifies the manifest first. */
int	rst_index_get_id(const struct rst_profile *, struct rst_storage *,
	    EVP_PKEY *, const struct rst_age_identities *, const char *id,
	    struct rst_index_list *, struct rst_err *) RST_MUST_CHECK;
/* Sort by path (bytewise) for lookups and merges. */
void	rst_index_list_sort(struct rst_index_list *);
void	rst_index_list_release(struct rst_index_list *);

/*
 * Restore's selection rule, used by every command taking PATTERNs: a path
 * is selected when a pattern matches it with fnmatch(3) without
 * FNM_PATHNAME, or when the pattern (leading and trailing "/" dropped) is
 * the path or one of its parent folders.  No patterns select everything.
 * matched[i] (when not NULL) is set for each pattern that matched.
 */
bool	rst_pattern_match(char *const *pats, size_t n, const char *path,
	    bool *matched);
/*
 * Each pattern that matched nothing: "PATTERN: not found in WHERE"
 * (the last in err, earlier ones logged); returns code, or 0 when every
 * pattern matched.
 */
int	rst_pattern_unmatched(char *const *pats, size_t n, const bool *matched,
	    int code, const char *where, struct rst_err *);
/*
 * path without its first n components (restore --strip); NULL when
 * nothing is left.
 */
const char *rst_path_strip(const char *path, unsigned n);

/* True when an operand names a snapshot: latest, random or an id. */
bool	rst_snap_operand(const char *);
/*
 * latest, random (among snapshots whose manifest verifies) or an id.  A
 * committed folder whose manifest does not verify that the choice passed
 * over (for latest, a newer one, as rst_snapshot_resolve() has it; for
 * random, any) is the integrity finding left in skipped (when not NULL
 * and still clear), its message saying what was picked instead; the
 * command does its work, then ends with rst_snapshot_pick_end().
 */
int	rst_snapshot_pick(struct rst_storage *, const char *profile,
	    const char *snap, EVP_PKEY *, char **id, struct rst_err *skipped,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * A command on what rst_snapshot_pick() chose that succeeded (r 0) ends
 * in the finding it left in skipped, exit 4 naming the folder (decision
 * 1); otherwise r.
 */
int	rst_snapshot_pick_end(const struct rst_err *skipped, int r,
	    struct rst_err *err);

/* Name for terminals: control bytes, "\" and non-UTF-8 bytes as \xNN. */
char	*rst_text_escape(const char *);
/* An entry as JSON (path_b64 / target_b64 for non-UTF-8 names). */
json_t	*rst_entry_json(const struct rst_index_entry *);
/*
 * "TYPE MODE SIZE MTIME [SHA256] PATH[ -> TARGET]" for terminals, names
 * escaped; malloc'd.
 */
char	*rst_entry_text(const struct rst_index_entry *, bool sha);

#endif
