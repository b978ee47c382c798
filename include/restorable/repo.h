/* SPDX-License-Identifier: ISC */
/*
 * The repository's layout and the profile's local state: where each
 * object lives, the bootstrap of a repository and the rule that a profile
 * name belongs to one key, and the per-profile lock in state_dir.  Every
 * other module asks here rather than spell a name itself.
 */
#ifndef RESTORABLE_REPO_H
#define RESTORABLE_REPO_H

#include <stdint.h>

#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/storage.h"

/*
 * Make sure the repository has restorable.json and keys/PROFILE.pub, and
 * that the latter is key's: a profile name belongs to one key
 * (RST_EINTEGRITY "profile name already used by another key").
 */
int	rst_repo_prepare(struct rst_storage *, const char *profile, EVP_PKEY *,
	    struct rst_err *) RST_MUST_CHECK;

/* Who holds a profile's lock, as its holder wrote it into the lock file. */
struct rst_lock_holder {
	long		 pid;
	char		 host[256];
	char		 command[32];
	int64_t		 started;	/* real time, seconds; 0 = unknown */
};

/*
 * Per-profile lock in state_dir, taken for `command`; RST_ELOCKED when
 * another process holds it, and then *holder (if not NULL) says who.
 */
int	rst_lock_take(const struct rst_profile *, const char *command, int *fd,
	    struct rst_lock_holder *holder, struct rst_err *) RST_MUST_CHECK;
void	rst_lock_release(int fd);

#endif
