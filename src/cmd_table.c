/* SPDX-License-Identifier: ISC */
/* The command table, in --help order. */
#include "config.h"

#include <stddef.h>

#include "restorable/cmd.h"

extern const struct rst_cmd rst_cmd_keygen, rst_cmd_check_config,
    rst_cmd_backup, rst_cmd_list, rst_cmd_ls, rst_cmd_find, rst_cmd_diff,
    rst_cmd_verify, rst_cmd_restore,
    rst_cmd_drill, rst_cmd_run, rst_cmd_prune, rst_cmd_report, rst_cmd_journal,
    rst_cmd_notify, rst_cmd_version;

const struct rst_cmd *const rst_commands[] = {
	&rst_cmd_keygen,
	&rst_cmd_check_config,
	&rst_cmd_backup,
	&rst_cmd_list,
	&rst_cmd_ls, &rst_cmd_find, &rst_cmd_diff,
	&rst_cmd_verify,
	&rst_cmd_restore,
	&rst_cmd_drill,
	&rst_cmd_run,
	&rst_cmd_prune,
	&rst_cmd_report,
	&rst_cmd_journal,
	&rst_cmd_notify,
	&rst_cmd_version,
	NULL,
};
