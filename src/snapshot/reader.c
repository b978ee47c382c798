/* SPDX-License-Identifier: ISC */
/*
 * Verified sequential reading of a snapshot's objects.  Each part is first
 * hashed end to end and compared with the signed manifest; only then are
 * its bytes handed to the caller (a decompressor, libarchive), so tampered
 * data never reaches a parser or the disk.  The whole-stream hash is
 * checked at the end.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/snapshot.h"

#define CHUNK	(1u << 20)

struct rst_partreader {
	struct rst_storage	*st;
	char			*dir;
	const struct rst_part	*parts;
	size_t			 nparts;
	size_t			 cur;		/* part being read */
	struct rst_objreader	*rd;
	struct rst_sha256	 all;
	struct rst_sha256	 part;		/* of the part being streamed */
	bool			 precheck;
	uint64_t		 part_bytes;
	uint64_t		 total;
	char			 stream_sha256[RST_SHA256_HEX];
	unsigned char		*buf;
	bool			 done;
};

/* Hash one object completely and compare it with the manifest entry. */
static int
check_part(struct rst_partreader *pr, const struct rst_part *p,
    struct rst_err *err)
{
	struct rst_objreader *rd = NULL;
	struct rst_sha256 h = { NULL };
	char *name, hex[RST_SHA256_HEX];
	uint64_t total = 0;
	ssize_t n;
	int r;

	if ((name = rst_path_join(pr->dir, p->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_sha256_init(&h, err)) != 0 ||
	    (r = rst_storage_open_read(pr->st, name, &rd, err)) != 0)
		goto out;
	while ((n = rst_storage_read(rd, pr->buf, CHUNK, err)) > 0) {
		total += (uint64_t)n;
		if ((r = rst_sha256_update(&h, pr->buf, (size_t)n, err)) != 0)
			goto out;
	}
	if (n < 0 || (r = rst_sha256_final(&h, NULL, hex, err)) != 0) {
		r = n < 0 ? (int)n : r;
		goto out;
	}
	if (total != p->size)
		r = rst_errf(err, RST_EINTEGRITY, "%s: size %llu, manifest says "
		    "%llu", name, (unsigned long long)total,
		    (unsigned long long)p->size);
	else if (strcmp(hex, p->sha256) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: sha256 mismatch", name);
 out:
	if (r == RST_ENOTFOUND)
		err->code = r = RST_EINTEGRITY;
	rst_storage_close_read(rd);
	rst_sha256_release(&h);
	free(name);
	return r;
}

int
rst_partreader_open(struct rst_storage *st, const char *dir,
    const struct rst_part *parts, size_t nparts, const char *stream_sha256,
    bool precheck, struct rst_partreader **out, struct rst_err *err)
{
	struct rst_partreader *pr;
	int r;

	*out = NULL;
	if ((pr = calloc(1, sizeof(*pr))) == NULL ||
	    (pr->dir = strdup(dir)) == NULL ||
	    (pr->buf = malloc(CHUNK)) == NULL) {
		rst_partreader_close(pr);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	pr->st = st;
	pr->parts = parts;
	pr->nparts = nparts;
	pr->precheck = precheck;
	if (stream_sha256 != NULL)
		memcpy(pr->stream_sha256, stream_sha256, RST_SHA256_HEX);
	if ((r = rst_sha256_init(&pr->all, err)) != 0 ||
	    (r = rst_sha256_init(&pr->part, err)) != 0) {
		rst_partreader_close(pr);
		return r;
	}
	*out = pr;
	return 0;
}

static int
next_part(struct rst_partreader *pr, struct rst_err *err)
{
	const struct rst_part *p = &pr->parts[pr->cur];
	char *name;
	int r;

	if (pr->precheck && (r = check_part(pr, p, err)) != 0)
		return r;
	if ((name = rst_path_join(pr->dir, p->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_storage_open_read(pr->st, name, &pr->rd, err);
	if (r == RST_ENOTFOUND)
		err->code = r = RST_EINTEGRITY;
	free(name);
	/* The next part downloads while this one is read. */
	if (r == 0 && pr->cur + 1 < pr->nparts &&
	    (name = rst_path_join(pr->dir, pr->parts[pr->cur + 1].name)) !=
	    NULL) {
		rst_storage_prefetch(pr->st, name);
		free(name);
	}
	return r;
}

/* The part just read to its end: compare with the manifest. */
static int
end_part(struct rst_partreader *pr, uint64_t size, struct rst_err *err)
{
	const struct rst_part *p = &pr->parts[pr->cur];
	char hex[RST_SHA256_HEX];
	int r;

	if ((r = rst_sha256_final(&pr->part, NULL, hex, err)) != 0)
		return r;
	if (size != p->size)
		return rst_errf(err, RST_EINTEGRITY, "%s/%s: size %llu, "
		    "manifest says %llu", pr->dir, p->name,
		    (unsigned long long)size, (unsigned long long)p->size);
	if (strcmp(hex, p->sha256) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s/%s: sha256 mismatch",
		    pr->dir, p->name);
	return 0;
}

static int
finish_stream(struct rst_partreader *pr, struct rst_err *err)
{
	char hex[RST_SHA256_HEX];
	int r;

	pr->done = true;
	if (pr->stream_sha256[0] == '\0')
		return 0;
	if ((r = rst_sha256_final(&pr->all, NULL, hex, err)) != 0)
		return r;
	if (strcmp(hex, pr->stream_sha256) != 0)
		return rst_errf(err, RST_EINTEGRITY, "%s: whole stream sha256 "
		    "mismatch (parts reordered or replaced)", pr->dir);
	return 0;
}

int
rst_partreader_next(struct rst_partreader *pr, const void **buf, size_t *len,
    struct rst_err *err)
{
	ssize_t n;
	int r;

	*buf = pr->buf;
	*len = 0;
	while (!pr->done) {
		if (pr->rd == NULL) {
			if (pr->cur == pr->nparts)
				return finish_stream(pr, err);
			if ((r = next_part(pr, err)) != 0)
				return r;
		}
		if ((n = rst_storage_read(pr->rd, pr->buf, CHUNK, err)) < 0)
			return (int)n;
		if (n == 0) {
			if ((r = end_part(pr, pr->part_bytes, err)) != 0)
				return r;
			pr->part_bytes = 0;
			rst_storage_close_read(pr->rd);
			pr->rd = NULL;
			pr->cur++;
			continue;
		}
		if ((r = rst_sha256_update(&pr->all, pr->buf, (size_t)n,
		    err)) != 0 || (r = rst_sha256_update(&pr->part, pr->buf,
		    (size_t)n, err)) != 0)
			return r;
		pr->part_bytes += (uint64_t)n;
		pr->total += (uint64_t)n;
		*len = (size_t)n;
		return 0;
	}
	return 0;
}

void
rst_partreader_close(struct rst_partreader *pr)
{
	if (pr == NULL)
		return;
	rst_storage_close_read(pr->rd);
	rst_sha256_release(&pr->all);
	rst_sha256_release(&pr->part);
	free(pr->buf);
	free(pr->dir);
	free(pr);
}

uint64_t
rst_partreader_total(const struct rst_partreader *pr)
{
	return pr->total;
}

size_t
rst_partreader_parts_done(const struct rst_partreader *pr)
{
	return pr->cur;
}
