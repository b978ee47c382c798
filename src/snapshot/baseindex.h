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

#endif
