/* SPDX-License-Identifier: ISC */
/*
 * The age reader (header, armor, stanzas, header MAC, STREAM payload) over
 * inputs in the layout of tests/fixtures/age-vectors: "identity: ..."
 * lines (other header lines are ignored; passphrases are never used, so
 * no scrypt runs), an empty line, then the age file.  Without a valid
 * identity line the vectors' usual identity is used.
 */
#include "config.h"

#include <sys/types.h>

#include "restorable/age.h"

#include "fuzz.h"

#define DEFAULT_IDENTITY \
	"AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0"

struct src {
	const uint8_t	*p;
	size_t		 left;
	size_t		 max;	/* bytes per callback, from the input */
};

static ssize_t
feed(void *arg, void *buf, size_t len, struct rst_err *err)
{
	struct src *s = arg;

	(void)err;
	if (len > s->left)
		len = s->left;
	if (len > s->max)
		len = s->max;
	memcpy(buf, s->p, len);
	s->p += len;
	s->left -= len;
	return (ssize_t)len;
}

static struct rst_age_identities *
identities(const char *hdr, size_t len)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_identities *ids;
	const char *p = hdr, *end = hdr + len, *nl;
	char *line;

	if (rst_age_identities_new(&ids, &err) != 0)
		abort();
	for (; p < end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if ((size_t)(nl - p) < 10 || memcmp(p, "identity: ", 10) != 0)
			continue;
		line = fuzz_str((const uint8_t *)p + 10, (size_t)(nl - p) - 10);
		if (rst_age_identities_add(ids, line, &err) != 0)
			rst_err_clear(&err);
		free(line);
	}
	if (rst_age_identities_count(ids) == 0 &&
	    rst_age_identities_add(ids, DEFAULT_IDENTITY, &err) != 0)
		abort();
	return ids;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_age_identities *ids;
	struct rst_age_reader *rd = NULL;
	const uint8_t *body = data;
	struct src s;
	static unsigned char buf[3 * RST_AGE_CHUNK];
	size_t i;
	ssize_t n;

	for (i = 0; i + 1 < size; i++)
		if (data[i] == '\n' && data[i + 1] == '\n') {
			body = data + i + 2;
			break;
		}
	ids = identities((const char *)data, (size_t)(body - data));
	s.p = body;
	s.left = size - (size_t)(body - data);
	/* Short reads: the reader must not depend on how bytes arrive. */
	s.max = size > 0 && data[size - 1] % 7 == 0 ? 1 + data[size - 1] :
	    SIZE_MAX;
	if (rst_age_reader_open(feed, &s, ids, &rd, &err) == 0) {
		while ((n = rst_age_reader_read(rd, buf, 1 + (s.left % sizeof(buf)),
		    &err)) > 0)
			;
		if (n < 0 && err.code == 0)
			abort();
	} else if (err.code == 0 || rd != NULL)
		abort();
	rst_age_reader_free(rd);
	rst_age_identities_free(ids);
	return 0;
}
