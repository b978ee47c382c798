/* SPDX-License-Identifier: ISC */
/*
 * Which parts a partial restore needs.  Each index entry says where it
 * starts (zframe: the offset of its zstd frame in the stream; zoff: its
 * first header block's offset inside that frame), and its bytes end where
 * the next entry starts.  A selected entry therefore needs the stream from
 * its frame up to the end of the frame that holds the next entry's start
 * (exactly that start when it opens a frame), and so the parts overlapping
 * that range.  An entry whose frame starts in a part the run before
 * surely reads joins that run (the entries between are read and skipped);
 * the restore also reads on into the next run, rather than fetch a part
 * again, when the run before reached its first part.  Only plain snapshots whose every entry has a position qualify:
 * an encrypted stream, or an older index, is read from the start.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/browse.h"
#include "restorable/snapshot.h"
#include "place.h"

bool
rst_restore_ranged(const struct rst_manifest *m,
    const struct rst_index_list *l)
{
	size_t i;

	if (strcmp(m->encryption, "none") != 0 || l->n == 0 || m->nparts == 0)
		return false;
	for (i = 0; i < l->n; i++)
		if (!l->v[i].has_zpos)
			return false;
	return true;
}

/* Positions must follow the stream: increasing, inside it, frames whole. */
static int
check_positions(const struct rst_manifest *m, const struct rst_index_list *l,
    struct rst_err *err)
{
	const struct rst_index_entry *a, *b;
	size_t i;

	for (i = 0; i < l->n; i++) {
		b = &l->v[i];
		a = i > 0 ? &l->v[i - 1] : NULL;
		if (b->zframe >= m->stream_size ||
		    (a == NULL && (b->zframe != 0 || b->zoff != 0)) ||
		    (a != NULL && (b->zframe < a->zframe ||
		    (b->zframe == a->zframe && b->zoff <= a->zoff) ||
		    (b->zframe > a->zframe && b->zoff != 0))))
			return rst_errf(err, RST_EINTEGRITY, "%s: index: stream "
			    "position of %s out of order", m->index.name,
			    b->path);
	}
	return 0;
}

/* Where entry i's bytes end in the compressed stream (a frame's end). */
static uint64_t
entry_end(const struct rst_manifest *m, const struct rst_index_list *l,
    size_t i)
{
	size_t j;

	if (i + 1 == l->n)
		return m->stream_size;
	if (l->v[i + 1].zoff == 0)
		return l->v[i + 1].zframe;
	for (j = i + 2; j < l->n; j++)
		if (l->v[j].zframe > l->v[i + 1].zframe)
			return l->v[j].zframe;
	return m->stream_size;
}

/*
 * Where entry i's bytes surely reach: the start of the frame holding the
 * next entry's start (every byte before it is read).
 */
static uint64_t
entry_sure(const struct rst_manifest *m, const struct rst_index_list *l,
    size_t i)
{
	if (i + 1 == l->n)
		return m->stream_size;
	return l->v[i + 1].zoff == 0 ? l->v[i + 1].zframe :
	    l->v[i + 1].zframe + 1;
}

/* The part holding stream offset off, and where that part starts. */
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

static void
run_close(const struct rst_manifest *m, struct rst_restore_run *r,
    uint64_t end, uint64_t sure)
{
	uint64_t o0, o1;
	size_t p0, p1, ps;

	p0 = part_at(m, r->rg.skip, &o0);
	p1 = part_at(m, end - 1, &o1);
	ps = part_at(m, sure - 1, &o1);
	r->rg.len = end - r->rg.skip;
	r->rg.skip -= o0;
	r->rg.part = p0;
	r->rg.nparts = p1 - p0 + 1;
	r->rg.nsure = ps - p0 + 1;
}

int
rst_restore_runs(const struct rst_manifest *m, const struct rst_index_list *l,
    const bool *sel, struct rst_restore_run **out, size_t *nout,
    struct rst_err *err)
{
	struct rst_restore_run *v = NULL, *cur = NULL;
	uint64_t end = 0, sure = 0, ostart, oend;
	size_t i, n = 0;
	int r;

	*out = NULL;
	*nout = 0;
	if ((r = check_positions(m, l, err)) != 0)
		return r;
	for (i = 0; i < l->n; i++) {
		if (!sel[i])
			continue;
		/* In a part the run surely reads: read on, no new fetch. */
		if (cur != NULL && part_at(m, l->v[i].zframe, &ostart) <=
		    part_at(m, sure - 1, &oend)) {
			cur->last = i;
			if (entry_end(m, l, i) > end)
				end = entry_end(m, l, i);
			if (entry_sure(m, l, i) > sure)
				sure = entry_sure(m, l, i);
			continue;
		}
		if (cur != NULL)
			run_close(m, cur, end, sure);
		if ((cur = reallocarray(v, n + 1, sizeof(*v))) == NULL) {
			free(v);
			return rst_errf(err, RST_ENOMEM, "out of memory");
		}
		v = cur;
		cur = &v[n++];
		memset(cur, 0, sizeof(*cur));
		cur->first = cur->last = i;
		cur->rg.skip = l->v[i].zframe;	/* stream offset until closed */
		cur->rg.zoff = l->v[i].zoff;
		end = entry_end(m, l, i);
		sure = entry_sure(m, l, i);
	}
	if (cur != NULL)
		run_close(m, cur, end, sure);
	*out = v;
	*nout = n;
	return 0;
}
