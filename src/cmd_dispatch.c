/* SPDX-License-Identifier: ISC */
/*
 * The dispatcher: every command's prologue and epilogue, from its table
 * entry.  Options are parsed from the entry's template, the operands
 * counted, the profile loaded with the needs the entry (and the options
 * given) declare, the lock taken, the key and repository opened; after
 * the command ran, its journal record is appended and everything is
 * released in reverse order.  The commands keep only their own logic.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "restorable/cmd.h"
#include "restorable/age.h"
#include "restorable/log.h"
#include "restorable/snapshot.h"
#include "restorable/storage.h"
#include "restorable/tsa.h"

bool
rst_args_has(const struct rst_args *a, int id)
{
	size_t i;

	for (i = 0; i < a->nopts; i++)
		if (a->opts[i].id == id)
			return true;
	return false;
}

const char *
rst_args_value(const struct rst_args *a, int id)
{
	size_t i;

	for (i = a->nopts; i-- > 0;)
		if (a->opts[i].id == id)
			return a->opts[i].value;
	return NULL;
}

const char *
rst_args_operand(const struct rst_args *a, int i, const char *dflt)
{
	return i >= 0 && i < a->nops ? a->ops[i] : dflt;
}

static size_t
count_opts(const struct rst_opt *o)
{
	size_t n = 0;

	while (o != NULL && o[n].id != 0)
		n++;
	return n;
}

/*
 * getopt_long's tables from the entry's options: a long option returns
 * OPT_BASE + its index, a short one its letter.
 */
#define OPT_BASE	256

static int
build_getopt(const struct rst_opt *o, size_t n, struct option **lo,
    char **so)
{
	size_t i, k = 0;

	*lo = calloc(n + 1, sizeof(**lo));
	*so = calloc(2 * n + 1, 1);
	if (*lo == NULL || *so == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		(*lo)[i].name = o[i].name;
		(*lo)[i].has_arg = o[i].has_arg ? required_argument :
		    no_argument;
		(*lo)[i].val = OPT_BASE + (int)i;
		if (o[i].letter != 0) {
			(*so)[k++] = o[i].letter;
			if (o[i].has_arg)
				(*so)[k++] = ':';
		}
	}
	return 0;
}

/* The option's id for what getopt_long returned; 0 for none. */
static int
opt_id(const struct rst_opt *o, size_t n, int c)
{
	size_t i;

	if (c >= OPT_BASE && (size_t)(c - OPT_BASE) < n)
		return o[c - OPT_BASE].id;
	for (i = 0; i < n; i++)
		if (o[i].letter != 0 && o[i].letter == c)
			return o[i].id;
	return 0;
}

static int
parse(const struct rst_cmd *cmd, int argc, char **argv,
    struct rst_args *a, struct rst_err *err)
{
	size_t n = count_opts(cmd->options);
	struct option *lo = NULL;
	char *so = NULL;
	int c, id, r = 0;

	memset(a, 0, sizeof(*a));
	if (build_getopt(cmd->options, n, &lo, &so) != 0 ||
	    (a->opts = calloc((size_t)argc + 1, sizeof(*a->opts))) == NULL) {
		r = rst_errf(err, RST_ENOMEM, "out of memory");
		goto out;
	}
	optind = 0;	/* glibc: full re-initialisation */
	opterr = 0;
	while ((c = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		if (c == '?' || c == ':' || (id = opt_id(cmd->options, n,
		    c)) == 0) {
			r = rst_errf(err, RST_EUSAGE, "%s: unknown option or "
			    "missing value: %s", cmd->name, optind - 1 < argc &&
			    optind > 0 ? argv[optind - 1] : "?");
			goto out;
		}
		a->opts[a->nopts].id = id;
		a->opts[a->nopts++].value = optarg;
	}
	a->ops = argv + optind;
	a->nops = argc - optind;
	if (a->nops < cmd->min_args)
		r = rst_errf(err, RST_EUSAGE, "%s: missing operand", cmd->name);
	else if (cmd->max_args >= 0 && a->nops > cmd->max_args)
		r = rst_errf(err, RST_EUSAGE, "%s: too many operands",
		    cmd->name);
 out:
	free(lo);
	free(so);
	return r;
}

/* The entry's needs, and those of the options given. */
static unsigned
needs(const struct rst_cmd *cmd, const struct rst_args *a)
{
	unsigned need = cmd->need;
	size_t i, n = count_opts(cmd->options);

	for (i = 0; i < n; i++)
		if (rst_args_has(a, cmd->options[i].id))
			need |= cmd->options[i].need;
	return need;
}

int
rst_cmd_dispatch(struct rst_ctx *ctx, const struct rst_cmd *cmd, int argc,
    char **argv, struct rst_err *err)
{
	struct rst_args a;
	int r;

	if ((r = parse(cmd, argc, argv, &a, err)) == 0 && cmd->action != NULL &&
	    strcmp(a.ops[0], cmd->action) != 0)
		r = rst_errf(err, RST_EUSAGE, "%s: unknown action %s",
		    cmd->name, a.ops[0]);
	if (r == 0 &&
	    (cmd->check == NULL || (r = cmd->check(ctx, &a, err)) == 0) &&
	    (cmd->flags & CMD_NEEDS_PROFILE)) {
		r = rst_ctx_load_profile(ctx, a.ops[cmd->profile_arg],
		    needs(cmd, &a), err);
		if (r == 0)
			json_object_set_new(ctx->result, "profile",
			    json_string(ctx->profile->name));
	}
	if (r == 0)
		r = rst_cmd_call(ctx, cmd, &a, err);
	free(a.opts);
	return r;
}

void
rst_ctx_record(struct rst_ctx *ctx, json_t *data, int code,
    const struct rst_err *operr, bool commits)
{
	json_decref(ctx->record);
	ctx->record = data;
	ctx->record_code = code;
	if (operr != NULL)
		ctx->record_err = *operr;
	else
		rst_err_clear(&ctx->record_err);
	ctx->record_commits = commits;
}

/*
 * Append the command's record.  A failed append becomes the command's
 * result when the command itself succeeded (else it is logged): for a committed
 * snapshot, exit 3 naming it (the snapshot stands, its record is what is
 * missing).  An integrity failure (a repository copy of the journal that
 * is not a prefix of the local one: the record is in the local journal)
 * is exit 4, naming the committed snapshot too, and outranks a failed
 * check (4 > 1).
 */
static int
journal(struct rst_ctx *ctx, const struct rst_cmd *cmd, int r,
    struct rst_err *err)
{
	struct rst_err jerr = RST_ERR_INIT;
	const char *snap;

