/* SPDX-License-Identifier: ISC */
/*
 * age keys in their text forms: Bech32 (BIP 173, without the 90-character
 * limit, as age uses it) for "age1..." recipients and "AGE-SECRET-KEY-1..."
 * identities, identity files in age-keygen's format, the recipient and
 * identity sets, and key generation.  Secrets are wiped when released and
 * never copied into error messages.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "restorable/age.h"
#include "restorable/crypto.h"
#include "restorable/secret.h"

#define RCPT_HRP	"age"
#define IDENT_HRP	"age-secret-key-"
#define BECH32_MAX	200		/* longer strings are not keys */
#define IDFILE_MAX	(1 << 24)	/* age's limit for identity files */

static const char b32chars[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

static int
nomem(struct rst_err *err, const char *what)
{
	return rst_errf(err, RST_ENOMEM, "%s: out of memory", what);
}

/* --- Bech32 --- */

static uint32_t
polymod_step(uint32_t chk, unsigned v)
{
	static const uint32_t gen[5] = { 0x3b6a57b2, 0x26508e6d, 0x1ea119fa,
	    0x3d4233dd, 0x2a1462b3 };
	uint32_t top = chk >> 25;
	int i;

	chk = ((chk & 0x1ffffff) << 5) ^ v;
	for (i = 0; i < 5; i++)
		if ((top >> i) & 1)
			chk ^= gen[i];
	return chk;
}

static unsigned
lower(char c)
{
	return (unsigned)tolower((unsigned char)c);
}

/* Checksum state over the expanded (lowercased) human-readable part. */
static uint32_t
polymod_hrp(const char *hrp, size_t n)
{
	uint32_t chk = 1;
	size_t i;

	for (i = 0; i < n; i++)
		chk = polymod_step(chk, lower(hrp[i]) >> 5);
	chk = polymod_step(chk, 0);
	for (i = 0; i < n; i++)
		chk = polymod_step(chk, lower(hrp[i]) & 31);
	return chk;
}

/* Regroup bits; pad only when encoding (8 -> 5). */
static int
convert_bits(const unsigned char *in, size_t n, int from, int to, bool pad,
    unsigned char *out, size_t cap, size_t *outlen)
{
	uint32_t acc = 0, maxv = (1u << to) - 1;
	size_t i, o = 0;
	int bits = 0;

	for (i = 0; i < n; i++) {
		acc = (acc << from) | in[i];
		bits += from;
		while (bits >= to) {
			bits -= to;
			if (o == cap)
				return -1;
			out[o++] = (acc >> bits) & maxv;
		}
	}
	if (pad && bits > 0) {
		if (o == cap)
			return -1;
		out[o++] = (acc << (to - bits)) & maxv;
	} else if (!pad && (bits >= from || ((acc << (to - bits)) & maxv)))
		return -1;
	*outlen = o;
	acc = 0;
	return 0;
}

/* Encode; the result is malloc'd, uppercased when upper. */
static char *
bech32_encode(const char *hrp, const unsigned char *data, size_t len,
    bool upper)
{
	unsigned char v[BECH32_MAX];
	size_t hl = strlen(hrp), n, i;
	uint32_t chk;
	char *s;

	if (convert_bits(data, len, 8, 5, true, v, sizeof(v) - 6, &n) != 0 ||
	    (s = malloc(hl + 1 + n + 6 + 1)) == NULL) {
		OPENSSL_cleanse(v, sizeof(v));
		return NULL;
	}
	chk = polymod_hrp(hrp, hl);
	for (i = 0; i < n; i++)
		chk = polymod_step(chk, v[i]);
	for (i = 0; i < 6; i++)
		chk = polymod_step(chk, 0);
	chk ^= 1;
	for (i = 0; i < 6; i++)
		v[n + i] = (chk >> (5 * (5 - i))) & 31;
	memcpy(s, hrp, hl);
	s[hl] = '1';
	for (i = 0; i < n + 6; i++)
		s[hl + 1 + i] = b32chars[v[i]];
	s[hl + 1 + n + 6] = '\0';
	for (i = 0; upper && s[i] != '\0'; i++)
		s[i] = (char)toupper((unsigned char)s[i]);
	OPENSSL_cleanse(v, sizeof(v));
	return s;
}

/*
 * Decode s into hrp (as written, case kept) and data; *why names the
 * problem on failure.  Same rules as age's internal/bech32.
 */
static int
bech32_decode(const char *s, char *hrp, size_t hrpcap, unsigned char *data,
    size_t cap, size_t *len, const char **why)
{
	unsigned char v[BECH32_MAX];
	size_t n = strlen(s), pos, i, nv = 0;
	bool lower = false, upper = false;
	const char *p, *sep = strrchr(s, '1');
	uint32_t chk;
	int r = -1;

	*why = NULL;
	for (i = 0; i < n; i++) {
		lower |= islower((unsigned char)s[i]) != 0;
		upper |= isupper((unsigned char)s[i]) != 0;
	}
	pos = sep != NULL ? (size_t)(sep - s) : 0;
	if (n > BECH32_MAX)
		*why = "too long";
	else if (lower && upper)
		*why = "mixed case";
	else if (sep == NULL || pos < 1 || pos + 7 > n || pos >= hrpcap)
		*why = "separator '1' missing or misplaced";
	for (i = 0; *why == NULL && i < pos; i++)
		if (s[i] < 33 || s[i] > 126)
			*why = "invalid character in the prefix";
	for (i = pos + 1; *why == NULL && i < n; i++) {
		p = strchr(b32chars, tolower((unsigned char)s[i]));
		if (s[i] == '\0' || p == NULL)
			*why = "invalid character";
		else
			v[nv++] = (unsigned char)(p - b32chars);
	}
	if (*why == NULL) {
		chk = polymod_hrp(s, pos);
		for (i = 0; i < nv; i++)
			chk = polymod_step(chk, v[i]);
		if (chk != 1)
			*why = "invalid checksum";
		else if (convert_bits(v, nv - 6, 5, 8, false, data, cap,
		    len) != 0)
			*why = "invalid data length or padding";
		else {
			memcpy(hrp, s, pos);
			hrp[pos] = '\0';
			r = 0;
		}
	}
	OPENSSL_cleanse(v, sizeof(v));
	return r;
}

int
rst_age_x25519_public(const unsigned char sk[32], unsigned char pk[32],
    struct rst_err *err)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL,
	    sk, 32);
	size_t len = 32;
	int r = 0;

	if (k == NULL || EVP_PKEY_get_raw_public_key(k, pk, &len) != 1 ||
	    len != 32)
		r = rst_err_ssl(err, RST_EINTERNAL, "age: X25519 key");
	EVP_PKEY_free(k);
	return r;
}

