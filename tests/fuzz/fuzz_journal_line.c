/* SPDX-License-Identifier: ISC */
/*
 * Journal records past the signature: every input line that ends in '}'
 * is signed here with the seed corpus's key (as the journal writer signs
 * it: ,"sig":"..." before the closing brace), so mutations of the record
 * itself (JSON, v, seq, prev, the head's count and last) reach the checks
 * of rst_journal_verify_bytes.  The last line, after a complete line, is
 * the head, signed the same way.  Seeds are real journals without their
 * "sig" fields.
 */
#include "config.h"

#include <stdio.h>

#include <openssl/pem.h>

#include "restorable/crypto.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/util.h"

#include "fuzz.h"

/* A key for tests only: the one the seed journals were written with. */
static const char seed_key[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIEHP0tBKopSqvQDU7Z87l7Z7CvnONDMM8bdy1bcskHkj\n"
    "-----END PRIVATE KEY-----\n";
static EVP_PKEY *key;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	BIO *bio;

	(void)argc;
	(void)argv;
	rst_log_set_level(RST_LOG_QUIET);
	if ((bio = BIO_new_mem_buf(seed_key, (int)sizeof(seed_key) - 1)) ==
	    NULL || (key = PEM_read_bio_PrivateKey(bio, NULL, NULL, NULL)) ==
	    NULL)
		abort();
	BIO_free(bio);
	return 0;
}

/* Append line [p, e) to out, signed when it ends in '}', and a LF. */
static void
sign_line(const char *p, const char *e, struct rst_buf *out, bool lf)
{
	struct rst_err err = RST_ERR_INIT;
	unsigned char sig[RST_ED25519_SIGLEN];
	char *b64;

	if (e - p < 2 || e[-1] != '}') {
		if (rst_buf_append(out, p, (size_t)(e - p)) != 0)
			abort();
	} else {
		if (rst_sign(key, p, (size_t)(e - p), sig, &err) != 0 ||
		    (b64 = rst_base64(sig, sizeof(sig))) == NULL)
			abort();
		if (rst_buf_append(out, p, (size_t)(e - p) - 1) != 0 ||
		    rst_buf_printf(out, ",\"sig\":\"%s\"}", b64) != 0)
			abort();
		free(b64);
	}
	if (lf && rst_buf_append(out, "\n", 1) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_buf j = RST_BUF_INIT, h = RST_BUF_INIT;
	struct rst_journal_check chk;
	const char *p = (const char *)data, *end = p + size, *nl;
	int r;

	while (p < end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL || nl + 1 == end) {
			/* The last line: the head when a line came before. */
			sign_line(p, nl ? nl : end, j.len > 0 ? &h : &j,
			    j.len == 0 && nl != NULL);
			break;
		}
		sign_line(p, nl, &j, true);
		p = nl + 1;
	}
	r = rst_journal_verify_bytes("fuzz.jsonl", j.len ? j.data : NULL,
	    j.len, h.len ? h.data : NULL, h.len, key, &chk, &err);
	if ((r == 0) != (err.code == 0) || (r != 0 && err.msg[0] == '\0'))
		abort();
	/* FUZZ_JOURNAL_DUMP=1: what the verifier says of an input. */
	if (getenv("FUZZ_JOURNAL_DUMP") != NULL)
		fprintf(stderr, "%d lines, head lag %d: %s\n", (int)chk.lines,
		    chk.head_lag, r == 0 ? "verifies" : err.msg);
	rst_buf_release(&j);
	rst_buf_release(&h);
	return 0;
}
