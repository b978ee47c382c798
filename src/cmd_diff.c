/* SPDX-License-Identifier: ISC */
/*
 * diff: what differs between two snapshots, from their verified indexes:
 * entries added, removed, and changed with what changed (type, size,
 * content, mode, mtime, link target).  Differences are the answer, not a
 * failure: the exit status is 0 either way.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/browse.h"
#include "restorable/cmd.h"
#include "restorable/log.h"

struct diff {
	struct rst_ctx	*ctx;
	char *const	*pats;
	size_t		 npats;
	json_t		*added, *removed, *changed;
};

/* What differs between two entries of one path, as "size, content". */
static int
what_changed(const struct rst_index_entry *a, const struct rst_index_entry *b,
    json_t *what, struct rst_buf *text)
{
	const char *names[6];
	size_t i, n = 0;

	if (a->type != b->type)
		names[n++] = "type";
	if (a->size != b->size)
		names[n++] = "size";
	if (strcmp(a->sha256, b->sha256) != 0)
		names[n++] = "content";
	if (a->mode != b->mode)
		names[n++] = "mode";
	if (a->mtime_sec != b->mtime_sec || a->mtime_nsec != b->mtime_nsec)
		names[n++] = "mtime";
	if ((a->target == NULL) != (b->target == NULL) || (a->target != NULL &&
	    strcmp(a->target, b->target) != 0))
		names[n++] = "target";
	for (i = 0; i < n; i++)
		if (json_array_append_new(what, json_string(names[i])) != 0 ||
		    rst_buf_printf(text, "%s%s", i ? ", " : "", names[i]) != 0)
			return -1;
	return (int)n;
}

static int
report(struct diff *d, char sign, const struct rst_index_entry *e,
    const struct rst_index_entry *old)
{
	struct rst_buf text = RST_BUF_INIT;
	json_t *o, *what = NULL;
	char *path = NULL;
	int n = 1, r = -1;

	if ((o = rst_entry_json(e)) == NULL)
		return -1;
	if (old != NULL && ((what = json_array()) == NULL ||
	    (n = what_changed(old, e, what, &text)) <= 0))
		goto out;
	if (what != NULL && json_object_set(o, "changed", what) != 0)
		goto out;
	if (json_array_append(sign == '+' ? d->added : sign == '-' ?
	    d->removed : d->changed, o) != 0)
		goto out;
	if (!d->ctx->json) {
		if ((path = rst_text_escape(e->path)) == NULL)
			goto out;
		printf("%c %-8s %s%s%s%s\n", sign, rst_entry_type_name(e->type),
		    path, text.len ? " (" : "", text.len ? (char *)text.data :
		    "", text.len ? ")" : "");
	}
	r = 0;
 out:
	if (n == 0)
		r = 0;	/* the same entry */
	free(path);
	rst_buf_release(&text);
	json_decref(what);
	json_decref(o);
	return r;
}

/* Merge two path-sorted lists (of selected entries only). */
static int
compare(struct diff *d, const struct rst_index_list *a,
    const struct rst_index_list *b)
{
	size_t i = 0, j = 0;
	int c, r = 0;

	while (r == 0 && (i < a->n || j < b->n)) {
		c = i == a->n ? 1 : j == b->n ? -1 :
		    strcmp(a->v[i].path, b->v[j].path);
		if (c < 0)
			r = report(d, '-', &a->v[i++], NULL);
		else if (c > 0)
			r = report(d, '+', &b->v[j++], NULL);
		else
			r = report(d, 'M', &b->v[j++], &a->v[i++]);
	}
	return r;
}

static bool
want(void *arg, const char *path)
{
	struct diff *d = arg;

	return rst_pattern_match(d->pats, d->npats, path, NULL);
}

static int
run_diff(struct diff *d, const char *s1, const char *s2, struct rst_err *err)
{
	struct rst_index_list l1 = { NULL, 0, want, d }, l2 = { NULL, 0, want,
	    d };
	struct rst_access *a = &d->ctx->access;
	struct rst_err skipped = RST_ERR_INIT;
	char *id1 = NULL, *id2 = NULL;
	const char *name = d->ctx->profile->name;
	int r;

	if ((r = rst_snapshot_pick(a->st, name, s1, a->key, &id1, &skipped,
	    err)) != 0 || (r = rst_snapshot_pick(a->st, name, s2, a->key, &id2,
	    &skipped, err)) != 0 ||
	    (r = rst_index_get_id(d->ctx->profile, a->st, a->key, a->ids, id1,
	    &l1, err)) != 0 || (r = rst_index_get_id(d->ctx->profile, a->st,
	    a->key, a->ids, id2, &l2, err)) != 0)
		goto out;
	json_object_set_new(d->ctx->result, "from", json_string(id1));
	json_object_set_new(d->ctx->result, "to", json_string(id2));
	rst_index_list_sort(&l1);
	rst_index_list_sort(&l2);
	if (compare(d, &l1, &l2) != 0) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if (!d->ctx->json)
		rst_log_info("%s -> %s: %zu added, %zu removed, %zu changed",
		    id1, id2, json_array_size(d->added),
		    json_array_size(d->removed), json_array_size(d->changed));
	r = rst_snapshot_pick_end(&skipped, r, err);
 out:
	rst_index_list_release(&l1);
	rst_index_list_release(&l2);
	free(id1);
	free(id2);
	return r;
}

static int
cmd_diff_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct diff d;
	int r;

	memset(&d, 0, sizeof(d));
	d.ctx = ctx;
	d.pats = args->ops + 3;
	d.npats = (size_t)(args->nops - 3);
	d.added = json_array();
	d.removed = json_array();
	d.changed = json_array();
	r = run_diff(&d, args->ops[1], args->ops[2], err);
	json_object_set_new(ctx->result, "counts", json_pack("{s:I, s:I, s:I}",
	    "added", (json_int_t)json_array_size(d.added), "removed",
	    (json_int_t)json_array_size(d.removed), "changed",
	    (json_int_t)json_array_size(d.changed)));
	json_object_set_new(ctx->result, "added", d.added);
	json_object_set_new(ctx->result, "removed", d.removed);
	json_object_set_new(ctx->result, "changed", d.changed);
	return r;
}

const struct rst_cmd rst_cmd_diff = {
	.name = "diff",
	.usage = "PROFILE SNAP1 SNAP2 [PATTERN...]",
	.summary = "entries added, removed and changed between two snapshots",
	.min_args = 3, .max_args = -1,
	.flags = CMD_NEEDS_PROFILE | CMD_OPENS_REPO,
	.need = RST_NEED_VERIFY | RST_NEED_IDENTITY,
	.run = cmd_diff_run,
};
