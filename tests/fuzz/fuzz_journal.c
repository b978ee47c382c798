/* SPDX-License-Identifier: ISC */
/*
 * Journal verification (rst_journal_verify_bytes): the input is a journal
 * whose last line, when it follows a complete line, is taken as the head
 * file.  The key is the seed corpus's: its journals verify, so mutations
 * reach the record and head checks past the signature.
 */
#include "config.h"

#include "restorable/crypto.h"
#include "restorable/journal.h"
#include "restorable/log.h"

#include "fuzz.h"

static const char seed_pub[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAgksFuciRVDG3LhWMbxo/LxN2HmhLh2z/dx1nnPGOvWc=\n"
    "-----END PUBLIC KEY-----\n";
static EVP_PKEY *key;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct rst_err err = RST_ERR_INIT;

	(void)argc;
	(void)argv;
	rst_log_set_level(RST_LOG_QUIET);
	if (rst_key_parse_public(seed_pub, sizeof(seed_pub) - 1, &key,
	    &err) != 0)
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_journal_check chk;
	const uint8_t *head = NULL;
	size_t jlen = size, i;
	int r;

	/* The head: the text after the last LF that is not the final byte. */
	for (i = size > 1 ? size - 1 : 0; i > 0; i--)
		if (data[i - 1] == '\n') {
			jlen = i;
			head = data + i;
			break;
		}
	/* An empty journal file is read into an empty buffer: no data. */
	r = rst_journal_verify_bytes("fuzz.jsonl", jlen ? data : NULL, jlen, head,
	    head ? size - jlen : 0, key, &chk, &err);
	if ((r == 0) != (err.code == 0) || (r != 0 && err.msg[0] == '\0'))
		abort();
	return 0;
}
