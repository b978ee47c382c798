/* SPDX-License-Identifier: ISC */
/*
 * Plaintext readers over a snapshot's verified objects: the archive stream
 * opened with libarchive (pax + zstd), and the file index decompressed and
 * split into entries with a bounded line buffer.  For an encrypted
 * snapshot both are decrypted (age) between the part reader and the
 * decoder.  A reader is finished by draining it to its end, which is when
 * the whole-stream hash and age's final chunk are proven.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <zstd.h>

#include "restorable/age.h"
#include "restorable/snapshot.h"
#include "baseindex.h"

#define LINE_MAX_LEN	(1u << 20)
#define BUF_LEN		(1u << 20)

/* Verified parts, decrypted when the snapshot is encrypted. */
struct source {
	struct rst_partreader	*pr;
	struct rst_age_reader	*age;
	const unsigned char	*pend;	/* ciphertext not yet taken by age */
	size_t			 pendlen;
	unsigned char		*buf;	/* plaintext for the consumer */
};

static ssize_t
cipher_cb(void *arg, void *buf, size_t len, struct rst_err *err)
{
	struct source *s = arg;
	const void *p;
	size_t n;
	int r;

	if (s->pendlen == 0) {
		if ((r = rst_partreader_next(s->pr, &p, &n, err)) != 0)
			return r;
		s->pend = p;
		s->pendlen = n;
		if (n == 0)
			return 0;
	}
	n = len < s->pendlen ? len : s->pendlen;
	memcpy(buf, s->pend, n);
	s->pend += n;
	s->pendlen -= n;
	return (ssize_t)n;
}

static int
source_open(struct source *s, struct rst_storage *st, const char *dir,
    const struct rst_part *parts, size_t nparts, const char *sha,
    bool encrypted, const struct rst_age_identities *ids, struct rst_err *err)
{
	int r;

	memset(s, 0, sizeof(*s));
	if ((s->buf = malloc(BUF_LEN)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_partreader_open(st, dir, parts, nparts, sha, &s->pr,
	    err)) != 0)
		return r;
	if (!encrypted)
		return 0;
	if (ids == NULL || rst_age_identities_count(ids) == 0)
		return rst_errf(err, RST_ECONFIG, "%s: the snapshot is "
		    "encrypted: identity_file (or the passphrase) is needed",
		    dir);
	if ((r = rst_age_reader_open(cipher_cb, s, ids, &s->age, err)) != 0)
		rst_err_prefix(err, "%s/%s", dir, parts[0].name);
	return r;
}

/* Up to BUF_LEN plaintext bytes at *out; 0 at the end. */
static ssize_t
source_read(struct source *s, const void **out, struct rst_err *err)
{
	size_t n;
	int r;

	if (s->age != NULL) {
		*out = s->buf;
		return rst_age_reader_read(s->age, s->buf, BUF_LEN, err);
	}
	if ((r = rst_partreader_next(s->pr, out, &n, err)) != 0)
		return r;
	return (ssize_t)n;
}

/* Read to the end: proves the whole-stream hash and age's last chunk. */
static int
source_drain(struct source *s, struct rst_err *err)
{
	const void *p;
	ssize_t n;

	while ((n = source_read(s, &p, err)) > 0)
		;
	return (int)n;
}

static void
source_close(struct source *s)
{
	rst_age_reader_free(s->age);
	rst_partreader_close(s->pr);
	free(s->buf);
}

/*
 * A range of the stream (a partial restore), decompressed here: it starts
 * at a zstd frame, so zstd starts there, and the first zoff plaintext
 * bytes are dropped so that libarchive starts at an entry's first header
 * block.  skip and left count bytes of the zstd stream (age's plaintext
 * for an encrypted snapshot, which starts at the 64 KiB chunk holding the
 * frame).  The parts read are parts[part0 ..] (plain) or an array of the
 * first part (age's header) and the parts holding the range (encrypted).
 */
