/* SPDX-License-Identifier: ISC */
/*
 * Unit tests for age: every CCTV test vector under
 * tests/fixtures/age-vectors (expected outcome and, where given, the hash
 * of the plaintext released), round trips at the chunk boundaries for
 * X25519 and scrypt fed in odd-sized writes and reads, tampering and
 * truncation, the ASCII armor, and the key text forms against a pair made
 * by age-keygen.
 */
#include "config.h"

#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/rand.h>
#include <zlib.h>

#include "restorable/age.h"
#include "restorable/crypto.h"
#include "restorable/pipeline.h"
#include "restorable/util.h"
#include "suites.h"

/* Made with age-keygen 1.1.1. */
#define KEYGEN_ID	"AGE-SECRET-KEY-1ZN4FMZ5UCEV4V6L3FLC88W46V5RENJ7NDKK" \
			"UCZUH27RL0FDYYUGSC32JZG"
#define KEYGEN_RCPT	"age104gmfm6arc830mkgdl65sqvu2xzlqsl89xkd235ev6r9d957" \
			"hufqd6ekm3"
/* Valid Bech32 "age" strings holding 31 and 33 bytes. */
#define RCPT_31		"age1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qa" \
			"rc535lh4"
#define RCPT_33		"age1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v9ccrydpk8qa" \
			"rc0jqtdny4t"
#define LOW_WORK	10		/* scrypt log2 N in tests */
#define CH		RST_AGE_CHUNK

static const size_t sizes[] = { 0, 1, CH - 1, CH, CH + 1, 2 * CH,
    2 * CH + 1 };
#define NSIZES	(sizeof(sizes) / sizeof(sizes[0]))

/* --- helpers: memory source, encrypt/decrypt --- */

/* Input handed out in pieces of varying size, 1 byte included. */
struct src {
	const unsigned char *p;
	size_t		 len, pos;
	unsigned	 turn;
};

static ssize_t
src_read(void *arg, void *buf, size_t len, struct rst_err *err)
{
	static const size_t piece[] = { 1, 7, 4093, 65537, 300, 100000 };
	struct src *s = arg;
	size_t n = piece[s->turn++ % 6];

	(void)err;
	if (n > len)
		n = len;
	if (n > s->len - s->pos)
		n = s->len - s->pos;
	memcpy(buf, s->p + s->pos, n);
	s->pos += n;
	return (ssize_t)n;
}

static unsigned char *
random_bytes(size_t n)
{
	unsigned char *p = malloc(n + 1);

	ck_assert_ptr_nonnull(p);
	ck_assert_int_eq(RAND_bytes(p, (int)n + 1), 1);
	return p;
}

/* Encrypt pt into out (appended), in odd-sized writes. */
static int
encrypt_buf(const struct rst_age_recipients *rs, const unsigned char *pt,
    size_t n, struct rst_buf *out, struct rst_err *err)
{
	static const size_t piece[] = { 1, 1000, CH - 1, 3, CH + 5, 17 };
	struct rst_stage *sink = rst_stage_buf_new(out);
	struct rst_stage *st;
	size_t off = 0, k, i = 0;
	int r = 0;

	ck_assert_ptr_nonnull(sink);
	if ((st = rst_stage_age_new(rs, sink, err)) == NULL) {
		rst_stage_free(sink);
		return err->code;
	}
	while (r == 0 && off < n) {
		k = piece[i++ % 6];
		k = k > n - off ? n - off : k;
		r = rst_stage_write(st, pt + off, k, err);
		off += k;
	}
	if (r == 0)
		r = rst_stage_finish(st, err);
	rst_stage_free(st);
	rst_stage_free(sink);
	return r;
}

/* Decrypt ct into pt (what was released); 0 or the reader's error. */
static int
decrypt_buf(const struct rst_age_identities *ids, const void *ct, size_t n,
    struct rst_buf *pt, bool *opened, struct rst_err *err)
{
	static const size_t piece[] = { 5, 65536, 1, 70000, 333 };
	struct src s = { ct, n, 0, 0 };
	struct rst_age_reader *r;
	unsigned char buf[70000];
	ssize_t got;
	unsigned i = 0;
	int rc;

	*opened = false;
	if ((rc = rst_age_reader_open(src_read, &s, ids, &r, err)) != 0)
		return rc;
	*opened = true;
	while ((got = rst_age_reader_read(r, buf, piece[i++ % 5], err)) > 0)
		ck_assert_int_eq(rst_buf_append(pt, buf, (size_t)got), 0);
	/* errors and the end are sticky */
	ck_assert_int_eq(rst_age_reader_read(r, buf, 10, err), got);
	rst_age_reader_free(r);
	return (int)got;
}

