/* SPDX-License-Identifier: ISC */
/* backup: stream the profile's paths into a new signed snapshot. */
#include "config.h"

#include <stdio.h>
#include <sys/statvfs.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/progress.h"
#include "restorable/snapshot.h"

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
	json_object_set_new(ctx->result, "reread", json_integer(
	    (json_int_t)res->reread));
	json_object_set_new(ctx->result, "incomplete",
	    json_boolean(res->incomplete));
	json_object_set_new(ctx->result, "seconds", json_real(res->seconds));
	json_object_set_new(ctx->result, "kind", json_string(res->incremental ?
	    "incremental" : "full"));
	json_object_set_new(ctx->result, "chain_position", json_integer(
	    (json_int_t)res->depth));
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
	if (res->incremental && res->reread > 0)
		rst_log_info("%llu files whose stat is unchanged read again, "
		    "as %s asked: it read them less than %d s after a change "
		    "(an edit then can keep the same times), while they "
		    "changed, or could not read them",
		    (unsigned long long)res->reread, res->parent,
		    RST_BACKUP_RACY_S);
}

/*
 * files and bytes are the tree's (read), stored_files and
 * stored_file_bytes what the stream holds; kind, chain position, parent,
 * and why a profile with an incremental group made a full.
 */
static json_t *
journal_data(const struct rst_backup_result *res)
{
	json_t *o = json_pack("{s:s, s:s, s:I, s:I, s:I, s:f, s:b, s:I, s:I,"
	    " s:I, s:s, s:I, s:o, s:I, s:I}",
	    "snapshot", res->id, "manifest_sha256", res->manifest_sha256,
	    "files", (json_int_t)res->files, "bytes", (json_int_t)res->bytes,
	    "stored_bytes", (json_int_t)res->stored,
	    "seconds", rst_ms(res->seconds),
	    "incomplete", res->incomplete,
	    "unreadable", (json_int_t)res->unreadable,
	    "changed", (json_int_t)res->changed,
	    "vanished", (json_int_t)res->vanished,
	    "kind", res->incremental ? "incremental" : "full",
	    "chain_position", (json_int_t)res->depth,
	    "parent", res->incremental ? json_string(res->parent) : json_null(),
	    "stored_files", (json_int_t)res->stream_files,
	    "stored_file_bytes", (json_int_t)res->stream_bytes);

	if (o != NULL && res->full_reason != NULL)
		json_object_set_new(o, "full_reason",
		    json_string(res->full_reason));
	return o;
}

/* What state_dir must have free before a backup starts (its journal). */
#define STATE_MIN_FREE	(1u << 20)

/*
 * A full state_dir would lose the journal record of a snapshot committed
 * meanwhile: refuse up front, before the lock or anything else is
 * written (exit 3).  A
 * state_dir that does not exist yet is made, and checked, later.
 */
static int
cmd_backup_prepare(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;
	struct statvfs v;
	unsigned long long avail;

	(void)args;
	if (statvfs(p->state_dir, &v) == -1)
		return 0;
	avail = (unsigned long long)v.f_bavail * v.f_frsize;
	if (avail < STATE_MIN_FREE || (v.f_files != 0 && v.f_favail < 16))
		return rst_errf(err, RST_ESTORAGE, "state_dir %s is full (%llu "
		    "bytes, %llu inodes free; a backup needs %u bytes there "
		    "for its journal): nothing was backed up", p->state_dir,
		    avail, (unsigned long long)v.f_favail, STATE_MIN_FREE);
	return 0;
}

struct previous {
	json_int_t	files, bytes;
};

static int
previous_cb(void *arg, json_t *rec)
{
	struct previous *prev = arg;
	const char *kind = "", *result = "";
	json_int_t files = 0, bytes = 0;

	if (json_unpack(rec, "{s:s, s:s, s:{s:I, s:I}}", "kind", &kind,
	    "result", &result, "data", "files", &files, "bytes", &bytes) == 0 &&
	    strcmp(kind, "backup") == 0 && strcmp(result, "pass") == 0) {
		prev->files = files;
		prev->bytes = bytes;
	}
	return 0;
}

/*
 * The progress totals, estimated from the last good backup the journal
 * records (none on a first backup, or when the journal cannot be read).
 */
static void
estimate(struct rst_ctx *ctx, EVP_PKEY *key, struct rst_progress *prog)
{
	struct previous prev = { 0, 0 };
	struct rst_err err = RST_ERR_INIT;

	if (prog->mode == RST_PROGRESS_OFF)
		return;
	if (rst_journal_foreach(ctx->profile, key, previous_cb, &prev,
	    &err) != 0) {
		rst_log_debug("no estimate: %s", err.msg);
		return;
	}
	if (prev.bytes > 0 || prev.files > 0)
		rst_progress_totals(prog, (uint64_t)prev.bytes,
		    (uint64_t)prev.files, true);
}

enum { OPT_FULL = 1 };

static const struct rst_opt backup_opts[] = {
	{ OPT_FULL, "full", 0, false, 0 },
	{ 0, NULL, 0, false, 0 },
};

static int
cmd_backup_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_backup_result res;
	struct rst_progress prog;
	struct rst_backup_opts o = {
		.full = rst_args_has(args, OPT_FULL), .clock = ctx->now,
	};
	int r;

	rst_progress_init(&prog, ctx->progress, "backup", 0);
	estimate(ctx, ctx->access.key, &prog);
	r = rst_backup_run(ctx->profile, ctx->access.st, ctx->access.key, &o,
	    &prog, &res, err);
	report(ctx, &res);
	rst_ctx_record(ctx, journal_data(&res), r, err, r == 0);
	return r;
}

const struct rst_cmd rst_cmd_backup = {
	.name = "backup",
	.usage = "[--full] PROFILE",
	.summary = "back up a profile's data set into a new signed snapshot",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_PROFILE | CMD_TAKES_LOCK | CMD_WRITES_JOURNAL |
	    CMD_OPENS_REPO | CMD_SIGNS,
	.options = backup_opts,
	.need = RST_NEED_PATHS | RST_NEED_SIGNING,
	.prepare = cmd_backup_prepare,
	.run = cmd_backup_run,
};
