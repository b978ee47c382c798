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
	size_t			*slot;	/* index + 1; 0 = empty */
	size_t			 nslot;
};

struct rst_entrymap *
rst_entrymap_new(void)
{
	return calloc(1, sizeof(struct rst_entrymap));
}

static size_t *
find_slot(const struct rst_entrymap *m, const char *path)
{
	size_t i;

	for (i = rst_str_hash(path) & (m->nslot - 1); m->slot[i] != 0;
	    i = (i + 1) & (m->nslot - 1))
		if (strcmp(m->v[m->slot[i] - 1].e.path, path) == 0)
			break;
	return &m->slot[i];
}

static int
grow(struct rst_entrymap *m)
{
	size_t i, nslot = m->nslot ? m->nslot * 2 : 1024, *slot, *old;
	void *v;

	if ((v = realloc(m->v, nslot / 2 * sizeof(*m->v))) == NULL)
		return -1;
	m->v = v;
	m->cap = nslot / 2;
	if ((slot = calloc(nslot, sizeof(*slot))) == NULL)
		return -1;
	old = m->slot;
	m->slot = slot;
	m->nslot = nslot;
	for (i = 0; i < m->n; i++)
		*find_slot(m, m->v[i].e.path) = i + 1;
	free(old);
	return 0;
}

int
rst_entrymap_add(struct rst_entrymap *m, const struct rst_index_entry *e,
    struct rst_err *err)
{
	struct rst_entrymap_ent *x;
	size_t *s;

	if (m->n + 1 > m->cap && grow(m) != 0)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	s = find_slot(m, e->path);
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
	size_t *s;

	if (m == NULL || m->nslot == 0)
		return NULL;
	s = find_slot(m, path);
	return *s != 0 ? &m->v[*s - 1] : NULL;
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
	free(m->slot);
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
