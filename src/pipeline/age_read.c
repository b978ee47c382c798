/* SPDX-License-Identifier: ISC */
/*
 * age v1 decryption: a pull-model reader over a callback.  Layers, bottom
 * up: buffered raw input; age's strict ASCII armor when the input starts
 * with "-----BEGIN AGE ENCRYPTED FILE-----"; the textual header, parsed as
 * strictly as the spec and the reference implementation (canonical
 * unpadded base64, 64-column stanza bodies, no CR, an scrypt stanza alone)
 * and authenticated by its MAC before any plaintext; then the STREAM
 * payload, one 64 KiB chunk at a time.  The CCTV test vectors pin the
 * behaviour down, including what is released before a payload error.
 */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include "restorable/age.h"
#include "restorable/util.h"

#define ENC_CHUNK	(RST_AGE_CHUNK + RST_AGE_TAG)
#define B64_MAC_LEN	43		/* unpadded base64 of 32 bytes */
#define HEADER_MAX	(64 * 1024)
#define RAW_CAP		4096
#define ARMOR_BEGIN	"-----BEGIN AGE ENCRYPTED FILE-----"
#define ARMOR_END	"-----END AGE ENCRYPTED FILE-----"
#define ARMOR_WS_MAX	1024		/* whitespace allowed around armor */

