/* SPDX-License-Identifier: ISC */
/*
 * S3 signing support: libcurl 7.88 computes the SigV4 signature itself
 * (CURLOPT_AWS_SIGV4) but neither adds x-amz-content-sha256, which S3
 * requires, nor canonicalises query strings, so callers keep queries sorted
 * and encoded and this file adds the payload hash (once: a second header
 * breaks the signature).  Credentials are secrets: read from a protected
 * file or the environment, never logged, wiped when released.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/crypto.h>

#include "s3_sigv4.h"

/* Value of "key = value" in the [default] section (or before any). */
static char *
ini_value(char *text, const char *key)
{
	char *line, *save = NULL, *eq, *k, *v, *e;
	bool in_default = true;

	for (line = strtok_r(text, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '[') {
			in_default = strncmp(line, "[default]", 9) == 0;
			continue;
		}
		if (!in_default || (eq = strchr(line, '=')) == NULL)
			continue;
		for (k = eq; k > line && (k[-1] == ' ' || k[-1] == '\t'); k--)
			;
		if ((size_t)(k - line) != strlen(key) ||
		    strncmp(line, key, strlen(key)) != 0)
			continue;
		for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = v + strlen(v); e > v && (e[-1] == '\r' ||
		    e[-1] == ' ' || e[-1] == '\t'); e--)
			;
		return strndup(v, (size_t)(e - v));
	}
	return NULL;
}

static char *
from_text(const struct rst_buf *b, const char *key)
{
	char *copy, *v;

	if ((copy = strndup((const char *)b->data, b->len)) == NULL)
		return NULL;
	v = ini_value(copy, key);
	OPENSSL_cleanse(copy, b->len);
	free(copy);
	return v;
}

static char *
from_env(const char *name)
{
	const char *v = getenv(name);

	return v != NULL && v[0] != '\0' ? strdup(v) : NULL;
}

int
rst_s3_load_creds(struct rst_curl_repo *repo, const struct rst_repo_cfg *cfg,
    char **token, struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	const char *src;
	int r;

	*token = NULL;
	if ((r = rst_curl_load_secret_text(cfg, &b, err)) != 0)
		goto out;
	if (b.len > 0) {
		src = cfg->credentials_file ? cfg->credentials_file :
		    cfg->credentials_env;
		repo->cred.user = from_text(&b, "aws_access_key_id");
		repo->cred.pass = from_text(&b, "aws_secret_access_key");
		*token = from_text(&b, "aws_session_token");
	} else {
		src = "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY";
		repo->cred.user = from_env("AWS_ACCESS_KEY_ID");
		repo->cred.pass = from_env("AWS_SECRET_ACCESS_KEY");
		*token = from_env("AWS_SESSION_TOKEN");
	}
	if (repo->cred.user == NULL || repo->cred.pass == NULL)
		r = rst_errf(err, RST_ECONFIG, "%s: no aws_access_key_id and "
		    "aws_secret_access_key for the S3 repository", src);
 out:
	rst_secret_buf_release(&b);
	return r;
}

void
rst_s3_sha256_hex(const void *p, size_t n, char out[65])
{
	unsigned char md[32];

	if (EVP_Digest(p, n, md, NULL, EVP_sha256(), NULL) != 1)
		memset(md, 0, sizeof(md));
	rst_hex(md, sizeof(md), out);
}

int
rst_s3_hash_range(int fd, off_t off, off_t len, char sha_hex[65],
    char md5_b64[32], struct rst_err *err)
{
	EVP_MD_CTX *sha = EVP_MD_CTX_new(), *md5 = EVP_MD_CTX_new();
	unsigned char buf[65536], ds[32], dm[16];
	char *b64 = NULL;
	ssize_t n;
	int r = 0;

	if (sha == NULL || md5 == NULL ||
	    EVP_DigestInit_ex(sha, EVP_sha256(), NULL) != 1 ||
	    EVP_DigestInit_ex(md5, EVP_md5(), NULL) != 1) {
		r = rst_err_ssl(err, RST_EINTERNAL, "digest init");
		goto out;
	}
	while (len > 0) {
		n = pread(fd, buf, len < (off_t)sizeof(buf) ? (size_t)len :
		    sizeof(buf), off);
		if (n <= 0) {
			if (n == -1 && errno == EINTR)
				continue;
			r = rst_errno(err, RST_EIO, "read spool");
			goto out;
		}
		if (EVP_DigestUpdate(sha, buf, (size_t)n) != 1 ||
		    EVP_DigestUpdate(md5, buf, (size_t)n) != 1) {
			r = rst_err_ssl(err, RST_EINTERNAL, "digest update");
			goto out;
		}
		off += n;
		len -= n;
	}
	if (EVP_DigestFinal_ex(sha, ds, NULL) != 1 ||
	    EVP_DigestFinal_ex(md5, dm, NULL) != 1 ||
	    (b64 = rst_base64(dm, sizeof(dm))) == NULL || strlen(b64) >= 32) {
		r = rst_errf(err, RST_EINTERNAL, "digest final");
		goto out;
	}
	rst_hex(ds, sizeof(ds), sha_hex);
	memcpy(md5_b64, b64, strlen(b64) + 1);
 out:
	free(b64);
	EVP_MD_CTX_free(sha);
	EVP_MD_CTX_free(md5);
	return r;
}

int
rst_s3_sign(struct rst_curl_xfer *x, const char *region, const char *token,
    struct rst_err *err)
{
	char param[128];
	int k;

	k = snprintf(param, sizeof(param), "aws:amz:%s:s3", region);
	if (k < 0 || (size_t)k >= sizeof(param))
		return rst_errf(err, RST_ECONFIG, "region too long");
	curl_easy_setopt(x->c, CURLOPT_AWS_SIGV4, param);
	if (rst_curl_xfer_header(x, "x-amz-content-sha256: %s",
	    x->payload_sha[0] ? x->payload_sha : RST_S3_EMPTY_SHA256) != 0 ||
	    (token != NULL && rst_curl_xfer_header(x,
	    "x-amz-security-token: %s", token) != 0))
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}
