/* SPDX-License-Identifier: ISC */
/*
 * age v1 (c2sp.org/age): the primitives on OpenSSL 3 EVP (HKDF-SHA256,
 * HMAC-SHA256, ChaCha20-Poly1305, X25519, scrypt), the recipient stanzas
 * (wrapping the 16-byte file key for an X25519 key or a passphrase, and
 * unwrapping it with identities) and the encrypting pipeline stage: header,
 * header MAC, payload nonce, then the STREAM payload in 64 KiB chunks.
 * Decryption is in age_read.c, keys and their text forms in age_keys.c.
 */
#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include "restorable/age.h"
#include "restorable/util.h"

#define X25519_LABEL	"age-encryption.org/v1/X25519"
#define SCRYPT_LABEL	"age-encryption.org/v1/scrypt"
#define ENC_CHUNK	(RST_AGE_CHUNK + RST_AGE_TAG)
#define B64_MAC_LEN	43		/* unpadded base64 of 32 bytes */

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
static const unsigned char zero_nonce[12];

/* Unpadded base64, as age writes it. */
static size_t
b64_encode(const unsigned char *in, size_t n, char *out)
{
	size_t i, o = 0;
	uint32_t v;

	for (i = 0; i + 3 <= n; i += 3) {
		v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 |
		    in[i + 2];
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		out[o++] = b64chars[(v >> 6) & 63];
		out[o++] = b64chars[v & 63];
	}
	if (n - i > 0) {
		v = (uint32_t)in[i] << 16;
		if (n - i == 2)
			v |= (uint32_t)in[i + 1] << 8;
		out[o++] = b64chars[v >> 18];
		out[o++] = b64chars[(v >> 12) & 63];
		if (n - i == 2)
			out[o++] = b64chars[(v >> 6) & 63];
	}
	out[o] = '\0';
	return o;
}

/* --- primitives --- */

int
rst_age_hkdf(const unsigned char *ikm, size_t ikmlen,
    const unsigned char *salt, size_t saltlen, const char *info,
    unsigned char out[RST_AGE_KEY], struct rst_err *err)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "HKDF", NULL);
	EVP_KDF_CTX *ctx = kdf != NULL ? EVP_KDF_CTX_new(kdf) : NULL;
	OSSL_PARAM p[5], *q = p;
	int r = 0;

	*q++ = OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY,
	    (void *)ikm, ikmlen);
	if (saltlen > 0)	/* an empty salt must be omitted */
		*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT,
		    (void *)salt, saltlen);
	*q++ = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO,
	    (void *)info, strlen(info));
	*q = OSSL_PARAM_construct_end();
	if (ctx == NULL || EVP_KDF_derive(ctx, out, RST_AGE_KEY, p) != 1)
		r = rst_err_ssl(err, RST_EINTERNAL, "age: HKDF failed");
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return r;
}

int
rst_age_aead(EVP_CIPHER_CTX *ctx, bool seal,
    const unsigned char key[RST_AGE_KEY], const unsigned char nonce[12],
    const unsigned char *in, size_t len, unsigned char *out,
    struct rst_err *err)
{
	EVP_CIPHER_CTX *c = ctx != NULL ? ctx : EVP_CIPHER_CTX_new();
	size_t n = seal ? len : len - RST_AGE_TAG;	/* plaintext length */
	int outl = 0, fin = 0, r = 0;

	if (!seal && len < RST_AGE_TAG)
		r = 1;
	else if (c == NULL || n > INT_MAX ||
	    EVP_CipherInit_ex(c, EVP_chacha20_poly1305(), NULL, key, nonce,
	    seal ? 1 : 0) != 1 ||
	    (!seal && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_SET_TAG,
	    RST_AGE_TAG, (void *)(in + n)) != 1) ||
	    (n > 0 && EVP_CipherUpdate(c, out, &outl, in, (int)n) != 1))
		r = RST_EINTERNAL;
	else if (EVP_CipherFinal_ex(c, out + outl, &fin) != 1) {
		if ((r = seal ? RST_EINTERNAL : 1) == 1)
			ERR_clear_error();	/* just not authentic */
	} else if (seal && EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_AEAD_GET_TAG,
	    RST_AGE_TAG, out + n) != 1)
		r = RST_EINTERNAL;
	if (r == RST_EINTERNAL)
		rst_err_ssl(err, r, "age: ChaCha20-Poly1305 failed");
	if (ctx == NULL)
		EVP_CIPHER_CTX_free(c);
	return r;
}

