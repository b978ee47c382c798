/* SPDX-License-Identifier: ISC */
/*
 * Chains of incremental snapshots.  A snapshot's chain is the snapshot
 * and every snapshot it depends on, down to its base (a full): each link
 * is loaded through rst_snapshot_load (signature, profile, id, key) and
 * must be the very manifest its child names (parent.manifest_sha256), so
 * a chain is signed link by link.  Backup asks here whether its next
 * snapshot may chain onto the newest one (DESIGN.md decision 14).
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "chain.h"
#include "statcache.h"

#define CHAIN_MAX	10000	/* links; a longer chain is refused */

void
rst_chain_free(struct rst_chain *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		rst_manifest_free(c->m[i]);
		free(c->dir[i]);
	}
	free(c->m);
	free(c->sha);
	free(c->dir);
	free(c);
}

static int
chain_push(struct rst_chain *c, const char *profile, struct rst_manifest *m,
    const char *sha, struct rst_err *err)
{
	void *a, *b, *d;

	a = realloc(c->m, (c->n + 1) * sizeof(*c->m));
	if (a != NULL)
		c->m = a;
	b = realloc(c->sha, (c->n + 1) * sizeof(*c->sha));
	if (b != NULL)
		c->sha = b;
	d = realloc(c->dir, (c->n + 1) * sizeof(*c->dir));
	if (d != NULL)
		c->dir = d;
	if (a == NULL || b == NULL || d == NULL ||
	    (c->dir[c->n] = rst_repo_snapshot_dir(profile, m->snapshot)) == NULL) {
		rst_manifest_free(m);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	c->m[c->n] = m;
	memcpy(c->sha[c->n], sha, RST_SHA256_HEX);
	c->n++;
	return 0;
}

/* The parent of child, which must be the manifest child names. */
static int
check_link(const struct rst_manifest *child, const struct rst_manifest *par,
    const char *par_sha, struct rst_err *err)
{
	const char *base = par->incremental ? par->base_id : par->snapshot;
	const char *bsha = par->incremental ? par->base_sha256 : par_sha;

	if (strcmp(par_sha, child->parent_sha256) != 0)
		return rst_errf(err, RST_EINTEGRITY, "snapshot %s: parent %s "
		    "is not the snapshot it was made on (manifest SHA-256 "
		    "differs): the chain is broken", child->snapshot,
		    par->snapshot);
	if (strcmp(base, child->base_id) != 0 || strcmp(bsha,
	    child->base_sha256) != 0)
		return rst_errf(err, RST_EINTEGRITY, "snapshot %s: its base "
		    "%s is not its parent's: the chain is broken",
		    child->snapshot, child->base_id);
	if (strcmp(par->encryption, child->encryption) != 0)
		return rst_errf(err, RST_EINTEGRITY, "snapshot %s: parent %s "
		    "is encrypted otherwise", child->snapshot, par->snapshot);
	return 0;
}

/* Reverse into base-first order. */
static void
chain_reverse(struct rst_chain *c)
{
	size_t i, j;

	for (i = 0, j = c->n - 1; c->n > 0 && i < j; i++, j--) {
		struct rst_manifest *m = c->m[i];
		char sha[RST_SHA256_HEX], *d = c->dir[i];

		c->m[i] = c->m[j];
		c->m[j] = m;
		memcpy(sha, c->sha[i], sizeof(sha));
		memcpy(c->sha[i], c->sha[j], sizeof(sha));
		memcpy(c->sha[j], sha, sizeof(sha));
		c->dir[i] = c->dir[j];
		c->dir[j] = d;
	}
}

static int
load_parent(struct rst_storage *st, const char *profile, EVP_PKEY *key,
    const struct rst_manifest *child, struct rst_manifest **par,
    char sha[RST_SHA256_HEX], struct rst_err *err)
{
	int r;

	if (strcmp(child->parent_id, child->snapshot) >= 0)
		return rst_errf(err, RST_EINTEGRITY, "snapshot %s: parent %s "
		    "is not older: the chain is broken", child->snapshot,
		    child->parent_id);
	r = rst_snapshot_load(st, profile, child->parent_id, key, par, sha,
	    err);
	if (r == RST_EINTEGRITY)
		rst_err_prefix(err, "snapshot %s: parent %s is missing or "
		    "broken", child->snapshot, child->parent_id);
	if (r == 0 && (r = check_link(child, *par, sha, err)) != 0) {
		rst_manifest_free(*par);
		*par = NULL;
	}
	return r;
}

int
rst_chain_load(struct rst_storage *st, const char *profile, const char *id,
    EVP_PKEY *key, struct rst_chain **out, struct rst_err *err)
{
	struct rst_chain *c;
	struct rst_manifest *m = NULL;
	char sha[RST_SHA256_HEX];
	int r;

	*out = NULL;
	if ((c = calloc(1, sizeof(*c))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_snapshot_load(st, profile, id, key, &m, sha, err)) != 0 ||
	    (r = chain_push(c, profile, m, sha, err)) != 0)
		goto out;
	while (c->m[c->n - 1]->incremental) {
		if (c->n >= CHAIN_MAX) {
			r = rst_errf(err, RST_EINTEGRITY, "snapshot %s: chain "
			    "longer than %d links", id, CHAIN_MAX);
			goto out;
		}
		if ((r = load_parent(st, profile, key, c->m[c->n - 1], &m,
		    sha, err)) != 0 ||
		    (r = chain_push(c, profile, m, sha, err)) != 0)
			goto out;
	}
	chain_reverse(c);
	*out = c;
	c = NULL;
 out:
	rst_chain_free(c);
	return r;
}

struct sized {
	const struct rst_manifest *m;
	size_t		 dirlen;
	size_t		 found;
	struct rst_err	*err;
};

static int
sized_one(struct sized *x, const char *name, const struct rst_part *p,
    uint64_t size)
{
	if (strcmp(name, p->name) != 0)
		return 0;
	if (size != p->size)
		return rst_errf(x->err, RST_EINTEGRITY, "%s/%s: %llu bytes, "
		    "the manifest says %llu", x->m->snapshot, name,
		    (unsigned long long)size, (unsigned long long)p->size);
	x->found++;
	return 0;
}

static int
sized_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	struct sized *x = arg;
	const char *base = name + x->dirlen + 1;
	size_t i;
	int r;

	for (i = 0; i < x->m->nparts; i++)
		if ((r = sized_one(x, base, &x->m->parts[i], info->size)) != 0)
			return r;
	if ((r = sized_one(x, base, &x->m->index, info->size)) != 0 ||
	    (x->m->deleted.name != NULL && (r = sized_one(x, base,
	    &x->m->deleted, info->size)) != 0))
		return r;
	return 0;
}