static struct rst_age_identities *
ids_of(const char *identity, const char *pass)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_identities *ids;

	ck_assert_int_eq(rst_age_identities_new(&ids, &err), 0);
	if (identity != NULL)
		ck_assert_int_eq(rst_age_identities_add(ids, identity, &err),
		    0);
	if (pass != NULL)
		ck_assert_int_eq(rst_age_identities_add_passphrase(ids, pass,
		    strlen(pass), &err), 0);
	return ids;
}

static struct rst_age_recipients *
rcpts_of(const char *r1, const char *r2, const char *pass)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_recipients *rs;

	ck_assert_int_eq(rst_age_recipients_new(&rs, &err), 0);
	if (r1 != NULL)
		ck_assert_int_eq(rst_age_recipients_add(rs, r1, &err), 0);
	if (r2 != NULL)
		ck_assert_int_eq(rst_age_recipients_add(rs, r2, &err), 0);
	if (pass != NULL)
		ck_assert_int_eq(rst_age_recipients_set_passphrase(rs, pass,
		    strlen(pass), LOW_WORK, &err), 0);
	return rs;
}

/* Decrypt and expect exactly pt back. */
static void
expect_plain(const struct rst_age_identities *ids, const struct rst_buf *ct,
    const unsigned char *pt, size_t n)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf out = RST_BUF_INIT;
	bool opened;

	ck_assert_msg(decrypt_buf(ids, ct->data, ct->len, &out, &opened,
	    &err) == 0, "decrypt: %s", err.msg);
	ck_assert_uint_eq(out.len, n);
	if (n > 0)
		ck_assert_mem_eq(out.data, pt, n);
	rst_buf_release(&out);
}

/* Length of the header (up to and including the MAC line). */
static size_t
header_len(const struct rst_buf *ct)
{
	const char *p = strstr((const char *)ct->data, "\n--- ");

	ck_assert_ptr_nonnull(p);
	return (size_t)(strchr(p + 1, '\n') + 1 - (const char *)ct->data);
}

/* Decrypt, expect failure with code and a message containing what. */
static void
expect_fail(const struct rst_age_identities *ids, const void *ct, size_t n,
    int code, const char *what, size_t released)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf out = RST_BUF_INIT;
	bool opened;

	ck_assert_int_eq(decrypt_buf(ids, ct, n, &out, &opened, &err), code);
	ck_assert_msg(strstr(err.msg, what) != NULL, "message \"%s\" lacks "
	    "\"%s\"", err.msg, what);
	ck_assert_uint_eq(out.len, released);
	rst_buf_release(&out);
}

/* --- test vectors --- */

