/* SPDX-License-Identifier: ISC */
/*
 * Private to src/snapshot: whether a profile encrypted by passphrase still
 * has the passphrase its newest snapshot was made with (DESIGN.md decision
 * 14: a change of encryption starts a new chain).  The repository cannot
 * tell (every passphrase gives the same recipients_sha256), and nothing
 * derived from the passphrase may go there: the proof is a salted scrypt
 * tag kept only in state_dir/cache/PROFILE/passphrase-tag (0600, a cache
 * file as the stat cache's), tied to the manifest SHA-256 of the snapshot
 * it was written with.
 */
#ifndef RST_SNAPSHOT_PASSTAG_H
#define RST_SNAPSHOT_PASSTAG_H

#include "restorable/snapshot.h"

#define RST_PASSTAG_LEN		32
#define RST_PASSTAG_SALT	16

/* scrypt(passphrase, salt) of the profile (keys.c). */
int	rst_profile_passphrase_tag(const struct rst_profile *,
	    const unsigned char *salt, size_t saltlen,
	    unsigned char tag[RST_PASSTAG_LEN], struct rst_err *)
	    RST_MUST_CHECK;

/* Does the profile encrypt by passphrase (no recipients)? */
bool	rst_passtag_needed(const struct rst_profile *);
/* Write a new salt and tag for snapshot manifest msha. */
int	rst_passtag_save(const struct rst_profile *, const char *msha,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * 1 when the tag of snapshot msha matches the passphrase now; 0 when it
 * does not, or is missing, damaged or of another snapshot, with why;
 * negative on an error of this run (memory, the passphrase unreadable).
 */
int	rst_passtag_same(const struct rst_profile *, const char *msha,
	    char *why, size_t whylen, struct rst_err *) RST_MUST_CHECK;

#endif
