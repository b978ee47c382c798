/* SPDX-License-Identifier: ISC */
/*
 * Readers built on the verified part reader: the archive stream opened
 * with libarchive (pax + zstd), and the file index decompressed and split
 * into entries with a bounded line buffer.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <zstd.h>

#include "restorable/snapshot.h"

#define LINE_MAX_LEN	(1u << 20)

static la_ssize_t
stream_read(struct archive *a, void *arg, const void **buf)
{
	struct rst_partreader *pr = arg;
	struct rst_err tmp = RST_ERR_INIT;
	size_t len;

	if (rst_partreader_next(pr, buf, &len, &tmp) != 0) {
		archive_set_error(a, tmp.code == RST_EINTEGRITY ? EBADMSG : EIO,
		    "%s", tmp.msg);
		return -1;
	}
	return (la_ssize_t)len;
}

int
rst_stream_open(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, bool precheck, struct archive **out,
    struct rst_partreader **prout, struct rst_err *err)
{
	struct rst_partreader *pr;
	struct archive *a;
	int r;

	*out = NULL;
	*prout = NULL;
	if ((r = rst_partreader_open(st, dir, m->parts, m->nparts,
	    m->stream_sha256, precheck, &pr, err)) != 0)
		return r;
	if ((a = archive_read_new()) == NULL) {
		rst_partreader_close(pr);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	if (archive_read_support_filter_zstd(a) != ARCHIVE_OK ||
	    archive_read_support_format_tar(a) != ARCHIVE_OK ||
	    archive_read_open2(a, pr, NULL, stream_read, NULL, NULL) !=
	    ARCHIVE_OK) {
		r = RST_EINTEGRITY;
		rst_errf(err, r, "%s: stream: %s", dir,
		    archive_error_string(a));
		archive_read_free(a);
		rst_partreader_close(pr);
		return r;
	}
	*out = a;
	*prout = pr;
	return 0;
}

struct rst_indexreader {
	struct rst_partreader	*pr;
	ZSTD_DCtx		*dctx;
	ZSTD_inBuffer		 in;
	unsigned char		*out;
	size_t			 outcap, outlen, outpos;
	struct rst_buf		 line;
	bool			 eof;
	char			*name;
};

int
rst_indexreader_open(struct rst_storage *st, const char *dir,
    const struct rst_manifest *m, struct rst_indexreader **out,
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
	if ((r = rst_partreader_open(st, dir, &m->index, 1, NULL, true,
	    &ir->pr, err)) != 0) {
		rst_indexreader_close(ir);
		return r;
	}
	*out = ir;
	return 0;
}

/* Refill the decompressed buffer; 0 with outlen 0 at the end. */
static int
refill(struct rst_indexreader *ir, struct rst_err *err)
{
	ZSTD_outBuffer o = { ir->out, ir->outcap, 0 };
	const void *buf;
	size_t len, rem;
	int r;

	ir->outpos = ir->outlen = 0;
	while (o.pos == 0) {
		if (ir->in.pos == ir->in.size) {
			if ((r = rst_partreader_next(ir->pr, &buf, &len,
			    err)) != 0)
				return r;
			if (len == 0)
				return 0;
			ir->in.src = buf;
			ir->in.size = len;
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
	rst_partreader_close(ir->pr);
	ZSTD_freeDCtx(ir->dctx);
	free(ir->out);
	free(ir->name);
	rst_buf_release(&ir->line);
	free(ir);
}
