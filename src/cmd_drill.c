/* SPDX-License-Identifier: ISC */
/*
 * drill: test-restore a snapshot (latest by default, or random) into a
 * sandbox, prove every file, run the checks, measure RTO/RPO, journal it.
 */
#include "config.h"

#include <getopt.h>
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

extern const struct rst_cmd rst_cmd_drill;

static int
pick(struct rst_storage *st, const char *profile, const char *snap,
    EVP_PKEY *key, char **id, struct rst_err *err)
{
	struct rst_strlist ids;
	unsigned int rnd;
	int r;

	if (strcmp(snap, "random") != 0)
		return rst_snapshot_resolve(st, profile, snap, key, id, err);
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

static int
run_drill(struct rst_ctx *ctx, const char *snap, bool keep, bool force,
    struct rst_err *err)
{
	struct rst_drill_opts o = { keep, 0, NULL, force };
	struct rst_drill_result res;
	struct rst_progress prog;
	struct rst_access a;
	char *id = NULL;
	int r, lock = -1;

	rst_drill_result_init(&res);
	memset(&a, 0, sizeof(a));
	if ((r = rst_ctx_lock(ctx, &lock, err)) != 0 ||
	    (r = rst_ctx_access_open(ctx, true, &a, err)) != 0)
		goto out;
	o.ids = a.ids;
	/* From here on, every outcome is journaled. */
	if ((r = pick(a.st, ctx->profile->name, snap, a.key, &id, err)) == 0) {
		rst_progress_init(&prog, ctx->progress, "manifest", 0);
		r = rst_drill_run(a.st, ctx->profile, id, a.key, &o, &prog,
		    &res, err);
	} else
		snprintf(res.snapshot, sizeof(res.snapshot), "none");
	summarise(ctx, &res, r);
	rst_ctx_journal_result(ctx, a.st, "drill",
	    rst_drill_journal_data(&res, ctx->profile), &r, err);
 out:
	rst_drill_result_release(&res);
	rst_ctx_access_close(&a);
	free(id);
	rst_ctx_unlock(ctx, lock);
	return r;
}

static int
cmd_drill_run(struct rst_ctx *ctx, int argc, char **argv, struct rst_err *err)
{
	static const struct option opts[] = {
		{ "keep", no_argument, NULL, 'k' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char *snap;
	bool keep = false, force = false;
	int c, r;

	rst_cmd_getopt_reset();
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'k')
			keep = true;
		else if (c == 'f')
			force = true;
		else
			return rst_cmd_bad_option(&rst_cmd_drill, argc, argv,
			    err);
	}
	if ((r = rst_cmd_check_operands(&rst_cmd_drill, argc - optind,
	    err)) != 0)
		return r;
	snap = optind + 1 < argc ? argv[optind + 1] : "latest";
	if (strcmp(snap, "latest") != 0 && strcmp(snap, "random") != 0 &&
	    !rst_snapshot_id_valid(snap))
		return rst_errf(err, RST_EUSAGE, "%s: not a snapshot id (like "
		    "20261124T185000Z-3f9a1c), \"latest\" or \"random\"",
		    snap);
	if ((r = rst_ctx_load_profile(ctx, argv[optind], RST_NEED_SIGNING |
	    RST_NEED_IDENTITY, err)) != 0)
		return r;
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	return run_drill(ctx, snap, keep, force, err);
}

const struct rst_cmd rst_cmd_drill = {
	.name = "drill",
	.usage = "[--keep] [--force] PROFILE [SNAP|latest|random]",
	.summary = "test-restore into a sandbox (hashed as written), run "
	    "checks, measure RTO/RPO",
	.min_args = 1, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE | CMD_TAKES_LOCK | CMD_WRITES_JOURNAL,
	.run_argv = cmd_drill_run,
};
