/* SPDX-License-Identifier: ISC */
/*
 * check-config: validate profiles; every problem as FILE:LINE: message.
 * Beyond the syntax and the keys, it opens what the profile's commands
 * will open later (signing and verify keys, the age identity) and, with
 * --connect, the repository itself: login, host key or certificate, a
 * listing of the profile's folder, and a write and delete of a temp
 * object, so a mistake shows today instead of at the first night's backup.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "restorable/age.h"
#include "restorable/cmd.h"
#include "restorable/crypto.h"
#include "restorable/log.h"
#include "restorable/repo.h"
#include "restorable/storage.h"
#include "restorable/text.h"
#include "restorable/tsa.h"
#include "restorable/util.h"

/* Print "FILE: what: message" for a problem found past the loader. */
static int
problem(const struct rst_profile *p, const char *what, struct rst_err *e)
{
	rst_log_diag("%s: %s: %s", p->file, what, e->msg);
	return e->code != 0 ? e->code : RST_ECONFIG;
}

/* The keys the profile's commands will load, loaded now. */
static int
check_keys(const struct rst_profile *p)
{
	struct rst_age_identities *ids = NULL;
	struct rst_err e = RST_ERR_INIT;
	EVP_PKEY *k = NULL;
	int r = 0;

	if (p->signing_key != NULL &&
	    rst_key_load_private(p->signing_key, &k, &e) != 0)
		r = problem(p, "signing_key", &e);
	EVP_PKEY_free(k);
	k = NULL;
	rst_err_clear(&e);
	if (p->verify_key != NULL &&
	    rst_key_load_public(p->verify_key, &k, &e) != 0)
		r = problem(p, "verify_key", &e);
	EVP_PKEY_free(k);
	rst_err_clear(&e);
	if (p->identity_file != NULL &&
	    rst_age_identities_load(p->identity_file, &ids, &e) != 0)
		r = problem(p, "encryption.identity_file", &e);
	else if (p->identity_file == NULL && p->recipients.n > 0)
		rst_log_warn("%s: encryption.identity_file is not set: "
		    "backups work, restore and drill will need it", p->file);
	rst_age_identities_free(ids);
	rst_err_clear(&e);
	if (p->tsa_ca_file != NULL && rst_tsa_check_ca(p->tsa_ca_file, &e) != 0)
		r = problem(p, "timestamp.tsa_ca_file", &e);
	return r;
}

static int
count_cb(void *arg, const char *name, const struct rst_objinfo *info)
{
	(void)name;
	(void)info;
	(*(size_t *)arg)++;
	return 0;
}

/* Log in, list the profile's snapshots, write and delete a temp object. */
static int
check_connect(const struct rst_profile *p, json_t *steps)
{
	struct rst_storage *st = NULL;
	struct rst_err e = RST_ERR_INIT;
	unsigned char rnd[8];
	char *prefix = NULL, *probe = NULL;
	size_t n = 0;
	int r;

	if (RAND_bytes(rnd, sizeof(rnd)) != 1)
		return rst_errf(&e, RST_EINTERNAL, "no random bytes");
	prefix = rst_repo_snapshots(p->name);
	probe = rst_strdupf("%s.tmp-check-config-%02x%02x%02x%02x"
	    "%02x%02x%02x%02x", prefix ? prefix : "", rnd[0], rnd[1], rnd[2],
	    rnd[3], rnd[4], rnd[5], rnd[6], rnd[7]);
	if (prefix == NULL || probe == NULL) {
		r = rst_errf(&e, RST_ENOMEM, "out of memory");
		goto out;
	}
	if ((r = rst_storage_open(&p->repo, &st, &e)) != 0)
		goto out;
	if ((r = rst_storage_list(st, prefix, true, count_cb, &n, &e)) != 0) {
		rst_err_prefix(&e, "list %s", prefix);
		goto out;
	}
	json_array_append_new(steps, json_pack("{s:s, s:I}", "step", "list",
	    "objects", (json_int_t)n));
	rst_log_info("%s: %s: listed %s (%zu objects)", p->file, st->url,
	    prefix, n);
	if ((r = rst_storage_put_buf(st, probe, "restorable\n", 11, &e)) != 0 ||
	    (r = rst_storage_del(st, probe, &e)) != 0) {
		rst_err_prefix(&e, "write and delete %s", probe);
		goto out;
	}
	json_array_append_new(steps, json_pack("{s:s}", "step",
	    "write+delete"));
	rst_log_info("%s: %s: wrote and deleted %s", p->file, st->url, probe);
 out:
	if (r != 0)
		r = problem(p, "repository (--connect)", &e);
	rst_storage_close(st);
	free(prefix);
	free(probe);
	return r;
}

