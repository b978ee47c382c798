/* SPDX-License-Identifier: ISC */
/*
 * ls: the entries of one snapshot (latest by default), read from its
 * index after the index was checked against the signed manifest; no
 * part of the stream is fetched.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "restorable/browse.h"
#include "restorable/cmd.h"
#include "restorable/log.h"

extern const struct rst_cmd rst_cmd_ls;

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

static int
run_ls(struct rst_ctx *ctx, const char *snap, char *const *pats,
    size_t npats, bool sha, struct rst_err *err)
{
	struct selection sel = { pats, npats, NULL };
	struct rst_index_list l = { NULL, 0, want, &sel };
	struct rst_access a;
	bool *matched = NULL;
	char *id = NULL;
	int r;

	if ((matched = calloc(npats + 1, sizeof(*matched))) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	sel.matched = matched;
	if ((r = rst_ctx_access_open(ctx, true, &a, err)) != 0 ||
	    (r = rst_snapshot_pick(a.st, ctx->profile->name, snap, a.key, &id,
	    err)) != 0 || (r = rst_index_get_id(ctx->profile, a.st, a.key,
	    a.ids, id, &l, err)) != 0)
		goto out;
	rst_index_list_sort(&l);
	json_object_set_new(ctx->result, "snapshot", json_string(id));
	if ((r = print_entries(ctx, &l, pats, npats, matched, sha, err)) == 0)
		r = rst_pattern_unmatched(pats, npats, matched,
		    RST_ECHECK, "the snapshot", err);
 out:
	rst_index_list_release(&l);
	rst_ctx_access_close(&a);
	free(matched);
	free(id);
	return r;
}

static int
cmd_ls_run(struct rst_ctx *ctx, int argc, char **argv, struct rst_err *err)
{
	static const struct option opts[] = {
		{ "long", no_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 },
	};
	const char *snap = "latest";
	bool sha = false;
	int c, r, first;

	rst_cmd_getopt_reset();
	while ((c = getopt_long(argc, argv, "l", opts, NULL)) != -1) {
		if (c == 'l')
			sha = true;
		else
			return rst_cmd_bad_option(&rst_cmd_ls, argc, argv, err);
	}
	if ((r = rst_cmd_check_operands(&rst_cmd_ls, argc - optind, err)) != 0)
		return r;
	if ((r = rst_ctx_load_profile(ctx, argv[optind], RST_NEED_VERIFY |
	    RST_NEED_IDENTITY, err)) != 0)
		return r;
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	first = optind + 1;
	if (first < argc && rst_snap_operand(argv[first]))
		snap = argv[first++];
	return run_ls(ctx, snap, argv + first, (size_t)(argc - first), sha,
	    err);
}

const struct rst_cmd rst_cmd_ls = {
	.name = "ls",
	.usage = "[-l] PROFILE [SNAP|latest|random] [PATTERN...]",
	.summary = "list the entries of a snapshot from its verified index",
	.min_args = 1, .max_args = -1,
	.flags = CMD_NEEDS_PROFILE,
	.run_argv = cmd_ls_run,
};
