/* SPDX-License-Identifier: ISC */
/*
 * Pipeline stages: small push-model filters with one job each.  A stage
 * writes its output into ->next; finish() flushes into next but never
 * finishes it (the owner finishes head to tail).  After an error a stage
 * refuses further writes.  Buffers passed to write() are borrowed.
 */
#ifndef RESTORABLE_PIPELINE_H
#define RESTORABLE_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "restorable/crypto.h"
#include "restorable/err.h"
#include "restorable/storage.h"

struct rst_stage;

struct rst_stage_ops {
	const char *name;
	int	(*write)(struct rst_stage *, const void *, size_t,
		    struct rst_err *);
	int	(*finish)(struct rst_stage *, struct rst_err *);
	void	(*free)(struct rst_stage *);
};

struct rst_stage {
	const struct rst_stage_ops *ops;
	struct rst_stage *next;		/* downstream; not owned */
	uint64_t	 bytes_in;
	uint64_t	 bytes_out;
	int		 failed;	/* sticky error code */
	void		*priv;		/* owned; released by ops->free */
};

int	rst_stage_write(struct rst_stage *, const void *, size_t,
	    struct rst_err *) RST_MUST_CHECK;
int	rst_stage_finish(struct rst_stage *, struct rst_err *) RST_MUST_CHECK;
void	rst_stage_free(struct rst_stage *);	/* NULL-safe */
/* For stage implementations: a stage owning priv, writing into next. */
struct rst_stage *rst_stage_alloc(const struct rst_stage_ops *, void *priv,
	    struct rst_stage *next);

/* One object of a stream: its name, size and SHA-256. */
struct rst_part {
	char		*name;		/* relative to the snapshot folder */
	uint64_t	 size;
	char		 sha256[RST_SHA256_HEX];
};

/*
 * Part splitter (tail stage): cuts the stream into objects named
 * DIR/BASE.NNNNNN of part_size bytes (the last shorter), each committed to
 * storage as it fills, and hashes every part and the whole stream.  An
 * empty stream still makes one (empty) part.
 */
struct rst_stage *rst_stage_split_new(struct rst_storage *, const char *dir,
	    const char *base, uint64_t part_size);
/* After finish: parts and whole-stream hash; borrowed from the stage. */
const struct rst_part *rst_stage_split_parts(struct rst_stage *, size_t *n,
	    uint64_t *total, const char **sha256);

/*
 * Object sink (tail stage): streams into one storage object DIR/NAME,
 * committed by finish, with size and SHA-256.
 */
struct rst_stage *rst_stage_object_new(struct rst_storage *, const char *dir,
	    const char *name);
const struct rst_part *rst_stage_object_result(struct rst_stage *);

/* Memory sink (tail stage): appends everything to *out (not owned). */
struct rst_buf;
struct rst_stage *rst_stage_buf_new(struct rst_buf *out);

/* zstd compressor at level with threads workers (0 = in the caller). */
struct rst_stage *rst_stage_zstd_new(int level, int threads,
	    struct rst_stage *next);
/*
 * Compress the stage's (single) frame against the n bytes at p as a raw
 * prefix (`zstd --patch-from`), which the caller keeps until finish;
 * before the first write.  The window is at most 2^27 bytes, what every
 * decoder accepts by default.
 */
#define RST_ZSTD_PREFIX_WLOG_MAX	27
int	rst_stage_zstd_prefix(struct rst_stage *, const void *p, size_t n,
	    struct rst_err *) RST_MUST_CHECK;
/*
 * Where the next byte written to the zstd stage goes: *frame is the offset
 * in the stage's output of the first byte of the frame it falls in, *off
 * its uncompressed offset inside that frame.  When the current frame
 * already holds frame_size input bytes or more, it is ended first (all its
 * input compressed and written downstream) and the next byte starts a new
 * frame (*off 0).  Call it only where a reader may start: between entries.
 */
int	rst_stage_zstd_mark(struct rst_stage *, uint64_t frame_size,
	    uint64_t *frame, uint64_t *off, struct rst_err *) RST_MUST_CHECK;

#endif
