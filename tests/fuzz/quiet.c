/* SPDX-License-Identifier: ISC */
/*
 * The LLVMFuzzerInitialize of the harnesses that need nothing set up but
 * a quiet log (the parsers' warnings would drown libFuzzer's output).
 */
#include "config.h"

#include "restorable/log.h"

#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rst_log_set_level(RST_LOG_QUIET);
	return 0;
}