int
rst_age_header_mac(const unsigned char fk[RST_AGE_FILE_KEY], const void *hdr,
    size_t len, unsigned char out[RST_AGE_MAC], struct rst_err *err)
{
	unsigned char key[RST_AGE_KEY];
	EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
	EVP_MAC_CTX *ctx = mac != NULL ? EVP_MAC_CTX_new(mac) : NULL;
	OSSL_PARAM p[2];
	size_t outlen;
	int r;

	p[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST,
	    (char *)"SHA256", 0);
	p[1] = OSSL_PARAM_construct_end();
	if ((r = rst_age_hkdf(fk, RST_AGE_FILE_KEY, NULL, 0, "header", key,
	    err)) == 0 && (ctx == NULL ||
	    EVP_MAC_init(ctx, key, sizeof(key), p) != 1 ||
	    EVP_MAC_update(ctx, hdr, len) != 1 ||
	    EVP_MAC_final(ctx, out, &outlen, RST_AGE_MAC) != 1))
		r = rst_err_ssl(err, RST_EINTERNAL, "age: HMAC failed");
	OPENSSL_cleanse(key, sizeof(key));
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return r;
}

void
rst_age_stream_nonce(uint64_t counter, bool last, unsigned char nonce[12])
{
	int i;

	memset(nonce, 0, 3);
	for (i = 0; i < 8; i++)
		nonce[3 + i] = (unsigned char)(counter >> (56 - 8 * i));
	nonce[11] = last ? 1 : 0;
}

/* X25519(sk, peer); OpenSSL refuses an all-zero result (low-order peer). */
static int
x25519_derive(const unsigned char sk[32], const unsigned char peer[32],
    unsigned char out[32], struct rst_err *err)
{
	EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL,
	    sk, 32);
	EVP_PKEY *p = EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL,
	    peer, 32);
	EVP_PKEY_CTX *ctx = k != NULL ? EVP_PKEY_CTX_new(k, NULL) : NULL;
	size_t len = 32;
	int r = 0;

	if (p == NULL || ctx == NULL || EVP_PKEY_derive_init(ctx) != 1)
		r = rst_err_ssl(err, RST_EINTERNAL, "age: X25519");
	else if (EVP_PKEY_derive_set_peer(ctx, p) != 1 ||
	    EVP_PKEY_derive(ctx, out, &len) != 1 || len != 32)
		r = rst_err_ssl(err, RST_EINTEGRITY, "age: X25519 stanza: "
		    "invalid share (all-zero shared secret)");
	EVP_PKEY_CTX_free(ctx);
	EVP_PKEY_free(p);
	EVP_PKEY_free(k);
	return r;
}