int
rst_chain_check_listing(struct rst_storage *st, const struct rst_chain *c,
    struct rst_err *err)
{
	struct sized x;
	size_t i, want;
	int r;

	for (i = 0; i < c->n; i++) {
		memset(&x, 0, sizeof(x));
		x.m = c->m[i];
		x.dirlen = strlen(c->dir[i]);
		x.err = err;
		want = x.m->nparts + 1 + (x.m->deleted.name != NULL);
		if ((r = rst_storage_list(st, c->dir[i], false, sized_cb, &x,
		    err)) != 0)
			return r;
		if (x.found != want)
			return rst_errf(err, RST_EINTEGRITY, "snapshot %s: "
			    "%zu of its %zu objects are missing",
			    x.m->snapshot, want - x.found, want);
	}
	return 0;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
rst_chain_recipients_sha256(const struct rst_profile *p,
    char hex[RST_SHA256_HEX], struct rst_err *err)
{
	struct rst_buf b = RST_BUF_INIT;
	char **v = NULL;
	size_t i;
	int r = 0;

	if (!p->encrypted)
		r = rst_buf_printf(&b, "none\n");
	else if (p->recipients.n == 0)
		r = rst_buf_printf(&b, "age scrypt\n");
	else if ((v = calloc(p->recipients.n, sizeof(*v))) == NULL)
		r = -1;
	else {
		memcpy(v, p->recipients.v, p->recipients.n * sizeof(*v));
		qsort(v, p->recipients.n, sizeof(*v), cmp_str);
		r = rst_buf_printf(&b, "age\n");
		for (i = 0; r == 0 && i < p->recipients.n; i++)
			r = rst_buf_printf(&b, "%s\n", v[i]);
	}
	free(v);
	if (r != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	else
		r = rst_sha256_hex(b.data != NULL ? (const void *)b.data :
		    (const void *)"", b.len, hex, err);
	rst_buf_release(&b);
	return r;
}

struct badset {
	json_t		*bad;	/* snapshot id -> true */
};

static int
bad_cb(void *arg, json_t *rec)
{
	struct badset *b = arg;
	const char *snap = NULL;

	switch (rst_record_finding(rec, &snap)) {
	case 1:
		json_object_set_new(b->bad, snap, json_true());
		break;
	case -1:
		json_object_del(b->bad, snap);
		break;
	}
	return 0;
}

/* A failed verify or drill (not closed since) touched the chain. */
static int
chain_found_bad(const struct rst_profile *p, EVP_PKEY *key,
    const struct rst_chain *c, char *detail, size_t len)
{
	struct rst_err err = RST_ERR_INIT;
	struct badset b = { json_object() };
	size_t i;
	int r = 0;

	if (b.bad == NULL)
		return RST_ENOMEM;
	if (rst_journal_foreach(p, key, bad_cb, &b, &err) != 0) {
		snprintf(detail, len, "%.300s", err.msg);
		r = 1;
	}
	for (i = 0; r == 0 && i < c->n; i++)
		if (json_object_get(b.bad, c->m[i]->snapshot) != NULL) {
			snprintf(detail, len, "a verify or drill found "
			    "snapshot %s bad", c->m[i]->snapshot);
			r = 1;
		}
	json_decref(b.bad);
	return r;
}

static int
full(struct rst_chain_choice *ch, const char *reason, const char *fmt, ...)
    RST_PRINTF(3, 4);

static int
full(struct rst_chain_choice *ch, const char *reason, const char *fmt, ...)
{
	va_list ap;

	ch->incremental = false;
	ch->depth = 0;
	ch->reason = reason;
	va_start(ap, fmt);
	vsnprintf(ch->detail, sizeof(ch->detail), fmt, ap);
	va_end(ap);
	rst_statcache_free(ch->cache);
	ch->cache = NULL;
	return 0;
}

/* The cache, which must describe the newest snapshot exactly. */
static int
choose_cache(const struct rst_profile *p, const struct rst_chain *c,
    struct rst_chain_choice *ch, struct rst_err *err)
{
	struct rst_err e = RST_ERR_INIT;
	char *path;
	int r;

	if ((path = rst_statcache_path(p)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	r = rst_statcache_load(path, p->name, &ch->cache, &e);
	free(path);
	if (r == RST_ENOMEM)
		return rst_errf(err, r, "%s", e.msg);
	if (r == RST_ENOTFOUND)
		return full(ch, "no_cache", "no stat cache");
	if (r != 0)
		return full(ch, "cache_invalid", "%s", e.msg);
	if (strcmp(rst_statcache_manifest(ch->cache), c->sha[c->n - 1]) != 0)
		return full(ch, "cache_stale", "the stat cache describes "
		    "snapshot %s, not the newest one %s",
		    rst_statcache_snapshot(ch->cache), c->m[c->n - 1]->snapshot);
	return 0;
}

static int
choose_chain(const struct rst_profile *p, struct rst_storage *st,
    EVP_PKEY *key, const char *rsha, struct rst_chain *c,
    struct rst_chain_choice *ch, struct rst_err *err)
{
	const struct rst_manifest *top = c->m[c->n - 1];
	struct rst_err e = RST_ERR_INIT;
	int64_t now = rst_now_ns() / 1000000000;
	char why[320];
	int r;

	if ((r = rst_chain_check_listing(st, c, &e)) == RST_EINTEGRITY)
		return full(ch, "parent_unusable", "%s", e.msg);
	if (r != 0)
		return rst_errf(err, r, "%s", e.msg);
	if ((r = chain_found_bad(p, key, c, why, sizeof(why))) < 0)
		return rst_errf(err, r, "out of memory");
	if (r > 0)
		return full(ch, "parent_unusable", "%s", why);
	if (strcmp(top->recipients_sha256, rsha) != 0)
		return full(ch, "recipients_changed", "snapshot %s was made "
		    "for other recipients or encryption", top->snapshot);
	if (c->n > (size_t)p->max_chain)
		return full(ch, "max_chain", "the chain has %d incrementals "
		    "(max_chain)", p->max_chain);
	if (now - rst_snapshot_id_time(c->m[0]->snapshot) >=
	    (int64_t)(p->full_every_ms / 1000))
		return full(ch, "full_due", "the base %s is older than "
		    "full_every", c->m[0]->snapshot);
	ch->incremental = true;
	ch->depth = c->n;
	memcpy(ch->parent_id, top->snapshot, sizeof(ch->parent_id));
	memcpy(ch->parent_sha256, c->sha[c->n - 1], sizeof(ch->parent_sha256));
	memcpy(ch->base_id, c->m[0]->snapshot, sizeof(ch->base_id));
	memcpy(ch->base_sha256, c->sha[0], sizeof(ch->base_sha256));
	return choose_cache(p, c, ch, err);
}

int
rst_chain_choose(const struct rst_profile *p, struct rst_storage *st,
    EVP_PKEY *key, bool force_full, const char *rsha,
    struct rst_chain_choice *ch, struct rst_err *err)
{
	struct rst_chain *c = NULL;
	struct rst_err e = RST_ERR_INIT;
	char *newest = NULL;
	int r;

	memset(ch, 0, sizeof(*ch));
	if (!p->incremental)
		return 0;
	if (force_full)
		return full(ch, "forced", "backup --full");
	if (p->full_every_ms == 0)
		return full(ch, "full_due", "full_every is 0");
	if ((r = rst_snapshot_newest(st, p->name, key, &newest, NULL,
	    err)) != 0)
		return r;
	if (newest == NULL)
		return full(ch, "no_parent", "no snapshot to chain onto");
	r = rst_chain_load(st, p->name, newest, key, &c, &e);
	free(newest);
	if (r == RST_EINTEGRITY)
		r = full(ch, "parent_unusable", "%s", e.msg);
	else if (r != 0)
		r = rst_errf(err, r, "%s", e.msg);
	else
		r = choose_chain(p, st, key, rsha, c, ch, err);
	if (r == 0 && ch->incremental) {
		ch->chain = c;
		c = NULL;
	}
	rst_chain_free(c);
	return r;
}

void
rst_chain_choice_release(struct rst_chain_choice *ch)
{
	rst_statcache_free(ch->cache);
	ch->cache = NULL;
	rst_chain_free(ch->chain);
	ch->chain = NULL;
}