static char *
vector_dir(void)
{
	const char *top = getenv("top_srcdir");

	return rst_path_join(top != NULL && *top != '\0' ? top : ".",
	    "tests/fixtures/age-vectors");
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Sorted vector file names (README.md excluded), NULL-terminated.  Also
 * called while the suite is built, so no ck_assert here.
 */
static char **
vector_list(size_t *count)
{
	char *dir = vector_dir(), **v = calloc(512, sizeof(*v));
	struct dirent *de;
	DIR *d;
	size_t n = 0;

	if (v != NULL && dir != NULL && (d = opendir(dir)) != NULL) {
		while ((de = readdir(d)) != NULL && n < 511)
			if (de->d_name[0] != '.' &&
			    strcmp(de->d_name, "README.md") != 0)
				v[n++] = strdup(de->d_name);
		closedir(d);
	}
	free(dir);
	if (v != NULL)
		qsort(v, n, sizeof(*v), cmp_names);
	*count = n;
	return v;
}

static void
vector_list_free(char **v)
{
	size_t i;

	for (i = 0; v != NULL && v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

struct vector {
	char		 expect[32];
	char		 payload[RST_SHA256_HEX];
	bool		 compressed, armored, unknown_key;
	struct rst_age_identities *ids;
	struct rst_buf	 body;
};

static void
inflate_into(struct rst_buf *out, const unsigned char *p, size_t n)
{
	unsigned char buf[65536];
	z_stream z;
	int zr;

	memset(&z, 0, sizeof(z));
	ck_assert_int_eq(inflateInit(&z), Z_OK);
	z.next_in = (unsigned char *)p;
	z.avail_in = (uInt)n;
	do {
		z.next_out = buf;
		z.avail_out = sizeof(buf);
		zr = inflate(&z, Z_NO_FLUSH);
		ck_assert_msg(zr == Z_OK || zr == Z_STREAM_END, "zlib: %d", zr);
		ck_assert_int_eq(rst_buf_append(out, buf,
		    sizeof(buf) - z.avail_out), 0);
	} while (zr != Z_STREAM_END);
	inflateEnd(&z);
}

/* One "key: value" line of a vector's header. */
static void
vector_key(struct vector *v, const char *line)
{
	struct rst_err err = RST_ERR_INIT;
	const char *val = strchr(line, ':');

	ck_assert_ptr_nonnull(val);
	val += 2;
	if (strncmp(line, "expect:", 7) == 0)
		snprintf(v->expect, sizeof(v->expect), "%s", val);
	else if (strncmp(line, "payload:", 8) == 0)
		snprintf(v->payload, sizeof(v->payload), "%s", val);
	else if (strncmp(line, "identity:", 9) == 0)
		ck_assert_int_eq(rst_age_identities_add(v->ids, val, &err), 0);
	else if (strncmp(line, "passphrase:", 11) == 0)
		ck_assert_int_eq(rst_age_identities_add_passphrase(v->ids, val,
		    strlen(val), &err), 0);
	else if (strncmp(line, "compressed:", 11) == 0)
		v->compressed = strcmp(val, "zlib") == 0;
	else if (strncmp(line, "armored:", 8) == 0)
		v->armored = strcmp(val, "yes") == 0;
	else if (strncmp(line, "file key:", 9) != 0 &&
	    strncmp(line, "comment:", 8) != 0)
		v->unknown_key = true;
}

static void
vector_load(const char *name, struct vector *v)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf raw = RST_BUF_INIT;
	char *dir = vector_dir(), *path = rst_path_join(dir, name), *p, *nl;
	const char *end;

	memset(v, 0, sizeof(*v));
	ck_assert_int_eq(rst_age_identities_new(&v->ids, &err), 0);
	ck_assert_msg(rst_buf_load_file(&raw, path, 1 << 24, &err) == 0,
	    "%s", err.msg);
	end = strstr((char *)raw.data, "\n\n");
	ck_assert_ptr_nonnull(end);
	for (p = (char *)raw.data; p < end; p = nl + 1) {
		nl = strchr(p, '\n');
		*nl = '\0';
		vector_key(v, p);
	}
	p = (char *)end + 2;
	if (v->compressed)
		inflate_into(&v->body, (unsigned char *)p,
		    raw.len - (size_t)(p - (char *)raw.data));
	else
		ck_assert_int_eq(rst_buf_append(&v->body, p,
		    raw.len - (size_t)(p - (char *)raw.data)), 0);
	rst_buf_release(&raw);
	free(path);
	free(dir);
}

static void
vector_check(const char *name, struct vector *v)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf out = RST_BUF_INIT;
	char hex[RST_SHA256_HEX];
	bool opened;
	int rc;

	rc = decrypt_buf(v->ids, v->body.data, v->body.len, &out, &opened,
	    &err);
	ck_assert_int_eq(rst_sha256_hex(out.data != NULL ? out.data :
	    (unsigned char *)"", out.len, hex, &err), 0);
	if (strcmp(v->expect, "success") == 0)
		ck_assert_msg(rc == 0, "%s: %s", name, err.msg);
	else
		ck_assert_msg(rc == RST_EINTEGRITY, "%s: rc %d: %s", name, rc,
		    err.msg);
	if (strcmp(v->expect, "no match") == 0)
		ck_assert_msg(strcmp(err.msg, "no identity matches") == 0,
		    "%s: %s", name, err.msg);
	else if (strcmp(v->expect, "HMAC failure") == 0)
		ck_assert_msg(strstr(err.msg, "bad header MAC") != NULL,
		    "%s: %s", name, err.msg);
	else if (strcmp(v->expect, "header failure") == 0)
		ck_assert_msg(!opened && strstr(err.msg, "no identity") == NULL,
		    "%s: %s", name, err.msg);
	else if (strcmp(v->expect, "payload failure") == 0)
		ck_assert_msg(opened, "%s: %s", name, err.msg);
	else if (strcmp(v->expect, "armor failure") == 0)
		ck_assert_msg(v->armored, "%s: not armored", name);
	else if (strcmp(v->expect, "success") != 0)
		ck_abort_msg("%s: unknown expect \"%s\"", name, v->expect);
	if (v->payload[0] != '\0')
		ck_assert_msg(strcmp(hex, v->payload) == 0,
		    "%s: released plaintext hashes to %s", name, hex);
	rst_buf_release(&out);
}

START_TEST(age_vector)
{
	struct vector v;
	size_t n;
	char **names = vector_list(&n);

	ck_assert_uint_lt((size_t)_i, n);
	vector_load(names[_i], &v);
	if (!v.unknown_key)	/* the format says: ignore such files */
		vector_check(names[_i], &v);
	rst_age_identities_free(v.ids);
	rst_buf_release(&v.body);
	vector_list_free(names);
}
END_TEST

START_TEST(age_vectors_present)
{
	size_t i, n, skipped = 0;
	char **names = vector_list(&n);
	struct vector v;

	ck_assert_uint_eq(n, 122);
	/* age_vector skips files with an unknown header key: none here, so
	 * that every vector is checked (a new key would skip it silently). */
	for (i = 0; i < n; i++) {
		vector_load(names[i], &v);
		skipped += v.unknown_key;
		rst_age_identities_free(v.ids);
		rst_buf_release(&v.body);
	}
	ck_assert_msg(skipped == 0, "%zu of %zu vectors skipped (unknown "
	    "header key)", skipped, n);
	vector_list_free(names);
}
END_TEST

/*
 * A round trip's material: identities and recipients, n random bytes and
 * their encryption to the recipients (checked to succeed).
 */
struct trip {
	struct rst_age_identities *ids;
	struct rst_age_recipients *rs;
	unsigned char *pt;
	size_t n;
	struct rst_buf ct;
};

static void
trip_open(struct trip *t, struct rst_age_identities *ids,
    struct rst_age_recipients *rs, size_t n)
{
	struct rst_err err = RST_ERR_INIT;

	t->ids = ids;
	t->rs = rs;
	t->n = n;
	t->pt = random_bytes(n);
	t->ct = (struct rst_buf)RST_BUF_INIT;
	ck_assert_msg(encrypt_buf(rs, t->pt, n, &t->ct, &err) == 0, "%s",
	    err.msg);
}

static void
trip_close(struct trip *t)
{
	free(t->pt);
	rst_buf_release(&t->ct);
	rst_age_recipients_free(t->rs);
	rst_age_identities_free(t->ids);
}

/* --- round trips --- */

START_TEST(age_round_trip_x25519)
{
	struct trip t;
	size_t n = sizes[_i], chunks = n == 0 ? 1 : (n + CH - 1) / CH;

	trip_open(&t, ids_of(KEYGEN_ID, NULL), rcpts_of(KEYGEN_RCPT, NULL,
	    NULL), n);
	ck_assert_uint_eq(t.ct.len, header_len(&t.ct) + 16 + n + 16 * chunks);
	expect_plain(t.ids, &t.ct, t.pt, n);
	trip_close(&t);
}
END_TEST

/*
 * Seek: after the header, start at chunk k (input from that chunk's
 * ciphertext on, the bytes before it skipped by the reader): the
 * plaintext from k * 64 KiB comes out, the final chunk authenticates; a
 * chunk given under the wrong counter fails.
 */
START_TEST(age_seek_to_chunk)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT, out = RST_BUF_INIT;
	struct rst_age_identities *ids = ids_of(KEYGEN_ID, NULL);
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	size_t n = 3 * CH + 100, hlen;
	unsigned char *pt = random_bytes(n), buf[4096];
	struct rst_age_reader *r;
	struct src s;
	ssize_t got;
	uint64_t k;

	ck_assert_msg(encrypt_buf(rs, pt, n, &ct, &err) == 0, "%s", err.msg);
	hlen = header_len(&ct) + 16;
	for (k = 0; k < 4; k++) {
		memset(&s, 0, sizeof(s));
		s.p = ct.data;
		s.len = ct.len;
		out.len = 0;
		ck_assert_int_eq(rst_age_reader_open(src_read, &s, ids, &r,
		    &err), 0);
		ck_assert_uint_eq(rst_age_reader_header_len(r), hlen);
		ck_assert_int_eq(rst_age_reader_seek(r, k, k * (CH + 16),
		    &err), 0);
		while ((got = rst_age_reader_read(r, buf, sizeof(buf),
		    &err)) > 0)
			ck_assert_int_eq(rst_buf_append(&out, buf,
			    (size_t)got), 0);
		ck_assert_int_eq(got, 0);
		ck_assert_uint_eq(out.len, n - k * CH);
		ck_assert_mem_eq(out.data, pt + k * CH, out.len);
		rst_age_reader_free(r);
	}
	/* Chunk 2's ciphertext read as chunk 1: authentication fails. */
	memset(&s, 0, sizeof(s));
	s.p = ct.data;
	s.len = ct.len;
	ck_assert_int_eq(rst_age_reader_open(src_read, &s, ids, &r, &err), 0);
	ck_assert_int_eq(rst_age_reader_seek(r, 1, 2 * (CH + 16), &err), 0);
	ck_assert_int_eq(rst_age_reader_read(r, buf, sizeof(buf), &err),
	    RST_EINTEGRITY);
	rst_age_reader_free(r);
	free(pt);
	rst_buf_release(&ct);
	rst_buf_release(&out);
	rst_age_recipients_free(rs);
	rst_age_identities_free(ids);
}
END_TEST

