/* SPDX-License-Identifier: ISC */
/*
 * Verified sequential reading of a snapshot's objects, one transfer each.
 * A part is opened once: a remote one is downloaded into an unlinked 0600
 * spool file under the state dir (the storage layer's reader), a local one
 * is the open repository file.  It is hashed to its end and compared with
 * the signed manifest (size and SHA-256); only then is the same descriptor
 * rewound and its bytes handed to the caller (age, zstd, libarchive).  So
 * nothing unverified reaches a parser or the disk, and what was verified is
 * what is used: no object is fetched or opened by name twice.  While one
 * part is used, the next is downloaded and verified by a background
 * thread, so neither the transfer nor the hashing holds up the decoders.
 * The whole stream's hash is checked at the end.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/progress.h"
#include "restorable/snapshot.h"

#define CHUNK	(1u << 20)

/* The part after the current one, opened and verified in the background. */
struct ahead {
	pthread_t		 thread;
	bool			 running;	/* started, not joined */
	struct rst_partreader	*pr;
	size_t			 idx;
	struct rst_objreader	*rd;
	unsigned char		*buf;
	int			 code;
	struct rst_err		 err;
};

struct rst_partreader {
	struct rst_storage	*st;
	char			*dir;
	const struct rst_part	*parts;
	size_t			 nparts;
	size_t			 cur;		/* part being read */
	size_t			 ahead_max;	/* no prefetch from here on */
	struct rst_objreader	*rd;		/* part cur, verified */
	uint64_t		 left;		/* of part cur to hand out */
	struct rst_sha256	 all;
	uint64_t		 total;
	char			 stream_sha256[RST_SHA256_HEX];
	unsigned char		*buf;
	bool			 done;
	struct ahead		 ahead;
};

int
rst_partreader_open(struct rst_storage *st, const char *dir,
    const struct rst_part *parts, size_t nparts, const char *stream_sha256,
    struct rst_partreader **out, struct rst_err *err)
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
	pr->ahead_max = nparts;
	if (stream_sha256 != NULL)
		memcpy(pr->stream_sha256, stream_sha256, RST_SHA256_HEX);
	if ((r = rst_sha256_init(&pr->all, err)) != 0) {
		rst_partreader_close(pr);
		return r;
	}
	*out = pr;
	return 0;
}

/* Start downloading part idx + 1 while part idx is hashed (storage layer). */

/* The reason naming the repository object dir/name. */
static void
bad_object(struct rst_err *err, int code, const char *dir, const char *name)
{
	char obj[RST_REASON_TEXT];

	snprintf(obj, sizeof(obj), "%s/%s", dir, name);
	rst_err_reason_s(err, code, obj);
}

static void
prefetch_after(struct rst_partreader *pr, size_t idx)
{
	char *name;

	if (idx + 1 >= pr->nparts ||
	    (name = rst_path_join(pr->dir, pr->parts[idx + 1].name)) == NULL)
		return;
	rst_storage_prefetch(pr->st, name);
	free(name);
}

/* Hash an open part to its end with buf; compare size and SHA-256. */
static int
hash_part(struct rst_partreader *pr, const struct rst_part *p,
    struct rst_objreader *rd, unsigned char *buf, struct rst_progress *prog,
    struct rst_err *err)
{
	struct rst_sha256 h = { NULL };
	char hex[RST_SHA256_HEX];
	uint64_t size = 0;
	ssize_t n;
	int r;

