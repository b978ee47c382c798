/* SPDX-License-Identifier: ISC */
/*
 * What a restore will write, from the snapshot's verified index alone: the
 * entries its patterns select, each mapped to its place under the target
 * (after --strip).  restore --dry-run shows it and stops; a real restore
 * walks it first, so a pattern that matches nothing is refused before any
 * part is fetched and before the target folder is made.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "restorable/browse.h"
#include "restorable/snapshot.h"

/* The entry's path under the target, or NULL when --strip drops it. */
static const char *
mapped_path(const struct rst_restore_opts *o, const struct rst_index_entry *e)
{
	const char *p = rst_path_strip(e->path, o->strip);

	if (p != NULL && e->type == RST_ENTRY_HARDLINK && e->target != NULL &&
	    rst_path_strip(e->target, o->strip) == NULL)
		return NULL;
	return p;
}

int
rst_restore_plan(const struct rst_profile *p, struct rst_storage *st,
    const char *dir, const struct rst_manifest *m, const char *msha,
    const struct rst_buf *base, const struct rst_restore_opts *o,
    struct rst_index_list *keep, struct rst_err *err)
{
	struct rst_index_list l = { NULL, 0, NULL, NULL };
	const char *to;
	bool *matched;
	size_t i;
	int r;

	if ((matched = calloc(o->npatterns + 1, sizeof(*matched))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_index_get_pre(p, st, dir, m, msha, o->ids, base, &l,
	    err)) != 0)
		goto out;
	for (i = 0; i < l.n; i++) {
		if (!rst_pattern_match(o->patterns, o->npatterns, l.v[i].path,
		    matched) || (to = mapped_path(o, &l.v[i])) == NULL)
			continue;
		if (o->plan_cb != NULL)
			o->plan_cb(o->plan_arg, &l.v[i], to);
	}
	r = rst_pattern_unmatched(o->patterns, o->npatterns, matched,
	    RST_EUSAGE, "the snapshot", err);
 out:
	if (r == 0 && keep != NULL) {
		*keep = l;
		l.v = NULL;
		l.n = 0;
	}
	rst_index_list_release(&l);
	free(matched);
	return r;
}