START_TEST(age_round_trip_two_recipients)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT;
	struct rst_age_identities *a, *b;
	struct rst_age_recipients *rs;
	char *id2, *r2;
	size_t n = sizes[_i];
	unsigned char *pt = random_bytes(n);

	ck_assert_int_eq(rst_age_keygen(&id2, &r2, &err), 0);
	rs = rcpts_of(KEYGEN_RCPT, r2, NULL);
	a = ids_of(KEYGEN_ID, NULL);
	b = ids_of(id2, NULL);
	ck_assert_uint_eq(rst_age_recipients_count(rs), 2);
	ck_assert_msg(encrypt_buf(rs, pt, n, &ct, &err) == 0, "%s", err.msg);
	expect_plain(a, &ct, pt, n);
	expect_plain(b, &ct, pt, n);
	free(pt);
	rst_buf_release(&ct);
	rst_age_recipients_free(rs);
	rst_age_identities_free(a);
	rst_age_identities_free(b);
	rst_age_secret_free(id2);
	free(r2);
}
END_TEST

START_TEST(age_round_trip_scrypt)
{
	struct trip t;

	trip_open(&t, ids_of(NULL, "correct horse"), rcpts_of(NULL, NULL,
	    "correct horse"), sizes[_i]);
	ck_assert_ptr_nonnull(strstr((char *)t.ct.data, "\n-> scrypt "));
	ck_assert_ptr_nonnull(strstr((char *)t.ct.data, " 10\n"));
	expect_plain(t.ids, &t.ct, t.pt, t.n);
	trip_close(&t);
}
END_TEST

