/* SPDX-License-Identifier: ISC */
/*
 * SHA-256 streaming and Ed25519 keys and signatures on OpenSSL 3.  Pure
 * Ed25519 is one-shot: callers sign small documents (manifests, journal
 * lines) that list the hashes of the large objects.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "restorable/crypto.h"
#include "restorable/util.h"

int
rst_sha256_init(struct rst_sha256 *h, struct rst_err *err)
{
	if ((h->ctx = EVP_MD_CTX_new()) == NULL ||
	    EVP_DigestInit_ex2(h->ctx, EVP_sha256(), NULL) != 1) {
		EVP_MD_CTX_free(h->ctx);
		h->ctx = NULL;
		return rst_err_ssl(err, RST_EINTERNAL, "sha256: init");
	}
	return 0;
}

int
rst_sha256_update(struct rst_sha256 *h, const void *p, size_t n,
    struct rst_err *err)
{
	if (n > 0 && EVP_DigestUpdate(h->ctx, p, n) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "sha256: update");
	return 0;
}

int
rst_sha256_final(struct rst_sha256 *h, unsigned char *raw, char *hex,
    struct rst_err *err)
{
	unsigned char md[RST_SHA256_LEN];
	unsigned int len = 0;

	if (EVP_DigestFinal_ex(h->ctx, md, &len) != 1 ||
	    EVP_DigestInit_ex2(h->ctx, EVP_sha256(), NULL) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "sha256: final");
	if (raw != NULL)
		memcpy(raw, md, sizeof(md));
	if (hex != NULL)
		rst_hex(md, sizeof(md), hex);
	return 0;
}

void
rst_sha256_release(struct rst_sha256 *h)
{
	EVP_MD_CTX_free(h->ctx);
	h->ctx = NULL;
}

int
rst_sha256_hex(const void *p, size_t n, char *hex, struct rst_err *err)
{
	unsigned char md[RST_SHA256_LEN];

	if (EVP_Digest(p, n, md, NULL, EVP_sha256(), NULL) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "sha256");
	rst_hex(md, sizeof(md), hex);
	return 0;
}

int
rst_sha256_file(const char *path, char *hex, uint64_t *size,
    struct rst_err *err)
{
	struct rst_sha256 h = { NULL };
	unsigned char buf[1 << 16];
	uint64_t total = 0;
	ssize_t n;
	int fd, r;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return rst_errno(err, RST_EIO, "%s", path);
	if ((r = rst_sha256_init(&h, err)) != 0)
		goto out;
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			r = rst_errno(err, RST_EIO, "read %s", path);
			goto out;
		}
		if ((r = rst_sha256_update(&h, buf, (size_t)n, err)) != 0)
			goto out;
		total += (uint64_t)n;
	}
	r = rst_sha256_final(&h, NULL, hex, err);
	if (size != NULL)
		*size = total;
 out:
	rst_sha256_release(&h);
	close(fd);
	return r;
}

int
rst_keyfile_open(const char *path, enum rst_keyfile kind, int *fd,
    struct rst_err *err)
{
	struct stat sb;
	unsigned bad = kind == RST_KEYFILE_SECRET ? 0077 : 0022;
	int r = 0;

	/* Open first, then judge the descriptor: no stat-then-open race. */
	if ((*fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY |
	    O_NONBLOCK)) == -1)
		return rst_errno(err, RST_ECONFIG, "%s", path);
	if (fstat(*fd, &sb) == -1)
		r = rst_errno(err, RST_ECONFIG, "%s", path);
	else if (!S_ISREG(sb.st_mode))
		r = rst_errf(err, RST_ECONFIG, "%s: not a regular file", path);
	else if ((sb.st_mode & bad) != 0)
		r = rst_errf(err, RST_ECONFIG, kind == RST_KEYFILE_SECRET ?
		    "%s: secret file is accessible by group or others "
		    "(mode %04o); chmod 600 it" : "%s: public key file is "
		    "writable by group or others (mode %04o); chmod go-w it",
		    path, (unsigned)(sb.st_mode & 07777));
	else if (sb.st_uid != geteuid() && sb.st_uid != 0)
		r = rst_errf(err, RST_ECONFIG, "%s: owned by uid %lu, not by "
		    "the running user or root", path,
		    (unsigned long)sb.st_uid);
	if (r != 0) {
		close(*fd);
		*fd = -1;
	}
	return r;
}

