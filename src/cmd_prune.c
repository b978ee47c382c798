/* SPDX-License-Identifier: ISC */
/*
 * prune: apply the profile's retention to the snapshots whose manifest
 * verifies, never removing the newest snapshot whose drill passed, and
 * remove uncommitted leftovers whose id time is more than a day before
 * TIME.  Folders that do not verify are left alone and reported (exit 4).
 * Every removal is journaled: an intent record naming the snapshots it
 * will remove before the first deletion, and a record of what was removed
 * after.  --forget-missing acknowledges, in the journal, the snapshots the
 * journal expects that are no longer in the repository.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

struct prune_opts {
	bool	 dry_run;
	bool	 forget_missing;
	int64_t	 now;		/* the command's clock, read once */
	bool	 clock_set;	/* ... given with --now */
};

/*
 * What the journal proves: the newest snapshot with a passing drill, and
 * the newest one a drill or verify --deep found intact since the
 * profile's newest integrity failure (exit 4), whose chain prune keeps.
 */
struct proven {
	char	*drilled;
	char	*intact;
	json_t	*bad;		/* snapshots found bad, not found intact since */
};

static void
newer(char **best, const char *snap)
{
	if (*best == NULL || strcmp(snap, *best) > 0) {
		free(*best);
		*best = strdup(snap);
	}
}

static int
proven_cb(void *arg, json_t *rec)
{
	struct proven *pv = arg;
	const char *kind = NULL, *result = NULL, *snap = NULL;

	if (json_integer_value(json_object_get(rec, "exit")) == 4) {
		free(pv->intact);
		pv->intact = NULL;
	}
	if (json_unpack(rec, "{s:s, s:s, s:{s:s}}", "kind", &kind, "result",
	    &result, "data", "snapshot", &snap) != 0 ||
	    !rst_snapshot_id_valid(snap))
		return 0;
	if (strcmp(kind, "drill") == 0 && strcmp(result, "pass") == 0)
		newer(&pv->drilled, snap);
	switch (rst_record_finding(rec, &snap)) {
	case 1:
		json_object_set_new(pv->bad, snap, json_true());
		break;
	case -1:
		json_object_del(pv->bad, snap);
		newer(&pv->intact, snap);
		break;
	}
	return 0;
}

static int
remove_ids(struct rst_storage *st, const char *profile, char **ids, size_t n,
    const bool *keep, bool dry, json_t *removed, struct rst_err *err)
{
	size_t i;
	int r;

	/* Newest first: a chain loses its newest end first, never its base. */
	for (i = n; i-- > 0;) {
		if (keep != NULL && keep[i])
			continue;
		rst_log_info("%s %s", dry ? "would remove" : "removing", ids[i]);
		json_array_append_new(removed, json_string(ids[i]));
		if (!dry && (r = rst_snapshot_delete(st, profile, ids[i],
		    err)) != 0)
			return r;
	}
	return 0;
}

/*
 * Uncommitted leftovers whose id time is more than a day before now; none
 * when the clock was set (--now) earlier than the newest snapshot: then
 * only the count rules of the retention apply.
 */
static int
prune_leftovers(struct rst_storage *st, const char *profile,
    const struct prune_opts *o, const struct rst_strlist *ids,
    json_t *removed, struct rst_err *err)
{
	struct rst_strlist left;
	char at[40];
	size_t i, nold;
	int r;

	if (o->clock_set && ids->n > 0 &&
	    o->now < rst_snapshot_id_time(ids->v[ids->n - 1])) {
		rst_format_rfc3339(o->now, 0, at, sizeof(at));
		rst_log_warn("%s: the clock set with --now (%s) is earlier than "
		    "the newest snapshot %s: only the count rules apply, no "
		    "uncommitted leftover is removed", profile, at,
		    ids->v[ids->n - 1]);
		return 0;
	}
	if ((r = rst_snapshot_list_uncommitted(st, profile, &left, err)) != 0)
		return r;
	for (i = nold = 0; i < left.n; i++)
		if (rst_snapshot_id_time(left.v[i]) + 86400 < o->now)
			left.v[nold++] = left.v[i];
		else
			free(left.v[i]);
	left.n = nold;
	r = remove_ids(st, profile, left.v, left.n, NULL, o->dry_run, removed,
	    err);
	rst_strlist_release(&left);
	return r;
}

/* Before the first deletion: the ids about to be removed, journaled. */
static int
journal_intent(struct rst_ctx *ctx, struct rst_storage *st, json_t *intent,
    struct rst_err *err)
{
	json_t *data = json_pack("{s:s, s:O}", "phase", "intent", "intent",
	    intent);