/* A plain PEM armor of ct, as age -a writes it. */
static void
armor(const struct rst_buf *ct, struct rst_buf *out)
{
	unsigned char line[65];
	size_t i, n;
	int k;

	ck_assert_int_eq(rst_buf_printf(out,
	    "-----BEGIN AGE ENCRYPTED FILE-----\n"), 0);
	for (i = 0; i < ct->len; i += n) {
		n = ct->len - i < 48 ? ct->len - i : 48;
		k = EVP_EncodeBlock(line, ct->data + i, (int)n);
		ck_assert_int_eq(rst_buf_printf(out, "%.*s\n", k, line), 0);
	}
	ck_assert_int_eq(rst_buf_printf(out,
	    "-----END AGE ENCRYPTED FILE-----\n"), 0);
}

START_TEST(age_armored_round_trip)
{
	struct rst_buf arm = RST_BUF_INIT;
	struct trip t;

	trip_open(&t, ids_of(KEYGEN_ID, NULL), rcpts_of(KEYGEN_RCPT, NULL,
	    NULL), sizes[_i]);
	armor(&t.ct, &arm);
	expect_plain(t.ids, &arm, t.pt, t.n);
	rst_buf_release(&arm);
	trip_close(&t);
}
END_TEST

/* --- failures --- */

