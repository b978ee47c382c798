/* SPDX-License-Identifier: ISC */
/*
 * The journal: one append-only, hash-chained, Ed25519-signed JSON Lines
 * file per profile (FORMATS.md section 5), kept in state_dir and mirrored
 * to the repository with its signed head.  The state_dir copy is
 * authoritative; the repository copy must equal it or be a prefix of it.
 */
#ifndef RESTORABLE_JOURNAL_H
#define RESTORABLE_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

#include "restorable/config.h"
#include "restorable/err.h"
#include "restorable/storage.h"

/*
 * One record to append, as the operation ended: the writer derives
 * "result" and "exit" from code, and for a record that did not pass the
 * top-level "reason" (the error's registry code, or the one code stands
 * for) and data's "reasons" sentence (the error's message; for an
 * encrypted profile, a sentence naming no file).  data is borrowed and
 * not modified (a JSON object or NULL).
 */
struct rst_journal_rec {
	const char		*kind;	/* backup, verify, drill, prune, ... */
	int			 code;	/* RST_E* result; 0 = pass */
	const struct rst_err	*operr;	/* the operation's error, or NULL */
	json_t			*data;
};

/*
 * Append rec to the profile's local journal (creating it, bound to key's
 * public key), rewrite the signed head, and mirror both to the repository
 * when st is not NULL.  The local journal is verified first: appending to
 * a broken chain is refused (RST_EINTEGRITY).
 */
int	rst_journal_append(const struct rst_profile *, EVP_PKEY *key,
	    struct rst_storage *st, const struct rst_journal_rec *,
	    struct rst_err *) RST_MUST_CHECK;

struct rst_journal_check {
	uint64_t	 lines;		/* good lines */
	uint64_t	 bad_line;	/* 1-based first bad line, 0 if none */
	bool		 head_lag;	/* head one line behind: an append
					 * interrupted before the head */
	bool		 repo_checked;
	bool		 repo_reuploaded;
};

/*
 * Verify the local journal (chain, every signature, seq, head) and, when
 * st is not NULL, that the repository copy equals it or is a prefix of it
 * (then re-uploaded).  RST_EINTEGRITY naming the first bad line.
 */
int	rst_journal_verify(const struct rst_profile *, EVP_PKEY *key,
	    struct rst_storage *st, struct rst_journal_check *,
	    struct rst_err *) RST_MUST_CHECK;

/* Verify journal bytes in memory (used for the repository copy too). */
int	rst_journal_verify_bytes(const char *name, const void *, size_t,
	    const void *head, size_t headlen, EVP_PKEY *key,
	    struct rst_journal_check *, struct rst_err *) RST_MUST_CHECK;

/*
 * A signed head alone (a locked copy): its signature must verify with key;
 * *count and last (the SHA-256 of line count) are what it vouches for.
 */
int	rst_journal_head_read(const char *name, const void *head, size_t len,
	    EVP_PKEY *key, uint64_t *count, char last[65], struct rst_err *)
	    RST_MUST_CHECK;

/* Visit every verified record of a journal file, oldest first. */
typedef int (*rst_journal_cb)(void *arg, json_t *record);
int	rst_journal_foreach(const struct rst_profile *, EVP_PKEY *key,
	    rst_journal_cb, void *arg, struct rst_err *) RST_MUST_CHECK;

#endif
