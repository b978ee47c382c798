/* SPDX-License-Identifier: ISC */
/*
 * Private to src/snapshot: whether a backup makes a full or an
 * incremental, and onto what (DESIGN.md decisions 12-14).
 */
#ifndef RST_SNAPSHOT_CHAIN_H
#define RST_SNAPSHOT_CHAIN_H

#include <stdbool.h>

#include "restorable/snapshot.h"

struct rst_statcache;

struct rst_chain_choice {
	bool		 incremental;
	char		 parent_id[RST_SNAP_ID_LEN + 1];
	char		 parent_sha256[RST_SHA256_HEX];
	char		 base_id[RST_SNAP_ID_LEN + 1];
	char		 base_sha256[RST_SHA256_HEX];
	size_t		 depth;		/* the new snapshot's chain position */
	/*
	 * For a profile with an incremental group that makes a full: the
	 * reason code (forced, full_due, max_chain, no_parent, no_cache,
	 * cache_invalid, cache_stale, parent_unusable, recipients_changed)
	 * and a sentence; NULL otherwise.
	 */
	const char	*reason;
	char		 detail[600];
	struct rst_statcache *cache;	/* the parent's, for an incremental */
	struct rst_chain *chain;	/* the parent's chain, likewise */
};

/*
 * Decide for the profile's next backup.  Only storage and memory
 * failures are errors; anything wrong with the newest snapshot, its chain
 * or the cache makes a full, with the reason in ch.
 */
int	rst_chain_choose(const struct rst_profile *, struct rst_storage *,
	    EVP_PKEY *, bool force_full, int64_t now,
	    const char *recipients_sha256, struct rst_chain_choice *,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_chain_choice_release(struct rst_chain_choice *);

#endif