START_TEST(age_wrong_identity_no_match)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT, ct2 = RST_BUF_INIT;
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	struct rst_age_recipients *rp = rcpts_of(NULL, NULL, "right");
	struct rst_age_identities *other, *wrong = ids_of(NULL, "wrong");
	char *id, *rc;

	ck_assert_int_eq(rst_age_keygen(&id, &rc, &err), 0);
	other = ids_of(id, "also wrong");
	ck_assert_int_eq(encrypt_buf(rs, (unsigned char *)"x", 1, &ct, &err),
	    0);
	expect_fail(other, ct.data, ct.len, RST_EINTEGRITY,
	    "no identity matches", 0);
	ck_assert_int_eq(encrypt_buf(rp, (unsigned char *)"x", 1, &ct2, &err),
	    0);
	expect_fail(wrong, ct2.data, ct2.len, RST_EINTEGRITY,
	    "no identity matches", 0);
	expect_fail(other, ct2.data, ct2.len, RST_EINTEGRITY,
	    "no identity matches", 0);
	rst_buf_release(&ct);
	rst_buf_release(&ct2);
	rst_age_recipients_free(rs);
	rst_age_recipients_free(rp);
	rst_age_identities_free(other);
	rst_age_identities_free(wrong);
	rst_age_secret_free(id);
	free(rc);
}
END_TEST

START_TEST(age_tampering_and_truncation)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT;
	struct rst_age_identities *ids = ids_of(KEYGEN_ID, NULL);
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	size_t n = 2 * CH + 1, h, len;
	unsigned char *pt = random_bytes(n), *c;

	ck_assert_int_eq(encrypt_buf(rs, pt, n, &ct, &err), 0);
	h = header_len(&ct) + 16;
	len = ct.len;
	c = ct.data;
	c[h + 100] ^= 1;		/* first chunk */
	expect_fail(ids, c, len, RST_EINTEGRITY, "chunk 0: authentication", 0);
	c[h + 100] ^= 1;
	c[len - 1] ^= 0x80;		/* tag of the final chunk */
	expect_fail(ids, c, len, RST_EINTEGRITY, "chunk 2: authentication",
	    2 * CH);
	c[len - 1] ^= 0x80;
	expect_fail(ids, c, len - 17, RST_EINTEGRITY, "truncated", 2 * CH);
	expect_fail(ids, c, h + 1000, RST_EINTEGRITY, "authentication", 0);
	expect_fail(ids, c, len - 1, RST_EINTEGRITY, "empty final chunk",
	    2 * CH);
	expect_fail(ids, c, len - 2, RST_EINTEGRITY, "authentication", 2 * CH);
	expect_fail(ids, c, h - 3, RST_EINTEGRITY, "nonce", 0);
	expect_fail(ids, c, header_len(&ct) - 5, RST_EINTEGRITY, "truncated",
	    0);
	c[5] ^= 1;			/* in the header: unparsable */
	expect_fail(ids, c, len, RST_EINTEGRITY, "not an age file", 0);
	c[5] ^= 1;
	/* after a short final chunk, extra bytes just make it invalid */
	ck_assert_int_eq(rst_buf_append(&ct, "x", 1), 0);
	expect_fail(ids, ct.data, ct.len, RST_EINTEGRITY, "authentication",
	    2 * CH);
	/* after a full one, they are reported once it is released */
	ct.len = 0;
	ck_assert_int_eq(encrypt_buf(rs, pt, 2 * CH, &ct, &err), 0);
	ck_assert_int_eq(rst_buf_append(&ct, "x", 1), 0);
	expect_fail(ids, ct.data, ct.len, RST_EINTEGRITY, "trailing data",
	    2 * CH);
	free(pt);
	rst_buf_release(&ct);
	rst_age_recipients_free(rs);
	rst_age_identities_free(ids);
}
END_TEST

START_TEST(age_header_mac_checked)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT;
	struct rst_age_identities *ids = ids_of(KEYGEN_ID, NULL);
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	char *mac;

	ck_assert_int_eq(encrypt_buf(rs, (unsigned char *)"abc", 3, &ct, &err),
	    0);
	mac = strstr((char *)ct.data, "\n--- ") + 5;
	mac[0] = mac[0] == 'A' ? 'B' : 'A';
	expect_fail(ids, ct.data, ct.len, RST_EINTEGRITY, "bad header MAC", 0);
	rst_buf_release(&ct);
	rst_age_recipients_free(rs);
	rst_age_identities_free(ids);
}
END_TEST

