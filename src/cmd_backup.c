/* SPDX-License-Identifier: ISC */
/* backup: stream the profile's paths into a new signed snapshot. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

extern const struct rst_cmd rst_cmd_backup;

static void
report(struct rst_ctx *ctx, const struct rst_backup_result *res)
{
	char size[32], stored[32];

	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	json_object_set_new(ctx->result, "snapshot", json_string(res->id));
	json_object_set_new(ctx->result, "manifest_sha256",
	    json_string(res->manifest_sha256));
	json_object_set_new(ctx->result, "files", json_integer(
	    (json_int_t)res->files));
	json_object_set_new(ctx->result, "dirs", json_integer(
	    (json_int_t)res->dirs));
	json_object_set_new(ctx->result, "bytes", json_integer(
	    (json_int_t)res->bytes));
	json_object_set_new(ctx->result, "stored_bytes", json_integer(
	    (json_int_t)res->stored));
	json_object_set_new(ctx->result, "parts", json_integer(
	    (json_int_t)res->nparts));
	json_object_set_new(ctx->result, "unreadable", json_integer(
	    (json_int_t)res->unreadable));
	json_object_set_new(ctx->result, "changed", json_integer(
	    (json_int_t)res->changed));
	json_object_set_new(ctx->result, "vanished", json_integer(
	    (json_int_t)res->vanished));
	json_object_set_new(ctx->result, "incomplete",
	    json_boolean(res->incomplete));
	json_object_set_new(ctx->result, "seconds", json_real(res->seconds));
	json_object_set_new(ctx->result, "kind", json_string(res->incremental ?
	    "incremental" : "full"));
	json_object_set_new(ctx->result, "parent", res->incremental ?
	    json_string(res->parent) : json_null());
	json_object_set_new(ctx->result, "stored_files", json_integer(
	    (json_int_t)res->stream_files));
	json_object_set_new(ctx->result, "stored_file_bytes", json_integer(
	    (json_int_t)res->stream_bytes));
	if (res->full_reason != NULL)
		json_object_set_new(ctx->result, "full_reason",
		    json_string(res->full_reason));
	if (ctx->json || res->id[0] == '\0' || res->nparts == 0)
		return;
	rst_format_size(res->bytes, size, sizeof(size));
	rst_format_size(res->stored, stored, sizeof(stored));
	rst_log_info("snapshot %s committed: %llu files, %s, stored %s in %zu "
	    "parts, %.1fs%s", res->id, (unsigned long long)res->files, size,
	    stored, res->nparts, res->seconds,
	    res->incomplete ? " (incomplete)" : "");
	if (res->incremental)
		rst_log_info("incremental %zu of a chain, on %s: %llu of %llu "
		    "files stored, %llu deleted", res->depth, res->parent,
		    (unsigned long long)res->stream_files,
		    (unsigned long long)res->files,
		    (unsigned long long)res->deleted);
}

/*
 * files and bytes are the tree's (read), stored_files and
 * stored_file_bytes what the stream holds; kind, parent, and why a
 * profile with an incremental group made a full.
 */
static json_t *
journal_data(const struct rst_backup_result *res)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:f, s:b, s:I, s:I,"
	    " s:I, s:s, s:o, s:I, s:I}",
	    "snapshot", res->id, "manifest_sha256", res->manifest_sha256,
	    "files", (json_int_t)res->files, "bytes", (json_int_t)res->bytes,
	    "stored_bytes", (json_int_t)res->stored,
	    "seconds", rst_ms(res->seconds),
	    "incomplete", res->incomplete,
	    "unreadable", (json_int_t)res->unreadable,
	    "changed", (json_int_t)res->changed,
	    "vanished", (json_int_t)res->vanished,
	    "kind", res->incremental ? "incremental" : "full",
	    "parent", res->incremental ? json_string(res->parent) : json_null(),
	    "stored_files", (json_int_t)res->stream_files,
	    "stored_file_bytes", (json_int_t)res->stream_bytes);

	if (o != NULL && res->full_reason != NULL)
		json_object_set_new(o, "full_reason",
		    json_string(res->full_reason));
	return o;
}

static int
cmd_backup_run(struct rst_ctx *ctx, int argc, char **argv, struct rst_err *err)
{
	struct rst_backup_result res;
	struct rst_storage *st = NULL;
	struct rst_progress prog;
	EVP_PKEY *key = NULL;
	bool full = false;
	int r, lock = -1;

	if (argc > 1 && strcmp(argv[1], "--full") == 0) {
		full = true;
		argc--;
		argv++;
	}
	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return rst_errf(err, RST_EUSAGE, "backup: unknown option %s",
		    argv[1]);
	if ((r = rst_cmd_check_operands(&rst_cmd_backup, argc - 1, err)) != 0)
		return r;
	if ((r = rst_ctx_load_profile(ctx, argv[1], RST_NEED_PATHS |
	    RST_NEED_SIGNING, err)) != 0)
		return r;
	if ((r = rst_ctx_lock(ctx, &lock, err)) != 0 ||
	    (r = rst_ctx_signing_key(ctx, &key, err)) != 0 ||
	    (r = rst_storage_open(&ctx->profile->repo, &st, err)) != 0)
		goto out;
	rst_progress_init(&prog, ctx->progress, "backup", 0);
	r = rst_backup_run(ctx->profile, st, key, full, &prog, &res,
	    err);
	report(ctx, &res);
	rst_ctx_journal_result(ctx, st, "backup", journal_data(&res), &r, err);
 out:
	rst_ctx_unlock(ctx, lock);
	rst_storage_close(st);
	EVP_PKEY_free(key);
	return r;
}

const struct rst_cmd rst_cmd_backup = {
	.name = "backup",
	.usage = "[--full] PROFILE",
	.summary = "back up a profile's data set into a new signed snapshot",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_PROFILE | CMD_TAKES_LOCK | CMD_WRITES_JOURNAL,
	.run = cmd_backup_run,
};
