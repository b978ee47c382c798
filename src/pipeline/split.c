/* SPDX-License-Identifier: ISC */
/*
 * Tail stages that land bytes in the repository: the part splitter, which
 * cuts one stream into fixed-size objects and hashes each part and the
 * whole stream in the same pass, and the single-object sink.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/log.h"
#include "restorable/pipeline.h"

int
rst_stage_write(struct rst_stage *st, const void *p, size_t n,
    struct rst_err *err)
{
	int r;

	if (st->failed)
		return rst_errf(err, st->failed, "%s: stage already failed",
		    st->ops->name);
	if ((r = st->ops->write(st, p, n, err)) != 0)
		st->failed = r;
	else
		st->bytes_in += n;
	return r;
}

int
rst_stage_finish(struct rst_stage *st, struct rst_err *err)
{
	int r;

	if (st->failed)
		return rst_errf(err, st->failed, "%s: stage already failed",
		    st->ops->name);
	if ((r = st->ops->finish(st, err)) != 0)
		st->failed = r;
	else
		rst_log_debug("stage %s: finished, %llu bytes in",
		    st->ops->name, (unsigned long long)st->bytes_in);
	return r;
}

void
rst_stage_free(struct rst_stage *st)
{
	if (st == NULL)
		return;
	st->ops->free(st);
	free(st);
}

static struct rst_stage *
stage_new(const struct rst_stage_ops *ops, void *priv, struct rst_stage *next)
{
	struct rst_stage *st;

	if ((st = calloc(1, sizeof(*st))) == NULL)
		return NULL;
	st->ops = ops;
	st->priv = priv;
	st->next = next;
	rst_log_debug("stage %s: start", ops->name);
	return st;
}

struct split {
	struct rst_storage	*storage;
	char			*dir;
	char			*base;
	uint64_t		 part_size;
	struct rst_objwriter	*cur;	/* open part, or NULL */
	struct rst_sha256	 part_hash;
	struct rst_sha256	 all_hash;
	struct rst_part		*parts;
	size_t			 nparts;
	uint64_t		 total;
	char			 sha256[RST_SHA256_HEX];
};