START_TEST(age_scrypt_work_factor_limit)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf ct = RST_BUF_INIT;
	struct rst_age_recipients *rs;
	struct rst_age_identities *ids = ids_of(NULL, "pw");
	char *p;

	ck_assert_int_eq(rst_age_recipients_new(&rs, &err), 0);
	ck_assert_int_eq(rst_age_recipients_set_passphrase(rs, "pw", 2, 23,
	    &err), RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "scrypt work factor too high"));
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_set_passphrase(rs, "pw", 2,
	    LOW_WORK, &err), 0);
	ck_assert_int_eq(encrypt_buf(rs, (unsigned char *)"x", 1, &ct, &err),
	    0);
	p = strstr((char *)ct.data, " 10\n");
	ck_assert_ptr_nonnull(p);
	memcpy(p, " 23\n", 4);
	expect_fail(ids, ct.data, ct.len, RST_EINTEGRITY,
	    "scrypt work factor too high", 0);
	rst_buf_release(&ct);
	rst_age_recipients_free(rs);
	rst_age_identities_free(ids);
}
END_TEST

START_TEST(age_recipients_exclusive)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	struct rst_age_recipients *rp = rcpts_of(NULL, NULL, "pw");
	struct rst_age_recipients *empty = rcpts_of(NULL, NULL, NULL);
	struct rst_stage *st;

	ck_assert_int_eq(rst_age_recipients_set_passphrase(rs, "pw", 2, 0,
	    &err), RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_add(rp, KEYGEN_RCPT, &err),
	    RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_set_passphrase(empty, "", 0, 0,
	    &err), RST_ECONFIG);
	rst_err_clear(&err);
	st = rst_stage_age_new(empty, NULL, &err);
	ck_assert_ptr_null(st);
	ck_assert_int_eq(err.code, RST_ECONFIG);
	rst_age_recipients_free(rs);
	rst_age_recipients_free(rp);
	rst_age_recipients_free(empty);
}
END_TEST

START_TEST(age_stage_refuses_write_after_finish)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf out = RST_BUF_INIT;
	struct rst_age_recipients *rs = rcpts_of(KEYGEN_RCPT, NULL, NULL);
	struct rst_stage *sink = rst_stage_buf_new(&out);
	struct rst_stage *st = rst_stage_age_new(rs, sink, &err);

	ck_assert_ptr_nonnull(st);
	ck_assert_uint_eq(out.len, 0);		/* header not yet written */
	ck_assert_int_eq(rst_stage_finish(st, &err), 0);
	ck_assert_uint_eq(st->bytes_out, out.len);
	ck_assert_int_ne(rst_stage_write(st, "x", 1, &err), 0);
	rst_stage_free(st);
	rst_stage_free(sink);
	rst_buf_release(&out);
	rst_age_recipients_free(rs);
}
END_TEST

/* --- keys --- */

START_TEST(age_keys_match_age_keygen)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_recipients *rs;
	char *r, *bad, *upper;
	size_t i;

	ck_assert_int_eq(rst_age_identity_recipient(KEYGEN_ID, &r, &err), 0);
	ck_assert_str_eq(r, KEYGEN_RCPT);
	free(r);
	ck_assert_int_eq(rst_age_recipients_new(&rs, &err), 0);
	ck_assert_int_eq(rst_age_recipients_add(rs, KEYGEN_RCPT, &err), 0);
	bad = strdup(KEYGEN_RCPT);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'q' ? 'p' : 'q';
	ck_assert_int_eq(rst_age_recipients_add(rs, bad, &err), RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, bad));
	ck_assert_ptr_nonnull(strstr(err.msg, "checksum"));
	rst_err_clear(&err);
	strcpy(bad, KEYGEN_RCPT);
	bad[6] = (char)(bad[6] - 'a' + 'A');	/* mixed case */
	ck_assert_int_eq(rst_age_recipients_add(rs, bad, &err), RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "mixed case"));
	rst_err_clear(&err);
	upper = strdup(KEYGEN_RCPT);
	for (i = 0; upper[i] != '\0'; i++)
		upper[i] = (char)toupper((unsigned char)upper[i]);
	ck_assert_int_eq(rst_age_recipients_add(rs, upper, &err), RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_add(rs, RCPT_31, &err),
	    RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, RCPT_31));
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_add(rs, RCPT_33, &err),
	    RST_ECONFIG);
	rst_err_clear(&err);
	ck_assert_int_eq(rst_age_recipients_add(rs, KEYGEN_ID, &err),
	    RST_ECONFIG);
	ck_assert_uint_eq(rst_age_recipients_count(rs), 1);
	free(bad);
	free(upper);
	rst_age_recipients_free(rs);
}
END_TEST

