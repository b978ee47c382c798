/* SPDX-License-Identifier: ISC */
/*
 * Logging to stderr, one line per event.  The level is the only process-wide
 * mutable setting; main() sets it once.  Messages never carry secrets.
 */
#ifndef RESTORABLE_LOG_H
#define RESTORABLE_LOG_H

#include "restorable/err.h"

enum rst_log_level {
	RST_LOG_QUIET = 0,	/* errors only */
	RST_LOG_NORMAL = 1,	/* + warnings and info */
	RST_LOG_VERBOSE = 2,	/* + debug */
};

void	rst_log_set_level(int level);
int	rst_log_get_level(void);
void	rst_log_error(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_warn(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_info(const char *fmt, ...) RST_PRINTF(1, 2);
void	rst_log_debug_(const char *func, const char *fmt, ...) RST_PRINTF(2, 3);
#define rst_log_debug(...)	rst_log_debug_(__func__, __VA_ARGS__)

#endif
