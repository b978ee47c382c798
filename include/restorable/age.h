/* SPDX-License-Identifier: ISC */
/*
 * age v1 encryption (c2sp.org/age) on OpenSSL 3, interoperable with the
 * stock age and age-keygen tools: X25519 recipients ("age1...") and
 * identities ("AGE-SECRET-KEY-1..."), scrypt passphrases, the textual
 * header with its MAC and the STREAM payload in 64 KiB chunks.
 *
 * Encryption is a push-model pipeline stage; decryption is a pull-model
 * reader fed by a callback.  Both hold one 64 KiB chunk buffer whatever
 * the stream size.  The reader also accepts the ASCII armor
 * ("-----BEGIN AGE ENCRYPTED FILE-----"); nothing here writes it.
 *
 * Every failure to decrypt (malformed header or armor, no matching
 * identity, bad header MAC, bad or truncated payload) is RST_EINTEGRITY
 * with a message saying which; key and configuration problems are
 * RST_ECONFIG.  Secrets are wiped with OPENSSL_cleanse when freed and
 * never appear in error messages.
 */
#ifndef RESTORABLE_AGE_H
#define RESTORABLE_AGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <openssl/evp.h>

#include "restorable/err.h"
#include "restorable/pipeline.h"

#define RST_AGE_CHUNK		65536	/* plaintext bytes per STREAM chunk */
#define RST_AGE_SCRYPT_DEFAULT	18	/* log2 N used by age -p */
#define RST_AGE_SCRYPT_MAX	22	/* highest log2 N accepted anywhere */

/*
 * Recipients: either X25519 public keys or exactly one scrypt passphrase,
 * never both (age allows an scrypt stanza only alone in a header).  The
 * fields (at the end of this file) are private to the age module.
 */
struct rst_age_recipients;

