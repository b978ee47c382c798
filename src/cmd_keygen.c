/* SPDX-License-Identifier: ISC */
/*
 * keygen: a new Ed25519 signing key pair in --out DIR (default ./keys,
 * created 0700): signing.pem (PKCS#8, 0600) and signing.pub (SPKI).
 * Existing keys are never overwritten.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/age.h"
#include "restorable/cmd.h"
#include "restorable/crypto.h"
#include "restorable/log.h"
#include "restorable/util.h"

/* age.key: an X25519 identity in age's format, 0600; prints age1... */
static int
write_age(const char *dir, struct rst_ctx *ctx, struct rst_err *err)
{
	char *path, *ident = NULL, *rcpt = NULL, *text = NULL;
	int fd = -1, r;

	if ((path = rst_path_join(dir, "age.key")) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_age_keygen(&ident, &rcpt, err)) != 0)
		goto out;
	if ((text = rst_strdupf("# created by restorable keygen\n"
	    "# public key: %s\n%s\n", rcpt, ident)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0600)) == -1) {
		r = rst_errno(err, RST_EIO, "create %s", path);
		goto out;
	}
	if (rst_write_all(fd, text, strlen(text)) != 0 || fsync(fd) != 0) {
		r = rst_errno(err, RST_EIO, "write %s", path);
		unlink(path);
		goto out;
	}
	json_object_set_new(ctx->result, "age_identity", json_string(path));
	json_object_set_new(ctx->result, "age_recipient", json_string(rcpt));
	if (!ctx->json)
		printf("age identity: %s\nage recipient: %s\n", path, rcpt);
 out:
	if (fd != -1)
		close(fd);
	if (text != NULL)
		rst_age_secret_free(text);
	rst_age_secret_free(ident);
	free(rcpt);
	free(path);
	return r;
}

static int
write_keys(const char *dir, struct rst_ctx *ctx, struct rst_err *err)
{
	EVP_PKEY *k = NULL;
	char *priv = NULL, *pub = NULL, *pem = NULL, fpr[RST_FPR_LEN];
	char *age = rst_path_join(dir, "age.key");
	struct stat sb;
	int r;

	if ((priv = rst_path_join(dir, "signing.pem")) == NULL ||
	    (pub = rst_path_join(dir, "signing.pub")) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if (lstat(priv, &sb) == 0 || lstat(pub, &sb) == 0 ||
	    (age != NULL && lstat(age, &sb) == 0)) {
		r = rst_errf(err, RST_EUSAGE, "%s: keys already exist there; "
		    "refusing to overwrite them", dir);
		goto out;
	}
	if ((r = rst_key_generate(&k, err)) != 0 ||
	    (r = rst_key_save_private(k, priv, err)) != 0 ||
	    (r = rst_key_public_pem(k, &pem, err)) != 0 ||
	    (r = rst_key_fingerprint(k, fpr, err)) != 0 ||
	    (r = rst_write_file_atomic(pub, pem, strlen(pem), 0644, err)) != 0)
		goto out;
	json_object_set_new(ctx->result, "signing_key", json_string(priv));
	json_object_set_new(ctx->result, "public_key", json_string(pub));
	json_object_set_new(ctx->result, "fingerprint", json_string(fpr));
	if (!ctx->json)
		printf("signing key: %s\npublic key:  %s\nfingerprint: %s\n",
		    priv, pub, fpr);
	r = write_age(dir, ctx, err);
 out:
	free(age);
	EVP_PKEY_free(k);
	free(priv);
	free(pub);
	free(pem);
	return r;
}

/*
 * Keys go only into a folder no one else can write to: another user could
 * otherwise replace signing.pub or read age.key through a planted link.
 */
static int
check_key_dir(const char *dir, struct rst_err *err)
{
	struct stat sb;
	int fd, r = 0;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return rst_errno(err, RST_ECONFIG, "%s", dir);
	if (fstat(fd, &sb) == -1)
		r = rst_errno(err, RST_ECONFIG, "%s", dir);
	else if ((sb.st_mode & 0022) != 0)
		r = rst_errf(err, RST_ECONFIG, "%s: folder is group- or "
		    "world-writable (mode %04o); keys are not written there",
		    dir, (unsigned)(sb.st_mode & 07777));
	else if (sb.st_uid != geteuid() && sb.st_uid != 0)
		r = rst_errf(err, RST_ECONFIG, "%s: folder belongs to uid %lu, "
		    "not to the running user or root; keys are not written "
		    "there", dir, (unsigned long)sb.st_uid);
	close(fd);
	return r;
}

enum { OPT_OUT = 1 };

static const struct rst_opt keygen_opts[] = {
	{ OPT_OUT, "out", 'o', true, 0 },
	{ 0, NULL, 0, false, 0 },
};

static int
cmd_keygen_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	const char *dir = rst_args_value(args, OPT_OUT);
	int r;

	if (dir == NULL)
		dir = "keys";
	if ((r = rst_mkdir_p(dir, 0700, err)) != 0 ||
	    (r = check_key_dir(dir, err)) != 0)
		return rst_cmd_out_error(r, err);
	return rst_cmd_out_error(write_keys(dir, ctx, err), err);
}

const struct rst_cmd rst_cmd_keygen = {
	.name = "keygen",
	.usage = "[--out DIR]",
	.summary = "create keys: signing.pem (0600), signing.pub, age.key (0600)",
	.min_args = 0, .max_args = 0,
	.options = keygen_opts,
	.run = cmd_keygen_run,
};
