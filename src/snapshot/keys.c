/* SPDX-License-Identifier: ISC */
/*
 * A profile's age keys: the recipients a backup encrypts to (age1...
 * public keys, or one scrypt passphrase) and the identities that decrypt
 * (identity_file and/or the passphrase).  Passphrases come from a file
 * (refused when group/world readable) or an environment variable named in
 * the profile, never from argv, and are wiped after use.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "restorable/age.h"
#include "restorable/crypto.h"
#include "restorable/secret.h"
#include "restorable/snapshot.h"

#include "passtag.h"

/* The passphrase into *out (wiped by the caller), or RST_ENOTFOUND. */
static int
passphrase(const struct rst_profile *p, struct rst_buf *out,
    struct rst_err *err)
{
	const char *v;
	int r;

	if (p->passphrase_file != NULL) {
		if ((r = rst_keyfile_load(p->passphrase_file,
		    RST_KEYFILE_SECRET, 4096, out, err)) != 0)
			return r;
	} else if (p->passphrase_env != NULL) {
		if ((v = getenv(p->passphrase_env)) == NULL || *v == '\0')
			return rst_errf(err, RST_ECONFIG, "%s: passphrase_env "
			    "names %s, which is not set", p->file,
			    p->passphrase_env);
		if (rst_buf_append(out, v, strlen(v)) != 0)
			return rst_errf(err, RST_ENOMEM, "out of memory");
	} else
		return RST_ENOTFOUND;
	/* One trailing newline is the file's, not the passphrase's. */
	if (out->len > 0 && out->data[out->len - 1] == '\n')
		out->data[--out->len] = '\0';
	if (out->len > 0 && out->data[out->len - 1] == '\r')
		out->data[--out->len] = '\0';
	if (out->len == 0)
		return rst_errf(err, RST_ECONFIG, "%s: the passphrase is empty",
		    p->file);
	return 0;
}

int
rst_profile_recipients(const struct rst_profile *p,
    struct rst_age_recipients **out, struct rst_err *err)
{
	struct rst_age_recipients *rs = NULL;
	struct rst_buf pass = RST_BUF_INIT;
	size_t i;
	int r;

	*out = NULL;
	if ((r = rst_age_recipients_new(&rs, err)) != 0)
		return r;
	for (i = 0; r == 0 && i < p->recipients.n; i++)
		r = rst_age_recipients_add(rs, p->recipients.v[i], err);
	if (r == 0 && p->recipients.n == 0) {
		if ((r = passphrase(p, &pass, err)) == RST_ENOTFOUND)
			r = rst_errf(err, RST_ECONFIG, "%s: encryption needs "
			    "recipients or a passphrase", p->file);
		else if (r == 0)
			r = rst_age_recipients_set_passphrase(rs,
			    (char *)pass.data, pass.len, 0, err);
	}
	rst_secret_buf_release(&pass);
	if (r != 0) {
		rst_age_recipients_free(rs);
		return r;
	}
	*out = rs;
	return 0;
}

int
rst_profile_identities(const struct rst_profile *p,
    struct rst_age_identities **out, struct rst_err *err)
{
	struct rst_age_identities *ids = NULL;
	struct rst_buf pass = RST_BUF_INIT;
	int r;

	*out = NULL;
	if (!p->encrypted)
		return 0;
	if (p->identity_file != NULL)
		r = rst_age_identities_load(p->identity_file, &ids, err);
	else
		r = rst_age_identities_new(&ids, err);
	if (r != 0)
		return r;
	if ((r = passphrase(p, &pass, err)) == 0)
		r = rst_age_identities_add_passphrase(ids, (char *)pass.data,
		    pass.len, err);
	else if (r == RST_ENOTFOUND) {
		rst_err_clear(err);
		r = 0;
	}
	rst_secret_buf_release(&pass);
	if (r == 0 && rst_age_identities_count(ids) == 0)
		r = rst_errf(err, RST_ECONFIG, "%s: decrypting needs "
		    "identity_file or the passphrase", p->file);
	if (r != 0) {
		rst_age_identities_free(ids);
		return r;
	}
	*out = ids;
	return 0;
}

/*
 * scrypt of the passphrase (N 2^15, r 8, p 1) with salt, into tag: a
 * guess costs a scrypt, as against the snapshot's own age stanzas (2^18
 * there; the tag, unlike them, never leaves the 0600 state_dir).
 */
int
rst_profile_passphrase_tag(const struct rst_profile *p,
    const unsigned char *salt, size_t saltlen,
    unsigned char tag[RST_PASSTAG_LEN], struct rst_err *err)
{
	struct rst_buf pass = RST_BUF_INIT;
	int r;

	if ((r = passphrase(p, &pass, err)) == RST_ENOTFOUND)
		r = rst_errf(err, RST_ECONFIG, "%s: no passphrase", p->file);
	else if (r == 0 && EVP_PBE_scrypt((const char *)pass.data, pass.len,
	    salt, saltlen, 1u << 15, 8, 1, 64u << 20, tag,
	    RST_PASSTAG_LEN) != 1)
		r = rst_errf(err, RST_ENOMEM, "scrypt failed");
	rst_secret_buf_release(&pass);
	return r;
}