static int
scrypt_key(const char *pass, size_t passlen, const unsigned char salt[16],
    int log2n, unsigned char key[RST_AGE_KEY], struct rst_err *err)
{
	EVP_KDF *kdf = EVP_KDF_fetch(NULL, "SCRYPT", NULL);
	EVP_KDF_CTX *ctx = kdf != NULL ? EVP_KDF_CTX_new(kdf) : NULL;
	unsigned char s[sizeof(SCRYPT_LABEL) - 1 + 16];
	uint64_t n = (uint64_t)1 << log2n;
	uint64_t maxmem = 128 * 8 * n + ((uint64_t)64 << 20);
	uint32_t rr = 8, pp = 1;
	OSSL_PARAM p[7];
	int r = 0;

	memcpy(s, SCRYPT_LABEL, sizeof(SCRYPT_LABEL) - 1);
	memcpy(s + sizeof(SCRYPT_LABEL) - 1, salt, 16);
	p[0] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_PASSWORD,
	    (void *)pass, passlen);
	p[1] = OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_SALT, s,
	    sizeof(s));
	p[2] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_N, &n);
	p[3] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_R, &rr);
	p[4] = OSSL_PARAM_construct_uint32(OSSL_KDF_PARAM_SCRYPT_P, &pp);
	p[5] = OSSL_PARAM_construct_uint64(OSSL_KDF_PARAM_SCRYPT_MAXMEM,
	    &maxmem);
	p[6] = OSSL_PARAM_construct_end();
	if (ctx == NULL || EVP_KDF_derive(ctx, key, RST_AGE_KEY, p) != 1)
		r = rst_err_ssl(err, RST_EINTERNAL,
		    "age: scrypt (log2 N = %d) failed", log2n);
	EVP_KDF_CTX_free(ctx);
	EVP_KDF_free(kdf);
	return r;
}

/* --- stanzas --- */

static int
wrap_x25519(const unsigned char pk[32], const unsigned char *fk,
    struct rst_age_stanza *st, struct rst_err *err)
{
	unsigned char esk[32], shared[32], salt[64], key[RST_AGE_KEY];
	int r;

	st->type = RST_AGE_X25519;
	if (RAND_bytes(esk, sizeof(esk)) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "age: RAND_bytes");
	if ((r = rst_age_x25519_public(esk, st->arg, err)) == 0 &&
	    (r = x25519_derive(esk, pk, shared, err)) == 0) {
		memcpy(salt, st->arg, 32);
		memcpy(salt + 32, pk, 32);
		if ((r = rst_age_hkdf(shared, 32, salt, 64, X25519_LABEL, key,
		    err)) == 0)
			r = rst_age_aead(NULL, true, key, zero_nonce, fk,
			    RST_AGE_FILE_KEY, st->body, err);
	}
	OPENSSL_cleanse(esk, sizeof(esk));
	OPENSSL_cleanse(shared, sizeof(shared));
	OPENSSL_cleanse(key, sizeof(key));
	return r;
}

static int
wrap(const struct rst_age_recipients *rs, size_t i,
    const unsigned char fk[RST_AGE_FILE_KEY], struct rst_age_stanza *st,
    struct rst_err *err)
{
	unsigned char key[RST_AGE_KEY];
	int r;

	memset(st, 0, sizeof(*st));
	if (rs->pass == NULL)
		return wrap_x25519(rs->keys[i], fk, st, err);
	st->type = RST_AGE_SCRYPT;
	st->log2n = rs->log2n;
	if (RAND_bytes(st->arg, 16) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "age: RAND_bytes");
	if ((r = scrypt_key(rs->pass, rs->passlen, st->arg, st->log2n, key,
	    err)) == 0)
		r = rst_age_aead(NULL, true, key, zero_nonce, fk,
		    RST_AGE_FILE_KEY, st->body, err);
	OPENSSL_cleanse(key, sizeof(key));
	return r;
}

/* 0 with fk, 1 when not for this identity, or an error. */
static int
unwrap_one(const struct rst_age_ident *id, const struct rst_age_stanza *st,
    unsigned char *fk, struct rst_err *err)
{
	unsigned char shared[32], salt[64], key[RST_AGE_KEY];
	int r;

	if (id->is_pass)
		r = scrypt_key(id->pass, id->passlen, st->arg, st->log2n, key,
		    err);
	else if ((r = x25519_derive(id->sk, st->arg, shared, err)) == 0) {
		memcpy(salt, st->arg, 32);
		memcpy(salt + 32, id->pk, 32);
		r = rst_age_hkdf(shared, 32, salt, 64, X25519_LABEL, key, err);
	}
	if (r == 0)
		r = rst_age_aead(NULL, false, key, zero_nonce, st->body,
		    sizeof(st->body), fk, err);
	OPENSSL_cleanse(shared, sizeof(shared));
	OPENSSL_cleanse(key, sizeof(key));
	return r;
}