static int
split_open_part(struct split *s, struct rst_err *err)
{
	struct rst_part *np;
	char *name;
	int r;

	if ((np = reallocarray(s->parts, s->nparts + 1, sizeof(*np))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	s->parts = np;
	memset(&np[s->nparts], 0, sizeof(*np));
	if ((np[s->nparts].name = rst_strdupf("%s.%06zu", s->base,
	    s->nparts)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	s->nparts++;
	if ((name = rst_path_join(s->dir, np[s->nparts - 1].name)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_storage_create_async(s->storage, name, &s->cur, err);
	free(name);
	return r;
}

static int
split_close_part(struct split *s, struct rst_err *err)
{
	struct rst_part *p = &s->parts[s->nparts - 1];
	struct rst_objwriter *w = s->cur;
	int r;

	s->cur = NULL;
	p->size = w->size;
	if ((r = rst_sha256_final(&s->part_hash, NULL, p->sha256, err)) != 0) {
		rst_storage_abort(w);
		return r;
	}
	/* Remote parts upload while the next one is produced (or, on a backend
	 * that takes a stream of unknown length, already while this one is). */
	return rst_storage_commit_async(w, err);
}

static int
split_write(struct rst_stage *st, const void *buf, size_t len,
    struct rst_err *err)
{
	struct split *s = st->priv;
	const unsigned char *p = buf;
	size_t n;
	int r;

	if ((r = rst_sha256_update(&s->all_hash, p, len, err)) != 0)
		return r;
	while (len > 0) {
		if (s->cur == NULL && (r = split_open_part(s, err)) != 0)
			return r;
		n = len;
		if (n > s->part_size - s->cur->size)
			n = (size_t)(s->part_size - s->cur->size);
		if ((r = rst_sha256_update(&s->part_hash, p, n, err)) != 0 ||
		    (r = rst_storage_write(s->cur, p, n, err)) != 0)
			return r;
		p += n;
		len -= n;
		s->total += n;
		if (s->cur->size == s->part_size &&
		    (r = split_close_part(s, err)) != 0)
			return r;
	}
	return 0;
}

static int
split_finish(struct rst_stage *st, struct rst_err *err)
{
	struct split *s = st->priv;
	int r;

	if (s->nparts == 0 && (r = split_open_part(s, err)) != 0)
		return r;
	if (s->cur != NULL && (r = split_close_part(s, err)) != 0)
		return r;
	if ((r = rst_storage_drain(s->storage, err)) != 0)
		return r;
	return rst_sha256_final(&s->all_hash, NULL, s->sha256, err);
}

static void
split_free(struct rst_stage *st)
{
	struct rst_err err = RST_ERR_INIT;
	struct split *s = st->priv;
	size_t i;

	if (s == NULL)
		return;
	rst_storage_abort(s->cur);
	/* Nothing of this stream may still be in flight after it is freed. */
	if (rst_storage_drain(s->storage, &err) != 0)
		rst_err_clear(&err);
	for (i = 0; i < s->nparts; i++)
		free(s->parts[i].name);
	free(s->parts);
	rst_sha256_release(&s->part_hash);
	rst_sha256_release(&s->all_hash);
	free(s->dir);
	free(s->base);
	free(s);
}

static const struct rst_stage_ops split_ops = {
	.name = "split",
	.write = split_write,
	.finish = split_finish,
	.free = split_free,
};

struct rst_stage *
rst_stage_split_new(struct rst_storage *storage, const char *dir,
    const char *base, uint64_t part_size)
{
	struct rst_err err = RST_ERR_INIT;
	struct split *s;
	struct rst_stage *st;

	if (part_size == 0 || (s = calloc(1, sizeof(*s))) == NULL)
		return NULL;
	s->storage = storage;
	s->part_size = part_size;
	if ((s->dir = strdup(dir)) == NULL || (s->base = strdup(base)) == NULL ||
	    rst_sha256_init(&s->part_hash, &err) != 0 ||
	    rst_sha256_init(&s->all_hash, &err) != 0 ||
	    (st = stage_new(&split_ops, s, NULL)) == NULL) {
		struct rst_stage tmp = { .priv = s };
		split_free(&tmp);
		return NULL;
	}
	return st;
}

const struct rst_part *
rst_stage_split_parts(struct rst_stage *st, size_t *n, uint64_t *total,
    const char **sha256)
{
	struct split *s = st->priv;

	*n = s->nparts;
	*total = s->total;
	*sha256 = s->sha256;
	return s->parts;
}

struct object {
	struct rst_storage	*storage;
	struct rst_objwriter	*w;
	char			*path;
	struct rst_sha256	 hash;
	struct rst_part		 result;
};

static int
object_write(struct rst_stage *st, const void *p, size_t n,
    struct rst_err *err)
{
	struct object *o = st->priv;
	int r;

	if (o->w == NULL &&
	    (r = rst_storage_create(o->storage, o->path, &o->w, err)) != 0)
		return r;
	if ((r = rst_sha256_update(&o->hash, p, n, err)) != 0)
		return r;
	return rst_storage_write(o->w, p, n, err);
}

static int
object_finish(struct rst_stage *st, struct rst_err *err)
{
	struct object *o = st->priv;
	struct rst_objwriter *w;
	int r;

	if (o->w == NULL &&
	    (r = rst_storage_create(o->storage, o->path, &o->w, err)) != 0)
		return r;
	w = o->w;
	o->w = NULL;
	o->result.size = w->size;
	if ((r = rst_sha256_final(&o->hash, NULL, o->result.sha256, err)) != 0) {
		rst_storage_abort(w);
		return r;
	}
	return rst_storage_commit(w, err);
}

static void
object_free(struct rst_stage *st)
{
	struct object *o = st->priv;

	if (o == NULL)
		return;
	rst_storage_abort(o->w);
	rst_sha256_release(&o->hash);
	free(o->path);
	free(o->result.name);
	free(o);
}

static const struct rst_stage_ops object_ops = {
	.name = "object",
	.write = object_write,
	.finish = object_finish,
	.free = object_free,
};

struct rst_stage *
rst_stage_object_new(struct rst_storage *storage, const char *dir,
    const char *name)
{
	struct rst_err err = RST_ERR_INIT;
	struct rst_stage *st;
	struct object *o;

	if ((o = calloc(1, sizeof(*o))) == NULL)
		return NULL;
	o->storage = storage;
	if ((o->path = rst_path_join(dir, name)) == NULL ||
	    (o->result.name = strdup(name)) == NULL ||
	    rst_sha256_init(&o->hash, &err) != 0 ||
	    (st = stage_new(&object_ops, o, NULL)) == NULL) {
		struct rst_stage tmp = { .priv = o };
		object_free(&tmp);
		return NULL;
	}
	return st;
}

const struct rst_part *
rst_stage_object_result(struct rst_stage *st)
{
	struct object *o = st->priv;

	return &o->result;
}

struct rst_stage *
rst_stage_alloc(const struct rst_stage_ops *ops, void *priv,
    struct rst_stage *next)
{
	return stage_new(ops, priv, next);
}
