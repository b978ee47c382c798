/* SPDX-License-Identifier: ISC */
/*
 * The command table: one line per command, src/cmd_NAME.c defining
 * rst_cmd_NAME, in --help order.  Dispatch, --help and usage read it.
 */
#include "config.h"

#include <stddef.h>

#include "restorable/cmd.h"

#define COMMANDS(X)		\
	X(keygen)		\
	X(check_config)		\
	X(backup)		\
	X(list)			\
	X(ls)			\
	X(find)			\
	X(diff)			\
	X(verify)		\
	X(restore)		\
	X(drill)		\
	X(run)			\
	X(prune)		\
	X(report)		\
	X(journal)		\
	X(notify)		\
	X(version)

#define DECLARE(n)	extern const struct rst_cmd rst_cmd_##n;
#define ENTRY(n)	&rst_cmd_##n,
COMMANDS(DECLARE)

const struct rst_cmd *const rst_commands[] = {
	COMMANDS(ENTRY)
	NULL,
};
