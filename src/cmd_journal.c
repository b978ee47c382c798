/* SPDX-License-Identifier: ISC */
/*
 * journal verify: check the profile's journal chain, every signature and
 * the signed head, and that the repository copy equals the local one or is
 * a prefix of it (then it is uploaded again).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/storage.h"

extern const struct rst_cmd rst_cmd_journal;

static int
journal_verify(struct rst_ctx *ctx, struct rst_err *err)
{
	struct rst_journal_check chk;
	struct rst_storage *st = NULL;
	EVP_PKEY *key = NULL;
	int r;

	memset(&chk, 0, sizeof(chk));
	if ((r = rst_ctx_verify_key(ctx, &key, err)) == 0 &&
	    (r = rst_storage_open(&ctx->profile->repo, &st, err)) == 0)
		r = rst_journal_verify(ctx->profile, key, st, &chk, err);
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	json_object_set_new(ctx->result, "lines",
	    json_integer((json_int_t)chk.lines));
	if (chk.bad_line != 0)
		json_object_set_new(ctx->result, "first_bad_line",
		    json_integer((json_int_t)chk.bad_line));
	json_object_set_new(ctx->result, "repository_reuploaded",
	    json_boolean(chk.repo_reuploaded));
	if (r == 0 && !ctx->json)
		rst_log_info("journal of %s verified: %llu records, chain, "
		    "signatures and head intact%s", ctx->profile->name,
		    (unsigned long long)chk.lines, chk.repo_reuploaded ?
		    "; repository copy brought up to date" : "");
	rst_storage_close(st);
	EVP_PKEY_free(key);
	return r;
}

static int
cmd_journal_run(struct rst_ctx *ctx, int argc, char **argv,
    struct rst_err *err)
{
	int r;

	if ((r = rst_cmd_check_operands(&rst_cmd_journal, argc - 1, err)) != 0)
		return r;
	if (strcmp(argv[1], "verify") != 0)
		return rst_errf(err, RST_EUSAGE, "journal: unknown action %s",
		    argv[1]);
	if ((r = rst_ctx_load_profile(ctx, argv[2], RST_NEED_VERIFY, err)) != 0)
		return r;
	return journal_verify(ctx, err);
}

const struct rst_cmd rst_cmd_journal = {
	.name = "journal",
	.usage = "verify PROFILE",
	.summary = "check the journal's chain, signatures and head",
	.min_args = 2, .max_args = 2,
	.flags = CMD_NEEDS_PROFILE,
	.run = cmd_journal_run,
};
