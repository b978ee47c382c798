/* SPDX-License-Identifier: ISC */
/*
 * What every command shares: usage lines, loading the profile named on
 * the command line with FILE:LINE diagnostics, its keys and lock, and
 * appending a record to its journal.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "restorable/age.h"
#include "restorable/cmd.h"
#include "restorable/crypto.h"
#include "restorable/journal.h"
#include "restorable/log.h"
#include "restorable/notify.h"
#include "restorable/repo.h"
#include "restorable/snapshot.h"
#include "restorable/storage.h"
#include "restorable/text.h"

void
rst_cmd_usage(const struct rst_cmd *cmd, bool to_stdout)
{
	char lists[512] = "", *line, *save = NULL;

	if (cmd->usage_lists != NULL)
		cmd->usage_lists(lists, sizeof(lists));
	if (!to_stdout) {
		rst_log_diag("usage: restorable %s %s", cmd->name, cmd->usage);
		for (line = strtok_r(lists, "\n", &save); line != NULL;
		    line = strtok_r(NULL, "\n", &save))
			rst_log_diag("%s", line);
		return;
	}
	printf("usage: restorable %s %s%s%s\n", cmd->name, cmd->usage,
	    *lists ? "\n" : "", lists);
	printf("%s\n\nglobal options: -c CONFDIR, -v, -q, --json, "
	    "--no-progress, --progress=json; see restorable(1)\n",
	    cmd->summary);
}

/* 2261-12-31T23:59:59Z, the last second nanoseconds in an int64_t hold. */
#define RST_NOW_MAX	INT64_C(9214646399)

int
rst_ctx_set_now(struct rst_ctx *ctx, const char *arg, struct rst_err *err)
{
	int64_t at;

	if (arg == NULL)
		return 0;
	if (rst_parse_rfc3339(arg, &at) != 0)
		return rst_errf(err, RST_EUSAGE, "%s: --now %s: not an RFC 3339 "
		    "UTC time like 2026-11-24T18:50:00Z", ctx->command, arg);
	/* Times are nanoseconds in an int64_t elsewhere: 1970 to 2261. */
	if (at < 0 || at > RST_NOW_MAX)
		return rst_errf(err, RST_EUSAGE, "%s: --now %s: not between "
		    "1970 and 2261", ctx->command, arg);
	ctx->now.set = true;
	ctx->now.at = at;
	return 0;
}

int
rst_cmd_help_requested(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return 1;
	}
	return 0;
}

int
rst_cmd_out_error(int code, struct rst_err *err)
{
	if (code == RST_EIO)
		code = err->code = RST_ECONFIG;
	return code;
}

static int
writable_dir(const char *path, const char *shown, struct rst_err *err)
{
	struct stat sb;

	if (stat(path, &sb) == -1)
		return rst_errno(err, RST_ECONFIG, "%s", shown);
	if (!S_ISDIR(sb.st_mode))
		return rst_errf(err, RST_ECONFIG, "%s: not a folder", shown);
	if (access(path, W_OK | X_OK) == -1)
		return rst_errno(err, RST_ECONFIG, "%s: cannot write there",
		    shown);
	return 0;
}

int
rst_cmd_check_out_dir(const char *path, struct rst_err *err)
{
	struct stat sb;
	char *up, *slash;
	int r;

	if (stat(path, &sb) == 0 || errno != ENOENT)
		return writable_dir(path, path, err);
	if ((up = strdup(path)) == NULL)
		return rst_errf(err, RST_ENOMEM, "out of memory");
	/* The nearest existing ancestor must be a writable folder. */
	for (;;) {
		while ((slash = strrchr(up, '/')) != NULL && slash[1] == '\0' &&
		    slash != up)
			*slash = '\0';
		if ((slash = strrchr(up, '/')) == NULL)
			break;
		slash[slash == up ? 1 : 0] = '\0';
		if (stat(up, &sb) == 0 || errno != ENOENT)
			break;
	}
	r = writable_dir(slash != NULL ? up : ".", path, err);
	free(up);
	return r;
}

struct diag_ctx {
	json_t	*problems;
	size_t	 n;
};

void
rst_ctx_print_diag(void *arg, const char *line)
{
	struct diag_ctx *d = arg;

	rst_log_diag("%s", line);
	if (d == NULL)
		return;
	d->n++;
	if (d->problems != NULL)
		json_array_append_new(d->problems, rst_json_text(line));
}

int
rst_ctx_load_profile(struct rst_ctx *ctx, const char *arg, unsigned need,
    struct rst_err *err)
{
	struct diag_ctx d = { 0 };
	int r;

	if (ctx->json && ctx->result != NULL)
		d.problems = json_array();
	r = rst_profile_open(ctx->confdir, arg, need, rst_ctx_print_diag, &d,
	    &ctx->profile, err);
	if (r == RST_ECONFIG)
		ctx->problems_shown = d.n;
	if (d.problems != NULL) {
		if (json_array_size(d.problems) > 0)
			json_object_set(ctx->result, "problems", d.problems);
		json_decref(d.problems);
	}
	return r;
}

int
rst_ctx_verify_key(struct rst_ctx *ctx, EVP_PKEY **out, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;

	if (p->verify_key != NULL)
		return rst_key_load_public(p->verify_key, out, err);
	if (p->signing_key != NULL)
		return rst_key_load_private(p->signing_key, out, err);
	return rst_errf(err, RST_ECONFIG, "%s: needs signing_key or verify_key",
	    p->file);
}

int
rst_ctx_signing_key(struct rst_ctx *ctx, EVP_PKEY **out, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;

	if (p->signing_key == NULL)
		return rst_errf(err, RST_ECONFIG, "%s: signing_key is required "
		    "for this command", p->file);
	return rst_key_load_private(p->signing_key, out, err);
}

int
rst_ctx_journal(struct rst_ctx *ctx, struct rst_storage *st, const char *kind,
    int code, const struct rst_err *operr, json_t *data, struct rst_err *err)
{
	const struct rst_profile *p = ctx->profile;
	struct rst_journal_rec rec = {
		.kind = kind, .code = code, .operr = operr, .data = data,
		.clock = &ctx->now,
	};
	EVP_PKEY *key = NULL;
	int r;

	if (p == NULL || p->signing_key == NULL) {
		json_decref(data);
		return 0;
	}
	if ((r = rst_key_load_private(p->signing_key, &key, err)) == 0)
		r = rst_journal_append(p, key, st, &rec, err);
	if (r != 0)
		rst_err_prefix(err, "journal");
	else if ((r = rst_metrics_write(p, key, st, err)) != 0)
		rst_err_prefix(err, "metrics");
	EVP_PKEY_free(key);
	json_decref(data);
	return r;
}

int
rst_ctx_lock(struct rst_ctx *ctx, int *fd, struct rst_err *err)
{
	*fd = -1;
	if (ctx->lock_held)
		return 0;
	return rst_lock_take(ctx->profile, ctx->command, fd, NULL, err);
}

void
rst_ctx_unlock(struct rst_ctx *ctx, int fd)
{
	(void)ctx;
	rst_lock_release(fd);
}