static const char b64chars[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int
b64_value(int c)
{
	const char *p;

	if (c == '\0' || (p = strchr(b64chars, c)) == NULL)
		return -1;
	return (int)(p - b64chars);
}

/* Decode s[0..n) strictly; -1 for a bad character, length or padding. */
static int
b64_decode(const char *s, size_t n, bool padded, unsigned char *out,
    size_t cap, size_t *outlen)
{
	size_t i, o = 0;
	uint32_t v = 0;
	int d, bits = 0;

	if (padded) {
		if (n % 4 != 0)
			return -1;
		for (i = 0; i < 2 && n > 0 && s[n - 1] == '='; i++)
			n--;
	}
	if (n % 4 == 1)
		return -1;
	for (i = 0; i < n; i++) {
		if ((d = b64_value((unsigned char)s[i])) < 0)
			return -1;
		v = (v << 6) | (uint32_t)d;
		if ((bits += 6) >= 8) {
			bits -= 8;
			if (o == cap)
				return -1;
			out[o++] = (unsigned char)(v >> bits);
		}
	}
	if ((v & ((1u << bits) - 1)) != 0)	/* not canonical */
		return -1;
	*outlen = o;
	return 0;
}

/* --- input layers: raw bytes, then optional armor --- */

struct rst_age_reader {
	rst_age_read_cb	 cb;
	void		*arg;
	unsigned char	 raw[RAW_CAP];
	size_t		 rpos, rlen;
	uint64_t	 rtotal;	/* bytes the callback gave so far */
	uint64_t	 hlen;		/* header and payload nonce (not armor) */
	bool		 reof;
	bool		 armored, adone;
	unsigned char	 dec[RST_AGE_LINE_BYTES];	/* decoded armor line */
	size_t		 dpos, dlen;
	EVP_CIPHER_CTX	*ctx;
	unsigned char	 key[RST_AGE_KEY];
	uint64_t	 counter;
	unsigned char	*chunk;
	size_t		 cpos, clen;
	bool		 last;		/* final chunk authenticated */
	int		 failed;	/* sticky error, after the plaintext */
	struct rst_err	 ferr;
};

/* At least want bytes buffered (fewer only at the end of the input). */
static int
raw_fill(struct rst_age_reader *r, size_t want, struct rst_err *err)
{
	ssize_t n;

	while (r->rlen - r->rpos < want && !r->reof) {
		if (r->rpos > 0) {
			memmove(r->raw, r->raw + r->rpos, r->rlen - r->rpos);
			r->rlen -= r->rpos;
			r->rpos = 0;
		}
		n = r->cb(r->arg, r->raw + r->rlen, RAW_CAP - r->rlen, err);
		if (n < 0)
			return rst_errf(err, (int)n, "age: read failed");
		if ((size_t)n > RAW_CAP - r->rlen)
			return rst_errf(err, RST_EINTERNAL,
			    "age: read overrun");
		if (n == 0)
			r->reof = true;
		r->rlen += (size_t)n;
		r->rtotal += (uint64_t)n;
	}
	return 0;
}

static ssize_t
raw_read(struct rst_age_reader *r, unsigned char *dst, size_t n,
    struct rst_err *err)
{
	int rc;

	if (r->rpos == r->rlen && (rc = raw_fill(r, 1, err)) != 0)
		return rc;
	if (n > r->rlen - r->rpos)
		n = r->rlen - r->rpos;
	memcpy(dst, r->raw + r->rpos, n);
	r->rpos += n;
	return (ssize_t)n;
}

static int
armor_err(struct rst_err *err, const char *what)
{
	return rst_errf(err, RST_EINTEGRITY, "age armor: %s", what);
}

/* A line without LF and one CR; the end of input before any byte fails. */
static int
armor_line(struct rst_age_reader *r, char *line, size_t cap, size_t *len,
    struct rst_err *err)
{
	unsigned char c;
	size_t n = 0;
	ssize_t got;

	for (;;) {
		if ((got = raw_read(r, &c, 1, err)) < 0)
			return (int)got;
		if (got == 0 && n == 0)
			return armor_err(err, "unexpected end of input");
		if (got == 0 || c == '\n')
			break;
		if (n == cap)
			return armor_err(err, "line longer than 64 columns");
		line[n++] = (char)c;
	}
	if (n > 0 && line[n - 1] == '\r')
		n--;
	*len = n;
	return 0;
}

static bool
line_is(const char *line, size_t n, const char *s)
{
	return n == strlen(s) && memcmp(line, s, n) == 0;
}

/* After the END line only a little whitespace may follow. */
static int
armor_end(struct rst_age_reader *r, struct rst_err *err)
{
	unsigned char c;
	size_t n = 0;
	ssize_t got;

	r->adone = true;
	while ((got = raw_read(r, &c, 1, err)) == 1) {
		if (!isspace(c))
			return armor_err(err, "data after the END line");
		if (++n >= ARMOR_WS_MAX)
			return armor_err(err, "too much trailing whitespace");
	}
	return (int)got;
}

/* Whitespace lines, then the BEGIN line. */
static int
armor_begin(struct rst_age_reader *r, struct rst_err *err)
{
	char line[RST_AGE_COLUMNS + 2];
	unsigned char last = '\n';
	size_t n;
	int rc;

	while (r->rpos < r->rlen && isspace(r->raw[r->rpos]))
		last = r->raw[r->rpos++];
	if (last != '\n')
		return armor_err(err, "text before the BEGIN line");
	if ((rc = armor_line(r, line, sizeof(line), &n, err)) != 0)
		return rc;
	if (!line_is(line, n, ARMOR_BEGIN))
		return armor_err(err, "invalid BEGIN line");
	return 0;
}

/* Decode the next line into dec; a short line must be followed by END. */
static int
armor_next(struct rst_age_reader *r, struct rst_err *err)
{
	char line[RST_AGE_COLUMNS + 2];
	size_t n;
	int rc;

	if ((rc = armor_line(r, line, sizeof(line), &n, err)) != 0)
		return rc;
	if (line_is(line, n, ARMOR_END))
		return armor_end(r, err);
	if (n == 0)
		return armor_err(err, "empty line");
	if (n > RST_AGE_COLUMNS)
		return armor_err(err, "line longer than 64 columns");
	if (b64_decode(line, n, true, r->dec, sizeof(r->dec), &r->dlen) != 0)
		return armor_err(err, "invalid base64");
	r->dpos = 0;
	if (r->dlen == RST_AGE_LINE_BYTES)
		return 0;
	if ((rc = armor_line(r, line, sizeof(line), &n, err)) != 0)
		return rc;
	if (!line_is(line, n, ARMOR_END))
		return armor_err(err, "short line before the END line");
	return armor_end(r, err);
}

/* Up to n bytes of the age file; 0 at its end. */
static ssize_t
in_read(struct rst_age_reader *r, unsigned char *dst, size_t n,
    struct rst_err *err)
{
	int rc;

	if (!r->armored)
		return raw_read(r, dst, n, err);
	while (r->dpos == r->dlen) {
		if (r->adone)
			return 0;
		if ((rc = armor_next(r, err)) != 0)
			return rc;
	}
	if (n > r->dlen - r->dpos)
		n = r->dlen - r->dpos;
	memcpy(dst, r->dec + r->dpos, n);
	r->dpos += n;
	return (ssize_t)n;
}

static int
in_full(struct rst_age_reader *r, unsigned char *dst, size_t n, size_t *got,
    struct rst_err *err)
{
	ssize_t k;

	*got = 0;
	while (*got < n) {
		if ((k = in_read(r, dst + *got, n - *got, err)) < 0)
			return (int)k;
		if (k == 0)
			break;
		*got += (size_t)k;
	}
	return 0;
}

/* Armor when the first non-blank bytes start the BEGIN line. */
static int
detect_armor(struct rst_age_reader *r, struct rst_err *err)
{
	size_t i;
	int rc;

	if ((rc = raw_fill(r, ARMOR_WS_MAX + sizeof(ARMOR_BEGIN), err)) != 0)
		return rc;
	if (r->rlen == 0)
		return rst_errf(err, RST_EINTEGRITY, "age: empty input");
	for (i = 0; i < r->rlen && i < ARMOR_WS_MAX && isspace(r->raw[i]); i++)
		;
	if (r->rlen - i < 10 || memcmp(r->raw + i, "-----BEGIN", 10) != 0)
		return 0;
	r->armored = true;
	return armor_begin(r, err);
}

/* --- header --- */

struct header {
	struct rst_buf	 text;		/* header bytes as read */
	size_t		 lineno;
	struct rst_age_stanza *st;	/* stanzas of known types */
	size_t		 nst;
	size_t		 total;		/* all stanzas */
	bool		 scrypt;
	size_t		 maclen;	/* bytes covered by the MAC */
	unsigned char	 mac[RST_AGE_MAC];
};

static int
hdr_err(struct header *h, struct rst_err *err, const char *what)
{
	return rst_errf(err, RST_EINTEGRITY, "age header: line %zu: %s",
	    h->lineno, what);
}

/* Read one line into h->text; it starts at *off and is n bytes + LF. */
static int
hdr_line(struct rst_age_reader *r, struct header *h, size_t *off, size_t *n,
    struct rst_err *err)
{
	unsigned char c;
	ssize_t got;

	*off = h->text.len;
	h->lineno++;
	do {
		if ((got = in_read(r, &c, 1, err)) < 0)
			return (int)got;
		if (h->lineno == 1 && (got == 0 || h->text.len >= 64))
			return rst_errf(err, RST_EINTEGRITY, "age: not an age "
			    "file");
		if (got == 0)
			return hdr_err(h, err, "truncated header");
		if (h->text.len >= HEADER_MAX)
			return hdr_err(h, err, "header longer than 64 KiB");
		if (rst_buf_append(&h->text, &c, 1) != 0)
			return rst_errf(err, RST_ENOMEM, "age: out of memory");
	} while (c != '\n');
	*n = h->text.len - 1 - *off;
	return 0;
}

/* The known stanza types, checked however many identities there are. */
static int
hdr_known(struct header *h, char **av, size_t ac, const unsigned char *body,
    size_t bodylen, struct rst_err *err)
{
	struct rst_age_stanza *st, *v;
	size_t len, nd;
	bool x = strcmp(av[0], "X25519") == 0;

	if (!x && strcmp(av[0], "scrypt") != 0)
		return 0;		/* unknown types are ignored */
	h->scrypt |= !x;
	if ((v = realloc(h->st, (h->nst + 1) * sizeof(*v))) == NULL)
		return rst_errf(err, RST_ENOMEM, "age: out of memory");
	h->st = v;
	st = memset(&h->st[h->nst], 0, sizeof(*st));
	st->type = x ? RST_AGE_X25519 : RST_AGE_SCRYPT;
	if (ac != (x ? 2u : 3u))
		return hdr_err(h, err, "wrong number of stanza arguments");
	if (b64_decode(av[1], strlen(av[1]), false, st->arg, sizeof(st->arg),
	    &len) != 0 || len != (x ? 32u : 16u))
		return hdr_err(h, err, x ? "invalid X25519 share" :
		    "invalid scrypt salt");
	if (bodylen != sizeof(st->body))
		return hdr_err(h, err, "wrapped file key is not 16 bytes");
	memcpy(st->body, body, bodylen);
	if (!x) {
		nd = strspn(av[2], "0123456789");
		if (av[2][0] < '1' || av[2][0] > '9' || av[2][nd] != '\0')
			return hdr_err(h, err, "invalid scrypt work factor");
		if (nd > 2 || (st->log2n = atoi(av[2])) > RST_AGE_SCRYPT_MAX)
			return rst_errf(err, RST_EINTEGRITY, "age header: "
			    "scrypt work factor too high (log2 N = %.20s > %d)",
			    av[2], RST_AGE_SCRYPT_MAX);
	}
	h->nst++;
	return 0;
}

/* Split "-> a b c" into av (in place); every argument 1*VCHAR. */
static int
hdr_args(struct header *h, char *line, char ***avp, size_t *ac,
    struct rst_err *err)
{
	char **av, *p, *sp;
	size_t n = 1;

	for (p = line; *p != '\0'; p++)
		n += *p == ' ';
	if ((av = calloc(n, sizeof(*av))) == NULL)
		return rst_errf(err, RST_ENOMEM, "age: out of memory");
	*avp = av;
	*ac = 0;
	if (strncmp(line, "-> ", 3) != 0)
		return hdr_err(h, err, "malformed stanza line");
	for (p = line + 3; p != NULL; p = sp) {
		if ((sp = strchr(p, ' ')) != NULL)
			*sp++ = '\0';
		if (*p == '\0')
			return hdr_err(h, err, "empty stanza argument");
		av[(*ac)++] = p;
		for (; *p != '\0'; p++)
			if (*p < 33 || *p > 126)
				return hdr_err(h, err, "invalid character");
	}
	return 0;
}

/* A stanza line at text+off (n bytes), then its body lines. */
static int
hdr_stanza(struct rst_age_reader *r, struct header *h, size_t off, size_t n,
    struct rst_err *err)
{
	struct rst_buf body = RST_BUF_INIT;
	unsigned char dec[RST_AGE_LINE_BYTES];
	char *line, **av = NULL;
	size_t ac = 0, boff, bn, dl;
	int rc;

	if (memchr(h->text.data + off, '\0', n) != NULL)
		return hdr_err(h, err, "invalid character");
	if ((line = strndup((char *)h->text.data + off, n)) == NULL)
		return rst_errf(err, RST_ENOMEM, "age: out of memory");
	if ((rc = hdr_args(h, line, &av, &ac, err)) != 0)
		goto out;
	do {
		if ((rc = hdr_line(r, h, &boff, &bn, err)) != 0)
			goto out;
		if (bn > RST_AGE_COLUMNS) {
			rc = hdr_err(h, err, "stanza body line longer than 64 "
			    "columns");
			goto out;
		}
		if (b64_decode((char *)h->text.data + boff, bn, false, dec,
		    sizeof(dec), &dl) != 0) {
			rc = hdr_err(h, err, "invalid base64 in stanza body");
			goto out;
		}
		if (rst_buf_append(&body, dec, dl) != 0) {
			rc = rst_errf(err, RST_ENOMEM, "age: out of memory");
			goto out;
		}
	} while (dl == RST_AGE_LINE_BYTES);
	h->total++;
	rc = hdr_known(h, av, ac, body.data, body.len, err);
 out:
	free(av);
	free(line);
	rst_buf_release(&body);
	return rc;
}

/* "--- " and the MAC in canonical base64; the MAC covers up to "---". */
static int
hdr_footer(struct header *h, size_t off, size_t n, struct rst_err *err)
{
	const char *line = (const char *)h->text.data + off;
	size_t len;

	if (n != 4 + B64_MAC_LEN || line[3] != ' ' ||
	    b64_decode(line + 4, B64_MAC_LEN, false, h->mac, sizeof(h->mac),
	    &len) != 0 || len != RST_AGE_MAC)
		return hdr_err(h, err, "malformed MAC line");
	h->maclen = off + 3;
	return 0;
}

static int
hdr_parse(struct rst_age_reader *r, struct header *h, struct rst_err *err)
{
	const char *line;
	size_t off, n;
	int rc;

	if ((rc = hdr_line(r, h, &off, &n, err)) != 0)
		return rc;
	if (!line_is((char *)h->text.data, n, RST_AGE_INTRO))
		return rst_errf(err, RST_EINTEGRITY, "age: %s", strncmp(
		    (char *)h->text.data, "age-encryption.org/", 19) == 0 ?
		    "unsupported age format version" : "not an age file");
	for (;;) {
		if ((rc = hdr_line(r, h, &off, &n, err)) != 0)
			return rc;
		line = (const char *)h->text.data + off;
		if (n >= 3 && strncmp(line, "---", 3) == 0)
			break;
		if (n < 2 || strncmp(line, "->", 2) != 0)
			return hdr_err(h, err, "expected a stanza or the MAC");
		if ((rc = hdr_stanza(r, h, off, n, err)) != 0)
			return rc;
	}
	if ((rc = hdr_footer(h, off, n, err)) != 0)
		return rc;
	if (h->scrypt && h->total > 1)
		return rst_errf(err, RST_EINTEGRITY, "age header: an scrypt "
		    "stanza must be the only stanza");
	return 0;
}

/* Unwrap the file key, check the MAC, read the nonce, derive the key. */
static int
hdr_open(struct rst_age_reader *r, struct header *h,
    const struct rst_age_identities *ids, struct rst_err *err)
{
	unsigned char fk[RST_AGE_FILE_KEY], mac[RST_AGE_MAC];
	unsigned char nonce[RST_AGE_NONCE];
	size_t got;
	int rc;

	if (ids == NULL || ids->n == 0)	/* after the header was checked */
		return rst_errf(err, RST_ECONFIG, "age: no identities given");
	if ((rc = rst_age_unwrap(ids, h->st, h->nst, fk, err)) != 0)
		return rc;
	if ((rc = rst_age_header_mac(fk, h->text.data, h->maclen, mac,
	    err)) != 0)
		goto out;
	if (CRYPTO_memcmp(mac, h->mac, RST_AGE_MAC) != 0) {
		rc = rst_errf(err, RST_EINTEGRITY, "age: bad header MAC");
		goto out;
	}
	if ((rc = in_full(r, nonce, sizeof(nonce), &got, err)) != 0)
		goto out;
	if (got != sizeof(nonce)) {
		rc = rst_errf(err, RST_EINTEGRITY, "age: payload nonce "
		    "missing or short");
		goto out;
	}
	rc = rst_age_hkdf(fk, sizeof(fk), nonce, sizeof(nonce), "payload",
	    r->key, err);
 out:
	OPENSSL_cleanse(fk, sizeof(fk));
	return rc;
}

/* --- STREAM payload --- */

void
rst_age_reader_free(struct rst_age_reader *r)
{
	if (r == NULL)
		return;
	if (r->chunk != NULL)
		OPENSSL_cleanse(r->chunk, ENC_CHUNK);
	free(r->chunk);
	EVP_CIPHER_CTX_free(r->ctx);
	OPENSSL_cleanse(r, sizeof(*r));
	free(r);
}

int
rst_age_reader_open(rst_age_read_cb cb, void *cb_arg,
    const struct rst_age_identities *ids, struct rst_age_reader **out,
    struct rst_err *err)
{
	struct header h;
	struct rst_age_reader *r;
	int rc;

	*out = NULL;
	memset(&h, 0, sizeof(h));
	if ((r = calloc(1, sizeof(*r))) == NULL ||
	    (r->chunk = malloc(ENC_CHUNK)) == NULL ||
	    (r->ctx = EVP_CIPHER_CTX_new()) == NULL) {
		rst_age_reader_free(r);
		return rst_errf(err, RST_ENOMEM, "age: out of memory");
	}
	r->cb = cb;
	r->arg = cb_arg;
	if ((rc = detect_armor(r, err)) == 0 &&
	    (rc = hdr_parse(r, &h, err)) == 0)
		rc = hdr_open(r, &h, ids, err);
	rst_buf_release(&h.text);
	free(h.st);
	if (rc != 0) {
		rst_age_reader_free(r);
		return rc;
	}
	r->hlen = r->rtotal - (r->rlen - r->rpos);
	*out = r;
	return 0;
}

uint64_t
rst_age_reader_header_len(const struct rst_age_reader *r)
{
	return r->armored ? 0 : r->hlen;
}

int
rst_age_reader_seek(struct rst_age_reader *r, uint64_t chunk, uint64_t skip,
    struct rst_err *err)
{
	size_t k;
	int rc;

	if (r->armored || r->counter != 0 || r->clen != 0 || r->failed)
		return rst_errf(err, RST_EINTERNAL, "age: cannot seek here");
	r->reof = false;	/* the caller's input may go on now */
	while (skip > 0) {
		if (r->rpos == r->rlen && (rc = raw_fill(r, 1, err)) != 0)
			return rc;
		if (r->rpos == r->rlen)
			return rst_errf(err, RST_EINTEGRITY, "age payload: "
			    "truncated before chunk %llu",
			    (unsigned long long)chunk);
		k = r->rlen - r->rpos < skip ? r->rlen - r->rpos : (size_t)skip;
		r->rpos += k;
		skip -= k;
	}
	r->counter = chunk;
	return 0;
}

/* Open a full-size chunk: not final, else (restored) final. */
static int
open_chunk(struct rst_age_reader *r, size_t n, bool *last,
    struct rst_err *err)
{
	unsigned char nonce[12], tag[RST_AGE_TAG];
	int rc;

	rst_age_stream_nonce(r->counter, *last, nonce);
	if (!*last)		/* full size: kept for the second attempt */
		memcpy(tag, r->chunk + n - RST_AGE_TAG, RST_AGE_TAG);
	rc = rst_age_aead(r->ctx, false, r->key, nonce, r->chunk, n, r->chunk,
	    err);
	if (rc != 1 || *last)
		return rc;
	/* Decrypting in place clobbered the ciphertext: XOR the same key
	 * stream again to restore it, then try as the final chunk. */
	if ((rc = rst_age_aead(r->ctx, true, r->key, nonce, r->chunk,
	    n - RST_AGE_TAG, r->chunk, err)) != 0)
		return rc;
	memcpy(r->chunk + n - RST_AGE_TAG, tag, RST_AGE_TAG);
	*last = true;
	rst_age_stream_nonce(r->counter, true, nonce);
	return rst_age_aead(r->ctx, false, r->key, nonce, r->chunk, n,
	    r->chunk, err);
}

static int
next_chunk(struct rst_age_reader *r, struct rst_err *err)
{
	unsigned char c;
	bool last;
	size_t n;
	ssize_t k;
	int rc;

	if ((rc = in_full(r, r->chunk, ENC_CHUNK, &n, err)) != 0)
		return rc;
	if (n == 0)
		return rst_errf(err, RST_EINTEGRITY, "age payload: truncated "
		    "(no final chunk after chunk %llu)",
		    (unsigned long long)r->counter);
	if (r->counter > 0 && n == RST_AGE_TAG)
		return rst_errf(err, RST_EINTEGRITY, "age payload: empty "
		    "final chunk");
	if (r->counter == UINT64_MAX)
		return rst_errf(err, RST_EINTEGRITY, "age payload: too long");
	last = n < ENC_CHUNK;
	if ((rc = open_chunk(r, n, &last, err)) == 1)
		rc = rst_errf(err, RST_EINTEGRITY, "age payload: chunk %llu: "
		    "authentication failed", (unsigned long long)r->counter);
	if (rc != 0)
		return rc;
	r->counter++;
	r->cpos = 0;
	r->clen = n - RST_AGE_TAG;
	if (!last)
		return 0;
	r->last = true;
	/* Like the reference, the final chunk is released before trailing
	 * data is reported. */
	if ((k = in_read(r, &c, 1, &r->ferr)) > 0)
		r->failed = rst_errf(&r->ferr, RST_EINTEGRITY, "age payload: "
		    "trailing data after the final chunk");
	else if (k < 0)
		r->failed = (int)k;
	return 0;
}

/* The sticky error, as first reported (errno included). */
static ssize_t
reader_failed(struct rst_age_reader *r, struct rst_err *err)
{
	if (err != NULL && err->code == 0)
		*err = r->ferr;
	return r->failed;
}

ssize_t
rst_age_reader_read(struct rst_age_reader *r, void *buf, size_t len,
    struct rst_err *err)
{
	size_t n;
	int rc;

	if (r->cpos == r->clen) {
		if (r->failed != 0)
			return reader_failed(r, err);
		if (r->last || len == 0)
			return 0;
		if ((rc = next_chunk(r, &r->ferr)) != 0)
			r->failed = rc;
		if (r->cpos == r->clen && r->failed != 0)
			return reader_failed(r, err);
	}
	n = r->clen - r->cpos < len ? r->clen - r->cpos : len;
	memcpy(buf, r->chunk + r->cpos, n);
	r->cpos += n;
	return (ssize_t)n;
}