	if (data == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	return rst_ctx_journal(ctx, st, "prune", 0, NULL, data, err);
}

static int
expect_cb(void *arg, json_t *rec)
{
	(void)rst_record_expect(arg, rec);
	return 0;
}

/*
 * --forget-missing: the snapshots the journal expects that are not
 * committed in the repository are journaled as forgotten (a report no
 * longer calls them missing); nothing is deleted.
 */
static int
forget_missing(struct rst_ctx *ctx, struct rst_storage *st, EVP_PKEY *key,
    bool dry, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;
	struct rst_strlist ids = { NULL, 0 };
	json_t *expected = json_object(), *gone = json_array(), *v;
	const char *id;
	size_t i;
	int r;

	if ((r = rst_journal_foreach(p, key, expect_cb, expected, err)) != 0 ||
	    (r = rst_snapshot_list(st, p->name, &ids, err)) != 0)
		goto out;
	for (i = 0; i < ids.n; i++)
		json_object_del(expected, ids.v[i]);
	json_object_foreach(expected, id, v) {
		rst_log_info("%s: %s is missing from the repository: %s",
		    p->name, id, dry ? "would be forgotten" : "forgotten");
		json_array_append_new(gone, json_string(id));
	}
	json_object_set(ctx->result, "forgotten", gone);
	if (json_array_size(gone) > 0 && !dry)
		rst_ctx_record(ctx, json_pack("{s:s, s:O}", "phase", "forget",
		    "forgotten", gone), r, err, false);
	else
		rst_log_info("%s: no snapshot the journal expects is missing",
		    p->name);
 out:
	rst_strlist_release(&ids);
	json_decref(expected);
	json_decref(gone);
	return r;
}

/* Each snapshot's parent as an index into ids (-1: a full, or unlisted). */
static int
parents(struct rst_storage *st, const struct rst_profile *p, EVP_PKEY *key,
    const struct rst_strlist *ids, long *par, struct rst_err *err)
{
	struct rst_manifest *m;
	size_t i, j;
	int r;

	for (i = 0; i < ids->n; i++) {
		par[i] = -1;
		if ((r = rst_snapshot_load(st, p->name, ids->v[i], key, &m,
		    NULL, err)) != 0)
			return r;
		for (j = 0; m->incremental && j < i; j++)
			if (strcmp(ids->v[j], m->parent_id) == 0)
				par[i] = (long)j;
		if (m->incremental && par[i] < 0)
			par[i] = -2;	/* its chain is broken */
		rst_manifest_free(m);
	}
	return 0;
}

/*
 * Retention with chains: the rules count only snapshots whose whole chain
 * is here and not found bad; the others are kept, uncounted (integrity
 * findings); the newest snapshot proven intact since the last integrity
 * failure is kept; then every kept incremental keeps its parent, and so
 * its whole chain (needed_by: parent -> the snapshot that needs it).
 */
static int
chain_plan(struct rst_storage *st, const struct rst_profile *p, EVP_PKEY *key,
    const struct rst_strlist *ids, const struct proven *pv, bool *keep,
    json_t *needed_by, struct rst_err *err)
{
	long *par = calloc(ids->n + 1, sizeof(long));
	char **sub = calloc(ids->n + 1, sizeof(char *));
	bool *subkeep = calloc(ids->n + 1, sizeof(bool)), *ok;
	size_t i, n = 0;
	int r;

	ok = calloc(ids->n + 1, sizeof(bool));
	if (par == NULL || sub == NULL || subkeep == NULL || ok == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = parents(st, p, key, ids, par, err)) != 0)
		goto out;
	for (i = 0; i < ids->n; i++) {
		ok[i] = (par[i] == -1 || (par[i] >= 0 && ok[par[i]])) &&
		    json_object_get(pv->bad, ids->v[i]) == NULL;
		if (ok[i])
			sub[n++] = ids->v[i];
		else
			rst_log_warn("%s: snapshot %s: its chain is incomplete "
			    "or was found bad; kept, not counted by the "
			    "retention", p->name, ids->v[i]);
	}
	rst_retention_plan(p, sub, n, pv->drilled, subkeep);
	for (i = n = 0; i < ids->n; i++) {
		keep[i] = ok[i] ? subkeep[n++] : true;
		if (!keep[i] && pv->intact != NULL &&
		    strcmp(ids->v[i], pv->intact) == 0) {
			keep[i] = true;
			rst_log_info("kept: %s, proven intact since the last "
			    "integrity failure", ids->v[i]);
		}
	}
	for (i = ids->n; i-- > 0;) {
		if (!keep[i] || par[i] < 0 || keep[par[i]])
			continue;
		keep[par[i]] = true;
		json_object_set_new(needed_by, ids->v[par[i]],
		    json_string(ids->v[i]));
		rst_log_info("kept: %s needed by %s", ids->v[par[i]],
		    ids->v[i]);
	}
 out:
	free(par);
	free(sub);
	free(subkeep);
	free(ok);
	return r;
}

/*
 * Retention over the snapshots whose manifest verifies with the profile's
 * key only.  Committed folders that do not verify are never removed: they
 * are listed in unverified and the prune ends with RST_EINTEGRITY once the
 * verified ones are pruned.
 */
