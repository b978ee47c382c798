/* SPDX-License-Identifier: ISC */
/*
 * verify: signature, every part's hash and the whole stream's hash; with
 * --deep also every file against the index.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

enum { OPT_DEEP = 1 };

static const struct rst_opt verify_opts[] = {
	/* Only --deep decrypts: plain verify needs no data key. */
	{ OPT_DEEP, "deep", 0, false, RST_NEED_IDENTITY },
	{ 0, NULL, 0, false, 0 },
};

static int
cmd_verify_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_err skipped = RST_ERR_INIT;
	struct rst_verify_result res;
	struct rst_progress prog;
	struct rst_access *a = &ctx->access;
	bool deep = rst_args_has(args, OPT_DEEP), future;
	char *id = NULL;
	int r;

	/* latest: a newer folder that does not verify is left in skipped. */
	if ((r = rst_snapshot_resolve(a->st, ctx->profile->name,
	    rst_args_operand(args, 1, "latest"), a->key, &id, &skipped,
	    err)) != 0)
		return r;
	if ((future = rst_snapshot_id_future(id, rst_now_ns() / 1000000000)))
		rst_log_warn("snapshot %s is dated more than a day in the future "
		    "(a clock ahead, or an id set on purpose)", id);
	rst_progress_init(&prog, ctx->progress, "verify", 0);
	r = rst_verify_run(a->st, ctx->profile, id, a->key, a->ids, deep,
	    &prog, &res, err);
	json_object_set_new(ctx->result, "snapshot", json_string(id));
	json_object_set_new(ctx->result, "future", json_boolean(future));
	json_object_set_new(ctx->result, "deep", json_boolean(deep));
	json_object_set_new(ctx->result, "parts_checked",
	    json_integer((json_int_t)res.parts_checked));
	json_object_set_new(ctx->result, "bytes_checked",
	    json_integer((json_int_t)res.bytes_checked));
	if (deep)
		json_object_set_new(ctx->result, "files_checked",
		    json_integer((json_int_t)res.files_checked));
	json_object_set_new(ctx->result, "seconds", json_real(res.seconds));
	json_object_set_new(ctx->result, "result",
	    json_string(r == 0 ? "pass" : "fail"));
	rst_ctx_record(ctx, json_pack("{s:s, s:b, s:I, s:I, s:f}", "snapshot",
	    id, "deep", deep, "parts_checked", (json_int_t)res.parts_checked,
	    "bytes_checked", (json_int_t)res.bytes_checked, "seconds",
	    rst_ms(res.seconds)), r, err, false);
	if (r == 0 && !ctx->json)
		rst_log_info("snapshot %s verified: signature, %zu parts%s",
		    id, res.parts_checked, deep ? ", every file" : "");
	r = rst_snapshot_newer_finding(&skipped, id, r, err);
	free(id);
	return r;
}

const struct rst_cmd rst_cmd_verify = {
	.name = "verify",
	.usage = "[--deep] PROFILE [SNAP]",
	.summary = "check signature and part hashes (--deep: every file)",
	.min_args = 1, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE | CMD_WRITES_JOURNAL | CMD_OPENS_REPO,
	.options = verify_opts,
	.need = RST_NEED_VERIFY,
	.run = cmd_verify_run,
};