int
rst_keyfile_load(const char *path, enum rst_keyfile kind, size_t max,
    struct rst_buf *b, struct rst_err *err)
{
	unsigned char tmp[4096];
	ssize_t n;
	int fd, r;

	if ((r = rst_keyfile_open(path, kind, &fd, err)) != 0)
		return r;
	for (;;) {
		if ((n = read(fd, tmp, sizeof(tmp))) == -1 && errno == EINTR)
			continue;
		if (n == -1)
			r = rst_errno(err, RST_ECONFIG, "read %s", path);
		else if (n > 0 && b->len + (size_t)n > max)
			r = rst_errf(err, RST_ECONFIG, "%s: larger than %zu "
			    "bytes", path, max);
		else if (n > 0 && rst_buf_append(b, tmp, (size_t)n) != 0)
			r = rst_errf(err, RST_ENOMEM, "%s: out of memory",
			    path);
		if (n <= 0 || r != 0)
			break;
	}
	OPENSSL_cleanse(tmp, sizeof(tmp));
	close(fd);
	return r;
}

/* Whether path opens under the rules of its kind (rst_keyfile_open). */
static int
check_file(const char *path, enum rst_keyfile kind, struct rst_err *err)
{
	int fd, r;

	if ((r = rst_keyfile_open(path, kind, &fd, err)) == 0)
		close(fd);
	return r;
}

int
rst_check_secret_file(const char *path, struct rst_err *err)
{
	return check_file(path, RST_KEYFILE_SECRET, err);
}

int
rst_check_public_file(const char *path, struct rst_err *err)
{
	return check_file(path, RST_KEYFILE_PUBLIC, err);
}

static int
read_pem(const char *path, bool private, EVP_PKEY **out, struct rst_err *err)
{
	EVP_PKEY *k = NULL;
	FILE *f;
	int fd, r;

	*out = NULL;
	if ((r = rst_keyfile_open(path, private ? RST_KEYFILE_SECRET :
	    RST_KEYFILE_PUBLIC, &fd, err)) != 0)
		return r;
	if ((f = fdopen(fd, "r")) == NULL) {
		r = rst_errno(err, RST_ECONFIG, "%s", path);
		close(fd);
		return r;
	}
	k = private ? PEM_read_PrivateKey(f, NULL, NULL, NULL) :
	    PEM_read_PUBKEY(f, NULL, NULL, NULL);
	fclose(f);
	if (k == NULL)
		return rst_err_ssl(err, RST_ECONFIG, "%s: not a PEM %s key",
		    path, private ? "PKCS#8 private" : "SPKI public");
	if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		return rst_errf(err, RST_ECONFIG, "%s: not an Ed25519 key",
		    path);
	}
	*out = k;
	return 0;
}

int
rst_key_load_private(const char *path, EVP_PKEY **out, struct rst_err *err)
{
	return read_pem(path, true, out, err);
}

int
rst_key_load_public(const char *path, EVP_PKEY **out, struct rst_err *err)
{
	return read_pem(path, false, out, err);
}

int
rst_key_parse_public(const void *pem, size_t len, EVP_PKEY **out,
    struct rst_err *err)
{
	BIO *b;
	EVP_PKEY *k;

	*out = NULL;
	if ((b = BIO_new_mem_buf(pem, (int)len)) == NULL)
		return rst_err_ssl(err, RST_ENOMEM, "bio");
	k = PEM_read_bio_PUBKEY(b, NULL, NULL, NULL);
	BIO_free(b);
	if (k == NULL || EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
		EVP_PKEY_free(k);
		return rst_err_ssl(err, RST_EINTEGRITY,
		    "not an Ed25519 SPKI PEM public key");
	}
	*out = k;
	return 0;
}

