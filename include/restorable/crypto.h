/* SPDX-License-Identifier: ISC */
/*
 * SHA-256 and Ed25519 helpers on OpenSSL 3.  Keys are PKCS#8 PEM (private)
 * and SPKI PEM (public).  A key's fingerprint is "SHA256:" + lowercase hex
 * of the SHA-256 of its 44-byte SPKI DER.
 */
#ifndef RESTORABLE_CRYPTO_H
#define RESTORABLE_CRYPTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <openssl/evp.h>

#include "restorable/err.h"
#include "restorable/util.h"

#define RST_SHA256_LEN		32
#define RST_SHA256_HEX		65
#define RST_ED25519_SIGLEN	64
#define RST_FPR_LEN		(7 + 64 + 1)

/* A streaming SHA-256 context. */
struct rst_sha256 {
	EVP_MD_CTX	*ctx;
};

int	rst_sha256_init(struct rst_sha256 *, struct rst_err *) RST_MUST_CHECK;
int	rst_sha256_update(struct rst_sha256 *, const void *, size_t,
	    struct rst_err *) RST_MUST_CHECK;
/* Finish into hex (65 bytes) and/or raw (32 bytes); re-arms the context. */
int	rst_sha256_final(struct rst_sha256 *, unsigned char *raw, char *hex,
	    struct rst_err *) RST_MUST_CHECK;
void	rst_sha256_release(struct rst_sha256 *);
/* One-shot hex digest. */
int	rst_sha256_hex(const void *, size_t, char *hex, struct rst_err *)
	    RST_MUST_CHECK;
/* Hex digest of a whole file (streamed). */
int	rst_sha256_file(const char *path, char *hex, uint64_t *size,
	    struct rst_err *) RST_MUST_CHECK;

/*
 * Key loading.  Private key files are refused when group- or
 * world-readable.  The caller frees with EVP_PKEY_free().
 */
int	rst_key_load_private(const char *path, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_key_load_public(const char *path, EVP_PKEY **, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_key_parse_public(const void *pem, size_t, EVP_PKEY **,
	    struct rst_err *) RST_MUST_CHECK;
/* SPKI PEM of a key, malloc'd NUL-terminated. */
int	rst_key_public_pem(EVP_PKEY *, char **pem, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_key_fingerprint(EVP_PKEY *, char fpr[RST_FPR_LEN],
	    struct rst_err *) RST_MUST_CHECK;
/* Generate a new Ed25519 key. */
int	rst_key_generate(EVP_PKEY **, struct rst_err *) RST_MUST_CHECK;
/* Write private key as PKCS#8 PEM (0600, never overwriting). */
int	rst_key_save_private(EVP_PKEY *, const char *path, struct rst_err *)
	    RST_MUST_CHECK;

int	rst_sign(EVP_PKEY *, const void *, size_t,
	    unsigned char sig[RST_ED25519_SIGLEN], struct rst_err *)
	    RST_MUST_CHECK;
/* RST_EINTEGRITY when the signature does not verify. */
int	rst_verify(EVP_PKEY *, const void *, size_t, const unsigned char *sig,
	    size_t siglen, struct rst_err *) RST_MUST_CHECK;

/*
 * Key files.  A secret (private key, age identity, passphrase, credentials)
 * must be a regular file owned by the running user or root that neither
 * group nor others can read or write; a public key or pin one that neither
 * group nor others can write.  rst_keyfile_open opens path and checks the
 * open descriptor (never stat then open); *fd is the caller's to close.
 * rst_keyfile_load reads the file whole (at most max bytes) into b.
 * Refusals are RST_ECONFIG naming path.
 */
enum rst_keyfile { RST_KEYFILE_SECRET, RST_KEYFILE_PUBLIC };
int	rst_keyfile_open(const char *path, enum rst_keyfile, int *fd,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_keyfile_load(const char *path, enum rst_keyfile, size_t max,
	    struct rst_buf *, struct rst_err *) RST_MUST_CHECK;
/* The same checks, the file closed again (for check-config). */
int	rst_check_secret_file(const char *path, struct rst_err *)
	    RST_MUST_CHECK;
int	rst_check_public_file(const char *path, struct rst_err *)
	    RST_MUST_CHECK;

#endif