/* --- recipients --- */

int
rst_age_recipients_new(struct rst_age_recipients **out, struct rst_err *err)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return nomem(err, "age recipients");
	return 0;
}

static int
parse_recipient(const char *s, unsigned char pk[32], struct rst_err *err)
{
	char hrp[BECH32_MAX];
	const char *why;
	size_t len;

	/* A secret key pasted in by mistake is never echoed. */
	if (strncasecmp(s, "AGE-SECRET-KEY-", 15) == 0)
		return rst_errf(err, RST_ECONFIG, "age recipient: this is an age "
		    "secret key (AGE-SECRET-KEY-...), not a recipient; give its "
		    "age1... recipient");
	if (bech32_decode(s, hrp, sizeof(hrp), pk, 32, &len, &why) != 0)
		return rst_errf(err, RST_ECONFIG,
		    "age recipient \"%.100s\": %s", s, why);
	if (strcmp(hrp, RCPT_HRP) != 0)
		return rst_errf(err, RST_ECONFIG, "age recipient \"%.100s\": "
		    "not an age1... X25519 recipient", s);
	if (len != 32)
		return rst_errf(err, RST_ECONFIG, "age recipient \"%.100s\": "
		    "key is %zu bytes, want 32", s, len);
	return 0;
}

int
rst_age_recipients_add(struct rst_age_recipients *rs, const char *age1,
    struct rst_err *err)
{
	unsigned char pk[32], (*v)[32];
	int r;

	if (rs->pass != NULL)
		return rst_errf(err, RST_ECONFIG, "age recipient \"%.100s\": "
		    "a passphrase must be the only recipient", age1);
	if ((r = parse_recipient(age1, pk, err)) != 0)
		return r;
	if ((v = realloc(rs->keys, (rs->nkeys + 1) * sizeof(*v))) == NULL)
		return nomem(err, "age recipients");
	rs->keys = v;
	memcpy(rs->keys[rs->nkeys++], pk, 32);
	return 0;
}

int
rst_age_recipients_set_passphrase(struct rst_age_recipients *rs,
    const char *pass, size_t len, int log2n, struct rst_err *err)
{
	if (rs->nkeys > 0 || rs->pass != NULL)
		return rst_errf(err, RST_ECONFIG, "age passphrase: a "
		    "passphrase must be the only recipient");
	if (len == 0)
		return rst_errf(err, RST_ECONFIG, "age passphrase: empty");
	if (log2n == 0)
		log2n = RST_AGE_SCRYPT_DEFAULT;
	if (log2n > RST_AGE_SCRYPT_MAX)
		return rst_errf(err, RST_ECONFIG, "age passphrase: scrypt work "
		    "factor too high (%d > %d)", log2n, RST_AGE_SCRYPT_MAX);
	if (log2n < 1)
		return rst_errf(err, RST_ECONFIG, "age passphrase: invalid "
		    "scrypt work factor %d", log2n);
	if ((rs->pass = malloc(len)) == NULL)
		return nomem(err, "age passphrase");
	memcpy(rs->pass, pass, len);
	rs->passlen = len;
	rs->log2n = log2n;
	return 0;
}

