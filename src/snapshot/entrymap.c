/* SPDX-License-Identifier: ISC */
/*
 * A path -> index entry table (open addressing) for the files an
 * incremental's index says an older snapshot holds.  Memory grows with
 * those entries only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "entrymap.h"

struct rst_entrymap {
	struct rst_entrymap_ent	*v;
	size_t			 n, cap;
	struct rst_stridx	 idx;	/* by path */
};

static const char *
path_of(const void *arg, size_t i)
{
	return ((const struct rst_entrymap *)arg)->v[i].e.path;
}

struct rst_entrymap *
rst_entrymap_new(void)
{
	struct rst_entrymap *m = calloc(1, sizeof(struct rst_entrymap));

	if (m != NULL) {
		m->idx.key = path_of;
		m->idx.arg = m;
	}
	return m;
}

static int
grow(struct rst_entrymap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 512;
	void *v;

	if ((v = realloc(m->v, cap * sizeof(*m->v))) == NULL)
		return -1;
	m->v = v;
	m->cap = cap;
	return rst_stridx_build(&m->idx, m->n, 2 * cap);
}

int
rst_entrymap_add(struct rst_entrymap *m, const struct rst_index_entry *e,
    struct rst_err *err)
{
	struct rst_entrymap_ent *x;
	size_t *s;

	if (m->n + 1 > m->cap && grow(m) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	s = rst_stridx_slot(&m->idx, e->path);
	if (*s != 0)
		return rst_errf(err, RST_EINTEGRITY, "index: %s listed twice",
		    e->path);
	x = &m->v[m->n];
	memset(x, 0, sizeof(*x));
	x->e = *e;
	x->e.path = strdup(e->path);
	x->e.target = e->target != NULL ? strdup(e->target) : NULL;
	if (x->e.path == NULL || (e->target != NULL && x->e.target == NULL)) {
		rst_index_entry_release(&x->e);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	*s = ++m->n;
	return 0;
}

struct rst_entrymap_ent *
rst_entrymap_find(struct rst_entrymap *m, const char *path)
{
	size_t i;

	if (m == NULL || (i = rst_stridx_find(&m->idx, path)) == 0)
		return NULL;
	return &m->v[i - 1];
}

size_t
rst_entrymap_count(const struct rst_entrymap *m, const char *holder)
{
	size_t i, n = 0;

	for (i = 0; m != NULL && i < m->n; i++)
		if (holder == NULL || strcmp(m->v[i].e.in, holder) == 0)
			n++;
	return n;
}

int
rst_entrymap_check_done(const struct rst_entrymap *m, const char *top,
    struct rst_err *err)
{
	size_t i;

	for (i = 0; m != NULL && i < m->n; i++)
		if (!m->v[i].done)
			return rst_errf(err, RST_EINTEGRITY, "%s: snapshot %s "
			    "says snapshot %s holds it, which does not",
			    m->v[i].e.path, top, m->v[i].e.in);
	return 0;
}

void
rst_entrymap_free(struct rst_entrymap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		rst_index_entry_release(&m->v[i].e);
	free(m->v);
	rst_stridx_release(&m->idx);
	free(m);
}

bool
rst_index_same_held(const struct rst_index_entry *held,
    const struct rst_index_entry *wanted)
{
	if (held->type != wanted->type || held->in[0] != '\0')
		return false;
	if (held->type == RST_ENTRY_HARDLINK)
		return held->target != NULL && wanted->target != NULL &&
		    strcmp(held->target, wanted->target) == 0;
	return held->type == RST_ENTRY_FILE && held->size == wanted->size &&
	    strcmp(held->sha256, wanted->sha256) == 0;
}
