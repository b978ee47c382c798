/* SPDX-License-Identifier: ISC */
/*
 * zstd compression stage (libzstd streaming API) with a fixed output
 * buffer: the archive stream and the file index.  With workers, jobs are
 * JOB_SIZE bytes: libzstd keeps a few jobs' input and output in flight,
 * so this bounds the stage's memory (its default job is four windows,
 * which costs tens of MiB) at a negligible cost in ratio.
 *
 * The archive's stage is cut into independent frames at entry boundaries
 * (rst_stage_zstd_mark), so that a reader can start decompressing at the
 * frame an entry begins in.  A frame holds many jobs (16 MiB against 2 MiB
 * jobs), so the workers stay busy between the frame ends.
 */
#include "config.h"

#include <stdlib.h>

#include <zstd.h>

#include "restorable/pipeline.h"

#define JOB_SIZE	(2u << 20)

struct zstdw {
	ZSTD_CCtx	*cctx;
	unsigned char	*out;
	size_t		 outcap;
	uint64_t	 frame_in;	/* input offset of the current frame */
	uint64_t	 frame_out;	/* output offset of the current frame */
};

static int
zstdw_pump(struct rst_stage *st, const void *p, size_t n,
    ZSTD_EndDirective mode, struct rst_err *err)
{
	struct zstdw *z = st->priv;
	ZSTD_inBuffer in = { p, n, 0 };
	ZSTD_outBuffer out;
	size_t rem;
	int r;

	do {
		out.dst = z->out;
		out.size = z->outcap;
		out.pos = 0;
		rem = ZSTD_compressStream2(z->cctx, &out, &in, mode);
		if (ZSTD_isError(rem))
			return rst_errf(err, RST_EINTERNAL, "zstd: %s",
			    ZSTD_getErrorName(rem));
		if (out.pos > 0) {
			if ((r = rst_stage_write(st->next, z->out, out.pos,
			    err)) != 0)
				return r;
			st->bytes_out += out.pos;
		}
	} while (mode == ZSTD_e_end ? rem != 0 : in.pos < in.size);
	return 0;
}

static int
zstdw_write(struct rst_stage *st, const void *p, size_t n, struct rst_err *err)
{
	return zstdw_pump(st, p, n, ZSTD_e_continue, err);
}

static int
zstdw_finish(struct rst_stage *st, struct rst_err *err)
{
	return zstdw_pump(st, NULL, 0, ZSTD_e_end, err);
}

int
rst_stage_zstd_mark(struct rst_stage *st, uint64_t frame_size,
    uint64_t *frame, uint64_t *off, struct rst_err *err)
{
	struct zstdw *z = st->priv;
	int r;

	if (st->failed)
		return rst_errf(err, st->failed, "zstd: stage already failed");
	if (st->bytes_in - z->frame_in >= frame_size) {
		/* Ends the frame: every byte so far is out, so the next starts here. */
		if ((r = zstdw_pump(st, NULL, 0, ZSTD_e_end, err)) != 0) {
			st->failed = r;
			return r;
		}
		z->frame_in = st->bytes_in;
		z->frame_out = st->bytes_out;
	}
	*frame = z->frame_out;
	*off = st->bytes_in - z->frame_in;
	return 0;
}

/* The smallest window log that covers n bytes, within [10, 27]. */
static int
window_log(size_t n)
{
	int w = 10;

	while (w < RST_ZSTD_PREFIX_WLOG_MAX && ((size_t)1 << w) < n)
		w++;
	return w;
}

int
rst_stage_zstd_prefix(struct rst_stage *st, const void *p, size_t n,
    struct rst_err *err)
{
	struct zstdw *z = st->priv;
	size_t e;

	if (st->bytes_in != 0)
		return rst_errf(err, RST_EINTERNAL, "zstd: prefix after data");
	/* The window covers the prefix and as much new input again. */
	if (ZSTD_isError(e = ZSTD_CCtx_setParameter(z->cctx,
	    ZSTD_c_windowLog, window_log(n * 2))) ||
	    ZSTD_isError(e = ZSTD_CCtx_setParameter(z->cctx,
	    ZSTD_c_enableLongDistanceMatching, 1)) ||
	    ZSTD_isError(e = ZSTD_CCtx_refPrefix(z->cctx, p, n)))
		return rst_errf(err, RST_EINTERNAL, "zstd: %s",
		    ZSTD_getErrorName(e));
	return 0;
}

static void
zstdw_free(struct rst_stage *st)
{
	struct zstdw *z = st->priv;

	if (z == NULL)
		return;
	ZSTD_freeCCtx(z->cctx);
	free(z->out);
	free(z);
}

static const struct rst_stage_ops zstdw_ops = {
	.name = "zstd",
	.write = zstdw_write,
	.finish = zstdw_finish,
	.free = zstdw_free,
};

struct rst_stage *
rst_stage_zstd_new(int level, int threads, struct rst_stage *next)
{
	struct rst_stage *st;
	struct zstdw *z;

	if ((z = calloc(1, sizeof(*z))) == NULL)
		return NULL;
	z->outcap = ZSTD_CStreamOutSize();
	if ((z->cctx = ZSTD_createCCtx()) == NULL ||
	    (z->out = malloc(z->outcap)) == NULL ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(z->cctx,
	    ZSTD_c_compressionLevel, level)) ||
	    (threads > 0 && (ZSTD_isError(ZSTD_CCtx_setParameter(z->cctx,
	    ZSTD_c_nbWorkers, threads)) ||
	    ZSTD_isError(ZSTD_CCtx_setParameter(z->cctx, ZSTD_c_jobSize,
	    JOB_SIZE)))) ||
	    (st = rst_stage_alloc(&zstdw_ops, z, next)) == NULL) {
		ZSTD_freeCCtx(z->cctx);
		free(z->out);
		free(z);
		return NULL;
	}
	return st;
}
