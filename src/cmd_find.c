/* SPDX-License-Identifier: ISC */
/*
 * find: every snapshot (oldest first) holding a path that matches, with
 * its size, time and hash, and how it compares with the snapshot before:
 * new, changed (type, size, content or link target), same, or removed.
 * Indexes come from the verified index cache, so a second search is fast.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "restorable/browse.h"
#include "restorable/cmd.h"
#include "restorable/log.h"

struct find {
	struct rst_ctx		*ctx;
	char *const		*pats;
	size_t			 npats;
	bool			*matched;
	struct rst_index_list	 prev, cur;	/* only matching entries */
	json_t			*rows;
	uint64_t		 nrows;
};

/* "YYYY-MM-DD" (UTC midnight) or RFC 3339 UTC. */
static int
parse_since(const char *s, int64_t *out)
{
	struct tm tm;
	const char *p;

	memset(&tm, 0, sizeof(tm));
	if (strlen(s) == 10 && (p = strptime(s, "%Y-%m-%d", &tm)) != NULL &&
	    *p == '\0') {
		*out = (int64_t)timegm(&tm);
		return 0;
	}
	return rst_parse_rfc3339(s, out);
}

/* Move the matching entries of l into f->cur (l is left empty). */
static void
keep_matches(struct find *f, struct rst_index_list *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		if (!rst_pattern_match(f->pats, f->npats, l->v[i].path,
		    f->matched)) {
			rst_index_entry_release(&l->v[i]);
			continue;
		}
		if (k != i)
			l->v[k] = l->v[i];
		k++;
	}
	f->cur.v = l->v;
	f->cur.n = k;
	l->v = NULL;
	l->n = 0;
}

static bool
same_content(const struct rst_index_entry *a, const struct rst_index_entry *b)
{
	return a->type == b->type && a->size == b->size &&
	    strcmp(a->sha256, b->sha256) == 0 &&
	    (a->target == NULL) == (b->target == NULL) &&
	    (a->target == NULL || strcmp(a->target, b->target) == 0);
}

/* A removed entry is shown by its name alone. */
static void
name_only(json_t *o)
{
	const char *k;
	json_t *v;
	void *tmp;

	json_object_foreach_safe(o, tmp, k, v) {
		if (strcmp(k, "path") != 0 && strcmp(k, "path_b64") != 0)
			json_object_del(o, k);
	}
}

static int
emit(struct find *f, const char *id, const char *change,
    const struct rst_index_entry *e, bool removed)
{
	char *text = NULL, *path;
	json_t *o;

	f->nrows++;
	if (f->ctx->json) {
		if ((o = rst_entry_json(e)) == NULL)
			return RST_ENOMEM;
		if (removed)
			name_only(o);
		json_object_set_new(o, "snapshot", json_string(id));
		json_object_set_new(o, "change", json_string(change));
		return json_array_append_new(f->rows, o) ? RST_ENOMEM : 0;
	}
	if (removed) {
		if ((path = rst_text_escape(e->path)) == NULL)
			return RST_ENOMEM;
		printf("%-23s %-7s %s\n", id, change, path);
		free(path);
		return 0;
	}
	if ((text = rst_entry_text(e, true)) == NULL)
		return RST_ENOMEM;
	printf("%-23s %-7s %s\n", id, change, text);
	free(text);
	return 0;
}

/* Print cur against prev (both sorted by path). */
static int
compare(struct find *f, const char *id)
{
	size_t i = 0, j = 0;
	int c, r = 0;

	while (r == 0 && (i < f->prev.n || j < f->cur.n)) {
		c = i == f->prev.n ? 1 : j == f->cur.n ? -1 :
		    strcmp(f->prev.v[i].path, f->cur.v[j].path);
		if (c < 0)
			r = emit(f, id, "removed", &f->prev.v[i++], true);
		else if (c > 0)
			r = emit(f, id, "new", &f->cur.v[j++], false);
		else {
			r = emit(f, id, same_content(&f->prev.v[i],
			    &f->cur.v[j]) ? "same" : "changed", &f->cur.v[j],
			    false);
			i++;
			j++;
		}
	}
	return r;
}

static bool
want(void *arg, const char *path)
{
	struct find *f = arg;

	return rst_pattern_match(f->pats, f->npats, path, f->matched);
}