static int
plan_and_prune(struct rst_ctx *ctx, struct rst_storage *st, EVP_PKEY *key,
    const struct prune_opts *o, json_t *removed, json_t *kept,
    json_t *unverified, json_t *needed_by, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;
	struct rst_strlist ids, bad = { NULL, 0 };
	json_t *intent = json_array();
	struct proven pv = { NULL, NULL, json_object() };
	bool *keep = NULL;
	size_t i;
	int r;

	if ((r = rst_journal_foreach(p, key, proven_cb, &pv, err)) != 0 ||
	    (r = rst_snapshot_list_verified(st, p->name, key, &ids, &bad,
	    NULL, err)) != 0) {
		json_decref(intent);
		free(pv.drilled);
		free(pv.intact);
		json_decref(pv.bad);
		return r;
	}
	if ((keep = calloc(ids.n + 1, sizeof(bool))) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = chain_plan(st, p, key, &ids, &pv, keep, needed_by,
	    err)) != 0)
		goto out;
	for (i = 0; i < ids.n; i++)
		json_array_append_new(keep[i] ? kept : intent,
		    json_string(ids.v[i]));
	for (i = 0; i < bad.n; i++)
		json_array_append_new(unverified, json_string(bad.v[i]));
	if (!o->dry_run && json_array_size(intent) > 0 &&
	    (r = journal_intent(ctx, st, intent, err)) != 0)
		goto out;
	if ((r = remove_ids(st, p->name, ids.v, ids.n, keep, o->dry_run,
	    removed, err)) != 0 ||
	    (r = prune_leftovers(st, p->name, o, &ids, removed, err)) != 0)
		goto out;
	if (bad.n > 0)
		r = rst_errf(err, RST_EINTEGRITY, "%s: %zu committed snapshot "
		    "folder%s whose manifest does not verify with this "
		    "profile's key (first: snapshots/%s/%s) left in place and "
		    "outside the retention", p->name, bad.n, bad.n == 1 ? "" :
		    "s", p->name, bad.v[0]);
 out:
	json_decref(intent);
	free(keep);
	free(pv.drilled);
	free(pv.intact);
	json_decref(pv.bad);
	rst_strlist_release(&ids);
	rst_strlist_release(&bad);
	return r;
}

/* The prune record's data; needed_by only when a chain kept something. */
static json_t *
prune_data(json_t *removed, json_t *kept, json_t *unverified,
    json_t *needed_by)
{
	json_t *o = json_pack("{s:O, s:O, s:O}", "removed", removed, "kept",
	    kept, "unverified", unverified);

	if (o != NULL && json_object_size(needed_by) > 0)
		json_object_set(o, "needed_by", needed_by);
	return o;
}

enum { OPT_DRY_RUN = 1, OPT_NOW, OPT_FORGET_MISSING };

static const struct rst_opt prune_opts[] = {
	{ OPT_DRY_RUN, "dry-run", 0, false, 0 },
	{ OPT_NOW, "now", 0, true, 0 },
	{ OPT_FORGET_MISSING, "forget-missing", 0, false, 0 },
	{ 0, NULL, 0, false, 0 },
};

/* --now TIME sets the clock before anything is read. */
static int
cmd_prune_check(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	return rst_ctx_set_now(ctx, rst_args_value(args, OPT_NOW), err);
}

static int
cmd_prune_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct prune_opts o = { rst_args_has(args, OPT_DRY_RUN),
	    rst_args_has(args, OPT_FORGET_MISSING), rst_clock_now(&ctx->now),
	    rst_clock_is_set(&ctx->now) };
	struct rst_storage *st = ctx->access.st;
	json_t *removed = json_array(), *kept = json_array();
	json_t *unverified = json_array(), *needed_by = json_object();
	int r;

	if (o.forget_missing) {
		r = forget_missing(ctx, st, ctx->access.key, o.dry_run, err);
		goto out;
	}
	r = plan_and_prune(ctx, st, ctx->access.key, &o, removed, kept,
	    unverified, needed_by, err);
	json_object_set(ctx->result, "removed", removed);
	json_object_set(ctx->result, "kept", kept);
	if (json_object_size(needed_by) > 0)
		json_object_set(ctx->result, "needed_by", needed_by);
	json_object_set(ctx->result, "unverified", unverified);
	json_object_set_new(ctx->result, "dry_run", json_boolean(o.dry_run));
	if (!o.dry_run)
		rst_ctx_record(ctx, prune_data(removed, kept, unverified,
		    needed_by), r, err, false);
	if ((r == 0 || r == RST_EINTEGRITY) && !ctx->json)
		rst_log_info("%s: %zu snapshots kept, %zu %s", ctx->profile->name,
		    json_array_size(kept), json_array_size(removed),
		    o.dry_run ? "would be removed" : "removed");
 out:
	json_decref(removed);
	json_decref(kept);
	json_decref(unverified);
	json_decref(needed_by);
	return r;
}

const struct rst_cmd rst_cmd_prune = {
	.name = "prune",
	.usage = "[--dry-run] [--now TIME] [--forget-missing] PROFILE",
	.summary = "apply the retention policy; remove uncommitted leftovers",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_PROFILE | CMD_TAKES_LOCK | CMD_WRITES_JOURNAL |
	    CMD_OPENS_REPO | CMD_SIGNS,
	.options = prune_opts,
	.need = RST_NEED_SIGNING,
	.check = cmd_prune_check,
	.run = cmd_prune_run,
};