int
rst_key_public_pem(EVP_PKEY *k, char **out, struct rst_err *err)
{
	BIO *b;
	char *data;
	long n;

	*out = NULL;
	if ((b = BIO_new(BIO_s_mem())) == NULL)
		return rst_err_ssl(err, RST_ENOMEM, "bio");
	if (PEM_write_bio_PUBKEY(b, k) != 1) {
		BIO_free(b);
		return rst_err_ssl(err, RST_EINTERNAL, "write public key");
	}
	n = BIO_get_mem_data(b, &data);
	*out = n > 0 ? strndup(data, (size_t)n) : NULL;
	BIO_free(b);
	if (*out == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_key_fingerprint(EVP_PKEY *k, char fpr[RST_FPR_LEN], struct rst_err *err)
{
	unsigned char *der = NULL;
	char hex[RST_SHA256_HEX];
	int n, r;

	if ((n = i2d_PUBKEY(k, &der)) <= 0)
		return rst_err_ssl(err, RST_EINTERNAL, "encode public key");
	r = rst_sha256_hex(der, (size_t)n, hex, err);
	OPENSSL_free(der);
	if (r == 0)
		snprintf(fpr, RST_FPR_LEN, "SHA256:%s", hex);
	return r;
}

int
rst_key_generate(EVP_PKEY **out, struct rst_err *err)
{
	EVP_PKEY_CTX *c;
	EVP_PKEY *k = NULL;

	*out = NULL;
	if ((c = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL)) == NULL ||
	    EVP_PKEY_keygen_init(c) != 1 || EVP_PKEY_keygen(c, &k) != 1) {
		EVP_PKEY_CTX_free(c);
		return rst_err_ssl(err, RST_EINTERNAL, "ed25519 keygen");
	}
	EVP_PKEY_CTX_free(c);
	*out = k;
	return 0;
}

int
rst_key_save_private(EVP_PKEY *k, const char *path, struct rst_err *err)
{
	FILE *f;
	int fd, ok;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1)
		return rst_errno(err, RST_EIO, "create %s", path);
	if ((f = fdopen(fd, "w")) == NULL) {
		close(fd);
		unlink(path);
		return rst_errno(err, RST_EIO, "%s", path);
	}
	ok = PEM_write_PrivateKey(f, k, NULL, NULL, 0, NULL, NULL) == 1;
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0 && ok;
	if (fclose(f) != 0 || !ok) {
		unlink(path);
		return rst_err_ssl(err, RST_EIO, "write %s", path);
	}
	return 0;
}

int
rst_sign(EVP_PKEY *k, const void *msg, size_t len,
    unsigned char sig[RST_ED25519_SIGLEN], struct rst_err *err)
{
	EVP_MD_CTX *c;
	size_t sl = RST_ED25519_SIGLEN;
	int ok;

	if ((c = EVP_MD_CTX_new()) == NULL)
		return rst_err_ssl(err, RST_ENOMEM, "sign");
	ok = EVP_DigestSignInit(c, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestSign(c, sig, &sl, msg, len) == 1 &&
	    sl == RST_ED25519_SIGLEN;
	EVP_MD_CTX_free(c);
	if (!ok)
		return rst_err_ssl(err, RST_EINTERNAL, "ed25519 sign");
	return 0;
}

int
rst_verify(EVP_PKEY *k, const void *msg, size_t len, const unsigned char *sig,
    size_t siglen, struct rst_err *err)
{
	EVP_MD_CTX *c;
	int ok;

	if (siglen != RST_ED25519_SIGLEN)
		return rst_errf(err, RST_EINTEGRITY,
		    "signature is %zu bytes, expected 64", siglen);
	if ((c = EVP_MD_CTX_new()) == NULL)
		return rst_err_ssl(err, RST_ENOMEM, "verify");
	ok = EVP_DigestVerifyInit(c, NULL, NULL, NULL, k) == 1 &&
	    EVP_DigestVerify(c, sig, siglen, msg, len) == 1;
	EVP_MD_CTX_free(c);
	ERR_clear_error();
	if (!ok)
		return rst_errf(err, RST_EINTEGRITY,
		    "signature does not verify");
	return 0;
}