static int
search_one(struct find *f, struct rst_access *a, const char *id,
    struct rst_err *err)
{
	struct rst_index_list l = { NULL, 0, want, f };
	int r;

	if ((r = rst_index_get_id(f->ctx->profile, a->st, a->key, a->ids, id,
	    &l, err)) != 0)
		return r;
	keep_matches(f, &l);
	rst_index_list_sort(&f->cur);
	if ((r = compare(f, id)) != 0)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	rst_index_list_release(&f->prev);
	f->prev = f->cur;
	memset(&f->cur, 0, sizeof(f->cur));
	return r;
}

static int
search(struct find *f, int64_t since, struct rst_err *err)
{
	struct rst_strlist good = { NULL, 0 }, bad = { NULL, 0 };
	struct rst_err one;
	struct rst_access *a = &f->ctx->access;
	size_t i, n = 0;
	int r, worst = 0;

	if ((r = rst_snapshot_list_verified(a->st, f->ctx->profile->name,
	    a->key, &good, &bad, NULL, err)) != 0)
		goto out;
	if (!f->ctx->json && good.n > 0)
		printf("%-23s %-7s %-8s %-4s %12s %-20s %-64s %s\n", "SNAPSHOT",
		    "CHANGE", "TYPE", "MODE", "SIZE", "MTIME", "SHA256", "PATH");
	for (i = 0; i < good.n; i++) {
		if (rst_snapshot_id_time(good.v[i]) < since)
			continue;
		n++;
		rst_err_clear(&one);
		if ((r = search_one(f, a, good.v[i], &one)) == 0)
			continue;
		if (r == RST_ENOMEM || r == RST_ECONFIG) {
			*err = one;
			goto out;
		}
		rst_log_error("%s", one.msg);
		if (worst == 0) {
			worst = r;
			*err = one;
		}
	}
	json_object_set_new(f->ctx->result, "snapshots_searched",
	    json_integer((json_int_t)n));
	if (bad.n > 0 && worst == 0)
		worst = rst_errf(err, RST_EINTEGRITY, "%zu snapshot(s) whose "
		    "manifest does not verify (above) were not searched", bad.n);
	r = worst;
	if (r == 0)
		r = rst_pattern_unmatched(f->pats, f->npats, f->matched,
		    RST_ECHECK, n > 0 ? "any snapshot" : "any snapshot (none "
		    "in the period)", err);
 out:
	rst_strlist_release(&good);
	rst_strlist_release(&bad);
	return r;
}

enum { OPT_SINCE = 1 };

static const struct rst_opt find_opts[] = {
	{ OPT_SINCE, "since", 0, true, 0 },
	{ 0, NULL, 0, false, 0 },
};

static int
since_of(const struct rst_args *args, int64_t *since, struct rst_err *err)
{
	const char *v = rst_args_value(args, OPT_SINCE);

	*since = 0;
	if (v != NULL && parse_since(v, since) != 0)
		return rst_errf(err, RST_EUSAGE, "find: --since %s: not a date "
		    "(2026-11-24) or time (2026-11-24T18:50:00Z)", v);
	return 0;
}

static int
cmd_find_check(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	int64_t since;

	(void)ctx;
	return since_of(args, &since, err);
}

static int
cmd_find_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct find f;
	int64_t since;
	int r;

	if ((r = since_of(args, &since, err)) != 0)
		return r;
	memset(&f, 0, sizeof(f));
	f.ctx = ctx;
	f.pats = args->ops + 1;
	f.npats = (size_t)(args->nops - 1);
	if ((f.matched = calloc(f.npats, sizeof(bool))) == NULL ||
	    (f.rows = json_array()) == NULL) {
		free(f.matched);
		return rst_errf(err, RST_ENOMEM, "out of memory");
	}
	r = search(&f, since, err);
	json_object_set_new(ctx->result, "matches", f.rows);
	rst_index_list_release(&f.prev);
	free(f.matched);
	return r;
}

const struct rst_cmd rst_cmd_find = {
	.name = "find",
	.usage = "PROFILE [--since DATE] PATTERN...",
	.summary = "every snapshot holding a matching path, and where it "
	    "changed",
	.min_args = 2, .max_args = -1,
	.flags = CMD_NEEDS_PROFILE | CMD_OPENS_REPO,
	.options = find_opts,
	.need = RST_NEED_VERIFY | RST_NEED_IDENTITY,
	.check = cmd_find_check,
	.run = cmd_find_run,
};