struct range {
	ZSTD_DCtx	*dctx;
	ZSTD_inBuffer	 in;
	bool		 more;		/* output was full: flush before input */
	uint64_t	 skip;		/* zstd stream bytes still to drop */
	uint64_t	 left;		/* zstd stream bytes still to decompress */
	uint64_t	 zskip;		/* plaintext bytes still to drop */
	unsigned char	*out;
	size_t		 outcap;
	const char	*dir;
	struct rst_stream_range rg;	/* as opened or extended */
	size_t		 part0;		/* plain: first part read */
	struct rst_part	*parts;		/* encrypted: the parts read */
};

struct rst_stream {
	struct source	 src;
	struct range	 range;		/* dctx NULL: libarchive decompresses */
	struct archive	*a;
	struct rst_err	 err;		/* the read callback's failure */
};

/* The next compressed bytes of the range into g->in; 0 at its end. */
static ssize_t
range_fill(struct rst_stream *s, struct rst_err *err)
{
	struct range *g = &s->range;
	const void *p;
	ssize_t n;

	while (g->left > 0) {
		if ((n = source_read(&s->src, &p, err)) <= 0)
			return n;
		if ((uint64_t)n <= g->skip) {
			g->skip -= (uint64_t)n;
			continue;
		}
		p = (const unsigned char *)p + g->skip;
		n -= (ssize_t)g->skip;
		g->skip = 0;
		if ((uint64_t)n > g->left)
			n = (ssize_t)g->left;
		g->left -= (uint64_t)n;
		g->in.src = p;
		g->in.size = (size_t)n;
		g->in.pos = 0;
		return n;
	}
	return 0;
}

static ssize_t
range_read(struct rst_stream *s, const void **buf, struct rst_err *err)
{
	struct range *g = &s->range;
	ZSTD_outBuffer o;
	size_t rem, d;
	ssize_t n;

	for (;;) {
		if (g->in.pos == g->in.size && !g->more &&
		    (n = range_fill(s, err)) <= 0)
			return n;
		o.dst = g->out;
		o.size = g->outcap;
		o.pos = 0;
		rem = ZSTD_decompressStream(g->dctx, &o, &g->in);
		if (ZSTD_isError(rem))
			return rst_errf(err, RST_EINTEGRITY, "%s: stream: zstd: "
			    "%s", g->dir, ZSTD_getErrorName(rem));
		g->more = o.pos == o.size;
		d = g->zskip < o.pos ? (size_t)g->zskip : o.pos;
		g->zskip -= d;
		if (o.pos > d) {
			*buf = g->out + d;
			return (ssize_t)(o.pos - d);
		}
	}
}

static la_ssize_t
stream_read(struct archive *a, void *arg, const void **buf)
{
	struct rst_stream *s = arg;
	ssize_t n;

	n = s->range.dctx != NULL ? range_read(s, buf, &s->err) :
	    source_read(&s->src, buf, &s->err);
	if (n < 0) {
		archive_set_error(a, EIO, "%s", s->err.msg);
		return -1;
	}
	return (la_ssize_t)n;
}

/* The part holding stream offset off (the last one past the end). */
static size_t
part_at(const struct rst_manifest *m, uint64_t off, uint64_t *start)
{
	uint64_t o = 0;
	size_t k;

	for (k = 0; k + 1 < m->nparts && o + m->parts[k].size <= off; k++)
		o += m->parts[k].size;
	*start = o;
	return k;
}

static int
range_plain(struct rst_stream *s, struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_err *err)
{
	struct range *g = &s->range;
	uint64_t o0, o;
	int r;

	g->part0 = part_at(m, g->rg.start, &o0);
	g->skip = g->rg.start - o0;
	if ((r = source_open(&s->src, st, dir, m->parts + g->part0,
	    part_at(m, g->rg.end - 1, &o) - g->part0 + 1, NULL, false, NULL,
	    err)) != 0)
		return r;
	rst_partreader_limit_ahead(s->src.pr,
	    part_at(m, g->rg.sure - 1, &o) - g->part0 + 1);
	return 0;
}

