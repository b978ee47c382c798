/* SPDX-License-Identifier: ISC */
/*
 * The XML reader of the WebDAV and S3 listings (rst_xml_find,
 * rst_xml_text), walked the way webdav.c and s3.c walk a reply.  The
 * input is not NUL-terminated: the reader must stay inside [p, end).
 */
#include "config.h"

#include "curl_common.h"

#include "fuzz.h"

static void
texts(const char *p, const char *end, const char *const *tags)
{
	for (; *tags != NULL; tags++)
		free(rst_xml_text(p, end, *tags));
}

static void
walk(const char *p, const char *end, const char *item,
    const char *const *tags)
{
	const char *cs, *ce, *next;
	size_t n = 0;

	while (p != NULL && p < end && rst_xml_find(p, end, item, &cs, &ce,
	    &next)) {
		if (cs > ce || ce > end || next <= p || next > end)
			abort();
		texts(cs, ce, tags);
		p = next;
		if (++n > 100000)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const dav[] = { "href", "collection",
	    "getcontentlength", "getlastmodified", NULL };
	static const char *const s3[] = { "Key", "Size", "LastModified", NULL };
	static const char *const top[] = { "IsTruncated",
	    "NextContinuationToken", "Code", "UploadId", NULL };
	/* An exact-size copy: ASan catches a read one byte past the end. */
	char *copy = malloc(size ? size : 1);
	const char *end;

	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	end = copy + size;
	walk(copy, end, "response", dav);
	walk(copy, end, "Contents", s3);
	texts(copy, end, top);
	free(copy);
	return 0;
}