int
rst_age_unwrap(const struct rst_age_identities *ids,
    const struct rst_age_stanza *st, size_t n,
    unsigned char fk[RST_AGE_FILE_KEY], struct rst_err *err)
{
	enum rst_age_stanza_type want;
	size_t i, j;
	int r;

	for (i = 0; i < ids->n; i++) {
		want = ids->v[i].is_pass ? RST_AGE_SCRYPT : RST_AGE_X25519;
		for (j = 0; j < n; j++) {
			if (st[j].type != want)
				continue;
			if ((r = unwrap_one(&ids->v[i], &st[j], fk, err)) <= 0)
				return r;
		}
	}
	return rst_errf(err, RST_EINTEGRITY, "no identity matches");
}

/* --- encryption --- */

struct age_enc {
	struct rst_buf	 head;		/* header + nonce, until written */
	bool		 head_sent;
	bool		 finished;
	EVP_CIPHER_CTX	*ctx;
	unsigned char	 key[RST_AGE_KEY];
	uint64_t	 counter;
	unsigned char	*chunk;		/* plaintext, sealed in place */
	size_t		 clen;
};

/* "-> " args LF, then the body in 64-column lines ending with a short one. */
static int
put_stanza(struct rst_buf *h, const struct rst_age_stanza *st)
{
	char a[64], b[RST_AGE_COLUMNS + 1];
	size_t i, n;
	int r;

	if (st->type == RST_AGE_X25519) {
		b64_encode(st->arg, 32, a);
		r = rst_buf_printf(h, "-> X25519 %s\n", a);
	} else {
		b64_encode(st->arg, 16, a);
		r = rst_buf_printf(h, "-> scrypt %s %d\n", a, st->log2n);
	}
	for (i = 0; r == 0; i += RST_AGE_LINE_BYTES) {
		n = sizeof(st->body) - i < RST_AGE_LINE_BYTES ?
		    sizeof(st->body) - i : RST_AGE_LINE_BYTES;
		b64_encode(st->body + i, n, b);
		if ((r = rst_buf_printf(h, "%s\n", b)) != 0 ||
		    n < RST_AGE_LINE_BYTES)
			break;
	}
	return r;
}

static int
make_header(struct age_enc *e, const struct rst_age_recipients *rs,
    struct rst_err *err)
{
	unsigned char fk[RST_AGE_FILE_KEY], mac[RST_AGE_MAC];
	unsigned char nonce[RST_AGE_NONCE];
	struct rst_age_stanza st;
	char b[B64_MAC_LEN + 1];
	size_t i;
	int r = 0;

	if (RAND_bytes(fk, sizeof(fk)) != 1 ||
	    RAND_bytes(nonce, sizeof(nonce)) != 1)
		return rst_err_ssl(err, RST_EINTERNAL, "age: RAND_bytes");
	if (rst_buf_printf(&e->head, "%s\n", RST_AGE_INTRO) != 0)
		r = RST_ENOMEM;
	for (i = 0; r == 0 && i < rst_age_recipients_count(rs); i++)
		if ((r = wrap(rs, i, fk, &st, err)) == 0 &&
		    put_stanza(&e->head, &st) != 0)
			r = RST_ENOMEM;
	if (r == 0 && rst_buf_append(&e->head, "---", 3) != 0)
		r = RST_ENOMEM;
	if (r == 0 && (r = rst_age_header_mac(fk, e->head.data, e->head.len,
	    mac, err)) == 0) {
		b64_encode(mac, sizeof(mac), b);
		if (rst_buf_printf(&e->head, " %s\n", b) != 0 ||
		    rst_buf_append(&e->head, nonce, sizeof(nonce)) != 0)
			r = RST_ENOMEM;
		else
			r = rst_age_hkdf(fk, sizeof(fk), nonce, sizeof(nonce),
			    "payload", e->key, err);
	}
	if (r == RST_ENOMEM)
		rst_errf(err, r, "age: out of memory");
	OPENSSL_cleanse(fk, sizeof(fk));
	OPENSSL_cleanse(&st, sizeof(st));
	return r;
}