size_t
rst_age_recipients_count(const struct rst_age_recipients *rs)
{
	return rs->pass != NULL ? 1 : rs->nkeys;
}

void
rst_age_recipients_free(struct rst_age_recipients *rs)
{
	if (rs == NULL)
		return;
	if (rs->pass != NULL)
		OPENSSL_cleanse(rs->pass, rs->passlen);
	free(rs->pass);
	free(rs->keys);
	free(rs);
}

/* --- identities --- */

int
rst_age_identities_new(struct rst_age_identities **out, struct rst_err *err)
{
	if ((*out = calloc(1, sizeof(**out))) == NULL)
		return nomem(err, "age identities");
	return 0;
}

/* A new slot; grown without realloc so no copy of a secret is left. */
static struct rst_age_ident *
ident_slot(struct rst_age_identities *ids)
{
	struct rst_age_ident *v;
	size_t cap;

	if (ids->n == ids->cap) {
		cap = ids->cap == 0 ? 4 : ids->cap * 2;
		if ((v = calloc(cap, sizeof(*v))) == NULL)
			return NULL;
		if (ids->n > 0) {
			memcpy(v, ids->v, ids->n * sizeof(*v));
			OPENSSL_cleanse(ids->v, ids->n * sizeof(*v));
		}
		free(ids->v);
		ids->v = v;
		ids->cap = cap;
	}
	memset(&ids->v[ids->n], 0, sizeof(ids->v[0]));
	return &ids->v[ids->n];
}

/* Decode an identity line; messages never include the secret. */
static int
parse_identity(const char *s, unsigned char sk[32], const char **why)
{
	char hrp[BECH32_MAX];
	size_t len;

	if (strncmp(s, "AGE-PLUGIN-", 11) == 0) {
		*why = "age plugin identities are not supported";
		return -1;
	}
	if (bech32_decode(s, hrp, sizeof(hrp), sk, 32, &len, why) != 0)
		return -1;
	if (strcmp(hrp, "AGE-SECRET-KEY-") != 0 || len != 32) {
		*why = "not an AGE-SECRET-KEY-1... X25519 identity";
		OPENSSL_cleanse(sk, 32);
		return -1;
	}
	return 0;
}

int
rst_age_identities_add(struct rst_age_identities *ids, const char *line,
    struct rst_err *err)
{
	struct rst_age_ident *id;
	unsigned char sk[32];
	const char *why;
	int r;

	if (parse_identity(line, sk, &why) != 0)
		return rst_errf(err, RST_ECONFIG, "age identity: %s", why);
	if ((id = ident_slot(ids)) == NULL)
		r = nomem(err, "age identities");
	else if ((r = rst_age_x25519_public(sk, id->pk, err)) == 0) {
		memcpy(id->sk, sk, 32);
		ids->n++;
	}
	OPENSSL_cleanse(sk, sizeof(sk));
	return r;
}

int
rst_age_identities_add_passphrase(struct rst_age_identities *ids,
    const char *pass, size_t len, struct rst_err *err)
{
	struct rst_age_ident *id;

	if (len == 0)
		return rst_errf(err, RST_ECONFIG, "age passphrase: empty");
	if ((id = ident_slot(ids)) == NULL ||
	    (id->pass = malloc(len)) == NULL)
		return nomem(err, "age identities");
	memcpy(id->pass, pass, len);
	id->passlen = len;
	id->is_pass = true;
	ids->n++;
	return 0;
}

/* One line of an identity file (CR already stripped) into ids. */
static int
parse_line(struct rst_age_identities *ids, const char *p, size_t n,
    size_t lineno, struct rst_err *err)
{
	char line[BECH32_MAX + 1];
	int r;

	if (n == 0 || p[0] == '#')
		return 0;
	if (n > BECH32_MAX || memchr(p, '\0', n) != NULL)
		return rst_errf(err, RST_ECONFIG, "line %zu: not an age "
		    "identity", lineno);
	memcpy(line, p, n);
	line[n] = '\0';
	r = rst_age_identities_add(ids, line, err);
	OPENSSL_cleanse(line, sizeof(line));
	if (r != 0)
		rst_err_prefix(err, "line %zu", lineno);
	return r;
}

int
rst_age_identities_parse(const char *text, size_t len,
    struct rst_age_identities **out, struct rst_err *err)
{
	struct rst_age_identities *ids = NULL;
	const char *p = text, *end = text + len, *nl;
	size_t n, lineno = 0;
	int r;

