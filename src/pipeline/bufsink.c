/* SPDX-License-Identifier: ISC */
/*
 * Memory sink (tail stage): appends the stream to a caller's buffer.  For
 * small outputs only (an age-sealed record, test fixtures); the buffer
 * grows with the stream.
 */
#include "config.h"

#include "restorable/pipeline.h"
#include "restorable/util.h"

static int
bufsink_write(struct rst_stage *st, const void *p, size_t n,
    struct rst_err *err)
{
	if (rst_buf_append(st->priv, p, n) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return 0;
}

static int
bufsink_finish(struct rst_stage *st, struct rst_err *err)
{
	(void)st;
	(void)err;
	return 0;
}

static void
bufsink_free(struct rst_stage *st)
{
	(void)st;	/* the buffer belongs to the caller */
}

static const struct rst_stage_ops bufsink_ops = {
	.name = "buffer",
	.write = bufsink_write,
	.finish = bufsink_finish,
	.free = bufsink_free,
};

struct rst_stage *
rst_stage_buf_new(struct rst_buf *out)
{
	return rst_stage_alloc(&bufsink_ops, out, NULL);
}