static int
enc_head(struct rst_stage *st, struct rst_err *err)
{
	struct age_enc *e = st->priv;
	int r;

	if (e->finished)
		return rst_errf(err, RST_EINTERNAL, "age: write after finish");
	if (e->head_sent)
		return 0;
	if ((r = rst_stage_write(st->next, e->head.data, e->head.len,
	    err)) != 0)
		return r;
	st->bytes_out += e->head.len;
	rst_buf_release(&e->head);
	e->head_sent = true;
	return 0;
}

static int
enc_chunk(struct rst_stage *st, bool last, struct rst_err *err)
{
	struct age_enc *e = st->priv;
	unsigned char nonce[12];
	int r;

	if (e->counter == UINT64_MAX)
		return rst_errf(err, RST_EINTERNAL, "age: too many chunks");
	rst_age_stream_nonce(e->counter, last, nonce);
	if ((r = rst_age_aead(e->ctx, true, e->key, nonce, e->chunk, e->clen,
	    e->chunk, err)) != 0)
		return r;
	if ((r = rst_stage_write(st->next, e->chunk, e->clen + RST_AGE_TAG,
	    err)) != 0)
		return r;
	st->bytes_out += e->clen + RST_AGE_TAG;
	e->counter++;
	e->clen = 0;
	return 0;
}

static int
enc_write(struct rst_stage *st, const void *buf, size_t len,
    struct rst_err *err)
{
	struct age_enc *e = st->priv;
	const unsigned char *p = buf;
	size_t n;
	int r;

	if ((r = enc_head(st, err)) != 0)
		return r;
	while (len > 0) {
		/* a full chunk is sealed only once more data proves it is not
		 * the last one */
		if (e->clen == RST_AGE_CHUNK &&
		    (r = enc_chunk(st, false, err)) != 0)
			return r;
		n = RST_AGE_CHUNK - e->clen;
		if (n > len)
			n = len;
		memcpy(e->chunk + e->clen, p, n);
		e->clen += n;
		p += n;
		len -= n;
	}
	return 0;
}

static int
enc_finish(struct rst_stage *st, struct rst_err *err)
{
	struct age_enc *e = st->priv;
	int r;

	if ((r = enc_head(st, err)) != 0 || (r = enc_chunk(st, true, err)) != 0)
		return r;
	e->finished = true;
	return 0;
}

static void
enc_free(struct rst_stage *st)
{
	struct age_enc *e = st->priv;

	if (e == NULL)
		return;
	OPENSSL_cleanse(e->key, sizeof(e->key));
	if (e->chunk != NULL)
		OPENSSL_cleanse(e->chunk, ENC_CHUNK);
	free(e->chunk);
	EVP_CIPHER_CTX_free(e->ctx);
	rst_buf_release(&e->head);
	free(e);
	st->priv = NULL;
}

static const struct rst_stage_ops age_enc_ops = {
	.name = "age",
	.write = enc_write,
	.finish = enc_finish,
	.free = enc_free,
};

struct rst_stage *
rst_stage_age_new(const struct rst_age_recipients *rs, struct rst_stage *next,
    struct rst_err *err)
{
	struct rst_stage *st = NULL;
	struct age_enc *e;

	if (rs == NULL || rst_age_recipients_count(rs) == 0) {
		rst_errf(err, RST_ECONFIG, "age: no recipients");
		return NULL;
	}
	if ((e = calloc(1, sizeof(*e))) == NULL ||
	    (e->chunk = malloc(ENC_CHUNK)) == NULL ||
	    (e->ctx = EVP_CIPHER_CTX_new()) == NULL) {
		rst_errf(err, RST_ENOMEM, "age: out of memory");
	} else if (make_header(e, rs, err) == 0 &&
	    (st = rst_stage_alloc(&age_enc_ops, e, next)) == NULL)
		rst_errf(err, RST_ENOMEM, "age: out of memory");
	if (st == NULL && e != NULL) {
		struct rst_stage tmp = { .priv = e };
		enc_free(&tmp);
	}
	return st;
}
