/* SPDX-License-Identifier: ISC */
/*
 * Anchoring the journal outside the host (RFC 3161).  The imprint of a
 * journal line is the SHA-256 of the line without its LF; a time-stamp
 * authority (the profile's timestamp group) signs it with its own time,
 * and the reply (a DER TimeStampResp, as `openssl ts -reply` writes it) is
 * kept as journal/PROFILE.tsr/SEQ.tsr in state_dir and in the repository.
 * A holder of the journal's signing key can rewrite the journal, but not
 * the TSA's signature: a token that no longer matches a line of the
 * journal shows the rewrite.  Tokens are matched to lines by imprint, the
 * file name is only a hint; they verify at their own genTime (-attime).
 */
#ifndef RESTORABLE_TSA_H
#define RESTORABLE_TSA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "restorable/config.h"
#include "restorable/crypto.h"
#include "restorable/err.h"
#include "restorable/storage.h"
#include "restorable/util.h"

#define RST_TSA_MAX	(64u << 10)	/* a token (reply) at most */

/* What a token says, read before (and whether or not) it verifies. */
struct rst_tsa_token {
	char		 imprint[RST_SHA256_HEX];	/* stamped SHA-256 */
	int64_t		 gen_time;	/* the TSA's time, seconds */
	char		 serial[80];	/* the TSA's serial number, hex */
};

/*
 * Read a stored token (a DER TimeStampResp) into *tok and verify it: status
 * granted, a SHA-256 imprint, and the TSA's signature with a certificate
 * chain to ca_file valid at the token's genTime.  RST_EINTEGRITY when it
 * is malformed or does not verify (*tok is filled when it could be read).
 */
int	rst_tsa_token_verify(const void *der, size_t len, const char *ca_file,
	    struct rst_tsa_token *tok, struct rst_err *) RST_MUST_CHECK;

/*
 * Ask the profile's TSA to stamp sha (32 bytes): a TimeStampReq with a
 * random nonce and certReq, POSTed as application/timestamp-query.  The
 * reply is checked (granted, imprint and nonce match, signature verifies
 * with timestamp.tsa_ca_file at its genTime) and returned in reply.
 * RST_ESTORAGE when the TSA cannot be reached or answers with an error,
 * RST_EINTEGRITY when its reply does not check.
 */
int	rst_tsa_stamp(const struct rst_profile *, const unsigned char *sha,
	    struct rst_buf *reply, struct rst_tsa_token *tok,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Stamp the last line of the profile's local journal (nothing when the
 * profile has no timestamp group) and store the token atomically as
 * state_dir/journal/NAME.tsr/SEQ.tsr and, when st is not NULL, as
 * journal/NAME.tsr/SEQ.tsr in the repository.  *seq (may be NULL) gets the
 * stamped line's seq.  A failure is the caller's warning, never a failed
 * backup.
 */
int	rst_journal_anchor(const struct rst_profile *, struct rst_storage *st,
	    struct rst_tsa_token *tok, uint64_t *seq, struct rst_err *)
	    RST_MUST_CHECK;

/*
 * rst_journal_anchor with its outcome logged: a warning when the stamp
 * could not be made (false), never an error.  st NULL: the repository is
 * opened here.
 */
bool	rst_journal_anchor_or_warn(const struct rst_profile *,
	    struct rst_storage *st);

/* RST_ECONFIG unless path holds at least one PEM certificate. */
int	rst_tsa_check_ca(const char *path, struct rst_err *) RST_MUST_CHECK;

#endif