/* An empty set; *out is NULL on failure. */
int	rst_age_recipients_new(struct rst_age_recipients **out,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Add an "age1..." recipient (bech32, lowercase, 32-byte X25519 key).
 * RST_ECONFIG naming the string when the checksum, case or length is
 * wrong, or when a passphrase is already set.
 */
int	rst_age_recipients_add(struct rst_age_recipients *, const char *age1,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Use a passphrase (copied; len bytes, not empty) with scrypt work factor
 * log2n (0 = RST_AGE_SCRYPT_DEFAULT; 1..RST_AGE_SCRYPT_MAX).  RST_ECONFIG
 * when an X25519 recipient or a passphrase is already set, or when the work
 * factor is out of range ("scrypt work factor too high").
 */
int	rst_age_recipients_set_passphrase(struct rst_age_recipients *,
	    const char *pass, size_t len, int log2n, struct rst_err *)
	    RST_MUST_CHECK;
/* Number of stanzas a header for this set has (0 when empty). */
size_t	rst_age_recipients_count(const struct rst_age_recipients *);
void	rst_age_recipients_free(struct rst_age_recipients *);	/* NULL-safe */

/*
 * Encrypting stage.  The file key, stanzas, header MAC and payload nonce
 * are made here (scrypt runs now); the header is written into next on the
 * first write, or by finish for an empty stream, followed by the STREAM
 * chunks.  The recipients are borrowed for the call only.  Returns NULL
 * with err set on failure (RST_ECONFIG for an empty recipient set).
 */
struct rst_stage *rst_stage_age_new(const struct rst_age_recipients *,
	    struct rst_stage *next, struct rst_err *);

/*
 * Identities: X25519 secret keys and passphrases tried, in order, against
 * each stanza of a header.  Fields private to the age module.
 */
struct rst_age_identities;

int	rst_age_identities_new(struct rst_age_identities **out,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Parse text in age's identity file format: "AGE-SECRET-KEY-1..." lines
 * (uppercase bech32), lines starting with '#' and empty lines; LF or CRLF.
 * At least one identity is required.  Errors are RST_ECONFIG with the line
 * number (never the line).  *out is set only on success.
 */
int	rst_age_identities_parse(const char *text, size_t len,
	    struct rst_age_identities **out, struct rst_err *) RST_MUST_CHECK;
/* Same from a file, refused when group- or world-readable. */
int	rst_age_identities_load(const char *path,
	    struct rst_age_identities **out, struct rst_err *) RST_MUST_CHECK;
/* Add one X25519 identity ("AGE-SECRET-KEY-1..."); RST_ECONFIG if bad. */
int	rst_age_identities_add(struct rst_age_identities *, const char *line,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Add a passphrase (copied, len > 0) for scrypt stanzas.  Headers whose
 * work factor exceeds RST_AGE_SCRYPT_MAX are refused by the reader
 * (RST_EINTEGRITY "scrypt work factor too high") before any scrypt runs.
 */
int	rst_age_identities_add_passphrase(struct rst_age_identities *,
	    const char *pass, size_t len, struct rst_err *) RST_MUST_CHECK;
size_t	rst_age_identities_count(const struct rst_age_identities *);
void	rst_age_identities_free(struct rst_age_identities *);	/* NULL-safe */

/*
 * Supplies ciphertext: up to len bytes into buf; returns the count, 0 at
 * the end of the input, or a negative RST_E* code with err set.
 */
typedef ssize_t (*rst_age_read_cb)(void *arg, void *buf, size_t len,
	    struct rst_err *);

struct rst_age_reader;

/*
 * Read and check the header from read_cb (ASCII armor is detected and
 * undone): strict parse, unwrap the file key with ids (borrowed for the
 * call), verify the header MAC, read the payload nonce.  No plaintext
 * exists before this succeeded.  Errors are RST_EINTEGRITY ("no identity
 * matches" when no stanza unwraps, a wrong passphrase included; "bad header
 * MAC"; "scrypt work factor too high" above RST_AGE_SCRYPT_MAX, refused
 * before any scrypt runs; else a header or armor message), RST_ECONFIG when
 * ids is NULL or empty (reported after the header parsed), or the
 * callback's code.  *out is set only on success; free with
 * rst_age_reader_free.
 */
int	rst_age_reader_open(rst_age_read_cb, void *cb_arg,
	    const struct rst_age_identities *ids, struct rst_age_reader **out,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Up to len (> 0) plaintext bytes into buf.  Returns the count, 0 only
 * after the final chunk authenticated and the input ended, or a negative
 * code: RST_EINTEGRITY for a bad tag, a truncated stream, a missing or
 * empty final chunk, trailing data after it (reported once the final
 * chunk's plaintext was returned, as the reference does).  Released bytes
 * are authenticated chunk by chunk, but the stream as a whole is proven
 * only by the 0 return: keep the output provisional until then.  Errors
 * and the end are sticky.
 */
ssize_t	rst_age_reader_read(struct rst_age_reader *, void *buf, size_t len,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Bytes of binary input before the payload's first chunk (header and
 * payload nonce); 0 for armored input.
 */
uint64_t rst_age_reader_header_len(const struct rst_age_reader *);
/*
 * Start the payload at chunk number chunk (STREAM counter), before any
 * payload was read: the next skip input bytes are dropped first (the
 * caller's input then continues at that chunk's ciphertext).  Chunks read
 * from there are authenticated as usual; the stream as a whole is not
 * (its end may never be read).  Binary input only.
 */
int	rst_age_reader_seek(struct rst_age_reader *, uint64_t chunk,
	    uint64_t skip, struct rst_err *) RST_MUST_CHECK;
void	rst_age_reader_free(struct rst_age_reader *);	/* NULL-safe */

/*
 * New X25519 key pair: *identity gets "AGE-SECRET-KEY-1..." (free with
 * rst_age_secret_free) and *recipient "age1..." (free).  Both NULL on
 * failure.
 */
int	rst_age_keygen(char **identity, char **recipient, struct rst_err *)
	    RST_MUST_CHECK;
/* The "age1..." recipient (malloc'd) of an "AGE-SECRET-KEY-1..." line. */
int	rst_age_identity_recipient(const char *identity, char **recipient,
	    struct rst_err *) RST_MUST_CHECK;
/* Wipe and free a NUL-terminated secret string (NULL-safe). */
void	rst_age_secret_free(char *);

/*
 * Module-internal: shared by src/pipeline/age.c (primitives, stanzas,
 * encryption), age_read.c (decryption) and age_keys.c (keys and sets).
 * Not for other callers.
 */
#define RST_AGE_INTRO		"age-encryption.org/v1"
#define RST_AGE_FILE_KEY	16
#define RST_AGE_KEY		32
#define RST_AGE_TAG		16
#define RST_AGE_NONCE		16	/* payload nonce after the header */
#define RST_AGE_MAC		32
#define RST_AGE_COLUMNS		64	/* stanza body and armor line width */
#define RST_AGE_LINE_BYTES	48	/* bytes in a full 64-column line */

struct rst_age_recipients {
	unsigned char	(*keys)[32];	/* X25519 public keys */
	size_t		 nkeys;
	char		*pass;		/* or one passphrase (not a string) */
	size_t		 passlen;
	int		 log2n;
};

struct rst_age_ident {
	bool		 is_pass;
	unsigned char	 sk[32];	/* X25519 scalar and its public key */
	unsigned char	 pk[32];
	char		*pass;
	size_t		 passlen;
};

struct rst_age_identities {
	struct rst_age_ident *v;
	size_t		 n;
	size_t		 cap;
};

enum rst_age_stanza_type {
	RST_AGE_X25519 = 1,
	RST_AGE_SCRYPT = 2,
};

/* A stanza of a known type, decoded. */
struct rst_age_stanza {
	enum rst_age_stanza_type type;
	unsigned char	arg[32];	/* X25519 share, or scrypt salt (16) */
	int		log2n;		/* scrypt work factor */
	unsigned char	body[RST_AGE_FILE_KEY + RST_AGE_TAG];
};

/* 0 with fk set, RST_EINTEGRITY "no identity matches", or an error. */
int	rst_age_unwrap(const struct rst_age_identities *,
	    const struct rst_age_stanza *, size_t n,
	    unsigned char fk[RST_AGE_FILE_KEY], struct rst_err *)
	    RST_MUST_CHECK;
/* The X25519 public key of a scalar. */
int	rst_age_x25519_public(const unsigned char sk[32], unsigned char pk[32],
	    struct rst_err *) RST_MUST_CHECK;
/* HKDF-SHA256 into 32 bytes; salt may be NULL. */
int	rst_age_hkdf(const unsigned char *ikm, size_t ikmlen,
	    const unsigned char *salt, size_t saltlen, const char *info,
	    unsigned char out[RST_AGE_KEY], struct rst_err *) RST_MUST_CHECK;
/* HMAC-SHA256 of the header bytes under HKDF(fk, "header"). */
int	rst_age_header_mac(const unsigned char fk[RST_AGE_FILE_KEY],
	    const void *hdr, size_t len, unsigned char out[RST_AGE_MAC],
	    struct rst_err *) RST_MUST_CHECK;
/* STREAM nonce: 11-byte big-endian counter and the final-chunk flag. */
void	rst_age_stream_nonce(uint64_t counter, bool last,
	    unsigned char nonce[12]);
/*
 * ChaCha20-Poly1305, 12-byte nonce, no AAD; in == out allowed.  Sealing
 * writes len + 16 bytes; opening reads len bytes (tag last) and writes
 * len - 16.  ctx is reused when not NULL.  Returns 0, 1 when the tag does
 * not verify (err untouched), or a negative code.
 */
int	rst_age_aead(EVP_CIPHER_CTX *ctx, bool seal,
	    const unsigned char key[RST_AGE_KEY], const unsigned char nonce[12],
	    const unsigned char *in, size_t len, unsigned char *out,
	    struct rst_err *) RST_MUST_CHECK;

#endif