	*out = NULL;
	if ((r = rst_age_identities_new(&ids, err)) != 0)
		return r;
	while (r == 0 && p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl != NULL ? nl : end) - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		r = parse_line(ids, p, n, ++lineno, err);
		p = nl != NULL ? nl + 1 : end;
	}
	if (r == 0 && ids->n == 0)
		r = rst_errf(err, RST_ECONFIG, "no age identities found");
	if (r != 0) {
		rst_age_identities_free(ids);
		return r;
	}
	*out = ids;
	return 0;
}

/* Read a small secret file into a wiped-on-release buffer. */
static int
read_secret_file(const char *path, char **out, size_t *len,
    struct rst_err *err)
{
	struct stat sb;
	char *p = NULL;
	size_t n = 0;
	ssize_t got;
	int fd, r = 0;

	*out = NULL;
	if ((r = rst_keyfile_open(path, RST_KEYFILE_SECRET, &fd, err)) != 0)
		return r;
	if (fstat(fd, &sb) == -1)
		r = rst_errno(err, RST_ECONFIG, "%s", path);
	else if (sb.st_size > IDFILE_MAX)
		r = rst_errf(err, RST_ECONFIG, "%s: larger than %d bytes", path,
		    IDFILE_MAX);
	else if ((p = malloc((size_t)sb.st_size + 1)) == NULL)
		r = rst_errf(err, RST_ENOMEM, "%s: out of memory", path);
	while (r == 0 && n <= (size_t)sb.st_size) {
		got = read(fd, p + n, (size_t)sb.st_size + 1 - n);
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1)
			r = rst_errno(err, RST_ECONFIG, "read %s", path);
		else if (got == 0)
			break;
		n += (size_t)got;
	}
	if (r == 0 && n > (size_t)sb.st_size)
		r = rst_errf(err, RST_ECONFIG, "%s: changed while read", path);
	close(fd);
	if (r != 0 && p != NULL) {
		OPENSSL_cleanse(p, (size_t)sb.st_size + 1);
		free(p);
		return r;
	}
	*out = p;
	*len = n;
	return r;
}

int
rst_age_identities_load(const char *path, struct rst_age_identities **out,
    struct rst_err *err)
{
	char *text = NULL;
	size_t len = 0;
	int r;

	*out = NULL;
	if ((r = read_secret_file(path, &text, &len, err)) != 0)
		return r;
	if ((r = rst_age_identities_parse(text, len, out, err)) != 0)
		rst_err_prefix(err, "%s", path);
	OPENSSL_cleanse(text, len);
	free(text);
	return r;
}

size_t
rst_age_identities_count(const struct rst_age_identities *ids)
{
	return ids->n;
}

void
rst_age_identities_free(struct rst_age_identities *ids)
{
	size_t i;

	if (ids == NULL)
		return;
	for (i = 0; i < ids->n; i++)
		if (ids->v[i].pass != NULL) {
			OPENSSL_cleanse(ids->v[i].pass, ids->v[i].passlen);
			free(ids->v[i].pass);
		}
	if (ids->v != NULL)
		OPENSSL_cleanse(ids->v, ids->cap * sizeof(*ids->v));
	free(ids->v);
	free(ids);
}

/* --- key generation --- */

int
rst_age_identity_recipient(const char *identity, char **recipient,
    struct rst_err *err)
{
	unsigned char sk[32], pk[32];
	const char *why;
	int r;

	*recipient = NULL;
	if (parse_identity(identity, sk, &why) != 0)
		return rst_errf(err, RST_ECONFIG, "age identity: %s", why);
	if ((r = rst_age_x25519_public(sk, pk, err)) == 0 &&
	    (*recipient = bech32_encode(RCPT_HRP, pk, 32, false)) == NULL)
		r = nomem(err, "age recipient");
	OPENSSL_cleanse(sk, sizeof(sk));
	return r;
}

int
rst_age_keygen(char **identity, char **recipient, struct rst_err *err)
{
	unsigned char sk[32], pk[32];
	int r;

	*identity = *recipient = NULL;
	if (RAND_bytes(sk, sizeof(sk)) != 1)
		return rst_err_ssl(err, RST_EINTERNAL,
		    "age keygen: RAND_bytes");
	if ((r = rst_age_x25519_public(sk, pk, err)) == 0 &&
	    ((*identity = bech32_encode(IDENT_HRP, sk, 32, true)) == NULL ||
	    (*recipient = bech32_encode(RCPT_HRP, pk, 32, false)) == NULL)) {
		rst_age_secret_free(*identity);
		*identity = NULL;
		r = nomem(err, "age keygen");
	}
	OPENSSL_cleanse(sk, sizeof(sk));
	return r;
}

void
rst_age_secret_free(char *s)
{
	rst_secret_free_str(s);
}
