/* SPDX-License-Identifier: ISC */
/*
 * drill: test-restore a snapshot (latest by default, or random) into a
 * sandbox, prove every file, run the checks, measure RTO/RPO, journal it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/rand.h>

#include "restorable/age.h"
#include "restorable/cmd.h"
#include "restorable/drill.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"

/*
 * latest is the newest snapshot whose manifest verifies; a newer committed
 * folder that does not verify is left in skipped, for the exit status.
 */
static int
pick(struct rst_storage *st, const char *profile, const char *snap,
    EVP_PKEY *key, char **id, struct rst_err *skipped, struct rst_err *err)
{
	struct rst_strlist ids;
	unsigned int rnd;
	int r;

	if (strcmp(snap, "latest") == 0 &&
	    ((r = rst_snapshot_newest(st, profile, key, id, skipped,
	    err)) != 0 || *id != NULL))
		return r;
	if (strcmp(snap, "random") != 0)
		return rst_snapshot_resolve(st, profile, snap, key, id, NULL,
		    err);
	if ((r = rst_snapshot_list(st, profile, &ids, err)) != 0)
		return r;
	if (ids.n == 0) {
		rst_err_reason(err, RST_REASON_NO_SNAPSHOT);
		r = rst_errf(err, RST_ECHECK, "%s: no committed snapshot",
		    profile);
	}
	else if (RAND_bytes((unsigned char *)&rnd, sizeof(rnd)) != 1)
		r = rst_err_ssl(err, RST_EINTERNAL, "random");
	else if ((*id = strdup(ids.v[rnd % ids.n])) == NULL)
		r = rst_errf(err, RST_ENOMEM, "out of memory");
	rst_strlist_release(&ids);
	return r;
}

static void
summarise(struct rst_ctx *ctx, const struct rst_drill_result *res, int r)
{
	json_t *d = rst_drill_journal_data(res, ctx->profile);
	size_t i;
	json_t *v;

	json_object_update(ctx->result, d);
	json_decref(d);
	json_object_set_new(ctx->result, "result",
	    json_string(r == 0 ? "pass" : "fail"));
	if (res->sandbox != NULL)
		json_object_set_new(ctx->result, "sandbox",
		    json_string(res->sandbox));
	if (ctx->json)
		return;
	rst_log_info("drill of %s: %s; %llu files verified, %llu missing, "
	    "%llu changed, %llu extra; RTO %.1fs, RPO %.0fs",
	    res->snapshot, r == 0 ? "PASS (proven restorable)" : "FAIL",
	    (unsigned long long)res->files_verified,
	    (unsigned long long)res->missing, (unsigned long long)res->changed,
	    (unsigned long long)res->extra, res->rto, res->rpo);
	json_array_foreach(res->reasons, i, v)
		rst_log_info("  reason: %s", json_string_value(v));
	if (res->sandbox != NULL)
		rst_log_info("sandbox kept at %s", res->sandbox);
}

/*
 * A committed folder that does not verify, newer than the snapshot drilled
 * or than the one that sets the RPO, is an integrity finding: exit 4 once
 * the drill's own result is recorded (it is not a failure of the snapshot
 * drilled, which the journal must not mark bad).
 */
static int
unverified_found(const struct rst_err *skipped,
    const struct rst_drill_result *res, int r, struct rst_err *err)
{
	if (r != 0 && r != RST_ECHECK)
		return r;
	if (skipped->code == 0 && res->unverified.code == 0)
		return r;
	if (r != 0) {
		rst_log_error("%s", err->msg);
		rst_err_clear(err);
	}
	if (skipped->code != 0)
		return rst_snapshot_newer_finding(skipped, res->snapshot, 0,
		    err);
	return rst_snapshot_finding(&res->unverified, err, "met while "
	    "measuring the RPO of the drill of %s", res->snapshot);
}

enum { OPT_KEEP = 1, OPT_FORCE };

static const struct rst_opt drill_opts[] = {
	{ OPT_KEEP, "keep", 0, false, 0 },
	{ OPT_FORCE, "force", 0, false, 0 },
	{ 0, NULL, 0, false, 0 },
};

static int
cmd_drill_check(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	const char *snap = rst_args_operand(args, 1, "latest");

	(void)ctx;
	if (strcmp(snap, "latest") != 0 && strcmp(snap, "random") != 0 &&
	    !rst_snapshot_id_valid(snap))
		return rst_errf(err, RST_EUSAGE, "%s: not a snapshot id (like "
		    "20261124T185000Z-3f9a1c), \"latest\" or \"random\"",
		    snap);
	return 0;
}

/* Every outcome, once the repository is open, is journaled. */
static int
cmd_drill_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_drill_opts o = {
		.keep = rst_args_has(args, OPT_KEEP), .clock = ctx->now,
		.force = rst_args_has(args, OPT_FORCE),
	};
	struct rst_err skipped = RST_ERR_INIT;
	struct rst_access *a = &ctx->access;
	struct rst_drill_result res;
	struct rst_progress prog;
	char *id = NULL;
	int r;

	rst_drill_result_init(&res);
	o.ids = a->ids;
	if ((r = pick(a->st, ctx->profile->name, rst_args_operand(args, 1,
	    "latest"), a->key, &id, &skipped, err)) == 0) {
		rst_progress_init(&prog, ctx->progress, "manifest", 0);
		r = rst_drill_run(a->st, ctx->profile, id, a->key, &o, &prog,
		    &res, err);
	} else
		snprintf(res.snapshot, sizeof(res.snapshot), "none");
	summarise(ctx, &res, r);
	rst_ctx_record(ctx, rst_drill_journal_data(&res, ctx->profile), r, err,
	    false);
	r = unverified_found(&skipped, &res, r, err);
	rst_drill_result_release(&res);
	free(id);
	return r;
}

const struct rst_cmd rst_cmd_drill = {
	.name = "drill",
	.usage = "[--keep] [--force] PROFILE [SNAP|latest|random]",
	.summary = "test-restore into a sandbox (hashed as written), run "
	    "checks, measure RTO/RPO",
	.min_args = 1, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE | CMD_TAKES_LOCK | CMD_WRITES_JOURNAL |
	    CMD_OPENS_REPO,
	.options = drill_opts,
	.need = RST_NEED_SIGNING | RST_NEED_IDENTITY,
	.check = cmd_drill_check,
	.run = cmd_drill_run,
};
