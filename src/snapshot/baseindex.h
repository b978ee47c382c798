/* SPDX-License-Identifier: ISC */
/*
 * Private to src/snapshot: the base index cache (docs/FORMATS.md, "Index
 * against the base").  A full made by a profile with an incremental group
 * leaves its plain index under state_dir/cache/PROFILE/base-index (a
 * cache file as the stat cache's, tied to the full's id and manifest
 * SHA-256); the incrementals of its chain compress their index against
 * it, so that an unchanged file costs a few bytes of index instead of its
 * whole line, and an encrypted profile still backs up without identity.
 */
#ifndef RST_SNAPSHOT_BASEINDEX_H
#define RST_SNAPSHOT_BASEINDEX_H

#include "restorable/snapshot.h"

/* Keep the plain index of full snapshot id (manifest SHA-256 msha). */
int	rst_baseindex_save(const struct rst_profile *, const char *id,
	    const char *msha, const struct rst_buf *plain, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * The cached plain index of base id, msha into plain: RST_ENOTFOUND when
 * there is none, RST_EINTEGRITY when it is damaged or another snapshot's.
 */
int	rst_baseindex_load(const struct rst_profile *, const char *id,
	    const char *msha, struct rst_buf *plain, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * The prefix of an index with patch_from "base-in" (docs/FORMATS.md,
 * "Index against the base"): the base's plain index, where each line of
 * a file or hard link that ends with its stream position
 * (,"zframe":N,"zoff":M}) ends instead with ,"in":"BASE"}, base_id being
 * BASE: the very line an unchanged file has in an incremental.
 */
int	rst_baseindex_with_in(const struct rst_buf *plain, const char *base_id,
	    struct rst_buf *out, struct rst_err *) RST_MUST_CHECK;
/* rst_baseindex_load, then rst_baseindex_with_in over it into out. */
int	rst_baseindex_load_in(const struct rst_profile *, const char *id,
	    const char *msha, struct rst_buf *out, struct rst_err *)
	    RST_MUST_CHECK;
/*
 * The prefix m's index (patch_from) is compressed against, from its
 * base's plain index: plain itself for "base", derived into tmp for
 * "base-in"; *use points at the one to use.
 */
int	rst_baseindex_prefix(const struct rst_manifest *m,
	    const struct rst_buf *plain, struct rst_buf *tmp,
	    const struct rst_buf **use, struct rst_err *) RST_MUST_CHECK;

#endif
