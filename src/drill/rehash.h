/* SPDX-License-Identifier: ISC */
/* Private to the drill: re-hash a sandbox and remove it. */
#ifndef RESTORABLE_DRILL_REHASH_H
#define RESTORABLE_DRILL_REHASH_H

#include "restorable/drill.h"
#include "restorable/snapshot.h"

/* Compare the sandbox at root with the snapshot's index. */
int	rst_rehash(struct rst_storage *, const char *snapdir,
	    const struct rst_manifest *, const struct rst_age_identities *ids,
	    const char *root,
	    struct rst_drill_result *, struct rst_err *) RST_MUST_CHECK;
/* rm -rf root (no symlinks followed); unreadable folders made readable. */
int	rst_remove_tree(const char *root, struct rst_err *) RST_MUST_CHECK;

#endif
