/* SPDX-License-Identifier: ISC */
/*
 * The index line parser (rst_index_parse), one input per line as the
 * index reader calls it.  An entry that parses must format to a line that
 * parses again to the same path and type (and a file's size and hash).
 */
#include "config.h"

#include "restorable/snapshot.h"
#include "restorable/util.h"

#include "fuzz.h"

static void
one_line(const char *line, size_t len)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_index_entry e, again;
	struct rst_buf b = RST_BUF_INIT;

	if (rst_index_parse(line, len, &e, &err) != 0)
		return;
	if (rst_index_format(&e, &b, &err) != 0 || b.len == 0 ||
	    rst_index_parse((const char *)b.data, b.len - 1, &again,
	    &err) != 0)
		abort();
	/* Only a file's size is part of its line. */
	if (strcmp(e.path, again.path) != 0 || e.type != again.type ||
	    (e.type == RST_ENTRY_FILE && (e.size != again.size ||
	    strcmp(e.sha256, again.sha256) != 0)))
		abort();
	rst_index_entry_release(&again);
	rst_index_entry_release(&e);
	rst_buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *nl;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		one_line(p, (size_t)(nl - p));
		p = nl + 1;
	}
	return 0;
}
