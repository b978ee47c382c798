/* SPDX-License-Identifier: ISC */
/*
 * S3 request signing support around libcurl's CURLOPT_AWS_SIGV4: the
 * credentials (AWS CLI file format, an environment variable holding the
 * same text, or AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY /
 * AWS_SESSION_TOKEN), and the payload hashes S3 wants in
 * x-amz-content-sha256 and Content-MD5.  Private to src/storage.
 */
#ifndef RST_STORAGE_S3_SIGV4_H
#define RST_STORAGE_S3_SIGV4_H

#include <sys/types.h>

#include "curl_common.h"

#define RST_S3_EMPTY_SHA256 \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/*
 * Fill repo->cred.user (access key id) and repo->cred.pass (secret) and *token
 * (session token or NULL; wipe with rst_secret_free_str).
 */
int	rst_s3_load_creds(struct rst_curl_repo *, const struct rst_repo_cfg *,
	    char **token, struct rst_err *) RST_MUST_CHECK;

/* Hex SHA-256 and base64 MD5 of len bytes of fd from off. */
int	rst_s3_hash_range(int fd, off_t off, off_t len, char sha_hex[65],
	    char md5_b64[32], struct rst_err *) RST_MUST_CHECK;
/* Hex SHA-256 of a buffer. */
void	rst_s3_sha256_hex(const void *, size_t, char out[65]);

/* Sign the transfer: SigV4 for region, payload hash, session token. */
int	rst_s3_sign(struct rst_curl_xfer *, const char *region,
	    const char *token, struct rst_err *) RST_MUST_CHECK;

#endif
