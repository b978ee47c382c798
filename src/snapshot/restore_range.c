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
 * again, when the run before reached its first part.  An encrypted stream
 * is read in one run: age's header is in the first part, fetched once,
 * and age starts at the 64 KiB chunk holding the run's frame.  An index
 * without positions (older snapshots) is read from the start.
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

	if (l->n == 0 || m->nparts == 0)
		return false;
	for (i = 0; i < l->n; i++)
		if (!l->v[i].has_zpos)
			return false;
	return true;
}

int
rst_restore_stream_entries(const struct rst_index_list *l,
    struct rst_index_list *s, struct rst_err *err)
{
	size_t i;

	s->n = 0;
	if ((s->v = calloc(l->n + 1, sizeof(*s->v))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	for (i = 0; i < l->n; i++)
		if (l->v[i].in[0] == '\0')
			s->v[s->n++] = l->v[i];
	return 0;
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

/* The part holding stream offset off (as if the stream were plain). */
static size_t
part_at(const struct rst_manifest *m, uint64_t off)
{
	uint64_t o = 0;
	size_t k;

	for (k = 0; k + 1 < m->nparts && o + m->parts[k].size <= off; k++)
		o += m->parts[k].size;
	return k;
}

int
rst_restore_runs(const struct rst_manifest *m, const struct rst_index_list *l,
    const bool *sel, struct rst_restore_run **out, size_t *nout,
    struct rst_err *err)
{
	struct rst_restore_run *v = NULL, *cur = NULL;
	bool enc = strcmp(m->encryption, "none") != 0;
	size_t i, n = 0;
	int r;

	*out = NULL;
	*nout = 0;
	if ((r = check_positions(m, l, err)) != 0)
		return r;
	for (i = 0; i < l->n; i++) {
		if (!sel[i])
			continue;
		/*
		 * In a part the run surely reads: read on, no new fetch.  An
		 * encrypted stream is read in one run (age's header is in the
		 * first part, fetched once).
		 */
		if (cur != NULL && (enc || part_at(m, l->v[i].zframe) <=
		    part_at(m, cur->rg.sure - 1))) {
			cur->last = i;
			if (entry_end(m, l, i) > cur->rg.end)
				cur->rg.end = entry_end(m, l, i);
			if (entry_sure(m, l, i) > cur->rg.sure)
				cur->rg.sure = entry_sure(m, l, i);
			continue;
		}
		if ((cur = reallocarray(v, n + 1, sizeof(*v))) == NULL) {
			free(v);
			return rst_errf(err, RST_ENOMEM, "out of memory");
		}
		v = cur;
		cur = &v[n++];
		cur->first = cur->last = i;
		cur->rg.start = l->v[i].zframe;
		cur->rg.zoff = l->v[i].zoff;
		cur->rg.end = entry_end(m, l, i);
		cur->rg.sure = entry_sure(m, l, i);
	}
	*out = v;
	*nout = n;
	return 0;
}
