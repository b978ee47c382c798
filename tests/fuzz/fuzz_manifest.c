/* SPDX-License-Identifier: ISC */
/*
 * The manifest parser (rst_manifest_parse) over arbitrary bytes.  A
 * manifest that parses must format to text that parses again to the same
 * snapshot id and part count.
 */
#include "config.h"

#include "restorable/snapshot.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_manifest *m = NULL, *again = NULL;
	char *text = NULL;
	size_t len = 0;

	if (rst_manifest_parse(data, size, &m, &err) != 0)
		return 0;
	if (rst_manifest_format(m, &text, &len, &err) != 0 ||
	    rst_manifest_parse(text, len, &again, &err) != 0 ||
	    strcmp(m->snapshot, again->snapshot) != 0 ||
	    m->nparts != again->nparts)
		abort();
	free(text);
	rst_manifest_free(again);
	rst_manifest_free(m);
	return 0;
}