	if ((r = rst_sha256_init(&h, err)) != 0)
		return r;
	while ((n = rst_storage_read(rd, buf, CHUNK, err)) > 0) {
		if ((size += (uint64_t)n) > p->size) {
			bad_object(err, RST_REASON_INTEGRITY_MISMATCH,
			    pr->dir, p->name);
			r = rst_errf(err, RST_EINTEGRITY, "%s/%s: larger than "
			    "the %llu bytes the manifest says", pr->dir,
			    p->name, (unsigned long long)p->size);
			goto out;
		}
		if ((r = rst_sha256_update(&h, buf, (size_t)n, err)) != 0 ||
		    (r = rst_sha256_update(&pr->all, buf, (size_t)n, err)) != 0)
			goto out;
		if (prog != NULL)
			rst_progress_update(prog, (uint64_t)n, 0);
	}
	if (n < 0) {
		r = (int)n;
		goto out;
	}
	if ((r = rst_sha256_final(&h, NULL, hex, err)) != 0)
		goto out;
	if (size != p->size || strcmp(hex, p->sha256) != 0)
		bad_object(err, RST_REASON_INTEGRITY_MISMATCH, pr->dir,
		    p->name);
	if (size != p->size)
		r = rst_errf(err, RST_EINTEGRITY, "%s/%s: size %llu, manifest "
		    "says %llu", pr->dir, p->name, (unsigned long long)size,
		    (unsigned long long)p->size);
	else if (strcmp(hex, p->sha256) != 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s/%s: sha256 mismatch",
		    pr->dir, p->name);
 out:
	rst_sha256_release(&h);
	return r;
}

/*
 * Open part idx (one transfer), verify it and rewind it to its first byte:
 * *out then holds verified bytes only.  Parts are verified in order, one at
 * a time (the whole-stream hash follows them).
 */
static int
fetch_part(struct rst_partreader *pr, size_t idx, unsigned char *buf,
    struct rst_progress *prog, bool prefetch, struct rst_objreader **out,
    struct rst_err *err)
{
	const struct rst_part *p = &pr->parts[idx];
	struct rst_objreader *rd;
	char *name;
	int r;

