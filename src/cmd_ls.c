/* SPDX-License-Identifier: ISC */
/*
 * ls: the entries of one snapshot (latest by default), read from its
 * index after the index was checked against the signed manifest; no
 * part of the stream is fetched.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "restorable/browse.h"
#include "restorable/cmd.h"
#include "restorable/log.h"

static int
print_entries(struct rst_ctx *ctx, const struct rst_index_list *l,
    char *const *pats, size_t npats, bool *matched, bool sha,
    struct rst_err *err)
{
	json_t *arr = json_array(), *o;
	uint64_t n = 0, bytes = 0;
	char *line;
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (!rst_pattern_match(pats, npats, l->v[i].path, matched))
			continue;
		n++;
		bytes += l->v[i].size;
		if (ctx->json) {
			if ((o = rst_entry_json(&l->v[i])) == NULL ||
			    json_array_append_new(arr, o) != 0)
				goto nomem;
			continue;
		}
		if ((line = rst_entry_text(&l->v[i], sha)) == NULL)
			goto nomem;
		printf("%s\n", line);
		free(line);
	}
	json_object_set_new(ctx->result, "entries", arr);
	json_object_set_new(ctx->result, "count", json_integer((json_int_t)n));
	json_object_set_new(ctx->result, "bytes",
	    json_integer((json_int_t)bytes));
	return 0;
 nomem:
	json_decref(arr);
	return rst_errf(err, RST_ENOMEM, "out of memory");
}

struct selection {
	char *const	*pats;
	size_t		 npats;
	bool		*matched;
};

static bool
want(void *arg, const char *path)
{
	struct selection *s = arg;

	return rst_pattern_match(s->pats, s->npats, path, s->matched);
}

enum { OPT_LONG = 1 };

static const struct rst_opt ls_opts[] = {
	{ OPT_LONG, "long", 'l', false, 0 },
	{ 0, NULL, 0, false, 0 },
};

static int
cmd_ls_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_access *a = &ctx->access;
	const char *snap = "latest";
	struct selection sel = { NULL, 0, NULL };
	struct rst_index_list l = { NULL, 0, want, &sel };
	struct rst_err skipped = RST_ERR_INIT;
	char *id = NULL;
	int r, first = 1;

	if (first < args->nops && rst_snap_operand(args->ops[first]))
		snap = args->ops[first++];
	sel.pats = args->ops + first;
	sel.npats = (size_t)(args->nops - first);
	if ((sel.matched = calloc(sel.npats + 1, sizeof(bool))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	if ((r = rst_snapshot_pick(a->st, ctx->profile->name, snap, a->key,
	    &id, &skipped, err)) != 0 || (r = rst_index_get_id(ctx->profile, a->st,
	    a->key, a->ids, id, &l, err)) != 0)
		goto out;
	rst_index_list_sort(&l);
	json_object_set_new(ctx->result, "snapshot", json_string(id));
	if ((r = print_entries(ctx, &l, sel.pats, sel.npats, sel.matched,
	    rst_args_has(args, OPT_LONG), err)) == 0)
		r = rst_pattern_unmatched(sel.pats, sel.npats, sel.matched,
		    RST_ECHECK, "the snapshot", err);
	r = rst_snapshot_pick_end(&skipped, r, err);
 out:
	rst_index_list_release(&l);
	free(sel.matched);
	free(id);
	return r;
}

const struct rst_cmd rst_cmd_ls = {
	.name = "ls",
	.usage = "[-l] PROFILE [SNAP|latest|random] [PATTERN...]",
	.summary = "list the entries of a snapshot from its verified index",
	.min_args = 1, .max_args = -1,
	.flags = CMD_NEEDS_PROFILE | CMD_OPENS_REPO,
	.options = ls_opts,
	.need = RST_NEED_VERIFY | RST_NEED_IDENTITY,
	.run = cmd_ls_run,
};