START_TEST(age_keygen_pair)
{
	struct rst_err err = RST_ERR_INIT;
	char *id, *rc, *r2, *lower;
	struct rst_age_identities *ids;
	size_t i;

	ck_assert_int_eq(rst_age_keygen(&id, &rc, &err), 0);
	ck_assert_uint_eq(strlen(id), 74);
	ck_assert_uint_eq(strlen(rc), 62);
	ck_assert_int_eq(strncmp(id, "AGE-SECRET-KEY-1", 16), 0);
	ck_assert_int_eq(strncmp(rc, "age1", 4), 0);
	ck_assert_int_eq(rst_age_identity_recipient(id, &r2, &err), 0);
	ck_assert_str_eq(r2, rc);
	free(r2);
	ck_assert_int_eq(rst_age_identities_parse(id, strlen(id), &ids, &err),
	    0);
	ck_assert_uint_eq(rst_age_identities_count(ids), 1);
	rst_age_identities_free(ids);
	lower = strdup(id);		/* age wants identities uppercase */
	for (i = 0; lower[i] != '\0'; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	ck_assert_int_eq(rst_age_identity_recipient(lower, &r2, &err),
	    RST_ECONFIG);
	rst_age_secret_free(lower);
	rst_age_secret_free(id);
	free(rc);
	free(r2);
}
END_TEST

static char *
write_key_file(const char *dir, const char *text, mode_t mode)
{
	char *path = rst_path_join(dir, "age.key");
	FILE *f = fopen(path, "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_ge(fputs(text, f), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(chmod(path, mode), 0);
	return path;
}

START_TEST(age_identity_file)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_identities *ids;
	char *dir = tmpdir_new(), *id, *rc, *text, *path;

	ck_assert_int_eq(rst_age_keygen(&id, &rc, &err), 0);
	text = rst_strdupf("# created: 2026-11-25T17:16:33Z\r\n"
	    "# public key: %s\n\n%s\r\n%s\n", rc, id, KEYGEN_ID);
	path = write_key_file(dir, text, 0644);
	ck_assert_int_eq(rst_age_identities_load(path, &ids, &err),
	    RST_ECONFIG);
	ck_assert_ptr_null(ids);
	rst_err_clear(&err);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_msg(rst_age_identities_load(path, &ids, &err) == 0, "%s",
	    err.msg);
	ck_assert_uint_eq(rst_age_identities_count(ids), 2);
	rst_age_identities_free(ids);
	free(path);
	path = write_key_file(dir, "# nothing\n\n", 0600);
	ck_assert_int_eq(rst_age_identities_load(path, &ids, &err),
	    RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "no age identities"));
	rst_err_clear(&err);
	free(path);
	id[20] = id[20] == 'Q' ? 'P' : 'Q';	/* bad checksum, line 2 */
	free(text);
	text = rst_strdupf("# key\n%s\n", id);
	ck_assert_int_eq(rst_age_identities_parse(text, strlen(text), &ids,
	    &err), RST_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "line 2"));
	ck_assert_ptr_null(strstr(err.msg, id + 16));	/* no secret */
	free(text);
	rst_age_secret_free(id);
	free(rc);
	tmpdir_remove(dir);
}
END_TEST

Suite *
rst_age_suite(void)
{
	Suite *s = suite_create("age");
	TCase *tc = tcase_create("core");
	TCase *tv = tcase_create("vectors");
	size_t n;
	char **names = vector_list(&n);

	vector_list_free(names);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, age_round_trip_x25519, 0, NSIZES);
	tcase_add_loop_test(tc, age_round_trip_two_recipients, 0, NSIZES);
	tcase_add_loop_test(tc, age_round_trip_scrypt, 0, NSIZES);
	tcase_add_loop_test(tc, age_armored_round_trip, 0, NSIZES);
	tcase_add_test(tc, age_wrong_identity_no_match);
	tcase_add_test(tc, age_tampering_and_truncation);
	tcase_add_test(tc, age_header_mac_checked);
	tcase_add_test(tc, age_scrypt_work_factor_limit);
	tcase_add_test(tc, age_recipients_exclusive);
	tcase_add_test(tc, age_stage_refuses_write_after_finish);
	tcase_add_test(tc, age_keys_match_age_keygen);
	tcase_add_test(tc, age_keygen_pair);
	tcase_add_test(tc, age_identity_file);
	tcase_add_test(tc, age_seek_to_chunk);
	suite_add_tcase(s, tc);
	tcase_set_timeout(tv, 60);
	tcase_add_test(tv, age_vectors_present);
	tcase_add_loop_test(tv, age_vector, 0, (int)n);
	suite_add_tcase(s, tv);
	return s;
}
