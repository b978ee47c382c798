/* SPDX-License-Identifier: ISC */
/*
 * restorable: global options, command lookup, and the mapping of the
 * command's result to the documented exit status.  Global options are
 * accepted before or after the command name.
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <curl/curl.h>
#include <jansson.h>

#include "restorable/cmd.h"
#include "restorable/log.h"
#include "restorable/text.h"
#include "restorable/util.h"

static void
usage(FILE *f)
{
	size_t i;

	if (rst_log_json())
		return;		/* stderr carries JSON lines only */
	fprintf(f, "usage: restorable [-c CONFDIR] [-v|-q] [--json] "
	    "[--no-progress | --progress=json] COMMAND [ARGS]\n\n"
	    "commands:\n");
	for (i = 0; rst_commands[i] != NULL; i++)
		fprintf(f, "  %-13s %s\n", rst_commands[i]->name,
		    rst_commands[i]->summary);
	fprintf(f, "\n'restorable COMMAND --help' describes a command; "
	    "see restorable(1).\n");
}

/*
 * Take the global options out of argv wherever they stand (up to "--"),
 * leaving the command and its own arguments in order.
 */
/* --progress=WHEN: "json", "auto" (a bar on a terminal) or "none". */
static int
progress_mode(const char *when, bool *no_progress)
{
	if (strcmp(when, "json") == 0)
		rst_log_set_json(true);
	else if (strcmp(when, "none") == 0)
		*no_progress = true;
	else if (strcmp(when, "auto") != 0)
		return -1;
	return 0;
}

static int
take_globals(struct rst_ctx *ctx, int *argc, char **argv, int *verbosity,
    bool *no_progress)
{
	int i, n = 0;
	bool rest = false;

	for (i = 1; i < *argc; i++) {
		const char *a = argv[i];

		if (rest || strcmp(a, "--") == 0) {
			rest = true;
			argv[++n] = argv[i];
		} else if (strcmp(a, "-c") == 0 || strcmp(a, "--config") == 0) {
			if (i + 1 >= *argc)
				return -1;
			ctx->confdir = argv[++i];
		} else if (strncmp(a, "--config=", 9) == 0)
			ctx->confdir = a + 9;
		else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
			*verbosity = RST_LOG_VERBOSE;
		else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
			*verbosity = RST_LOG_QUIET;
		else if (strcmp(a, "--json") == 0)
			ctx->json = true;
		else if (strcmp(a, "--no-progress") == 0)
			*no_progress = true;
		else if (strncmp(a, "--progress=", 11) == 0) {
			if (progress_mode(a + 11, no_progress) != 0)
				return -2;
		} else
			argv[++n] = argv[i];
	}
	*argc = n + 1;
	argv[*argc] = NULL;
	return 0;
}

static void
on_signal(int sig)
{
	rst_interrupted = sig;
}

static void
install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/*
 * Keys and passphrases live in this process's memory: no core file, and
 * no ptrace or /proc/PID/mem access by other processes of the same user.
 */
static void
no_core_dumps(void)
{
	struct rlimit rl = { 0, 0 };

	if (setrlimit(RLIMIT_CORE, &rl) != 0 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
		fprintf(stderr, "restorable: warning: cannot disable core "
		    "dumps\n");
}

static const struct rst_cmd *
find_command(const char *name)
{
	size_t i;

	for (i = 0; rst_commands[i] != NULL; i++)
		if (strcmp(rst_commands[i]->name, name) == 0)
			return rst_commands[i];
	return NULL;
}

static int
finish(struct rst_ctx *ctx, const struct rst_cmd *cmd, int code,
    const struct rst_err *err)
{
	int status = rst_exit_code(code);

	/* A profile's problems were printed as FILE:LINE lines already. */
	if (code == RST_ECONFIG && ctx->problems_shown > 1)
		rst_log_error("%zu problems in the profile (above)",
		    ctx->problems_shown);
	else if (code != 0 && !(code == RST_ECONFIG &&
	    ctx->problems_shown == 1))
		rst_log_error("%s", err->msg[0] ? err->msg : "failed");
	if (ctx->json) {
		json_t *o = ctx->result ? ctx->result : json_object();

		json_object_set_new(o, "command",
		    json_string(cmd ? cmd->name : ""));
		json_object_set_new(o, "exit", json_integer(status));
		if (code != 0) {
			struct rst_reason why;

			rst_err_get_reason(err, code, &why);
			json_object_set_new(o, "reason", rst_reason_json(&why,
			    ctx->profile != NULL && ctx->profile->encrypted));
			json_object_set_new(o, "error", rst_json_text(err->msg));
		}
		(void)rst_json_dumpf(o, stdout, JSON_INDENT(2));
		fputc('\n', stdout);
		json_decref(o);
		ctx->result = NULL;
	}
	return status;
}

int
main(int argc, char **argv)
{
	struct rst_ctx ctx = { 0 };
	struct rst_err err = RST_ERR_INIT;
	const struct rst_cmd *cmd;
	int verbosity = RST_LOG_NORMAL, r;
	bool no_progress = false;

	no_core_dumps();
	/* Names are bytes; UTF-8 keeps pax headers portable (even from cron). */
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	if ((r = take_globals(&ctx, &argc, argv, &verbosity,
	    &no_progress)) != 0) {
		rst_log_error("%s", r == -1 ? "-c needs a folder" :
		    "--progress: expected json, auto or none");
		usage(stderr);
		return RST_EXIT_USAGE;
	}
	rst_log_set_level(verbosity);
	ctx.progress = rst_log_json() || (!no_progress && !ctx.json &&
	    verbosity != RST_LOG_QUIET);
	if (argc < 2) {
		usage(stderr);
		return RST_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0)
		argv[1] = (char *)"version";
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return RST_EXIT_OK;
	}
	if ((cmd = find_command(argv[1])) == NULL) {
		rst_log_error("%s: unknown %s", argv[1],
		    argv[1][0] == '-' ? "option" : "command");
		usage(stderr);
		return RST_EXIT_USAGE;
	}
	if (rst_cmd_help_requested(argc - 1, argv + 1)) {
		rst_cmd_usage(cmd, true);
		return RST_EXIT_OK;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		rst_log_error("libcurl initialisation failed");
		return RST_EXIT_INTERNAL;
	}
	ctx.result = json_object();
	ctx.command = cmd->name;
	install_signals();
	r = rst_cmd_dispatch(&ctx, cmd, argc - 1, argv + 1, &err);
	if (r == RST_EUSAGE)
		rst_cmd_usage(cmd, false);
	r = finish(&ctx, cmd, r, &err);
	rst_profile_free(ctx.profile);
	json_decref(ctx.result);
	curl_global_cleanup();
	return r;
}