/* Ciphertext offset just past the chunk holding plaintext byte off - 1. */
static uint64_t
cipher_end(const struct rst_manifest *m, uint64_t hlen, uint64_t off)
{
	uint64_t c = hlen + (off + RST_AGE_CHUNK - 1) / RST_AGE_CHUNK *
	    (RST_AGE_CHUNK + RST_AGE_TAG);

	return c < m->stream_size ? c : m->stream_size;
}

/*
 * Encrypted: the first part for age's header, then the parts holding the
 * chunks of the range; age starts at the chunk holding the range's start.
 */
static int
range_age(struct rst_stream *s, struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    struct rst_err *err)
{
	struct range *g = &s->range;
	uint64_t hlen, c, chunk = g->rg.start / RST_AGE_CHUNK, o, of;
	size_t pf, pl, ps, k, n = 1;
	int r;

	if ((g->parts = calloc(m->nparts + 1, sizeof(*g->parts))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	g->parts[0] = m->parts[0];
	if ((r = source_open(&s->src, st, dir, g->parts, 1, NULL, true, ids,
	    err)) != 0)
		return r;
	if ((hlen = rst_age_reader_header_len(s->src.age)) == 0)
		return rst_errf(err, RST_EINTEGRITY, "%s/%s: armored age "
		    "stream", dir, m->parts[0].name);
	c = hlen + chunk * (RST_AGE_CHUNK + RST_AGE_TAG);
	pf = part_at(m, c, &of);
	pl = part_at(m, cipher_end(m, hlen, g->rg.end) - 1, &o);
	ps = part_at(m, cipher_end(m, hlen, g->rg.sure) - 1, &o);
	for (k = pf > 0 ? pf : 1; k <= pl; k++)
		g->parts[n++] = m->parts[k];
	rst_partreader_extend(s->src.pr, n, ps - (pf > 0 ? pf - 1 : 0) + 1);
	g->skip = g->rg.start % RST_AGE_CHUNK;
	/* Input read so far: part 0; then part pf at its first byte. */
	return rst_age_reader_seek(s->src.age, chunk, pf == 0 ? c - hlen :
	    m->parts[0].size + (c - of) - hlen, err);
}

/* The range's decompressor, and the parts holding it. */
static int
range_open(struct rst_stream *s, struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const struct rst_stream_range *rg, struct rst_err *err)
{
	struct range *g = &s->range;

	g->rg = *rg;
	g->left = rg->end - rg->start;
	g->zskip = rg->zoff;
	g->dir = dir;
	g->outcap = ZSTD_DStreamOutSize();
	if ((g->dctx = ZSTD_createDCtx()) == NULL ||
	    (g->out = malloc(g->outcap)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return strcmp(m->encryption, "age") == 0 ?
	    range_age(s, st, dir, m, ids, err) :
	    range_plain(s, st, dir, m, err);
}

/* The whole stream (rg NULL: libarchive decompresses) or a range of it. */
static int
stream_open(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const struct rst_stream_range *rg, struct rst_stream **out,
    struct rst_err *err)
{
	struct rst_stream *s;
	int r;

	*out = NULL;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rg != NULL ? range_open(s, st, dir, m, ids, rg, err) :
	    source_open(&s->src, st, dir, m->parts, m->nparts,
	    m->stream_sha256, strcmp(m->encryption, "age") == 0, ids, err);
	if (r == 0 && ((s->a = archive_read_new()) == NULL ||
	    (rg == NULL && archive_read_support_filter_zstd(s->a) !=
	    ARCHIVE_OK) ||
	    archive_read_support_format_tar(s->a) != ARCHIVE_OK ||
	    archive_read_open2(s->a, s, NULL, stream_read, NULL, NULL) !=
	    ARCHIVE_OK))
		r = rst_stream_error(s, err);
	if (r != 0) {
		rst_stream_close(s);
		return r;
	}
	*out = s;
	return 0;
}

int
rst_stream_open(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    struct rst_stream **out, struct rst_err *err)
{
	return stream_open(st, dir, m, ids, NULL, out, err);
}

int
rst_stream_open_range(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const struct rst_stream_range *rg, struct rst_stream **out,
    struct rst_err *err)
{
	return stream_open(st, dir, m, ids, rg, out, err);
}

bool
rst_stream_range_reaches(const struct rst_stream *s,
    const struct rst_manifest *m, const struct rst_stream_range *next)
{
	uint64_t o;

	if (s->range.parts != NULL)	/* encrypted: one range only */
		return false;
	return part_at(m, next->start, &o) <
	    s->range.part0 + rst_partreader_reached(s->src.pr);
}

void
rst_stream_range_extend(struct rst_stream *s, const struct rst_manifest *m,
    const struct rst_stream_range *next)
{
	struct range *g = &s->range;
	uint64_t o;

	if (next->end > g->rg.end) {
		g->left += next->end - g->rg.end;
		g->rg.end = next->end;
	}
	if (next->sure > g->rg.sure)
		g->rg.sure = next->sure;
	rst_partreader_extend(s->src.pr,
	    part_at(m, g->rg.end - 1, &o) - g->part0 + 1,
	    part_at(m, g->rg.sure - 1, &o) - g->part0 + 1);
}

size_t
rst_stream_parts_done(const struct rst_stream *s)
{
	return rst_partreader_parts_done(s->src.pr);
}

uint64_t
rst_stream_bytes(const struct rst_stream *s)
{
	return rst_partreader_total(s->src.pr);
}

struct archive *
rst_stream_archive(struct rst_stream *s)
{
	return s->a;
}

int
rst_stream_error(struct rst_stream *s, struct rst_err *err)
{
	if (s->err.code != 0) {
		*err = s->err;
		return s->err.code;
	}
	if (s->a == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return rst_errf(err, RST_EINTEGRITY, "stream: %s",
	    archive_error_string(s->a));
}

int
rst_stream_finish(struct rst_stream *s, struct rst_err *err)
{
	return source_drain(&s->src, err);
}

void
rst_stream_close(struct rst_stream *s)
{
	if (s == NULL)
		return;
	if (s->a != NULL)
		archive_read_free(s->a);
	source_close(&s->src);
	ZSTD_freeDCtx(s->range.dctx);
	free(s->range.out);
	free(s->range.parts);
	free(s);
}

struct rst_indexreader {
	struct source		 src;
	ZSTD_DCtx		*dctx;
	ZSTD_inBuffer		 in;
	unsigned char		*out;
	size_t			 outcap, outlen, outpos;
	struct rst_buf		 line;
	struct rst_buf		 base;	/* patch_from: the base's index */
	struct rst_buf		 with;	/* ... with "in" (base-in) */
	bool			 eof;
	bool			 plain;	/* out borrowed: the whole text */
	char			*name;
};

/*
 * An index with patch_from decompresses against its base's index: the
 * caller's (borrowed) or fetched now.
 */
static int
base_prefix(struct rst_indexreader *ir, struct rst_storage *st,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const struct rst_buf *base, struct rst_err *err)
{
	int r;

	if (base == NULL) {
		if ((r = rst_index_base_plain(st, m, ids, &ir->base,
		    err)) != 0)
			return r;
		base = &ir->base;
	}
	if ((r = rst_baseindex_prefix(m, base, &ir->with, &base, err)) != 0)
		return r;
	if (ZSTD_isError(ZSTD_DCtx_refPrefix(ir->dctx, base->data,
	    base->len)))
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

int
rst_indexreader_open(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    struct rst_indexreader **out, struct rst_err *err)
{
	return rst_indexreader_open_base(st, dir, m, ids, NULL, out, err);
}

int
rst_indexreader_open_base(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, const struct rst_age_identities *ids,
    const struct rst_buf *base, struct rst_indexreader **out,
    struct rst_err *err)
{
	struct rst_indexreader *ir;
	int r;

	*out = NULL;
	if ((ir = calloc(1, sizeof(*ir))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	ir->outcap = ZSTD_DStreamOutSize();
	if ((ir->dctx = ZSTD_createDCtx()) == NULL ||
	    (ir->out = malloc(ir->outcap)) == NULL ||
	    (ir->name = rst_path_join(dir, m->index.name)) == NULL) {
		rst_indexreader_close(ir);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	/* Fetched and verified now, parsed from that one copy later. */
	if ((r = source_open(&ir->src, st, dir, &m->index, 1, NULL,
	    strcmp(m->encryption, "age") == 0, ids, err)) != 0 ||
	    (r = rst_partreader_fetch(ir->src.pr, err)) != 0 ||
	    (m->index_patch_from && (r = base_prefix(ir, st, m, ids, base,
	    err)) != 0)) {
		rst_indexreader_close(ir);
		return r;
	}
	*out = ir;
	return 0;
}

int
rst_indexreader_open_plain(const struct rst_buf *plain, const char *dir,
    const struct rst_manifest *m, struct rst_indexreader **out,
    struct rst_err *err)
{
	struct rst_indexreader *ir;

	*out = NULL;
	if ((ir = calloc(1, sizeof(*ir))) == NULL ||
	    (ir->name = rst_path_join(dir, m->index.name)) == NULL) {
		rst_indexreader_close(ir);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	ir->plain = true;
	ir->out = plain->data;
	ir->outlen = plain->len;
	*out = ir;
	return 0;
}

/* Refill the decompressed buffer; 0 with outlen 0 at the end. */
static int
refill(struct rst_indexreader *ir, struct rst_err *err)
{
	ZSTD_outBuffer o = { ir->out, ir->outcap, 0 };
	const void *buf;
	ssize_t len;
	size_t rem;

	ir->outpos = ir->outlen = 0;
	if (ir->plain)
		return 0;
	while (o.pos == 0) {
		if (ir->in.pos == ir->in.size) {
			if ((len = source_read(&ir->src, &buf, err)) < 0)
				return (int)len;
			if (len == 0)
				return 0;
			ir->in.src = buf;
			ir->in.size = (size_t)len;
			ir->in.pos = 0;
		}
		rem = ZSTD_decompressStream(ir->dctx, &o, &ir->in);
		if (ZSTD_isError(rem))
			return rst_errf(err, RST_EINTEGRITY, "%s: zstd: %s",
			    ir->name, ZSTD_getErrorName(rem));
	}
	ir->outlen = o.pos;
	return 0;
}

int
rst_indexreader_next(struct rst_indexreader *ir, struct rst_index_entry *e,
    struct rst_err *err)
{
	unsigned char *nl;
	size_t n;
	int r;

	ir->line.len = 0;
	for (;;) {
		if (ir->outpos == ir->outlen) {
			if (ir->eof || (r = refill(ir, err)) != 0)
				return ir->eof ? 0 : r;
			if (ir->outlen == 0) {
				ir->eof = true;
				if (ir->line.len != 0)
					return rst_errf(err, RST_EINTEGRITY,
					    "%s: truncated last line",
					    ir->name);
				return 0;
			}
		}
		nl = memchr(ir->out + ir->outpos, '\n', ir->outlen - ir->outpos);
		n = nl ? (size_t)(nl - (ir->out + ir->outpos)) :
		    ir->outlen - ir->outpos;
		if (ir->line.len + n > LINE_MAX_LEN)
			return rst_errf(err, RST_EINTEGRITY, "%s: line too long",
			    ir->name);
		if (rst_buf_append(&ir->line, ir->out + ir->outpos, n) != 0)
			return rst_errf(err, RST_ENOMEM, "out of memory");
		ir->outpos += n + (nl ? 1 : 0);
		if (nl != NULL)
			break;
	}
	if ((r = rst_index_parse((char *)ir->line.data, ir->line.len, e,
	    err)) != 0) {
		rst_err_prefix(err, "%s", ir->name);
		return r;
	}
	return 1;
}

void
rst_indexreader_close(struct rst_indexreader *ir)
{
	if (ir == NULL)
		return;
	source_close(&ir->src);
	ZSTD_freeDCtx(ir->dctx);
	if (!ir->plain)
		free(ir->out);
	free(ir->name);
	rst_buf_release(&ir->line);
	rst_buf_release(&ir->base);
	rst_buf_release(&ir->with);
	free(ir);
}
