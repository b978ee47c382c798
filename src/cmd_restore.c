/* SPDX-License-Identifier: ISC */
/*
 * restore: extract a snapshot into --target DIR, never outside it; with
 * --dry-run, only show what would be written where, from the verified
 * index.  Either way it says where the files land.
 */
#include "config.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "restorable/browse.h"
#include "restorable/cmd.h"
#include "restorable/log.h"
#include "restorable/progress.h"
#include "restorable/snapshot.h"

/* What the plan (the verified index) says the restore writes. */
struct landing {
	struct rst_ctx	*ctx;
	bool		 dry_run;
	char		*target;	/* absolute (not resolved when absent) */
	char		*common;	/* deepest folder holding everything */
	json_t		*entries;	/* --dry-run --json */
	uint64_t	 files, bytes;
	bool		 nomem;
	/* A restore of patterns: the plan's totals are the progress's. */
	struct rst_progress *prog;
};

/* Shorten l->common to the folders it shares with path. */
static void
share(struct landing *l, const char *path, size_t len)
{
	size_t i, last = 0;

	if (l->common == NULL) {
		if ((l->common = strndup(path, len)) == NULL)
			l->nomem = true;
		return;
	}
	for (i = 0; i < len && l->common[i] != '\0' &&
	    l->common[i] == path[i]; i++)
		if (path[i] == '/')
			last = i;
	if (!((l->common[i] == '\0' || l->common[i] == '/') &&
	    (i == len || path[i] == '/')))
		i = last;
	l->common[i] = '\0';
}

static void
dry_run_entry(struct landing *l, const struct rst_index_entry *e,
    const char *to)
{
	struct rst_index_entry shown = *e;
	char *dest, *text = NULL;
	json_t *o;

	if ((dest = rst_path_join(l->target, to)) == NULL) {
		l->nomem = true;
		return;
	}
	shown.path = dest;
	if (l->ctx->json) {
		if ((o = rst_entry_json(&shown)) == NULL ||
		    json_array_append_new(l->entries, o) != 0)
			l->nomem = true;
		free(dest);
		return;
	}
	if ((text = rst_text_escape(dest)) == NULL) {
		l->nomem = true;
		free(dest);
		return;
	}
	free(dest);
	if (e->type == RST_ENTRY_FILE)
		printf("%-8s %12" PRIu64 " %s\n", "file", e->size, text);
	else
		printf("%-8s %12s %s\n", rst_entry_type_name(e->type), "-",
		    text);
	free(text);
}

static void
plan_cb(void *arg, const struct rst_index_entry *e, const char *to)
{
	struct landing *l = arg;
	const char *slash = strrchr(to, '/');

	share(l, to, e->type == RST_ENTRY_DIR ? strlen(to) :
	    slash != NULL ? (size_t)(slash - to) : 0);
	if (e->type == RST_ENTRY_FILE) {
		l->files++;
		l->bytes += e->size;
		if (l->prog != NULL)
			rst_progress_totals(l->prog, l->bytes, l->files,
			    false);
	}
	if (l->dry_run)
		dry_run_entry(l, e, to);
}

/* Absolute form of the target (it may not exist yet). */
static char *
absolute(const char *target)
{
	char cwd[PATH_MAX], real[PATH_MAX];

	if (realpath(target, real) != NULL)
		return strdup(real);
	if (target[0] == '/' || getcwd(cwd, sizeof(cwd)) == NULL)
		return strdup(target);
	return rst_path_join(cwd, target);
}

static void
tell(struct rst_ctx *ctx, struct landing *l, const char *id,
    const struct rst_restore_result *res)
{
	char size[32], *where, *shown;

	where = l->common != NULL && l->common[0] != '\0' ?
	    rst_path_join(l->target, l->common) : strdup(l->target);
	if (where == NULL)
		return;
	json_object_set_new(ctx->result, "landed", json_string(where));
	if (!ctx->json && (shown = rst_text_escape(where)) != NULL) {
		if (l->dry_run) {
			rst_format_size(l->bytes, size, sizeof(size));
			rst_log_info("dry run of %s: %" PRIu64 " files, %s "
			    "would land under %s; nothing was written", id,
			    l->files, size, shown);
		} else {
			rst_format_size(res->bytes, size, sizeof(size));
			rst_log_info("snapshot %s restored: %" PRIu64 " files, "
			    "%s in %.1fs; the files are under %s", id,
			    res->files, size, res->seconds, shown);
		}
		free(shown);
	}
	free(where);
}

static void
set_result(struct rst_ctx *ctx, const struct landing *l, const char *id,
    const char *target, const struct rst_restore_result *res)
{
	json_object_set_new(ctx->result, "snapshot", json_string(id));
	json_object_set_new(ctx->result, "target", json_string(target));
	json_object_set_new(ctx->result, "dry_run", json_boolean(l->dry_run));
	json_object_set_new(ctx->result, "files", json_integer((json_int_t)
	    (l->dry_run ? l->files : res->files)));
	json_object_set_new(ctx->result, "bytes", json_integer((json_int_t)
	    (l->dry_run ? l->bytes : res->bytes)));
	json_object_set_new(ctx->result, "seconds",
	    json_real(rst_ms(res->seconds)));
	if (l->entries != NULL)
		json_object_set(ctx->result, "entries", l->entries);
}

