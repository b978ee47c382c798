/* SPDX-License-Identifier: ISC */
/* restore: extract a snapshot into --target DIR, never outside it. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

extern const struct rst_cmd rst_cmd_restore;

static int
run_restore(struct rst_ctx *ctx, const char *snap,
    struct rst_restore_opts *o, struct rst_err *err)
{
	struct rst_restore_result res;
	struct rst_progress prog;
	struct rst_access a;
	char *id = NULL;
	json_t *data;
	int r;

	if ((r = rst_ctx_access_open(ctx, true, &a, err)) != 0 ||
	    (r = rst_snapshot_resolve(a.st, ctx->profile->name, snap, a.key, &id,
	    err)) != 0)
		goto out;
	rst_progress_init(&prog, ctx->progress, "restore", 0);
	o->ids = a.ids;
	r = rst_restore_run(a.st, ctx->profile, id, a.key, o, &prog, &res, err);
	json_object_set_new(ctx->result, "snapshot", json_string(id));
	json_object_set_new(ctx->result, "target", json_string(o->target));
	json_object_set_new(ctx->result, "files",
	    json_integer((json_int_t)res.files));
	json_object_set_new(ctx->result, "bytes",
	    json_integer((json_int_t)res.bytes));
	json_object_set_new(ctx->result, "seconds", json_real(res.seconds));
	if (r == 0 && !ctx->json)
		rst_log_info("snapshot %s restored into %s: %llu files, %.1fs",
		    id, o->target, (unsigned long long)res.files, res.seconds);
	data = json_pack("{s:s, s:b, s:I, s:f}", "snapshot", id,
	    "target_is_sandbox", 0, "files", (json_int_t)res.files, "seconds",
	    rst_ms(res.seconds));
	/* Why nothing (or not everything) was restored: no file names. */
	if (r != 0 && res.cause[0] != '\0') {
		json_object_set_new(data, "cause", json_string(res.cause));
		json_object_set_new(ctx->result, "cause",
		    json_string(res.cause));
	}
	rst_ctx_journal_result(ctx, a.st, "restore", data, &r, err);
 out:
	free(id);
	rst_ctx_access_close(&a);
	return r;
}

static int
cmd_restore_run(struct rst_ctx *ctx, int argc, char **argv,
    struct rst_err *err)
{
	static const struct option opts[] = {
		{ "target", required_argument, NULL, 't' },
		{ "overwrite", no_argument, NULL, 'o' },
		{ "keep-setid", no_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	struct rst_restore_opts o;
	int c, r;

	memset(&o, 0, sizeof(o));
	o.sandbox_fd = -1;
	rst_cmd_getopt_reset();
	while ((c = getopt_long(argc, argv, "t:", opts, NULL)) != -1) {
		if (c == 't')
			o.target = optarg;
		else if (c == 'o')
			o.overwrite = true;
		else if (c == 's')
			o.keep_setid = true;
		else if (c == 'f')
			o.force = true;
		else
			return rst_cmd_bad_option(&rst_cmd_restore, argc, argv,
			    err);
	}
	if ((r = rst_cmd_check_operands(&rst_cmd_restore, argc - optind,
	    err)) != 0)
		return r;
	if (o.target == NULL || o.target[0] == '\0')
		return rst_errf(err, RST_EUSAGE, "restore: --target DIR is "
		    "required");
	if ((r = rst_cmd_check_out_dir(o.target, err)) != 0 ||
	    (r = rst_ctx_load_profile(ctx, argv[optind], RST_NEED_VERIFY |
	    RST_NEED_IDENTITY, err)) != 0)
		return r;
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	o.patterns = argv + optind + 2;
	o.npatterns = (size_t)(argc - optind - 2);
	return run_restore(ctx, argv[optind + 1], &o, err);
}

const struct rst_cmd rst_cmd_restore = {
	.name = "restore",
	.usage = "PROFILE SNAP --target DIR [--overwrite] [--keep-setid] "
	    "[--force] [PATTERN...]",
	.summary = "restore a snapshot into DIR (never writes outside it)",
	.min_args = 2, .max_args = -1,
	.run = cmd_restore_run,
};