/* One profile: load (problems printed by the loader), keys, repository. */
static int
check_one(struct rst_ctx *ctx, const char *arg, bool connect, json_t *out)
{
	struct rst_err err = RST_ERR_INIT;
	json_t *steps = json_array();
	int r;

	if ((r = rst_ctx_load_profile(ctx, arg, RST_NEED_PATHS |
	    RST_NEED_VERIFY | RST_NEED_STRICT, &err)) != 0) {
		if (ctx->problems_shown == 0)
			rst_log_diag("%s: %s", arg, err.msg);
		json_array_append_new(out, json_pack("{s:o, s:i, s:o}",
		    "file", rst_json_text(arg), "exit", rst_exit_code(r),
		    "error", rst_json_text(err.msg)));
		ctx->problems_shown = 0;
		json_decref(steps);
		return rst_exit_code(r);
	}
	r = check_keys(ctx->profile);
	if (r == 0 && connect)
		r = check_connect(ctx->profile, steps);
	json_array_append_new(out, json_pack("{s:s, s:s, s:i, s:o}", "profile",
	    ctx->profile->name, "file", ctx->profile->file, "exit",
	    rst_exit_code(r), "connect", steps));
	if (r == 0 && !ctx->json)
		printf("%s: profile %s is valid%s\n", ctx->profile->file,
		    ctx->profile->name, connect ? ", its repository answers" :
		    "");
	rst_profile_free(ctx->profile);
	ctx->profile = NULL;
	return rst_exit_code(r);
}

/* The site file CONFDIR/restorable.conf, when there is one. */
static int
check_site(struct rst_ctx *ctx)
{
	struct rst_profile *site = NULL;
	struct rst_err e = RST_ERR_INIT;

	if (rst_site_load(ctx->confdir, rst_ctx_print_diag, NULL, &site,
	    &e) != 0) {
		rst_log_diag("%s/restorable.conf: site file has problems "
		    "(above)", rst_confdir(ctx->confdir));
		return rst_exit_code(e.code);
	}
	if (site != NULL && !ctx->json)
		printf("%s: site file is valid\n", site->file);
	rst_profile_free(site);
	return 0;
}

enum { OPT_CONNECT = 1 };

static const struct rst_opt check_config_opts[] = {
	{ OPT_CONNECT, "connect", 0, false, 0 },
	{ 0, NULL, 0, false, 0 },
};

/* Each PROFILE, or every one of CONFDIR, loaded and checked in turn. */
static int
cmd_check_config_run(struct rst_ctx *ctx, const struct rst_args *args,
    struct rst_err *err)
{
	struct rst_strlist profiles;
	json_t *out;
	bool connect = rst_args_has(args, OPT_CONNECT);
	size_t i;
	int r, worst;

	worst = check_site(ctx);
	if ((r = rst_profile_list(ctx->confdir, args->ops, (size_t)args->nops,
	    &profiles, err)) != 0)
		return r;
	out = json_array();
	for (i = 0; i < profiles.n; i++)
		worst = rst_exit_worst(worst, check_one(ctx, profiles.v[i],
		    connect, out));
	rst_strlist_release(&profiles);
	json_object_set_new(ctx->result, "profiles", out);
	if (worst != 0)
		return rst_errf(err, rst_code_for_exit(worst), "check-config: "
		    "exit %d (problems above)", worst);
	return 0;
}

const struct rst_cmd rst_cmd_check_config = {
	.name = "check-config",
	.usage = "[--connect] [PROFILE...]",
	.summary = "validate profiles (every problem as FILE:LINE: message)",
	.min_args = 0, .max_args = -1,
	.options = check_config_opts,
	.run = cmd_check_config_run,
};