	*out = NULL;
	if ((name = rst_path_join(pr->dir, p->name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_storage_open_read(pr->st, name, &rd, err);
	if (r == RST_ENOTFOUND) {
		bad_object(err, RST_REASON_NOT_FOUND, pr->dir, p->name);
		err->code = r = RST_EINTEGRITY;
	}
	free(name);
	if (r != 0)
		return r;
	if (prefetch)
		prefetch_after(pr, idx);
	if ((r = hash_part(pr, p, rd, buf, prog, err)) == 0 &&
	    (r = rst_storage_rewind(rd, err)) == 0) {
		*out = rd;
		return 0;
	}
	rst_storage_close_read(rd);
	return r;
}

static void *
ahead_main(void *arg)
{
	struct ahead *a = arg;

	a->code = fetch_part(a->pr, a->idx, a->buf, NULL, false, &a->rd,
	    &a->err);
	return NULL;
}

/* Fetch and verify the part after cur in the background, if any. */
static void
ahead_start(struct rst_partreader *pr)
{
	struct ahead *a = &pr->ahead;

	if (pr->cur + 1 >= pr->ahead_max)
		return;
	if (a->buf == NULL && (a->buf = malloc(CHUNK)) == NULL)
		return;		/* fetched in the foreground instead */
	a->pr = pr;
	a->idx = pr->cur + 1;
	a->rd = NULL;
	a->code = 0;
	memset(&a->err, 0, sizeof(a->err));
	a->running = pthread_create(&a->thread, NULL, ahead_main, a) == 0;
}

static void
ahead_join(struct ahead *a)
{
	if (!a->running)
		return;
	pthread_join(a->thread, NULL);
	a->running = false;
}

/* Part cur, verified, in pr->rd; the next one starts in the background. */
static int
open_verified(struct rst_partreader *pr, struct rst_err *err)
{
	struct ahead *a = &pr->ahead;
	int r;

	if (a->running && a->idx == pr->cur) {
		ahead_join(a);
		pr->rd = a->rd;
		a->rd = NULL;
		if ((r = a->code) != 0) {
			if (err->code == 0)
				*err = a->err;
			return r;
		}
	} else if ((r = fetch_part(pr, pr->cur, pr->buf, NULL, false,
	    &pr->rd, err)) != 0)
		return r;
	pr->left = pr->parts[pr->cur].size;
	ahead_start(pr);
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
	if (strcmp(hex, pr->stream_sha256) != 0) {
		rst_err_reason_s(err, RST_REASON_INTEGRITY_MISMATCH, pr->dir);
		return rst_errf(err, RST_EINTEGRITY, "%s: whole stream sha256 "
		    "mismatch (parts reordered or replaced)", pr->dir);
	}
	return 0;
}

void
rst_partreader_limit_ahead(struct rst_partreader *pr, size_t n)
{
	pr->ahead_max = n < pr->nparts ? n : pr->nparts;
}

void
rst_partreader_extend(struct rst_partreader *pr, size_t nparts, size_t ahead)
{
	if (nparts > pr->nparts) {
		pr->nparts = nparts;
		/* The end of the shorter run was no end (no stream hash). */
		if (pr->stream_sha256[0] == '\0')
			pr->done = false;
	}
	rst_partreader_limit_ahead(pr, ahead);
	/* The next part may now be prefetched while this one is read. */
	if (pr->rd != NULL && !pr->ahead.running)
		ahead_start(pr);
}

size_t
rst_partreader_reached(const struct rst_partreader *pr)
{
	if (pr->ahead.running || pr->ahead.rd != NULL)
		return pr->ahead.idx + 1;
	return pr->rd != NULL ? pr->cur + 1 : pr->cur;
}

int
rst_partreader_fetch(struct rst_partreader *pr, struct rst_err *err)
{
	if (pr->rd != NULL || pr->done || pr->cur == pr->nparts)
		return 0;
	return open_verified(pr, err);
}

int
rst_partreader_next(struct rst_partreader *pr, const void **buf, size_t *len,
    struct rst_err *err)
{
	ssize_t n;
	size_t want;
	int r;

	*buf = pr->buf;
	*len = 0;
	while (!pr->done) {
		if (pr->rd == NULL) {
			if (pr->cur == pr->nparts)
				return finish_stream(pr, err);
			if ((r = open_verified(pr, err)) != 0)
				return r;
		}
		/* Never more than was verified, whatever the file does. */
		want = pr->left < CHUNK ? (size_t)pr->left : CHUNK;
		if (want == 0)
			n = 0;
		else if ((n = rst_storage_read(pr->rd, pr->buf, want, err)) <
		    0)
			return (int)n;
		else if (n == 0)
			return rst_errf(err, RST_EINTEGRITY, "%s/%s: shorter "
			    "on second read", pr->dir,
			    pr->parts[pr->cur].name);
		if (n == 0) {
			rst_storage_close_read(pr->rd);
			pr->rd = NULL;
			pr->cur++;
			continue;
		}
		pr->left -= (uint64_t)n;
		pr->total += (uint64_t)n;
		*len = (size_t)n;
		return 0;
	}
	return 0;
}

int
rst_partreader_check(struct rst_partreader *pr, struct rst_progress *prog,
    struct rst_err *err)
{
	int r;

	/* No byte is handed out: hash here, with the next part downloading. */
	while (pr->cur < pr->nparts) {
		if ((r = fetch_part(pr, pr->cur, pr->buf, prog, true, &pr->rd,
		    err)) != 0)
			return r;
		rst_storage_close_read(pr->rd);
		pr->rd = NULL;
		pr->total += pr->parts[pr->cur].size;
		pr->cur++;
	}
	return finish_stream(pr, err);
}

void
rst_partreader_close(struct rst_partreader *pr)
{
	if (pr == NULL)
		return;
	ahead_join(&pr->ahead);
	rst_storage_close_read(pr->ahead.rd);
	free(pr->ahead.buf);
	rst_storage_close_read(pr->rd);
	rst_sha256_release(&pr->all);
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