	if (rst_ctx_journal(ctx, ctx->access.st, cmd->name, ctx->record_code,
	    &ctx->record_err, json_incref(ctx->record), &jerr) == 0)
		return r;
	if ((r != 0 || ctx->record_code != 0) &&
	    !(jerr.code == RST_EINTEGRITY && r == RST_ECHECK)) {
		/* The command's own failure is its result: log this one. */
		rst_log_error("%s", jerr.msg);
		return r;
	}
	*err = jerr;
	if (!ctx->record_commits)
		return jerr.code;
	snap = json_string_value(json_object_get(ctx->record, "snapshot"));
	if (jerr.code == RST_EINTEGRITY) {
		rst_err_prefix(err, "snapshot %s committed", snap != NULL ?
		    snap : "?");
		return RST_EINTEGRITY;
	}
	err->code = RST_ESTORAGE;
	rst_err_prefix(err, "snapshot %s committed, but its journal record "
	    "was not written", snap != NULL ? snap : "?");
	return RST_ESTORAGE;
}

static void
close_access(struct rst_access *a)
{
	rst_storage_close(a->st);
	EVP_PKEY_free(a->key);
	rst_age_identities_free(a->ids);
	memset(a, 0, sizeof(*a));
}

/*
 * The key (the signing key for CMD_SIGNS, else the one that verifies),
 * the repository and, when the load needed them, the age identities;
 * close_access() releases what this got, also after a failure.
 */
static int
open_access(struct rst_ctx *ctx, const struct rst_cmd *cmd, bool want_ids,
    struct rst_err *err)
{
	struct rst_access *a = &ctx->access;
	int r;

	if (want_ids &&
	    (r = rst_profile_identities(ctx->profile, &a->ids, err)) != 0)
		return r;
	if ((r = (cmd->flags & CMD_SIGNS) ? rst_ctx_signing_key(ctx, &a->key,
	    err) : rst_ctx_verify_key(ctx, &a->key, err)) != 0)
		return r;
	return rst_storage_open(&ctx->profile->repo, &a->st, err);
}

/* The record the command set, journaled when its entry says so. */
static int
record(struct rst_ctx *ctx, const struct rst_cmd *cmd, int r,
    struct rst_err *err)
{
	if ((cmd->flags & CMD_WRITES_JOURNAL) && ctx->record != NULL)
		return journal(ctx, cmd, r, err);
	if (ctx->record != NULL)
		return rst_errf(err, RST_EINTERNAL, "%s: a journal record, but "
		    "no CMD_WRITES_JOURNAL in its table entry", cmd->name);
	return r;
}

/* What rst_cmd_call() and rst_cmd_record() opened, closed again. */
static int
leave(struct rst_ctx *ctx, int lock, int r)
{
	json_decref(ctx->record);
	ctx->record = NULL;
	close_access(&ctx->access);
	rst_ctx_unlock(ctx, lock);
	return r;
}

int
rst_cmd_call(struct rst_ctx *ctx, const struct rst_cmd *cmd,
    const struct rst_args *a, struct rst_err *err)
{
	int r, lock = -1;

	memset(&ctx->access, 0, sizeof(ctx->access));
	if (cmd->prepare != NULL && (r = cmd->prepare(ctx, a, err)) != 0)
		return r;
	if ((cmd->flags & CMD_NEEDS_PROFILE) &&
	    (cmd->flags & CMD_TAKES_LOCK) &&
	    (r = rst_ctx_lock(ctx, &lock, err)) != 0)
		return r;
	if ((cmd->flags & CMD_OPENS_REPO) &&
	    (r = open_access(ctx, cmd, (needs(cmd, a) & RST_NEED_IDENTITY) != 0,
	    err)) != 0)
		return leave(ctx, lock, r);
	r = cmd->run(ctx, a, err);
	return leave(ctx, lock, record(ctx, cmd, r, err));
}

int
rst_cmd_record(struct rst_ctx *ctx, const struct rst_cmd *cmd, json_t *data,
    struct rst_err *err)
{
	struct rst_err serr = RST_ERR_INIT;
	int r, lock = -1;

	memset(&ctx->access, 0, sizeof(ctx->access));
	rst_ctx_record(ctx, data, 0, NULL, false);
	if ((cmd->flags & CMD_TAKES_LOCK) &&
	    (r = rst_ctx_lock(ctx, &lock, err)) != 0)
		return leave(ctx, lock, r);
	if (rst_storage_open(&ctx->profile->repo, &ctx->access.st, &serr) != 0)
		rst_log_warn("%s: %s (journal not mirrored now)",
		    ctx->profile->name, serr.msg);
	if ((r = record(ctx, cmd, 0, err)) == 0)
		(void)rst_journal_anchor_or_warn(ctx->profile, ctx->access.st);
	return leave(ctx, lock, r);
}