static int
run_restore(struct rst_ctx *ctx, const char *snap,
    struct rst_restore_opts *o, struct rst_err *err)
{
	struct landing l = { ctx, o->dry_run, NULL, NULL, NULL, 0, 0, false,
	    NULL };
	struct rst_access *a = &ctx->access;
	struct rst_restore_result res;
	struct rst_progress prog;
	struct rst_err skipped = RST_ERR_INIT;
	char *id = NULL;
	json_t *data;
	int r;

	memset(&res, 0, sizeof(res));
	if ((r = rst_snapshot_resolve(a->st, ctx->profile->name, snap, a->key,
	    &id, &skipped, err)) != 0)
		goto out;
	if (o->dry_run && ctx->json && (l.entries = json_array()) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((l.target = absolute(o->target)) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	rst_progress_init(&prog, ctx->progress && !o->dry_run, "manifest", 0);
	if (o->npatterns > 0)
		l.prog = &prog;
	o->ids = a->ids;
	o->plan_cb = plan_cb;
	o->plan_arg = &l;
	r = rst_restore_run(a->st, ctx->profile, id, a->key, o, &prog, &res,
	    err);
	if (r == 0 && l.nomem)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	set_result(ctx, &l, id, o->target, &res);
	if (r == 0)
		tell(ctx, &l, id, &res);
	if (!o->dry_run) {
		data = json_pack("{s:s, s:b, s:I, s:f}", "snapshot", id,
		    "target_is_sandbox", 0, "files", (json_int_t)res.files,
		    "seconds", rst_ms(res.seconds));
		/* Why nothing (or not everything) was restored: no names. */
		if (r != 0 && res.cause[0] != '\0') {
			json_object_set_new(data, "cause",
			    json_string(res.cause));
			json_object_set_new(ctx->result, "cause",
			    json_string(res.cause));
		}
		rst_ctx_record(ctx, data, r, err, false);
	}
	r = rst_snapshot_newer_finding(&skipped, id, r, err);
 out:
	json_decref(l.entries);
	free(l.target);
	free(l.common);
	free(id);
	return r;
}

static int
parse_strip(const char *s, unsigned *out, struct rst_err *err)
{
	char *end;
	unsigned long v;

	v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || v > 4096)
		return rst_errf(err, RST_EUSAGE, "restore: --strip %s: not a "
		    "number of path components (0-4096)", s);
	*out = (unsigned)v;
	return 0;
}

enum { OPT_TARGET = 1, OPT_OVERWRITE, OPT_KEEP_SETID, OPT_FORCE,
    OPT_DRY_RUN, OPT_STRIP };

static const struct rst_opt restore_opts[] = {
	{ OPT_TARGET, "target", 't', true, 0 },
	{ OPT_OVERWRITE, "overwrite", 0, false, 0 },
	{ OPT_KEEP_SETID, "keep-setid", 0, false, 0 },
	{ OPT_FORCE, "force", 0, false, 0 },
	{ OPT_DRY_RUN, "dry-run", 0, false, 0 },
	{ OPT_STRIP, "strip", 0, true, 0 },
	{ 0, NULL, 0, false, 0 },
};

/* The options of the command line, and the patterns (operands 2...). */
static int
restore_opts_get(const struct rst_args *args, struct rst_restore_opts *o,
    struct rst_err *err)
{
	const char *strip = rst_args_value(args, OPT_STRIP);
	int r;

	memset(o, 0, sizeof(*o));
	o->sandbox_fd = -1;
	o->target = rst_args_value(args, OPT_TARGET);
	o->overwrite = rst_args_has(args, OPT_OVERWRITE);
	o->keep_setid = rst_args_has(args, OPT_KEEP_SETID);
	o->force = rst_args_has(args, OPT_FORCE);
	o->dry_run = rst_args_has(args, OPT_DRY_RUN);
	if (strip != NULL && (r = parse_strip(strip, &o->strip, err)) != 0)
		return r;
	o->patterns = args->ops + 2;
	o->npatterns = (size_t)(args->nops - 2);
	return 0;
}

static int
cmd_restore_check(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_restore_opts o;
	int r;

	(void)ctx;
	if ((r = restore_opts_get(args, &o, err)) != 0)
		return r;
	if (o.target == NULL || o.target[0] == '\0')
		return rst_errf(err, RST_EUSAGE, "restore: --target DIR is "
		    "required");
	return rst_cmd_check_out_dir(o.target, err);
}

static int
cmd_restore_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_restore_opts o;
	int r;

	if ((r = restore_opts_get(args, &o, err)) != 0)
		return r;
	return run_restore(ctx, args->ops[1], &o, err);
}

const struct rst_cmd rst_cmd_restore = {
	.name = "restore",
	.usage = "PROFILE SNAP --target DIR [--overwrite] [--keep-setid] "
	    "[--force] [--dry-run] [--strip N] [PATTERN...]",
	.summary = "restore a snapshot into DIR (never writes outside it)",
	.min_args = 2, .max_args = -1,
	.flags = CMD_NEEDS_PROFILE | CMD_WRITES_JOURNAL | CMD_OPENS_REPO,
	.options = restore_opts,
	.need = RST_NEED_VERIFY | RST_NEED_IDENTITY,
	.check = cmd_restore_check,
	.run = cmd_restore_run,
};
