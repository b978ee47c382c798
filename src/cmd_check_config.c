/* SPDX-License-Identifier: ISC */
/* check-config: validate a profile; every problem as FILE:LINE: message. */
#include "config.h"

#include <stdio.h>

#include "restorable/cmd.h"

extern const struct rst_cmd rst_cmd_check_config;

static int
cmd_check_config_run(struct rst_ctx *ctx, int argc, char **argv,
    struct rst_err *err)
{
	int r;

	if (argc > 1 && argv[1][0] == '-' && argv[1][1] != '\0')
		return rst_errf(err, RST_EUSAGE, "check-config: unknown option "
		    "%s", argv[1]);
	if ((r = rst_cmd_check_operands(&rst_cmd_check_config, argc - 1,
	    err)) != 0)
		return r;
	if ((r = rst_ctx_load_profile(ctx, argv[1], RST_NEED_PATHS |
	    RST_NEED_VERIFY | RST_NEED_STRICT, err)) != 0)
		return r;
	json_object_set_new(ctx->result, "profile",
	    json_string(ctx->profile->name));
	json_object_set_new(ctx->result, "file",
	    json_string(ctx->profile->file));
	if (!ctx->json)
		printf("%s: profile %s is valid\n", ctx->profile->file,
		    ctx->profile->name);
	return 0;
}

const struct rst_cmd rst_cmd_check_config = {
	.name = "check-config",
	.usage = "PROFILE",
	.summary = "validate a profile (every problem as FILE:LINE: message)",
	.min_args = 1, .max_args = 1,
	.flags = CMD_NEEDS_PROFILE,
	.run = cmd_check_config_run,
};
